"""One extractor per record type; each reads an analysed Document and returns records."""

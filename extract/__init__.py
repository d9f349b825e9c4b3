"""gem-extract: rule-based bilingual extraction of GeM procurement facts from news articles."""
__version__ = "0.1.0"

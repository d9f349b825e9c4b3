"""The text stages of one article: read the file (`reader`; saved web pages through trafilatura in
`webpage`, JSONL archives line by line in `archive`), lay out its lines into title,
paragraphs and boilerplate (`layout`), split sentences (`sentences`), and join all of that with
the number layer and the gazetteers into the analysed `document` the extractors read.

Offsets are carried from the text as read through every stage; nothing here searches for them.
"""

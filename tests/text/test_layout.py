"""Layout and sentences as data: which lines are boilerplate, which are headlines, where sentences end."""
from __future__ import annotations

import pytest

from extract.text.layout import analyse
from extract.text.sentences import split

LAYOUT_CASES = [
    # (id, text, [(line start, kind)])
    ("related-news-run", "शीर्षक\n\nपहला वाक्य है।\n\nये भी पढ़ें- जेम पर 500 करोड़ का ऑर्डर\n\nदूसरी खबर का शीर्षक\n\nTAGGED:\nजेम\nGEM EVENT",
     [("शीर्षक", "title"), ("पहला", "paragraph"), ("ये भी", "related"), ("दूसरी", "related"), ("TAGGED", "tags"),
      ("जेम\n", "tags"), ("GEM EVENT", "tags")]),
    ("caption-and-byline", "Title line\n\nकार्यक्रम में अधिकारी (Photo: PTI)\nBy Our Correspondent\nPublished : January 19, 2026\nबात हुई।",
     [("Title", "title"), ("कार्यक्रम", "caption"), ("By Our", "byline"), ("Published", "byline"), ("बात", "paragraph")]),
    ("ticker-url-advert", "LIVE: Sensex 81,234\nhttps://example.com/gem-1200-crore\nशीर्षक\nAdvertisement\nपाठ है।",
     [("LIVE", "ticker"), ("https", "url"), ("शीर्षक", "title"), ("Advertisement", "advert"), ("पाठ", "paragraph")]),
    ("masthead-above-title", "Press Information Bureau\nGovernment of India\n\nGeM records high GMV\n\nNew Delhi, 1 May 2026: text.",
     [("Press", "masthead"), ("Government", "masthead"), ("GeM records", "title"), ("New Delhi", "paragraph")]),
    ("heading-between-paragraphs", "शीर्षक\n\nपहला अनुच्छेद है।\n\nजेम पर बढ़ी खरीद\n\nदूसरा अनुच्छेद है।",
     [("शीर्षक", "title"), ("पहला", "paragraph"), ("जेम पर", "heading"), ("दूसरा", "paragraph")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in LAYOUT_CASES], ids=[c[0] for c in LAYOUT_CASES])
def test_layout(text, expected):
    blocks = analyse(text).blocks
    got = [(text[b.start:b.end], b.kind) for b in blocks]
    assert len(got) == len(expected), got
    for (block_text, kind), (prefix, want) in zip(got, expected):
        assert block_text.startswith(prefix.rstrip("\n")) and kind == want, (block_text, kind, prefix, want)


def test_amount_split_over_a_line_break_is_one_paragraph():
    text = "शीर्षक\n\nविक्रेताओं को 4,318\nकरोड़ रुपये के ऑर्डर मिले।"
    paras = [b for b in analyse(text).blocks if b.kind == "paragraph"]
    assert len(paras) == 1 and text[paras[0].start:paras[0].end].endswith("मिले।")


SENTENCE_CASES = [
    ("danda", "पहला वाक्य। दूसरा वाक्य।", ["पहला वाक्य।", "दूसरा वाक्य।"]),
    ("abbreviations", "डॉ. नेहा जैन और श्री. राम आए। Rs. 5 crore went to Ltd. firms. Next one.",
     ["डॉ. नेहा जैन और श्री. राम आए।", "Rs. 5 crore went to Ltd. firms.", "Next one."]),
    ("decimals-and-initials", "1.5 लाख ऑर्डर हुए. Shri A. K. Singh spoke? Yes!", ["1.5 लाख ऑर्डर हुए.", "Shri A. K. Singh spoke?", "Yes!"]),
    ("quote-closes-sentence", "उन्होंने कहा, 'ठीक है।' फिर गए।", ["उन्होंने कहा, 'ठीक है।'", "फिर गए।"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES])
def test_sentences(text, expected):
    full = "शीर्षक\n\n" + text
    got = [full[s.start:s.end] for s in split(analyse(full))][1:]
    assert got == expected

"""awards' English untiered patterns are searched only in a clause whose case folding holds one of their cue
words: every match holds one (so the gate skips only clauses with no match), over every corpus text and
strings built around the cues; on an ASCII clause the stdlib copies of the patterns match as the `regex` ones do."""
from __future__ import annotations

import sys
from pathlib import Path

import regex

from extract.extractors import awards
from extract.normalise import normalise

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_every_match_of_an_untiered_pattern_holds_one_of_its_cues():
    texts = []
    for folder in (CORPUS, CORPUS / "real", CORPUS / "written"):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            texts += [text, normalise(text).norm]
    texts += ["Gold Award went to Pune Municipal Corporation", "The winners were the Tripura Police",
              "Goa Shipyard was felicitated", "NTPC's award", "Indore was given a Special Jury Award",
              "RITES bagged the Best Buyer trophy", "THE AWARD FOR X WENT TO Y", "The winner was Kerala"]
    assert len(awards._READERS.untiered) == len(awards._UNTIERED_EN_CUES)
    matched = 0
    for pat, cues in zip(awards._READERS.untiered, awards._UNTIERED_EN_CUES):
        for text in texts:
            for m in pat.finditer(text):
                matched += 1
                assert any(c in m.group().casefold() for c in cues), (m.group(), cues)
    assert matched


def test_a_character_matching_a_cue_letter_ignoring_case_folds_to_it():
    letters = sorted({c for cues in awards._UNTIERED_EN_CUES for cue in cues for c in cue})
    any_letter = regex.compile("(?-f)(?i:[" + regex.escape("".join(letters)) + "])", regex.V1)
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if any_letter.fullmatch(c):
            for letter in letters:
                if regex.fullmatch("(?-f)(?i:" + regex.escape(letter) + ")", c, regex.V1):
                    assert letter in c.casefold(), (hex(cp), letter)


def test_a_respectively_match_holds_the_word():
    text = "Pune and Indore bagged the Gold and Silver awards for procurement respectively."
    m = awards._RESPECTIVELY.search(text)
    assert m and "respectively" in m.group()
    assert awards._RESPECTIVELY.search(text.replace("respectively", "Respectively")) is None  # case-sensitive


def test_an_ascii_clause_is_read_alike_by_the_stdlib_and_the_regex_patterns():
    texts = ["Gold Award went to Pune Municipal Corporation", "The winners were the Tripura Police",
             "Goa Shipyard was felicitated", "NTPC's award", "Indore was given a Special Jury Award",
             "RITES bagged the Best Buyer trophy", "THE AWARD FOR X WENT TO Y", "The winner was Kerala",
             "the award went to Border Roads Organisation (BRO) and Warangal district administration\x1c was",
             "AWARD\tWENT\x0bTO\x0cIndian_Railways railwaysx Won THE award", "x-award went to A-B&C (D.E) Railway",
             "FOR ''order\nvalue'' the award\x1cwent to X", 'won "Best\x1f Buyer " for\x1cthe sake for how', "for_x forthe for its\n"]
    for folder in (CORPUS, CORPUS / "real", CORPUS / "written"):
        for path in sorted(folder.glob("*.txt")):
            norm = normalise(path.read_text(encoding="utf-8")).norm
            texts += [line for line in norm.splitlines() if line.isascii()]
    matched = 0
    for ascii_pat, regex_pat in zip(awards._ASCII_READERS.untiered + awards._ASCII_READERS[1:],
                                    awards._READERS.untiered + awards._READERS[1:]):
        for text in texts:
            for pos in range(0, len(text), 7):  # from inside the text too: the look-behind of \b
                for find in ("search", "match"):
                    a = getattr(ascii_pat, find)(text, pos, len(text))
                    b = getattr(regex_pat, find)(text, pos, len(text))
                    assert (a and a.regs) == (b and b.regs), (text, pos)
                    matched += b is not None
    assert matched > 100

"""Sentence ends: found with str.find, they are those the pattern [।॥?!]+|\\.(?!\\d) finds."""
from pathlib import Path

import regex

from extract.text.sentences import _end_chars, _ends

_PATTERN = regex.compile(r"[।॥?!]+|\.(?!\d)")


def _texts() -> list[str]:
    root = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(root.rglob("*.txt"))]
    return texts + ["", ".", "a.", "2.5 लाख", "बात।। फिर?! हाँ॥", ".।", "?.", "x.\U00010d40", "x.\u0967", "end?", "1.2.3.", "...!"]


def test_sentence_ends_are_the_patterns():
    for text in _texts():
        for start, end in ((0, len(text)), (1, max(1, len(text) - 1))):
            found = [i for i in _end_chars(text, 0, len(text)) if start <= i < end]
            expected = [m.span() for m in _PATTERN.finditer(text, start, end)]
            assert _ends(text, found, end) == expected, (text[:60], start, end)

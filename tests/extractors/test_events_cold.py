"""events' `more` (further head and name words after a named event's head) read without compiling the
alternation of its words (cold start) matches exactly where that alternation, written longest first, does."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import patterns, rules
from extract.extractors import events
from extract.normalise import normalise

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _flat_more(words):
    """The `more` pattern as it was: the words' flat alternation, longest first."""
    pattern = patterns.compile(rf"\s+(?:{events._alt(words)})(?![\p{{L}}\p{{M}}])")
    return lambda text, pos, endpos: (m := pattern.match(text, pos, endpos)) and m.end()


def _texts(words):
    """Every corpus text (as read and normalised), and strings built from the words: each word after white
    space, followed by a letter, a mark, a digit, a hyphen, a quote, another word; cut short; its spaces as
    other white space."""
    out = []
    for folder in (CORPUS, CORPUS / "real", CORPUS / "written"):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            out += [text, normalise(text).norm]
    forms = sorted({normalise(w).norm for w in words})
    for w in forms:
        for after in ("", "x", "क", "ा", "1", "-", "'", " ", ".", "\n"):
            out += [" " + w + after, "  \n" + w.replace(" ", " \t ") + after, " " + w[:-1] + after]
        out += [f" {w} {v}" for v in forms] + [f" {w}  {v}x" for v in forms]
    return out


def _same(words):
    new, old = _more_of(words), _flat_more(words)
    for text in _texts(words):
        for m in regex.finditer(r"\s", text):
            pos = m.start()
            for endpos in (len(text), pos + 9):
                assert new(text, pos, endpos) == old(text, pos, endpos), (text[pos:pos + 40], endpos - pos)
        assert new(text, 0, len(text)) == old(text, 0, len(text))


def _more_of(words):
    data = dict(rules.load("events"), heads=words, name_words=[])
    return events._Patterns(data, 4, 6).more


def test_more_reads_as_the_flat_alternation_of_the_rules_words():
    data = rules.load("events")
    words = data["heads"] + data["name_words"]
    assert isinstance(events._patterns().more, events.partial)  # read without compiling their alternation
    _same(words)


@pytest.mark.parametrize("words", [["a", "ab", "a b", "a bc", "abc d e", "क", "कि", "कि ख"],
                                   ["ई-मार्केट", "ई", "मार्केट"]])  # the second: not letters only, compiled
def test_more_reads_as_the_flat_alternation_of_other_words(words):
    _same(words)

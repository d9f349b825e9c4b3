"""Tokens: offsets carried from the match, and a cost linear in the input (issue 8.2: long runs of
punctuation made spaCy's suffix search quadratic). Cost is asserted as a ratio of steps over input
sizes and as a bound on what reaches spaCy, never as a time."""
from __future__ import annotations

import pytest

from extract.extractors import tokens
from extract.extractors.tokens import tokenize

TAIL = " Director Rajiv Malhotra said so."
SHAPES = {
    "exclamations": lambda n: "!" * n,
    "dandas": lambda n: "।" * n,
    "spaced dots": lambda n: ". " * n,
    "letters and dots": lambda n: "X." * n,
    "hyphenated": lambda n: "-a" * n,
    "one long word": lambda n: "a" * n,
}


def _text(shape: str, n: int) -> str:
    return "He said" + SHAPES[shape](n) + TAIL


@pytest.mark.parametrize("shape", SHAPES)
def test_offsets_and_the_words_after_a_run(shape):
    text = _text(shape, 3000)
    toks = tokenize(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks[-6:]] == ["Director", "Rajiv", "Malhotra", "said", "so", "."]


@pytest.mark.parametrize("shape", SHAPES)
def test_spacy_never_sees_a_long_run(shape, monkeypatch):
    """What spaCy gets is bounded: no chunk without a space longer than 64, no punctuation run."""
    seen: list[str] = []
    real = tokens._tokenizer

    def spy(lang):
        tok = real(lang)
        return lambda s: (seen.append(s), tok(s))[1]

    monkeypatch.setattr(tokens, "_tokenizer", spy)
    text = _text(shape, 5000)
    tokenize(text, 0, len(text))
    assert seen and all(max(map(len, s.split()), default=0) <= 64 for s in seen)
    assert all(tokens._PATHOLOGICAL.search(s) is None for s in seen)


def _spacy_work(text: str, monkeypatch) -> int:
    """Steps spaCy's affix search can take on what it is handed: the square of each chunk without
    whitespace (it strips affixes one at a time, each time searching the rest of the chunk)."""
    work = [0]
    real = tokens._tokenizer

    def spy(lang):
        tok = real(lang)

        def run(s):
            work[0] += sum(len(chunk) ** 2 for chunk in s.split())
            return tok(s)
        return run

    monkeypatch.setattr(tokens, "_tokenizer", spy)
    tokenize(text, 0, len(text))
    monkeypatch.undo()
    return work[0]


@pytest.mark.parametrize("shape", SHAPES)
def test_cost_is_linear_in_the_run(shape, monkeypatch):
    """8x the input costs well under 16x the steps (the quadratic cost of issue 8.2 would be 64x),
    and the tokens grow linearly too."""
    small, large = _text(shape, 2000), _text(shape, 16000)
    assert _spacy_work(large, monkeypatch) < 16 * _spacy_work(small, monkeypatch)
    assert len(tokenize(large, 0, len(large))) < 16 * len(tokenize(small, 0, len(small)))

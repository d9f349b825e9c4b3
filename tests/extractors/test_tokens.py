"""Tokens: offsets carried from the match, and a cost linear in the input (issue 8.2: long runs of
punctuation made spaCy's suffix search quadratic). Cost is asserted as a ratio over input sizes and
as a bound on what reaches spaCy, never as an absolute time."""
from __future__ import annotations

import time

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


def _best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize("shape", ["exclamations", "dandas"])
def test_cost_is_linear_in_the_run(shape):
    """8x the input costs well under 16x the time (quadratic would be 64x)."""
    small, large = _text(shape, 1000), _text(shape, 8000)
    tokenize(small, 0, len(small))  # load spaCy first
    t_small = _best_of(lambda: tokenize(small, 0, len(small)))
    t_large = _best_of(lambda: tokenize(large, 0, len(large)))
    assert t_large < 16 * max(t_small, 1e-4), (t_small, t_large)

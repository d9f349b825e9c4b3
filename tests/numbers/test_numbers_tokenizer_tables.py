"""A text's numbers do not depend on the texts read before it: find_in keeps word classes and chunk
tokens between texts, and the tokens of a chunk depend on the tokenizer `phrases.word_tokens`
chose for the whole text (the standard `re` one where `str.isalpha` finds no letter outside ASCII
and Devanagari, else WORD_TOKEN). The two differ on the ~26,600 code points that the `regex`
module counts as letters or marks and Python's `str.isalpha` does not (U+0558 ...): "\u0558five"
is one word to WORD_TOKEN, "five" after a character that is no letter to the standard engine.
So what is kept is kept per tokenizer, and each text, in either order, reads as it does alone."""
from __future__ import annotations

import pytest

from extract.extractors import counts
from extract.normalise import normalise
from extract.numbers import expressions
from extract.numbers.phrases import _PLAIN_TOKEN, _letter_or_mark, word_tokens
from extract.numbers.words import WORD_TOKEN
from extract.text import document, reader

# letters or marks to the `regex` module, none to `str.isalpha` (unassigned in Python's Unicode tables)
CHARS = ["\u0558", "\u058b", "\u088f", "\u0c5c", "\u0cf3", "\u1ad0", "\u1c89"]
SENTENCE = "GeM portal par {} orders were placed by the department, दो लाख विक्रेता."
SHAPES = ["{}five", "five{}", "{}पांच", "{}5", "{} five"]


def _pairs():
    for ch in CHARS:
        for shape in SHAPES:
            a = SENTENCE.format(shape.format(ch))
            yield pytest.param(a, "Café: " + a, id=f"U+{ord(ch):04X}-{shape}")


def _clear():
    state = expressions._state()
    for kept in (state.plain, state.full):
        kept.classes.clear()
        kept.chunks.clear()


def _alone(text, read):
    _clear()
    return read(text)


def _numbers(text):
    return [tuple(map(str, x)) for x in expressions.find_in(normalise(text))]


def _counts(text):
    return [repr(r) for r in counts.extract(document.build(reader.Source("a", "", text, "")))]


@pytest.mark.parametrize("ch", CHARS)
def test_the_characters_are_letters_to_word_token_and_none_to_the_plain_test(ch):
    assert WORD_TOKEN.fullmatch(ch) and not _letter_or_mark(ch)
    assert word_tokens(SENTENCE.format(ch + "five")) is _PLAIN_TOKEN
    assert word_tokens("Café " + SENTENCE.format(ch + "five")) is WORD_TOKEN
    # the same chunk, cut into different tokens by the two tokenizers
    chunk = ch + "five"
    assert expressions._chunk_tokens(chunk, _PLAIN_TOKEN, {}) == ((1, "five"),)
    assert expressions._chunk_tokens(chunk, WORD_TOKEN, {}) == ((0, chunk),)


@pytest.mark.parametrize("a, b", list(_pairs()))
@pytest.mark.parametrize("read", [_numbers, _counts], ids=["find_in", "counts"])
def test_each_text_reads_as_alone_whichever_text_came_before(a, b, read):
    alone = {t: _alone(t, read) for t in (a, b)}
    for order in ((a, b), (b, a), (a, b, a, b), (b, a, b, a)):
        _clear()
        for t in order:
            assert read(t) == alone[t], (order, t)


def test_u0558_five_is_a_count_only_in_the_plain_text():
    """The reviewer's case: each text alone (642b104's result), in both orders."""
    a = "GeM portal par \u0558five orders were placed by the department."
    b = "Café: GeM portal par \u0558five orders were placed by the department."
    for order in ((a, b), (b, a)):
        _clear()
        got = {t: [x.kind for x in expressions.find_in(normalise(t))] for t in order}
        assert got == {a: ["count"], b: []}, order

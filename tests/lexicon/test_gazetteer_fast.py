"""The gazetteers' chunk path (chunks classed once, only the chunks that open a form found and
tokenised) finds what a reading over every token of the text finds, on the texts it takes and on
those it leaves to that reading (a length-changing case folding, a separator str.split() splits
at and the token pattern does not)."""
from __future__ import annotations

import random
import sys

import regex

from extract import lexicon

from ..conftest import random_texts


def _gazetteers():
    return [lexicon.states(), lexicon.cities(), lexicon.designations(), lexicon.organisations(), lexicon.tiers()]


def _every_token(gaz: lexicon.Gazetteer, norm: str, pos: int = 0, endpos: int | None = None):
    return list(gaz._finditer_tokens(norm, *lexicon.WordTokens(norm, pos, endpos).all_tokens()))


def _strings(n: int, seed: int) -> list[str]:
    pieces = [f for g in _gazetteers() for f in g.by_form]
    pieces += [f.upper() for f in pieces if f.isascii()][:200]
    pieces += ["-", " ", ",", "(", ")", "।", "\n", "x", "उत्तर", "प्रदेश", "नई", "Straße", "ß", "İ", "ﬁ",
               "\x1c", "\x1f", "दिल्ली-", "-दिल्ली", "Delhi's", "1"]
    return random_texts(pieces, ["", " ", " ", "-", ", ", "\n", "  "], n, seed, 14)


def test_the_chunk_path_finds_what_a_reading_over_every_token_finds():
    rng = random.Random(11)
    found = 0
    for text in _strings(2500, 4):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        for gaz in _gazetteers():
            for pos, endpos in ((0, len(text)), (a, b)):
                want = _every_token(gaz, text, pos, endpos)
                assert list(gaz.finditer(text, pos, endpos)) == want, (text, pos, endpos)
                words = lexicon.word_tokens(text, pos, endpos)
                assert list(gaz.finditer(text, pos, endpos, tokens=words)) == want, (text, pos, endpos)
                found += len(want)
    assert found > 3000


def test_the_chunk_table_is_bounded_and_refilled(monkeypatch):
    monkeypatch.setattr(lexicon, "_CHUNKS_MAX", 8)
    gaz = lexicon.states()
    for text in _strings(300, 9):
        assert list(gaz.finditer(text)) == _every_token(gaz, text)
        assert len(gaz._opens) <= 8


def test_case_folding_keeps_each_character_class_where_it_keeps_lengths():
    """What the chunk path relies on to read tokens in the case-folded copy at norm's offsets, and
    str.split()'s separators against the token pattern's whitespace."""
    word, space = regex.compile(r"[\p{L}\p{M}\p{N}]"), regex.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        f = c.casefold()
        assert f
        if len(f) == 1:
            assert (word.match(f) is None) == (word.match(c) is None)
            assert (space.match(f) is None) == (space.match(c) is None) and (f == "-") == (c == "-")
        if c.isspace() != (space.match(c) is not None):
            assert c in lexicon._SPLIT_NOT_SPACE


def test_the_plain_tokenizer_finds_the_token_patterns_tokens():
    """_PLAIN_TOKEN (the standard re engine) stands for _TOKEN only on a chunk whose letters, marks and
    digits are ASCII or Devanagari; there both find the same tokens."""
    word = regex.compile(r"[\p{L}\p{M}\p{N}]")
    plain_class = regex.compile(f"[{lexicon._PLAIN_CLASS}]")
    for cp in list(range(0x80)) + list(range(0x900, 0x980)):  # the class holds exactly their letters, marks and digits
        assert (word.match(chr(cp)) is None) == (plain_class.match(chr(cp)) is None), hex(cp)
    plain = [chr(c) for c in list(range(0x21, 0x7f)) + list(range(0x900, 0x980)) + [0x2013, 0x20b9, 0x201c]]
    rng = random.Random(5)
    for _ in range(3000):
        chunk = "".join(rng.choice(plain) for _ in range(rng.randrange(1, 20))).casefold()
        assert lexicon._chunk_pattern(chunk) is lexicon._PLAIN_TOKEN
        assert [m.span() for m in lexicon._PLAIN_TOKEN.finditer(chunk)] == [m.span() for m in lexicon._TOKEN.finditer(chunk)]
    for other in ("é", "Ж", "\u0981", "٣"):  # a letter, mark or digit of another script: the full pattern
        assert lexicon._chunk_pattern("abc" + other) is lexicon._TOKEN

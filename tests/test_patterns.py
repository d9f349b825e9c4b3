"""extract/patterns.py: the one place patterns are compiled, and patterns compiled at first use."""
import re

import pytest
import regex

from extract import patterns
from extract.patterns import LazyPattern, trie_pattern


def test_lazy_pattern_reads_as_the_compiled_pattern():
    calls = []

    def compile_(*args):
        calls.append(args)
        return regex.compile(*args)

    lazy = LazyPattern(compile_, r"(?:a|b)(c)", regex.IGNORECASE)
    assert calls == []  # nothing compiled before the first use
    plain = regex.compile(r"(?:a|b)(c)", regex.IGNORECASE)
    for text in ("xAc", "bc bc", "", "ac\nBC"):
        assert [m.span(1) for m in lazy.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
        assert bool(lazy.search(text, 1)) == bool(plain.search(text, 1))
    assert lazy.pattern == plain.pattern and lazy.flags == plain.flags
    assert len(calls) == 1  # compiled once
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018


def test_trie_pattern_finds_a_word_where_the_plain_alternation_does():
    import random
    import re

    rng = random.Random(11)
    for _ in range(500):
        words = ["".join(rng.choice("abcअआ") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        trie = re.compile(trie_pattern(words))
        plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        for _ in range(10):
            text = "".join(rng.choice("abcअआ ") for _ in range(rng.randint(0, 8)))
            assert (trie.search(text) is None) == (plain.search(text) is None), (words, text)
            m, p = trie.match(text), plain.match(text)
            assert (m and m.group()) == (p and p.group()), (words, text)


@pytest.mark.parametrize("chars", ["abc", "cab", "a-z]^\\", "अआइ्ं", "", "09az", "\u0900\u0901\u0902x"])
def test_char_class_matches_exactly_its_characters(chars):
    import re

    body = patterns.char_class(chars)
    if not chars:
        assert body == ""
        return
    cls = re.compile(f"[{body}]")
    probe = set(chars) | {chr(c) for c in range(0x20, 0x7f)} | {chr(c) for c in range(0x900, 0x980)}
    assert {c for c in probe if cls.fullmatch(c)} == set(chars)


@pytest.mark.parametrize("text,literals,start,end,found", [
    ("a.b.c", ".", 0, None, [(1, "."), (3, ".")]),
    ("a.b.c", ".", 2, None, [(3, ".")]),
    ("a.b.c", ".", 0, 3, [(1, ".")]),
    ("aaa", ["aa"], 0, None, [(0, "aa"), (1, "aa")]),  # overlapping ones too
    ("x।y?z।", "।?", 0, None, [(1, "।"), (5, "।"), (3, "?")]),  # literal by literal
    ("", ["a"], 0, None, []),
])
def test_occurrences_finds_every_occurrence_of_each_literal(text, literals, start, end, found):
    assert patterns.occurrences(text, literals, start, end) == found


def test_occurrences_refuses_an_empty_literal():
    with pytest.raises(ValueError):
        patterns.occurrences("abc", ["a", ""])


@pytest.mark.parametrize("text,start,end,ascii", [
    ("Award went to XYZ", 0, 17, True),
    ("é Award went", 2, 12, True),   # the character before is a space
    ("éAward went", 1, 11, False),   # the character before the span is not ASCII (a \b's look-behind)
    ("Award für", 0, 9, False),
    ("", 0, 0, True),
])
def test_ascii_span_holds_the_character_before(text, start, end, ascii):
    assert patterns.ascii_span(text, start, end) is ascii


@pytest.mark.parametrize("source,flags,text", [
    (r"\bfor\s+(?:the\s+)?(\w+)", re.IGNORECASE, "Awarded FOR the Best Buyer, for speed"),
    (r"(?i:\bwinners?\s+(?:was|were)\s+)(?P<who>[A-Z]\w+)", 0, "The winner was Odisha; winners were Goa"),
    (r"(?<![\w-])Summit\s+on\s+[A-Z]\w*", 0, "a-Summit on Trade, the Summit on Procurement"),
])
def test_an_ascii_twin_matches_as_its_regex_pattern_on_ascii_text(source, flags, text):
    twin = patterns.ascii_twin(source, flags)
    full = patterns.compile(source, regex.IGNORECASE if flags else 0)
    assert [m.span() for m in twin.finditer(text)] == [m.span() for m in full.finditer(text)]
    assert [m.groups() for m in twin.finditer(text)] == [m.groups() for m in full.finditer(text)]


@pytest.mark.parametrize("unicode_class", [r"[\p{L}\p{M}]", r"[\p{L}\p{M}\p{N}]", r"\p{N}"])
def test_a_plain_class_holds_what_the_unicode_class_holds_in_ascii_and_devanagari(unicode_class):
    plain, full = re.compile(f"[{patterns.plain_class(unicode_class)}]"), regex.compile(unicode_class)
    for cp in [*range(0x80), *range(0x900, 0x980)]:
        assert (plain.match(chr(cp)) is None) == (full.match(chr(cp)) is None), hex(cp)
    assert patterns.OUTSIDE_PLAIN.search("GeM जेम ₹ 5") is not None  # ₹ is of another block
    assert patterns.OUTSIDE_PLAIN.search("GeM जेम 5 करोड़।") is None


@pytest.mark.parametrize("ch,word", [("a", True), ("5", True), ("क", True), ("ा", True), ("५", True),
                                     ("é", True), ("।", False), ("-", False), (" ", False), ("₹", False)])
def test_word_char_is_a_letter_mark_or_digit(ch, word):
    assert patterns.word_char(ch) is word
    assert patterns.word_char(ch) is word  # read from its table the second time

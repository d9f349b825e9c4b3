"""The fast paths of events.py: the rules' patterns are compiled at first use (each the same object
by name and by index), and the generic-event gate on the whole article rests on case folding going
letter by letter (a sentence's folding is a piece of the article's)."""
from __future__ import annotations

import random
import sys

from extract.extractors import events


def test_patterns_are_checked_at_load_and_compiled_at_first_use():
    events._patterns.cache_clear()
    try:
        pats = events._patterns()
        assert not set(vars(pats)) & set(pats.FIELDS)  # nothing compiled yet
        assert len(pats) == len(pats.FIELDS) == 11
        for i, name in enumerate(pats.FIELDS):
            first = pats[i]
            assert getattr(pats, name) is first  # made once, read by name or index
        assert isinstance(pats.topic, frozenset) and isinstance(pats.clause, frozenset)
        assert pats.named.match("जेम संवाद कार्यक्रम") is not None
    finally:
        events._patterns.cache_clear()


def test_case_folding_goes_letter_by_letter():
    rng = random.Random(2)
    chars = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).casefold() != chr(c)]
    chars += list("abc ΣσςİıßﬁDŽǅऀकखगघ -'")
    for _ in range(3000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        assert "".join(map(str.casefold, s)) == s.casefold(), s


def test_head_search_trie_finds_a_head_where_the_plain_alternation_does():
    import re

    heads = events._gates()[3]
    plain = re.compile("|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)))
    search = events._head_search()
    rng = random.Random(5)
    pieces = list(heads) + [h[:-1] for h in heads] + [" ", "जेम", "x", "S", "संवा"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    for text in texts:
        for pos in (0, 1, len(text) // 2):
            assert (search(text, pos) is None) == (plain.search(text, pos) is None), repr(text)

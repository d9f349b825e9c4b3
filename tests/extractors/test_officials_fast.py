"""The fast paths of officials.py give what the plain ways give: titles found from the places their
first words stand (per-chunk table, str.find, reading on only while a longer form can follow) are the
titles a reading over every word finds; a known organisation is never skipped by the last-word gate."""
from __future__ import annotations

import random
import sys

import regex

from extract import lexicon
from extract.extractors import officials
from extract.extractors.tokens import tokenize
from extract.normalise import normalise

from ..conftest import random_texts


def _reference_titles(norm: str, pos: int, endpos: int):
    """Every word of norm[pos:endpos] (case-folded) looked at, longest form first."""
    forms, firsts, longest = officials._title_forms()
    return officials._titles_by_words(norm, pos, endpos, forms, firsts, longest)


def _strings(n: int, seed: int = 3) -> list[str]:
    forms = officials._title_forms()[0]
    pieces = [" ".join(k) for k in forms] + [" ".join(k).upper() for k in forms if k[0].isascii()]
    pieces += ["-", ".", ". ", " - ", ",", "(", ")", "श्री", "X", "ß", "İ", "ǅ", "Dr.", "and", "एवं", "\n",
               "कुमार", "Secretary-General", "CEO's", "1", "ा", "उप", "state", "statement"]
    return random_texts(pieces, ["", " ", " ", "-", ".", ". ", "\n"], n, seed, 12)


def test_titles_are_the_titles_a_reading_over_every_word_finds():
    rng = random.Random(5)
    found = 0
    for text in _strings(3000):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        for pos, endpos in ((0, len(text)), (a, b)):
            want = _reference_titles(text, pos, endpos)
            assert officials._titles_in(text, pos, endpos) == want, (text, pos, endpos)
            found += len(want)
    assert found > 1000


def test_case_folding_keeps_word_characters_apart_from_the_rest():
    """What _titles_in relies on to read words and gaps in the case-folded copy at norm's offsets."""
    word, gap = regex.compile(r"[\p{L}\p{M}\p{N}]"), regex.compile(r"[\s\-.]")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        f = c.casefold()
        assert f
        assert all((word.match(x) is None) == (word.match(c) is None) for x in f)
        if len(f) == 1:
            assert (gap.match(f) is None) == (gap.match(c) is None) and (gap.match(c) is None or f == c)


def test_every_known_organisation_can_end_at_its_last_token():
    orgs = lexicon.organisations()
    checked = 0
    for entry in {id(e): e for e in orgs.by_form.values()}.values():
        for form in entry.data["forms"]:
            norm = normalise(form).norm
            toks = tokenize(norm, 0, len(norm))
            for text in (" ".join(t.text for t in toks), norm, norm.upper(), norm.lower()):
                toks = tokenize(text, 0, len(text))
                if toks and orgs.lookup(" ".join(t.text for t in toks)):
                    assert officials._can_end_org(toks[-1].text), form
                    checked += 1
    assert checked > 100

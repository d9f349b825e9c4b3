"""Gazetteers and word lists from rules/, compiled once into matchers over the working copy
(`english` renders names and phrases in Latin script from them).

Owns: states and union territories, cities, designations, honorifics, organisation heads, known
organisations (GeM, public sector companies, parties), portfolio words, the glossaries (organisation
words, usual spellings of name parts), common given names and surnames, Devanagari letter names
(initials), award tiers and categories.
Each is validated at load (required keys, known states, no colliding surface forms). Matching is
on the normalised working copy, whole words only, Latin case-insensitive.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import patterns, rules
from ..normalise import fold, normalise

WORD_START = r"(?<![\p{L}\p{M}\p{N}])"
WORD_END = r"(?![\p{L}\p{M}\p{N}])"


@dataclass(frozen=True)
class Entry:
    key: str  # canonical value (English state name, designation_en, tier id...)
    data: dict


# Tokens for gazetteer matching: a run of letters, marks and digits, or one other non-space
# character; a hyphen separates words like a space does ("जम्मू-कश्मीर" = "जम्मू कश्मीर").
_TOKEN = patterns.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}\-]")


def _token_keys(s: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in _TOKEN.finditer(s))


class Gazetteer:
    """Whole-word matcher of many surface forms, longest form first.

    The text is tokenised once per call (one C-speed regex pass) and each token is looked up in a
    dictionary of the forms' first tokens, so the cost is linear in the text and nearly independent of
    the number of forms (a large case-insensitive alternation is several times slower)."""

    def __init__(self, name: str, pairs: list[tuple[str, Entry]]):
        self.by_form: dict[str, Entry] = {}
        rules.check_unique(name, [(e.key, f) for f, e in pairs], "surface form")
        for form, entry in pairs:
            self.by_form[fold(form)] = entry
        first: dict[str, set[tuple[str, ...]]] = {}
        for f, _ in pairs:
            keys = _token_keys(normalise(f).norm)
            if keys:
                first.setdefault(keys[0], set()).add(keys)
        self._by_first = {k: sorted(v, key=len, reverse=True) for k, v in first.items()}
        self._firsts = frozenset(self._by_first)

    def finditer(self, norm: str, pos: int = 0, endpos: int | None = None, tokens: "WordTokens | None" = None):
        """(start, end, Entry) for each match in norm[pos:endpos], left to right, not overlapping.
        `tokens`: the same span's `word_tokens`, when several gazetteers scan it (tokenised once)."""
        if tokens is None:
            tokens = word_tokens(norm, pos, len(norm) if endpos is None else endpos)
        elif not isinstance(tokens, WordTokens):
            tokens = WordTokens(tokens)
        toks, keys = tokens
        by_first = self._by_first
        # only a token whose key opens a form can open a match: their places, in order
        opening = self._firsts & tokens.keyset()
        if not opening:
            return
        places = sorted(i for k in opening for i in tokens.places(k)) if len(opening) > 1 else tokens.places(next(iter(opening)))
        after = 0  # tokens before this one are inside a match already made
        for i in places:
            if i < after:
                continue
            for form in by_first[keys[i]]:
                k = len(form)
                if tuple(keys[i:i + k]) == form:
                    s, e = toks[i].start(), toks[i + k - 1].end()
                    yield s, e, self.lookup(norm[s:e])
                    after = i + k
                    break

    def lookup(self, surface: str) -> Entry | None:
        return self.by_form.get(fold(" ".join(surface.replace("-", " ").split()))) or self.by_form.get(fold(surface))


class WordTokens(tuple):
    """(the _TOKEN matches of a span, their case-folded keys); the set of keys and the places of a
    key are worked out when first asked for (one span, several gazetteers)."""

    def keyset(self) -> set[str]:
        ks = self.__dict__.get("_keyset")
        if ks is None:
            ks = self.__dict__["_keyset"] = set(self[1])
        return ks

    def places(self, key: str) -> list[int]:
        """The indexes of the tokens whose key is `key`, in order."""
        keys, out, i = self[1], [], -1
        find = keys.index
        try:
            while True:
                i = find(key, i + 1)
                out.append(i)
        except ValueError:
            return out


def word_tokens(norm: str, pos: int = 0, endpos: int | None = None) -> WordTokens:
    """The tokens every gazetteer looks up, for norm[pos:endpos]: made once, passed to each."""
    toks = list(_TOKEN.finditer(norm, pos, len(norm) if endpos is None else endpos))
    return WordTokens((toks, [t.group().casefold() for t in toks]))


def _gazetteer(name: str, key: str, label: str, required: dict[str, type],
               check=lambda entry: None) -> Gazetteer:
    """A gazetteer of every `forms` list of the [[key]] entries of rules/<name>.toml."""
    pairs = []
    for e in rules.table(name, key, {label: str, "forms": list, **required}):
        check(e)
        entry = Entry(e[label], e)
        pairs += [(f, entry) for f in e["forms"]]
    return Gazetteer(name, pairs)


@lru_cache(maxsize=1)
def states() -> Gazetteer:
    return _gazetteer("states", "state", "en", {"iso": str, "hi": str})


def state_info(name: str) -> dict:
    """The rules/states.toml entry of a state by its English name."""
    return _states_by_name()[name]


@lru_cache(maxsize=1)
def _states_by_name() -> dict[str, dict]:
    return {e["en"]: e for e in rules.table("states", "state")}


@lru_cache(maxsize=1)
def cities() -> Gazetteer:
    known = _states_by_name()

    def check(e: dict) -> None:
        if e["state"] not in known:
            raise rules.RuleError(rules.path_of("cities"), e["en"], f"unknown state {e['state']!r}")

    return _gazetteer("cities", "city", "en", {"state": str}, check)


@lru_cache(maxsize=1)
def designations() -> Gazetteer:
    return _gazetteer("people", "designation", "en", {})


@lru_cache(maxsize=1)
def people() -> dict:
    data = rules.load("people")
    for key in ("org_heads_hi", "org_heads_en", "central_orgs", "honorifics", "portfolio_words"):
        if not isinstance(data.get(key), list):
            raise rules.RuleError(rules.path_of("people"), key, "expected a list of strings")
    for key in ("glossary", "names", "given_names", "surnames", "letters"):
        if not isinstance(data.get(key), dict):
            raise rules.RuleError(rules.path_of("people"), key, "expected a table")
    return data


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    return {fold(k): v for k, v in people()["glossary"].items()}


@lru_cache(maxsize=1)
def name_spellings() -> dict[str, str]:
    """Usual English spelling of a name word, by its folded Devanagari form."""
    p = people()
    return {fold(k): v for table in ("given_names", "surnames", "names") for k, v in p[table].items()}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names in both scripts."""
    p = people()["given_names"]
    return frozenset([fold(k) for k in p] + [fold(v) for v in p.values()])


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Folded surnames in both scripts (the common name parts of [names] count as surnames)."""
    p = people()
    pairs = list(p["surnames"].items()) + list(p["names"].items())
    return frozenset([fold(k) for k, _ in pairs] + [fold(v) for _, v in pairs])


@lru_cache(maxsize=1)
def letter_names() -> dict[str, str]:
    """Devanagari names of Latin letters -> the letter (initials: पी -> P)."""
    return {fold(k): v for k, v in people()["letters"].items()}


@lru_cache(maxsize=1)
def portfolio_words() -> frozenset[str]:
    return frozenset(fold(w) for w in people()["portfolio_words"])


@lru_cache(maxsize=1)
def organisations() -> Gazetteer:
    """Organisations named by their own name (GeM, public sector companies, parties)."""
    return _gazetteer("people", "organisation", "en", {})


@lru_cache(maxsize=1)
def tiers() -> Gazetteer:
    return _gazetteer("awards", "tier", "id", {})


@lru_cache(maxsize=1)
def award_categories() -> list[tuple[str, list[str]]]:
    return [(e["id"], [fold(c) for c in e["cues"]]) for e in rules.table("awards", "category", {"id": str, "cues": list})]


@lru_cache(maxsize=1)
def load_award_words() -> tuple[str, ...]:
    words = rules.load("awards").get("award_words")
    if not isinstance(words, list) or not words:
        raise rules.RuleError(rules.path_of("awards"), "award_words", "expected a non-empty list of strings")
    return tuple(words)

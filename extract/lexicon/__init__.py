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
import re
from itertools import islice

from .. import patterns, rules
from ..memo import Memo, keep
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
# _TOKEN for a chunk (no whitespace) whose letters, marks and digits are all ASCII or of the Devanagari
# block (the block's characters but the dandas and the abbreviation sign ॰ are such): the standard
# `re` engine, whose call costs a fraction of the regex module's, finds the same tokens
_PLAIN_CLASS = patterns.plain_class(r"[\p{L}\p{M}\p{N}]")
_PLAIN_TOKEN = re.compile(f"[{_PLAIN_CLASS}]+|[^\\s{_PLAIN_CLASS}\\-]")


def _chunk_pattern(chunk: str):
    """The pattern that finds the _TOKENs of a chunk: _PLAIN_TOKEN when every letter, mark and digit
    of it is ASCII or Devanagari, else _TOKEN."""
    if not chunk.isascii():
        if any(map(patterns.word_char, patterns.OUTSIDE_PLAIN.findall(chunk))):
            return _TOKEN
    return _PLAIN_TOKEN


def _token_keys(s: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in _TOKEN.finditer(s))


class Gazetteer:
    """Whole-word matcher of many surface forms, longest form first.

    Tokens (_TOKEN) never cross whitespace, so the text's tokens are those of its chunks (str.split()
    parts). Each chunk met is classed once (a table per gazetteer, bounded in size): does a token of
    it open a form? Only the chunks that do are found in the text (str.find) and tokenised, with the
    few tokens after them a form can reach; a text none of whose chunks opens a form costs a split
    and a look-up per chunk. The cost is nearly independent of the number of forms (a large
    case-insensitive alternation is several times slower)."""

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
        self._longest = max((len(f) for v in self._by_first.values() for f in v), default=1)
        self._opens: dict[str, bool] = {}  # chunk -> a token of it opens a form (emptied when full)
        self._found: dict[str, Entry | None] = {}  # surface -> its entry or None (lookup; emptied when full)

    def finditer(self, norm: str, pos: int = 0, endpos: int | None = None, tokens: "WordTokens | None" = None):
        """(start, end, Entry) for each match in norm[pos:endpos], left to right, not overlapping.
        `tokens`: the same span's `word_tokens`, when several gazetteers scan it (split once)."""
        if tokens is None:
            tokens = WordTokens(norm, pos, len(norm) if endpos is None else endpos)
        if tokens.chunks is None:
            yield from self._finditer_tokens(norm, *tokens.all_tokens())
            return
        opening = self._opening(tokens.chunks)
        if not opening:
            return
        low, base = tokens.low, tokens.pos
        n = len(low)
        starts = []  # (offset, chunk) of each whole chunk that opens a form, in low
        for c in opening:
            size = len(c)
            i = low.find(c)
            while i >= 0:
                if (i == 0 or low[i - 1].isspace()) and (i + size == n or low[i + size].isspace()):
                    starts.append((i, c))
                # a whole occurrence cannot start inside this one (a chunk holds no whitespace)
                i = low.find(c, i + size)
        if len(starts) > 1:
            starts.sort()
        by_first = self._by_first
        lookup = self.lookup
        after = 0  # tokens starting before this offset are inside a match already made
        for s, c in starts:
            if s + len(c) <= after:
                continue
            keys, bounds = _CHUNK_TOKENS.get(c) or _chunk_tokens(c)
            more = None  # the tokens after the chunk, tokenised when a form reaches past it
            for i, key in enumerate(keys):
                forms = by_first.get(key)
                if forms is None or s + bounds[2 * i] < after:
                    continue
                for form in forms:
                    k = len(form)
                    if i + k > len(keys):
                        if more is None:
                            more = list(islice(_TOKEN.finditer(low, s + len(c)), self._longest - 1))
                            more_keys = keys + tuple(m.group() for m in more)
                        if tuple(more_keys[i:i + k]) != form:
                            continue
                        end = more[i + k - 1 - len(keys)].end()
                    elif keys[i:i + k] == form:
                        end = s + bounds[2 * (i + k) - 1]
                    else:
                        continue
                    start = s + bounds[2 * i]
                    yield base + start, base + end, lookup(norm[base + start:base + end])
                    after = end
                    break

    def _opening(self, chunks: list[str]) -> set[str]:
        """The chunks (case-folded) a token of which opens a form: a look-up per chunk in the table
        of chunks classed (a chunk repeated in the text is looked up again: cheaper than making a
        set of them first)."""
        opens = self._opens
        found = set()
        for c in chunks:
            o = opens.get(c)
            if o is None:
                o = self._opens_form(c)
            if o:
                found.add(c)
        return found

    def _opens_form(self, chunk: str) -> bool:
        """Whether a token of the chunk opens a form, kept in the table (emptied when full: it
        depends on the chunk alone)."""
        keys = _CHUNK_KEYS.get(chunk)
        if keys is None:
            keys = _CHUNK_KEYS.keep(chunk, _chunk_pattern(chunk).findall(chunk))
        return keep(self._opens, chunk, not self._firsts.isdisjoint(keys), _CHUNKS_MAX)

    def _finditer_tokens(self, norm: str, toks: list, keys: list[str]):
        """finditer over every token of the span (`toks`: _TOKEN matches in norm, `keys` their
        case-folded texts): for a text whose case folding changes lengths or holds a separator
        str.split() splits at and _TOKEN does not."""
        by_first = self._by_first
        opening = self._firsts.intersection(keys)
        if not opening:
            return
        places = sorted(i for i, k in enumerate(keys) if k in opening)
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
        """The entry of a surface form as it stands in a text (spaces and hyphens between its words
        as they come, any case), or None; kept per surface in a table (emptied when full)."""
        entry = self._found.get(surface, _UNSEEN)
        if entry is _UNSEEN:
            entry = keep(self._found, surface, self.by_form.get(fold(" ".join(surface.replace("-", " ").split())))
                         or self.by_form.get(fold(surface)), _CHUNKS_MAX)
        return entry


_CHUNKS_MAX = 1 << 16
_UNSEEN = object()  # a surface not looked up yet (lookup)
_CHUNK_TOKENS: Memo = Memo(_CHUNKS_MAX)  # chunk -> (token keys, flat token offsets)
_CHUNK_KEYS: Memo = Memo(_CHUNKS_MAX)  # chunk -> its token keys: every gazetteer classes a chunk by them


def _chunk_tokens(chunk: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The tokens of a case-folded chunk: their keys, and their (start, end) offsets in it, flat
    (a table per chunk, bounded in size)."""
    toks = list(_chunk_pattern(chunk).finditer(chunk))
    found = (tuple(m.group() for m in toks), tuple(x for m in toks for x in m.span()))
    return _CHUNK_TOKENS.keep(chunk, found)


# The characters str.split() splits at that the regex module's \s does not match (_TOKEN takes them as
# tokens; checked over all of Unicode: no other character differs)
_SPLIT_NOT_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def splits_apart(s: str) -> bool:
    """Whether `s` holds a character str.split() splits at that the regex module's \\s does not match
    (one of _SPLIT_NOT_SPACE; tested one by one: a generator over them costs more than the four tests)."""
    return "\x1c" in s or "\x1d" in s or "\x1e" in s or "\x1f" in s


class WordTokens:
    """The words of norm[pos:endpos] every gazetteer looks up, made once and passed to each: the
    span case-folded (`low`) and its chunks (`chunks`, its str.split() parts, in order).

    Offsets in `low` are norm's (plus pos) and _TOKEN finds the same tokens in both when case
    folding keeps every character one character (checked over all of Unicode: such a character
    keeps its class, letter/mark/digit, whitespace, hyphen or other). When folding changes a
    length, or the span holds a character str.split() splits at and _TOKEN does not, `chunks` is
    None and the gazetteers read every token (all_tokens)."""

    __slots__ = ("norm", "pos", "endpos", "low", "chunks")

    def __init__(self, norm: str, pos: int = 0, endpos: int | None = None) -> None:
        endpos = len(norm) if endpos is None else endpos
        seg = norm[pos:endpos] if pos or endpos != len(norm) else norm
        low = seg.casefold()
        self.norm, self.pos, self.endpos, self.low = norm, pos, endpos, low
        if len(low) == len(seg) and not splits_apart(seg):
            self.chunks = low.split()
        else:
            self.chunks = None

    def all_tokens(self) -> tuple[list, list[str]]:
        """(the _TOKEN matches of the span in norm, their case-folded keys)."""
        toks = list(_TOKEN.finditer(self.norm, self.pos, self.endpos))
        return toks, [t.group().casefold() for t in toks]


def word_tokens(norm: str, pos: int = 0, endpos: int | None = None) -> WordTokens:
    """The words every gazetteer looks up, for norm[pos:endpos]: made once, passed to each."""
    return WordTokens(norm, pos, endpos)


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

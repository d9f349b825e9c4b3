"""Events: named GeM events (summits, conclaves, workshops...), where and when they took place.

Rule: events.named_event: a name that starts with a starter word (जेम, GeM) or stands in quotes and
ends in an event head word, optionally with a year ("जेम एक्सीलेंस समिट 2025", "GeM Samvad");
words from rules/events.toml. Spellings of one name that differ only in vowel length or nukta
(एक्सीलेंस / एक्सिलेंस) are one event, named as the first body sentence writes it.
English titled events ("the Roundtable with Ministries/Departments & CPSEs") are named events too.
Rule events.generic_held: in an article with no named event, the first generic event phrase
("क्रेता-विक्रेता कार्यशालाओं", "प्रशिक्षण कार्यक्रम") in a sentence that names a place and a holding verb.
One event named two ways (quoted and plain, same head word) is one row under its quoted name.
City: a city named in that sentence, else the dateline's city; state: the city's state when the
article names it, else a state of that sentence, else the primary state; venue: "<city> के VENUE में" /
"at VENUE"; date: a full date in that sentence (day, month and year), else none.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cached_property, lru_cache, partial

import regex

from .. import lexicon, patterns, rules
from ..patterns import LazyPattern, may_hold_word, occurrences, plain_lowered, trie_pattern
from ..text.document import Document
from ..lexicon.english import phrase_en
from ..normalise import fold, normalise
from ..records import EventRecord
from ..text.sentences import Sentence
from .tokens import Token, stopwords, tokenize

_SKELETON = str.maketrans({"ी": "ि", "ू": "ु", "\u093c": None, "ँ": "ं", "-": " "})


@lru_cache(maxsize=1)
def _patterns() -> "_Patterns":
    """The rules' patterns (checked here, at load), each compiled at its first use: a run compiles
    only those its sentences reach (the quoted, titled and generic ones are rarely needed)."""
    data = rules.load("events")
    for key in ("starters", "heads", "venue_heads", "name_words", "length_words", "titled_heads", "generic_heads",
                "held_words", "topic_words", "tail_starts", "tail_stops", "clause_words"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise rules.RuleError(rules.path_of("events"), key, "expected a non-empty list of strings")
    return _Patterns(data, int(data.get("max_inner_words", 4)), int(data.get("tail_max_words", 6)))


def _alt(words) -> str:
    return "|".join(regex.escape(normalise(w).norm).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


_WORD = r"[\p{L}\p{M}][\p{L}\p{M}\-]*(?:(?<=\p{Latin})['’]s?)?"  # "Buyers’", "Seller's"
_TAIL = r"(?:\s+(?:20\d\d(?:-\d\d)?|\d{1,2}\.0))?"
_GLUED = r"(?:का|की|के|को|में|से|ने)?"  # a postposition glued to the name ("जेम संवादका")
_CAP = r"(?:[A-Z][\w&-]*(?:/[A-Z][\w&-]*)*|\([A-Z][\w&-]*\))"
_TITLED_LINKS = ("with", "on", "of", "for")  # a titled name's head is followed by one ("the Roundtable with ...")


class _Patterns:
    """The rules' patterns, each compiled when first read (a run compiles only those its sentences reach)."""

    def __init__(self, data: dict, inner: int, tail_words: int) -> None:
        self._data, self._inner, self._tail_words = data, inner, tail_words

    @cached_property
    def named(self):
        heads, starters = _alt(self._data["heads"]), _alt(self._data["starters"])
        return patterns.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{starters})(?:\s+{_WORD}){{0,{self._inner}}}?\s+(?:{heads}){_TAIL}(?={_GLUED}(?![\p{{L}}\p{{M}}]))")

    @cached_property
    def quoted(self):
        # a quoted name ending in a head word ('जेम एक्सिलेंस इवेंट'), or a quoted name starting with a
        # starter word and followed by a head word ('जेम सारथी 2026' कार्यशाला)
        heads, starters = _alt(self._data["heads"]), _alt(self._data["starters"])
        return patterns.compile(
            rf"(?P<q>['\"])(?P<name>[^'\"\n]{{2,80}}?\s(?:{heads}){_TAIL})(?P=q)"
            rf"|(?P<q2>['\"])(?P<name2>(?:{starters})\s[^'\"\n]{{1,80}}?)(?P=q2)\s+(?:{heads})(?![\p{{L}}\p{{M}}])")

    @cached_property
    def venue(self):
        return patterns.compile(rf"(?:{_alt(self._data['venue_heads'])})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)

    @cached_property
    def more(self):
        r"""more(text, pos, endpos): where `\s+(?:WORDS)(?![\p{L}\p{M}])` (the head and name words written longest
        first) matched at pos ends, or None. When each word is runs of letters and marks with single spaces
        between (the rules' words are), a word matches exactly where the next runs, each after white space, spell
        it, and the longest match is the one of most runs: a set lookup per run, with no alternation of ~700
        characters to compile at the first call (cold start). Other words: that pattern, compiled."""
        words = [normalise(w).norm for w in self._data["heads"] + self._data["name_words"]]
        if all(_PLAIN_WORDS.fullmatch(w) for w in words):
            return partial(_words_end, frozenset(words), max(len(w.split(" ")) for w in words))
        more = patterns.compile(rf"\s+(?:{_alt(words)})(?![\p{{L}}\p{{M}}])")
        return lambda text, pos, endpos: (m := more.match(text, pos, endpos)) and m.end()

    @cached_property
    def length(self):
        return patterns.compile(rf"(?<![\p{{L}}\p{{M}}\d])(?:[\p{{L}}\p{{M}}\d]+[\s-]|\p{{Devanagari}}+(?=दिवसीय))?(?:{_alt(self._data['length_words'])})\s+$",
                                regex.IGNORECASE)

    def _titled_source(self) -> str:
        return (rf"(?<![\w-])(?:{_alt(self._data['titled_heads'])})\s+(?:{'|'.join(_TITLED_LINKS)})\s+(?:the\s+)?{_CAP}"
                rf"(?:\s+(?:(?:&|and|of|for|the)\s+)?{_CAP})*")

    @cached_property
    def titled(self):
        return patterns.compile(self._titled_source())

    @cached_property
    def titled_ascii(self):
        """`titled`'s stdlib twin (patterns.ascii_twin), for an ASCII sentence."""
        return patterns.ascii_twin(self._titled_source())

    @cached_property
    def generic(self):
        return patterns.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(self._data['generic_heads'])})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)

    @cached_property
    def held(self):
        return patterns.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(self._data['held_words'])})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)

    @cached_property
    def firsts(self) -> dict[str, tuple[str, ...]]:
        """For the word lists of the case-insensitive word patterns (venue, generic, held, length): the first
        word of each, lowered (_word_matches, _extend_back)."""
        return {key: tuple(sorted({normalise(w).norm.split(" ")[0].lower() for w in self._data[key]}))
                for key in ("venue_heads", "generic_heads", "held_words", "length_words")}

    @cached_property
    def topic(self):
        return frozenset(fold(w) for w in self._data["topic_words"])

    @cached_property
    def tail_en(self):
        k, stops = self._tail_words, _alt(self._data["tail_stops"])
        return patterns.compile(rf"\s+(?:{_alt(self._data['tail_starts'])})\s+(?!(?:{stops})\b)[A-Za-z][\w-]*"
                                rf"(?:\s+(?!(?:{stops})\b)(?:and\s+|&\s+)?[A-Za-z][\w-]*){{0,{k - 1}}}")

    @cached_property
    def clause(self):
        return frozenset(fold(w) for w in self._data["clause_words"])


@lru_cache(maxsize=1)
def _more_patterns():
    """Conjunctions inside a name, title-case English names after "the", and the bare "starter +
    generic head" ("जेम कार्यशाला") that names no event on its own."""
    data = rules.load("events")
    conj = frozenset(fold(w) for w in data["name_conjunctions"])
    heads = "|".join(regex.escape(w) for w in sorted(data["title_case_heads"], key=len, reverse=True))
    k = int(data.get("title_case_min_words", 2))
    cap = r"(?:[A-Z][\w&-]*(?:['’]s?)?)"
    title_case = patterns.compile(rf"(?<=\bthe\s)(?:{cap}\s+){{{k},6}}(?:{heads})\b")
    starters = frozenset(skeleton(w) for w in data["starters"])
    generic = frozenset(skeleton(w) for w in data["generic_heads"])
    return conj, title_case, starters, generic


def _bare(name: str) -> bool:
    """A starter and a generic head only ("जेम कार्यशाला", "GeM workshop")."""
    _, _, starters, generic = _more_patterns()
    words = skeleton(name).split()
    return len(words) == 2 and words[0] in starters and words[1] in generic


def skeleton(name: str) -> str:
    return " ".join(fold(name).translate(_SKELETON).split())


def extract(doc: Document) -> list[EventRecord]:
    mentions: dict[str, list[tuple[int, int, Sentence, bool]]] = {}
    places = _places(doc.norm)
    opens = _openings(doc.norm, places)
    for sent in doc.sentences:
        if opens is not None:
            i = bisect_left(opens, sent.nstart)
            if i == len(opens) or opens[i] >= sent.nend:
                continue  # no gate word and no quote in the sentence: no name (see _openings)
        for ns, ne, quoted in _names_in(doc, sent, places):
            mentions.setdefault(skeleton(doc.norm[ns:ne]), []).append((ns, ne, sent, quoted))
    groups = _merge_named_twice(doc, list(mentions.values()))
    # a headline kicker "जेम कार्यशाला: ..." names no event the body names
    groups = [g for g in groups if not (all(m[2].display for m in g) and _bare(doc.norm[g[0][0]:g[0][1]]))]
    rule = "events.named_event"
    if not groups:
        generic = _generic_event(doc)
        groups, rule = ([[generic]], "events.generic_held") if generic else ([], rule)
    out = []
    for group in groups:
        body = [m for m in group if not m[2].display]
        ns, ne, sent, _ = (body or group)[0]
        name = doc.source.text[slice(*doc.nt.span(ns, ne))]
        city = _city(doc, sent, ns)
        out.append(EventRecord(
            **doc.provenance(ns, ne, sent, rule),
            name=name, name_en=phrase_en(name), city=city, venue=_venue(doc, sent),
            state=_state(doc, sent, city), date=_date(doc, sent, ne), mentions=len(group),
        ))
    return out


def _head(norm: str, group: list) -> str:
    """The last word of the skeleton of a group's first name."""
    return skeleton(norm[group[0][0]:group[0][1]]).split()[-1]


def _merge_named_twice(doc: Document, groups: list[list]) -> list[list]:
    """One event named two ways (a quoted name and a plain one with the same head word) is one
    event under its quoted name."""
    norm = doc.norm
    quoted = [g for g in groups if any(m[3] for m in g)]
    out = []
    for g in groups:
        twin = next((q for q in quoted if q is not g and _head(norm, q) == _head(norm, g)), None)
        if twin is not None and not any(m[3] for m in g):
            twin.extend(g)
            continue
        out.append(g)
    for g in out:
        if any(m[3] for m in g):
            g.sort(key=lambda m: (not m[3], m[0]))
    # a short name only in a headline ("जेम स्थापना दिवस: ...") is the body's longer name ("... दिवस समारोह")
    keys = [f" {skeleton(doc.norm[g[0][0]:g[0][1]])} " for g in out]
    kept = []
    for g, key in zip(out, keys):
        longer = next((h for h, k in zip(out, keys) if h is not g and key in k and len(k) > len(key)
                       and any(not m[2].display for m in h)), None)
        if longer is not None and all(m[2].display for m in g):
            longer.extend(g)
            continue
        kept.append(g)
    return kept


@lru_cache(maxsize=1)
def _gates() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Words one of which a sentence must hold for a pattern to match in it (each pattern is case-sensitive
    and begins with one of them, or, for title-case names, ends with one): the first word of each starter,
    of each titled head, each title-case head, and the first word of each head (a quoted name holds one)."""
    data = rules.load("events")

    def firsts(words):
        return tuple(sorted({normalise(w).norm.split()[0] for w in words if normalise(w).norm.split()}))

    return (firsts(data["starters"]), firsts(data["titled_heads"]), tuple(data["title_case_heads"]),
            firsts(data["heads"]))


def _places(norm: str) -> tuple[list, list, list]:
    """Where the gate words stand in the article (_gates' starters, titled heads, title-case heads): sorted
    (start, end) of every occurrence, found once per article instead of once per sentence. Titled heads are
    looked for only in an article with a word their name needs after them (_TITLED_LINKS), title-case heads
    only in one with the "the" before such a name (both patterns are case-sensitive): most Hindi articles
    have neither, and a few str.find that fail cost less than one per head word."""
    starters, titled_heads, title_case_heads, _ = _gates()
    titled = _occurrences(norm, titled_heads) if any(map(norm.__contains__, _TITLED_LINKS)) else []
    title_case = _occurrences(norm, title_case_heads) if "the" in norm else []
    return _occurrences(norm, starters), titled, title_case


def _occurrences(norm: str, words: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """(start, end) of every occurrence of the words, in order; None when a word is empty (it stands
    in every text, even an empty one: looked for per sentence)."""
    if not all(words):
        return None
    return sorted((i, i + len(w)) for i, w in occurrences(norm, words))


def _openings(norm: str, places: tuple[list, list, list]) -> list[int] | None:
    """The sorted offsets of every gate word (_places) and every quote in the article: a sentence none of
    them stands in holds no name (_names_in reads a name only at a starter, a titled or a title-case head,
    or between quotes). None when a gate word is empty (it stands everywhere)."""
    if any(p is None for p in places):
        return None
    return sorted(p for found in (*places, _occurrences(norm, ("'", '"'))) for p, _ in found)


def _inside(places: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The occurrences that lie within norm[start:end]: word in norm[start:end] for one of the words
    exactly when this is not empty."""
    k = bisect_left(places, (start,))
    out = []
    n = len(places)
    while k < n and places[k][0] < end:
        if places[k][1] <= end:
            out.append(places[k])
        k += 1
    return out


def _names_in(doc: Document, sent: Sentence, places: tuple[list, list, list] | None = None
              ) -> list[tuple[int, int, bool]]:
    pats = _patterns()
    starters, titled_heads, title_case_heads, _ = _gates()
    if places is None:
        places = _places(doc.norm)
    text = doc.norm[sent.nstart:sent.nend]
    spans = []
    # a quoted name: an opening and a closing quote of one kind, a head word inside or after them
    if (text.count("'") >= 2 or text.count('"') >= 2) and _quote_by_name(doc.norm, sent.nstart, sent.nend):
        for m in pats.quoted.finditer(doc.norm, sent.nstart, sent.nend):
            g = "name" if m.group("name") else "name2"
            spans.append((m.start(g), m.end(g), True))
    named_spans = []
    stops = stopwords()
    at = None if places[0] is None else {p - sent.nstart for p, _ in _inside(places[0], sent.nstart, sent.nend)}
    for m in (_named_matches(pats.named, doc.norm, text, sent.nstart, sent.nend, starters, at) if at is None or at else ()):
        words = m.group().split()
        latin = words[0].isascii()
        if latin and any(fold(w) in pats.clause for w in words[1:]):  # "GeM organised a ... Meet" is a clause
            continue
        conj = _more_patterns()[0]
        if not any(fold(w) in stops for i, w in enumerate(words[1:], 1)
                   if not _in_length(words, i) and not (i >= 2 and fold(w) in conj)):
            end = _extend(doc, sent, m.end(), pats.more)
            if latin:
                t = pats.tail_en.match(doc.norm, end, sent.nend)
                if t and not _DIGIT.search(t.group()):
                    end = t.end()
            named_spans.append((_extend_back(doc, sent, m.start(), pats.length), end))
    if (any(map(text.__contains__, titled_heads)) if places[1] is None else _inside(places[1], sent.nstart, sent.nend)):
        titled = pats.titled_ascii if patterns.ascii_span(doc.norm, sent.nstart, sent.nend) else pats.titled
        for m in titled.finditer(doc.norm, sent.nstart, sent.nend):
            named_spans.append((m.start(), m.end()))
    if (any(map(text.__contains__, title_case_heads)) if places[2] is None
            else _inside(places[2], sent.nstart, sent.nend)) and "the" in doc.norm[max(0, sent.nstart - 4):sent.nend]:
        for m in _more_patterns()[1].finditer(doc.norm, sent.nstart, sent.nend):
            named_spans.append((m.start(), m.end()))
    if not named_spans:
        return sorted(spans)
    _add_outermost(named_spans, spans)
    return sorted(spans)


def _add_outermost(named_spans: list[tuple[int, int]], spans: list[tuple[int, int, bool]]) -> None:
    """Appends to `spans` (the quoted names, (start, end, True)) each named span, in order, as (start, end,
    False) unless another span of either list holds it, or it starts inside a span of `spans` (those
    appended before it included), or it is there already. In O(k log k) for k spans (a sentence of
    thousands of starters, a run-together page, made the pairwise test quadratic): "another span holds
    it" is a look-up in the largest end of the spans starting at each start and before it; "starts
    inside" a prefix maximum over the starts of the spans added so far (a Fenwick tree)."""
    fixed = named_spans + [x[:2] for x in spans]
    most: dict[int, int] = {}  # start -> the largest end of the spans starting there
    for s2, e2 in fixed:
        if e2 > most.get(s2, e2 - 1):
            most[s2] = e2
    starts = sorted(most)
    before = []  # before[i]: the largest end of the spans starting before starts[i]
    top = -1
    for s2 in starts:
        before.append(top)
        top = max(top, most[s2])
    tree = [-1] * (len(starts) + 1)  # Fenwick tree of the largest end of the spans in `spans`, by start

    def add(s2: int, e2: int) -> None:
        i = bisect_left(starts, s2) + 1
        while i <= len(starts):
            if tree[i] < e2:
                tree[i] = e2
            i += i & -i

    def largest_end_from(s: int) -> int:  # of the spans in `spans` starting at or before s
        i, top = bisect_left(starts, s + 1), -1
        while i > 0:
            top = max(top, tree[i])
            i -= i & -i
        return top

    for s2, e2, _ in spans:
        add(s2, e2)
    added = set()
    for s, e in named_spans:
        # another span holds it: one starting before it that ends at or after its end, or one starting
        # with it that ends after it
        if most[s] > e or before[bisect_left(starts, s)] >= e:
            continue
        if largest_end_from(s) > s or (s, e) in added:
            continue
        spans.append((s, e, False))
        added.add((s, e))
        add(s, e)


def _quote_by_name(norm: str, start: int, end: int) -> bool:
    """Whether a quote in norm[start:end] stands where the quoted pattern needs one: right after the last word
    of a head or a digit (a quoted name ends in a head and maybe a year or an edition: "'जेम सारथी 2026'"),
    or right before the first word of a starter (a quoted name begins with one and a head follows the quotes).
    Every quoted match has such a quote; a look at the few quotes costs less than a search for every head."""
    neighbours = _quote_neighbours()
    if neighbours is None:
        return True
    lasts, firsts = neighbours
    return any(norm.startswith(firsts, i + 1) or norm.endswith(lasts, start, i) or (i > start and norm[i - 1].isdigit())
               for i, _ in occurrences(norm, "'\"", start, end))


@lru_cache(maxsize=1)
def _quote_neighbours() -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the last word of each head, the first word of each starter): the words the quoted pattern's quotes
    stand next to; None (no gate) when a head or a starter has no word."""
    data = rules.load("events")
    heads, starters = [normalise(w).norm.split() for w in data["heads"]], [normalise(w).norm.split() for w in data["starters"]]
    if not all(heads) or not all(starters):
        return None
    return tuple(sorted({w[-1] for w in heads})), tuple(sorted({w[0] for w in starters}))


def _named_matches(named, norm: str, text: str, start: int, end: int, starters: tuple[str, ...],
                   at: set[int] | None = None) -> list:
    """named.finditer(norm, start, end, overlapped=True), tried only where a starter word stands: every
    match begins with one, and an overlapped search yields, at each start in turn, the match found there.
    `at`: the offsets in text where a starter stands, when known."""
    if at is None:
        at = set()
        for w in starters:
            i = text.find(w)
            while i >= 0:
                at.add(i)
                i = text.find(w, i + 1)
    if not at:
        return []
    # every match holds a head word after its starter: no head's first word after the first starter,
    # no match (heads are literals of the case-sensitive pattern; their first words stand in the text as they are)
    search = _head_search()
    if search is not None and search(text, min(at) + 1) is None:
        return []
    reach = _head_reach()
    match = named.match
    if reach is None:
        return [m for m in (match(norm, start + i, end) for i in sorted(at)) if m is not None]
    return [m for m in (match(norm, p, end) for p in _within_reach(reach, norm, [start + i for i in sorted(at)], end))
            if m is not None]


_SPACE = re.compile(r"\s")  # the stdlib's white space: that of the _head_reach pattern


def _within_reach(reach, norm: str, starts: list[int], end: int) -> list[int]:
    r"""The offsets of `starts` (ascending) from which reach(norm, p, end) (_head_reach) matches, the pattern
    tried once for each run of non-space characters that holds starts: exact, for its first `\S*\s+` from
    any offset of such a run reads on to the same white space, and from there the match goes alike; once
    per start, a start inside a long run without white space ("GeM-GeM-...", "जेमजेम...") had the pattern
    read the rest of the run again (quadratic). Whether white space stands between two starts is asked
    from the one to the other, each stretch read once and only up to its first white space."""
    out = []
    space = _SPACE.search
    last = -1
    near = False
    for p in starts:
        if last < 0 or space(norm, last, p) is not None:
            near = reach(norm, p, end) is not None
        last = p
        if near:
            out.append(p)
    return out


@lru_cache(maxsize=1)
def _head_search():
    r"""The search for any head's first word (_gates) after white space (in the named pattern a head follows
    `\s+`, and every character the `regex` module's \s takes the stdlib's \s takes too): a stdlib re
    pattern of their trie (a word another one begins with stands for both: only whether one stands in the
    text is asked), tried only after a white space, not at every letter a head may begin with; None (no
    gate) when a head has no word."""
    if any(not normalise(w).norm.split() for w in rules.load("events")["heads"]):
        return None
    heads = _gates()[3]
    return re.compile(r"\s" + trie_pattern([w for w in heads if not any(v != w and w.startswith(v) for v in heads)])).search


@lru_cache(maxsize=1)
def _head_reach():
    r"""The match, from a starter, of up to as many runs of white space as a named match reaches its head
    after, each after a run of other characters, then a head's first word: a stdlib pattern tried in a
    fraction of a failing `regex` named match (tens of thousands of instructions in an English sentence).
    None (no gate) when a head has no word.

    A named match is its starter (a literal, its runs of white space \s+ in the pattern), up to
    max_inner_words words each after \s+, then \s+ and a head: the head stands right after the starter's
    runs plus inner plus one runs of the stdlib's \s+ (every character the `regex` module's \s takes the
    stdlib's takes, and none of a word, letters, marks, hyphens and apostrophes, nor of a starter is one).
    The heads' first words are written as a trie (a word another one begins with stands for both)."""
    data = rules.load("events")
    if any(not normalise(w).norm.split() for w in data["heads"]):
        return None
    runs = max(len(re.findall(r"\s+", normalise(w).norm)) for w in data["starters"]) + int(data.get("max_inner_words", 4)) + 1
    heads = _gates()[3]
    trie = trie_pattern([w for w in heads if not any(v != w and w.startswith(v) for v in heads)])
    return re.compile(rf"(?:\S*\s+){{1,{runs}}}?(?:{trie})").match


def _word_matches(pattern, firsts: tuple[str, ...], norm: str, start: int, end: int, first: bool = False) -> list:
    """list(pattern.finditer(norm, start, end)) (only its first match when `first`) for a case-insensitive
    pattern of words (venue, generic, held) each match of which begins with one of `firsts` (their first
    words, lowered). In a sentence of ASCII and Devanagari characters only (patterns.plain_lowered: there
    lowering is the pattern's case folding and keeps every offset) the pattern is tried only where a first
    word stands in the lowered sentence, in order, from where the last match ended, as finditer would go on
    (a `regex` alternation that ignores case is tried at every character: ~100x the cost of a few str.find).
    Any other sentence: the pattern's finditer."""
    low = plain_lowered(norm, start, end)
    if low is None:
        found = pattern.finditer(norm, start, end)
        if first:
            m = next(found, None)
            return [] if m is None else [m]
        return list(found)
    out = []
    pos = start
    match = pattern.match
    for i in sorted({i for i, _ in occurrences(low, firsts)}):
        if start + i < pos:
            continue
        m = match(norm, start + i, end)
        if m is not None:
            out.append(m)
            if first:
                break
            pos = m.end()
    return out


def _in_length(words: list[str], i: int) -> bool:
    """words[i] is part of a length inside the name ("एक दिवसीय" in "जेम पोर्टल संबंधी एक दिवसीय ... वर्कशॉप")."""
    lengths = _length_words()
    return fold(words[i]) in lengths or (i + 1 < len(words) and fold(words[i + 1]) in lengths)


@lru_cache(maxsize=1)
def _length_words() -> frozenset[str]:
    return frozenset(fold(w) for w in rules.load("events")["length_words"])


def _extend(doc: Document, sent: Sentence, end: int, more) -> int:
    """Past the head: further head words and name words ("... कार्यशाला आउट रीच अवेयरनेस"); `more`: _Patterns.more."""
    while True:
        after = more(doc.norm, end, sent.nend)
        if after is None:
            return end
        end = after


_PLAIN_WORDS = LazyPattern(patterns.compile, r"[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)*")
_RUN = LazyPattern(patterns.compile, r"\s+([\p{L}\p{M}]+)")


def _words_end(words: frozenset[str], most: int, text: str, pos: int, endpos: int) -> int | None:
    """Where the longest of `words` (runs of letters and marks joined by single spaces, at most `most` runs)
    spelt by the runs of letters and marks after white space from text[pos:endpos] ends; None when none is."""
    end, spelt = None, ""
    for k in range(most):
        m = _RUN.match(text, pos, endpos)
        if m is None:
            break
        pos = m.end()
        spelt = f"{spelt} {m.group(1)}" if k else m.group(1)
        if spelt in words:
            end = pos
    return end


def _extend_back(doc: Document, sent: Sentence, start: int, length) -> int:
    """Before the starter: a Hindi length ("एक दिवसीय") belongs to the name; in English a lower-case
    length ("a two-day GeM Outreach Programme") stands outside the capitalised title."""
    lo = max(sent.nstart, start - 30)
    if not may_hold_word(doc.norm, lo, start, _patterns().firsts["length_words"]):
        return start  # no length word before the starter: the length pattern (ignoring case) cannot match
    m = length.search(doc.norm, lo, start)
    if m and m.group()[:1].isascii() and m.group()[:1].islower():
        return start
    return m.start() if m else start


_DIGIT = regex.compile(r"\d")


def _generic_event(doc: Document):
    """The first generic event phrase ("क्रेता-विक्रेता कार्यशालाओं", "प्रशिक्षण कार्यक्रम") in a body
    sentence that names a place (a city, a state or a venue) and a holding verb."""
    pats = _patterns()
    firsts = _generic_firsts()
    # a sentence's case folding is a piece of the article's (folding goes letter by letter): no head
    # in the article, none in a sentence
    if not any(map(doc.norm.casefold().__contains__, firsts)):
        return None
    for sent in doc.sentences:
        if sent.display:
            continue
        if not any(map(doc.norm[sent.nstart:sent.nend].casefold().__contains__, firsts)):
            continue  # no generic head in the sentence
        heads = _word_matches(pats.generic, pats.firsts["generic_heads"], doc.norm, sent.nstart, sent.nend)
        if not heads or not _word_matches(pats.held, pats.firsts["held_words"], doc.norm, sent.nstart, sent.nend, True):
            continue
        if not (doc.cities_in(sent.nstart, sent.nend) or doc.states_in(sent.nstart, sent.nend)
                or _word_matches(pats.venue, pats.firsts["venue_heads"], doc.norm, sent.nstart, sent.nend, True)):
            continue
        m = heads[0]
        stops = _generic_stops()
        toks = [t for t in tokenize(doc.norm, sent.nstart, m.start()) if t.end <= m.start()]
        i = len(toks)
        while i > 0 and len(toks) - i < GENERIC_MAX_WORDS:
            t = toks[i - 1]
            pair = fold(f"{toks[i - 2].text} {t.text}") if i >= 2 else ""
            if pair in pats.topic:
                i -= 2
                continue
            if i >= 2 and fold(t.text) in _length_words():  # "एक दिवसीय", "पांच दिवसीय" belong to the name
                i -= 2
                continue
            if not t.is_word and t.text != "-" or fold(t.text) in stops:
                break
            i -= 1
        start = toks[i].start if i < len(toks) else m.start()
        return (start, m.end(), sent, False)
    return None


@lru_cache(maxsize=1)
def _generic_firsts() -> tuple[str, ...]:
    """The first word of each generic head, case-folded: a sentence the generic pattern (case-insensitive,
    simple folding: each letter it matches folds to the pattern's letter) matches in holds one."""
    words = {normalise(w).norm.split()[0].casefold() for w in rules.load("events")["generic_heads"]
             if normalise(w).norm.split()}
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))  # "workshop" covers "workshops"


@lru_cache(maxsize=1)
def _generic_stops() -> frozenset[str]:
    """The words a generic name does not reach back past: stop words and determiners."""
    return stopwords() | _DETERMINERS


GENERIC_MAX_WORDS = 8
_DETERMINERS = frozenset(fold(w) for w in ("यह", "इस", "इन", "उस", "एक", "ये", "वह", "this", "the", "a", "an", "these"))


def _city(doc: Document, sent: Sentence, at: int) -> str:
    """The city named nearest the event's name in its sentence, else the dateline's city."""
    here = doc.cities_in(sent.nstart, sent.nend)
    if here:
        return min(here, key=lambda c: abs(c.nstart - at)).key
    return doc.meta.dateline_city


def _venue(doc: Document, sent: Sentence) -> str:
    """'<...> के VENUE में' or 'at VENUE': the words before a venue head back to a stop word."""
    pats = _patterns()
    heads = _word_matches(pats.venue, pats.firsts["venue_heads"], doc.norm, sent.nstart, sent.nend)
    if not heads:
        return ""
    toks = _tokens_to(doc.norm, sent, heads[-1].end())  # the walk reads no token after a head
    stops = stopwords()
    city_forms = _city_forms()
    for m in heads:
        after = doc.norm[m.end():m.end() + 6]
        ends = [i for i, t in enumerate(toks) if t.end == m.end()]
        if not ends:
            continue
        j = ends[0]
        i = j
        while i - 1 >= 0 and j - i < 5 and toks[i - 1].is_word and fold(toks[i - 1].text) not in stops \
                and fold(toks[i - 1].text) not in city_forms:
            i -= 1
        before = fold(toks[i - 1].text) if i >= 1 else ""
        hindi = after.startswith(" में") and j - i >= 1 and (i == 0 or before in stops or before == fold("स्थित"))
        english = before == "at" or (before == "the" and i >= 2 and fold(toks[i - 2].text) == "at")
        if i < j and (hindi or english):
            return doc.source.text[slice(*doc.nt.span(toks[i].start, toks[j].end))]
    return ""


def _tokens_to(norm: str, sent: Sentence, end: int) -> list[Token]:
    """The sentence's tokens that end by `end` (and maybe more), tokenising no further than needed: where a
    space follows `end` in a sentence of no Latin letter, the tokens of norm[sent.nstart:end] are those of
    the sentence up to there (tokens.tokenize reads such text with the Hindi tokenizer either way, and its
    joins, runs of punctuation and overlong chunks, like spaCy's splits and the Hindi tokenizer's special
    cases, none of which holds a space, do not reach across a space); else the whole sentence's."""
    if norm.startswith(" ", end) and _LATIN_LETTER.search(norm, sent.nstart, sent.nend) is None:
        return tokenize(norm, sent.nstart, end)
    return tokenize(norm, sent.nstart, sent.nend)


_LATIN_LETTER = LazyPattern(regex.compile, r"\p{Latin}")


@lru_cache(maxsize=1)
def _city_forms() -> frozenset[str]:
    return frozenset(fold(f) for e in lexicon.cities().by_form.values() for f in e.data["forms"])


def _state(doc: Document, sent: Sentence, city: str) -> str:
    """The state of the event's known city when the article names that state (none when it does
    not, unless the city is the seat of that state's government); for an unknown or no city, a state named in the event's sentence, else the primary state."""
    entry = lexicon.cities().lookup(city) if city else None
    named = {m.key for m in doc.states}
    if entry:  # a known city decides: another state named nearby is not where the event was
        if entry.data["state"] in named:
            return entry.data["state"]
        # a shared capital (Chandigarh) holds the events of the named state whose seat it is
        seat = [s for s in entry.data.get("capital_of", ()) if s in named]
        return seat[0] if len(seat) == 1 else ""
    here = doc.states_in(sent.nstart, sent.nend)
    return here[0].key if here else doc.primary_state


_MONTH_DAY = regex.compile(r"--\d\d-\d\d")
_WEEKDAY_NAMES = (("सोमवार", "Monday"), ("मंगलवार", "Tuesday"), ("बुधवार", "Wednesday"), ("गुरुवार", "Thursday"),
                  ("शुक्रवार", "Friday"), ("शनिवार", "Saturday"), ("रविवार", "Sunday"))
_WEEKDAYS = {fold(w): i for i, pair in enumerate(_WEEKDAY_NAMES) for w in pair}


@lru_cache(maxsize=1)
def _day_cue():
    """"आज", "today" or a weekday (compiled at first use: only an event with no date in its sentence reads it)."""
    return patterns.compile(r"(?<![\p{L}\p{M}])(?:आज|(?P<wd>सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार))(?![\p{L}\p{M}])"
                            r"|\b(?:today|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", regex.IGNORECASE)


def _date(doc: Document, sent: Sentence, at: int) -> str:
    """The full date nearest the event's name in its sentence; a day and month without a year take
    the year of a report its byline dates (a crawler's date line does not date an event); "आज",
    "today" or the weekday of the report's date give that date, another weekday none; with no day at
    all, the date of a publication line (an update stamp does not say when the event was)."""
    dates = [n for n in doc.numbers_in(sent) if n.expr.kind == "date" and n.expr.period]
    published, stamped = doc.meta.published, doc.meta.published_in == "byline"
    if dates:
        period = min(dates, key=lambda n: abs(n.nstart - at)).expr.period
        if len(period) == 10:
            return period
        if _MONTH_DAY.fullmatch(period) and stamped and len(published) == 10:
            return published[:4] + period[1:]  # "5 फरवरी को" in a report its byline dates: that year
        return ""
    if len(published) != 10:
        return ""
    day = _day_cue().search(doc.norm, sent.nstart, sent.nend)
    if day:  # "आज", "today", or the weekday the report is dated ("बुधवार को" in a Wednesday's report)
        weekday = day.group("wd")
        if not weekday:
            return published
        if doc.meta.updated_only:
            return ""  # a page stamped as updated may be a later day's copy: its weekday is not safely the report's
        return published if _WEEKDAYS.get(fold(weekday)) == date.fromisoformat(published).weekday() else ""
    if stamped and not doc.meta.updated_only:
        return published  # reported without a day in a report its publication line dates
    return ""

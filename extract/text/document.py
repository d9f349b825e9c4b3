"""The analysed article every extractor reads: text, working copy, layout, sentences, numbers,
state mentions and metadata (title, published date, publisher, dateline, language).

Owns the analysis that more than one extractor needs, done once per article, and the provenance
of a record: `Document.provenance()` turns a working-copy span into the contract's start, end,
evidence and context. It does not decide what a record is.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import regex

from .. import lexicon, patterns, rules
from ..memo import Memo
from .layout import Layout, analyse, publisher_rule_ids
from ..normalise import NormText, fold, normalise, script_counts
from ..numbers import NumberExpr, find_in
from .reader import Source
from .sentences import Sentence, split


@dataclass(slots=True, unsafe_hash=True)
class Number:
    """A number expression with its working-copy span beside the original one."""

    expr: NumberExpr
    nstart: int
    nend: int


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A gazetteer entry named in a content sentence (slotted, read-only by convention)."""

    nstart: int
    nend: int
    key: str  # canonical name (English state / city)
    sentence: Sentence


@dataclass(frozen=True)
class Meta:
    title: str = ""
    published: str = ""
    published_in: str = ""  # kind of the block that dated the article: "byline", "meta" (a crawler line), "paragraph"
    updated_only: bool = False  # the first dating byline is an update stamp ("Updated: ...", "अपडेटेड ..."), not a publication line (even when a publication line further down dates the report)
    publisher: str = ""
    dateline: str = ""
    dateline_city: str = ""  # English city name when the dateline is a known city
    dateline_span: tuple[int, int] = (0, 0)  # working-copy span of the dateline's place word
    lang: str = ""


@dataclass
class Document:
    source: Source
    nt: NormText
    layout: Layout
    sentences: list[Sentence]
    numbers: list[Number]
    states: list[Mention]
    cities: list[Mention]
    meta: Meta
    primary_state: str = ""
    words: lexicon.WordTokens | None = field(default=None, repr=False)  # the text's words, for every gazetteer and the title finder
    _starts: list[int] = field(default_factory=list, repr=False)
    _number_starts: list[int] = field(default_factory=list, repr=False)
    _state_starts: list[int] = field(default_factory=list, repr=False)
    _city_starts: list[int] = field(default_factory=list, repr=False)
    # per-article analyses an extractor works out once and reads for many figures or sentences
    # (a cue index, a token table), keyed by the name of the module that owns them; they may refer
    # back to the document (see `done`)
    cache: dict = field(default_factory=dict, repr=False)

    def done(self) -> None:
        """The extractors are done with the article: drop the analyses they kept in `cache`. They
        refer back to the document, and while that cycle stands the whole analysed article (blocks,
        sentences, numbers, mentions: hundreds of objects) waits for the cycle collector instead of
        being freed by reference counting when the last reference goes; a batch then collects tens
        of thousands of such objects at a time (~0.1 s each time, ~10% of a batch's CPU time)."""
        self.cache.clear()

    @property
    def article_id(self) -> str:
        return self.source.article_id

    @property
    def norm(self) -> str:
        return self.nt.norm

    def sentence_at(self, noffset: int) -> Sentence | None:
        i = bisect_right(self._starts, noffset) - 1
        if i >= 0 and self.sentences[i].nstart <= noffset < self.sentences[i].nend:
            return self.sentences[i]
        return None

    def numbers_in(self, sent: Sentence) -> list[Number]:
        """The numbers that start inside the sentence (a bisect over the sorted starts: no scan)."""
        lo = bisect_left(self._number_starts, sent.nstart)
        hi = bisect_left(self._number_starts, sent.nend, lo)
        return self.numbers[lo:hi]

    def states_in(self, nstart: int, nend: int) -> list[Mention]:
        """State mentions wholly inside norm[nstart:nend]."""
        return _within(self.states, self._state_starts, nstart, nend)

    def cities_in(self, nstart: int, nend: int) -> list[Mention]:
        """City mentions wholly inside norm[nstart:nend]."""
        return _within(self.cities, self._city_starts, nstart, nend)

    def provenance(self, nstart: int, nend: int, sent: Sentence, rule: str) -> dict:
        start, end = self.nt.span(nstart, nend)
        text = self.source.text
        return dict(article_id=self.article_id, start=start, end=end, evidence=text[start:end],
                    context=text[sent.start:sent.end], rule=rule)


def _within(mentions: list[Mention], starts: list[int], nstart: int, nend: int) -> list[Mention]:
    lo = bisect_left(starts, nstart)
    hi = bisect_left(starts, nend, lo)
    return [m for m in mentions[lo:hi] if m.nend <= nend]


def build(source: Source) -> Document:
    nt = normalise(source.text)
    layout = analyse(nt)
    sentences = split(layout)
    doc = Document(source=source, nt=nt, layout=layout, sentences=sentences, numbers=[], states=[],
                   cities=[], meta=Meta(), _starts=[s.nstart for s in sentences])
    doc.numbers = sorted(_numbers(doc), key=lambda n: n.nstart)
    doc._number_starts = [n.nstart for n in doc.numbers]
    doc.meta = _meta(doc)
    heads, gap = _organisation_heads()
    words = doc.words = lexicon.word_tokens(doc.norm)  # one tokenising pass for both gazetteers (and officials' titles)
    doc.states = _mentions(doc, lexicon.states(), words, doc.meta.dateline_span, heads, gap)
    doc.cities = _mentions(doc, lexicon.cities(), words)
    doc._state_starts = [m.nstart for m in doc.states]
    doc._city_starts = [m.nstart for m in doc.cities]
    doc.primary_state = _primary_state(doc)
    return doc


def _numbers(doc: Document) -> list[Number]:
    nt = doc.nt
    if type(nt.to_orig) is range:  # no rewrite changed a length: the offsets are the same (see NormText)
        return [Number(e, e.start, e.end) for e in find_in(nt)]
    return [Number(e, *nt.to_norm(e.start, e.end)) for e in find_in(nt)]


def _mentions(doc: Document, gaz: lexicon.Gazetteer, words: lexicon.WordTokens, skip: tuple[int, int] = (0, 0),
              org_heads: frozenset[str] = frozenset(), max_gap: int = 0) -> list[Mention]:
    """Mentions of the gazetteer's entries in content sentences; not inside `skip` (the dateline) and
    not where the name opens an organisation's or a site's name (an organisation head follows it)."""
    out = []
    for s, e, entry in gaz.finditer(doc.norm, tokens=words):
        if skip[0] <= s < skip[1]:
            continue
        sent = doc.sentence_at(s)
        if sent is None or entry is None:
            continue
        before = doc.norm[max(0, s - 24):s].split()
        if before and before[-1] in entry.data.get("not_after", ()):
            continue
        if org_heads and len(before) >= 2 and fold(" ".join(before[-2:])) in _organisation_before():
            continue  # "Bank of Maharashtra"
        if org_heads and _opens_organisation(doc.norm, e, org_heads, max_gap):
            continue
        out.append(Mention(s, e, entry.key, sent))
    return out


_GAP_STOPS = frozenset(fold(w) for w in ("के", "की", "का", "में", "से", "और", "एवं", "तथा", "व", "को", "ने", "पर",
                                         "and", "of", "in", "to", "for", "the", "with", "from"))
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}&]+|[^\s\p{L}\p{M}\p{N}]")


def _opens_organisation(norm: str, end: int, heads: frozenset[str], max_gap: int) -> bool:
    """Whether an organisation head (a word or two) follows the name ending at `end`, with at most
    `max_gap` words between that are not joining words or punctuation."""
    words = _words_after(norm, end, max_gap + 2)
    for i in range(min(max_gap + 1, len(words))):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in heads or (nxt is not None and f"{w} {nxt}" in heads):
            return True
        if w in _GAP_STOPS or not w[0].isalnum():
            return False
    return False


ORGANISATION_WINDOW = 120  # the words after a name that may hold an organisation head lie within this many characters


def _words_after(norm: str, end: int, count: int) -> list[str]:
    """The first `count` (or more) folded `_WORD`s of norm[end:end + ORGANISATION_WINDOW], read chunk by
    chunk (a `_WORD` never crosses whitespace: the words of a chunk, its str.split() part, are found
    once per chunk); by the pattern when the window holds a character str.split() splits at and
    `_WORD` does not (see lexicon.splits_apart). A chunk holds one word or more: `count` chunks do."""
    seg = norm[end:end + ORGANISATION_WINDOW]
    if lexicon.splits_apart(seg):
        return [fold(w) for w in _WORD.findall(seg)]
    out: list[str] = []
    for chunk in seg.split(None, count)[:count]:
        words = _CHUNK_WORDS.get(chunk)
        if words is None:
            words = _CHUNK_WORDS.keep(chunk, tuple(fold(w) for w in _WORD.findall(chunk)))
        out += words
        if len(out) >= count:
            break
    return out


_CHUNK_WORDS: Memo = Memo(1 << 14)  # chunk -> its folded _WORDs


@lru_cache(maxsize=1)
def _organisation_before() -> frozenset[str]:
    words = rules.load("states").get("organisation_before", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise rules.RuleError(rules.path_of("states"), "organisation_before", "expected a list of strings")
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=1)
def _organisation_heads() -> tuple[frozenset[str], int]:
    data = rules.load("states")
    heads = data.get("organisation_heads", [])
    if not isinstance(heads, list) or not all(isinstance(h, str) for h in heads):
        raise rules.RuleError(rules.path_of("states"), "organisation_heads", "expected a list of strings")
    return frozenset(fold(h) for h in heads), int(data.get("organisation_max_gap", 0))


LEAD_SENTENCES = 2  # body sentences that say what the article is about
LIST_STATES = 3  # a sentence naming this many states lists them: it makes none of them the subject


def _primary_state(doc: Document) -> str:
    """The one state the article is about: named in the headline, in the lead (the first body
    sentences, not a list of states) or by the dateline's city; among several such, the most
    mentioned (a headline mention counts extra); a tie, or no such state, gives none."""
    score: dict[str, float] = {}
    per_sentence: dict[int, tuple[Sentence, set[str]]] = {}  # the sentences that name a state, and their states
    for m in doc.states:
        score[m.key] = score.get(m.key, 0) + (3 if m.sentence.block.kind == "title" else 1)
        per_sentence.setdefault(m.sentence.index, (m.sentence, set()))[1].add(m.key)
    lead = list(islice((s.index for s in doc.sentences if not s.display), LEAD_SENTENCES))
    candidates: set[str] = set()
    for s, keys in per_sentence.values():  # (the result does not depend on their order)
        if (s.block.kind == "title" or s.index in lead) and len(keys) < LIST_STATES:
            candidates |= keys
            if lead and s.index == lead[0]:
                for k in keys:  # the lead sentence names the subject
                    score[k] += 2
    if doc.meta.dateline_city:
        city_state = lexicon.cities().lookup(doc.meta.dateline_city)
        if city_state and city_state.data["state"] in score:
            candidates.add(city_state.data["state"])
            score[city_state.data["state"]] += 2
    if not candidates:
        return ""
    ranked = sorted(candidates, key=lambda k: -score[k])
    if len(ranked) > 1 and score[ranked[0]] == score[ranked[1]]:
        return ""
    return ranked[0]


@lru_cache(maxsize=1)
def _dateline_pattern() -> "regex.Pattern[str]":
    """The place that opens the body, after an optional desk ("बिजनेस डेस्क, नई दिल्ली।", "राज्य ब्यूरो, श्रीनगर।")."""
    desks = "|".join(sorted((regex.escape(w).replace("\\ ", "\\s+") for w in rules.load("layout")["desk_words"]), key=len, reverse=True))
    return patterns.compile(r"\s*(?:(?:[\p{L}\p{M}]+\s+){0,2}(?:%s)\s*[,:]\s*)?"
                         r"((?:[\p{L}\p{M}.]+)(?:\s[\p{L}\p{M}.]+){0,2}?)\s*([:।,]|\.(?=\s)|\s[-–]\s)\s*\S" % desks,
                         regex.IGNORECASE)
_PORTAL_META = regex.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s+(.+?)\s*(?:/.*)?$", regex.IGNORECASE)
_COPYRIGHT = regex.compile(r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(.+?)\s*(?:[.,।|]|$)", regex.IGNORECASE)


def _meta(doc: Document) -> Meta:
    text = doc.source.text
    blocks = doc.layout.blocks
    title = next((text[b.start:b.end] for b in blocks if b.kind == "title"), "")
    published, published_in, updated_only = _published(doc)
    lang = _lang(doc)
    dateline, city, dateline_span = _dateline(doc)
    if not dateline:
        dateline, city = _byline_city(doc)
    if not published:
        published = _dated_today(doc)
        published_in = "paragraph" if published else ""
    if not published and dateline_span[1]:
        para = next(b for b in blocks if b.kind == "paragraph" and dateline_span[0] >= b.nstart and dateline_span[0] < b.nend)
        published = _full_date(doc, para.nstart, min(para.nend, para.nstart + len(dateline) + 30))
        published_in = "paragraph" if published else ""
    return Meta(title=title, published=published, published_in=published_in, updated_only=updated_only,
                publisher=_publisher(doc, lang), dateline=dateline,
                dateline_city=city, dateline_span=dateline_span, lang=lang)


def _published(doc: Document) -> tuple[str, str, bool]:
    """(date, kind of the block that gave it, updated_only) from the bylines and crawler lines: the
    first full date of one; a publication line dates the report better than an update stamp above
    it, and a byline better than a crawler's line of the same date."""
    dated = [(b, _full_date(doc, b.nstart, b.nend)) for b in doc.layout.blocks if b.kind in ("meta", "byline")]
    published, published_in = next(((d, b.kind) for b, d in dated if d), ("", ""))
    dating = next((b for b, d in dated if b.kind == "byline" and d == published), None) if published else None
    updated_only = bool(dating and _UPDATED.search(doc.norm, dating.nstart, dating.nend)
                        and not _PUBLISHED.search(doc.norm, dating.nstart, dating.nend))
    if published_in == "byline" and updated_only:
        published = next((d for b, d in dated if b.kind == "byline" and d and _PUBLISHED.search(doc.norm, b.nstart, b.nend)
                          and not _UPDATED.search(doc.norm, b.nstart, b.nend)), published)
    elif published_in == "meta" and dating is not None:
        published_in = "byline"
    return published, published_in, updated_only


_UPDATED = regex.compile(r"\bupdated\b|अपडेटेड|अपडेट|अद्यतन", regex.IGNORECASE)
_PUBLISHED = regex.compile(r"\bpublished\b|\bposted\b|प्रकाशित|प्रविष्टि|प्रकाशन", regex.IGNORECASE)


def _full_date(doc: Document, nstart: int, nend: int) -> str:
    lo = bisect_left(doc._number_starts, nstart)
    hi = bisect_left(doc._number_starts, nend, lo)
    return next((n.expr.period for n in doc.numbers[lo:hi] if n.expr.kind == "date" and len(n.expr.period) == 10), "")


def _original(doc: Document, nstart: int, nend: int) -> str:
    return doc.source.text[slice(*doc.nt.span(nstart, nend))]


def _publisher(doc: Document, lang: str) -> str:
    """The portal's header line, else a masthead naming the publisher, else a syndication note, the
    copyright holder, an issuing office, a desk byline ("नवभारत टाइम्स | Updated: ..."), the site's
    sign-off ("Catch all the ... on X."), a news network ("X नेटवर्क, city"), a Latin site name or a
    capitalised site name in a blurb above a Devanagari headline. `lang`: the article's language."""
    blocks, norm = doc.layout.blocks, doc.norm
    of_kind: dict[str, list] = {"meta": [], "footer": [], "byline": []}  # the blocks of the kinds read below, in order
    for b in blocks:
        if b.kind in of_kind:
            of_kind[b.kind].append(b)
    metas, footers, bylines = of_kind["meta"], of_kind["footer"], of_kind["byline"]
    for b in metas:
        m = _PORTAL_META.match(norm, b.nstart, b.nend)
        if m:
            return _original(doc, m.start(1), m.end(1))
    publishers = publisher_rule_ids()
    for b in blocks:
        if b.rule in publishers:
            return _original(doc, b.nstart, b.nend)
    for b in footers:
        m = _SYNDICATED.match(norm, b.nstart, b.nend)
        if m:
            return _original(doc, m.start(1), m.end(1))
    for b in footers:
        m = _COPYRIGHT.search(norm, b.nstart, b.nend)
        if m and m.group(1).strip():
            return _original(doc, m.start(1), m.end(1))
    for b in bylines:
        m = _POSTED_BY.search(norm, b.nstart, b.nend)
        if m:
            return _original(doc, *_without_city(norm, m.start(1), m.end(1)))
    for b in bylines:
        m = _DESK.match(norm, b.nstart, b.nend)
        if m and fold(m.group(1)) not in _AGENCIES:
            return _original(doc, m.start(1), m.end(1))
    for b in footers:  # the site's sign-off: "(Catch all the ... News on The Economic Times.)"
        m = _SIGN_OFF.search(norm, b.nstart, b.nend)
        if m:
            return _original(doc, m.start(1), m.end(1) - m.group(1).endswith("."))
    for b in bylines:  # the paper's news network: "अमर उजाला नेटवर्क, गोरखपुर", "Bhaskar News Network"
        m = _NETWORK.match(norm, b.nstart, b.nend)
        if m and fold(m.group(1)) not in _AGENCIES and not _GENERIC_DESK.fullmatch(m.group(1)):
            return _original(doc, m.start(1), m.end(1))
    if doc.layout.blocks and lang == "hi":
        for b in blocks:  # a Latin site name above a Devanagari headline: "News Room Post"
            if b.kind == "title":
                break
            if b.kind == "label" and _SITE_NAME.fullmatch(doc.norm, b.nstart, b.nend):
                return _original(doc, b.nstart, b.nend)
        for b in blocks:  # a site blurb above it naming the site in capitals: "... venture BIHAR NEWS brings you ..."
            if b.kind == "title":
                break
            m = _CAPS_NAME.search(doc.norm, b.nstart, b.nend) if b.kind == "label" else None
            if m:
                return _original(doc, m.start(), m.end())
    return ""


# "(Devdiscourse staff did not edit this story ...)"; "PIB Delhi | Posted On: ..." (a city after the desk dropped)
_SYNDICATED = regex.compile(r"\(?\s*([\p{L}][\p{L}\p{N}.&' ]{1,40}?)\s+staff\s+(?:did|has|have)\s+not\s+edit", regex.IGNORECASE)
_SIGN_OFF = patterns.compile(r"\b(?:Catch|Get|Read)\s+all\s+the\b[^()]{0,120}?\s(?:on|at)\s+((?:The\s+)?\p{Lu}[\p{L}\p{N}&'.-]*(?:\s+\p{Lu}[\p{L}\p{N}&'.-]*){0,3}?)\s*\.?\s*\)?\s*$")
_NETWORK = patterns.compile(r"\s*([\p{L}][\p{L}\p{M}\p{N}.&]*(?:\s[\p{L}][\p{L}\p{M}\p{N}.&]*){0,2}?)\s+(?:न्यूज़?\s+)?(?:नेटवर्क|News\s+Network|न्यूज़?(?=\s*[:,]))", regex.IGNORECASE)
_GENERIC_DESK = regex.compile(r"(?:राज्य|प्रदेश|स्थानीय|सिटी|State|City|Local|National|Regional)", regex.IGNORECASE)
_DESK = patterns.compile(r"\s*(?!(?:By|Written by|Edited by|रिपोर्ट)\b)([\p{L}][\p{L}\p{M}\p{N}.&]*(?:\s[\p{L}][\p{L}\p{M}\p{N}.&]*){0,3}?)(?:\s+(?:New\s+)?Delhi|\s+नई\s+दिल्ली)?\s*\|")
# "Posted On: 19 JUL 2022 5:40PM by PIB Chennai", a desk line "PIB Mumbai": the issuing office, its city dropped
_POSTED_BY = patterns.compile(r"(?:(?:\d|[AP]M|IST)\s+by\s+|\G\s*(?=PIB\s|पीआईबी\s))(\p{Lu}[\p{L}.&]*(?:\s+\p{Lu}[\p{L}.&]*){0,3}|पीआईबी(?:\s+[\p{L}\p{M}]+){0,2})\s*$")


def _without_city(norm: str, s: int, e: int) -> tuple[int, int]:
    """The span without a known city as its last one or two words ("PIB Delhi" -> "PIB")."""
    words = list(_NONSPACE_RUN.finditer(norm[s:e]))
    for k in (2, 1):
        place = norm[s + words[-k].start():e] if len(words) > k else ""
        if place and (lexicon.cities().lookup(place) or lexicon.states().lookup(place)):
            return s, s + words[-k - 1].end()
    return s, e


_AGENCIES = frozenset(fold(a) for a in ("PTI", "IANS", "ANI", "UNI", "Reuters", "AFP", "वार्ता", "आईएएनएस", "भाषा"))
_CAPS_NAME = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{3,}(?:\s+\p{Lu}{3,}){1,2}(?![\p{L}\p{N}])")
_SITE_NAME = regex.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}")


def _dateline(doc: Document) -> tuple[str, str, tuple[int, int]]:
    """The place word that opens the body ("रांची:", "रायपुर।", "New Delhi, 14 March 2026:")
    and its city: a known city in the first paragraphs, or a short Devanagari word before ':' / '।'
    opening the first (a Latin kicker such as "Business News:" is no place)."""
    paragraphs = [b for b in doc.layout.blocks if b.kind == "paragraph"][:3]
    for i, b in enumerate(paragraphs):
        m = _dateline_pattern().match(doc.norm, b.nstart, b.nend)
        if not m:
            continue
        place = _original(doc, m.start(1), m.end(1))
        entry = lexicon.cities().lookup(place)
        if entry:
            return place, entry.key, (m.start(1), m.end(1))
        heads, _ = _organisation_heads()
        if i == 0 and m.group(2) in (":", "।") and len(place.split()) <= 2 and not _LATIN_CHAR.search(place) \
                and not any(fold(w) in heads for w in place.split()):
            return place, "", (m.start(1), m.end(1))
    return "", "", (0, 0)


def _byline_city(doc: Document) -> tuple[str, str]:
    """A known city in a byline above the body: between the bars of an agency byline ("PTI | New
    Delhi | Created: ..."), else as a field of a desk or reporter line ("अमर उजाला नेटवर्क, गोरखपुर",
    "Updated - March 16, 2024 10:42 pm IST - PUDUCHERRY", "Rohan Menon New Delhi", "जयपुर 5 घंटे
    पहले"): its first or last one or two words. An issuing office ("by PIB Delhi") names no dateline."""
    cities = lexicon.cities()
    bylines = []
    for b in doc.layout.blocks:
        if b.kind == "paragraph":
            break
        if b.kind == "byline" and not _POSTED_BY.search(doc.norm, b.nstart, b.nend):
            bylines.append(b)
    for b in bylines:
        for m in _BAR_FIELD.finditer(doc.norm, b.nstart, b.nend):
            entry = cities.lookup(m.group(1))
            if entry:
                return _original(doc, m.start(1), m.end(1)), entry.key
    for b in bylines:
        for f in _BYLINE_FIELD.finditer(doc.norm, b.nstart, b.nend):
            words = list(_WORD_DOTS.finditer(f.group()))
            for k in (2, 1):
                for ws in ((words[:k], words[-k:]) if len(words) >= k else ()):
                    s0, e0 = f.start() + ws[0].start(), f.start() + ws[-1].end()
                    entry = cities.lookup(doc.norm[s0:e0])
                    if entry:
                        return _original(doc, s0, e0), entry.key
    return "", ""


_BYLINE_FIELD = regex.compile(r"[^|,:;()\-–—]+")


_BAR_FIELD = regex.compile(r"\|\s*([^|:]{2,30}?)\s*(?=\|)")
_TODAY_DATE = patterns.compile(r"(?<![\p{L}\p{M}])आज(?:\s+यानी)?(?:\s+दिनांक)?\s*[-:–]?\s*$|\btoday,?\s+$", regex.IGNORECASE)


def _dated_today(doc: Document) -> str:
    """A full date the first paragraphs give as the day of writing: "आज यानी 12 जून 2023", "आज दिनांक- 05 सितम्बर 2023"."""
    for b in [b for b in doc.layout.blocks if b.kind == "paragraph"][:2]:
        lo = bisect_left(doc._number_starts, b.nstart)
        hi = bisect_left(doc._number_starts, b.nend, lo)
        for n in doc.numbers[lo:hi]:
            if n.expr.kind == "date" and len(n.expr.period) == 10 and _TODAY_DATE.search(doc.norm, max(b.nstart, n.nstart - 20), n.nstart):
                return n.expr.period
    return ""


_NONSPACE_RUN = regex.compile(r"\S+")
_WORD_DOTS = regex.compile(r"[\p{L}\p{M}.]+")
_LATIN_CHAR = regex.compile(r"\p{Latin}")


def _content_scripts(layout: Layout) -> tuple[int, int]:
    """(Devanagari, Latin) letters of the content blocks: the article's (counted once, by the layout)
    less those of the boilerplate blocks (few and short; every letter is in a block)."""
    norm = layout.nt.norm
    dev, lat = layout.scripts
    boiler = [norm[b.nstart:b.nend] for b in layout.blocks if b.boilerplate]
    if boiler:  # counted in one pass (a line break is of no script)
        bdev, blat = script_counts("\n".join(boiler))
        dev, lat = dev - bdev, lat - blat
    return dev, lat


def _lang(doc: Document) -> str:
    """The language of the content blocks: "hi", "en", "mixed" (by their letters), or ""."""
    dev, lat = _content_scripts(doc.layout)
    total = dev + lat
    if not total:
        return ""
    if lat / total < 0.2:
        return "hi"
    if dev / total < 0.2:
        return "en"
    return "mixed"

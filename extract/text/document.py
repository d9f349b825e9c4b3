"""The analysed article every extractor reads: text, working copy, layout, sentences, numbers,
state mentions and metadata (title, published date, publisher, dateline, language).

Owns the analysis that more than one extractor needs, done once per article, and the provenance
of a record: `Document.provenance()` turns a working-copy span into the contract's start, end,
evidence and context. It does not decide what a record is.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from .. import lexicon
from .layout import Layout, analyse
from ..normalise import NormText, normalise
from ..numbers import NumberExpr, find_in
from .reader import Source
from .sentences import Sentence, split


@dataclass(frozen=True)
class Number:
    """A number expression with its working-copy span beside the original one."""

    expr: NumberExpr
    nstart: int
    nend: int


@dataclass(frozen=True)
class Mention:
    nstart: int
    nend: int
    key: str  # canonical name (English state / city)
    sentence: Sentence


@dataclass(frozen=True)
class Meta:
    title: str = ""
    published: str = ""
    publisher: str = ""
    dateline: str = ""
    dateline_city: str = ""  # English city name when the dateline is a known city
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
    _starts: list[int] = field(default_factory=list, repr=False)

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
        return [n for n in self.numbers if sent.nstart <= n.nstart < sent.nend]

    def states_in(self, nstart: int, nend: int) -> list[Mention]:
        return [m for m in self.states if nstart <= m.nstart and m.nend <= nend]

    def provenance(self, nstart: int, nend: int, sent: Sentence, rule: str) -> dict:
        start, end = self.nt.span(nstart, nend)
        text = self.source.text
        return dict(article_id=self.article_id, start=start, end=end, evidence=text[start:end],
                    context=text[sent.start:sent.end], rule=rule)


def build(source: Source) -> Document:
    nt = normalise(source.text)
    layout = analyse(nt)
    sentences = split(layout)
    doc = Document(source=source, nt=nt, layout=layout, sentences=sentences, numbers=[], states=[],
                   cities=[], meta=Meta(), _starts=[s.nstart for s in sentences])
    doc.numbers = _numbers(doc)
    doc.states = _mentions(doc, lexicon.states())
    doc.cities = _mentions(doc, lexicon.cities())
    doc.meta = _meta(doc)
    doc.primary_state = _primary_state(doc)
    return doc


def _numbers(doc: Document) -> list[Number]:
    out = []
    for e in find_in(doc.nt):
        ns, ne = doc.nt.to_norm(e.start, e.end)
        out.append(Number(e, ns, ne))
    return out


def _mentions(doc: Document, gaz: lexicon.Gazetteer) -> list[Mention]:
    out = []
    for s, e, entry in gaz.finditer(doc.norm):
        sent = doc.sentence_at(s)
        if sent is None or entry is None:
            continue
        before = doc.norm[max(0, s - 12):s].split()
        if before and before[-1] in entry.data.get("not_after", ()):
            continue
        out.append(Mention(s, e, entry.key, sent))
    return out


def _primary_state(doc: Document) -> str:
    """The state the article is about: most mentioned, the title and dateline counting extra."""
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in doc.states:
        weight = 3 if m.sentence.block.kind == "title" else 1
        score[m.key] = score.get(m.key, 0) + weight
        first.setdefault(m.key, m.nstart)
    if doc.meta.dateline_city:
        city_state = lexicon.cities().lookup(doc.meta.dateline_city)
        if city_state and city_state.data["state"] in score:
            score[city_state.data["state"]] += 2
    if not score:
        return ""
    return min(score, key=lambda k: (-score[k], first[k]))


_DATELINE = regex.compile(r"\s*((?:[\p{L}\p{M}.]+)(?:\s[\p{L}\p{M}.]+){0,2}?)\s*([:।,]|\s[-–]\s)\s*\S", regex.V1)
_PORTAL_META = regex.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s+(.+?)\s*(?:/.*)?$", regex.IGNORECASE)
_COPYRIGHT = regex.compile(r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(.+?)\s*(?:[.,।|]|$)", regex.IGNORECASE)


def _meta(doc: Document) -> Meta:
    text = doc.source.text
    blocks = doc.layout.blocks
    title = next((text[b.start:b.end] for b in blocks if b.kind == "title"), "")
    published = ""
    for b in blocks:
        if b.kind in ("meta", "byline") and not published:
            published = _full_date(doc, b.nstart, b.nend)
    dateline, city = _dateline(doc)
    if not published and dateline:
        para = next(b for b in blocks if b.kind == "paragraph" and text[b.start:b.end].startswith(dateline))
        published = _full_date(doc, para.nstart, min(para.nend, para.nstart + len(dateline) + 30))
    return Meta(title=title, published=published, publisher=_publisher(doc), dateline=dateline,
                dateline_city=city, lang=_lang(doc))


def _full_date(doc: Document, nstart: int, nend: int) -> str:
    return next((n.expr.period for n in doc.numbers
                 if nstart <= n.nstart < nend and n.expr.kind == "date" and len(n.expr.period) == 10), "")


def _original(doc: Document, nstart: int, nend: int) -> str:
    return doc.source.text[slice(*doc.nt.span(nstart, nend))]


def _publisher(doc: Document) -> str:
    """The portal's header line, else a masthead naming the publisher, else the copyright holder."""
    from .layout import publisher_rule_ids

    blocks = doc.layout.blocks
    for b in blocks:
        m = _PORTAL_META.match(doc.norm, b.nstart, b.nend) if b.kind == "meta" else None
        if m:
            return _original(doc, m.start(1), m.end(1))
    for b in blocks:
        if b.rule in publisher_rule_ids():
            return _original(doc, b.nstart, b.nend)
    for b in blocks:
        if b.kind == "footer":
            m = _COPYRIGHT.search(doc.norm, b.nstart, b.nend)
            if m and m.group(1).strip():
                return _original(doc, m.start(1), m.end(1))
    return ""


def _dateline(doc: Document) -> tuple[str, str]:
    """The place word that opens the body ("रांची:", "रायपुर।", "New Delhi, 14 March 2026:")
    and its city: a known city in the first paragraphs, or a short word before ':' / '।' opening the first."""
    paragraphs = [b for b in doc.layout.blocks if b.kind == "paragraph"][:3]
    for i, b in enumerate(paragraphs):
        m = _DATELINE.match(doc.norm, b.nstart, b.nend)
        if not m:
            continue
        place = _original(doc, m.start(1), m.end(1))
        entry = lexicon.cities().lookup(place)
        if entry:
            return place, entry.key
        if i == 0 and m.group(2) in (":", "।") and len(place.split()) <= 2:
            return place, ""
    return "", ""


def _lang(doc: Document) -> str:
    dev = lat = 0
    for b in doc.layout.content():
        seg = doc.norm[b.nstart:b.nend]
        dev += len(regex.findall(r"\p{Devanagari}", seg))
        lat += len(regex.findall(r"\p{Latin}", seg))
    total = dev + lat
    if not total:
        return ""
    if lat / total < 0.2:
        return "hi"
    if dev / total < 0.2:
        return "en"
    return "mixed"

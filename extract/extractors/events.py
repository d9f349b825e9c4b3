"""Events: named GeM events (summits, conclaves, workshops...), where and when they took place.

Rule: events.named_event: a name that starts with a starter word (जेम, GeM) or stands in quotes and
ends in an event head word, optionally with a year ("जेम एक्सीलेंस समिट 2025", "GeM Samvad");
words from rules/events.toml. Spellings of one name that differ only in vowel length or nukta
(एक्सीलेंस / एक्सिलेंस) are one event, named as the first body sentence writes it.
City: a city named in that sentence, else the dateline's city; venue: "<city> के VENUE में" /
"at VENUE"; date: a date in that sentence, else the published date (a same-day report).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicon, rules
from ..text.document import Document
from ..lexicon.english import phrase_en
from ..normalise import fold, normalise
from ..records import EventRecord
from ..text.sentences import Sentence
from .tokens import stopwords, tokenize

_SKELETON = str.maketrans({"ी": "ि", "ू": "ु", "\u093c": None, "ँ": "ं", "-": " "})


@lru_cache(maxsize=1)
def _patterns():
    data = rules.load("events")
    for key in ("starters", "heads", "venue_heads"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise rules.RuleError(rules.path_of("events"), key, "expected a non-empty list of strings")

    def alt(words):
        return "|".join(regex.escape(normalise(w).norm) for w in sorted(words, key=len, reverse=True))

    n = int(data.get("max_inner_words", 4))
    word = r"[\p{L}\p{M}][\p{L}\p{M}\-]*"
    tail = r"(?:\s+(?:20\d\d(?:-\d\d)?|\d{1,2}\.0))?"
    named = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}])(?:{alt(data['starters'])})(?:\s+{word}){{0,{n}}}?\s+(?:{alt(data['heads'])}){tail}(?![\p{{L}}\p{{M}}])",
        regex.V1)
    heads, starters = alt(data["heads"]), alt(data["starters"])
    # a quoted name ending in a head word ('जेम एक्सिलेंस इवेंट'), or a quoted name starting with a
    # starter word and followed by a head word ('जेम सारथी 2026' कार्यशाला)
    quoted = regex.compile(
        rf"(?P<q>['\"])(?P<name>[^'\"\n]{{2,80}}?\s(?:{heads}){tail})(?P=q)"
        rf"|(?P<q2>['\"])(?P<name2>(?:{starters})\s[^'\"\n]{{1,80}}?)(?P=q2)\s+(?:{heads})(?![\p{{L}}\p{{M}}])", regex.V1)
    venue = regex.compile(rf"(?:{alt(data['venue_heads'])})(?![\p{{L}}\p{{M}}])", regex.V1 | regex.IGNORECASE)
    return named, quoted, venue


def skeleton(name: str) -> str:
    return " ".join(fold(name).translate(_SKELETON).split())


def extract(doc: Document) -> list[EventRecord]:
    mentions: dict[str, list[tuple[int, int, Sentence]]] = {}
    for sent in doc.sentences:
        for ns, ne in _names_in(doc, sent):
            mentions.setdefault(skeleton(doc.norm[ns:ne]), []).append((ns, ne, sent))
    out = []
    for group in mentions.values():
        body = [m for m in group if not m[2].display]
        ns, ne, sent = (body or group)[0]
        name = doc.source.text[slice(*doc.nt.span(ns, ne))]
        city = _city(doc, sent, ns)
        out.append(EventRecord(
            **doc.provenance(ns, ne, sent, "events.named_event"),
            name=name, name_en=phrase_en(name), city=city, venue=_venue(doc, sent),
            state=_state(doc, city), date=_date(doc, sent, ne), mentions=len(group),
        ))
    return out


def _names_in(doc: Document, sent: Sentence) -> list[tuple[int, int]]:
    named, quoted, _ = _patterns()
    stops = stopwords()
    spans = []
    for m in quoted.finditer(doc.norm, sent.nstart, sent.nend):
        g = "name" if m.group("name") else "name2"
        spans.append((m.start(g), m.end(g)))
    named_spans = []
    for m in named.finditer(doc.norm, sent.nstart, sent.nend, overlapped=True):
        words = m.group().split()
        if not any(fold(w) in stops for w in words[1:]):
            named_spans.append((m.start(), m.end()))
    for s, e in named_spans:
        inside_other = any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in named_spans + spans)
        if not inside_other and not any(s2 <= s < e2 for s2, e2 in spans):
            spans.append((s, e))
    return sorted(spans)


def _city(doc: Document, sent: Sentence, at: int) -> str:
    """The city named nearest the event's name in its sentence, else the dateline's city."""
    here = [c for c in doc.cities if c.sentence is sent]
    if here:
        return min(here, key=lambda c: abs(c.nstart - at)).key
    if doc.meta.dateline_city:
        return doc.meta.dateline_city
    return doc.cities[0].key if doc.cities else ""


def _venue(doc: Document, sent: Sentence) -> str:
    """'<...> के VENUE में' or 'at VENUE': the words before a venue head back to a stop word."""
    _, _, venue = _patterns()
    toks = tokenize(doc.norm, sent.nstart, sent.nend)
    stops = stopwords()
    city_forms = _city_forms()
    for m in venue.finditer(doc.norm, sent.nstart, sent.nend):
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


@lru_cache(maxsize=1)
def _city_forms() -> frozenset[str]:
    return frozenset(fold(f) for e in lexicon.cities().by_form.values() for f in e.data["forms"])


def _state(doc: Document, city: str) -> str:
    entry = lexicon.cities().lookup(city) if city else None
    return entry.data["state"] if entry else doc.primary_state


def _date(doc: Document, sent: Sentence, at: int) -> str:
    """The date nearest the event's name in its sentence (a date without a year takes the published
    year), else the published date: a report of the day's event."""
    dates = [n for n in doc.numbers_in(sent) if n.expr.kind == "date" and n.expr.period]
    if dates:
        period = min(dates, key=lambda n: abs(n.nstart - at)).expr.period
        if len(period) == 10:
            return period
        if regex.fullmatch(r"--\d\d-\d\d", period) and doc.meta.published:
            return doc.meta.published[:4] + period[1:]
    return doc.meta.published

"""Awards: who received which tier (platinum, gold, silver, bronze) in which category.

Rules (ids in rules/extraction.toml):
- awards.recipient_ko_tier: Hindi "RECIPIENT को TIER" in a sentence that speaks of an award
  ("... विभाग को सिल्वर, आईटी विभाग को गोल्ड तथा ... को प्लैटिनम पुरस्कार से सम्मानित");
- awards.tier_to_recipient: English "TIER award (was given) to RECIPIENT" and
  "RECIPIENT (won|received|bagged) the TIER award".
The category is the nearest "... के लिए" / "for ..." phrase before the recipient in the sentence
(else the paragraph's last one); its contract word comes from the cues in rules/awards.toml.
The recipient may contain commas ("खाद्य, सार्वजनिक वितरण एवं उपभोक्ता मामले विभाग"); it ends at
a tier word, a conjunction (तथा/और) or a postposition. Headlines restate and are skipped.
"""
from __future__ import annotations

import regex

from .. import lexicon
from ..text.document import Document
from ..lexicon.english import organisation_en
from ..normalise import fold
from ..records import AwardRecord
from ..text.layout import Block
from ..text.sentences import Sentence
from .tokens import Token, tokenize

RECIPIENT_STOPS = frozenset(fold(w) for w in (
    "तथा", "और", "के", "की", "का", "में", "से", "लिए", "को", "ने", "पर", "द्वारा", "वहीं", "साथ", "दौरान",
    "and", "to", "for", "the", "of", "by", "in", "with", "on", "was", "were"))
CATEGORY_STARTS = frozenset(fold(w) for w in ("दौरान", "वहीं", "और", "तथा", "जबकि", "साथ", "ही", "while", "and", "for"))
_FOR_HI = regex.compile(r"(?<![\p{L}\p{M}])के\s+लिए(?![\p{L}\p{M}])")
_FOR_EN = regex.compile(r"\bfor\s+(?:the\s+|its\s+|their\s+)?(.+?)(?=,|\.|;|$|\s+(?:to|was|were|went|and\s+the)\b)")
_GIVEN_TO = regex.compile(r"\b(?:(?:given|presented|conferred|awarded|went)\s+(?:up)?(?:on|to)|awards?\s+to|trophy\s+to)\s+(?:the\s+)?",
                          regex.IGNORECASE)
_RECEIVED_EN = regex.compile(r"\b(?:won|received|bagged|secured|clinched|got)\s+(?:the\s+|a\s+)?(?=\S+\s*$)", regex.IGNORECASE)


def extract(doc: Document) -> list[AwardRecord]:
    words = [fold(w) for w in lexicon.load_award_words()]
    rows: dict[tuple, AwardRecord] = {}
    last_category: dict[Block, tuple[str, str]] = {}  # the paragraph's last category, for later sentences
    for sent in doc.sentences:
        if sent.display:
            continue
        low = fold(doc.norm[sent.nstart:sent.nend])
        if not any(w in low for w in words):
            continue
        toks = tokenize(doc.norm, sent.nstart, sent.nend)
        for rec in _in_sentence(doc, sent, toks, last_category):
            rows.setdefault((rec.tier, fold(rec.recipient), rec.category_en), rec)
    return list(rows.values())


def _in_sentence(doc: Document, sent: Sentence, toks: list[Token], last_category: dict) -> list[AwardRecord]:
    by_start = {t.start: i for i, t in enumerate(toks)}
    categories = _categories(doc, sent, toks)
    out = []
    for ts, te, entry in lexicon.tiers().finditer(doc.norm, sent.nstart, sent.nend):
        if entry is None or ts not in by_start:
            continue
        ti = by_start[ts]
        found = _recipient_ko(toks, ti) or _recipient_en(doc, toks, ti, te)
        if not found:
            continue
        (r0, r1), rule = found
        cat = _category_for(categories, toks[r0].start, rule, last_category.get(sent.block, ("", "")))
        start, end = min(toks[r0].start, ts), max(toks[r1].end, te)
        recipient = _text(doc, toks[r0].start, toks[r1].end)
        out.append(AwardRecord(
            **doc.provenance(start, end, sent, rule),
            tier=entry.key, tier_text=_text(doc, ts, te), award_name="",
            recipient=recipient, recipient_en=organisation_en(recipient),
            category=cat[0], category_en=cat[1] or "other",
            state=_state(doc, sent, toks[r0].start, toks[r1].end),
        ))
    if categories:
        last_category[sent.block] = categories[-1][:2]
    return out


def _category_for(categories: list[tuple[str, str, int]], recipient_start: int, rule: str,
                  inherited: tuple[str, str]) -> tuple[str, str]:
    """The nearest category phrase before the recipient; in English ("... for X was given to R") the
    sentence's first; else the paragraph's last one."""
    before = [c for c in categories if c[2] <= recipient_start]
    if before:
        return before[-1][:2]
    if categories and rule == "awards.tier_to_recipient":
        return categories[0][:2]
    return inherited


def _text(doc: Document, ns: int, ne: int) -> str:
    s, e = doc.nt.span(ns, ne)
    return doc.source.text[s:e]


def _recipient_ko(toks: list[Token], ti: int) -> tuple[tuple[int, int], str] | None:
    """Hindi: the words before "को" that stand right before the tier word."""
    j = ti - 1
    if j >= 0 and toks[j].key in (fold("मिला"), fold("मिले")):
        j -= 1
    if j < 1 or toks[j].key != fold("को"):
        return None
    span = _recipient_back(toks, j - 1)
    return (span, "awards.recipient_ko_tier") if span else None


def _recipient_back(toks: list[Token], end: int) -> tuple[int, int] | None:
    tier_words = _tier_words()
    i = end
    while i >= 0:
        t = toks[i]
        if t.key in RECIPIENT_STOPS or t.key in tier_words:
            break
        if not t.is_word and t.text not in ",/-&":
            break
        i -= 1
    first = i + 1
    while first <= end and not toks[first].is_word:
        first += 1
    if first > end or _generic(toks[first:end + 1]):
        return None
    return first, end


def _generic(words: list[Token]) -> bool:
    """A group, not a named recipient: "... करने वाले विक्रेताओं" (oblique plural, participles)."""
    last = words[-1].text
    return last.endswith("ों") or any(t.key in (fold("वाले"), fold("वाली")) for t in words)


def _recipient_en(doc: Document, toks: list[Token], ti: int, te: int) -> tuple[tuple[int, int], str] | None:
    """English: "TIER award (for ...) was given to RECIPIENT" or "RECIPIENT won the TIER award"."""
    tier_words = _tier_words()
    nxt = next((t.start for t in toks[ti + 1:] if t.key in tier_words), toks[-1].end)
    m = _GIVEN_TO.search(doc.norm, te, nxt)
    if m:
        i0 = next((i for i, t in enumerate(toks) if t.start >= m.end()), None)
        if i0 is not None:
            i = i0
            while i < len(toks) and (_proper(toks[i]) or (toks[i].key in ("of", "and", "&") and i + 1 < len(toks)
                                                          and _proper(toks[i + 1]))):
                i += 1
            if i > i0:
                return (i0, i - 1), "awards.tier_to_recipient"
    m = _RECEIVED_EN.search(doc.norm, toks[0].start, toks[ti].start)
    if m:
        end_i = max(i for i, t in enumerate(toks) if t.end <= m.start())
        i = end_i
        while i >= 0 and (_proper(toks[i]) or toks[i].key in ("of", "and", "&")):
            i -= 1
        first = i + 1
        while first <= end_i and (toks[first].key in ("the", "a", "an", "of", "and") or not toks[first].is_word):
            first += 1
        if first <= end_i:
            return (first, end_i), "awards.tier_to_recipient"
    return None


def _proper(t: Token) -> bool:
    return t.is_word and t.latin and t.text[0].isupper() and t.key not in ("the", "a", "an")


def _tier_words() -> set[str]:
    return {fold(f) for e in lexicon.tiers().by_form.values() for f in e.data["forms"]}


def _categories(doc: Document, sent: Sentence, toks: list[Token]) -> list[tuple[str, str, int]]:
    """(category as written, category_en, offset where it ends) for each "... के लिए" / "for ..." in the sentence."""
    out = []
    tier_words = _tier_words()
    for m in _FOR_HI.finditer(doc.norm, sent.nstart, sent.nend):
        words = [t for t in toks if t.end <= m.start()]
        i = len(words) - 1
        while i >= 0 and words[i].key not in CATEGORY_STARTS and words[i].key not in tier_words and words[i].text not in ",;:":
            i -= 1
        chosen = words[i + 1:]
        if chosen:
            ns, ne = chosen[0].start, chosen[-1].end
            out.append((_text(doc, ns, ne), _category_en(doc.norm[ns:ne]), m.end()))
    for m in _FOR_EN.finditer(doc.norm, sent.nstart, sent.nend):
        ns, ne = m.start(1), m.end(1)
        out.append((_text(doc, ns, ne), _category_en(doc.norm[ns:ne]), ns))
    return sorted(out, key=lambda c: c[2])


def _category_en(text: str) -> str:
    low = fold(text)
    for cat, cues in lexicon.award_categories():
        if any(c in low for c in cues):
            return cat
    return "other"


def _state(doc: Document, sent: Sentence, ns: int, ne: int) -> str:
    inside = doc.states_in(ns, ne)
    if inside:
        return inside[0].key
    in_sentence = doc.states_in(sent.nstart, sent.nend)
    return in_sentence[0].key if in_sentence else doc.primary_state

"""Officials: people named with a designation, and the organisation they serve.

Rules (ids in rules/extraction.toml):
- officials.name_desig_org: "NAME, DESIGNATION, ORGANISATION" ("सुखदीप वर्मा, निदेशक, जेम ने",
  "Shri X, Additional CEO, GeM"); the organisation may run over commas while each part ends in an
  organisation head ("वाणिज्य एवं उद्योग विभाग, छत्तीसगढ़ सरकार").
- officials.org_desig_name: "ORGANISATION के DESIGNATION NAME" ("वित्त विभाग के सचिव अबू इमरान"),
  also English "GeM CEO X".
- officials.desig_name: "DESIGNATION NAME" with no organisation named.
Headlines restate and boilerplate is skipped. One row per (person, designation, organisation);
a mention without organisation merges into one with it.
"""
from __future__ import annotations

from dataclasses import replace

from .. import lexicon
from ..text.document import Document
from ..lexicon.english import name_en, organisation_en
from ..normalise import fold
from ..records import OfficialRecord
from ..text.sentences import Sentence
from .tokens import CONNECTORS, Token, honorific_words, is_name_word, org_heads, stopwords, tokenize

MAX_NAME_WORDS = 3
MAX_ORG_WORDS = 8
POSSESSIVE = frozenset(fold(w) for w in ("के", "की", "का"))


def extract(doc: Document) -> list[OfficialRecord]:
    found: list[OfficialRecord] = []
    for sent in doc.sentences:
        if sent.display:
            continue
        found += _in_sentence(doc, sent)
    return _merge(found)


def _in_sentence(doc: Document, sent: Sentence) -> list[OfficialRecord]:
    toks = tokenize(doc.norm, sent.nstart, sent.nend)
    by_start = {t.start: i for i, t in enumerate(toks)}
    by_end = {t.end: i for i, t in enumerate(toks)}
    out = []
    for ds, de, entry in lexicon.designations().finditer(doc.norm, sent.nstart, sent.nend):
        if entry is None or ds not in by_start or de not in by_end:
            continue
        i0, i1 = by_start[ds], by_end[de]
        i1, desig_en = _parenthetical(toks, i1, entry.key)
        rec = _name_desig_org(doc, sent, toks, i0, i1, desig_en) or _org_desig_name(doc, sent, toks, i0, i1, desig_en)
        if rec:
            out.append(rec)
    return out


def _parenthetical(toks: list[Token], i1: int, desig_en: str) -> tuple[int, str]:
    """'Director (Procurement)': the bracket belongs to the designation as written."""
    if i1 + 3 < len(toks) and toks[i1 + 1].text == "(" and toks[i1 + 1].start == toks[i1].end + 1:
        j = i1 + 2
        while j < len(toks) and j < i1 + 6 and toks[j].text != ")":
            j += 1
        if j < len(toks) and toks[j].text == ")":
            return j, desig_en  # the bracket narrows the post; the title stays the same
    return i1, desig_en


def _name_before(toks: list[Token], end: int) -> tuple[int, int, str] | None:
    """(first name token, last name token, honorific) of a name ending at token index `end`."""
    i = end
    while i >= 0 and end - i < MAX_NAME_WORDS and is_name_word(toks[i]):
        i -= 1
    i = _take_initials_back(toks, i)
    first = i + 1
    if first > end:
        return None
    hon_i = _honorific_before(toks, first)
    return (first, end, _honorific_text(toks, hon_i) if hon_i is not None else "")


def _take_initials_back(toks: list[Token], i: int) -> int:
    """Latin initials before a name: 'A. K. Singh'."""
    while i >= 1 and toks[i].text == "." and len(toks[i - 1].text) == 1 and toks[i - 1].text.isupper():
        i -= 2
    return i


def _honorific_text(toks: list[Token], i: int) -> str:
    """The honorific as written, with its abbreviation dot ("डॉ.", "Ms.")."""
    t = toks[i]
    if not t.text.endswith(".") and i + 1 < len(toks) and toks[i + 1].text == "." and toks[i + 1].start == t.end:
        return t.text + "."
    return t.text


def _honorific_before(toks: list[Token], first: int) -> int | None:
    j = first - 1
    if j >= 0 and toks[j].text == ".":
        j -= 1
    if j >= 0 and toks[j].bare in honorific_words():
        return j
    return None


def _name_after(toks: list[Token], start: int) -> tuple[int, int, str] | None:
    """(first, last, honorific) of a name starting at token index `start` (honorific allowed first)."""
    hon = ""
    i = start
    if i < len(toks) and toks[i].bare in honorific_words():
        hon = _honorific_text(toks, i)
        i += 1
        if i < len(toks) and toks[i].text == ".":
            i += 1
    first = i
    while i < len(toks) and i - first < MAX_NAME_WORDS:
        if is_name_word(toks[i]):
            i += 1
        elif toks[i].text == "." and i > first and len(toks[i - 1].text) == 1 and toks[i - 1].text.isupper():
            i += 1  # an initial
        else:
            break
    if i == first:
        return None
    if i < len(toks) and is_name_word(toks[i]):
        return None  # more name-like words than a name has: not a name
    return first, i - 1, hon


def _org_segments_after(toks: list[Token], i: int) -> int | None:
    """Last token index of the organisation that starts at token i (comma-separated parts)."""
    last = None
    while i < len(toks):
        j = i
        while j < len(toks) and j - i < MAX_ORG_WORDS and toks[j].is_word and (
                toks[j].key not in stopwords() or toks[j].key in CONNECTORS):
            j += 1
        seg = toks[i:j]
        while seg and seg[-1].key in CONNECTORS:
            seg.pop()
        if not seg:
            break
        if not _is_org(seg):
            # "Ministry of Micro, Small and Medium Enterprises, Government of India": a list inside a
            # name goes on while a later part is an organisation again
            nxt = i + len(seg) + 1
            if last is None or not _continues_name(toks, i, seg) or _org_segments_after(toks, nxt) is None:
                break
        last = i + len(seg) - 1
        if last + 2 < len(toks) and toks[last + 1].text == ",":
            i = last + 2
        else:
            break
    return last


def _continues_name(toks: list[Token], i: int, seg: list[Token]) -> bool:
    """A comma part inside an organisation's name: capitalised English words, followed by a comma."""
    end = i + len(seg)
    return (all(t.latin and (t.text[0].isupper() or t.key in CONNECTORS) for t in seg)
            and end < len(toks) and toks[end].text == ",")


def _is_org(seg: list[Token]) -> bool:
    """Ends in an organisation head ("वित्त विभाग", "Public Works Department") or, in English, starts
    with one ("Ministry of ...", "Government of India"); English names are capitalised."""
    heads = org_heads()

    def head(t: Token) -> bool:
        return t.key in heads and (not t.latin or t.text[0].isupper())

    return head(seg[-1]) or (seg[0].latin and head(seg[0]))


def _org_before(toks: list[Token], end: int) -> int | None:
    """First token index of an organisation ending at token `end` (no commas crossed)."""
    if end < 0 or toks[end].key not in org_heads():
        return None
    gloss = lexicon.glossary()
    i = end
    while i - 1 >= 0 and end - i < MAX_ORG_WORDS:
        prev = toks[i - 1]
        if prev.is_word and (prev.key not in stopwords() or prev.key in CONNECTORS):
            i -= 1
        elif prev.text == "," and i - 2 >= 0 and toks[i - 2].key in gloss and toks[i - 2].key not in stopwords():
            i -= 1  # "सूक्ष्म, लघु एवं मध्यम उद्यम विभाग": a list of the department's domains
        else:
            break
    while i < end and (toks[i].key in CONNECTORS or not toks[i].is_word):
        i += 1
    return i


def _name_desig_org(doc, sent, toks, i0, i1, desig_en):
    if i0 < 2 or toks[i0 - 1].text != ",":
        return None
    name = _name_before(toks, i0 - 2)
    if not name:
        return None
    first, last, hon = name
    org_first = org_last = None
    if i1 + 2 < len(toks) and toks[i1 + 1].text == ",":
        org_last = _org_segments_after(toks, i1 + 2)
        org_first = i1 + 2 if org_last is not None else None
    start_tok = _honorific_before(toks, first)
    start = toks[start_tok if start_tok is not None else first].start
    end = toks[org_last if org_last is not None else i1].end
    return _record(doc, sent, "officials.name_desig_org", start, end, toks, (first, last), hon,
                   (i0, i1), desig_en, (org_first, org_last))


def _org_desig_name(doc, sent, toks, i0, i1, desig_en):
    name = _name_after(toks, i1 + 1)
    if not name:
        return None
    first, last, hon = name
    org_first = org_last = None
    if i0 >= 2 and toks[i0 - 1].key in POSSESSIVE:
        org_first, org_last = _org_before(toks, i0 - 2), i0 - 2
    elif i0 >= 1 and toks[i0 - 1].latin:
        org_first, org_last = _org_before(toks, i0 - 1), i0 - 1
    if org_first is None:
        org_last = None
    rule = "officials.org_desig_name" if org_first is not None else "officials.desig_name"
    start = toks[org_first if org_first is not None else i0].start
    return _record(doc, sent, rule, start, toks[last].end, toks, (first, last), hon,
                   (i0, i1), desig_en, (org_first, org_last))


def _text(doc: Document, toks: list[Token], a: int | None, b: int | None) -> str:
    if a is None or b is None:
        return ""
    s, e = doc.nt.span(toks[a].start, toks[b].end)
    return doc.source.text[s:e]


def _record(doc, sent, rule, start, end, toks, name, hon, desig, desig_en, org) -> OfficialRecord:
    name_text = _text(doc, toks, *name)
    org_text = _text(doc, toks, *org)
    return OfficialRecord(
        **doc.provenance(start, end, sent, rule),
        name=name_text, name_en=name_en(name_text), honorific=hon,
        designation=_text(doc, toks, *desig), designation_en=desig_en,
        organisation=org_text, organisation_en=organisation_en(org_text) if org_text else "",
        state=_state_of(doc, org_text),
    )


def _state_of(doc: Document, org: str) -> str:
    """None for GeM and central bodies; the state an organisation names; else the article's state."""
    if not org:
        return ""
    central = [fold(c) for c in lexicon.people()["central_orgs"]]
    key = fold(org)
    for s, e, entry in lexicon.states().finditer(key):
        if entry:
            return entry.key
    if any(c == key or c in key.split() or key.startswith(c) for c in central):
        return ""
    return doc.primary_state


def _merge(records: list[OfficialRecord]) -> list[OfficialRecord]:
    """One row per (person, designation, organisation); an org-less mention joins one with an org."""
    rows: dict[tuple, OfficialRecord] = {}
    for r in records:
        k = (fold(r.name), r.designation_en, fold(r.organisation))
        if k in rows:
            rows[k] = _bump(rows[k])
        else:
            rows[k] = r
    out = []
    for k, r in rows.items():
        if not r.organisation and any(k2[:2] == k[:2] and k2[2] for k2 in rows):
            continue
        out.append(r)
    return out


def _bump(r: OfficialRecord) -> OfficialRecord:
    return replace(r, mentions=r.mentions + 1)

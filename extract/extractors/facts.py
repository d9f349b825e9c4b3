"""What a figure in a sentence is about: role, counterparty, segment, period and state.

Shared by the order-value and count extractors. Cue words come from rules/facts.toml.
Scopes: the *left scope* of a figure runs from the previous figure of the sentence (or the clause
start) to the figure, the *right scope* from the figure to the next one (read in English only, where
"from central ministries" follows the amount); the *clause* is the sentence cut at "जबकि" / "while" / ";".
Period, in order: a period named in the sentence before the figure (FY, "वर्ष 2024-25 में",
"अब तक"); "इसी अवधि" → the period named before; a period named after the figure; a cumulative
present-perfect verb ("प्राप्त हुए हैं", "have received") → to_date; else empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import regex

from .. import lexicon, rules
from ..text.document import Document, Number
from ..lexicon import WORD_END, WORD_START
from ..normalise import normalise
from ..text.sentences import Sentence

FIGURE_KINDS = ("money_inr", "count")
_CLAUSE_BREAK = regex.compile(r"\s(?:जबकि|वहीं दूसरी ओर|whereas|while)\s|;")
_YEAR_CUE_AFTER = regex.compile(r"^\s*(?:में|के\s+दौरान|के\s+बीच)(?![\p{L}\p{M}])")
_YEAR_CUE_BEFORE = regex.compile(r"(?:\bin|\bduring|\bfor|वर्ष|साल)\s*$", regex.IGNORECASE)


def exact_int(value) -> int:
    """An exact integer (rupees, counts) from the number layer's int or Decimal; fractions round half up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _cue_pattern(words: list[str]) -> "regex.Pattern[str]":
    states = "|".join(regex.escape(normalise(f).norm) for e in lexicon.states().by_form.values() for f in e.data["forms"])
    alts = []
    for w in sorted(words, key=len, reverse=True):
        esc = regex.escape(normalise(w).norm).replace(r"\ ", r"\s+")
        alts.append(esc.replace(regex.escape("{STATE}"), f"(?:{states})"))
    return regex.compile(f"{WORD_START}(?:{'|'.join(alts)}){WORD_END}", regex.IGNORECASE | regex.V1)


@dataclass(frozen=True)
class _Cues:
    role: tuple[tuple[str, "regex.Pattern[str]"], ...]
    counterparty: tuple[tuple[str, "regex.Pattern[str]"], ...]
    segment: tuple[tuple[str, "regex.Pattern[str]"], ...]
    to_date: "regex.Pattern[str]"
    same_period: "regex.Pattern[str]"
    perfect: "regex.Pattern[str]"
    nationwide: "regex.Pattern[str]"
    state_anaphora: "regex.Pattern[str]"


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = rules.load("facts")
    path = rules.path_of("facts")
    for key in ("role", "period"):
        if not isinstance(data.get(key), dict):
            raise rules.RuleError(path, key, "expected a table")
    for role in ("seller", "platform", "buyer"):
        if not isinstance(data["role"].get(role), list):
            raise rules.RuleError(path, f"role.{role}", "expected a list of cue words")
    for key in ("to_date", "same_period", "perfect"):
        if not isinstance(data["period"].get(key), list):
            raise rules.RuleError(path, f"period.{key}", "expected a list of cue words")
    for key in ("nationwide", "state_anaphora"):
        if not isinstance(data.get(key), list):
            raise rules.RuleError(path, key, "expected a list of cue words")
    lists = {}
    for key in ("counterparty", "segment"):
        lists[key] = tuple((e["id"], _cue_pattern(e["cues"])) for e in rules.table("facts", key, {"id": str, "cues": list}))
    return _Cues(
        role=tuple((r, _cue_pattern(data["role"][r])) for r in ("seller", "platform", "buyer")),
        counterparty=lists["counterparty"], segment=lists["segment"],
        to_date=_cue_pattern(data["period"]["to_date"]),
        same_period=_cue_pattern(data["period"]["same_period"]),
        perfect=_cue_pattern(data["period"]["perfect"]),
        nationwide=_cue_pattern(data["nationwide"]),
        state_anaphora=_cue_pattern(data["state_anaphora"]),
    )


@dataclass(frozen=True)
class Context:
    role: str
    counterparty: str
    segment: str
    period: str
    state: str


class PeriodTracker:
    """The period named last in the article, for "इसी अवधि" / "the same period"."""

    def __init__(self) -> None:
        self.named = ""

    def explicit(self, doc: Document, sent: Sentence) -> list[tuple[int, str]]:
        """(working-copy offset, period) of each period the sentence names."""
        found = []
        for n in doc.numbers_in(sent):
            e = n.expr
            if e.kind == "fiscal_year" and e.period:
                found.append((n.nstart, e.period))
            elif e.kind == "year" and e.period and (
                    _YEAR_CUE_AFTER.match(doc.norm, n.nend) or _YEAR_CUE_BEFORE.search(doc.norm[max(0, n.nstart - 12):n.nstart])):
                found.append((n.nstart, e.period))
        for m in cues().to_date.finditer(doc.norm, sent.nstart, sent.nend):
            found.append((m.start(), "to_date"))
        return sorted(found)

    def period_for(self, doc: Document, sent: Sentence, figure: Number, explicit: list[tuple[int, str]],
                   until: int) -> str:
        """`until`: where the next figure starts; an English period standing between is this figure's."""
        if is_english(doc, sent):  # "Rs 850 crore in FY 2024-25": the period follows the amount
            own = [p for pos, p in explicit if figure.nend <= pos < until]
            if own:
                return own[0]
        before = [p for pos, p in explicit if pos < figure.nstart]
        if before:
            return before[-1]
        if cues().same_period.search(doc.norm, sent.nstart, figure.nstart) and self.named:
            return self.named
        if explicit:
            return explicit[0][1]
        if cues().perfect.search(doc.norm, sent.nstart, sent.nend):
            return "to_date"
        return ""

    def after_sentence(self, explicit: list[tuple[int, str]]) -> None:
        if explicit:
            self.named = explicit[-1][1]


def figures(doc: Document, sent: Sentence) -> list[Number]:
    return [n for n in doc.numbers_in(sent) if n.expr.kind in FIGURE_KINDS]


def is_english(doc: Document, sent: Sentence) -> bool:
    seg = doc.norm[sent.nstart:sent.nend]
    return len(regex.findall(r"\p{Latin}", seg)) > len(regex.findall(r"\p{Devanagari}", seg))


def next_start(sent: Sentence, figs: list[Number], figure: Number) -> int:
    """Where the next figure of the sentence starts (or the sentence ends)."""
    return next((f.nstart for f in figs if f.nstart >= figure.nend), sent.nend)


def left_scope(sent: Sentence, figs: list[Number], figure: Number, clause_start: int) -> tuple[int, int]:
    prev = [f for f in figs if f.nend <= figure.nstart]
    return max(prev[-1].nend if prev else sent.nstart, clause_start), figure.nstart


def right_scope(sent: Sentence, figs: list[Number], figure: Number, clause_end: int) -> tuple[int, int]:
    return figure.nend, min(next_start(sent, figs, figure), clause_end)


def clause(doc: Document, sent: Sentence, figure: Number) -> tuple[int, int]:
    start, end = sent.nstart, sent.nend
    for m in _CLAUSE_BREAK.finditer(doc.norm, sent.nstart, sent.nend):
        if m.end() <= figure.nstart:
            start = m.end()
        elif m.start() >= figure.nend:
            end = m.start()
            break
    return start, end


def _first(pairs, text: str, start: int, end: int) -> str:
    for label, pat in pairs:
        if pat.search(text, start, end):
            return label
    return ""


def context(doc: Document, sent: Sentence, figs: list[Number], figure: Number, period: str) -> Context:
    """Role, counterparty, segment and state of a figure (the period is the tracker's)."""
    c = cues()
    cs, ce = clause(doc, sent, figure)
    left = left_scope(sent, figs, figure, cs)
    right = right_scope(sent, figs, figure, ce)
    # English names the source after the amount ("Rs 68,540 crore from central ministries"); Hindi before it
    scopes = (right, left) if is_english(doc, sent) else (left,)
    named = _named_state(doc, left, (cs, ce), sent)
    nationwide = not named and bool(c.nationwide.search(doc.norm, cs, ce))
    anaphora = bool(c.state_anaphora.search(doc.norm, cs, ce))
    role = _first(c.role, doc.norm, cs, ce)
    if nationwide and role != "seller":
        role = "platform"
    elif not role:
        role = "buyer" if (named or anaphora) else "platform"
    counterparty = ""
    if role == "seller":
        counterparty = next((cp for span in scopes if (cp := _first(c.counterparty, doc.norm, *span))), "all")
    segment = next((sg for span in scopes if (sg := _first(c.segment, doc.norm, *span))), "")
    if figure.expr.kind == "count" or role == "platform":
        # a count or a GeM-wide total belongs to a state only where the sentence says so
        state = named or (doc.primary_state if anaphora and not nationwide else "")
    else:
        state = named or doc.primary_state
    return Context(role=role, counterparty=counterparty, segment=segment, period=period, state=state)


def _named_state(doc: Document, left: tuple[int, int], cl: tuple[int, int], sent: Sentence) -> str:
    """The state named nearest the figure: in its left scope (last), its clause, its sentence (first)."""
    found = doc.states_in(*left)
    if found:
        return found[-1].key
    for span in (cl, (sent.nstart, sent.nend)):
        found = doc.states_in(*span)
        if found:
            return found[0].key
    return ""

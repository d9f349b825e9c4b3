"""Counts: how many orders, sellers, buyers, transactions... the article reports, with qualifier,
unit, state and period (see facts.py).

Rule: counts.count (every `count` expression of the number layer in a content sentence; the unit
is the number layer's canonical counted thing, read again in its sentence with
rules/numbers.toml [count_context]: people counted at a meeting or training are `participants`,
officials and staff are counted only so, and entrepreneurs or women in a sentence about sellers are
`sellers` unless they are only told about selling). One row per (value, unit, state, period).

Headlines and headings are read after the body, as for order values: a headline count that the
body already gives (same value and unit) adds a mention, not a row; so does a round figure that
rounds another count of the same unit ("28,300 से अधिक कारीगर" in the headline, "28,374 कारीगर" in
the body: one fact, the more precise value kept).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .. import rules
from ..numbers.words import alternation
from ..text.document import Document, Number
from ..records import CountRecord
from ..patterns import LazyPattern
from .facts import PeriodTracker, context, exact_int, next_start, plan
from ..text.sentences import Sentence


@dataclass(frozen=True)
class _Context:
    attend_after: regex.Pattern
    attend_before: regex.Pattern
    attendee_units: frozenset[str]
    only_attending: frozenset[str]
    seller_like: frozenset[str]
    seller_words: regex.Pattern
    seller_prospective: regex.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Context:
    """rules/numbers.toml [count_context], checked once, each pattern compiled on its first use."""
    table = rules.load("numbers").get("count_context")
    if not isinstance(table, dict):
        raise rules.RuleError(rules.path_of("numbers"), "count_context", "missing table")

    def forms(name: str) -> list[str]:
        v = table.get(name)
        if not isinstance(v, list) or not v or not all(isinstance(f, str) and f.strip() for f in v):
            raise rules.RuleError(rules.path_of("numbers"), f"count_context.{name}", "needs a list of words")
        return v

    def rx(name: str, tail: str = "") -> regex.Pattern:
        words = forms(name)  # checked now; the pattern built and compiled where a count first needs it
        return LazyPattern(lambda: regex.compile(f"(?i:{alternation(words)}){tail}"))

    return _Context(
        attend_after=rx("attend_after"), attend_before=rx("attend_before", r"[ \t]*+\Z"),
        attendee_units=frozenset(forms("attendee_units")), only_attending=frozenset(forms("only_attending")),
        seller_like=frozenset(forms("seller_like_units")), seller_words=rx("seller_words"),
        seller_prospective=rx("seller_prospective"))


_CLAUSE_END = LazyPattern(regex.compile, r"[।॥;?!\n]|\.(?![0-9])")


def unit_in_context(doc: Document, sent: Sentence, figs: list[Number], fig: Number) -> str:
    """The count's unit read in its sentence; "" when it is no count worth a row."""
    unit, cx, norm = fig.expr.unit, _rules(), doc.norm
    if unit in cx.attendee_units:
        end = next_start(sent, figs, fig)
        stop = _CLAUSE_END.search(norm, fig.nend, end)
        if (cx.attend_after.search(norm, fig.nend, stop.start() if stop else end)
                or cx.attend_before.search(norm, max(sent.nstart, fig.nstart - 30), fig.nstart)):
            return "participants"
    if unit in cx.only_attending:
        return ""
    if unit in cx.seller_like and (any(f.expr.kind == "count" and f.expr.unit == "sellers" for f in figs)
                                   or _said_sellers(norm, sent, fig, cx)):
        return "sellers"
    return unit


def _said_sellers(norm: str, sent: Sentence, fig: Number, cx: _Context) -> bool:
    """True when the sentence calls the counted people sellers: a seller word with no word of being
    told about selling between the count and the end of that word's clause."""
    for m in cx.seller_words.finditer(norm, sent.nstart, sent.nend):
        stop = _CLAUSE_END.search(norm, m.end(), sent.nend)
        if not cx.seller_prospective.search(norm, min(fig.nend, m.start()), stop.start() if stop else sent.nend):
            return True
    return False


def rounds(rough: int, precise: int) -> bool:
    """True when `rough` is `precise` rounded (down or to nearest) to its own trailing zeros."""
    if rough == precise or rough <= 0 or precise <= 0:
        return False
    step = 1
    while rough % (step * 10) == 0:
        step *= 10
    if step < 10 or precise % step == 0:
        return False
    return precise // step * step == rough or (precise + step // 2) // step * step == rough


def extract(doc: Document) -> list[CountRecord]:
    rows: dict[tuple, CountRecord] = {}
    headline_only: set[tuple] = set()
    periods = PeriodTracker()
    sentences, analyses, n_body = plan(doc)
    for k, sent in enumerate(sentences):
        sf, headline = analyses[k], k >= n_body
        if sf is None:  # quiet: no count, no period
            if not headline:
                periods.after_sentence([])
            continue
        explicit = sf.explicit()
        figs = sf.figs
        for fig in figs:
            if fig.expr.kind != "count":
                continue
            value = exact_int(fig.expr.value)
            unit = unit_in_context(doc, sent, figs, fig)
            if not unit:
                continue
            if headline:
                same = next((k for k, r in rows.items() if r.unit == unit and r.value == value), None)
                if same is not None:
                    rows[same] = replace(rows[same], mentions=rows[same].mentions + 1)
                    continue
            ctx = context(doc, sent, figs, fig, periods.period_for(doc, sent, fig, explicit, next_start(sent, figs, fig), sf),
                          sf=sf)
            rec = CountRecord(
                **doc.provenance(fig.nstart, fig.nend, sent, "counts.count"),
                value=value, count_text=fig.expr.text, qualifier=fig.expr.qualifier,
                unit=unit, state=ctx.state, period=ctx.period,
            )
            key = rec.key()
            if key in rows:
                rows[key] = replace(rows[key], mentions=rows[key].mentions + 1)
            else:
                rows[key] = rec
                if headline:
                    headline_only.add(key)
        if not headline:
            periods.after_sentence(explicit)
    recs = list(rows.values())
    # a headline count that rounds another count of the same unit is that fact said again
    return [r for k, r in rows.items()
            if k not in headline_only or not any(o.unit == r.unit and rounds(r.value, o.value) for o in recs)]

"""Counts: how many orders, sellers, buyers, transactions... the article reports, with qualifier,
unit, state and period (see facts.py).

Rule: counts.count (every `count` expression of the number layer in a content sentence; the unit
is the number layer's canonical counted thing). One row per (value, unit, state, period).

Headlines and headings are read after the body, as for order values: a headline count that the
body already gives (same value and unit) adds a mention, not a row; so does a round figure that
rounds another count of the same unit ("28,300 से अधिक कारीगर" in the headline, "28,374 कारीगर" in
the body: one fact, the more precise value kept).
"""
from __future__ import annotations

from dataclasses import replace

from ..text.document import Document
from ..records import CountRecord
from .facts import PeriodTracker, context, exact_int, figures, next_start


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
    body = [s for s in doc.sentences if not s.display]
    display = [s for s in doc.sentences if s.display]
    for sent in body + display:
        explicit = periods.explicit(doc, sent)
        figs = figures(doc, sent)
        for fig in figs:
            if fig.expr.kind != "count":
                continue
            value = exact_int(fig.expr.value)
            if sent.display:
                same = next((k for k, r in rows.items() if r.unit == fig.expr.unit and r.value == value), None)
                if same is not None:
                    rows[same] = replace(rows[same], mentions=rows[same].mentions + 1)
                    continue
            ctx = context(doc, sent, figs, fig, periods.period_for(doc, sent, fig, explicit, next_start(sent, figs, fig)))
            rec = CountRecord(
                **doc.provenance(fig.nstart, fig.nend, sent, "counts.count"),
                value=value, count_text=fig.expr.text, qualifier=fig.expr.qualifier,
                unit=fig.expr.unit, state=ctx.state, period=ctx.period,
            )
            key = rec.key()
            if key in rows:
                rows[key] = replace(rows[key], mentions=rows[key].mentions + 1)
            else:
                rows[key] = rec
                if sent.display:
                    headline_only.add(key)
        if not sent.display:
            periods.after_sentence(explicit)
    recs = list(rows.values())
    # a headline count that rounds another count of the same unit is that fact said again
    return [r for k, r in rows.items()
            if k not in headline_only or not any(o.unit == r.unit and rounds(r.value, o.value) for o in recs)]

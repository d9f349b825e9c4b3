"""Counts: how many orders, sellers, buyers, transactions... the article reports, with qualifier,
unit, state and period (see facts.py).

Rule: counts.count (every `count` expression of the number layer in a content sentence; the unit
is the number layer's canonical counted thing). One row per (value, unit, state, period).
"""
from __future__ import annotations

from dataclasses import replace

from ..text.document import Document
from ..records import CountRecord
from .facts import PeriodTracker, context, exact_int, figures, next_start


def extract(doc: Document) -> list[CountRecord]:
    rows: dict[tuple, CountRecord] = {}
    periods = PeriodTracker()
    for sent in [s for s in doc.sentences if not s.display]:
        explicit = periods.explicit(doc, sent)
        figs = figures(doc, sent)
        for fig in figs:
            if fig.expr.kind != "count":
                continue
            ctx = context(doc, sent, figs, fig, periods.period_for(doc, sent, fig, explicit, next_start(sent, figs, fig)))
            rec = CountRecord(
                **doc.provenance(fig.nstart, fig.nend, sent, "counts.count"),
                value=exact_int(fig.expr.value), count_text=fig.expr.text, qualifier=fig.expr.qualifier,
                unit=fig.expr.unit, state=ctx.state, period=ctx.period,
            )
            key = rec.key()
            rows[key] = replace(rows[key], mentions=rows[key].mentions + 1) if key in rows else rec
        periods.after_sentence(explicit)
    return list(rows.values())

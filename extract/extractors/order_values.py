"""Order values: rupee amounts of the article's procurement facts, with their role, counterparty,
segment, period and state (see facts.py for how those are read).

Rule: order_values.amount (every money_inr expression of the number layer in a content sentence).
The same amount said twice for the same thing is one row with `mentions` counting the sayings;
a headline that restates a body figure adds a mention, not a row.
"""
from __future__ import annotations

from dataclasses import replace

from ..text.document import Document
from ..records import OrderValueRecord
from .facts import PeriodTracker, context, exact_int, figures, next_start


def extract(doc: Document) -> list[OrderValueRecord]:
    rows: dict[tuple, OrderValueRecord] = {}
    by_inr: dict[int, tuple] = {}
    periods = PeriodTracker()
    body = [s for s in doc.sentences if not s.display]
    display = [s for s in doc.sentences if s.display]
    for sent in body + display:
        explicit = periods.explicit(doc, sent)
        figs = figures(doc, sent)
        for fig in figs:
            if fig.expr.kind != "money_inr":
                continue
            inr = exact_int(fig.expr.value)
            if sent.display and inr in by_inr:
                rows[by_inr[inr]] = replace(rows[by_inr[inr]], mentions=rows[by_inr[inr]].mentions + 1)
                continue
            ctx = context(doc, sent, figs, fig, periods.period_for(doc, sent, fig, explicit, next_start(sent, figs, fig)))
            rec = OrderValueRecord(
                **doc.provenance(fig.nstart, fig.nend, sent, "order_values.amount"),
                inr=inr, amount_text=fig.expr.text, qualifier=fig.expr.qualifier,
                role=ctx.role, state=ctx.state, counterparty=ctx.counterparty, segment=ctx.segment,
                period=ctx.period,
                inr_high=exact_int(fig.expr.value_high) if fig.expr.value_high is not None else "",
            )
            key = rec.key()
            if key in rows:
                rows[key] = replace(rows[key], mentions=rows[key].mentions + 1)
            else:
                rows[key] = rec
                by_inr.setdefault(inr, key)
        if not sent.display:
            periods.after_sentence(explicit)
    return list(rows.values())

"""Order values: rupee amounts of the article's procurement facts, with their qualifier, role,
counterparty, segment, period and state (see facts.py for how those are read).

Rule: order_values.amount (every money_inr expression of the number layer in a content sentence,
except rule limits: "5 लाख तक का सामान", "एक करोड़ से कम की खरीद", "all purchases above Rs 1 lakh").
The same fact said twice is one row with `mentions` counting the sayings: a headline that restates
a body amount, or rounds it ("crosses Rs 400 crore" over Rs 412 crore), adds a mention (a new row only when it names another period than every body saying of
that amount; it also gives the body saying a period only it names), and so does the same amount
said again in the body (a quote, a tweet) unless the two sayings differ in a role a cue named or
name different periods, states, counterparties or segments (then they are two facts). The merged
row keeps the first saying, with the more specific qualifier and any attribute only the other saying gave.
A part of an amount said in this sentence or the one before ("Of this, Rs 6,870 crore came from
central ministries") inherits that amount's reading (facts.part_of).
A sentence that dates "this purchase" by day gives the undated buyer amounts before it in its
paragraph that month (YYYY-MM).
"""
from __future__ import annotations

from dataclasses import replace

from ..text.document import Document
from ..records import OrderValueRecord
from .facts import (Context, PeriodTracker, context, exact_int, is_threshold, next_start, part_of, plan,
                    purchase_month, qualifier)


def extract(doc: Document) -> list[OrderValueRecord]:
    rows: list[OrderValueRecord] = []
    blocks: list = []  # the block each row stands in
    cued: list[bool] = []  # whether a cue named each row's role
    said: list[tuple[int, Context]] = []  # (working-copy offset, context) of each body amount, in order
    periods = PeriodTracker()
    last_block = current_block = None  # the paragraph before the current one, for "यह ऑर्डर ... को"
    sentences, analyses, n_body = plan(doc)
    previous = None  # body sentence start -> the start of the body sentence before it, made where needed
    for k, sent in enumerate(sentences):
        sf, headline = analyses[k], k >= n_body
        if sf is None:  # quiet: no amount, no period, no purchase dated
            if not headline:
                periods.after_sentence(_NO_PERIODS)
                if sent.block is not current_block:
                    last_block, current_block = current_block, sent.block
            continue
        explicit = sf.explicit()
        figs = sf.figs
        for fig in figs:
            if fig.expr.kind != "money_inr" or is_threshold(doc, sent, fig, sf):
                continue
            inr = exact_int(fig.expr.value)
            period = periods.period_for(doc, sent, fig, explicit, next_start(sent, figs, fig), sf)
            cue = None if headline else part_of(doc, sent, fig, sf)
            whole = None
            if cue is not None:  # the whole: the last amount before the cue, in this sentence or the one before
                if previous is None:
                    body = sentences[:n_body]
                    previous = {b.nstart: a.nstart for a, b in zip(body, body[1:])}
                since = previous.get(sent.nstart, sent.nstart)
                whole = next((c for at, c in reversed(said) if since <= at < cue), None)
            ctx = context(doc, sent, figs, fig, period or (whole.period if whole else ""), whole, sf)
            if not headline:
                said.append((fig.nstart, ctx))
            rec = OrderValueRecord(
                **doc.provenance(fig.nstart, fig.nend, sent, "order_values.amount"),
                inr=inr, amount_text=fig.expr.text, qualifier=qualifier(doc, sent, fig, sf),
                role=ctx.role, state=ctx.state, counterparty=ctx.counterparty, segment=ctx.segment,
                period=ctx.period,
                inr_high=exact_int(fig.expr.value_high) if fig.expr.value_high is not None else "",
            )
            if headline:  # a headline restates; it adds a fact only with a period of its own
                said = [i for i, r in enumerate(rows) if r.inr == inr]
                rounded = None if said or rec.inr_high != "" else _rounding_of(rec, rows)
                if rounded is not None:  # "crosses Rs 400 crore" over the body's Rs 412.6 crore: the same fact
                    rows[rounded] = replace(rows[rounded], mentions=rows[rounded].mentions + 1)
                    continue
                if said and not (rec.period and all(rows[i].period and rows[i].period != rec.period for i in said)):
                    same = next((i for i in said if _same_fact(rows[i], rec)), said[0])
                    # the body saying stays; the headline adds a period only it names ("स्थापना से अब तक", "of FY26")
                    rows[same] = replace(rows[same], mentions=rows[same].mentions + 1,
                                         period=rows[same].period or rec.period)
                    continue
            same = next((i for i, r in enumerate(rows) if _same_fact(r, rec, not (cued[i] and ctx.role_cued))), None)
            if same is None:
                rows.append(rec)
                blocks.append(sent.block)
                cued.append(ctx.role_cued)
            else:
                rows[same] = _merge(rows[same], rec)
        month = purchase_month(doc, sent, sf)
        if month:  # "यह खरीदारी ... 9 जुलाई 2024 को": the undated purchases before it in its paragraph, or in
            # the paragraph just before when its own names none ("... बेड खरीदे गये।" ¶ "यह ऑर्डर 18 जनवरी 2025 को")
            mine = [b is sent.block and r.role == "buyer" and not r.period for r, b in zip(rows, blocks)]
            if not any(mine) and not any(b is sent.block for b in blocks):
                before = current_block if sent.block is not current_block else last_block
                mine = [b is before and r.role == "buyer" and not r.period for r, b in zip(rows, blocks)]
            rows = [replace(r, period=month) if m else r for r, m in zip(rows, mine)]
        if not headline:
            periods.after_sentence(explicit)
            if sent.block is not current_block:
                last_block, current_block = current_block, sent.block
    return rows


_NO_PERIODS: tuple = ()  # the explicit periods of a quiet sentence


def _same_fact(a: OrderValueRecord, b: OrderValueRecord, any_role: bool = False) -> bool:
    """The same amount and role with no conflicting period, state, counterparty or segment; `any_role`:
    one saying's role is only the default reading ("उनके शब्दों में, एक जग का दाम 32,000 रुपये")."""
    if a.inr != b.inr or a.inr_high != b.inr_high or (a.role != b.role and not any_role):
        return False
    return all(x == y or not x or not y for x, y in ((a.period, b.period), (a.state, b.state),
                                                     (a.counterparty, b.counterparty), (a.segment, b.segment)))


def _rounding_of(rec: OrderValueRecord, rows: list[OrderValueRecord]) -> int | None:
    """The body row whose amount a headline amount rounds: within one unit of the headline's last
    significant digit ("1.12 लाख" for 1,12,500 rupees), at or above it for a more-than amount ("11 हजार
    करोड़ से ज्यादा" for 11,640 crore, "crosses Rs 400 crore" for Rs 412 crore); the nearest one."""
    x = rec.inr
    if x <= 0:
        return None
    unit = 1
    while x % (unit * 10) == 0:
        unit *= 10
    if unit == 1:  # every digit significant: no rounding
        return None
    near = [(abs(r.inr - x), i) for i, r in enumerate(rows) if r.inr_high == "" and r.inr != x
            and (x <= r.inr < x + unit if rec.qualifier == "more_than" else abs(r.inr - x) < unit)]
    return min(near)[1] if near else None


_SPECIFIC = {"exact": 0, "approx": 1, "up_to": 1, "less_than": 2, "more_than": 2}


def _merge(first: OrderValueRecord, again: OrderValueRecord) -> OrderValueRecord:
    q = again.qualifier if _SPECIFIC.get(again.qualifier, 0) > _SPECIFIC.get(first.qualifier, 0) else first.qualifier
    return replace(first, mentions=first.mentions + again.mentions, qualifier=q,
                   period=first.period or again.period, segment=first.segment or again.segment,
                   counterparty=first.counterparty or again.counterparty, state=first.state or again.state)

"""`gem-extract review`: static HTML pages for checking the extracted CSVs against the articles.

Owns OUT/review/: index.html (one row per article: status, language, record counts per type,
link) and one page per article: the article text re-read from its file with every record's span
highlighted and coloured by type (overlapping spans are nested, and split where they cross, each
piece carrying its record_id), every further mention of a listed state highlighted too (found
with the states gazetteer, as the pipeline counts them), boilerplate blocks dimmed (from
extract.text.layout), each record shown on hover and on keyboard focus, and beside the text, under
two lines saying how to check a row, one card per record, grouped by type, linking to its
highlight. Cards wrap, so a page fits a 1280 px screen without sideways scrolling. Pages are
self-contained (inline CSS and JS, no fonts, no network) and every string from an article or a CSV
is HTML-escaped. It reads the output folder and the sources only; it does not extract, verify or
score.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from urllib.parse import quote

from .. import lexicon
from ..normalise import normalise
from ..output.csvsafe import atomic_write, read_csv
from ..records import RECORD_TYPES
from .verify import ARTICLES_FILE, locate_source, read_source

REVIEW_DIR = "review"
INDEX = "index.html"
KINDS = tuple(RECORD_TYPES)
LABELS = {
    "states": "States", "officials": "Officials", "awards": "Awards",
    "order_values": "Order values", "counts": "Counts", "events": "Events",
}
# (background, strong) per record type; also used by the Label Studio config.
COLOURS = {
    "states": ("#d3efeb", "#00796b"),
    "officials": ("#dae6fa", "#1d5bbf"),
    "awards": ("#fbedbf", "#a87400"),
    "order_values": ("#d6f1cf", "#2e7d32"),
    "counts": ("#e9dcf7", "#7440a8"),
    "events": ("#f9dbe3", "#b8124f"),
}
_GROUPED = {"value", "mentions", "inr_high"}
# columns whose values are short words or numbers: kept on one line
_NOWRAP = {"published", "status", "lang"}
HOW_TO_CHECK_INDEX = (
    "Check an article: open it to see its records highlighted over its text, each with a card of its fields.",
    "A red row is an article the pipeline could not read; its error says why. Counts are records per type.",
)
HOW_TO_CHECK = (
    "Check a record: click its id to jump to its highlight, read the sentence around it, and compare each "
    "field below with what the text says.",
    "Hover or Tab onto a highlight to see its fields; wrong, missing or extra? Note the record id, or correct it in "
    "Label Studio (gem-extract export).",
)

esc = html.escape


# ---------------------------------------------------------------- values

def indian_grouping(digits: str) -> str:
    """'79000000000' -> '79,00,00,00,000' (last three digits, then groups of two)."""
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    groups.insert(0, head)
    return sign + ",".join(groups + [tail])


def display_value(column: str, value: str) -> str:
    """A cell as reviewers read it: rupees with Indian grouping, counts grouped, else as is."""
    digits = value.lstrip("-")
    if column in ("inr", "inr_high") and digits.isascii() and digits.isdigit():
        return "₹" + indian_grouping(value)
    if column in _GROUPED and digits.isascii() and digits.isdigit():
        return indian_grouping(value)
    return value


def page_name(article_id: str) -> str:
    """File name of an article's page, never index.html and one-to-one on article ids:
    ids that are 'index' (any case) or begin with '_' get one more leading '_'."""
    name = article_id.replace("%", "%25").replace("/", "%2F").replace("\\", "%5C")
    if name.casefold() == "index" or name.startswith("_") or name in ("", ".", ".."):
        name = "_" + name
    return name + ".html"


def href(name: str) -> str:
    return esc(quote(name, safe="-_.~"))


def fragment(record_id: str) -> str:
    return "#" + esc(quote(record_id, safe="-_.~"))


# ---------------------------------------------------------------- reading the output folder

@dataclass(frozen=True)
class Rec:
    """One CSV row of a record file, with its type and (when they parse) its offsets."""

    kind: str
    row: Mapping[str, str]
    start: int | None
    end: int | None

    @property
    def rid(self) -> str:
        return self.row.get("record_id", "")


def _offset(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() else None


def load_records(out: Path) -> dict[str, list[Rec]]:
    """Every record row of the output folder by article_id, in text order."""
    by_article: dict[str, list[Rec]] = {}
    for kind in KINDS:
        path = out / f"{kind}.csv"
        if not path.is_file():
            continue
        for row in read_csv(path).rows:
            rec = Rec(kind, row, _offset(row.get("start")), _offset(row.get("end")))
            by_article.setdefault(row.get("article_id", ""), []).append(rec)
    for recs in by_article.values():
        recs.sort(key=lambda r: (r.start if r.start is not None else -1, r.end or 0, KINDS.index(r.kind), r.rid))
    return by_article


@dataclass(frozen=True)
class SourceView:
    """The article text for a page, or why there is none, and a warning to show."""

    text: str | None
    problem: str = ""
    warning: str = ""


def load_source(article: Mapping[str, str], out_dir: str | Path | None = None) -> SourceView:
    if article.get("status") == "error":
        return SourceView(None, f"The pipeline could not read this article: {article.get('error', '')}")
    path = locate_source(article, out_dir=out_dir)
    if path is None:
        return SourceView(None, f"Source file not found: {article.get('path', '')}")
    src = read_source(path)
    if src.text is None:
        return SourceView(None, f"Source file {path} is {src.error}")
    warning = ""
    if article.get("sha256") and src.sha256 != article["sha256"]:
        warning = (f"{path} changed since extraction (sha256 {src.sha256[:12]}… ≠ {article['sha256'][:12]}…): "
                   "highlights may be misplaced.")
    return SourceView(src.text, "", warning)


def layout_blocks(text: str) -> list:
    """Boilerplate blocks of `text` from extract.layout, or none while that module does not exist."""
    try:
        from ..text.layout import analyse
    except ModuleNotFoundError as exc:
        if exc.name in ("extract.layout", f"{__package__}.layout"):
            return []
        raise
    return [b for b in analyse(text).blocks if getattr(b, "boilerplate", False)]


# ---------------------------------------------------------------- highlighting

@dataclass(frozen=True)
class Span:
    """Something to wrap in the text: a record highlight or a dimmed boilerplate block."""

    start: int
    end: int
    order: tuple  # opening order among spans starting at the same offset (outer first)
    tag: str
    attrs_first: str
    attrs_cont: str

    def open(self, first: bool) -> str:
        return f"<{self.tag} {self.attrs_first if first else self.attrs_cont}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def tip(rec: Rec) -> str:
    """The hover/focus card of a record: its type and id, then every non-empty field."""
    lines = [f"{rec.kind} · {rec.rid}"]
    for col in RECORD_TYPES[rec.kind].type_columns():
        value = rec.row.get(col, "")
        if value:
            lines.append(f"{col}: {display_value(col, value)}")
    lines.append(f"rule: {rec.row.get('rule', '')}")
    return "\n".join(lines)


def record_span(rec: Rec, ids_used: set[str]) -> Span:
    kind, rid = esc(rec.kind), esc(rec.rid)
    data = f'data-rid="{rid}" data-tip="{esc(tip(rec))}"'
    first = f'class="hl t-{kind}" {data} tabindex="0" aria-describedby="row-{rid}"'
    if rec.rid not in ids_used:  # a duplicated record_id (a broken CSV) gets no second id
        ids_used.add(rec.rid)
        first = f'id="{rid}" {first}'
    cont = f'class="hl t-{kind} cont" {data}'
    order = (1, -(rec.end or 0), KINDS.index(rec.kind), rec.rid)
    return Span(rec.start or 0, rec.end or 0, order, "mark", first, cont)


def state_mentions(text: str, recs: Sequence[Rec]) -> list[tuple[int, int, Rec]]:
    """(start, end, record) of every mention of a listed state beyond its record's own span, found
    with the states gazetteer over the working copy (offsets mapped back to the text)."""
    listed = {r.row.get("state", ""): r for r in recs if r.kind == "states" and r.start is not None}
    listed.pop("", None)
    if not listed:
        return []
    nt = normalise(text)
    out = []
    for s, e, entry in lexicon.states().finditer(nt.norm):
        rec = listed.get(entry.key) if entry is not None else None
        if rec is None:
            continue
        before = nt.norm[max(0, s - 12):s].split()
        if before and before[-1] in entry.data.get("not_after", ()):
            continue
        start, end = nt.span(s, e)
        if start < (rec.end or 0) and (rec.start or 0) < end:
            continue  # the record's own span
        out.append((start, end, rec))
    return out


def mention_span(start: int, end: int, rec: Rec) -> Span:
    """Another mention of a state record: coloured like it, pointing to it, without its id."""
    card = f"{rec.kind} · {rec.rid}\nanother mention of {rec.row.get('state', '')}"
    attrs = f'class="hl t-{esc(rec.kind)} also" data-of="{esc(rec.rid)}" data-tip="{esc(card)}"'
    return Span(start, end, (1, -end, KINDS.index(rec.kind), rec.rid), "mark", attrs, attrs)


def block_span(block) -> Span:
    kind = esc(str(getattr(block, "kind", "")))
    first = f'class="boiler first" data-kind="{kind}"'
    return Span(block.start, block.end, (0, -block.end), "span", first, f'class="boiler" data-kind="{kind}"')


def highlight(text: str, spans: Sequence[Span]) -> str:
    """`text` escaped, with every span wrapped; spans that cross are split so the HTML nests:
    the first piece of a span gets its `attrs_first`, later pieces `attrs_cont`."""
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[Span] = []
    for i, pos in enumerate(cuts):
        _close_at(pos, stack, out)
        opening = sorted(starting.get(pos, ()), key=lambda s: s.order)
        for s in opening:
            out.append(s.open(first=True))
            if s.end == pos:
                out.append(s.close())
            else:
                stack.append(s)
        if i + 1 < len(cuts):
            out.append(esc(text[pos:cuts[i + 1]]))
    for s in reversed(stack):
        out.append(s.close())
    return "".join(out)


def _close_at(pos: int, stack: list[Span], out: list[str]) -> None:
    """Close the spans ending at `pos`, and reopen (as continuations) those closed above them."""
    ending = [i for i, s in enumerate(stack) if s.end <= pos]
    if not ending:
        return
    lowest = ending[0]
    popped = stack[lowest:]
    del stack[lowest:]
    for s in reversed(popped):
        out.append(s.close())
    for s in popped:
        if s.end > pos:
            out.append(s.open(first=False))
            stack.append(s)


# ---------------------------------------------------------------- the article page

def render_article(article: Mapping[str, str], recs: Sequence[Rec], source: SourceView,
                   blocks: Iterable = ()) -> str:
    aid = article.get("article_id", "")
    lang = _html_lang(article.get("lang", ""))
    title = article.get("title") or aid
    problems = _span_problems(recs, source.text)
    body = [
        _page_header(article, title, recs, source),
        '<main>',
        _text_section(source, recs, blocks),
        _tables_section(recs, problems),
        '</main>',
    ]
    return _page(lang, f"{title} · {aid} · gem-extract review", "\n".join(body), script=True)


def _html_lang(lang: str) -> str:
    return "en" if lang == "en" else "hi"


def _page_header(article: Mapping[str, str], title: str, recs: Sequence[Rec], source: SourceView) -> str:
    meta = [(k, article.get(k, "")) for k in
            ("article_id", "lang", "published", "publisher", "dateline", "path", "chars", "status")]
    sha = article.get("sha256", "")
    meta.append(("sha256", sha[:16] + "…" if sha else ""))
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v) or '—'}</dd></div>" for k, v in meta)
    counts = {k: 0 for k in KINDS}
    for r in recs:
        counts[r.kind] += 1
    legend = "".join(
        f'<li><a class="sw t-{k}" href="#tbl-{k}">{esc(LABELS[k])} <span class="n">{counts[k]}</span></a></li>' for k in KINDS)
    legend += '<li><span class="sw sw-boiler">boilerplate (dimmed)</span></li>'
    banners = ""
    if source.problem:
        banners += f'<p class="banner error" role="alert">{esc(source.problem)}</p>'
    if source.warning:
        banners += f'<p class="banner warn" role="alert">{esc(source.warning)}</p>'
    return (f'<header><nav><a href="{INDEX}">← all articles</a></nav>'
            f'<h1>{esc(title)}</h1><dl class="meta">{dl}</dl>'
            f'<ul class="legend" aria-label="record types">{legend}</ul>{banners}</header>')


def _span_problems(recs: Sequence[Rec], text: str | None) -> dict[str, str]:
    """record_id -> why its highlight is missing or wrong (offsets unusable, evidence differs)."""
    problems: dict[str, str] = {}
    if text is None:
        return problems
    for r in recs:
        if r.start is None or r.end is None or not r.start <= r.end <= len(text):
            problems[r.rid] = f"offsets {r.row.get('start')}:{r.row.get('end')} unusable: no highlight"
        elif text[r.start:r.end] != r.row.get("evidence", ""):
            problems[r.rid] = f"evidence differs from the text here: {text[r.start:r.end]!r}"
    return problems


def _text_section(source: SourceView, recs: Sequence[Rec], blocks: Iterable) -> str:
    if source.text is None:
        return '<section class="text-pane" aria-label="article text"><p class="missing">No text to show.</p></section>'
    text = source.text
    ids_used: set[str] = set()
    spans = [record_span(r, ids_used) for r in recs
             if r.start is not None and r.end is not None and r.start <= r.end <= len(text)]
    spans += [mention_span(s, e, r) for s, e, r in state_mentions(text, recs)]
    spans += [block_span(b) for b in blocks if 0 <= b.start < b.end <= len(text)]
    return (f'<section class="text-pane" aria-label="article text">'
            f'<div class="text" id="gx-text">{highlight(text, spans)}</div></section>')


def _tables_section(recs: Sequence[Rec], problems: Mapping[str, str]) -> str:
    howto = "<br>".join(esc(line) for line in HOW_TO_CHECK)
    parts = ['<aside class="records" aria-label="records by type">', f'<p class="howto">{howto}</p>']
    for kind in KINDS:
        rows = [r for r in recs if r.kind == kind]
        parts.append(_record_cards(kind, rows, problems))
    parts.append("</aside>")
    return "\n".join(parts)


def _nw(column: str) -> str:
    return ' class="nw"' if column in _NOWRAP else ""


def _field(column: str, value: str) -> str:
    shown = f"<dd>{esc(display_value(column, value))}</dd>" if value else '<dd class="empty">—</dd>'
    return f"<div><dt>{esc(column)}</dt>{shown}</div>"


def _record_cards(kind: str, rows: Sequence[Rec], problems: Mapping[str, str]) -> str:
    """One card per record: id (linking to its highlight), evidence, span, then every type column
    as a label/value pair that wraps to the panel's width, then the rule."""
    caption = f'<h2 id="tbl-{kind}"><span class="sw t-{kind}">{esc(LABELS[kind])}</span> <small>{len(rows)}</small></h2>'
    if not rows:
        return f'<section class="rtype">{caption}<p class="none">none</p></section>'
    cards = []
    for r in rows:
        problem = problems.get(r.rid, "")
        fields = "".join(_field(c, r.row.get(c, "")) for c in RECORD_TYPES[kind].type_columns())
        cls = "card bad" if problem else "card"
        cards.append(
            f'<article class="{cls} t-{kind}" id="row-{esc(r.rid)}" data-rid="{esc(r.rid)}">'
            f'<div class="card-head"><a href="{fragment(r.rid)}" class="rlink">{esc(r.rid)}</a>'
            f'<span class="ev">{esc(r.row.get("evidence", ""))}</span>'
            f'<span class="span">{esc(r.row.get("start", ""))}–{esc(r.row.get("end", ""))}</span></div>'
            + (f'<div class="problem">⚠ {esc(problem)}</div>' if problem else "")
            + f'<dl class="fields">{fields}</dl><div class="rule">rule {esc(r.row.get("rule", ""))}</div></article>')
    return f'<section class="rtype">{caption}<div class="cards">{"".join(cards)}</div></section>'


# ---------------------------------------------------------------- the index

def render_index(articles: Sequence[Mapping[str, str]], records: Mapping[str, Sequence[Rec]]) -> str:
    known = {a.get("article_id", "") for a in articles}
    totals = {k: 0 for k in KINDS}
    rows = []
    for a in articles:
        aid = a.get("article_id", "")
        counts = {k: 0 for k in KINDS}
        for r in records.get(aid, ()):
            counts[r.kind] += 1
            totals[r.kind] += 1
        rows.append(_index_row(a, counts))
    head = "".join(f'<th><span class="sw t-{k}">{esc(LABELS[k])}</span></th>' for k in KINDS)
    n_err = sum(1 for a in articles if a.get("status") == "error")
    foot = "".join(f'<td class="num">{totals[k]}</td>' for k in KINDS)
    orphans = sorted(aid for aid in records if aid not in known)
    note = ""
    if orphans:
        note = ('<p class="banner warn" role="alert">Records name articles missing from articles.csv: '
                + esc(", ".join(orphans)) + "</p>")
    body = (f'<header><h1>gem-extract review</h1><p>Articles: {len(articles)} ({len(articles) - n_err} ok, '
            f'{n_err} error).</p><p class="howto">{"<br>".join(esc(line) for line in HOW_TO_CHECK_INDEX)}</p>'
            f'{note}</header><main class="index"><table class="index-table"><thead><tr><th>article</th>'
            f'<th>status</th><th>lang</th><th>published</th><th>publisher</th>{head}<th>total</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><td colspan="5">all articles</td>{foot}'
            f'<td class="num">{sum(totals.values())}</td></tr></tfoot></table></main>')
    return _page("en", "gem-extract review", body, script=False)


def _index_row(a: Mapping[str, str], counts: Mapping[str, int]) -> str:
    aid, status = a.get("article_id", ""), a.get("status", "")
    lang = a.get("lang", "")
    title = a.get("title", "")
    err = f'<div class="problem">error: {esc(a.get("error", ""))}</div>' if status == "error" else ""
    cells = [
        (f'<td><a href="{href(page_name(aid))}">{esc(aid)}</a>'
         f'<div class="title" lang="{_html_lang(lang)}" title="{esc(title)}">{esc(title)}</div>{err}</td>'),
        f'<td class="st-{esc(status)}">{esc(status)}</td>',
        f"<td{_nw('lang')}>{esc(lang)}</td>", f"<td{_nw('published')}>{esc(a.get('published', ''))}</td>",
        f"<td>{esc(a.get('publisher', ''))}</td>",
    ]
    cells += [f'<td class="num">{counts[k] or ""}</td>' for k in KINDS]
    cells.append(f'<td class="num">{sum(counts.values())}</td>')
    cls = ' class="error"' if status == "error" else ""
    return f"<tr{cls}>{''.join(cells)}</tr>"


# ---------------------------------------------------------------- page shell

def _css() -> str:
    rules = [_BASE_CSS]
    for kind, (bg, strong) in COLOURS.items():
        rules.append(f".t-{kind}{{--bg:{bg};--fg:{strong}}}")
    return "\n".join(rules)


def _page(lang: str, title: str, body: str, script: bool) -> str:
    js = f"<script>{_JS}</script>" if script else ""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>\n{_css()}\n</style>\n</head>\n"
            f"<body>\n{body}\n{js}\n</body>\n</html>\n")


_BASE_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--paper:#fff;--panel:#f6f8fa;
 font-family:"Noto Sans","Noto Sans Devanagari","Nirmala UI","Mangal","Kohinoor Devanagari",system-ui,sans-serif}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--paper);font-size:15px;line-height:1.5}
header{padding:12px 20px;border-bottom:1px solid var(--line);background:var(--panel)}
header h1{font-size:1.35rem;margin:.2em 0 .4em;line-height:1.6;overflow-wrap:anywhere}
nav a{font-size:.9rem}
a{color:#0a58ca}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid #0a58ca;outline-offset:1px}
dl.meta{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 8px;font-size:.85rem}
dl.meta div{display:flex;gap:6px}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
ul.legend{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0;padding:0}
.sw{display:inline-block;padding:1px 8px;border-radius:4px;background:var(--bg,#eee);
 border-bottom:3px solid var(--fg,#999);color:var(--ink);text-decoration:none;font-size:.85rem}
.sw .n{font-weight:700}
.sw-boiler{background:#fff;color:#9aa0a6;border:1px dashed #c4c8cc}
.banner{margin:8px 0 0;padding:6px 10px;border-radius:4px;overflow-wrap:anywhere}
.banner.error{background:#ffebe9;border:1px solid #ff8182}
.banner.warn{background:#fff8c5;border:1px solid #d4a72c}
main{display:grid;grid-template-columns:minmax(0,1.05fr) minmax(0,1fr);gap:0;align-items:start}
main.index{display:block;padding:12px 20px}
.text-pane{padding:16px 24px 48px;border-right:1px solid var(--line)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;line-height:2.1;max-width:46em}
.records{position:sticky;top:0;max-height:100vh;overflow:auto;padding:8px 16px 48px;background:var(--panel)}
.rtype h2{font-size:1rem;margin:14px 0 6px}
.rtype h2 small{color:var(--muted);font-weight:normal}
.none{color:var(--muted);margin:0 0 6px;font-size:.85rem}
.howto{margin:8px 0 4px;font-size:.85rem;line-height:1.45;color:var(--ink);background:#fff;border:1px solid var(--line);
 border-radius:4px;padding:6px 10px}
.cards{display:flex;flex-direction:column;gap:8px}
.card{background:var(--paper);border:1px solid var(--line);border-left:4px solid var(--fg);border-radius:4px;
 padding:6px 10px;font-size:.82rem;min-width:0}
.card-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px;margin-bottom:4px}
.card-head .ev{font-weight:600;font-size:.95rem;overflow-wrap:anywhere;min-width:0}
.card-head .span{color:var(--muted);font-size:.75rem;font-variant-numeric:tabular-nums;margin-left:auto}
dl.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:2px 12px;margin:0}
dl.fields div{display:flex;gap:6px;min-width:0}
dl.fields dt{color:var(--muted);flex:none}
dl.fields dd{margin:0;overflow-wrap:anywhere;min-width:0}
dl.fields dd.empty{color:#b0b6bc}
.card .rule{color:var(--muted);font-size:.72rem;overflow-wrap:anywhere}
.card.hot,.card.hit{background:#fff3b0}
.card.bad{background:#ffebe9}
table{border-collapse:collapse;font-size:.8rem;background:var(--paper)}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eaeef2;font-weight:600;white-space:nowrap}
td.nw{white-space:nowrap}
a.rlink{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.75rem}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.rule{color:var(--muted);font-size:.75rem}
.problem{color:#b3261e;font-size:.75rem;font-weight:600}
tr.error td{background:#fff5f5}
td.st-error{color:#b3261e;font-weight:700}
td.st-ok{color:#1a7f37}
td.st-ok,td.st-error{white-space:nowrap}
.index-table .title{font-size:.85rem;color:var(--muted);display:-webkit-box;-webkit-box-orient:vertical;
 -webkit-line-clamp:3;line-clamp:3;overflow:hidden}
.index-table{font-size:.9rem;width:100%}
.index-table td{overflow-wrap:anywhere}
.index-table td:first-child{min-width:18em;width:40%}
tfoot td{font-weight:600;background:#eaeef2}
mark.hl{position:relative;color:inherit;background:var(--bg);border-bottom:2px solid var(--fg);
 padding:2px 0 5px;border-radius:2px;cursor:help;scroll-margin:30vh 0}
mark.hl:empty{padding:2px 3px 5px}
mark.hl mark.hl{padding-bottom:2px}
mark.hl mark.hl mark.hl{padding-bottom:0}
mark.hl:focus{outline:2px solid var(--fg);outline-offset:1px}
mark.hl.hot,mark.hl.hit{box-shadow:0 0 0 2px var(--fg)}
mark.hl.also{border-bottom-style:dashed;cursor:pointer}
mark.hl:target{outline:3px solid #d63384;outline-offset:2px;animation:flash 1.2s ease-out 2}
@keyframes flash{50%{background:#ffe066}}
mark.hl[data-tip]:focus::after,mark.hl[data-tip]:hover:not(:has(mark.hl:hover))::after{
 content:attr(data-tip);position:absolute;left:0;top:calc(100% + 4px);z-index:20;width:max-content;
 max-width:min(34em,80vw);white-space:pre-wrap;font-size:13px;line-height:1.45;font-weight:normal;
 color:var(--ink);background:#fff;border:1px solid var(--line);border-left:4px solid var(--fg);
 border-radius:4px;padding:6px 10px;box-shadow:0 4px 14px rgba(0,0,0,.18);pointer-events:none}
.boiler{color:#9aa0a6}
.boiler mark.hl{opacity:.8}
.boiler.first::before{content:attr(data-kind);font-size:10px;line-height:1;vertical-align:top;
 color:#9aa0a6;border:1px dashed #c4c8cc;border-radius:3px;padding:0 3px;margin-right:4px}
.missing{color:var(--muted)}
@media (max-width:900px){main{display:block}.records{position:static;max-height:none}}
"""

_JS = """
(function(){
 function pieces(rid){var q=CSS.escape(rid);return document.querySelectorAll('[data-rid="'+q+'"],[data-of="'+q+'"]');}
 function mark(rid,cls,on){pieces(rid).forEach(function(e){e.classList.toggle(cls,on);});}
 function ridOf(e){var m=e&&e.closest?e.closest('[data-rid],[data-of]'):null;
  return m?(m.getAttribute('data-rid')||m.getAttribute('data-of')):null;}
 var hot=null;
 function setHot(rid){if(hot===rid)return;if(hot)mark(hot,'hot',false);hot=rid;if(rid)mark(rid,'hot',true);}
 document.addEventListener('mouseover',function(ev){setHot(ridOf(ev.target));});
 document.addEventListener('focusin',function(ev){setHot(ridOf(ev.target));});
 var hit=null;
 function target(){if(hit)mark(hit,'hit',false);hit=null;
  var id=decodeURIComponent(location.hash.slice(1));var el=id&&document.getElementById(id);
  if(el&&el.classList.contains('hl')){hit=id;mark(id,'hit',true);}}
 window.addEventListener('hashchange',target);target();
 document.addEventListener('click',function(ev){var m=ev.target.closest&&ev.target.closest('mark.hl');
  if(!m)return;var row=document.getElementById('row-'+(m.getAttribute('data-rid')||m.getAttribute('data-of')));
  if(row)row.scrollIntoView({block:'nearest'});});
})();
"""


# ---------------------------------------------------------------- writing

def write_review(out_dir: str | Path) -> Path:
    """Write OUT/review/index.html and one page per article; return the index's path."""
    out = Path(out_dir)
    review = out / REVIEW_DIR
    articles_path = out / ARTICLES_FILE
    articles = read_csv(articles_path).rows if articles_path.is_file() else []
    articles = sorted(articles, key=lambda a: a.get("article_id", ""))
    records = load_records(out)
    written = {INDEX}
    for article in articles:
        aid = article.get("article_id", "")
        source = load_source(article, out)
        blocks = layout_blocks(source.text) if source.text is not None else []
        name = page_name(aid)
        atomic_write(review / name, render_article(article, records.get(aid, []), source, blocks))
        written.add(name)
    index = atomic_write(review / INDEX, render_index(articles, records))
    for stale in review.glob("*.html"):
        if stale.name not in written:
            stale.unlink()
    return index


def command(args) -> int:
    """`gem-extract review --out DIR`: write DIR/review/; 1 when DIR has no articles.csv."""
    out = Path(args.out)
    if not (out / ARTICLES_FILE).is_file():
        print(f"gem-extract review: no {ARTICLES_FILE} in {out}; run the pipeline first")
        return 1
    index = write_review(out)
    print(f"review pages: {index}")
    return 0

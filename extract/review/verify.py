"""`gem-extract verify`: check every row of an output folder against its source articles.

Owns the contract's value checks (vocabularies, integer/boolean/date columns, period format),
finding an article's source file again (the path in articles.csv, else by article_id under
--corpus) and reading it the way the pipeline did (UTF-8, BOM removed). For each row it checks
that the article exists, that its file still has the sha256 recorded in articles.csv, that
text[start:end] == evidence, that the context is the source sentence around that span, that
values parse and vocabulary words are the contract's (states by their English names in
rules/states.toml), that each `inr`/`value` is what the number layer reads in its
`amount_text`/`count_text`, that record ids are unique and that rows are sorted. It changes
nothing; it does not extract or score.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import regex

from .. import lexicon
from ..numbers import find_numbers
from ..output.csvsafe import BOM, CsvTable, read_csv
from ..records import ARTICLE_COLUMNS, RECORD_TYPES

ARTICLES_FILE = "articles.csv"

# The contract's vocabularies (CONTRACT.md, "Vocabularies" and "Type columns"); "" is empty.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "qualifier": ("exact", "approx", "more_than", "less_than", "up_to"),
    "role": ("buyer", "seller", "platform"),
    "counterparty": ("", "same_state", "other_states", "central", "all"),
    "segment": ("", "mse", "sme", "women", "sc_st", "startup"),
    "tier": ("platinum", "gold", "silver", "bronze", "other"),
    "category_en": ("buyer_gmv", "service_procurement", "mse_procurement", "seller", "other"),
    "lang": ("hi", "en", "mixed"),
    "status": ("ok", "error"),
}


def _columns_typed(*names: str) -> frozenset[str]:
    """Type columns of the record classes whose annotation is one of `names` ('int', 'bool', ...)."""
    found = set()
    for cls in RECORD_TYPES.values():
        for f in fields(cls):
            typ = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
            if typ.replace(" ", "") in names:
                found.add(f.name)
    return frozenset(found)


# integer columns (always a number), and the ones that may also be empty (`int | str` in records.py)
OPTIONAL_INT_COLUMNS = _columns_typed("int|str", "str|int")
INT_COLUMNS = frozenset({"start", "end", "chars"}) | _columns_typed("int") | OPTIONAL_INT_COLUMNS
BOOL_COLUMNS = _columns_typed("bool")
STATE_COLUMNS = frozenset({"state"})  # English state names as in rules/states.toml, or empty
# number columns and the text each one is read from
NUMBER_TEXTS = {"inr": "amount_text", "value": "count_text"}
DATE_COLUMNS = frozenset({"published", "date"})
BOOL_WORDS = ("true", "false")

_INT_RE = re.compile(r"[0-9]+")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FY_RE = re.compile(r"FY([0-9]{4})-([0-9]{2})")
_MONTH_RE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_SHA_RE = re.compile(r"[0-9a-f]{64}")
_ISO_RE = re.compile(r"IN-[A-Z]{2}")


@dataclass(frozen=True)
class Failure:
    """One failing row: `row` is the spreadsheet row (the header is row 1; 0 = the whole file)."""

    file: str
    row: int
    record_id: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file} row {self.row}" if self.row else self.file
        rid = f" [{self.record_id}]" if self.record_id else ""
        return f"{where}{rid}: {self.reason}"


@dataclass
class Report:
    """What `verify` found: rows checked per file, and every failure."""

    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, file: str, row: int, record_id: str, reason: str) -> None:
        self.failures.append(Failure(file, row, record_id, reason))

    def failures_in(self, file: str) -> list[Failure]:
        return [f for f in self.failures if f.file == file]

    def summary(self) -> str:
        lines = [f"verify {self.out_dir}:"]
        for name, n in self.rows.items():
            lines.append(f"  {name}: {n} row{'s' if n != 1 else ''}, {len(self.failures_in(name))} failing")
        total = sum(self.rows.values())
        verdict = "OK" if self.ok else f"{len(self.failures)} failure(s)"
        lines.append(f"  {total} rows checked: {verdict}")
        return "\n".join(lines)


# ---------------------------------------------------------------- value checks

def check_value(column: str, value: str) -> str | None:
    """Why `value` is not a valid cell of `column`, or None when it is."""
    if column in OPTIONAL_INT_COLUMNS and value == "":
        return None
    if column in INT_COLUMNS:
        return None if _INT_RE.fullmatch(value) else f"{column} {value!r} is not a non-negative integer"
    if column in BOOL_COLUMNS:
        return None if value in BOOL_WORDS else f"{column} {value!r} is not true/false"
    if column in DATE_COLUMNS:
        return None if value == "" or _is_date(value) else f"{column} {value!r} is not a date YYYY-MM-DD"
    if column == "period":
        return None if is_period(value) else f"period {value!r} is not FYyyyy-yy, to_date, YYYY, YYYY-MM or empty"
    if column == "iso":
        return None if value == "" or _ISO_RE.fullmatch(value) else f"iso {value!r} is not IN-XX"
    if column in STATE_COLUMNS:
        return None if value == "" or value in state_names() else f"{column} {value!r} is not an English state name"
    if column in VOCABULARIES and value not in VOCABULARIES[column]:
        words = ", ".join(w or "(empty)" for w in VOCABULARIES[column])
        return f"{column} {value!r} is not a contract word ({words})"
    return None


def state_names() -> frozenset[str]:
    """The English names of states and union territories (rules/states.toml)."""
    return frozenset(e.key for e in lexicon.states().by_form.values())


def number_mismatch(row: Mapping[str, str], context: str = "") -> str | None:
    """Why the row's `inr`/`value` (and `inr_high`) is not what the number layer reads in its
    `amount_text`/`count_text`, or None when it is (or the row has no such column). A lone
    number word ("eight") is read as a number only before its noun, so when the text alone
    reads as no number, the sentence (`context`) is read and the expressions inside the text kept."""
    for col, text_col in NUMBER_TEXTS.items():
        if col not in row or text_col not in row or not _INT_RE.fullmatch(row[col]):
            continue
        surface = row[text_col]
        exprs = find_numbers(surface)
        if not exprs and context and surface:  # every place the text stands in its sentence
            spans = [m.start() for m in regex.finditer(regex.escape(surface), context)]
            exprs = [e for e in find_numbers(context) if any(at <= e.start and e.end <= at + len(surface) for at in spans)]
        high = row.get("inr_high", "") if col == "inr" else ""
        want = (int(row[col]), int(high) if _INT_RE.fullmatch(high) else None)
        if any((e.value, e.value_high if want[1] is not None else None) == want for e in exprs):
            continue
        read = "; ".join(f"{e.text!r} = {e.value}" + (f" to {e.value_high}" if e.value_high is not None else "")
                         for e in exprs) or "no number"
        said = f"{col} {row[col]}" + (f" (inr_high {high})" if want[1] is not None else "")
        return f"{said} but the number layer reads {text_col} {surface!r} as {read}"
    return None


def _is_date(value: str) -> bool:
    if not _DATE_RE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_period(value: str) -> bool:
    """FYyyyy-yy (the second year following the first), to_date, YYYY, YYYY-MM, or empty."""
    if value in ("", "to_date") or (len(value) == 4 and value.isascii() and value.isdigit()):
        return True
    m = _FY_RE.fullmatch(value)
    if m:
        return (int(m.group(1)) + 1) % 100 == int(m.group(2))
    return bool(_MONTH_RE.fullmatch(value))


# ---------------------------------------------------------------- sources

@dataclass(frozen=True)
class Source:
    """An article file as the pipeline read it."""

    path: Path
    sha256: str
    text: str | None  # None when the bytes are not UTF-8
    error: str = ""


def read_source(path: str | Path) -> Source:
    """Read an article file: sha256 of its bytes, text decoded as UTF-8 with a leading BOM removed."""
    path = Path(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Source(path, sha, None, f"not UTF-8: {exc}")
    return Source(path, sha, text[1:] if text.startswith(BOM) else text)


def corpus_index(corpus: Iterable[str | Path] | None) -> dict[str, list[Path]]:
    """Article files under `corpus` (files as given, folders walked for .txt as the pipeline does)
    by file stem."""
    index: dict[str, list[Path]] = {}
    for entry in corpus or ():
        entry = Path(entry)
        if entry.is_dir():
            files = sorted(p for p in entry.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
        elif entry.is_file():
            files = [entry]
        else:
            files = []
        for p in files:
            index.setdefault(p.stem, []).append(p)
    return index


def locate_source(article: Mapping[str, str], index: Mapping[str, list[Path]] | None = None,
                  out_dir: str | Path | None = None) -> Path | None:
    """The file the article's offsets index: for a saved web page or a JSONL line, the text the
    run kept in OUT/<text_path>; else its `path` when that is a file, else a corpus file named for
    its article_id (the one with the recorded sha256 when there are several)."""
    if article.get("text_path"):
        if out_dir is None:
            return None
        saved = Path(out_dir) / article["text_path"]
        return saved if saved.is_file() else None
    path = Path(article.get("path") or "")
    if article.get("path") and path.is_file():
        return path
    candidates = (index or {}).get(article.get("article_id", ""), [])
    if not candidates:
        return None
    want = article.get("sha256", "")
    for p in candidates:
        if hashlib.sha256(p.read_bytes()).hexdigest() == want:
            return p
    return candidates[0]


# ---------------------------------------------------------------- the checks

@dataclass
class _Article:
    row: Mapping[str, str]
    text: str | None  # None: no usable text (error row, missing or changed file)


def verify(out_dir: str | Path, corpus: Sequence[str | Path] | None = None) -> Report:
    """Check every row of every CSV in `out_dir` against its source article."""
    out = Path(out_dir)
    report = Report(out_dir=out)
    index = corpus_index(corpus)
    articles = _check_articles(out, index, report)
    seen_ids: dict[str, str] = {}
    for kind, cls in RECORD_TYPES.items():
        _check_record_file(out, f"{kind}.csv", cls.columns(), articles, seen_ids, report)
    return report


def _load(out: Path, name: str, columns: Sequence[str], report: Report) -> CsvTable | None:
    path = out / name
    if not path.is_file():
        report.add(name, 0, "", f"file missing from {out}")
        return None
    try:
        table = read_csv(path)
    except (UnicodeDecodeError, ValueError, csv.Error) as exc:
        report.add(name, 0, "", f"not a readable UTF-8 CSV: {exc}")
        return None
    if not table.has_bom:
        report.add(name, 0, "", "no UTF-8 byte-order mark")
    missing = [c for c in columns if c not in table.header]
    if missing:
        report.add(name, 0, "", f"header lacks contract columns: {', '.join(missing)}")
    report.rows[name] = len(table.rows)
    return table


def _check_cells(name: str, line: int, rid: str, row: Mapping, columns: Iterable[str], report: Report) -> bool:
    """Value checks on the contract columns present in `row`; False when any failed."""
    ok = True
    if None in row:
        report.add(name, line, rid, f"{len(row[None])} cell(s) more than the header has")
        ok = False
    for col in columns:
        if col in row:
            problem = check_value(col, row[col])
            if problem:
                report.add(name, line, rid, problem)
                ok = False
    return ok


def _check_articles(out: Path, index: Mapping[str, list[Path]], report: Report) -> dict[str, _Article]:
    articles: dict[str, _Article] = {}
    table = _load(out, ARTICLES_FILE, ARTICLE_COLUMNS, report)
    if table is None:
        return articles
    for i, row in enumerate(table.rows):
        line = i + 2
        aid = row.get("article_id", "")
        unread = row.get("status") == "error" and not row.get("lang")  # nothing read, no language
        _check_cells(ARTICLES_FILE, line, aid, row, [c for c in ARTICLE_COLUMNS if not (unread and c == "lang")],
                     report)
        if not aid:
            report.add(ARTICLES_FILE, line, "", "empty article_id")
            continue
        if aid in articles:
            report.add(ARTICLES_FILE, line, aid, f"article_id {aid!r} is listed twice")
            continue
        articles[aid] = _Article(row, _check_article_source(line, row, index, report, out))
    return articles


def _check_article_source(line: int, row: Mapping[str, str], index: Mapping[str, list[Path]],
                          report: Report, out: Path | None = None) -> str | None:
    """Check the article's file against its row; its text when the row and file agree."""
    aid, status = row.get("article_id", ""), row.get("status", "")
    add = lambda reason: report.add(ARTICLES_FILE, line, aid, reason)
    if status == "error":
        if not row.get("error"):
            add("status error with an empty error message")
        return None
    if not _SHA_RE.fullmatch(row.get("sha256", "")):
        add(f"sha256 {row.get('sha256', '')!r} is not 64 lowercase hex digits")
    path = locate_source(row, index, out)
    if path is None:
        add(f"source file not found: {row.get('path', '')!r}" + ("" if index else " (give --corpus to look it up)"))
        return None
    src = read_source(path)
    if src.sha256 != row.get("sha256"):
        add(f"sha256 of {path} is {src.sha256}, articles.csv says {row.get('sha256', '')!r}: the source changed")
        return None
    if src.text is None:
        add(f"source {path} is {src.error}")
        return None
    if _INT_RE.fullmatch(row.get("chars", "")) and int(row["chars"]) != len(src.text):
        add(f"chars {row['chars']} but the text has {len(src.text)} code points")
    return src.text


def _check_record_file(out: Path, name: str, columns: Sequence[str], articles: Mapping[str, _Article],
                       seen_ids: dict[str, str], report: Report) -> None:
    table = _load(out, name, columns, report)
    if table is None:
        return
    previous: tuple[str, int] | None = None
    for i, row in enumerate(table.rows):
        line = i + 2
        rid = row.get("record_id", "")
        _check_record_id(name, line, rid, seen_ids, report)
        values_ok = _check_cells(name, line, rid, row, columns, report)
        for col in ("rule", "evidence", "context"):
            if col in row and not row[col]:
                report.add(name, line, rid, f"empty {col}")
        article = _check_record_article(name, line, rid, row, articles, report)
        if article is not None and values_ok:
            _check_span(name, line, rid, row, article, report)
        if values_ok:
            mismatch = number_mismatch(row, row.get("context", ""))
            if mismatch:
                report.add(name, line, rid, mismatch)
        previous = _check_order(name, line, rid, row, previous, report)


def _check_record_id(name: str, line: int, rid: str, seen: dict[str, str], report: Report) -> None:
    if not rid:
        report.add(name, line, "", "empty record_id")
    elif rid in seen:
        report.add(name, line, rid, f"record_id {rid!r} is not unique (first at {seen[rid]})")
    else:
        seen[rid] = f"{name} row {line}"


def _check_record_article(name: str, line: int, rid: str, row: Mapping[str, str],
                          articles: Mapping[str, _Article], report: Report) -> str | None:
    aid = row.get("article_id", "")
    art = articles.get(aid)
    if art is None:
        report.add(name, line, rid, f"article {aid!r} is not in {ARTICLES_FILE}")
        return None
    if art.row.get("status") == "error":
        report.add(name, line, rid, f"article {aid!r} has status error but has records")
        return None
    return art.text


def _check_span(name: str, line: int, rid: str, row: Mapping[str, str], text: str, report: Report) -> None:
    start, end = int(row["start"]), int(row["end"])
    evidence = row.get("evidence", "")
    if not start <= end <= len(text):
        report.add(name, line, rid, f"offsets {start}:{end} outside the text (0:{len(text)})")
        return
    if text[start:end] != evidence:
        report.add(name, line, rid, f"evidence {evidence!r} != text[{start}:{end}] {text[start:end]!r}")
        return
    context = row.get("context", "")
    if context and not _context_covers(text, context, start, end):
        report.add(name, line, rid, f"context is not the source text around {start}:{end}")


def _context_covers(text: str, context: str, start: int, end: int) -> bool:
    """True when some occurrence of `context` in `text` contains the span start:end."""
    lo = max(0, end - len(context))
    return text.find(context, lo, start + len(context)) != -1


def _check_order(name: str, line: int, rid: str, row: Mapping[str, str],
                 previous: tuple[str, int] | None, report: Report) -> tuple[str, int] | None:
    if not _INT_RE.fullmatch(row.get("start", "")):
        return previous
    here = (row.get("article_id", ""), int(row["start"]))
    if previous is not None and here < previous:
        report.add(name, line, rid, f"row out of order: ({here[0]}, {here[1]}) after ({previous[0]}, {previous[1]})")
    return here


# ---------------------------------------------------------------- command line

def command(args) -> int:
    """`gem-extract verify --out DIR [--corpus PATHS]`: 0 when every row checks out, else 1."""
    report = verify(args.out, getattr(args, "corpus", None))
    print(report.summary())
    for failure in report.failures:
        print(f"FAIL {failure}")
    return 0 if report.ok else 1

"""The Python API: the pipeline's tables as pandas DataFrames, for notebooks and scripts.

    >>> import extract
    >>> tables = extract.extract_text("रांची। झारखंड के विभागों ने जेम से 1600 करोड़ से ज्यादा की खरीद की।")
    >>> tables["order_values"][["inr", "qualifier", "state"]]

Both functions return a dict with `articles` and the six record types (`states`, `officials`,
`awards`, `order_values`, `counts`, `events`), each a DataFrame with the contract's columns in the
CSV order and rows in the CSV order. Integer columns are int64 (`inr_high` and `line`, which may be
empty, are pandas' nullable Int64), `primary` is bool, and text cells are the raw values: no
spreadsheet neutralisation as in the CSVs. `articles` has one more column, `text`: the text the
records' offsets index (`text[start:end] == evidence`); nothing is written to disk, so
`text_path` is empty.

Owns only the conversion to DataFrames; reading, extraction and bad input (error rows) are the
pipeline's, exactly as for `gem-extract run`. Imported lazily by `extract/__init__.py`, so the
command line never pays for pandas.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import pipeline
from .output.writer import sort_key
from .records import ARTICLE_COLUMNS, RECORD_TYPES
from .text import reader

INT64_COLUMNS = frozenset({"start", "end", "inr", "value", "mentions", "chars"})
NULLABLE_INT_COLUMNS = frozenset({"inr_high", "line"})  # "" in the CSV -> <NA>
BOOL_COLUMNS = frozenset({"primary"})
TABLES = ("articles", *RECORD_TYPES)


def extract_text(text: str, article_id: str = "text", *, title: str = "", published: str = "",
                 publisher: str = "", url: str = "") -> dict[str, pd.DataFrame]:
    """Every record of one article given as a string. Metadata given here (published as
    YYYY-MM-DD) takes precedence over what the text suggests, as for a JSONL line."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    pipeline.load_rules()
    src = _text_source(text, str(article_id), title=" ".join(title.split()), published=reader.iso_date(published),
                       publisher=" ".join(publisher.split()), url=url.strip())
    result = pipeline.process(src)
    return _frames([result], {src.article_id: src.text})


def extract_files(paths: str | os.PathLike | Iterable[str | os.PathLike], jobs: int = 1) -> dict[str, pd.DataFrame]:
    """Every record of the articles in `paths` (files and folders: .txt, .html/.htm, .jsonl,
    .jsonl.gz), over `jobs` processes (0: one per core). Bad articles are error rows in
    `articles`; files not read are reported with a warning and listed in
    `tables["articles"].attrs["skipped"]`. A path that does not exist raises FileNotFoundError."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    pipeline.load_rules()
    inputs = reader.discover(paths)
    if inputs.missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(inputs.missing)}")
    notes = inputs.report()
    for line in notes:
        warnings.warn(line, stacklevel=2)
    results = pipeline.run_articles(inputs, jobs=jobs)
    texts = {}
    for r in results:
        if r.ok:
            texts[r.row["article_id"]] = r.text or reader.read(Path(r.row["path"])).text
        r.row["text_path"] = ""  # nothing is written by the API
    tables = _frames(results, texts)
    tables["articles"].attrs["skipped"] = notes
    return tables


def _text_source(text: str, article_id: str, **meta) -> reader.Source:
    bad = reader.unencodable(text)
    if bad or not text.strip():
        return reader.Source(article_id, "", "", "", f"text {bad}" if bad else "empty text", **meta)
    text = text.lstrip("\ufeff")
    return reader.Source(article_id, "", text, hashlib.sha256(text.encode("utf-8")).hexdigest(), **meta)


def _frames(results: list[pipeline.ArticleResult], texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    rows = sorted((r.row for r in results), key=lambda a: (a["article_id"], a["path"]))
    articles = [{**row, "text": texts.get(row["article_id"], "") if row["status"] == "ok" else ""} for row in rows]
    tables = {"articles": frame(ARTICLE_COLUMNS + ("text",), articles)}
    for kind, cls in RECORD_TYPES.items():
        recs = sorted((rec.row() for r in results for rec in r.records.get(kind, [])), key=sort_key)
        tables[kind] = frame(cls.columns(), recs)
    return tables


def frame(columns: Iterable[str], rows: list[dict]) -> pd.DataFrame:
    """A DataFrame of `rows` with the contract's dtypes."""
    columns = list(columns)
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    for col in columns:
        if col in INT64_COLUMNS:
            try:
                df[col] = df[col].astype("int64")
            except OverflowError:  # an amount past int64 stays a Python int (object column)
                pass
        elif col in NULLABLE_INT_COLUMNS:
            df[col] = pd.array([None if v in ("", None) else int(v) for v in df[col]], dtype="Int64")
        elif col in BOOL_COLUMNS:
            df[col] = df[col].astype(bool)
        else:
            df[col] = df[col].astype(object)
    return df

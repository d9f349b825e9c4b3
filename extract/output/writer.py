"""Writing the contract's CSVs: one file per record type plus articles.csv.

Owns file names, row order (article_id, then start) and cell formatting (csvsafe: UTF-8 with BOM,
spreadsheet-safe cells). A batch streams: each article's rows are rendered as soon as it is done
(`article_rows`) and appended to the files in a folder (`BatchWriter`, used on the staging folder
of output/staging.py), so memory does not grow with the batch. Articles arriving in
(article_id, path) order are appended as they come; a batch arriving in another order is put in
order when the files are closed, from an index of byte ranges. Same records, same bytes, whichever
way they are written.
"""
from __future__ import annotations

import os
from array import array
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Mapping

from .csvsafe import atomic_write, csv_bytes, header_bytes, values_bytes
from ..records import ARTICLE_COLUMNS, RECORD_TYPES, Record

ARTICLES_FILE = "articles.csv"


def sort_key(row: dict) -> tuple:
    return (row["article_id"], row["start"], row["end"], row["record_id"])


def file_name(kind: str) -> str:
    return f"{kind}.csv"


def article_key(row: Mapping[str, object]) -> tuple[str, str]:
    """Where an article's rows go: articles.csv is sorted by (article_id, path)."""
    return (str(row.get("article_id", "")), str(row.get("path", "")))


# sort_key on a row's values: article_id, record_id first, start, end, evidence, context, rule last
_value_key = itemgetter(0, -5, -4, 1)


def article_rows(records: Mapping[str, Iterable[Record]]) -> dict[str, bytes]:
    """Record type -> the CSV lines of one article's records, sorted by (start, end, record_id)."""
    chunks = {}
    for kind, cls in RECORD_TYPES.items():
        recs = records.get(kind)
        if not recs:
            chunks[kind] = b""
            continue
        columns = cls.columns()
        rows = [r.values() if type(r) is cls else [r.row().get(c) for c in columns] for r in recs]
        rows.sort(key=_value_key)
        chunks[kind] = values_bytes(rows)
    return chunks


def article_line(row: Mapping[str, object], columns: Iterable[str] = ARTICLE_COLUMNS) -> bytes:
    """The articles.csv line of one article."""
    return values_bytes([[row.get(c) for c in columns]])


def render(articles: list[dict], records: dict[str, list[Record]]) -> dict[str, bytes]:
    """File name -> bytes of every output CSV, built in memory (small batches, tests, the API)."""
    files = {ARTICLES_FILE: csv_bytes(ARTICLE_COLUMNS, sorted(articles, key=article_key))}
    for kind, cls in RECORD_TYPES.items():
        rows = sorted((r.row() for r in records.get(kind, [])), key=sort_key)
        files[file_name(kind)] = csv_bytes(cls.columns(), rows)
    return files


def write(out_dir: str | Path, articles: list[dict], records: dict[str, list[Record]]) -> list[Path]:
    """Write every output CSV of an in-memory batch into `out_dir`, each file atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [atomic_write(out / name, data) for name, data in render(articles, records).items()]


class BatchWriter:
    """Appends articles' rows to the output CSVs in `folder` as they come; `close` puts them in
    order if they did not come in order, and leaves complete files. Memory per article: its sort
    key and one end offset per file."""

    def __init__(self, folder: str | Path, article_columns: Iterable[str] = ARTICLE_COLUMNS):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.article_columns = tuple(article_columns)
        self.kinds = ("articles",) + tuple(RECORD_TYPES)
        columns = {"articles": self.article_columns} | {k: c.columns() for k, c in RECORD_TYPES.items()}
        self._names = {k: (ARTICLES_FILE if k == "articles" else file_name(k)) for k in self.kinds}
        self._files = {}
        self._starts = {}
        for k in self.kinds:
            fh = open(self.folder / self._names[k], "wb")
            self._files[k] = fh
            fh.write(header_bytes(columns[k]))
            self._starts[k] = fh.tell()
        self._ends = {k: array("q") for k in self.kinds}
        self._pos = dict(self._starts)  # where each file ends (counted: no tell() per article)
        # per file, in self.kinds order: its kind, its file's write and its article end offsets
        self._outputs = [(k, self._files[k].write, self._ends[k]) for k in self.kinds]
        self._keys: list[tuple[str, str]] = []
        self._in_order = True
        self.articles = 0
        self.closed = False

    def add(self, key: tuple[str, str], article: bytes, chunks: Mapping[str, bytes]) -> None:
        """One article: its articles.csv line and, per record type, its CSV lines (in order)."""
        if self._keys and key < self._keys[-1]:
            self._in_order = False
        self._keys.append(key)
        pos = self._pos
        for k, write, ends in self._outputs:
            data = article if k == "articles" else chunks.get(k)
            if data:
                write(data)
                pos[k] += len(data)
            ends.append(pos[k])
        self.articles += 1

    def add_row(self, row: Mapping[str, object], chunks: Mapping[str, bytes]) -> None:
        self.add(article_key(row), article_line(row, self.article_columns), chunks)

    def add_file(self, name: str | Path, data: bytes | str) -> Path:
        """An extra file in the folder (e.g. texts/<article_id>.txt; str is written as UTF-8). A plain
        write: the folder is a staging folder no reader sees until it is swapped in whole."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def close(self) -> list[Path]:
        """Flush every file to disk, in (article_id, path) order; the paths written."""
        if self.closed:
            return [self.folder / n for n in self._names.values()]
        self.closed = True
        for fh in self._files.values():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        if not self._in_order:
            order = sorted(range(len(self._keys)), key=self._keys.__getitem__)
            for k in self.kinds:
                self._reorder(k, order)
        return [self.folder / n for n in self._names.values()]

    def abort(self) -> None:
        for fh in self._files.values():
            fh.close()
        self.closed = True

    def _reorder(self, kind: str, order: list[int]) -> None:
        path = self.folder / self._names[kind]
        ends = self._ends[kind]
        tmp = path.with_name(path.name + ".sorting")
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            dst.write(src.read(self._starts[kind]))
            for i in order:
                start = ends[i - 1] if i else self._starts[kind]
                if ends[i] > start:
                    src.seek(start)
                    dst.write(src.read(ends[i] - start))
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, path)

    def __enter__(self) -> "BatchWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

"""The previous run's output, read back for `run --incremental`.

Owns the run manifest (OUT/manifest.json: what wrote the folder and the rules/code version) and
reading an earlier output folder for reuse: which articles it holds with which sha256, and, for one
article, its articles.csv cells and its CSV lines of every record type exactly as they were
written. The CSVs are sorted by article_id, so a batch that asks for articles in that order reads
each file once, front to back (a merge join); asking out of order only costs a re-read. It does
not decide what may be reused (pipeline.py does) and never writes.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Mapping

from .csvsafe import cells_bytes, format_cell, iter_cells
from .writer import ARTICLES_FILE, file_name
from ..records import ARTICLE_COLUMNS, RECORD_TYPES

MANIFEST = "manifest.json"
GENERATOR = "gem-extract"


def manifest_bytes(code_version: str, articles: int, records: Mapping[str, int]) -> bytes:
    """OUT/manifest.json: the same bytes for the same output."""
    data = {"generator": GENERATOR, "code_version": code_version, "articles": articles,
            "records": dict(records)}
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("generator") == GENERATOR else {}


class _SortedRows:
    """Rows of one output CSV grouped by article_id, read front to back."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns
        self._open()

    def _open(self) -> None:
        self._rows = iter_cells(self.path)
        header = next(self._rows, None)
        if header is None or tuple(header) != self.columns:
            raise ValueError(f"{self.path.name}: the header is not the current one")
        self._pending = next(self._rows, None)

    def take(self, article_id: str) -> list[list[str]]:
        if self._pending is not None and self._pending[0] > article_id:
            self._open()  # asked out of order: start again
        while self._pending is not None and self._pending[0] < article_id:
            self._pending = next(self._rows, None)
        found = []
        while self._pending is not None and self._pending[0] == article_id:
            found.append(self._pending)
            self._pending = next(self._rows, None)
        return found


class Previous:
    """An earlier output folder written by this rules/code version, open for reuse."""

    def __init__(self, out: Path, article_columns: tuple[str, ...] = ARTICLE_COLUMNS):
        self.out = out
        self.columns = article_columns
        self._col = {c: i for i, c in enumerate(article_columns)}
        self.sha256: dict[str, str] = {}
        seen: set[str] = set()
        rows = iter_cells(out / ARTICLES_FILE)
        header = next(rows, None)
        if header is None or tuple(header) != article_columns:
            raise ValueError(f"{ARTICLES_FILE}: the header is not the current one")
        last = ""
        for cells in rows:
            aid = cells[0]
            if aid < last:
                raise ValueError(f"{ARTICLES_FILE}: rows are not sorted by article_id")
            last = aid
            if aid in seen:  # an id twice: neither is reused
                self.sha256.pop(aid, None)
                continue
            seen.add(aid)
            if cells[self._col["status"]] == "ok" and cells[self._col["sha256"]]:
                self.sha256[aid] = cells[self._col["sha256"]]
        self._articles = _SortedRows(out / ARTICLES_FILE, article_columns)
        self._records = {k: _SortedRows(out / file_name(k), c.columns()) for k, c in RECORD_TYPES.items()}

    @classmethod
    def open(cls, out: Path, code_version: str, article_columns: tuple[str, ...] = ARTICLE_COLUMNS
             ) -> tuple["Previous | None", str]:
        """(the previous output, "") when it can be reused, else (None, why not)."""
        if not (out / ARTICLES_FILE).is_file():
            return None, f"no earlier output in {out}"
        manifest = read_manifest(out)
        if manifest.get("code_version") != code_version:
            return None, "the earlier output was made by other rules or code"
        try:
            return cls(out, article_columns), ""
        except (OSError, ValueError, IndexError, UnicodeDecodeError) as exc:
            return None, f"the earlier output cannot be read back ({exc})"

    def unchanged(self, article_id: str, path: str) -> bool:
        """True when the file at `path` still has the sha256 this output recorded for `article_id`."""
        want = self.sha256.get(article_id)
        if not want:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError:
            return False
        return hashlib.sha256(data).hexdigest() == want

    def rows(self, article_id: str, path: str) -> tuple[bytes, dict[str, bytes], dict[str, int]] | None:
        """One article as written before: its articles.csv line (with the path as given now), its
        CSV lines per record type and their counts; None when the article is not there whole."""
        found = self._articles.take(article_id)
        if len(found) != 1:
            return None
        cells = list(found[0])
        cells[self._col["path"]] = format_cell(path)
        chunks, counts = {}, {}
        for kind, reader in self._records.items():
            lines = reader.take(article_id)
            chunks[kind] = cells_bytes(lines) if lines else b""
            counts[kind] = len(lines)
        return cells_bytes([cells]), chunks, counts

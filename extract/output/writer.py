"""Writing the contract's CSVs: one file per record type plus articles.csv.

Owns file names, row order (article_id, then start), cell formatting (csvsafe: UTF-8 with BOM,
spreadsheet-safe cells) and atomicity: every file's bytes are built in memory first, then each is
renamed into place, so an interrupted run leaves the previous output intact. Same records, same bytes.
"""
from __future__ import annotations

from pathlib import Path

from .csvsafe import atomic_write, csv_bytes
from ..records import ARTICLE_COLUMNS, RECORD_TYPES, Record


def sort_key(row: dict) -> tuple:
    return (row["article_id"], row["start"], row["end"], row["record_id"])


def render(articles: list[dict], records: dict[str, list[Record]]) -> dict[str, bytes]:
    """File name -> bytes of every output CSV."""
    files = {"articles.csv": csv_bytes(ARTICLE_COLUMNS, sorted(articles, key=lambda a: (a["article_id"], a["path"])))}
    for kind, cls in RECORD_TYPES.items():
        rows = sorted((r.row() for r in records.get(kind, [])), key=sort_key)
        files[f"{kind}.csv"] = csv_bytes(cls.columns(), rows)
    return files


def write(out_dir: str | Path, articles: list[dict], records: dict[str, list[Record]]) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [atomic_write(out / name, data) for name, data in render(articles, records).items()]

"""Writing the contract's CSVs: one file per record type plus articles.csv.

Owns file names, row order (article_id, then start), cell formatting (csvsafe: UTF-8 with BOM,
spreadsheet-safe cells) and atomicity: every file's bytes are built in memory first, then each is
renamed into place, so an interrupted run leaves the previous output intact. Same records, same bytes.
"""
from __future__ import annotations

from pathlib import Path

from .csvsafe import atomic_write, csv_bytes
from ..records import ARTICLE_COLUMNS, RECORD_TYPES, Record
from ..text.reader import TEXTS_DIR


def sort_key(row: dict) -> tuple:
    return (row["article_id"], row["start"], row["end"], row["record_id"])


def render(articles: list[dict], records: dict[str, list[Record]]) -> dict[str, bytes]:
    """File name -> bytes of every output CSV."""
    files = {"articles.csv": csv_bytes(ARTICLE_COLUMNS, sorted(articles, key=lambda a: (a["article_id"], a["path"])))}
    for kind, cls in RECORD_TYPES.items():
        rows = sorted((r.row() for r in records.get(kind, [])), key=sort_key)
        files[f"{kind}.csv"] = csv_bytes(cls.columns(), rows)
    return files


def write(out_dir: str | Path, articles: list[dict], records: dict[str, list[Record]],
          texts: dict[str, str] | None = None) -> list[Path]:
    """The CSVs, and `texts` (path relative to `out_dir` -> text: the saved texts of web pages and
    JSONL lines, UTF-8 without BOM) replacing whatever texts/ held before."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [atomic_write(out / name, data) for name, data in render(articles, records).items()]
    written += [atomic_write(out / rel, text.encode("utf-8")) for rel, text in sorted((texts or {}).items())]
    _drop_stale_texts(out, set(texts or {}))
    return written


def _drop_stale_texts(out: Path, keep: set[str]) -> None:
    """Saved texts of an earlier run's articles must not stay beside the new CSVs."""
    folder = out / TEXTS_DIR
    if folder.is_dir():
        for f in folder.glob("*.txt"):
            if f"{TEXTS_DIR}/{f.name}" not in keep:
                f.unlink()

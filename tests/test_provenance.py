"""Provenance over everything the pipeline writes: text[start:end] == evidence, offsets into the
text as read from the file, context is the sentence around the evidence."""
from __future__ import annotations

from pathlib import Path

from extract.output.csvsafe import read_csv
from extract.text.reader import decode
from extract.records import RECORD_TYPES
from extract.rules import rule_ids


def _texts(out: Path) -> dict[str, str]:
    texts = {}
    for row in read_csv(out / "articles.csv").rows:
        texts[row["article_id"]] = decode(Path(row["path"]).read_bytes())[0]
    return texts


def test_every_row_of_every_file_holds_its_evidence(corpus_output):
    texts = _texts(corpus_output)
    checked = 0
    for kind in RECORD_TYPES:
        for row in read_csv(corpus_output / f"{kind}.csv").rows:
            text = texts[row["article_id"]]
            start, end = int(row["start"]), int(row["end"])
            assert text[start:end] == row["evidence"], (kind, row["record_id"])
            ctx = row["context"]
            assert row["evidence"] in ctx, (kind, row["record_id"])
            around = [p for p in range(max(0, end - len(ctx)), start + 1) if text.startswith(ctx, p)]
            assert around, (kind, row["record_id"], "context is not the text around the evidence")
            checked += 1
    assert checked > 20


def test_record_ids_unique_and_rules_known(corpus_output):
    known = rule_ids()
    ids = set()
    for kind, cls in RECORD_TYPES.items():
        table = read_csv(corpus_output / f"{kind}.csv")
        assert table.has_bom
        assert table.header == list(cls.columns())
        for row in table.rows:
            assert row["record_id"] not in ids
            ids.add(row["record_id"])
            assert known[row["rule"]] == kind


def test_rows_sorted_by_article_then_start(corpus_output):
    for kind in RECORD_TYPES:
        rows = read_csv(corpus_output / f"{kind}.csv").rows
        keys = [(r["article_id"], int(r["start"])) for r in rows]
        assert keys == sorted(keys), kind

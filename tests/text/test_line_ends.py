"""Issue 8.4: an article without LF line breaks (CR-only line ends, or the whole article on one line)
is laid out from its lines and sentences and keeps its records, offsets carried into the text as read."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import process
from extract.text import reader

CORPUS = Path(__file__).parent.parent.parent / "corpus"
ARTICLES = ["real/235.txt", "real/228.txt", "101_c06f199864a6483e.txt"]


def _records(text: str) -> tuple[dict, dict]:
    result = process(reader.Source("x", "", text, ""))
    assert result.row["status"] == "ok", result.row
    for recs in result.records.values():
        for r in recs:
            assert text[r.start:r.end] == r.evidence
    keys = {kind: sorted((type(r).key(r)) for r in recs) for kind, recs in result.records.items()}
    return result.row, keys


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("form", ["crlf", "cr-only"])
def test_cr_line_ends_keep_every_record(name, form):
    text = (CORPUS / name).read_text(encoding="utf-8")
    row, want = _records(text)
    other = text.replace("\n", "\r\n") if form == "crlf" else text.replace("\n", "\r")
    row2, got = _records(other)
    assert got == want
    assert row2["lang"] == row["lang"] and row2["title"] == row["title"]


@pytest.mark.parametrize("name", ARTICLES)
def test_article_on_one_line_keeps_its_records(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    _, want = _records(text)
    one_line = " ".join(text.split("\n"))
    row, got = _records(one_line)
    assert row["lang"] in ("hi", "en", "mixed")
    found = sum(len(v) for v in got.values())
    assert found >= 0.5 * sum(len(v) for v in want.values()) and got["states"] == want["states"]

"""Bad input gets a clear error and loses nothing: every file gets its articles.csv row, the
batch goes on, the exit code says something failed."""
from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

import pytest

from extract import pipeline
from extract.text import reader
from extract.output.csvsafe import read_csv
from extract.text.reader import decode

from .conftest import CORPUS

SEED = sorted(CORPUS.glob("*.txt"))[0]

BAD_FILES = [
    # (file name, bytes, words the error must contain)
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Rs. 5 crore for café".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "जेम पोर्टल".encode("utf-16"), "not UTF-8"),
]


@pytest.fixture()
def batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "good.txt")
    (src / "bom.txt").write_bytes(codecs.BOM_UTF8 + SEED.read_bytes())
    for name, data, _ in BAD_FILES:
        (src / name).write_bytes(data)
    return src


def test_batch_goes_on_and_reports_each_bad_file(batch, tmp_path, capsys):
    out = tmp_path / "out"
    code = pipeline.run_batch([str(batch)], str(out), progress=False)
    assert code == 1
    rows = {r["article_id"]: r for r in read_csv(out / "articles.csv").rows}
    assert len(rows) == 2 + len(BAD_FILES)
    for name, _, words in BAD_FILES:
        row = rows[Path(name).stem]
        assert row["status"] == "error" and words in row["error"], row
    assert rows["good"]["status"] == "ok" and rows["bom"]["status"] == "ok"
    assert "empty file" in capsys.readouterr().err


def test_bom_is_not_part_of_the_text(batch, tmp_path):
    out = tmp_path / "out"
    pipeline.run_batch([str(batch)], str(out), progress=False)
    recs = read_csv(out / "order_values.csv").rows
    good = [(r["start"], r["evidence"]) for r in recs if r["article_id"] == "good"]
    bom = [(r["start"], r["evidence"]) for r in recs if r["article_id"] == "bom"]
    assert good and good == bom
    assert decode(codecs.BOM_UTF8 + b"abc") == ("abc", "")


def test_unreadable_file_is_an_error_row(tmp_path, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text("जेम पर 5 करोड़", encoding="utf-8")
    real = os.open

    def deny(path, *args, **kwargs):  # the tests run as root, where chmod 000 denies nothing
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    src = reader.read(target)
    assert not src.ok and src.error == "cannot read: Permission denied"
    assert reader.read(tmp_path).error.startswith("cannot read")  # a folder given as a file


def test_an_extractor_failure_stops_only_its_article(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, src / f.name)
    broken_id = sorted(src.glob("*.txt"))[0].stem
    real = pipeline.EXTRACTORS["events"]

    def explode(doc):
        if doc.article_id == broken_id:
            raise ValueError("synthetic failure")
        return real(doc)

    monkeypatch.setitem(pipeline.EXTRACTORS, "events", explode)
    out = tmp_path / "out"
    assert pipeline.run_batch([str(src)], str(out), progress=False) == 1
    rows = {r["article_id"]: r for r in read_csv(out / "articles.csv").rows}
    assert rows[broken_id]["status"] == "error"
    assert rows[broken_id]["error"] == "extraction failed: ValueError: synthetic failure"
    others = [r for a, r in rows.items() if a != broken_id]
    assert others and all(r["status"] == "ok" for r in others)
    assert not [r for r in read_csv(out / "states.csv").rows if r["article_id"] == broken_id]


def test_missing_path_and_same_file_name_in_two_folders(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copy(SEED, a / "same.txt")
    shutil.copy(SEED, b / "same.txt")
    out = tmp_path / "out"
    code = pipeline.run_batch([str(a), str(b), str(tmp_path / "nowhere")], str(out), progress=False)
    assert code == 1
    assert "no such file or folder" in capsys.readouterr().err
    rows = read_csv(out / "articles.csv").rows
    assert [(r["article_id"], r["status"]) for r in rows] == [("a__same", "ok"), ("b__same", "ok")]
    assert [Path(r["path"]) for r in rows] == [a / "same.txt", b / "same.txt"]


def test_no_articles_at_all(tmp_path):
    assert pipeline.run_batch([str(tmp_path)], str(tmp_path / "out"), progress=False) == 1

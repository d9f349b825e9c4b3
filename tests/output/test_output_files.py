"""Output files: same input, same bytes; an interrupted run leaves the previous output intact."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract import pipeline
from extract.records import RECORD_TYPES

from ..conftest import CORPUS, fail_on_call

FILES = ["articles.csv"] + [f"{k}.csv" for k in RECORD_TYPES]


def _bytes(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in FILES}


def test_same_input_same_bytes(corpus_output, tmp_path):
    again = tmp_path / "again"
    assert pipeline.run_batch([str(CORPUS)], str(again), progress=False) == 0
    assert _bytes(again) == _bytes(corpus_output)
    for f in FILES:
        assert (again / f).read_bytes().startswith(b"\xef\xbb\xbf"), f


def test_interrupted_run_leaves_previous_output(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, src / f.name)
    out = tmp_path / "out"
    assert pipeline.run_batch([str(src)], str(out), progress=False) == 0
    before = _bytes(out)

    (src / "zzz_new.txt").write_text("रायपुर। जेम पर 5 करोड़ की खरीद हुई।", encoding="utf-8")
    fail_on_call(monkeypatch, pipeline, "process", 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_batch([str(src)], str(out), progress=False)
    assert _bytes(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

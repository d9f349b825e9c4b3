"""`gem-extract eval` with nothing to score says so instead of printing zeros or 1.00."""
from __future__ import annotations

import shutil

import pytest

from extract.cli import main

from .conftest import GOLD


@pytest.mark.parametrize("case, code, words", [
    ("missing output", 2, "no output folder"),
    ("output without articles.csv", 1, "no articles.csv"),
    ("missing gold", 2, "no gold folder"),
    ("empty gold", 2, "no gold files"),
])
def test_nothing_to_score_is_an_error_with_one_clear_line(corpus_output, tmp_path, capsys, case, code, words):
    gold, out = GOLD, corpus_output
    if case == "missing output":
        out = tmp_path / "nowhere"
    elif case == "output without articles.csv":
        out = tmp_path / "empty-out"
        out.mkdir()
    elif case == "missing gold":
        gold = tmp_path / "no-gold"
    else:
        gold = tmp_path / "empty-gold"
        gold.mkdir()
    assert main(["eval", "--gold", str(gold), "--out", str(out)]) == code
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines
    assert "1.00" not in captured.out and "0.00" not in captured.out


def test_a_real_score_still_works(corpus_output, tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    assert main(["eval", "--gold", str(gold), "--out", str(corpus_output), "--min-f1", "1.0"]) == 0

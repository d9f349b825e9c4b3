"""The pipeline reaches F1 = 1.0 with every scored attribute right on corpus/ against corpus/gold."""
from __future__ import annotations

import pytest

from extract.review.evaluate import KEYS, mismatches, score

from .conftest import GOLD


@pytest.mark.parametrize("kind", list(KEYS))
def test_record_type_matches_gold(corpus_output, kind):
    s = score(GOLD, corpus_output)[kind]
    problems = "\n".join(mismatches(GOLD, corpus_output, kind))
    assert s["f1"] == 1.0, f"{kind}: F1 {s['f1']:.3f}\n{problems}"
    for attr, acc in s["attributes"].items():
        assert acc == 1.0, f"{kind}.{attr}: accuracy {acc:.3f}\n{problems}"


def test_article_metadata_matches_gold(corpus_output):
    meta = score(GOLD, corpus_output)["articles"]["attributes"]
    assert meta == {f: 1.0 for f in meta}, meta


def test_eval_command_exit_codes(corpus_output, capsys):
    from extract.cli import main

    assert main(["eval", "--gold", str(GOLD), "--out", str(corpus_output), "--min-f1", "1.0"]) == 0
    printed = capsys.readouterr().out
    assert "order_values" in printed and "1.00" in printed
    empty = corpus_output.parent / "empty-output"
    empty.mkdir(exist_ok=True)
    assert main(["eval", "--gold", str(GOLD), "--out", str(empty), "--min-f1", "0.5"]) == 1

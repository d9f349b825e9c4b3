"""Shared fixtures: the corpus, and the pipeline's output over it (run once per test session)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_output(tmp_path_factory) -> Path:
    """The CSVs the pipeline writes for corpus/ (no review pages)."""
    from extract.pipeline import run_batch

    out = tmp_path_factory.mktemp("corpus-output")
    code = run_batch([str(CORPUS)], str(out), progress=False)
    assert code == 0, "the corpus has no bad article: the run must succeed"
    return out

"""Shared fixtures: the corpus, and the pipeline's output over it (run once per test session)."""
from __future__ import annotations

import time
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


def fail_on_call(monkeypatch, owner, name: str, n: int, exc: BaseException) -> None:
    """The n-th call of owner.name raises `exc` (a Ctrl-C, a full disk mid-run); every other call
    runs the real one."""
    real = getattr(owner, name)
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


def best_time(fn, *args, runs: int = 2, clock=time.process_time) -> float:
    """The least time (`clock`: CPU time by default) fn(*args) took over `runs` runs: the cost tests
    compare such figures as ratios, never as absolute times; the best run evens out a busy machine."""
    best = float("inf")
    for _ in range(runs):
        t0 = clock()
        fn(*args)
        best = min(best, clock() - t0)
    return best


def random_texts(pieces: list[str], separators: list[str], n: int, seed: int, most: int) -> list[str]:
    """n texts of 1 to `most` pieces, each followed by a separator, drawn by a seeded generator (the
    same texts on every run): the inputs of the tests that compare a fast path with a plain one."""
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randint(1, most)))
            for _ in range(n)]

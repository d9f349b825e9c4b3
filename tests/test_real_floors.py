"""Quality on real copy: the pipeline's scores on corpus/real against its gold never fall below the
floors in tests/data/floors.toml (a ratchet, raised as results improve)."""
from __future__ import annotations

import tomllib

import pytest

from extract.review.evaluate import KEYS, mismatches, score

from .conftest import CORPUS, ROOT

REAL = CORPUS / "real"
FLOORS = tomllib.loads((ROOT / "tests" / "data" / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def real_output(tmp_path_factory):
    from extract.pipeline import run_batch

    out = tmp_path_factory.mktemp("real-output")
    assert run_batch([str(REAL)], str(out), progress=False) == 0
    return out


def test_every_record_type_has_floors():
    assert set(FLOORS) == set(KEYS)


@pytest.mark.parametrize("kind", list(KEYS))
def test_scores_stay_above_floors(real_output, kind):
    s = score(REAL / "gold", real_output)[kind]
    floors = FLOORS[kind]
    low = [f"f1 {s['f1']:.3f} < {floors['f1']}"] if s["f1"] < floors["f1"] else []
    low += [f"{a} {v:.3f} < {floors[a]}" for a, v in s["attributes"].items() if v < floors.get(a, 0.0)]
    problems = "\n".join(mismatches(REAL / "gold", real_output, kind))
    assert not low, f"{kind}: {'; '.join(low)}\n{problems}"

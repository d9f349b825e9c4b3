"""Quality on real-style copy: the pipeline's scores on corpus/real and corpus/written against their
gold never fall below the floors in tests/data/floors.toml (a ratchet, raised as results improve)."""
from __future__ import annotations

import tomllib

import pytest

from extract.review.evaluate import KEYS, mismatches, score

from .conftest import CORPUS, ROOT

FLOORS = tomllib.loads((ROOT / "tests" / "data" / "floors.toml").read_text(encoding="utf-8"))
SETS = {name: CORPUS / name for name in FLOORS}


@pytest.fixture(scope="session")
def set_output(tmp_path_factory):
    """The pipeline's output for each tuning set, made once per session."""
    from extract.pipeline import run_batch

    made = {}

    def output(name: str):
        if name not in made:
            out = tmp_path_factory.mktemp(f"{name}-output")
            assert run_batch([str(SETS[name])], str(out), progress=False) == 0
            made[name] = out
        return made[name]
    return output


@pytest.mark.parametrize("name", list(FLOORS))
def test_every_record_type_has_floors(name):
    assert set(FLOORS[name]) == set(KEYS)


@pytest.mark.parametrize("name,kind", [(n, k) for n in FLOORS for k in KEYS])
def test_scores_stay_above_floors(set_output, name, kind):
    out = set_output(name)
    gold = SETS[name] / "gold"
    s = score(gold, out)[kind]
    floors = FLOORS[name][kind]
    low = [f"f1 {s['f1']:.3f} < {floors['f1']}"] if s["f1"] < floors["f1"] else []
    low += [f"{a} {v:.3f} < {floors[a]}" for a, v in s["attributes"].items() if v < floors.get(a, 0.0)]
    problems = "\n".join(mismatches(gold, out, kind))
    assert not low, f"{name} {kind}: {'; '.join(low)}\n{problems}"

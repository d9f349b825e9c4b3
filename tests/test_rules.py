"""Rule files are loaded once and validated: a broken file stops the run with exit 2, naming the
file and the entry. Every shipped rule file is valid."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.pipeline import load_rules

from .conftest import CORPUS, ROOT

RULES = ROOT / "rules"


def test_shipped_rules_are_valid():
    load_rules()


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


BREAKAGES = [
    # (file, old, new, words the error must show)
    ("states.toml", 'iso = "IN-BR"\n', "", ["states.toml", "Bihar", "missing key 'iso'"]),
    ("cities.toml", 'state = "Jharkhand"', 'state = "Jharkand"', ["cities.toml", "Ranchi", "unknown state"]),
    ("people.toml", 'forms = ["निदेशक", "संचालक", "Director"]', 'forms = ["निदेशक", "संचालक", "Director", "सचिव"]',
     ["people.toml", "collides"]),
    ("layout.toml", "'Also Read'", "'Also (Read'", ["layout.toml", "layout.related", "bad pattern"]),
    ("extraction.toml", 'id = "counts.count"', 'id = "states.mention"', ["extraction.toml", "states.mention", "duplicate"]),
    ("awards.toml", "[[tier]]", "[[tier]", ["awards.toml", "not valid TOML"]),
    ("facts.toml", "[[segment]]\nid = \"women\"", "[[segment]]\nid = 7", ["facts.toml", "'id' must be str"]),
]


@pytest.mark.parametrize("file,old,new,words", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_rule_file_fails_naming_file_and_entry(tmp_path, file, old, new, words):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    _edit(rules / file, old, new)
    env = dict(os.environ, GEM_EXTRACT_RULES=str(rules))
    proc = subprocess.run([sys.executable, "-m", "extract", "run", str(CORPUS), "--out", str(tmp_path / "out"),
                           "--no-progress"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    for w in words:
        assert w in proc.stderr, (w, proc.stderr)
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_forms_that_differ_only_in_encoding_collide():
    from extract.rules import collision_key

    assert collision_key("करोड़") == collision_key("करोड\u093c")  # precomposed and decomposed nukta
    assert collision_key("प्रमुख\u00a0सचिव") == collision_key("प्रमुख  सचिव")  # NBSP, doubled space
    assert collision_key("अध्यक्ष:") == collision_key("अध्यक्षः")  # colon written for visarga (indic-nlp)
    assert collision_key("GeM") == collision_key("gem")

"""Rule cases as data (tests/cases/extraction.jsonl), one runner: each case's text goes through the
whole analysis and the named record type's extractor must give exactly the expected records
(projected onto the fields the case names), nothing else. Every rule id of rules/extraction.toml
has at least one positive and one negative case."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from extract.text import reader
from extract.text.document import build
from extract.pipeline import EXTRACTORS
from extract.rules import rule_ids

CASES_FILE = Path(__file__).parent.parent / "cases" / "extraction.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
HEADLINE = "समाचार"  # the first line of an article is its headline, which restates and adds no records


def _records(case: dict, kind: str) -> list:
    text = f"{case.get('title', HEADLINE)}\n\n{case['text']}"
    doc = build(reader.Source(case["id"], "", text, ""))
    recs = EXTRACTORS[kind](doc)
    for r in recs:
        assert text[r.start:r.end] == r.evidence
    return recs


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    for kind, expected in case["expect"].items():
        recs = _records(case, kind)
        fields = sorted({f for e in expected for f in e}) or ["rule"]
        got = Counter(tuple((f, getattr(r, f)) for f in fields) for r in recs)
        want = Counter(tuple((f, e.get(f, "")) for f in fields) for e in expected)
        assert got == want, f"{case['id']} ({case.get('origin')}): {kind}\n got  {sorted(got)}\n want {sorted(want)}"


def test_every_rule_has_positive_and_negative_cases():
    ids = rule_ids()
    positive = {e.get("rule") for c in CASES for recs in c["expect"].values() for e in recs}
    negative = {c["rule"] for c in CASES if c.get("polarity") == "negative"}
    for c in CASES:
        if c.get("polarity") == "negative":
            assert all(not v for v in c["expect"].values()), f"{c['id']}: a negative case expects no record"
    missing = [(r, "positive" if r not in positive else "negative") for r in ids if r not in positive or r not in negative]
    assert not missing, f"rules without cases: {missing}"
    unknown = (positive | negative) - set(ids)
    assert not unknown, f"cases name unknown rules: {unknown}"

"""The number layer against its case file, tests/cases/numbers.jsonl, with one generic runner.

Each case lists EXACTLY the expressions that must come out of its text: text, value (a string
holding the exact number), kind, qualifier, start and end, and optionally more fields (unit,
unit_text, period, value_high, out_of, currency) that are then checked too. A case with an empty
list is a negative case: nothing may come out.
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extract.numbers import KINDS, NumberExpr, as_json, find_numbers

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "cases" / "numbers.jsonl"
REQUIRED = ("text", "value", "kind", "qualifier", "start", "end")
OPTIONAL = ("unit", "unit_text", "period", "value_high", "out_of", "currency")
ORIGINS = {"real-copy", "invented", "bug"}
QUALIFIERS = {"exact", "approx", "more_than", "less_than", "up_to"}


def _load() -> list[dict]:
    with open(CASES_FILE, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES = _load()


def test_case_file_is_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert len(CASES) >= 300
    assert any(not c["expect"] for c in CASES), "no negative cases"
    for c in CASES:
        assert set(c) == {"id", "text", "expect", "origin", "comment"}, c["id"]
        assert c["origin"] in ORIGINS, c["id"]
        for e in c["expect"]:
            assert all(k in e for k in REQUIRED), c["id"]
            assert set(e) <= set(REQUIRED) | set(OPTIONAL), c["id"]
            assert c["text"][e["start"]:e["end"]] == e["text"], c["id"]
            assert e["kind"] in KINDS and e["qualifier"] in QUALIFIERS, c["id"]
            Decimal(e["value"])  # a number written as a string


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    got = [as_json(e) for e in find_numbers(case["text"])]
    want = case["expect"]
    got_keys = [{k: g[k] for k in REQUIRED} for g in got]
    want_keys = [{k: w[k] for k in REQUIRED} for w in want]
    assert got_keys == want_keys, f"{case['id']}: {case['comment']}"
    for g, w in zip(got, want):
        for k in OPTIONAL:
            if k in w:
                assert g[k] == w[k], f"{case['id']}: {k}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_offsets_point_into_the_input(case):
    text = case["text"]
    exprs = find_numbers(text)
    for e in exprs:
        assert isinstance(e, NumberExpr)
        assert text[e.start:e.end] == e.text
        assert isinstance(e.value, (int, Decimal)) and not isinstance(e.value, bool)
    starts = [e.start for e in exprs]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:])), "overlapping expressions"


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", "numbers", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_cli_prints_json_lines():
    text = "लगभग 7,900 करोड़ के ऑर्डर और 1.5 लाख से अधिक ऑर्डर्स"
    res = _cli(text)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["लगभग 7,900 करोड़", "1.5 लाख से अधिक"]
    first = rows[0]
    assert first["value"] == "79000000000" and isinstance(first["value"], str)
    assert first["kind"] == "money_inr" and first["qualifier"] == "approx" and first["scale"] == ["करोड़"]
    assert first["currency"] == "" and text[first["start"]:first["end"]] == first["text"]
    assert rows[1]["kind"] == "count" and rows[1]["unit"] == "orders" and rows[1]["value"] == "150000"


def test_cli_decimal_value_is_exact_string():
    rows = [json.loads(line) for line in _cli("12.5% और Rs 2.50").stdout.splitlines()]
    assert [r["value"] for r in rows] == ["12.5", "2.5"]


def test_cli_reads_stdin():
    text = "वित्तीय वर्ष 2024-25 में 932 करोड़ (लगभग 50′)\n4,155\nकरोड़"
    res = _cli("-", stdin=text)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["fiscal_year", "money_inr", "percent", "money_inr"]
    assert rows[0]["period"] == "FY2024-25"
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]


def test_cli_nothing_found():
    res = _cli("कोई संख्या नहीं")
    assert res.returncode == 0 and res.stdout == ""


def test_as_json_has_the_interface_fields():
    (e,) = find_numbers("Rs 7-9 lakh")
    d = as_json(e)
    assert {"start", "end", "text", "value", "kind", "scale", "currency", "qualifier", "value_high", "unit",
            "unit_text", "period", "out_of"} <= set(d)
    assert d["value"] == "700000" and d["value_high"] == "900000"


def test_broken_rule_data_names_file_and_entry():
    from extract import rules
    from extract.numbers import words as number_words

    data = dict(rules.load("numbers"))
    cardinals = dict(data["cardinals"])
    del cardinals["42"]
    with pytest.raises(rules.RuleError, match="cardinals.*missing values \\[42\\]"):
        number_words.check({**data, "cardinals": cardinals})
    clash = dict(data["cardinals"], **{"43": ["बयालीस"]})
    with pytest.raises(rules.RuleError, match="collides"):
        number_words.check({**data, "cardinals": clash})
    # forms apart by this module's lookup key, alike by the project-wide collision key (a colon
    # written for a visarga): caught by the check made once per content
    cards = data["cardinals"]
    clash = dict(cards, **{"42": cards["42"] + ["बयालीसः"], "43": cards["43"] + ["बयालीस:"]})
    for _ in range(2):
        with pytest.raises(rules.RuleError, match="number word form 'बयालीस:' collides with entry 'cardinals.42'"):
            number_words.check({**data, "cardinals": clash})
    scales = [dict(s) for s in data["scale"]]
    scales[0]["system"] = "roman"
    with pytest.raises(rules.RuleError, match="scale.thousand"):
        number_words.check({**data, "scale": scales})
    quals = [dict(q) for q in data["qualifier"]]
    quals[0]["after"] = quals[0]["after"] + ["से अधिक"]
    with pytest.raises(rules.RuleError, match="collides"):
        number_words.check({**data, "qualifier": quals})


def test_every_kind_has_positive_cases():
    kinds = {e["kind"] for c in CASES for e in c["expect"]}
    assert kinds == set(KINDS)

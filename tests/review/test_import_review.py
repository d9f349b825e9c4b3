"""`import-review` on exports in the shapes Label Studio 1.23 writes, and on malformed ones.

tests/review/data/ls-1.23-export.json is a plain JSON export (`"predictions": [7]`, ids only) of
three tasks: a1 reviewed (a cancelled then a submitted annotation; results with `origin`,
choices carrying `value.text`, a region drawn by mouse at UTF-16 offsets, a relation), a2 never
opened, a3 skipped. ls-1.23-snapshot.json is the snapshot export of the same project with
`{"predictions": {"only_id": false}}`: predictions whole. Malformed exports are one table of
cases run by one runner through the command line: each must exit 1 with the task and field
named, write no gold, and never raise.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.cli import main
from extract.review import labelstudio as LS

DATA = Path(__file__).resolve().parent / "data"
PLAIN = json.loads((DATA / "ls-1.23-export.json").read_text(encoding="utf-8"))
SNAPSHOT = json.loads((DATA / "ls-1.23-snapshot.json").read_text(encoding="utf-8"))

A1_GOLD = {
    "article_id": "a1", "lang": "hi",
    "article": {"title": "झारखंड में जेम", "published": "2026-01-19", "publisher": None, "dateline": "रांची"},
    "states": [{"text": "झारखंड", "state": "Jharkhand", "state_hi": "झारखंड", "iso": "IN-JH", "primary": True,
                "mentions": 1}],
    "officials": [],
    "awards": [{"text": "आईटी विभाग", "tier": "platinum", "tier_text": "प्लैटिनम", "award_name": None,
                "recipient": "आईटी विभाग", "recipient_en": "IT Department", "category": None, "category_en": "other",
                "state": "Jharkhand"}],
    "order_values": [{"text": "लगभग 7,900 करोड़", "inr": 79000000000, "amount_text": "लगभग 7,900 करोड़",
                      "qualifier": "approx", "role": "buyer", "state": "Jharkhand", "counterparty": None,
                      "segment": None, "period": "FY2025-26", "mentions": 1, "inr_high": None}],
    "counts": [{"text": "1.5 लाख से अधिक", "value": 150000, "count_text": "1.5 लाख से अधिक", "qualifier": "more_than",
                "unit": "orders", "state": None, "period": None, "mentions": None}],
    "events": [],
}


def run(tmp_path: Path, export, *extra: str) -> tuple[int, dict[str, dict]]:
    """import-review through the command line: (exit code, gold files by stem)."""
    path = tmp_path / "export.json"
    if isinstance(export, bytes):
        path.write_bytes(export)
    else:
        path.write_text(export if isinstance(export, str) else json.dumps(export, ensure_ascii=False),
                        encoding="utf-8")
    gold = tmp_path / "gold"
    code = main(["import-review", str(path), "--gold", str(gold), *extra])
    files = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))}
    return code, files


@pytest.fixture
def cli(tmp_path, capsys):
    """Runs import-review on an export: (exit code, what it printed, gold files by stem)."""
    def call(export, *extra: str, sub: str = "x"):
        (tmp_path / sub).mkdir()
        code, files = run(tmp_path / sub, export, *extra)
        out = capsys.readouterr()
        return code, out.out + out.err, files
    return call


# ---------------------------------------------------------------- real Label Studio 1.23 shapes

def test_plain_export_imports_the_reviewed_task_only(cli):
    code, said, gold = cli(PLAIN)
    assert code == 1 and list(gold) == ["a1"]
    assert gold["a1"] == A1_GOLD
    assert "problem: task 12 (a2): not reviewed: no annotation, and the export lists its predictions by id only" in said
    assert "problem: task 13 (a3): skipped in Label Studio (every annotation cancelled)" in said
    assert "wrote 1 gold file(s)" in said


def test_snapshot_export_takes_whole_predictions_of_unopened_tasks_never_of_skipped_ones(cli):
    code, said, gold = cli(SNAPSHOT)
    assert code == 1 and sorted(gold) == ["a1", "a2"]
    assert gold["a1"] == A1_GOLD  # the submitted annotation wins over the prediction
    assert [o["inr"] for o in gold["a2"]["order_values"]] == [125000000000]
    assert [s["state"] for s in gold["a2"]["states"]] == ["Uttar Pradesh"]
    assert "note: 1 task(s) had no annotation; their gold is their predictions, unreviewed: task 12 (a2)\n" in said
    assert "problem: task 13 (a3): skipped" in said


def test_a_reviewed_export_exits_0(cli):
    code, said, gold = cli(PLAIN[:1])
    assert code == 0 and list(gold) == ["a1"] and "problem" not in said


def test_ground_truth_annotation_wins_and_the_last_submitted_one_otherwise(cli):
    tasks = copy.deepcopy(PLAIN[:1])
    anns = tasks[0]["annotations"]
    later = copy.deepcopy(anns[1])
    later["id"] = 30
    later["result"] = [r for r in later["result"] if r.get("id") != "Xq3PzL0abc"]
    anns.append(later)
    assert cli(tasks, sub="last")[2]["a1"]["counts"] == []
    anns[1]["ground_truth"] = True
    assert cli(tasks, sub="gt")[2]["a1"] == A1_GOLD


# ---------------------------------------------------------------- existing gold files

def test_existing_gold_is_replaced_only_with_force(tmp_path, capsys):
    export = tmp_path / "e.json"
    export.write_text(json.dumps(PLAIN[:1], ensure_ascii=False), encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    old = gold / "a1.json"
    old.write_text('{"article_id": "a1", "hand": "made"}\n', encoding="utf-8")
    before = old.read_bytes()
    assert main(["import-review", str(export), "--gold", str(gold)]) == 1
    assert old.read_bytes() == before
    assert "exists with other content: not replaced (use --force to replace it)" in capsys.readouterr().out
    assert main(["import-review", str(export), "--gold", str(gold), "--force"]) == 0
    assert json.loads(old.read_text(encoding="utf-8")) == A1_GOLD
    capsys.readouterr()
    assert main(["import-review", str(export), "--gold", str(gold)]) == 0  # the same content again
    assert "wrote 0 gold file(s) to " + str(gold) + "; 1 already as reviewed" in capsys.readouterr().out


def test_gold_folder_that_is_a_file_is_reported(tmp_path, capsys):
    export = tmp_path / "e.json"
    export.write_text(json.dumps(PLAIN[:1], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "gold").write_text("x", encoding="utf-8")
    assert main(["import-review", str(export), "--gold", str(tmp_path / "gold")]) == 1
    assert "cannot write gold files" in capsys.readouterr().err


# ---------------------------------------------------------------- typed fields

OV, ST, CO = "or-91aa2b3c4d5e", "st-4be0c1d2a3f4", "Xq3PzL0abc"


def with_field(rid: str, name: str, value, ctype: str = "textarea") -> list:
    """The reviewed task of the plain export with one field of one region set to `value`."""
    tasks = copy.deepcopy(PLAIN[:1])
    result = tasks[0]["annotations"][1]["result"]
    label = next(r for r in result if r.get("id") == rid and r["from_name"] == "label")
    result[:] = [r for r in result if not (r.get("id") == rid and r["from_name"] == name)]
    span = {"start": label["value"]["start"], "end": label["value"]["end"]}
    payload = {"choices": [value], "text": label["value"]["text"]} if ctype == "choices" else {"text": [value]}
    result.append({"value": {**span, **payload}, "id": rid, "from_name": name, "to_name": "text", "type": ctype,
                   "origin": "prediction-changed"})
    return tasks


FIELD_CASES = [  # (region, control, value, control type, what the message says)
    (OV, "order_values__inr", "to_date", "textarea", "field inr: inr 'to_date' is not a non-negative integer"),
    (OV, "order_values__inr_high", "to_date", "textarea", "field inr_high: inr_high 'to_date' is not a non-negative"),
    (OV, "order_values__inr", "-5", "textarea", "field inr: inr '-5' is not a non-negative integer"),
    (OV, "order_values__inr", "9" * 30, "textarea", "field inr: inr '999999999999999999999999999999' has more than 20"),
    (OV, "order_values__inr", "", "textarea", "field inr is empty; a order_values entry needs it"),
    (OV, "order_values__mentions", "two", "textarea", "field mentions: mentions 'two' is not a non-negative integer"),
    (OV, "order_values__qualifier", "roughly", "choices", "field qualifier: qualifier 'roughly' is not a contract word"),
    (OV, "order_values__role", "government", "choices", "field role: role 'government' is not a contract word"),
    (OV, "order_values__counterparty", "others", "choices", "field counterparty: counterparty 'others' is not a"),
    (OV, "order_values__segment", "msme", "choices", "field segment: segment 'msme' is not a contract word"),
    (OV, "order_values__period", "2024-25", "textarea", "field period: period '2024-25' is not FYyyyy-yy"),
    (OV, "order_values__period", "FY2024-26", "textarea", "field period: period 'FY2024-26' is not FYyyyy-yy"),
    (OV, "order_values__state", "Jharkand", "textarea", "field state: state 'Jharkand' is not an English state name"),
    (ST, "states__primary", "yes", "choices", "field primary: primary 'yes' is not true/false"),
    (ST, "states__iso", "JH", "textarea", "field iso: iso 'JH' is not IN-XX"),
    (ST, "states__state", "", "textarea", "field state is empty; a states entry needs it"),
    (CO, "counts__value", "1.5 लाख", "textarea", "field value: value '1.5 लाख' is not a non-negative integer"),
    (CO, "counts__period", "so far", "textarea", "field period: period 'so far' is not FYyyyy-yy"),
    (CO, "counts__qualifier", "about", "choices", "field qualifier: qualifier 'about' is not a contract word"),
]


@pytest.mark.parametrize("rid,name,value,ctype,message", FIELD_CASES, ids=[f"{c[1]}={c[2][:12]!r}" for c in FIELD_CASES])
def test_field_values_are_checked_with_task_region_and_field_named(cli, rid, name, value, ctype, message):
    code, said, gold = cli(with_field(rid, name, value, ctype))
    kind = name.split("__")[0]
    assert code == 1 and gold == {}, said
    assert f"problem: task 11 (a1), region {rid} ({kind}): {message}" in said, said


@pytest.mark.parametrize("rid,name,value,expect", [
    (OV, "order_values__inr", "₹79,00,00,00,001", 79000000001),
    (OV, "order_values__inr_high", "80,00,00,00,000", 80000000000),
    (CO, "counts__value", " 1 50 000 ", 150000),
])
def test_integer_fields_accept_grouped_digits(cli, rid, name, value, expect):
    code, said, gold = cli(with_field(rid, name, value))
    kind, col = name.split("__")
    assert code == 0, said
    assert gold["a1"][kind][0][col] == expect


# ---------------------------------------------------------------- malformed exports: one table, one runner

def task1() -> dict:
    return copy.deepcopy(PLAIN[0])


def results(t: dict) -> list:
    return t["annotations"][1]["result"]


def result_of(t: dict, rid: str, name: str) -> dict:
    return next(r for r in results(t) if r.get("id") == rid and r["from_name"] == name)


def edit(fn):
    """A case that edits a copy of the reviewed task a1 and exports it alone."""
    def make():
        t = task1()
        fn(t)
        return [t]
    return make


def setv(path: str, value):
    """An edit that sets a value at a dotted path of the task (list indexes as numbers)."""
    def fn(t):
        *head, last = path.split(".")
        node = t
        for k in head:
            node = node[int(k)] if isinstance(node, list) else node[k]
        node[int(last) if isinstance(node, list) else last] = value
    return edit(fn)


def in_result(rid: str, name: str, fn):
    return edit(lambda t: fn(result_of(t, rid, name)))


def deep(n: int) -> str:
    return "[" * n + "]" * n


R = "annotations.1.result"
T = "task 11 (a1)"
W = f"{T}: annotation 21.result"
LABEL_OV = 6  # index of the order value's label result in the a1 annotation

MALFORMED = [  # (id, export maker, what the message says)
    ("not json", lambda: "this is not json", "is not JSON"),
    ("empty file", lambda: "", "is not JSON"),
    ("not utf-8", lambda: b"\xff\xfe[\x00]\x00", "is not UTF-8"),
    ("deep list 100k", lambda: deep(100_000), "nested too deeply"),
    ("deep object 100k", lambda: '{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ("deep inside a task", lambda: json.dumps([{"data": {"text": "x", "article_id": "a"}}])[:-2]
     + ', "annotations": ' + deep(100_000) + "}]", "nested too deeply"),
    ("huge number literal", lambda: "[" + "9" * 5000 + "]", "is not JSON"),
    ("top level object", lambda: {"tasks": []}, "not a Label Studio JSON export (a list of tasks), but an object"),
    ("top level null", lambda: "null", "but null"),
    ("task is a string", lambda: ["a1"], "task [0] must be an object, not the string 'a1'"),
    ("task is a number", lambda: [5], "task [0] must be an object, not the number 5"),
    ("task is a list", lambda: [[task1()]], "task [0] must be an object, not a list of 1"),
    ("data as a list", setv("data", ["text"]), "task 11.data must be an object, not a list of 1"),
    ("data missing", edit(lambda t: t.pop("data")), "task 11.data is missing"),
    ("data.text missing", edit(lambda t: t["data"].pop("text")), "task 11 (a1).data.text is missing"),
    ("data.text a number", setv("data.text", 5), "task 11 (a1).data.text must be a string, not the number 5"),
    ("article_id missing", edit(lambda t: t["data"].pop("article_id")), "task 11.data.article_id is missing"),
    ("article_id a number", setv("data.article_id", 7), "task 11.data.article_id must be a string, not the number 7"),
    ("article_id with NUL", setv("data.article_id", "a1\x00.json"), "task 11.data.article_id 'a1\\x00.json' holds a control"),
    ("article_id a path", setv("data.article_id", "../etc/passwd"), "task 11.data.article_id '../etc/passwd' is not a file name"),
    ("article_id absolute", setv("data.article_id", "/tmp/x"), "article_id '/tmp/x' is not a file name"),
    ("article_id hidden", setv("data.article_id", ".a1"), "article_id '.a1' is not a file name"),
    ("article_id empty", setv("data.article_id", ""), "task 11.data.article_id is empty"),
    ("article_id too long", setv("data.article_id", "a" * 300), "is longer than 200 characters"),
    ("lang not a word", setv("data.lang", "hindi"), f"{T}.data.lang 'hindi' is not a contract word"),
    ("published not a date", setv("data.published", "2026-02-30"), f"{T}.data.published '2026-02-30' is not a date"),
    ("title a list", setv("data.title", ["t"]), f"{T}.data.title must be a string, not a list of 1"),
    ("annotations: 5", setv("annotations", 5), f"{T}.annotations must be a list, not the number 5"),
    ("annotation a string", setv("annotations", ["done"]), f"{T}.annotations[0] must be an object, not the string"),
    ("was_cancelled a string", setv("annotations.1.was_cancelled", "no"),
     f"{T}.annotations[1].was_cancelled must be true or false, not the string 'no'"),
    ("ground_truth a number", setv("annotations.1.ground_truth", 1),
     f"{T}.annotations[1].ground_truth must be true or false, not the number 1"),
    ("result: 7", setv(f"{R}", 7), f"{T}.annotations[1].result must be a list, not the number 7"),
    ("result missing", edit(lambda t: t["annotations"][1].pop("result")), f"{T}.annotations[1].result is missing"),
    ("predictions: 5", lambda: [{**task1(), "annotations": [], "predictions": 5}],
     f"{T}.predictions must be a list, not the number 5"),
    ("prediction a string", lambda: [{**task1(), "annotations": [], "predictions": ["7"]}],
     f"{T}.predictions[0] must be an object or a prediction id, not the string '7'"),
    ("a result is a number", edit(lambda t: results(t).append(7)), f"{W}[27] must be an object, not the number 7"),
    ("value not an object", setv(f"{R}.{LABEL_OV}.value", "लगभग 7,900 करोड़"), f"{W}[6].value must be an object, not"),
    ("value null", setv(f"{R}.{LABEL_OV}.value", None), f"{W}[6].value is missing"),
    ("labels a string", in_result(OV, "label", lambda r: r["value"].update(labels="order_values")),
     f"{W}[6].value.labels must be a list, not the string 'order_values'"),
    ("labels a list of lists", in_result(OV, "label", lambda r: r["value"].update(labels=[["order_values"]])),
     f"{W}[6].value.labels must hold one record type (states, officials, awards, order_values, counts, events), "
     "not a list of 1"),
    ("two labels", in_result(OV, "label", lambda r: r["value"].update(labels=["order_values", "counts"])),
     "not ['order_values', 'counts']"),
    ("unknown label", in_result(OV, "label", lambda r: r["value"].update(labels=["money"])), "not ['money']"),
    ("start: false", in_result(OV, "label", lambda r: r["value"].update(start=False)),
     f"{W}[6].value.start must be an integer, not false"),
    ("start a string", in_result(OV, "label", lambda r: r["value"].update(start="48")),
     f"{W}[6].value.start must be an integer, not the string '48'"),
    ("start a float", in_result(OV, "label", lambda r: r["value"].update(start=48.0)),
     f"{W}[6].value.start must be an integer, not the number 48.0"),
    ("start NaN", lambda: json.dumps([task1()], ensure_ascii=False).replace('"start": 48', '"start": NaN', 1),
     "value.start must be an integer, not the number nan"),
    ("start missing", in_result(OV, "label", lambda r: r["value"].pop("start")), f"{W}[6].value.start is missing"),
    ("start negative", in_result(OV, "label", lambda r: r["value"].update(start=-1)),
     f"{T}, region {OV} (order_values): offsets -1:"),
    ("end past the text", in_result(OV, "label", lambda r: r["value"].update(end=10_000)),
     f"{T}, region {OV} (order_values): offsets 48:10000 do not cut"),
    ("start after end", in_result(OV, "label", lambda r: r["value"].update(start=60, end=50)),
     f"{T}, region {OV} (order_values): offsets 60:50"),
    ("region text differs", in_result(OV, "label", lambda r: r["value"].update(text="लगभग 8,900 करोड़")),
     "do not cut 'लगभग 8,900 करोड़' from the text"),
    ("region text a list", in_result(OV, "label", lambda r: r["value"].update(text=["x"])),
     f"{W}[6].value.text must be a string, not a list of 1"),
    ("textarea text a string", in_result(ST, "states__state", lambda r: r["value"].update(text="Jharkhand")),
     f"{W}[1].value.text must be a list, not the string 'Jharkhand'"),
    ("textarea text numbers", in_result(OV, "order_values__inr", lambda r: r["value"].update(text=[79000000000])),
     f"{W}[7].value.text[0] must be a string, not the number 79000000000"),
    ("textarea two values", in_result(ST, "states__state", lambda r: r["value"].update(text=["Jharkhand", "Bihar"])),
     f"{W}[1].value.text holds 2 values; states__state takes one"),
    ("choices a string", in_result(ST, "states__primary", lambda r: r["value"].update(choices="true")),
     f"{W}[4].value.choices must be a list, not the string 'true'"),
    ("two choices", in_result(ST, "states__primary", lambda r: r["value"].update(choices=["true", "false"])),
     f"{W}[4].value.choices holds 2 values; states__primary takes one"),
    ("choices missing", in_result(ST, "states__primary", lambda r: r["value"].pop("choices")),
     f"{W}[4].value.choices is missing"),
    ("unknown control", in_result(ST, "states__state", lambda r: r.update(from_name="states__capital")),
     f"{W}[1].from_name 'states__capital' is not a control of the gem-extract labelling config"),
    ("from_name missing", in_result(ST, "states__state", lambda r: r.pop("from_name")), f"{W}[1].from_name is missing"),
    ("type not the control's", in_result(ST, "states__state", lambda r: r.update(type="choices")),
     f"{W}[1].type is 'choices' but states__state gives 'textarea' results"),
    ("type missing", in_result(ST, "states__state", lambda r: r.pop("type")), f"{W}[1].type is missing"),
    ("to_name another object", in_result(ST, "states__state", lambda r: r.update(to_name="image")),
     f"{W}[1].to_name is 'image', not 'text'"),
    ("region id missing", in_result(ST, "states__state", lambda r: r.pop("id")), f"{W}[1].id is missing"),
    ("region id a number", in_result(ST, "states__state", lambda r: r.update(id=5)),
     f"{W}[1].id must be a string, not the number 5"),
    ("region id with NUL", in_result(ST, "states__state", lambda r: r.update(id="st\x00")),
     f"{W}[1].id 'st\\x00' holds a control character"),
    ("region labelled twice", edit(lambda t: results(t).append(copy.deepcopy(result_of(t, ST, "label")))),
     f"{W}[27]: region {ST} is labelled twice"),
    ("field given twice", edit(lambda t: results(t).append(copy.deepcopy(result_of(t, ST, "states__state")))),
     f"{W}[27]: region {ST} has two states__state results"),
    ("article_id with a lone surrogate", lambda: json.dumps([{**task1(), "data": {**task1()["data"], "article_id": "a\udc00"}}]),
     "task 11.data.article_id 'a\\udc00' holds a control character or a lone surrogate"),
    ("title with a lone surrogate", lambda: json.dumps([{**task1(), "data": {**task1()["data"], "title": "t\ud800"}}]),
     f"{T}: a value holds a lone surrogate (U+D800 to U+DFFF), which is not Unicode text"),
    ("two tasks for one article", lambda: [task1(), {**task1(), "id": 14}], "a1: 2 tasks hold this article; none imported"),
]


@pytest.mark.parametrize("make,message", [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_exports_are_rejected_with_the_place_named(cli, make, message):
    code, said, gold = cli(make())
    assert code == 1, said
    assert message in said, said
    assert gold == {}
    assert "Traceback" not in said


def test_the_malformed_table_starts_from_an_export_that_imports():
    assert LS.import_tasks([task1()]).problems == []
    assert result_of(task1(), OV, "label") == results(task1())[LABEL_OV]


# ---------------------------------------------------------------- any value anywhere: never a traceback

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats()
    | st.text(st.characters(exclude_categories=()), max_size=12),  # control characters and lone surrogates too
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)


def paths(node, prefix=()):
    """Every place in a JSON value, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


PLACES = [p for p in paths(PLAIN) if p]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=JSON_VALUES)
def test_any_value_in_any_place_is_imported_or_reported(place, value):
    tasks = copy.deepcopy(PLAIN)
    node = tasks
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = value
    res = LS.import_tasks(tasks)  # must not raise
    assert all(isinstance(p, str) and p and p.encode("utf-8") for p in res.problems)  # printable
    for doc in res.gold:
        assert LS.article_id_problem(doc["article_id"]) is None
        LS.gold_bytes(doc)
    assert len(res.gold) + len({p.split(":")[0].split(",")[0] for p in res.problems}) >= 1

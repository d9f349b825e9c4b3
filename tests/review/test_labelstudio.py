"""Label Studio round trip: export tasks + config, a reviewer's export read back into gold files."""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from extract.review import labelstudio as LS
from extract.output.csvsafe import read_csv, write_csv
from extract.records import (ARTICLE_COLUMNS, RECORD_TYPES, AwardRecord, CountRecord, EventRecord, OfficialRecord,
                             OrderValueRecord, StateRecord)
from extract.review.verify import VOCABULARIES

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("👉 झारखंड: श्रीमती रीना जमील, उपसचिव ने बताया कि लगभग 7,900 करोड़ की खरीद हुई।\n"
        "आईटी विभाग को प्लैटिनम पुरस्कार मिला। 1.5 लाख से अधिक ऑर्डर। 🙂 जेम एक्सीलेंस समिट रांची में हुआ।\n")


def at(ev: str) -> dict:
    i = TEXT.index(ev)
    j = TEXT.rfind("।", 0, i) + 1
    k = TEXT.index("।", i) + 1
    return dict(article_id="a1", start=i, end=i + len(ev), evidence=ev, context=TEXT[j:k], rule="t.r")


RECORDS = [
    StateRecord(**at("झारखंड"), state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True, mentions=1),
    OfficialRecord(**at("रीना जमील"), name="रीना जमील", name_en="Reena Jameel", honorific="श्रीमती",
                   designation="उपसचिव", designation_en="Deputy Secretary", organisation="", organisation_en="",
                   state="Jharkhand"),
    OrderValueRecord(**at("लगभग 7,900 करोड़"), inr=79000000000, amount_text="लगभग 7,900 करोड़", qualifier="approx",
                     role="buyer", state="Jharkhand", counterparty="", segment="", period="to_date", mentions=2),
    AwardRecord(**at("आईटी विभाग"), tier="platinum", tier_text="प्लैटिनम", award_name="", recipient="आईटी विभाग",
                recipient_en="IT Department", category="", category_en="other", state="Jharkhand"),
    CountRecord(**at("1.5 लाख से अधिक"), value=150000, count_text="1.5 लाख से अधिक", qualifier="more_than",
                unit="orders", state="Jharkhand", period=""),
    EventRecord(**at("जेम एक्सीलेंस समिट"), name="जेम एक्सीलेंस समिट", name_en="GeM Excellence Summit", city="Ranchi",
                venue="", state="Jharkhand", date="2026-01-19"),
]


@pytest.fixture
def out(tmp_path):
    src = tmp_path / "corpus" / "a1.txt"
    src.parent.mkdir()
    src.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))  # a BOM: offsets count from after it
    out = tmp_path / "out"
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [
        dict(article_id="a1", path=src.as_posix(), lang="hi", title="शीर्षक", published="2026-01-19",
             publisher="", dateline="रांची", chars=len(TEXT), sha256=hashlib.sha256(src.read_bytes()).hexdigest(),
             status="ok", error=""),
        dict(article_id="b_bad", path="nowhere.txt", lang="", title="", published="", publisher="", dateline="",
             chars=0, sha256="", status="error", error="empty file")])
    for kind, cls in RECORD_TYPES.items():
        rows = sorted((r.row() for r in RECORDS if r.kind == kind), key=lambda r: r["start"])
        write_csv(out / f"{kind}.csv", cls.columns(), rows)
    return out


def exported(out: Path) -> list[dict]:
    assert LS.export_command(SimpleNamespace(out=str(out), format="label-studio")) == 0
    return json.loads((out / "label-studio" / "tasks.json").read_text(encoding="utf-8"))


def as_reviewed(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports when a reviewer accepts every prediction unchanged."""
    tasks = copy.deepcopy(tasks)
    for i, t in enumerate(tasks, start=1):
        t["id"] = i
        t["annotations"] = [{"id": i, "was_cancelled": False, "result": copy.deepcopy(t["predictions"][0]["result"])}]
    return tasks


def import_(tasks, tmp_path: Path, expect: int = 0) -> dict[str, dict]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    gold = tmp_path / "gold"
    assert LS.import_command(SimpleNamespace(file=str(export), gold=str(gold))) == expect
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))}


def expected_entry(rec) -> dict:
    entry = {"text": rec.evidence}
    for col in type(rec).type_columns():
        v = getattr(rec, col)
        entry[col] = None if v == "" else v
    return entry


# ---------------------------------------------------------------- export

def test_export_tasks_hold_text_metadata_and_records_at_original_offsets(out):
    tasks = exported(out)
    assert len(tasks) == 1  # the error article has nothing to review
    data = tasks[0]["data"]
    assert data["text"] == TEXT and data["article_id"] == "a1" and data["lang"] == "hi" and data["title"] == "शीर्षक"
    result = tasks[0]["predictions"][0]["result"]
    labels = [r for r in result if r["type"] == "labels"]
    assert [r["id"] for r in labels] == [r.record_id for r in sorted(RECORDS, key=lambda r: r.start)]
    for r in labels:
        v = r["value"]
        assert TEXT[v["start"]:v["end"]] == v["text"] and r["from_name"] == "label" and r["to_name"] == "text"
    ov = next(r for r in RECORDS if r.kind == "order_values")
    fields = {r["from_name"]: r["value"] for r in result if r["id"] == ov.record_id and r["type"] != "labels"}
    assert fields["order_values__inr"]["text"] == ["79000000000"]
    assert fields["order_values__qualifier"]["choices"] == ["approx"]
    assert "order_values__counterparty" not in fields  # empty values are no result
    assert all(f["start"] == ov.start and f["end"] == ov.end for f in fields.values())


def test_config_declares_every_control_the_tasks_use(out):
    tasks = exported(out)
    root = ET.fromstring((out / "label-studio" / "config.xml").read_text(encoding="utf-8"))
    controls = {e.get("name"): e for e in root.iter() if e.get("toName")}
    assert [e.get("value") for e in controls["label"].iter("Label")] == list(RECORD_TYPES)
    assert [e.get("value") for e in root.iter("Text")] == ["$text"]
    for kind, cls in RECORD_TYPES.items():
        for col in cls.type_columns():
            e = controls[f"{kind}__{col}"]
            assert e.get("perRegion") == "true"
            if col in VOCABULARIES:
                assert e.tag == "Choices" and [c.get("value") for c in e] == [w for w in VOCABULARIES[col] if w]
    for r in tasks[0]["predictions"][0]["result"]:
        assert r["from_name"] in controls and controls[r["from_name"]].tag.lower() in (r["type"], "labels")


def style_of(e: ET.Element) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in (e.get("style") or "").split(";") if ":" in d)}


def test_config_puts_the_fields_in_a_sticky_panel_beside_the_text():
    root = ET.fromstring(LS.config_xml())
    assert root.tag == "View" and style_of(root)["display"] == "flex" and style_of(root)["flex-direction"] == "row"
    left, right = list(root)
    assert [e.tag for e in left.iter() if e.get("name")] == ["Text"]
    assert style_of(left)["min-width"] == "0"
    panel = style_of(right)
    assert panel["position"] == "sticky" and panel["top"] == "0" and panel["overflow-y"] == "auto"
    assert right.find("Labels") is not None
    kinds = [v.get("whenLabelValue") for v in right.findall("View")]
    assert kinds == list(RECORD_TYPES) and all(v.get("visibleWhen") == "region-selected" for v in right.findall("View"))


def test_every_text_field_says_what_it_takes():
    root = ET.fromstring(LS.config_xml())
    for area in root.iter("TextArea"):
        kind, col = area.get("name").split("__")
        hint = area.get("placeholder")
        assert hint and hint != col, area.get("name")
        if col in LS.INT_COLUMNS:
            assert "whole number" in hint, (col, hint)
    hints = {a.get("name").split("__")[1]: a.get("placeholder") for a in root.iter("TextArea")}
    assert "FY2024-25, to_date, YYYY, YYYY-MM" in hints["period"] and "YYYY-MM-DD" in hints["date"]
    assert "English state name" in hints["state"] and "IN-" in hints["iso"]


def test_export_is_deterministic(out):
    first = exported(out)
    raw = (out / "label-studio" / "tasks.json").read_bytes()
    exported(out)
    assert (out / "label-studio" / "tasks.json").read_bytes() == raw and first


def test_export_refuses_a_changed_or_missing_source_and_keeps_the_previous_tasks(out, capsys):
    before = (exported(out), (out / "label-studio" / "tasks.json").read_bytes())[1]
    src = Path(read_csv(out / "articles.csv").rows[0]["path"])
    src.write_text("बदला हुआ", encoding="utf-8")
    assert LS.export_command(SimpleNamespace(out=str(out), format="label-studio")) == 1
    src.unlink()
    assert LS.export_command(SimpleNamespace(out=str(out), format="label-studio")) == 1
    said = capsys.readouterr().out
    assert "nothing written" in said and "problem: a1: Source file not found" in said
    assert (out / "label-studio" / "tasks.json").read_bytes() == before  # not overwritten with []


# ---------------------------------------------------------------- import

def test_unchanged_review_imports_as_the_records(out, tmp_path):
    gold = import_(as_reviewed(exported(out)), tmp_path)
    assert list(gold) == ["a1"]
    g = gold["a1"]
    assert g["article_id"] == "a1" and g["lang"] == "hi"
    assert g["article"] == {"title": "शीर्षक", "published": "2026-01-19", "publisher": None, "dateline": "रांची"}
    for kind in RECORD_TYPES:
        assert g[kind] == [expected_entry(r) for r in RECORDS if r.kind == kind], kind


def test_whole_predictions_are_used_where_no_annotation_but_cancelled_tasks_give_no_gold(out, tmp_path, capsys):
    tasks = exported(out)  # our tasks.json carries whole predictions, like a snapshot export
    assert import_(tasks, tmp_path / "p") == import_(as_reviewed(tasks), tmp_path / "a")
    assert "note: 1 task(s) had no annotation; their gold is their predictions, unreviewed: task [0] (a1)" in capsys.readouterr().out
    cancelled = as_reviewed(tasks)
    cancelled[0]["annotations"][0]["was_cancelled"] = True
    cancelled[0]["annotations"][0]["result"] = []
    assert import_(cancelled, tmp_path / "c", expect=1) == {}
    assert "task 1 (a1): skipped in Label Studio" in capsys.readouterr().out


def test_ids_only_predictions_give_no_gold(out, tmp_path, capsys):
    tasks = exported(out)
    tasks[0]["id"], tasks[0]["predictions"] = 4, [17]  # Label Studio's plain JSON export
    assert import_(tasks, tmp_path, expect=1) == {}
    assert "task 4 (a1): not reviewed: no annotation, and the export lists its predictions by id only" in \
        capsys.readouterr().out


def test_reviewer_corrections_reach_the_gold(out, tmp_path):
    tasks = as_reviewed(exported(out))
    result = tasks[0]["annotations"][0]["result"]
    ov = next(r for r in RECORDS if r.kind == "order_values")
    st = next(r for r in RECORDS if r.kind == "states")
    for r in result:
        if r["id"] == ov.record_id and r["from_name"] == "order_values__qualifier":
            r["value"]["choices"] = ["exact"]
        if r["id"] == ov.record_id and r["from_name"] == "order_values__inr":
            r["value"]["text"] = ["₹79,00,00,00,001"]
    result[:] = [r for r in result if r["id"] != st.record_id]  # the reviewer deleted the state
    # the reviewer marks a new state after the emoji; a browser counts the emoji as two UTF-16 units
    s = TEXT.index("रांची")
    s16 = s + sum(1 for ch in TEXT[:s] if ord(ch) > 0xFFFF)
    span = {"start": s16, "end": s16 + len("रांची")}
    result += [
        {"id": "new1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {**span, "text": "रांची", "labels": ["states"]}},
        {"id": "new1", "from_name": "states__state", "to_name": "text", "type": "textarea",
         "value": {**span, "text": ["Jharkhand"]}},
        {"id": "new1", "from_name": "states__primary", "to_name": "text", "type": "choices",
         "value": {**span, "choices": ["false"]}},
    ]
    g = import_(tasks, tmp_path)["a1"]
    assert g["states"] == [{"text": "रांची", "state": "Jharkhand", "state_hi": None, "iso": None, "primary": False,
                            "mentions": None}]
    assert g["order_values"][0]["qualifier"] == "exact" and g["order_values"][0]["inr"] == 79000000001


def test_broken_regions_are_reported_and_the_task_gets_no_gold(out, tmp_path):
    tasks = as_reviewed(exported(out))
    result = tasks[0]["annotations"][0]["result"]
    ov = next(r for r in RECORDS if r.kind == "order_values")
    for r in result:
        if r["id"] == ov.record_id and r["from_name"] == "order_values__inr":
            r["value"]["text"] = ["लगभग सात हजार"]
    result.append({"id": "x", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 3, "text": "nope", "labels": ["states"]}})
    result.append({"id": "y", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 1, "text": "👉", "labels": ["people"]}})
    res = LS.import_tasks(tasks)
    n = len(result)
    assert sorted(res.problems) == sorted([
        f"task 1 (a1): annotation 1.result[{n - 1}].value.labels must hold one record type "
        "(states, officials, awards, order_values, counts, events), not ['people']",
        f"task 1 (a1), region {ov.record_id} (order_values): field inr: inr 'लगभग सात हजार' is not a non-negative integer",
        f"task 1 (a1), region x (states): offsets 0:3 do not cut 'nope' from the text ({len(TEXT)} characters)",
    ])
    assert res.gold == []  # a gold file missing records would be wrong without saying so
    assert import_(tasks, tmp_path, expect=1) == {}


def test_import_rejects_what_is_not_an_export(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    assert LS.import_command(SimpleNamespace(file=str(bad), gold=str(tmp_path / "g"))) == 1
    assert "not a Label Studio JSON export (a list of tasks), but an object" in capsys.readouterr().out
    assert LS.import_command(SimpleNamespace(file=str(tmp_path / "none.json"), gold=str(tmp_path / "g"))) == 1
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "g").exists()


# ---------------------------------------------------------------- the corpus, end to end

def test_corpus_round_trip_scores_perfectly(tmp_path):
    from extract.pipeline import run_batch
    from extract.review.evaluate import score
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns("gold", "real", "written"))
    out = tmp_path / "out"
    run_batch([corpus.as_posix()], out.as_posix(), progress=False)
    gold = import_(as_reviewed(exported(out)), tmp_path)
    assert sorted(gold) == sorted(p.stem for p in corpus.glob("*.txt"))
    assert sum(len(g[k]) for g in gold.values() for k in RECORD_TYPES) > 0
    scores = score(tmp_path / "gold", out)
    for kind in RECORD_TYPES:
        s = scores[kind]
        assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0), (kind, s)
        assert all(v == 1.0 for v in s["attributes"].values()), (kind, s)
    assert all(v == 1.0 for v in scores["articles"]["attributes"].values()), scores["articles"]

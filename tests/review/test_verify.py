"""`verify`: passes on good output (the real pipeline's, and a hand-built folder) and catches each
way a CSV can be corrupted, naming the file, row, record_id and reason."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from extract.review import verify as V
from extract.output.csvsafe import read_csv, write_csv
from extract.records import ARTICLE_COLUMNS, RECORD_TYPES, EventRecord, OfficialRecord, OrderValueRecord, StateRecord

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "002_2d0eeade2618db06"


def _hand_built(root: Path) -> Path:
    """A copy of one corpus article and CSVs written the pipeline's way, records where gold says."""
    corpus = root / "corpus"
    corpus.mkdir()
    src = corpus / f"{ARTICLE}.txt"
    shutil.copyfile(ROOT / "corpus" / f"{ARTICLE}.txt", src)
    text = src.read_bytes().decode("utf-8").removeprefix("\ufeff")

    def at(ev: str) -> dict:
        i = text.index(ev)
        j = text.rfind("।", 0, i) + 1
        k = text.index("।", i) + 1
        return dict(article_id=ARTICLE, start=i, end=i + len(ev), evidence=ev, context=text[j:k].lstrip(), rule="t.r")

    recs = [
        StateRecord(**at("छत्तीसगढ़"), state="Chhattisgarh", state_hi="छत्तीसगढ़", iso="IN-CT", primary=True, mentions=9),
        OfficialRecord(**at("अमरदीप गुप्ता"), name="अमरदीप गुप्ता", name_en="Amardeep Gupta", honorific="",
                       designation="निदेशक", designation_en="Director", organisation="जेम", organisation_en="GeM",
                       state=""),
        OrderValueRecord(**at("932 करोड़"), inr=9320000000, amount_text="932 करोड़", qualifier="exact", role="seller",
                         state="Chhattisgarh", counterparty="same_state", segment="sme", period="FY2024-25"),
        OrderValueRecord(**at("4,155 करोड़"), inr=41550000000, amount_text="4,155 करोड़", qualifier="exact",
                         role="seller", state="Chhattisgarh", counterparty="central", segment="mse", period="FY2024-25"),
        EventRecord(**at("जेम एक्सीलेंस समिट 2025"), name="जेम एक्सीलेंस समिट 2025", name_en="GeM Excellence Summit 2025",
                    city="Raipur", venue="", state="Chhattisgarh", date=""),
    ]
    out = root / "out"
    data = src.read_bytes()
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [
        dict(article_id=ARTICLE, path=src.as_posix(), lang="hi", title="t", published="", publisher="",
             dateline="रायपुर", chars=len(text), sha256=hashlib.sha256(data).hexdigest(), status="ok", error=""),
        dict(article_id="zz_empty", path=(corpus / "zz_empty.txt").as_posix(), lang="", title="", published="",
             publisher="", dateline="", chars=0, sha256="", status="error", error="empty file")])
    for kind, cls in RECORD_TYPES.items():
        rows = sorted((r.row() for r in recs if r.kind == kind), key=lambda r: (r["article_id"], r["start"]))
        write_csv(out / f"{kind}.csv", cls.columns(), rows)
    return out


def _pipeline(root: Path) -> Path:
    from extract.pipeline import run_batch
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns("gold"))
    out = root / "out"
    run_batch([corpus.as_posix()], out.as_posix(), progress=False)
    return out


@pytest.fixture(params=["hand_built", "pipeline"])
def out(request, tmp_path):
    return _hand_built(tmp_path) if request.param == "hand_built" else _pipeline(tmp_path)


def rows_of(out: Path, name: str):
    table = read_csv(out / name)
    return table.header, table.rows


def rewrite(out: Path, name: str, edit) -> None:
    header, rows = rows_of(out, name)
    rows = edit(rows) or rows
    write_csv(out / name, header, rows)


def first_record_file(out: Path) -> str:
    for kind in ("order_values", "officials", "states", "events", "counts", "awards"):
        if read_csv(out / f"{kind}.csv").rows:
            return f"{kind}.csv"
    pytest.fail("no records at all in the output under test")


def only_failure(report: V.Report) -> V.Failure:
    assert len(report.failures) == 1, "\n".join(map(str, report.failures))
    return report.failures[0]


# ---------------------------------------------------------------- good output passes

def test_good_output_passes(out, capsys):
    report = V.verify(out)
    assert report.ok, "\n".join(map(str, report.failures))
    assert report.rows["articles.csv"] >= 1 and sum(report.rows.values()) > report.rows["articles.csv"]
    assert V.command(SimpleNamespace(out=str(out), corpus=None)) == 0
    assert "rows checked: OK" in capsys.readouterr().out


# ---------------------------------------------------------------- each corruption is caught

def test_wrong_evidence(out):
    name = first_record_file(out)
    _, rows = rows_of(out, name)
    rewrite(out, name, lambda rs: rs[0].update(evidence=rs[0]["evidence"] + "x"))
    f = only_failure(V.verify(out))
    assert (f.file, f.row, f.record_id) == (name, 2, rows[0]["record_id"])
    assert f.reason.startswith(f"evidence {rows[0]['evidence'] + 'x'!r} != text[")


def test_shifted_offsets(out):
    name = first_record_file(out)
    _, rows = rows_of(out, name)
    rewrite(out, name, lambda rs: rs[0].update(start=str(int(rs[0]["start"]) + 1), end=str(int(rs[0]["end"]) + 1)))
    f = only_failure(V.verify(out))
    assert (f.file, f.row, f.record_id) == (name, 2, rows[0]["record_id"])
    assert f"!= text[{int(rows[0]['start']) + 1}:{int(rows[0]['end']) + 1}]" in f.reason


def test_offsets_past_the_end(out):
    name = first_record_file(out)
    _, rows = rows_of(out, name)
    rewrite(out, name, lambda rs: rs[-1].update(start="999999", end="1000005"))  # last row: still in order
    f = only_failure(V.verify(out))
    assert (f.row, f.record_id) == (len(rows) + 1, rows[-1]["record_id"]) and "outside the text" in f.reason


def test_bad_sha256(out):
    rewrite(out, "articles.csv", lambda rs: rs[0].update(sha256="0" * 64))
    f = only_failure(V.verify(out))
    assert f.file == "articles.csv" and f.row == 2 and "the source changed" in f.reason


def test_edited_source(out):
    aid = rows_of(out, "articles.csv")[1][0]
    path = Path(aid["path"])
    path.write_bytes(path.read_bytes().replace("जेम".encode(), "GeM".encode(), 1))
    f = only_failure(V.verify(out))
    assert (f.file, f.record_id) == ("articles.csv", aid["article_id"]) and "the source changed" in f.reason


def test_missing_article(out):
    _, articles = rows_of(out, "articles.csv")
    aid = articles[0]["article_id"]
    rewrite(out, "articles.csv", lambda rs: [r for r in rs if r["article_id"] != aid])
    report = V.verify(out)
    assert report.failures
    for f in report.failures:
        assert f.file != "articles.csv" and f.reason == f"article {aid!r} is not in articles.csv"


def test_missing_source_file_and_corpus_lookup(out, tmp_path):
    _, articles = rows_of(out, "articles.csv")
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for a in articles:
        if a["status"] == "ok":
            shutil.move(a["path"], moved / Path(a["path"]).name)
    report = V.verify(out)
    assert report.failures and all("source file not found" in f.reason for f in report.failures)
    assert V.verify(out, corpus=[str(moved)]).ok


def test_unparsable_int(out):
    name = first_record_file(out)
    _, rows = rows_of(out, name)
    rewrite(out, name, lambda rs: rs[0].update(start=rs[0]["start"] + "a"))
    f = only_failure(V.verify(out))
    assert (f.file, f.row, f.record_id) == (name, 2, rows[0]["record_id"])
    assert f.reason == f"start {rows[0]['start'] + 'a'!r} is not a non-negative integer"


def test_unparsable_inr_and_boolean_and_date(out):
    rewrite(out, "order_values.csv", lambda rs: rs[0].update(inr="7.9e10"))
    rewrite(out, "states.csv", lambda rs: rs[0].update(primary="yes"))
    rewrite(out, "articles.csv", lambda rs: rs[0].update(published="19-01-2026"))
    reasons = sorted(f.reason for f in V.verify(out).failures)
    assert reasons == ["inr '7.9e10' is not a non-negative integer", "primary 'yes' is not true/false",
                       "published '19-01-2026' is not a date YYYY-MM-DD"]


def test_unknown_vocabulary_word(out):
    rewrite(out, "order_values.csv", lambda rs: rs[0].update(qualifier="roughly"))
    f = only_failure(V.verify(out))
    assert f.file == "order_values.csv" and f.row == 2
    assert f.reason.startswith("qualifier 'roughly' is not a contract word (exact, approx")


@pytest.mark.parametrize("column,word", [("role", "buyers"), ("counterparty", "state"), ("segment", "MSE"),
                                         ("period", "FY2024-26"), ("period", "2024-25")])
def test_other_vocabularies(out, column, word):
    rewrite(out, "order_values.csv", lambda rs: rs[0].update({column: word}))
    f = only_failure(V.verify(out))
    assert f.reason.startswith(f"{column} {word!r} is not")


def test_article_vocabularies(out):
    rewrite(out, "articles.csv", lambda rs: rs[0].update(lang="hindi"))
    assert only_failure(V.verify(out)).reason.startswith("lang 'hindi' is not a contract word")


def test_duplicate_record_id(out):
    name = first_record_file(out)
    other = next(f"{k}.csv" for k in RECORD_TYPES if f"{k}.csv" != name and read_csv(out / f"{k}.csv").rows)
    rid = rows_of(out, name)[1][0]["record_id"]
    rewrite(out, other, lambda rs: rs[0].update(record_id=rid))
    order = [f"{k}.csv" for k in RECORD_TYPES]
    first, second = sorted([name, other], key=order.index)
    f = only_failure(V.verify(out))
    assert (f.file, f.row, f.record_id) == (second, 2, rid)
    assert f.reason == f"record_id {rid!r} is not unique (first at {first} row 2)"


def test_rows_out_of_order(out):
    name = next(f"{k}.csv" for k in RECORD_TYPES if len(read_csv(out / f"{k}.csv").rows) >= 2)
    rewrite(out, name, lambda rs: list(reversed(rs)))
    report = V.verify(out)
    assert any(f.file == name and f.reason.startswith("row out of order") for f in report.failures)


def test_missing_bom_and_missing_column(out):
    path = out / "events.csv"
    path.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    header, rows = rows_of(out, "counts.csv")
    write_csv(out / "counts.csv", [c for c in header if c != "unit"], rows)
    reasons = {(f.file, f.reason) for f in V.verify(out).failures}
    assert ("events.csv", "no UTF-8 byte-order mark") in reasons
    assert ("counts.csv", "header lacks contract columns: unit") in reasons


def test_context_that_is_not_the_source_sentence(out):
    name = first_record_file(out)
    rewrite(out, name, lambda rs: rs[0].update(context=rs[0]["evidence"] + " और कुछ"))
    assert "context is not the source text around" in only_failure(V.verify(out)).reason


def test_formula_looking_evidence_is_restored_before_comparing(tmp_path):
    text = "-5 लाख का नुकसान\n"
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    rec = OrderValueRecord(article_id="a", start=0, end=6, evidence="-5 लाख", context=text.strip(), rule="r",
                           inr=500000, amount_text="-5 लाख", qualifier="exact", role="buyer", state="",
                           counterparty="", segment="", period="")
    out = tmp_path / "out"
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [dict(
        article_id="a", path=src.as_posix(), lang="hi", title="", published="", publisher="", dateline="",
        chars=len(text), sha256=hashlib.sha256(src.read_bytes()).hexdigest(), status="ok", error="")])
    for kind, cls in RECORD_TYPES.items():
        write_csv(out / f"{kind}.csv", cls.columns(), [rec.row()] if kind == "order_values" else [])
    assert b"'-5" in (out / "order_values.csv").read_bytes()
    assert V.verify(out).ok


def test_command_prints_each_failing_row_and_exits_1(out, capsys):
    rewrite(out, "order_values.csv", lambda rs: rs[0].update(qualifier="roughly"))
    rid = rows_of(out, "order_values.csv")[1][0]["record_id"]
    assert V.command(SimpleNamespace(out=str(out), corpus=None)) == 1
    printed = capsys.readouterr().out
    assert f"FAIL order_values.csv row 2 [{rid}]: qualifier 'roughly'" in printed
    assert "1 failure(s)" in printed


def test_missing_output_folder(tmp_path):
    report = V.verify(tmp_path / "none")
    assert not report.ok and {f.file for f in report.failures} >= {"articles.csv", "states.csv"}


@pytest.mark.parametrize("value,ok", [("FY2024-25", True), ("FY1999-00", True), ("FY2024-26", False),
                                      ("to_date", True), ("2024", True), ("2024-03", True), ("2024-13", False),
                                      ("", True), ("FY24-25", False), ("२०२४", False)])
def test_period_format(value, ok):
    assert V.is_period(value) is ok


# ---------------------------------------------------------------- values re-read by the number layer

@pytest.mark.parametrize("column,value,reason", [
    ("inr", "93200000000", "inr 93200000000 but the number layer reads amount_text '932 करोड़' as '932 करोड़' = 9320000000"),
    ("inr", "932", "inr 932 but the number layer reads amount_text '932 करोड़' as '932 करोड़' = 9320000000"),
])
def test_inr_that_the_amount_text_does_not_say(tmp_path, column, value, reason):
    out = _hand_built(tmp_path)
    rewrite(out, "order_values.csv", lambda rs: rs[0].update({column: value}))
    f = only_failure(V.verify(out))
    assert (f.file, f.row) == ("order_values.csv", 2) and f.reason == reason


def test_inr_high_is_checked_against_the_range(tmp_path):
    out = _hand_built(tmp_path)
    rewrite(out, "order_values.csv", lambda rs: rs[0].update(inr_high="to_date"))
    assert only_failure(V.verify(out)).reason == "inr_high 'to_date' is not a non-negative integer"
    rewrite(out, "order_values.csv", lambda rs: rs[0].update(inr_high="9330000000"))
    assert only_failure(V.verify(out)).reason == ("inr 9320000000 (inr_high 9330000000) but the number layer reads "
                                                  "amount_text '932 करोड़' as '932 करोड़' = 9320000000")


def test_count_value_and_a_lone_number_word_read_with_its_sentence():
    row = {"value": "8", "count_text": "eight", "qualifier": "exact"}
    assert V.number_mismatch(row, "Sellers from eight states took part.") is None
    assert V.number_mismatch({**row, "value": "9"}, "Sellers from eight states took part.") == \
        "value 9 but the number layer reads count_text 'eight' as 'eight' = 8"
    assert V.number_mismatch({"value": "150000", "count_text": "1.5 लाख से अधिक"}) is None
    assert V.number_mismatch({"value": "5", "count_text": "कई"}) == \
        "value 5 but the number layer reads count_text 'कई' as no number"


def test_state_names_are_the_gazetteers(out):
    rewrite(out, "states.csv", lambda rs: rs[0].update(state="Jharkand"))
    assert only_failure(V.verify(out)).reason == "state 'Jharkand' is not an English state name"


# ---------------------------------------------------------------- a cell over the csv module's default field limit

def test_a_cell_over_131072_characters_is_read(tmp_path):
    """A 140K-character title (a first line without breaks) must not stop verify, review or export."""
    from extract.review import labelstudio, pages
    out = _hand_built(tmp_path)
    rewrite(out, "articles.csv", lambda rs: rs[0].update(title="क" * 140_000))
    report = V.verify(out)
    assert report.rows["articles.csv"] == 2, report.summary()
    assert not [f for f in report.failures if "readable" in f.reason], report.summary()
    assert "क" * 140_000 in pages.write_review(out).with_name(pages.page_name(ARTICLE)).read_text(encoding="utf-8")
    assert labelstudio.export(out).tasks == 1

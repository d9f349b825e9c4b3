"""Spreadsheet safety of CSV cells: neutralise/restore, and reading/writing output CSVs."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extract.output.csvsafe import atomic_write, csv_bytes, format_cell, neutralise, read_csv, restore, write_csv


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+91 98", "-5", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_triggers_are_prefixed_with_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["", "झारखंड", "7,900 करोड़", "a=b", " =1+1", "1-2", "₹ 5"])
def test_harmless_cells_are_unchanged(cell):
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_a_leading_apostrophe_is_escaped_too_so_the_scheme_is_unambiguous():
    # '=x is what neutralise makes of =x; a source string that really is '=x must not collide
    assert neutralise("'=x") == "''=x"
    assert neutralise("=x") != neutralise("'=x")
    assert restore(neutralise("'=x")) == "'=x"
    assert restore(neutralise("'hello")) == "'hello"


@given(st.text())
def test_restore_inverts_neutralise_for_every_string(s):
    assert restore(neutralise(s)) == s


@given(st.text())
def test_neutralised_cells_never_start_a_formula(s):
    assert not neutralise(s).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text(), st.text())
def test_neutralise_is_injective(a, b):
    if a != b:
        assert neutralise(a) != neutralise(b)


def test_format_cell_writes_contract_booleans_and_empty():
    assert format_cell(True) == "true" and format_cell(False) == "false"
    assert format_cell(None) == ""
    assert format_cell(79000000000) == "79000000000"
    assert format_cell("-x") == "'-x"


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=5))
def test_csv_round_trip_restores_every_cell_and_no_raw_cell_is_a_formula(cells):
    cols = [f"c{i}" for i in range(len(cells))]
    data = csv_bytes(cols, [dict(zip(cols, cells))])
    header, raw_cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert header == cols
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in raw_cells)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(data)
        assert read_csv(path).rows == [dict(zip(cols, cells))]


def test_write_then_read_back(tmp_path):
    rows = [{"a": "=1+1", "b": True, "c": 5}, {"a": "'quoted", "b": False, "c": None}]
    write_csv(tmp_path / "x.csv", ["a", "b", "c"], rows)
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"'=1+1" in raw and b"''quoted" in raw
    table = read_csv(tmp_path / "x.csv")
    assert table.has_bom and table.header == ["a", "b", "c"]
    assert table.rows == [{"a": "=1+1", "b": "true", "c": "5"}, {"a": "'quoted", "b": "false", "c": ""}]


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    atomic_write(target, "पहला")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.txt"]


# ---------------------------------------------------------------- records.xlsx

def _output_with_dangerous_cells(root: Path) -> Path:
    from extract.records import ARTICLE_COLUMNS, RECORD_TYPES, OrderValueRecord, StateRecord

    text = "=HYPERLINK(\"http://x\",\"7,900 करोड़\") और\x0bझारखंड\n"
    e = text.index(")") + 1
    s = text.index("झारखंड")
    ov = OrderValueRecord(article_id="a", start=0, end=e, evidence=text[:e], context=text[:-1], rule="r",
                          inr=79000000000, amount_text="7,900 करोड़", qualifier="exact", role="buyer",
                          state="Jharkhand", counterparty="", segment="", period="FY2024-25")
    st_ = StateRecord(article_id="a", start=s, end=s + 6, evidence="झारखंड", context=text[:-1], rule="r",
                      state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True, mentions=1)
    out = root / "out"
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [dict(
        article_id="a", path="a.txt", lang="hi", title="@title", published="", publisher="+P", dateline="",
        chars=len(text), sha256="0" * 64, status="ok", error="")])
    for kind, cls in RECORD_TYPES.items():
        rows = {"order_values": [ov.row()], "states": [st_.row()]}.get(kind, [])
        write_csv(out / f"{kind}.csv", cls.columns(), rows)
    return out


def test_xlsx_has_typed_cells_and_no_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (needed for --xlsx)")
    from extract.output.xlsx import write_xlsx

    out = _output_with_dangerous_cells(tmp_path)
    path = write_xlsx(out)
    assert path == out / "records.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["articles", "states", "officials", "awards", "order_values", "counts", "events"]
    ov = {h.value: c for h, c in zip(wb["order_values"][1], wb["order_values"][2])}
    assert ov["evidence"].value == '=HYPERLINK("http://x","7,900 करोड़")' and ov["evidence"].data_type == "s"
    assert ov["inr"].value == 79000000000 and ov["inr"].number_format == "0"
    assert ov["context"].value == '=HYPERLINK("http://x","7,900 करोड़") और\ufffdझारखंड'
    st_ = {h.value: c.value for h, c in zip(wb["states"][1], wb["states"][2])}
    assert st_["primary"] is True and st_["mentions"] == 1
    art = {h.value: c.value for h, c in zip(wb["articles"][1], wb["articles"][2])}
    assert art["title"] == "@title" and art["publisher"] == "+P"
    assert wb["awards"].max_row == 1  # header only
    import zipfile
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_xlsx_same_csvs_same_bytes(tmp_path):
    pytest.importorskip("openpyxl", reason="openpyxl is not installed (needed for --xlsx)")
    from extract.output.xlsx import write_xlsx

    out = _output_with_dangerous_cells(tmp_path)
    first = write_xlsx(out).read_bytes()
    import time
    time.sleep(2.1)  # zip entry times have a two-second resolution
    assert write_xlsx(out).read_bytes() == first


def test_values_bytes_are_the_csv_writers_bytes():
    """values_bytes writes rows of raw values exactly as the csv module writes their formatted cells."""
    from extract.output.csvsafe import cells_bytes, values_bytes

    vals = [None, True, False, 0, -5, 10**20, 1.5, "", "=a", "+", "-1", "@x", "\tq", "\rq", "'q", "q", "a,b", 'a"b',
            "a\nb", (1, 2), '"', ",", "\r\n", " a ", "\x00", "\u2028", "'=\"", "जेम, \"पोर्टल\""]
    chars = [chr(c) for c in range(0x3000)]
    rows = [[v, "a", v] for v in vals] + [[v] for v in vals] + [[c, "a" + c + "b", c + ",", 1] for c in chars] + [[]]
    assert values_bytes(rows) == cells_bytes([[format_cell(v) for v in r] for r in rows])
    assert values_bytes([]) == b""


# cells that open like a formula, hold quotes, separators or line breaks, or sort either side of "A"
_ODD_TEXT = st.text(alphabet=list("=+-@'\t\r\n\",; aAz0@[`~€जे\u2028\x00\ufeff"),
                    max_size=8)
_ODD_VALUE = st.one_of(_ODD_TEXT, st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
                       st.floats(allow_nan=False), st.tuples(_ODD_TEXT))


@given(st.lists(st.lists(_ODD_VALUE, max_size=6), max_size=4))
def test_values_bytes_are_the_csv_writers_bytes_for_odd_cells(rows):
    from extract.output.csvsafe import cells_bytes, values_bytes

    assert values_bytes(rows) == cells_bytes([[format_cell(v) for v in r] for r in rows])


class _Text(str):
    """A str subclass: written as its characters, like a str."""


def test_values_bytes_of_str_subclasses_and_bools_are_the_csv_writers_bytes():
    from extract.output.csvsafe import cells_bytes, values_bytes

    rows = [[_Text("=x"), _Text("a,b"), _Text("ok"), True, 1, False, 0, None, ""], [_Text("")], [None], [""]]
    assert values_bytes(rows) == cells_bytes([[format_cell(v) for v in r] for r in rows])


def test_records_are_values_and_row_is_values_with_the_column_names():
    """Two records with the same fields are equal and hash alike (records are not frozen dataclasses,
    see records.py); row() and values() give the same cells in column order."""
    from dataclasses import replace

    from extract.records import StateRecord

    a = StateRecord(article_id="a", start=0, end=6, evidence="झारखंड", context="झारखंड", rule="r",
                    state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True, mentions=1)
    b = replace(a)
    assert a == b and hash(a) == hash(b) and a is not b
    assert replace(a, mentions=2) != a
    assert list(a.row()) == list(a.columns())
    assert list(a.row().values()) == a.values()
    assert a.values()[:2] == ["a", a.record_id] and a.record_id.startswith("st-") and len(a.record_id) == 15

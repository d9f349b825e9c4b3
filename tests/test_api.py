"""The Python API (issue 10.4): DataFrames with the contract's columns and dtypes, the same rows
as the CSVs (raw cell values), and no pandas import for the command line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import extract
from extract.output.csvsafe import read_csv
from extract.records import ARTICLE_COLUMNS, RECORD_TYPES

from .conftest import CORPUS, ROOT

HINDI = ("रांची। गवर्नमेंट ई-मार्केटप्लेस (जैम) के जरिये झारखंड सरकार के अलग-अलग विभाग 2017 से लेकर अब तक "
         "1600 करोड़ से ज्यादा मूल्य की वस्तुएं और सेवाएं खरीद चुके हैं।")


def test_extract_text_returns_contract_tables():
    tables = extract.extract_text(HINDI)
    assert list(tables) == ["articles", *RECORD_TYPES]
    assert list(tables["articles"].columns) == [*ARTICLE_COLUMNS, "text"]
    for kind, cls in RECORD_TYPES.items():
        assert list(tables[kind].columns) == list(cls.columns()), kind
    art = tables["articles"].iloc[0]
    assert (art["article_id"], art["status"], art["lang"], art["text"]) == ("text", "ok", "hi", HINDI)
    ov = tables["order_values"]
    assert ov["inr"].tolist() == [16_000_000_000] and ov["inr"].dtype == "int64"
    assert ov.loc[0, "state"] == "Jharkhand" and ov.loc[0, "qualifier"] == "more_than"
    assert HINDI[ov.loc[0, "start"]:ov.loc[0, "end"]] == ov.loc[0, "evidence"]
    st = tables["states"]
    assert st["primary"].dtype == bool and st["mentions"].dtype == "int64" and st["start"].dtype == "int64"
    assert tables["articles"]["chars"].dtype == "int64" and str(tables["articles"]["line"].dtype) == "Int64"
    assert str(ov["inr_high"].dtype) == "Int64"


def test_empty_tables_keep_columns_and_dtypes():
    tables = extract.extract_text("Nothing about procurement here.", article_id="plain")
    assert tables["awards"].empty and list(tables["awards"].columns) == list(RECORD_TYPES["awards"].columns())
    assert tables["counts"]["value"].dtype == "int64"


def test_bad_text_is_an_error_row_not_an_exception():
    art = extract.extract_text("   ")["articles"].iloc[0]
    assert (art["status"], art["error"]) == ("error", "empty text")
    art = extract.extract_text("a \ud800 b")["articles"].iloc[0]
    assert art["status"] == "error" and "unpaired surrogate" in art["error"]
    with pytest.raises(TypeError):
        extract.extract_text(b"bytes")


def test_cells_are_raw_not_spreadsheet_neutralised():
    text = "=HYPERLINK(\"x\") GeM\n\nनई दिल्ली। जेम पर झारखंड ने 5 करोड़ रुपये की खरीद की।"
    tables = extract.extract_text(text, article_id="raw", title="=1+1")
    assert tables["articles"].loc[0, "title"] == "=1+1"


def test_given_metadata_takes_precedence():
    art = extract.extract_text(HINDI, published="2022-09-23T10:00:00Z", publisher="P", url="https://x.example/a")
    row = art["articles"].iloc[0]
    assert (row["published"], row["publisher"], row["url"]) == ("2022-09-23", "P", "https://x.example/a")


@pytest.mark.filterwarnings("ignore:skipped .* files")  # the gold .json files beside the articles
def test_extract_files_equals_the_csvs(corpus_output):
    tables = extract.extract_files(CORPUS, jobs=1)  # corpus/ holds corpus/real/ below it
    for kind in RECORD_TYPES:
        csv_ids = [r["record_id"] for r in read_csv(corpus_output / f"{kind}.csv").rows]
        assert list(tables[kind]["record_id"]) == csv_ids, kind
    ids = set(tables["articles"]["article_id"])
    assert {p.stem for p in CORPUS.glob("*.txt")} <= ids
    for _, art in tables["articles"].iterrows():
        assert art["status"] == "ok" and len(art["text"]) == art["chars"]


def test_extract_files_reads_pages_and_archives(tmp_path):
    shutil.copy(ROOT / "tests" / "text" / "pages" / "jharkhand-gem-hi.html", tmp_path / "page.html")
    (tmp_path / "dump.jsonl").write_text(json.dumps({"id": "j1", "text": HINDI}, ensure_ascii=False) + "\n{bad\n",
                                         encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tables = extract.extract_files([tmp_path], jobs=2)
    assert any("skipped 1 file" in str(w.message) for w in caught)
    assert tables["articles"].attrs["skipped"] == ["skipped 1 file (not .txt, .html, .htm, .jsonl or .jsonl.gz): .md 1"]
    arts = tables["articles"].set_index("article_id")
    assert arts.loc["page", "status"] == "ok" and arts.loc["j1", "status"] == "ok"
    assert arts.loc["dump-line-2", "status"] == "error" and "line 2: not valid JSON" in arts.loc["dump-line-2", "error"]
    assert (arts["text_path"] == "").all()
    for kind in RECORD_TYPES:
        for _, r in tables[kind].iterrows():
            assert arts.loc[r["article_id"], "text"][r["start"]:r["end"]] == r["evidence"]
    ov = tables["order_values"]
    assert set(zip(ov["article_id"], ov["inr"])) == {("page", 16_000_000_000), ("j1", 16_000_000_000)}


def test_a_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        extract.extract_files(tmp_path / "nowhere")


@pytest.mark.filterwarnings("ignore:skipped .* files")
def test_per_state_order_values_as_in_the_readme():
    tables = extract.extract_files(CORPUS / "real")
    ov = tables["order_values"]
    by_state = ov[ov["state"] != ""].groupby("state")["inr"].sum().sort_values(ascending=False)
    assert by_state.dtype == "int64" and len(by_state) >= 5
    assert isinstance(by_state, pd.Series)


def test_the_command_line_does_not_import_pandas():
    code = ("import sys, extract, extract.cli, extract.pipeline; "
            "print('pandas' in sys.modules, 'extract.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]
    code = "import sys, extract; extract.extract_text; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["True"]

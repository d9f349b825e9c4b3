"""Cells no reader expects: longer than the csv module's default field limit (131,072 characters),
and characters XML cannot hold (U+FFFE, U+FFFF, C0 controls). Every command that reads the output
back must still work, and the workbook must open."""
from __future__ import annotations

import json

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from extract import cli
from extract.output.csvsafe import read_csv
from extract.output.xlsx import cell_value

from ..conftest import CORPUS

SEED = sorted(CORPUS.glob("*.txt"))[0]


def _workbook_parses(path: Path) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ElementTree.fromstring(z.read(name))  # strict XML 1.0: raises on U+FFFE
    load_workbook(path).close()


def test_a_cell_over_131072_characters_does_not_break_any_command(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    # an archive line whose given title is 154,000 characters: the title cell is over the limit
    line = {"id": "long", "title": "जेम पोर्टल " * 14_000, "text": SEED.read_text(encoding="utf-8")}
    (src / "long.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress", "--review", "--xlsx"]) in (0, 1)
    rows = read_csv(out / "articles.csv").rows
    assert rows[0]["status"] == "ok"
    cells = [c for f in out.glob("*.csv") for r in read_csv(f).rows for c in r.values()]
    assert max(len(c) for c in cells) > 131_072
    assert cli.main(["verify", "--out", str(out)]) == 0
    assert cli.main(["review", "--out", str(out)]) == 0
    assert cli.main(["export", "--out", str(out)]) == 0
    assert cli.main(["eval", "--gold", str(CORPUS / "gold"), "--out", str(out)]) == 0
    _workbook_parses(out / "records.xlsx")


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x01", "\x0b", "\x1f"])
def test_characters_xml_cannot_hold_are_replaced_in_the_workbook(char):
    assert cell_value("title", f"a{char}b") == "a\ufffdb"
    assert cell_value("title", "a\tb\nc") == "a\tb\nc"


def test_a_workbook_of_text_with_non_characters_opens(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (src / "odd.txt").write_text("जेम\ufffe पोर्टल\uffff पर\n\n" + text, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress", "--xlsx"]) == 0
    _workbook_parses(out / "records.xlsx")


def test_the_workbook_types_the_columns_verify_checks_as_numbers_and_booleans():
    from extract.output import xlsx
    from extract.review import verify

    assert xlsx.INT_COLUMNS == verify.INT_COLUMNS and xlsx.BOOL_COLUMNS == verify.BOOL_COLUMNS

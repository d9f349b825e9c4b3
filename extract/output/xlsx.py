"""`gem-extract run --xlsx`: OUT/records.xlsx, the output CSVs as one workbook for reviewers.

Owns the workbook: one sheet "articles", then one sheet per record type in the contract's column
order, read back from the CSVs (cells restored, see csvsafe). Integer columns are numbers shown
in full (number format 0, never 7.9E+10), `primary` a real boolean, everything else a string cell
typed as a string, so nothing an article says can become a formula. Header row bold, frozen and
filterable. The bytes are the same for the same CSVs: fixed document dates and fixed zip entry
times. Characters XML 1.0 cannot hold (C0 controls other than TAB, LF, CR; lone surrogates; the
non-characters U+FFFE and U+FFFF, which openpyxl lets through) become U+FFFD, and a cell
longer than Excel's 32,767 characters is cut there, ending in "…". It does not write CSVs.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import fields
from pathlib import Path

from .csvsafe import atomic_write, read_csv
from .writer import ARTICLES_FILE
from ..records import ARTICLE_COLUMNS, RECORD_TYPES

WORKBOOK = "records.xlsx"
EXCEL_CELL_MAX = 32767
FIXED_TIME = _dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INT = re.compile(r"[0-9]+")


def _typed_columns(*type_names: str) -> frozenset[str]:
    """Record columns declared with one of these types in records.py ("int", "int | str", "bool")."""
    names = {t.replace(" ", "") for t in type_names}
    return frozenset(f.name for cls in RECORD_TYPES.values() for f in fields(cls)
                     if str(f.type).replace(" ", "") in names)


# numbers shown as numbers: integer columns, also those that may be empty (an empty cell stays empty)
INT_COLUMNS = _typed_columns("int", "int | str", "str | int") | {"chars"}
BOOL_COLUMNS = _typed_columns("bool")


def cell_value(column: str, raw: str):
    """The typed value of a CSV cell: int, bool, or the string made safe for XML and Excel."""
    if column in INT_COLUMNS and _INT.fullmatch(raw):
        return int(raw)
    if column in BOOL_COLUMNS and raw in ("true", "false"):
        return raw == "true"
    text = _ILLEGAL.sub("\ufffd", raw)
    if len(text) > EXCEL_CELL_MAX:
        text = text[:EXCEL_CELL_MAX - 1] + "…"
    return text


def _sheet(wb, title: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for r, row in enumerate(rows, start=2):
        for c, col in enumerate(columns, start=1):
            value = cell_value(col, row.get(col, ""))
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
            elif isinstance(value, int) and not isinstance(value, bool):
                cell.number_format = "0"
            widths[c - 1] = max(widths[c - 1], min(len(str(value)), 60))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def workbook_bytes(out_dir: str | Path) -> bytes:
    """The workbook for the CSVs in `out_dir`, byte-for-byte reproducible."""
    try:
        from openpyxl import Workbook
        from openpyxl.writer.excel import ExcelWriter
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError("--xlsx needs openpyxl: pip install 'openpyxl>=3.1'", name=exc.name) from exc
    out = Path(out_dir)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "gem-extract"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    _sheet(wb, "articles", ARTICLE_COLUMNS, read_csv(out / ARTICLES_FILE).rows)
    for kind, cls in RECORD_TYPES.items():
        path = out / f"{kind}.csv"
        _sheet(wb, kind, cls.columns(), read_csv(path).rows if path.is_file() else [])
    buf = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()  # save_workbook would stamp "now"
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry's time set to ZIP_TIME (zip entries carry the save time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def write_xlsx(out_dir: str | Path) -> Path:
    """Write OUT/records.xlsx (atomically) and return its path."""
    return atomic_write(Path(out_dir) / WORKBOOK, workbook_bytes(out_dir))

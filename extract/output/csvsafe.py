"""Safe output files: spreadsheet formula neutralisation of CSV cells, and atomic writes.

Owns the cell scheme that keeps a spreadsheet from running an extracted string as a formula
(CSV injection): a cell that begins with = + - @ TAB or CR gets a leading apostrophe, and so
does a cell that already begins with an apostrophe, which keeps the scheme unambiguous:
`restore` removes exactly one leading apostrophe, so `restore(neutralise(x)) == x` for every
string. It also owns reading an output CSV back (BOM, header, cells restored), writing one the
same way the pipeline does, and replacing a generated file atomically. It does not know the
contract's columns (records.py) or what the cells mean (verify.py).
"""
from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

# An article's title or context cell can be as long as the article: the csv module's default limit
# of 131,072 characters per field would make reading our own output fail.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

QUOTE = "'"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """The cell as written to CSV: prefixed with an apostrophe when a spreadsheet could read it
    as a formula, or when it begins with an apostrophe itself."""
    if cell.startswith(TRIGGERS) or cell.startswith(QUOTE):
        return QUOTE + cell
    return cell


def restore(cell: str) -> str:
    """The exact inverse of `neutralise` on anything it wrote."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def format_cell(value: object) -> str:
    """One value as a CSV cell: booleans true/false, None empty, strings neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


@dataclass(frozen=True)
class CsvTable:
    """An output CSV read back: its header, its rows (cells restored) and whether it had a BOM."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    has_bom: bool


def read_csv(path: str | Path) -> CsvTable:
    """Read an output CSV (UTF-8, optional BOM) with every cell restored."""
    path = Path(path)
    raw = path.read_bytes().decode("utf-8")
    has_bom = raw.startswith(BOM)
    reader = csv.reader(io.StringIO(raw[1:] if has_bom else raw, newline=""))
    header = next(reader, [])
    rows = []
    for cells in reader:
        cells = [restore(c) for c in cells]
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells))
        if len(cells) > len(header):
            row[None] = cells[len(header):]  # type: ignore[index]
        rows.append(row)
    return CsvTable(path=path, header=header, rows=rows, has_bom=has_bom)


def header_bytes(columns: Iterable[str]) -> bytes:
    """The start of an output CSV: the UTF-8 byte-order mark and the header row."""
    return (BOM).encode("utf-8") + cells_bytes([list(columns)])


def cells_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """CSV lines (CRLF) for rows of cells already formatted, as the pipeline writes them."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


_NEUTRALISED = TRIGGERS + (QUOTE,)


def _quote(cell: str) -> str:
    """A cell as the csv module's default (excel) dialect writes it: in double quotes, its own doubled,
    when it holds a double quote, a comma, CR or LF."""
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


def _cell_of(v: object) -> str:
    """The written cell of a value (`format_cell`, then quoted as the csv writer quotes)."""
    return _quote(format_cell(v))


def values_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """CSV lines for rows of raw values (no BOM, no header): the same bytes as `cells_bytes` of the
    rows' cells formatted by `format_cell`, written with str methods (the csv module's writer goes
    character by character)."""
    lines = []
    neutralised, cell_of = _NEUTRALISED, _cell_of
    for row in rows:
        # a string needs no change unless it opens like a formula or holds a quote, comma, CR or LF
        cells = [(v if not (v.startswith(neutralised) or '"' in v or "," in v or "\n" in v or "\r" in v) else cell_of(v))
                 if type(v) is str else str(v) if type(v) is int else "" if v is None
                 else "true" if v is True else "false" if v is False else cell_of(v) for v in row]
        if len(cells) == 1 and not cells[0]:
            cells[0] = '""'  # a row of one empty cell is written quoted (else it would read as no row)
        lines.append(",".join(cells))
    if not lines:
        return b""
    lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def rows_bytes(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """CSV lines for `rows` (no BOM, no header), cells formatted by `format_cell`."""
    columns = tuple(columns)
    return values_bytes([row.get(c) for c in columns] for row in rows)


def csv_bytes(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 with BOM, one header row, cells formatted by `format_cell`."""
    columns = tuple(columns)
    return header_bytes(columns) + rows_bytes(columns, rows)


def iter_cells(path: str | Path) -> Iterator[list[str]]:
    """The rows of an output CSV as written (cells not restored), header first, BOM dropped;
    `cells_bytes` writes them back to the same bytes."""
    with open(path, encoding="utf-8", newline="") as fh:
        if fh.read(1) != BOM:
            fh.seek(0)
        yield from csv.reader(fh)


def write_csv(path: str | Path, columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> Path:
    """Write an output CSV atomically (see `csv_bytes`)."""
    return atomic_write(path, csv_bytes(columns, rows))


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Replace `path` with `data` (str is written as UTF-8): a temporary file in the same folder,
    flushed, then renamed over the target, so readers never see a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path

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
from typing import Iterable, Iterator, Mapping, Sequence

# An article's title or context cell can be as long as the article: the csv module's default limit
# of 131,072 characters per field would make reading our own output fail.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

QUOTE = "'"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
_OPENERS = frozenset(TRIGGERS + (QUOTE,))  # the first characters `neutralise` prefixes; each sorts below "A"


def neutralise(cell: str) -> str:
    """The cell as written to CSV: prefixed with an apostrophe when a spreadsheet could read it
    as a formula, or when it begins with an apostrophe itself."""
    if cell[:1] in _OPENERS:
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


def _line(row: Sequence[object]) -> str:
    """One row's CSV line (no line end). A plain string (its first character not one `neutralise`
    prefixes, no double quote in it) is written as it is, in double quotes when it holds a comma; an
    int as its digits; any other value by `_cell_of`. A line that then holds CR or LF (a cell to
    quote for them) is written again by `_cell_of` alone."""
    # v >= "A": the first character sorts at or above "A", above every one of _OPENERS (one comparison)
    cells = [(v if "," not in v else '"' + v + '"')
             if type(v) is str and (v >= "A" or v[:1] not in _OPENERS) and '"' not in v
             else str(v) if type(v) is int else _cell_of(v)
             for v in row]
    line = ",".join(cells)
    if "\n" in line or "\r" in line:
        line = ",".join([_cell_of(v) for v in row])
    if not line and len(cells) == 1:
        return '""'  # a row of one empty cell is written quoted (else it would read as no row)
    return line


def values_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """CSV lines for rows of raw values (no BOM, no header): the same bytes as `cells_bytes` of the
    rows' cells formatted by `format_cell`, each row's line made by `_line` (the csv module's writer
    goes character by character)."""
    lines = [_line(row) for row in rows]
    if not lines:
        return b""
    lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def rows_bytes(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """CSV lines for `rows` (no BOM, no header), cells formatted by `format_cell`."""
    columns = tuple(columns)
    return values_bytes([[row.get(c) for c in columns] for row in rows])


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

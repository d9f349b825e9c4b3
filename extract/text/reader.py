"""Finding and reading article files.

Owns: expanding the command line's files and folders into article paths (sorted, .txt files in
folders), reading bytes, the sha256, decoding UTF-8 with or without a byte-order mark, and turning
every way a file can be bad (unreadable, empty, binary, not UTF-8, a duplicate article id) into a
clear error message instead of an exception. It does not interpret the text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Source:
    article_id: str
    path: str  # as given on the command line, joined with the folder walk (POSIX style)
    text: str  # decoded text, BOM removed; "" when unreadable
    sha256: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Article files under `paths` (files as given, folders walked), sorted; and missing paths."""
    found: set[Path] = set()
    missing: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.update(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        elif p.exists():
            found.add(p)
        else:
            missing.append(str(p))
    return sorted(found, key=lambda f: (f.stem, f.as_posix())), missing


def decode(data: bytes) -> tuple[str, str]:
    """(text, error) for the bytes of a file."""
    if not data.strip():
        return "", "empty file"
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                      (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            return "", f"not UTF-8: the file starts with a {name} byte-order mark; save it as UTF-8"
    nul = data.find(b"\x00")
    if nul >= 0:
        return "", f"binary file: NUL byte at offset {nul}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return "", f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded ({exc.reason})"
    if not text.strip():
        return "", "empty file"
    return text, ""


def read(path: Path) -> Source:
    article_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Source(article_id, path.as_posix(), "", "", f"cannot read: {exc.strerror or exc}")
    text, error = decode(data)
    return Source(article_id, path.as_posix(), text, hashlib.sha256(data).hexdigest(), error)

"""Finding and reading article files.

Owns: expanding the command line's files and folders into article inputs (sorted; in folders
`.txt`, `.html`/`.htm` and `.jsonl`/`.jsonl.gz` files), counting what is not read (other files,
empty folders) so that nothing is skipped silently, reading bytes without ever opening a file that
is not a regular one (a FIFO would block), the sha256, decoding UTF-8 with or without a byte-order
mark, and turning every way an input can be bad (unreadable file or folder, dangling or looping
symlink, special file, empty, binary, not UTF-8, a duplicate article id) into a clear error message
instead of an exception. Saved web pages are read by `webpage.py`, JSONL archives by `archive.py`;
this module dispatches to them. It does not interpret the text.
"""
from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import io
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

TEXTS_DIR = "texts"  # OUT/texts/<article_id>.txt: the text of an article that is not a file's bytes
KINDS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".jsonl.gz": "jsonl"}
ARTICLE_SUFFIXES = tuple(KINDS)


@dataclass(frozen=True)
class Source:
    """One article as read. `text` is what every offset indexes; for a saved web page or a JSONL
    line it is composed here and written to OUT/texts/<article_id>.txt (`saved`)."""

    article_id: str
    path: str  # the file read (POSIX style); for a JSONL line, the archive
    text: str  # decoded text, BOM removed; "" when unreadable
    sha256: str  # of the bytes `text` was decoded from (for a saved text: of its UTF-8 bytes)
    error: str = ""
    # Metadata that came with the article (HTML page, JSONL fields): it takes precedence over
    # what the text suggests. Empty when not given.
    title: str = ""
    published: str = ""  # YYYY-MM-DD
    publisher: str = ""
    url: str = ""
    line: int = 0  # 1-based line of a JSONL archive; 0 for files
    saved: bool = False  # the text is not a file's bytes: the pipeline keeps it in OUT/texts/

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def text_path(self) -> str:
        """Where the text is kept, relative to the output folder; "" when `path` holds it."""
        return f"{TEXTS_DIR}/{self.article_id}.txt" if self.saved and self.text else ""

    @property
    def where(self) -> str:
        """The file, and the line of an archive, for messages."""
        return f"{self.path} line {self.line}" if self.line else self.path


def saved_text_file(out_dir: str | Path, article: dict) -> Path | None:
    """The hook for verify/review/export: the file an articles.csv row's offsets index when it is
    not the source file itself (HTML pages and JSONL lines: OUT/texts/<article_id>.txt)."""
    rel = article.get("text_path") or ""
    return Path(out_dir) / rel if rel else None


def kind_of(path: Path) -> str | None:
    """txt, html or jsonl by the file name's ending; None for other files."""
    name = path.name
    if name.lower().endswith(".jsonl.gz"):
        return "jsonl"
    i = name.rfind(".")  # the suffix as pathlib gives it (worked out from the name once)
    return KINDS.get(name[i:].lower() if 0 < i < len(name) - 1 else "")


def stem_of(path: Path) -> str:
    """The article id of a file: its name without the article suffix (`a.jsonl.gz` -> `a`)."""
    name = path.name
    return name[: -len(".jsonl.gz")] if name.lower().endswith(".jsonl.gz") else path.stem


# ---------------------------------------------------------------- finding the inputs

@dataclass
class Inputs:
    """What the command line's paths hold."""

    files: list[Path] = field(default_factory=list)  # article files, sorted by (stem, path)
    problems: list[Source] = field(default_factory=list)  # entries that become error rows
    missing: list[str] = field(default_factory=list)  # paths that do not exist
    skipped: Counter = field(default_factory=Counter)  # "what" -> files not read
    empty_folders: list[str] = field(default_factory=list)

    def report(self) -> list[str]:
        """One line per kind of thing not read, for stderr; none when everything was read."""
        lines = []
        if self.skipped:
            n = sum(self.skipped.values())
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()))
            lines.append(f"skipped {n} file{'s' if n != 1 else ''} (not .txt, .html, .htm, .jsonl or .jsonl.gz): {kinds}")
        if self.empty_folders:
            n = len(self.empty_folders)
            shown = ", ".join(self.empty_folders[:5]) + (f" and {n - 5} more" if n > 5 else "")
            lines.append(f"{n} empty folder{'s' if n != 1 else ''}: {shown}")
        return lines


_SPECIAL = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
            (stat.S_ISBLK, "block device"))


def _special(mode: int) -> str:
    return next((name for test, name in _SPECIAL if test(mode)), "special file")


def _problem(path: Path, error: str) -> Source:
    return Source(stem_of(path) or path.name, path.as_posix(), "", "", error)


def _stat(path: Path) -> tuple[os.stat_result | None, str]:
    """The entry's stat (symlinks followed), or why there is none."""
    try:
        return os.stat(path), ""
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symlink loop: the link points back to itself"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return None, f"dangling symlink: its target {os.readlink(path)!r} does not exist"
        return None, f"cannot read: {exc.strerror or exc}"


def discover(paths: Iterable[str]) -> Inputs:
    """Article files under `paths` (files as given, folders walked, symlinks followed once), and
    everything else found there: error rows for what cannot be read, counts of what is not read."""
    inputs = Inputs()
    found: set[Path] = set()
    walked: set[tuple[int, int]] = set()
    for p in map(Path, paths):
        if not os.path.lexists(p):
            inputs.missing.append(str(p))
            continue
        st, error = _stat(p)
        if st is None:
            inputs.problems.append(_problem(p, error))
        elif stat.S_ISDIR(st.st_mode):
            _walk(p, st, inputs, found, walked)
        elif stat.S_ISREG(st.st_mode):
            found.add(p)  # a file named on the command line is read whatever its name
        else:
            inputs.problems.append(_problem(p, f"not a regular file ({_special(st.st_mode)}): not read"))
    inputs.files = sorted(found, key=lambda f: (stem_of(f), f.as_posix()))
    once: dict[str, Source] = {}
    for p in inputs.problems:  # an entry named on the command line and found in a folder too
        once.setdefault(p.path, p)
    inputs.problems = list(once.values())
    return inputs


def _walk(root: Path, root_stat: os.stat_result, inputs: Inputs, found: set[Path],
          walked: set[tuple[int, int]]) -> None:
    """Every entry below `root`, each folder once (a symlink back up the tree is not walked twice)."""
    if (root_stat.st_dev, root_stat.st_ino) in walked:
        return
    walked.add((root_stat.st_dev, root_stat.st_ino))
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
        except OSError as exc:
            inputs.problems.append(_problem(folder, f"cannot read folder: {exc.strerror or exc}"))
            continue
        if not names:
            inputs.empty_folders.append(folder.as_posix())
        for name in names:
            entry = folder / name
            article = kind_of(entry) is not None
            st, error = _stat(entry)
            if st is None:
                if article:
                    inputs.problems.append(_problem(entry, error))
                else:
                    inputs.skipped[error.split(":")[0]] += 1
            elif stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in walked:
                    inputs.skipped["folder reached twice through a symlink"] += 1
                else:
                    walked.add(key)
                    stack.append(entry)
            elif stat.S_ISREG(st.st_mode):
                if article:
                    found.add(entry)
                else:
                    inputs.skipped[entry.suffix.lower() or "(no extension)"] += 1
            elif article:
                inputs.problems.append(_problem(entry, f"not a regular file ({_special(st.st_mode)}): not read"))
            else:
                inputs.skipped[_special(st.st_mode)] += 1


# ---------------------------------------------------------------- reading

def _regular_fd(path: Path) -> tuple[int, int, str]:
    """(descriptor, size, error) of a regular file, opened non-blocking; (-1, 0, error) when it cannot
    be opened or is not a regular file (a FIFO or a device is refused unread; nothing is left open)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return -1, 0, "symlink loop: the link points back to itself"
        return -1, 0, f"cannot read: {exc.strerror or exc}"
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        return -1, 0, f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return -1, 0, ("cannot read: Is a directory" if stat.S_ISDIR(st.st_mode)
                       else f"not a regular file ({_special(st.st_mode)}): not read")
    return fd, max(st.st_size, 0), ""


def open_regular(path: Path) -> tuple[io.BufferedReader | None, str]:
    """(binary file, error). Never blocks: the file is handed out only when it is a regular file."""
    fd, _, error = _regular_fd(path)
    return (os.fdopen(fd, "rb"), "") if fd >= 0 else (None, error)


def read_bytes(path: Path) -> tuple[bytes, str]:
    """(bytes, error) of a regular file (see `open_regular`; read on the descriptor itself, without
    a buffered file object around it)."""
    fd, size, error = _regular_fd(path)
    if fd < 0:
        return b"", error
    try:
        parts = []
        size += 1  # one more byte: a file that grew is read on to its end
        while True:
            chunk = os.read(fd, size)
            if not chunk:
                break
            parts.append(chunk)
            size = 1 << 16
    except OSError as exc:
        return b"", f"cannot read: {exc.strerror or exc}"
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts), ""


def decode(data: bytes) -> tuple[str, str]:
    """(text, error) for the bytes of a file."""
    if not data or data.isspace():  # nothing but ASCII whitespace (what bytes.strip() removes)
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
    if not text or text.isspace():
        return "", "empty file"
    return text, ""


def read(path: Path, article_id: str | None = None, posix: str | None = None) -> Source:
    """A plain-text article file: its bytes are the text. `article_id`, `posix`: the id and the path
    to give the Source (default: the file's stem and `path` in POSIX style)."""
    article_id = stem_of(path) if article_id is None else article_id
    posix = path.as_posix() if posix is None else posix
    data, error = read_bytes(path)
    if error:
        return Source(article_id, posix, "", "", error)
    text, error = decode(data)
    return Source(article_id, posix, text, hashlib.sha256(data).hexdigest(), error)


# ---------------------------------------------------------------- texts that are not a file's bytes

def compose(title: str, body: str) -> str:
    """The text kept for a web page or a JSONL line: the title on the first line (when there is
    one; a body whose first line is the title does not repeat it), a blank line, then the body.
    No body, no text. A leading byte-order mark character is dropped, since readers of the saved
    file drop it too."""
    title, body = " ".join(title.split()), body.strip().lstrip("\ufeff").strip()
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if " ".join(first.split()) == title:
        body = rest.strip()
    return f"{title}\n\n{body}" if body else ""


def saved_source(article_id: str, path: Path, text: str, empty: str = "no article text", **meta) -> Source:
    """A Source whose text is kept in OUT/texts/ (sha256 of its UTF-8 bytes), or an error row
    (`empty` says why when there is no text)."""
    if not text.strip():
        return Source(article_id, path.as_posix(), "", "", empty, **meta)
    bad = unencodable(text)
    if bad:
        return Source(article_id, path.as_posix(), "", "", f"text {bad}", **meta)
    if "\x00" in text:
        return Source(article_id, path.as_posix(), "", "", f"text holds a NUL character at {text.index(chr(0))}", **meta)
    return Source(article_id, path.as_posix(), text, hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  saved=True, **meta)


def unencodable(value: str) -> str:
    """Why `value` cannot be written as UTF-8 (an unpaired surrogate from JSON), or ""."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"holds an unpaired surrogate U+{ord(value[exc.start]):04X} at {exc.start}"
    return ""


_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:$|[T\s])")


def iso_date(value: str) -> str:
    """YYYY-MM-DD from an ISO date or date-time ("2024-03-05T10:00:00+05:30"); "" otherwise."""
    m = _ISO_DATE.match(value or "")
    if not m:
        return ""
    try:
        return _dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return ""


ID_MAX = 80


def safe_id(value: str, key: str | None = None) -> str:
    """A filename-safe article id for `value`: unchanged when it already is one (and no `key` is
    given), else its letters, marks, digits, '.', '_' and '-' (other runs become '-') with 8 hex
    digits of the sha1 of `key` (default: `value`) appended, so that distinct keys keep distinct ids."""
    if key is None and _is_safe(value):
        return value
    kept = "".join(c if (c.isalnum() or c in "._-" or _is_mark(c)) else " " for c in value)
    slug = "-".join(kept.split()).strip(".-")[:ID_MAX - 9].rstrip(".-") or "article"
    digest = hashlib.sha1((value if key is None else key).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{slug}-{digest[:8]}"


def _is_mark(c: str) -> bool:
    return unicodedata.category(c).startswith("M")


def _is_safe(value: str) -> bool:
    return (0 < len(value) <= ID_MAX and not value.startswith((".", "-"))
            and all(c.isalnum() or c in "._-" or _is_mark(c) for c in value))


# ---------------------------------------------------------------- the article stream

Item = Union[Path, Source]  # a file to read (in a worker), or an article already read (a JSONL line)


def items(files: Iterable[Path]) -> Iterator[Item]:
    """One item per article: files as paths (read later, possibly in another process), JSONL
    archives line by line as they are read (never loaded whole)."""
    for f in files:
        if kind_of(f) == "jsonl":
            from .archive import read_lines

            yield from read_lines(f)
        else:
            yield f


def item_id(item: Item) -> str:
    return item.article_id if isinstance(item, Source) else stem_of(item)


def item_where(item: Item) -> str:
    return item.where if isinstance(item, Source) else item.as_posix()


def load(item: Item) -> Source:
    """The Source of an item: a web page's main text, a text file's text, or the line itself."""
    if isinstance(item, Source):
        return item
    if kind_of(item) == "html":
        from .webpage import read as read_page

        return read_page(item)
    return read(item)

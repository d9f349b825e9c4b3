"""JSONL archives (`.jsonl`, `.jsonl.gz`): one article per line, read as a stream.

A line is a JSON object with `text` and `id` (or `url`), and optionally `title`, `published`,
`publisher`, `url`: given metadata takes precedence over what the text suggests. The article id
is the `id` (or, without one, the URL's last path segment), made filename-safe (see
`reader.safe_id`). The text kept for a line is `reader.compose(title, text)`, saved by the
pipeline in OUT/texts/<article_id>.txt, so that offsets index a file as for any article.

Owns parsing and checking lines. A bad line (not UTF-8, not JSON, not an object, no text, no id,
a field of the wrong type) becomes an error row naming the file and the line; the rest of the
archive goes on. Blank lines are skipped. Lines are read one at a time: an archive is never held
in memory whole.
"""
from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from .reader import Source, compose, iso_date, open_regular, safe_id, saved_source, stem_of, unencodable

META_FIELDS = ("title", "published", "publisher", "url")


def read_lines(path: Path) -> Iterator[Source]:
    """One Source per non-blank line of the archive at `path`, in order (gunzipped for .gz)."""
    raw, error = open_regular(path)
    if raw is None:
        yield Source(stem_of(path), path.as_posix(), "", "", error)
        return
    n = articles = 0
    with raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw
        try:
            with stream:
                for n, line in enumerate(stream, 1):
                    if line.strip():
                        articles += 1
                        yield line_source(path, n, line)
        except (OSError, EOFError, zlib.error) as exc:
            yield _bad(path, n + 1, f"cannot read further: {exc}")
            return
    if not articles:
        yield Source(stem_of(path), path.as_posix(), "", "", "empty file: no JSON lines")


def _bad(path: Path, n: int, why: str, article_id: str = "") -> Source:
    return Source(article_id or f"{stem_of(path)}-line-{n}", path.as_posix(), "", "",
                  f"{path.as_posix()} line {n}: {why}", line=n)


def line_source(path: Path, n: int, raw: bytes) -> Source:
    """The article of line `n` (its bytes `raw`), or an error row naming the file and the line."""
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return _bad(path, n, f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(path, n, f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return _bad(path, n, "not valid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return _bad(path, n, f"not a JSON object but {type(obj).__name__}")
    fields: dict[str, str] = {}
    for name in ("id", "text", *META_FIELDS):
        value = obj.get(name)
        if value is None:
            continue
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return _bad(path, n, f"{name} is {type(value).__name__}, not a string")
        bad = unencodable(value)
        if bad:
            return _bad(path, n, f"{name} {bad}")
        fields[name] = value
    given = fields.get("id", "").strip()
    url = fields.get("url", "").strip()
    if not given and not url:
        return _bad(path, n, "no id and no url to name the article")
    article_id = safe_id(given) if given else safe_id(_url_name(url), key=url)
    if "text" not in fields:
        return _bad(path, n, "no text", article_id)
    title = " ".join(fields.get("title", "").split())
    published = iso_date(fields.get("published", ""))
    if fields.get("published", "").strip() and not published:
        return _bad(path, n, f"published {fields['published']!r} is not a date (YYYY-MM-DD or ISO date-time)",
                    article_id)
    src = saved_source(article_id, path, compose(title, fields["text"]), empty="empty text", title=title,
                       published=published, publisher=" ".join(fields.get("publisher", "").split()),
                       url=url, line=n)
    return src if src.ok else _bad(path, n, src.error, article_id)


def _url_name(url: str) -> str:
    """The part of a URL that names its article: the last path segment, else the host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and s.lower() not in ("amp", "index.html")]
    return unquote(segments[-1]) if segments else parts.netloc or url

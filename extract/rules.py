"""Loading and validating the rule data in rules/*.toml.

Owns where the rule files live, reading them once per process, and the checks every rule file
gets at load: it parses, required keys are present with the right types, and no two entries
collide after Unicode folding. A broken file raises RuleError naming the file and the entry.
It does not interpret rules: each stage reads the tables it owns.

A fresh process would spend ~0.1 s parsing the TOML and ~0.1 s on the collision checks (the
indic-nlp normaliser among them) before its first article, so both are kept on disk by content
hash (`cache_dir()`): a parsed file is stored as `marshal` data under the hash of its bytes, a
passed check (collisions here, the layout markers' patterns in text/layout.py) as an empty marker
under the hash of what it checked (`check_once`). A changed file
hashes differently and is read and checked again; a cache that cannot be read or written is
ignored (the rules are then parsed and checked as without it).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .normalise import fold

RULES_DIR = Path(os.environ.get("GEM_EXTRACT_RULES", Path(__file__).resolve().parent.parent / "rules"))
CACHE_FORMAT = 1  # bump when what is cached changes shape


def cache_dir() -> Path | None:
    """Where parsed and checked rules are kept: $GEM_EXTRACT_CACHE, else $XDG_CACHE_HOME/gem-extract,
    else ~/.cache/gem-extract. GEM_EXTRACT_CACHE=off turns the cache off."""
    chosen = os.environ.get("GEM_EXTRACT_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gem-extract"


def _cache_key(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{CACHE_FORMAT}|{sys.version_info[:2]}|{marshal.version}".encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _cache_read(name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def _cache_write(name: str, data: bytes) -> None:
    """Write atomically (a temporary file renamed over the name); any failure leaves no cache."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


class RuleError(ValueError):
    """A rule file is broken: the message names the file and the entry."""

    def __init__(self, file: str | Path, entry: str, problem: str):
        self.file, self.entry, self.problem = str(file), entry, problem
        super().__init__(f"{file}: entry {entry!r}: {problem}")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed rules/<name>.toml (read once per process; parsed once per content, see cache_dir)."""
    path = path_of(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RuleError(path, "-", "rule file not found") from None
    key = f"toml-{_cache_key(raw)}"
    cached = _cache_read(key)
    if cached is not None:
        try:
            data = marshal.loads(cached)
            if isinstance(data, dict):
                return data
        except (EOFError, ValueError, TypeError):
            pass  # a damaged cache file: parse again
    import tomllib  # here: a warm cache never parses TOML (the parser's import is ~10 ms of a cold start)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleError(path, "-", f"not valid TOML: not UTF-8 ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(path, "-", f"not valid TOML: {exc}") from None
    try:
        _cache_write(key, marshal.dumps(data))
    except ValueError:
        pass  # a value marshal cannot keep (a TOML date): not cached
    return data


def path_of(name: str) -> Path:
    return RULES_DIR / f"{name}.toml"


def table(name: str, key: str, required: dict[str, type] | None = None) -> list[dict[str, Any]]:
    """The array of tables `key` of rules/<name>.toml, each entry checked for `required` keys."""
    data = load(name)
    entries = data.get(key)
    if not isinstance(entries, list):
        raise RuleError(path_of(name), key, "expected an array of tables [[%s]]" % key)
    for i, entry in enumerate(entries):
        label = str(entry.get("id", entry.get("en", f"{key}[{i}]")))
        for field, typ in (required or {}).items():
            if field not in entry:
                raise RuleError(path_of(name), label, f"missing key {field!r}")
            if not isinstance(entry[field], typ):
                raise RuleError(path_of(name), label, f"key {field!r} must be {typ.__name__}")
    return entries


@lru_cache(maxsize=1)
def _indic_normaliser():
    from indicnlp.normalize.indic_normalize import IndicNormalizerFactory

    return IndicNormalizerFactory().get_normalizer("hi")


def collision_key(surface: str) -> str:
    """The key two rule forms must not share: folded, then indic-nlp's Devanagari normalisation
    (run on this copy only: it rewrites ':' after Devanagari and may change lengths)."""
    return _indic_normaliser().normalize(fold(surface))


@lru_cache(maxsize=1)
def _checker_identity() -> bytes:
    """What a collision verdict depends on besides the forms: the folding code and the indic-nlp
    normaliser installed (its file's size and time, found without importing it)."""
    from importlib.util import find_spec

    parts = [Path(__file__).read_bytes(), (Path(__file__).parent / "normalise.py").read_bytes()]
    spec = find_spec("indicnlp")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            st = (Path(folder) / "normalize" / "indic_normalize.py").stat()
            parts.append(f"{folder}|{st.st_size}|{st.st_mtime_ns}".encode())
        except OSError:
            pass
    return b"\0".join(parts)


def check_once(kind: str, check: Callable[[], None], *checked: bytes) -> None:
    """Run `check` (it raises RuleError on a broken rule) unless it passed before on the same
    `checked` bytes: a passed check leaves an empty marker under their hash (see cache_dir).
    `checked` holds all a verdict depends on: the rule data and the checking code's identity."""
    key = f"{kind}-{_cache_key(*checked)}"
    if _cache_read(key) is not None:
        return
    check()
    _cache_write(key, b"")


def check_unique(name: str, items: Iterable[tuple[str, str]], what: str) -> None:
    """Fail when two (entry label, surface form) pairs collide after Unicode and Devanagari
    normalisation. A check that passed is remembered by the hash of what it checked."""
    items = list(items)

    def check() -> None:
        seen: dict[str, str] = {}
        for label, surface in items:
            k = collision_key(surface)
            if not k:
                raise RuleError(path_of(name), label, f"empty {what}")
            if k in seen and seen[k] != label:
                raise RuleError(path_of(name), label, f"{what} {surface!r} collides with entry {seen[k]!r}")
            seen[k] = label

    check_once("unique", check, _checker_identity(), name.encode(), what.encode(), repr(items).encode())


def rule_ids() -> dict[str, str]:
    """Every rule id of rules/extraction.toml -> the record type it produces."""
    ids: dict[str, str] = {}
    for entry in table("extraction", "rule", {"id": str, "record": str, "description": str}):
        if entry["id"] in ids:
            raise RuleError(path_of("extraction"), entry["id"], "duplicate rule id")
        ids[entry["id"]] = entry["record"]
    return ids

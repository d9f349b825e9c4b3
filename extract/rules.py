"""Loading and validating the rule data in rules/*.toml.

Owns where the rule files live, reading them once (cached), and the checks every rule file
gets at load: it parses, required keys are present with the right types, and no two entries
collide after Unicode folding. A broken file raises RuleError naming the file and the entry.
It does not interpret rules: each stage reads the tables it owns.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .normalise import fold

RULES_DIR = Path(os.environ.get("GEM_EXTRACT_RULES", Path(__file__).resolve().parent.parent / "rules"))


class RuleError(ValueError):
    """A rule file is broken: the message names the file and the entry."""

    def __init__(self, file: str | Path, entry: str, problem: str):
        self.file, self.entry, self.problem = str(file), entry, problem
        super().__init__(f"{file}: entry {entry!r}: {problem}")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed rules/<name>.toml (read once per process)."""
    path = RULES_DIR / f"{name}.toml"
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise RuleError(path, "-", "rule file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(path, "-", f"not valid TOML: {exc}") from None


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


def check_unique(name: str, items: Iterable[tuple[str, str]], what: str) -> None:
    """Fail when two (entry label, surface form) pairs collide after Unicode and Devanagari normalisation."""
    seen: dict[str, str] = {}
    for label, surface in items:
        k = collision_key(surface)
        if not k:
            raise RuleError(path_of(name), label, f"empty {what}")
        if k in seen and seen[k] != label:
            raise RuleError(path_of(name), label, f"{what} {surface!r} collides with entry {seen[k]!r}")
        seen[k] = label


def rule_ids() -> dict[str, str]:
    """Every rule id of rules/extraction.toml -> the record type it produces."""
    ids: dict[str, str] = {}
    for entry in table("extraction", "rule", {"id": str, "record": str, "description": str}):
        if entry["id"] in ids:
            raise RuleError(path_of("extraction"), entry["id"], "duplicate rule id")
        ids[entry["id"]] = entry["record"]
    return ids

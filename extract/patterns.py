"""How the project compiles its patterns: the `regex` module's version-1 syntax (set operations,
`\\p{...}` classes, nested sets) with simple case folding.

In version 1, a pattern that ignores case folds fully by default: one character may fold to
several ("ß" to "ss", "ﬁ" to "fi"), so every case-insensitive step of the matcher tries
multi-character folds. On news copy that made the layout markers 8-15x slower, for nothing:
Devanagari has no case, and Latin headlines, datelines and cue words need only one-to-one folding.
Every pattern of the pipeline is compiled here, with full folding turned off (`(?-f)`).
"""
from __future__ import annotations

import regex

IGNORECASE = regex.IGNORECASE


def compile(source: str, flags: int = 0) -> "regex.Pattern[str]":  # noqa: A001 - the regex module's name
    """`source` compiled in version-1 syntax, simple case folding where it ignores case."""
    return regex.compile("(?-f)" + source, flags | regex.V1)

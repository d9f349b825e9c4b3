"""Bounded memo tables: what a stage works out once per word (or per other short key: a character,
a chunk of text between spaces, the opening of a line) and reads again for every later occurrence.

A table is a dict, so a hit is one C-level lookup (`table.get(key)`); only a miss calls `keep`, which
empties the table first when it has reached its limit. A compiled module that declares its table a
plain `dict` (a C-level look-up; a subclass such as Memo is read through the generic path) keeps an
entry with the function `keep`, which does the same. A process that reads a whole archive meets
ever new words: the limit keeps its memory flat. What is kept must depend on the key alone (and on
rules read once), so that emptying a table never changes a result.
"""
from __future__ import annotations

from typing import Any


class Memo(dict):
    """A dict of at most `limit` entries, emptied when full (see the module docstring)."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = 1 << 16) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: Any, value: Any) -> Any:
        """Store `value` under `key` and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


def keep(table: dict, key: Any, value: Any, limit: int) -> Any:
    """Store `value` under `key` in a plain dict used as a bounded memo table (emptied first when it
    holds `limit` entries) and return it: Memo.keep for a table that is a plain dict."""
    if len(table) >= limit:
        table.clear()
    table[key] = value
    return value

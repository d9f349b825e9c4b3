"""Sentence segmentation of the content blocks (title, headings, paragraphs).

Owns where a sentence ends: after a danda (।, ॥), ?, ! or a full stop followed by a space or the
end of the block; not after an abbreviation (डॉ., श्री., Rs., Pvt., Ltd. ... from rules/layout.toml),
an initial ("A. K. Singh") or inside a number (1.5). Offsets are carried, never searched for: each
sentence has its working-copy span and its original span. It does not decide what is boilerplate.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..patterns import occurrences
from .layout import Block, Layout
from ..normalise import normalise
from ..numbers import is_decimal_point

_RUN = "।॥?!"  # a run of these ends a sentence; a full stop ends one when no digit follows it
_DIGIT = regex.compile(r"\d")


def _end_chars(norm: str, start: int, end: int) -> list[int]:
    """The offsets of the characters that may end a sentence (dandas, "?", "!", full stops) in
    norm[start:end], sorted: found once per article by str.find (they are few; a pattern's character
    set is tried at every character)."""
    return sorted(i for i, _ in occurrences(norm, _RUN + ".", start, end))


def _ends(norm: str, found: list[int], end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence end of a block that ends at `end`, left to right, from the
    `_end_chars` inside it: a run of dandas, "?" and "!", or a full stop not before a digit (a
    digit as the regex module's `\\d` reads one)."""
    out, after = [], 0
    for i in found:
        if i < after:
            continue  # inside a run already taken
        j = i + 1
        if norm[i] == ".":
            if j < end and ("0" <= norm[j] <= "9" or (norm[j] > "\x7f" and _DIGIT.match(norm, j, end))):
                continue
        else:
            while j < end and norm[j] in _RUN:
                j += 1
        out.append((i, j))
        after = j
    return out


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    """A sentence of a content block. Made for every sentence: a slotted, not frozen dataclass (a
    frozen one's __init__ costs several times as much), read-only by convention."""

    index: int
    start: int  # original offsets
    end: int
    nstart: int  # working-copy offsets
    nend: int
    block: Block

    @property
    def display(self) -> bool:
        """Title or heading: a headline restates facts, it does not add them."""
        return self.block.kind in ("title", "heading")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(normalise(a).norm.casefold() for a in rules.load("layout")["abbreviations"])


def _is_abbreviation(norm: str, dot: int, block_start: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial."""
    i = dot
    while i > block_start and not norm[i - 1].isspace() and norm[i - 1] not in "(\"'":
        i -= 1
    word = norm[i:dot + 1].casefold()
    if word in _abbreviations():
        return True
    return dot - i == 1 and norm[i].isupper()  # an initial: "A. K. Singh"


def split(layout: Layout) -> list[Sentence]:
    """The sentences of the article's content blocks, in order, each with its offsets in the text
    as read and in the working copy."""
    norm = layout.nt.norm
    out: list[Sentence] = []
    blocks = layout.content()
    marks = _end_chars(norm, blocks[0].nstart, blocks[-1].nend) if blocks else []
    k = 0
    for block in blocks:
        start = block.nstart
        k = bisect_left(marks, block.nstart, k)
        inside = marks[k:bisect_left(marks, block.nend, k)]
        for dot, end in _ends(norm, inside, block.nend):
            if end < block.nend and not norm[end].isspace() and norm[end] not in "\"')":
                continue
            if norm[dot] == "." and (_is_abbreviation(norm, dot, block.nstart) or is_decimal_point(norm, dot)):  # "2. 8 lakh"
                continue
            while end < block.nend and norm[end] in "\"')":
                end += 1
            _add(out, layout, block, start, end)
            start = end
        _add(out, layout, block, start, block.nend)
    return out


def _add(out: list[Sentence], layout: Layout, block: Block, s: int, e: int) -> None:
    norm = layout.nt.norm
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    if e <= s:
        return
    os_, oe = layout.nt.span(s, e)
    out.append(_sentence(len(out), os_, oe, s, e, block))


_new = object.__new__


def _sentence(index: int, start: int, end: int, nstart: int, nend: int, block: Block) -> Sentence:
    """`Sentence(index, start, end, nstart, nend, block)` without the call of its __init__ (Python
    code entered through a C-level slot: it cost more than the rest of adding a sentence); its six
    slots stored directly (see normalise._norm_text)."""
    sent = _new(Sentence)
    sent.index, sent.start, sent.end, sent.nstart, sent.nend, sent.block = index, start, end, nstart, nend, block
    return sent

"""Normalised working copy of an article text, with a map back to the original offsets.

Owns every character-level rewrite the matchers rely on:
- precomposed nukta letters (U+0958-U+095F, e.g. ड़ as one code point) are decomposed into
  letter + U+093C, so both spellings seen in real copy match one pattern;
- Devanagari digits become ASCII digits (one for one);
- NBSP, narrow and other Unicode spaces become a plain space; zero-width characters and
  soft hyphens are dropped; typographic quotes, dashes and the prime-like marks become ASCII.

Matching runs on `NormText.norm`; `NormText.span()` turns a span of the working copy back into
offsets of the text as read from the file. It does not segment or interpret anything.
"""
from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Sequence
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

_NUKTA_PRECOMPOSED = {cp: unicodedata.normalize("NFD", chr(cp)) for cp in range(0x0958, 0x0960)}
_DEV_DIGITS = {0x0966 + i: str(i) for i in range(10)}
_SPACES = {0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
           0x2009, 0x200A, 0x202F, 0x205F, 0x3000}
_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
_ASCII = {
    0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
    0x201C: '"', 0x201D: '"', 0x201E: '"', 0x2033: '"',
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-",
}

_TABLE: dict[int, str] = {}
_TABLE.update(_NUKTA_PRECOMPOSED)
_TABLE.update(_DEV_DIGITS)
_TABLE.update({cp: " " for cp in _SPACES})
_TABLE.update({cp: "" for cp in _DROP})
_TABLE.update(_ASCII)


@dataclass(slots=True, unsafe_hash=True)
class NormText:
    """A working copy `norm` of `text`; `to_orig[i]` is the original index of norm[i]. `to_orig` is a
    `range` exactly when no rewrite changed a length: then an offset is the same in both, and hot
    paths test `type(nt.to_orig) is range` to skip the map. Made for every article and every phrase
    the number layer reads: not frozen (a frozen dataclass's __init__ costs twice as much), read-only
    by convention. `norm` is always a plain `str`, a subclass's text too (the compiled modules type
    it so: see extract/native.py)."""

    text: str
    norm: str
    to_orig: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the working-copy span norm[start:end]."""
        if end <= start:
            o = self.to_orig[start] if start < len(self.to_orig) else len(self.text)
            return o, o
        return self.to_orig[start], self.to_orig[end - 1] + 1

    def to_norm(self, start: int, end: int) -> tuple[int, int]:
        """Working-copy (start, end) of the original span text[start:end]."""
        return bisect_left(self.to_orig, start), bisect_left(self.to_orig, end)


_new = object.__new__


def _norm_text(text: str, norm: str, to_orig: Sequence[int]) -> NormText:
    """`NormText(text, norm, to_orig)` without the call of its __init__: a class whose __init__ is
    Python code is called through a C-level slot that enters the interpreter afresh, which cost more
    than the rest of normalising a short phrase; three stores into its slots cost a few lines."""
    nt = _new(NormText)
    nt.text, nt.norm, nt.to_orig = text, norm, to_orig
    return nt


_LENGTH_CHANGING = re.compile("[%s]" % "".join(
    re.escape(chr(cp)) for cp, rep in _TABLE.items() if len(rep) != 1))
_REWRITTEN = re.compile("[%s]" % "".join(re.escape(chr(cp)) for cp in _TABLE))


def _rewrite(m: "re.Match[str]") -> str:
    return _TABLE[ord(m.group())]


def normalise(text: str) -> NormText:
    """Build the working copy of `text` and its offset map (linear in the text)."""
    first = None if text.isascii() else _REWRITTEN.search(text)  # (no rewritten character is ASCII)
    if first is None:  # most texts and phrases: nothing to rewrite (a str's subclass: as a plain str)
        return _norm_text(text, str(text), range(len(text)))
    # the rewritten characters are few: replaced where found (str.translate looks every character up)
    norm = _REWRITTEN.sub(_rewrite, text)
    if not _LENGTH_CHANGING.search(text, first.start()):  # every rewrite is one character for one
        return _norm_text(text, norm, range(len(text)))
    # the rewrites that change the length are few: the stretches between them map one for one
    to_orig: list[int] = []
    pos = 0
    table = _TABLE
    for m in _LENGTH_CHANGING.finditer(text, first.start()):
        i = m.start()
        to_orig.extend(range(pos, i))
        to_orig.extend([i] * len(table[ord(text[i])]))
        pos = i + 1
    to_orig.extend(range(pos, len(text)))
    return _norm_text(text, norm, tuple(to_orig))


def rewrites(text: str) -> bool:
    """True when the working-copy rewrite changes `text`: it holds a precomposed nukta letter, a
    Devanagari digit, an unusual space or a character that is dropped."""
    return _REWRITTEN.search(text) is not None


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Comparison key for words and names (not for offsets): the working-copy rewrite, NFC with
    nukta letters decomposed, whitespace collapsed, Latin case-folded."""
    if s.isascii():  # NFC and the working-copy rewrite leave ASCII as it is (no rewritten character is ASCII)
        return " ".join(s.split()).casefold()
    s = unicodedata.normalize("NFC", s)
    s = normalise(s).norm
    return " ".join(s.split()).casefold()


_DEVANAGARI_RUN = regex.compile(r"\p{Devanagari}+")
_LATIN_RUN = regex.compile(r"\p{Latin}+")
# A character other than ASCII, the Devanagari block (U+0900-U+097F, without the Vedic stress signs
# U+0951-U+0954, which are of no script) and symbols of no script
# (Latin-1 punctuation without ª and º, ×, ÷, general punctuation, currency signs, arrows, box
# drawing, shapes, dingbats): where none is found, the letters of both scripts are counted on the
# UTF-8 bytes.
_BEYOND = re.compile("[^\x00-\x7f\u0900-\u0950\u0955-\u097f\u00a0-\u00a9\u00ab-\u00b9\u00bb-\u00bf\u00d7\u00f7"
                     "\u2000-\u206f\u20a0-\u20cf\u2190-\u21ff\u2500-\u27bf]")
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))


def _probe() -> None:
    """Its type says whether this module runs compiled (COMPILED)."""


COMPILED = not isinstance(_probe, types.FunctionType)  # a compiled function is a builtin one


def script_counts(text: str) -> tuple[int, int]:
    """(Devanagari letters, Latin letters) in `text`: characters of the Devanagari and the Latin
    script (`\\p{Devanagari}`, `\\p{Latin}`). Decides an article's, a block's or a segment's language.
    When the text holds nothing else of either script (no character _BEYOND finds), the compiled
    module counts them in one loop over the characters (_counted_plain); pure Python on the UTF-8
    bytes (the block's characters are E0 A4 xx and E0 A5 xx, ASCII letters single bytes), where a
    loop per character would be slow. Else by the summed lengths of script runs. An ASCII text (a
    flag of the string: no search) holds nothing else."""
    if COMPILED and type(text) is str:
        found = _counted_plain(text)
        if found is not None:
            return found
    elif text.isascii() or _BEYOND.search(text) is None:
        return _counted_bytes(text)
    return sum(map(len, _DEVANAGARI_RUN.findall(text))), sum(map(len, _LATIN_RUN.findall(text)))


def _counted_plain(text: str) -> tuple[int, int] | None:
    """script_counts of a text _BEYOND finds nothing in, else None: in one pass over its characters
    (a C loop in the compiled module; see normalise.pxd)."""
    dev = lat = 0
    for ch in text:
        if ch < "\x80":
            if "a" <= ch <= "z" or "A" <= ch <= "Z":
                lat += 1
        elif "\u0900" <= ch <= "\u097f":
            if "\u0951" <= ch <= "\u0954":
                return None  # the Vedic stress signs: of no script
            if ch != "\u0964" and ch != "\u0965":  # the dandas are of no script
                dev += 1
        elif not ("\u00a0" <= ch <= "\u00bf" and ch != "\u00aa" and ch != "\u00ba" or ch == "\u00d7" or ch == "\u00f7"
                  or "\u2000" <= ch <= "\u206f" or "\u20a0" <= ch <= "\u20cf" or "\u2190" <= ch <= "\u21ff"
                  or "\u2500" <= ch <= "\u27bf"):
            return None  # a character _BEYOND finds
    return dev, lat


def _counted_bytes(text: str) -> tuple[int, int]:
    """script_counts of a text _BEYOND finds nothing in, counted on its UTF-8 bytes."""
    b = text.encode("utf-8", "surrogatepass")
    # E0 opens the UTF-8 of U+0800-U+0FFF, where only the block's characters are left
    dev = b.count(0xE0)
    if dev:  # the dandas (U+0964, U+0965) are of no script
        dev -= text.count("\u0964") + text.count("\u0965")
    return dev, len(b) - len(b.translate(None, _ASCII_LETTERS))

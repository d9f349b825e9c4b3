"""How the project compiles its patterns: the `regex` module's version-1 syntax (set operations,
`\\p{...}` classes, nested sets) with simple case folding.

In version 1, a pattern that ignores case folds fully by default: one character may fold to
several ("ß" to "ss", "ﬁ" to "fi"), so every case-insensitive step of the matcher tries
multi-character folds. On news copy that made the layout markers 8-15x slower, for nothing:
Devanagari has no case, and Latin headlines, datelines and cue words need only one-to-one folding.
Every pattern of the pipeline is compiled here, with full folding turned off (`(?-f)`). Flags are
passed as a plain int: the module's parser tests them thousands of times per pattern, and on an
`enum.IntFlag` each test is a Python-level call (compiling took 1.5x as long).

`LazyPattern` defers a module-level pattern's compiling to its first use, so that a one-article
run compiles only the patterns its sentences reach (cold start).

`plain_class` and `OUTSIDE_PLAIN` serve texts whose characters of a class are all ASCII or of the
Devanagari block (most news copy here): there the standard `re` engine with an explicit class finds
what a `regex` Unicode class finds. `word_char` tells a letter, mark or digit by a table.

`ascii_twin` compiles a pattern a second time, by the standard `re` engine, for ASCII text
(`ascii_span`): cheaper to compile and to call.

`trie_pattern` writes a list of words as a stdlib `re` trie (common beginnings once), `char_class`
a set of characters as a class body of ranges: short patterns, quick to compile and to try.
`occurrences` finds a few literals with str.find, where a pattern would try its character set at
every character of the text.
"""
from __future__ import annotations

import re

import regex

from .memo import Memo

IGNORECASE = regex.IGNORECASE
_V1 = int(regex.V1)


def compile(source: str, flags: int = 0) -> "regex.Pattern[str]":  # noqa: A001 - the regex module's name
    """`source` compiled in version-1 syntax, simple case folding where it ignores case."""
    return regex.compile("(?-f)" + source, int(flags) | _V1)


class LazyPattern:
    """A pattern compiled on its first use (a run that never needs it never compiles it: cold start).
    Reads like the compiled pattern; each attribute is looked up once, then kept on the instance."""

    def __init__(self, compile, *args) -> None:  # noqa: A002 - the compiling function (regex.compile, ...)
        self.__dict__["_make"] = (compile, args)

    def __getattr__(self, name: str):
        d = self.__dict__
        if "_make" not in d:
            raise AttributeError(name)
        p = d.get("_compiled")
        if p is None:
            compile, args = d["_make"]
            p = d["_compiled"] = compile(*args)
        value = d[name] = getattr(p, name)
        return value


_PLAIN_BLOCKS = "".join(map(chr, [*range(0x80), *range(0x900, 0x980)]))  # ASCII and the Devanagari block
OUTSIDE_PLAIN = re.compile("[^\x00-\x7f\u0900-\u097f]")  # a character of neither


def plain_class(unicode_class: str) -> str:
    r"""The body of a stdlib `re` character class holding the characters of ASCII and the Devanagari
    block that the `regex` class `unicode_class` (r"[\p{L}\p{M}]", ...) holds: in a text none of whose
    characters of that class is elsewhere (OUTSIDE_PLAIN), the `re` engine with it finds what the
    `regex` class finds, at a fraction of a call's cost."""
    return char_class(regex.findall(unicode_class, _PLAIN_BLOCKS))


_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
_WORD_CHARS: Memo = Memo(1 << 12)  # character -> a letter, mark or digit


def word_char(ch: str) -> bool:
    r"""`ch` is a letter, mark or digit (the regex module's \p{L}, \p{M}, \p{N}), from a table over the
    characters met (a `regex` call costs as much as a dozen look-ups)."""
    known = _WORD_CHARS.get(ch)
    if known is None:
        known = _WORD_CHARS.keep(ch, _WORD_CHAR.match(ch) is not None)
    return known


def ascii_twin(source: str, flags: int = 0) -> LazyPattern:
    r"""The standard `re` engine's twin of the `regex` pattern of `source`, compiled at its first use
    with re.ASCII (`flags`: 0 or re.IGNORECASE). `source` must be written in the syntax both engines
    read alike (\w, \s, \b, [A-Z], ., $, scoped (?i:...), lazy counts, look-arounds, named groups);
    then, where the text searched and the character before it (a look-behind's, a \b's) are ASCII
    (`ascii_span`), the twin matches as the `regex` pattern does: re.ASCII's \w, \s, \b and case of
    ASCII letters are the regex module's there (whose simple case folding maps no other character to
    an ASCII letter). It compiles ~3x quicker (cold start) and a call costs a fraction of a `regex`
    call. Tests compare each twin with its pattern over every corpus."""
    return LazyPattern(re.compile, source, re.ASCII | flags)


def ascii_span(text: str, start: int, end: int) -> bool:
    """text[start:end] and the character before it are ASCII: where an `ascii_twin` may stand for its pattern."""
    return text[max(start - 1, 0):end].isascii()


def trie_pattern(words) -> str:
    """A stdlib re pattern matching any of the words, their common beginnings written once (the engine tries
    one branch per next character, not one per word); where a word ends inside a longer one, the longer is
    tried first.

    For stdlib `re` only: the `regex` module's compiler already writes a flat alternation's common beginnings
    once, and there a trie's nested groups cost more to compile than the characters they save (events' head
    words: 1.45x the compile time of the flat alternation)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def body(node: dict) -> str:
        alts = [re.escape(ch) + body(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node and alts:
            alts.append("")
        return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return body(trie)


def char_class(chars) -> str:
    """The body of a stdlib `re` character class holding exactly `chars`, runs of consecutive code points
    written as ranges: a short pattern, quick to compile."""
    out = []
    cps = sorted(set(map(ord, chars)))
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(re.escape(chr(cps[i])) if i == j else f"{re.escape(chr(cps[i]))}-{re.escape(chr(cps[j]))}")
        i = j + 1
    return "".join(out)


def occurrences(text: str, literals, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, literal) of every occurrence of each of the literals in text[start:end], overlapping
    ones too, literal by literal (each caller puts them in the order it needs)."""
    out = []
    for lit in literals:
        if not lit:
            raise ValueError("an empty literal stands everywhere")
        i = text.find(lit, start, end)
        while i >= 0:
            out.append((i, lit))
            i = text.find(lit, i + 1, end)
    return out


def plain_lowered(text: str, start: int = 0, end: int | None = None) -> str | None:
    """text[start:end] lowered, where that slice is of ASCII and Devanagari characters only (OUTSIDE_PLAIN
    finds none); None elsewhere. There the lowered copy is exactly what a pattern that ignores case (simple
    folding, `(?-f)`, or the stdlib's) reads: no character of the slice but an ASCII capital folds to a Latin
    letter, the Devanagari block has no case, and lowering keeps every offset (one character for one). So a
    case-insensitive pattern each match of which holds one of some lower-case words cannot match where the
    copy holds none of them, and is tried only where one stands in it (a few str.find instead of a `regex`
    alternation ignoring case tried at every character). Not exact elsewhere: "ſ" and "K" (Kelvin) fold to
    "s" and "k", "İ" lowers to two characters; there callers use the pattern itself."""
    if OUTSIDE_PLAIN.search(text, start, len(text) if end is None else end) is not None:
        return None
    return text[start:end].lower()


def may_hold_word(text: str, start: int, end: int, words) -> bool:
    """Whether a pattern that ignores case and holds one of `words` (lower case) in each match may match in
    text[start:end]: False only where the slice's lowered copy (plain_lowered) is what the pattern reads
    and holds none of them."""
    low = plain_lowered(text, start, end)
    return low is None or any(map(low.__contains__, words))

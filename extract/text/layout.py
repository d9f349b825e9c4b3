"""Layout of an article: which stretches of text are title, headings, paragraphs, captions, bylines
and boilerplate (related-news links, tag lists, tickers, URLs, footers).

Owns the lines (LF, CRLF and CR end a line; a crawler's " date YYYY-MM-DD" prefix is a line of its
own; a line run together from a whole article is cut into paragraphs at sentence ends), line
classification (markers from rules/layout.toml; above the headline, lone words and Latin lines of a
Devanagari page are labels, as is a one- or two-word section line above a longer headline; a
newspaper's masthead names the publisher; a short "name city" line under the headline is a byline;
a short comma list is a keyword line), the headline (only a line that reads like one: an article
may open with its body, and a summary under "Synopsis"/"सार" may stand above the headline), the runs that related-news and tag markers
open, and the joining of a sentence broken over a line (an amount at a line end with its scale word
on the next line). It works on the normalised working copy and gives every block both
its working-copy span (`nstart`, `nend`) and its original span (`start`, `end`). Boilerplate blocks
yield no records. It does not split sentences (sentences.py) or read metadata (metadata.py).
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from .. import lexicon, patterns, rules
from ..memo import Memo
from ..patterns import LazyPattern, occurrences
from ..normalise import NormText, normalise, script_counts

TERMINAL = "।॥.?!"
CONTENT_KINDS = ("title", "heading", "paragraph")
HEADLINE_MAX = 150  # a line this short with no full stop reads as a headline, not a paragraph


@dataclass(slots=True, unsafe_hash=True)
class Block:
    """A stretch of the article of one kind. Made for every line: a slotted, not frozen dataclass
    (a frozen one's __init__ costs several times as much), read-only by convention."""

    start: int  # original offsets
    end: int
    nstart: int  # working-copy offsets
    nend: int
    kind: str  # title, heading, paragraph, caption, byline, meta, related, tags, footer, ticker, url
    rule: str = ""

    @property
    def boilerplate(self) -> bool:
        return self.kind not in CONTENT_KINDS


@dataclass(slots=True, unsafe_hash=True)
class Layout:
    """The blocks of an article (read-only by convention) and the article's letters of each script,
    (Devanagari, Latin) as `script_counts` counts them (the blocks hold all of them: a line outside
    every block is blank)."""

    nt: NormText
    blocks: tuple[Block, ...]
    scripts: tuple[int, int]

    def content(self) -> list[Block]:
        return [b for b in self.blocks if not b.boilerplate]


class _Marker:
    """A line marker of rules/layout.toml: the line matches it when one of its patterns matches at
    the start of the stripped line."""

    __slots__ = ("id", "kind", "opens_run", "top_only", "publisher", "sources", "openings", "full")

    def __init__(self, id: str, kind: str, opens_run: bool, sources: tuple[str, ...], top_only: bool = False,
                 publisher: bool = False, gates: tuple = ()):
        self.id, self.kind, self.opens_run, self.top_only, self.publisher = id, kind, opens_run, top_only, publisher
        self.sources = sources
        # (pattern, literal opening folded, the gate the rules name for it or None), per pattern
        self.openings = tuple((src, _gate_fold(_literal_prefix(src)), gate)
                              for src, gate in zip(sources, gates or (None,) * len(sources)))
        self.full = LazyPattern(_compiled, sources)  # all the patterns in one, compiled when a gate first lets a line through


_COMPILED: dict[tuple[str, ...], "regex.Pattern[str]"] = {}


def _compiled(sources: tuple[str, ...]) -> "regex.Pattern[str]":
    """The alternation of `sources`, compiled once (markers' patterns are compiled as the gates
    first let a line through to them)."""
    pat = _COMPILED.get(sources)
    if pat is None:
        pat = _COMPILED[sources] = patterns.compile("(?:%s)" % "|".join(sources), regex.IGNORECASE)
    return pat


HEAD = 128  # the start of a line the gates look at (every gated match starts within it)


def _gate_fold(t: str) -> str:
    """Case folding for gates: every character a case-insensitive pattern letter matches folds to
    that letter (the regex module matches "İ" to "i": its "i̇" loses the dot). More than one
    character may fold alike; a gate only needs no match to be lost."""
    return t.casefold().replace("\u0307", "")


def _literal_prefix(src: str) -> str:
    """The literal text every match of the pattern `src` opens with: its leading characters up to the
    first one with a meaning in a pattern (an optional last character dropped); "" when there is
    none, when it holds a character other than an ASCII one, a Devanagari one or a few symbols
    (characters whose case-insensitive matches `_gate_fold` is known to fold alike), or when the pattern has alternatives at its top level."""
    if _top_level_alternation(src):
        return ""
    out, i = [], 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            if i + 1 < len(src) and src[i + 1].isascii() and not src[i + 1].isalnum():
                out.append(src[i + 1])
                i += 2
                continue
            break
        if c in ".^$*+?{}[]()|" or (c.isspace() and c != " "):
            break
        out.append(c)
        i += 1
    if i < len(src) and src[i] in "?*{" and out:
        out.pop()
    lit = "".join(out)
    if not all(ch.isascii() or "\u0900" <= ch <= "\u097f" or ch in "©›»•₹–—" for ch in lit):
        return ""
    return lit


_TWO_SPACES = re.compile(r"\s\s")  # Python's whitespace: every \s of the regex module and more
_DESK_WORD = re.compile("नेटवर्क|न्यूज|ब्यूरो|डेस्क|संवाददाता|प्रतिनिधि|news|bureau|desk|correspondent|staff")  # on folded text


def _opens_after_paren(s: str, words: tuple[str, ...]) -> bool:
    t = s[1:] if s[:1] == "(" else s
    return _gate_fold(t.lstrip()[:16]).startswith(words)


class _Features(NamedTuple):
    """What the gates ask of a whole line, found once per line: its last character (when a gate asks
    about it, else "") and whether it holds a danda, a bar, a bullet, an arrow (› ») and a space."""

    last: str
    danda: bool
    bar: bool
    bullet: bool
    arrow: bool
    space: bool


_GATE_LAST: set[str] = set()  # the last characters the gates ask about (any other is told apart as "")


def _ends_in(*words: str):
    """Line gate of a pattern ending in one of `words` then `\\s*$` (a stripped line ends in its last
    character, any case of it)."""
    last = {ch for w in words for ch in (w[-1], w[-1].upper(), w[-1].lower())}
    _GATE_LAST.update(last)
    return lambda f: f.last in last


_DIGIT_FIRST = lambda c, h: c.isdigit()  # noqa: E731
_STAMP_WORDS = ("first", "last", "published", "updated", "posted")  # the words a date stamp opens with


def _second_word_opens(s: str, lit: str) -> bool:
    """Whether the second word of `s` opens with `lit` (folded): a pattern's digits, then its \\s+
    (whitespace to str.split), then `lit`."""
    words = s.split(None, 2)
    return len(words) > 1 and _gate_fold(words[1][:len(lit) + 1]).startswith(lit)


def _starts_with(lits: tuple[str, ...]):
    """Rest gate of patterns whose every match opens with one of `lits` (folded)."""
    return lambda s, head: head.startswith(lits)


def _name_of_words(most: int) -> tuple:
    """Gate of a pattern that matches a whole line naming a masthead of at most `most` words (the
    regex module's \\s separates words, and is whitespace to str.split: a name holds none)."""
    return (lambda c, h: c.isalpha(), None, lambda s, head: len(s.split(None, most)) <= most)


# The gates rules/layout.toml names beside a pattern that opens with no literal text ({ pattern, gate }):
# (first, line, rest), conditions every line the pattern matches meets (None: no condition):
# `first(c, h)` on the line's first character `c` and its folded form `h`, `line(f)` on the
# `_Features` of the line, `rest(s, head)` on the stripped line and its folded start. A gate of
# _GATE_MAKERS is made from its entry (the pattern, its parameters).
_GATES = {
    # "First Published: ...", "Updated On 12 March": the stamp's words open the line
    "date_stamp": (lambda c, h: h in ("f", "l", "p", "u"), None, _starts_with(_STAMP_WORDS)),
    "hindi_date_stamp": (lambda c, h: c in ("अ", "प"), None,
                         _starts_with(("अपडेटेड", "प्रकाशित", "प्रविष्टि तिथि", "प्रकाशन तिथि", "अद्यतन"))),
    "bar": (None, lambda f: f.bar, None),  # the line holds a bar
    "ends_bureau": (None, _ends_in("ब्यूरो", "bureau"), lambda s, head: s.endswith("ब्यूरो") or _gate_fold(s[-6:]).endswith("bureau")),
    "min_read": (_DIGIT_FIRST, None, lambda s, head: _second_word_opens(s, "min")),
    "bullets": (None, lambda f: f.bullet, lambda s, head: s.count("•") >= 2),
    "bullion_ticker": (lambda c, h: c in ("स", "च", "ड", "क"), lambda f: f.bullet, None),
    "arrow": (None, lambda f: f.arrow, None),
    "rule_line": (lambda c, h: c in ("-", "–", "—", "_", "=", "*"), None, None),
    "ends_ministry": (None, _ends_in("मंत्रालय"), lambda s, head: s.endswith("मंत्रालय")),
    "ends_limited": (None, _ends_in("लिमिटेड", "limited", "ltd", "ltd."),
                     lambda s, head: s.endswith("लिमिटेड") or _gate_fold(s[-7:]).endswith(("limited", "ltd", "ltd."))),
    "spot_img": (lambda c, h: h == "s", None, lambda s, head: head.startswith("spot_img")),
    # one word of hyphenated parts, no space
    "slug": (None, lambda f: not f.space, lambda s, head: "-" in s or "_" in s),
    "staff_edit": (None, None, lambda s, head: "staff " in head),
    "syndicated": (None, None, lambda s, head: "generated automatically" in head),
    "catch_all": (lambda c, h: c == "(" or h in ("c", "g", "r"), None, lambda s, head: _opens_after_paren(s, ("catch", "get", "read"))),
    # menu items between separators; items set apart by runs of spaces
    "menu_separators": (None, lambda f: not f.danda, lambda s, head: "|" in s or "/" in s or ">" in s or "›" in s or "»" in s),
    "menu_spaced": (None, lambda f: not f.danda,
                    lambda s, head: "," not in s and "." not in s and _TWO_SPACES.search(s) is not None),
    # up to three words, the desk word, a tail without a sentence end (the desk word opens one of the
    # first four words: the words before it hold no whitespace)
    "desk_line": (None, lambda f: not f.danda,
                  lambda s, head: "!" not in s and "?" not in s and _DESK_WORD.search(_gate_fold(" ".join(s.split(None, 4)[:4]))) is not None),
    "ends_ago": (None, _ends_in("पहले", "ago"), lambda s, head: s.endswith("पहले") or _gate_fold(s[-3:]).endswith("ago")),
}


def _clock_gate(entry: dict) -> tuple:
    """Gate of a clock line's pattern (weekdays, months, times and digits): it opens with one of the
    pattern's words (folded; the Latin ones are the openings of the weekdays and months) or a digit or
    one of ",:|/().-"; it holds no danda, no other ASCII punctuation and, of the Devanagari block, only
    the letters of the pattern's words and digits."""
    src = entry["pattern"]
    words = tuple(w.lower() for w in re.findall(r"[A-Za-z]{2,}|[\u0900-\u097f]+", src))
    first = frozenset(",:|/().-" + "".join(w[0] for w in words))
    other = re.compile("[%s]" % re.escape("".join(
        [c for c in "!\"#$%&'*+;<=>?@[\\]^_`{}~"]
        + [chr(c) for c in range(0x900, 0x980) if chr(c) not in src and not 0x966 <= c <= 0x96F])))
    return (lambda c, h: h in first or c.isdigit(), lambda f: not f.danda,
            lambda s, head: (not head[:1].isalpha() or head.startswith(words)) and other.search(s) is None)


_GATE_MAKERS = {
    "clock": _clock_gate,
    # a whole line naming a masthead of at most `most` words (a headline has more)
    "name_of_words": lambda entry: _name_of_words(int(entry["most"])),
}


def _gate(marker_id: str, entry: dict) -> tuple:
    """The gate a pattern entry of rules/layout.toml names (see _GATES)."""
    name = entry.get("gate")
    if name in _GATES:
        return _GATES[name]
    if name in _GATE_MAKERS:
        try:
            return _GATE_MAKERS[name](entry)
        except (KeyError, TypeError, ValueError) as exc:
            raise rules.RuleError(rules.path_of("layout"), marker_id, f"gate {name!r}: missing or bad {exc}") from None
    raise rules.RuleError(rules.path_of("layout"), marker_id, f"unknown gate {name!r} (known: {sorted([*_GATES, *_GATE_MAKERS])})")


def _checks(c: str, h: str, top: bool) -> tuple:
    """The (marker, gates) checks, in rules order, for a line that opens with the character `c`
    (folded start `h`): the markers with a pattern that such a line can match, each with the (line,
    rest) gates of those patterns (the marker is tried when one lets the line through; no gates: a
    pattern without any, always tried). A marker is tried with all its patterns in one (compiled at
    load): a pattern a gate keeps out cannot match, so the marker matches exactly when one of the
    patterns its gates let through does."""
    out = []
    for m in _rules()[0]:
        if m.top_only and not top:
            continue
        gates, lits, always = [], [], False
        for src, lit, gate in m.openings:
            if lit:
                if lit[:1] == h:
                    lits.append(lit)
            elif gate is not None:
                first, line, rest = gate
                if first is None or first(c, h):
                    if line is None and rest is None:
                        always = True
                    else:
                        gates.append((line, rest))
            else:
                always = True
        if lits:
            gates.append((None, _starts_with(tuple(lits))))
        if always:
            out.append((m, ()))
        elif gates:
            out.append((m, tuple(gates)))
    return tuple(out)


# The checks by a line's first character (and its folded form) and top, and those of them whose line
# gate lets a line with given features through (both bounded: kinds of line, not lines)
_CHECKS: Memo = Memo(8192)
_LINE_CHECKS: Memo = Memo(8192)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[_Marker, ...], "regex.Pattern[str]", frozenset[str]]:
    _CHECKS.clear()
    _LINE_CHECKS.clear()
    markers = []
    for entry in rules.table("layout", "marker", {"id": str, "kind": str, "patterns": list}):
        items = entry["patterns"]
        if not all(isinstance(p, str) or (isinstance(p, dict) and isinstance(p.get("pattern"), str)) for p in items):
            raise rules.RuleError(rules.path_of("layout"), entry["id"], "a pattern is a string or { pattern = '...', gate = \"...\" }")
        markers.append(_Marker(entry["id"], entry["kind"], bool(entry.get("opens_run")),
                               tuple(p if isinstance(p, str) else p["pattern"] for p in items),
                               bool(entry.get("top_only")), bool(entry.get("publisher")),
                               tuple(None if isinstance(p, str) else _gate(entry["id"], p) for p in items)))

    def compile_all() -> None:  # a broken pattern fails the run at load
        for m in markers:
            try:
                _compiled(m.sources)
            except regex.error as exc:
                raise rules.RuleError(rules.path_of("layout"), m.id, f"bad pattern: {exc}") from None

    # the patterns are compiled (checked) once per content of the rules and the compiling code; a run
    # then compiles only the markers its lines reach (a one-article run: about a third of them)
    rules.check_once("layout-patterns", compile_all, repr([(m.id, m.sources) for m in markers]).encode(),
                     regex.__version__.encode(), Path(patterns.__file__).read_bytes())
    data = rules.load("layout")
    if not data["caption_credit"].endswith(_CREDIT_END) or _top_level_alternation(data["caption_credit"]):
        # _classify tries it only on a line ending in ")": every match must end there
        raise rules.RuleError(rules.path_of("layout"), "caption_credit",
                              f"expected a pattern ending in {_CREDIT_END}, without a '|' outside brackets")
    credit = patterns.compile(data["caption_credit"], regex.IGNORECASE)
    cont = frozenset(normalise(w).norm for w in data["continuation_words"])
    return tuple(markers), credit, cont


_CREDIT_END = r"\)\s*$"  # a caption's credit closes the line with its bracket


def _top_level_alternation(source: str) -> bool:
    """Whether the pattern has a '|' outside every group and character class (a branch of it could end
    otherwise than its last characters say)."""
    depth, in_class, escaped = 0, False, False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _first_marker(s: str, top: bool) -> _Marker | None:
    """The first marker (in rules order) whose patterns match at the start of the stripped line `s`;
    above the headline (`top`) the markers kept for it too."""
    head = _gate_fold(s[:HEAD])
    last = s[-1:]
    # the line's kind for the gates: its first character, folded, top, and its _Features (a plain
    # tuple: a named one's __new__ is a Python call on every line)
    key = (s[:1], head[:1], top, last if last in _GATE_LAST else "", "।" in s, "|" in s, "•" in s, "›" in s or "»" in s, " " in s)
    checks = _LINE_CHECKS.get(key)
    if checks is None:
        checks = _line_checks(key, top)
    for m, rests in checks:
        if rests:
            for rest in rests:
                if rest is None or rest(s, head):
                    break
            else:
                continue
        if m.full.match(s):
            return m
    return None


def _line_checks(key: tuple, top: bool) -> tuple:
    """The checks of `_first_marker` for a line of the kind `key`, worked out once per kind."""
    base = _CHECKS.get(key[:3])
    if base is None:
        base = _CHECKS.keep(key[:3], _checks(key[0], key[1], top))
    f = _Features(*key[3:])
    return _LINE_CHECKS.keep(key, tuple(
        (m, tuple(rest for line, rest in gates if line is None or line(f)))
        for m, gates in base if not gates or any(line is None or line(f) for line, rest in gates)))


@lru_cache(maxsize=1)
def _summary_labels() -> frozenset[str]:
    """Labels above a summary paragraph ("Synopsis", "सार"): the paragraph under one is no headline."""
    return frozenset(normalise(w).norm.casefold() for w in rules.load("layout")["summary_labels"])


_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_LATIN = regex.compile(r"\p{Latin}")
_DIGIT = regex.compile(r"\d")
_LATIN_UPPER_LINE = regex.compile(r"^[\p{Lu}\d\s\p{P}]+$")
_STARTS_AMOUNT_WORD = regex.compile(r"^(करो\p{M}*ड|लाख|हजार|हज़ार|अरब|खरब|रुप|रूप|crore|lakh|rupees)", regex.IGNORECASE)


_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")  # the standard library's: it scans faster
_CRAWLER_DATE = regex.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}(?=\s|$)", regex.IGNORECASE)
_SECTION_FORM = regex.compile(r"\s*[^\s/][^/]{0,60}\s/\s*\S[^/]{0,40}$")  # "Publisher / section"
MARKED_LONG_LINE = 400  # a chrome line is short: a longer line that opens like one is an article run together
PARAGRAPH_CHARS = 500  # a long line is cut into paragraphs of about this many characters, at sentence ends
LONG_LINE = 1000  # a line this long is a whole article without line breaks: lay it out from its sentences
_SENTENCE_GAP = regex.compile(r"(?<=[।॥?!.][\"')]?)\s+")


def _lines(norm: str, unmarked: set[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line's text in the working copy, without the line break (LF, CRLF and
    CR all end a line). A crawler's " date YYYY-MM-DD" prefix is a line of its own when text follows
    it that is not its "Publisher / section" label; a very long line is split at its sentence ends.
    `unmarked`, when given, gets the start of each line found to open with no marker (not even above
    the headline): classifying it need not look again."""
    out, pos = [], 0
    for start, end in _line_breaks(norm):
        c = norm[pos]  # (the break itself when the line is empty)
        if start - pos <= MARKED_LONG_LINE and c not in ("d", "D") and (pos == start or not c.isspace()):
            out.append((pos, start))  # a short line that opens with no crawler's date: itself (see _segments)
        else:
            out += _segments(norm, pos, start, unmarked)
        pos = end
    out += _segments(norm, pos, len(norm), unmarked)
    return out


def _line_breaks(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each line break, in order: found by str.find when LF is the only kind (a
    pattern's character set is tried at every character)."""
    if "\r" in norm or "\u2028" in norm or "\u2029" in norm:
        return [m.span() for m in _LINE_BREAK.finditer(norm)]
    return [(i, i + 1) for i, _ in occurrences(norm, "\n")]


def _segments(norm: str, s: int, e: int, unmarked: set[int] | None) -> list[tuple[int, int]]:
    m = _CRAWLER_DATE.match(norm, s, e) if norm[s:e].lstrip()[:1] in ("d", "D") else None  # "date ..." (or nothing)
    if m and norm[m.end():e].strip() and not _SECTION_FORM.match(norm, m.end(), e):
        return [(s, m.end())] + _segments(norm, m.end(), e, unmarked)
    if e - s <= MARKED_LONG_LINE:
        return [(s, e)]
    marked = _marked(norm[s:e].strip())
    if e - s <= LONG_LINE and not marked:
        if unmarked is not None:
            unmarked.add(s)
        return [(s, e)]
    pieces, start = [], s
    abbreviations = _abbreviations()
    for gap in _SENTENCE_GAP.finditer(norm, s, e):
        before = norm[max(start, gap.start() - 12):gap.start()].split()
        word = before[-1].casefold() if before else ""
        if word in abbreviations or (len(word) == 2 and word[0].isalpha() and word[1] == "."):
            continue  # "Dr. ", "Rs. ", an initial "A. "
        pieces.append((start, gap.start()))
        start = gap.end()
    pieces.append((start, e))
    out = []
    if marked:  # the chrome that opens the line is its first sentence only
        out.append(pieces.pop(0))
    chunk = None
    for ps, pe in pieces:  # sentences grouped into paragraphs of about PARAGRAPH_CHARS
        chunk = chunk if chunk is not None else ps
        if pe - chunk >= PARAGRAPH_CHARS:
            out.append((chunk, pe))
            chunk = None
    if chunk is not None:
        out.append((chunk, pieces[-1][1]))
    return out


def _marked(line: str) -> bool:
    return _first_marker(line, True) is not None


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations whose full stop does not end a sentence (rules/layout.toml)."""
    return frozenset(normalise(a).norm.casefold() for a in rules.load("layout")["abbreviations"])


def _classify(line: str, mostly_devanagari: bool, top: bool, may_mark: bool = True) -> tuple[str, str]:
    """(kind, rule id) of a line: "blank", a marker's, a caption's or a keyword list's, else "text".
    `may_mark`: False when the line is known to open with no marker."""
    markers, credit, _ = _rules()
    s = line.strip()
    if not s:
        return "blank", ""
    m = _first_marker(s, top) if may_mark else None
    if m is not None:
        return m.kind, m.id
    ends_open = s[-1] not in TERMINAL
    if ends_open and len(s) < HEADLINE_MAX:
        if s[-1] == ")" and (credit.search(s) or (mostly_devanagari and _latin_credit(s))):  # both end in a bracket
            return "caption", "layout.caption"
        if mostly_devanagari and not _DEVANAGARI.search(s) and _LATIN_UPPER_LINE.match(s) and len(s.split()) >= 2:
            return "caption", "layout.caption"
    if ends_open and _keyword_list(s):
        return "tags", "layout.keywords"
    return "text", ""


KEYWORDS_MIN = 4  # a line of this many short comma-separated items is a keyword list
_NO_KEYWORD = regex.compile(r"\d|\s(?:और|एवं|तथा|व|में|से|का|की|के|ने|and|in|of|to|with|for)\s", regex.IGNORECASE)


def _keyword_list(line: str) -> bool:
    """A tag line without a label: "Dr. A. Kumar, MSME, Gem portal, product endorsement" (short
    comma-separated items, no figures, no joining words: a headline list of states reads "A, B और C")."""
    if line.count(",") < KEYWORDS_MIN - 1:
        return False
    items = [i.strip() for i in line.split(",")]
    return (len(items) >= KEYWORDS_MIN and all(0 < len(i.split()) <= 3 for i in items)
            and not _NO_KEYWORD.search(f" {line} "))


_TAIL_PAREN = regex.compile(r"\(([^()]{2,40})\)\s*$")


def _latin_credit(line: str) -> bool:
    """A Devanagari line ending in a short bracketed Latin-script credit: "... (Agency name)"."""
    m = _TAIL_PAREN.search(line)
    if not m or not _DEVANAGARI.search(line[: m.start()]):
        return False
    inner = m.group(1)
    return not _DEVANAGARI.search(inner) and len(inner.split()) <= 4 and not _DIGIT.search(inner)


def publisher_rule_ids() -> frozenset[str]:
    """Ids of the markers whose line names the publisher."""
    return _marker_ids(_rules()[0])[1]


@lru_cache(maxsize=1)
def _marker_ids(markers: tuple[_Marker, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(ids of the markers that open a run, ids of those whose line names the publisher), worked out
    once for the markers `_rules` gives."""
    return frozenset(m.id for m in markers if m.opens_run), frozenset(m.id for m in markers if m.publisher)


def _headline_like(line: str) -> bool:
    s = line.strip()
    return not s or (s[-1] not in TERMINAL and len(s) < HEADLINE_MAX * 1.5)


def _title_like(body: str) -> bool:
    """A headline: a short line that does not end like a sentence (a question or exclamation may)."""
    return body[-1] not in "।॥." and len(body) < HEADLINE_MAX * 1.5 and len(body.split()) >= 2


def _top_chrome(line: str, mostly_devanagari: bool) -> bool:
    """Above the headline: a lone word (a category label, a city tag, "image") or, in a Devanagari
    article, a line without Devanagari (site name, site blurb, keyword list, English label)."""
    s = line.strip()
    if len(s.split()) == 1 and s[-1] not in TERMINAL + ",:;-":
        return True
    return mostly_devanagari and not _DEVANAGARI.search(s)


def _joins_next(line: str, nxt: str, headline: bool = False) -> bool:
    """A text line that stops mid-sentence and goes on at the next line. A headline ends open on
    any word ("... पहले स्थान पर"): before the headline only an amount split over the break joins."""
    _, _, cont = _rules()
    s, n = line.rstrip(), nxt.strip()
    if not s or not n or (s[-1] in TERMINAL and s.split()[-1] not in cont):  # "रु." / "Rs." end no sentence
        return False
    last = s.split()[-1]
    if _CURRENCY_END.search(s):
        return True  # no line ends in a currency word: its amount is on the next line
    if headline:  # an amount split over the break: "... 1,200" / "करोड़ ...", "रु." / "1,200 ..."
        return s[-1].isdigit() or bool(_STARTS_AMOUNT_WORD.match(n)) or (last in cont and n[0].isdigit())
    return s[-1].isdigit() or s[-1] == "," or last in cont or bool(_STARTS_AMOUNT_WORD.match(n)) or n[0].islower()


_CURRENCY_END = regex.compile(r"(?:^|\s)(?:रु\.?|₹|Rs\.?|INR)$", regex.IGNORECASE)


def _amount_goes_on(line: str, nxt: str, kind: str) -> bool:
    """A line ending in a currency word whose next line, read alone as a bare figure (a clock), is its amount."""
    return kind == "clock" and bool(_CURRENCY_END.search(line.rstrip())) and nxt.strip()[:1].isdigit()


SECTION_LABEL_WORDS = 2  # a line this short above a longer headline is a section label ("मुंबई समाचार", "Odisha")
HEADLINE_MIN_WORDS = 5


def _next_text(texts: list[str], i: int) -> str:
    for line in texts[i + 1:]:
        if line.strip():
            return line.strip()
    return ""


def _section_label(texts: list[str], i: int, mostly_devanagari: bool) -> bool:
    """Above the headline: a line of one or two words without figures whose next line reads as a
    longer headline is a section or city label, not the headline. `texts`: the lines' texts."""
    s = texts[i].strip()
    if not s or len(s.split()) > SECTION_LABEL_WORDS or _DIGIT.search(s) or s[-1] in TERMINAL + ",:;-":
        return False
    nxt = _next_text(texts, i)
    return (bool(nxt) and _title_like(nxt) and len(nxt.split()) >= HEADLINE_MIN_WORDS
            and _classify(nxt, mostly_devanagari, True)[0] == "text")


AUTHOR_LINE_WORDS = 5
_FUNCTION_WORDS = frozenset("में से की का के को ने पर और व एवं".split())


def _author_lines(texts: list[str], kinds: list[tuple[str, str]]) -> None:
    """Between the headline and the body: a short line without figures that ends in a known city is a
    reporter's line ("Rohan Menon New Delhi", "S. Kumar, Patna"), a byline. `texts`: the lines' texts."""
    seen = 0
    for i, text in enumerate(texts):
        if kinds[i][0] != "text":
            continue
        seen += 1
        line = text.strip()
        if line[-1] in TERMINAL or len(line) > HEADLINE_MAX:
            if seen > 1:
                return  # the body has begun
            continue
        words = line.replace(",", " ").split()
        if seen == 1 or len(words) > AUTHOR_LINE_WORDS or len(words) < 2 or _DIGIT.search(line):
            continue
        if any(w[:1].islower() or w in _FUNCTION_WORDS for w in words):
            continue  # "GeM workshop held in Ranchi" is a subheading, not a name and a place
        cities = lexicon.cities()
        if any(cities.lookup(" ".join(words[-k:])) for k in (2, 1) if len(words) > k):
            kinds[i] = ("byline", "layout.author_line")


def analyse(text: str | NormText) -> Layout:
    """Blocks covering every non-blank line of the article, in order."""
    nt = text if isinstance(text, NormText) else normalise(text)
    norm = nt.norm
    scripts = script_counts(norm)
    mostly_dev = scripts[0] > scripts[1]
    unmarked: set[int] = set()
    spans = _lines(norm, unmarked)
    texts = [norm[s:e] for s, e in spans]  # each line's text, sliced once
    kinds = []
    top = True  # above the headline: the first line that is not a marker line is the headline
    for i, text in enumerate(texts):
        kinds.append(_classify(text, mostly_dev, top, spans[i][0] not in unmarked))
        if kinds[-1][0] == "text":
            if top and (_top_chrome(text, mostly_dev) or _section_label(texts, i, mostly_dev)):
                kinds[-1] = ("label", "layout.label")
            else:
                top = False
    _author_lines(texts, kinds)

    # Markers that open a run claim the headline-like lines after them.
    openers = _marker_ids(_rules()[0])[0]
    run: tuple[str, str] | None = None
    seen_text = False  # a footer marker above the headline ("Follow us on ...") claims nothing
    for i, text in enumerate(texts):
        kind, rid = kinds[i]
        if rid in openers and (seen_text or kind != "footer"):
            run = (kind, rid)
        elif kind in ("text", "caption"):  # an all-caps tag is still a tag
            if run and _headline_like(text):
                kinds[i] = run
            elif kind == "text":
                run = None
        seen_text = seen_text or kind == "text"

    blocks: list[Block] = []
    seen_title = False
    i = 0
    while i < len(spans):
        s, e = spans[i]
        kind, rid = kinds[i]
        if kind == "blank":
            i += 1
            continue
        if kind != "text":
            blocks.append(_block(nt, s, e, kind, rid))
            i += 1
            continue
        # Join a sentence that runs over a line break.
        j = i
        while j + 1 < len(spans) and (kinds[j + 1][0] == "text" or _amount_goes_on(texts[j], texts[j + 1], kinds[j + 1][0])) \
                and _joins_next(texts[j], texts[j + 1], headline=not seen_title):
            j += 1
        e = spans[j][1]
        body = norm[s:e].strip()
        if not seen_title and _title_like(body):
            kind, rid = "title", "layout.title"
            seen_title = True
        elif not seen_title:  # the article opens with its body: it has no headline
            kind, rid = "paragraph", "layout.paragraph"
            # a summary under its label ("Synopsis", "सार") may stand above the headline
            seen_title = not (blocks and blocks[-1].kind == "label"
                              and norm[blocks[-1].nstart:blocks[-1].nend].casefold() in _summary_labels())
        elif body[-1] not in TERMINAL and len(body) < HEADLINE_MAX:
            kind, rid = "heading", "layout.heading"
        else:
            kind, rid = "paragraph", "layout.paragraph"
        blocks.append(_block(nt, s, e, kind, rid))
        i = j + 1
    return Layout(nt=nt, blocks=tuple(blocks), scripts=scripts)


def _block(nt: NormText, s: int, e: int, kind: str, rule: str) -> Block:
    """The block of norm[s:e] without its surrounding spaces (exactly its text): a Block made without
    the call of its __init__ (Python code entered through a C-level slot: it cost more than the rest
    of making a block); its slots stored directly (see normalise._norm_text)."""
    seg = nt.norm[s:e]
    s2 = s + (len(seg) - len(seg.lstrip()))
    e2 = e - (len(seg) - len(seg.rstrip()))
    b = _new(Block)
    b.start, b.end = nt.span(s2, e2)
    b.nstart, b.nend, b.kind, b.rule = s2, e2, kind, rule
    return b


_new = object.__new__

"""The number layer: every numeric expression in a text, found, typed and valued exactly.

Owns reading numbers in Hindi, English and both mixed: ASCII and Devanagari digits (also mixed),
Indian and Western digit grouping (with the stray spaces and commas real copy has), decimals,
scale words (हजार, लाख, करोड़, अरब, खरब, thousand, lakh, crore, million, billion, ...), compound
and mixed scales ("लाख करोड़", "1 lakh 6 thousand crore"), Hindi number words 0-99 composed with
सौ and the scales, fraction words (डेढ़, ढाई, साढ़े, सवा, पौने), English number words, currency
markers before or after, qualifiers next to the number, ranges, dates, years and financial years.
It does not decide what a number means for GeM (role, counterparty, period of a fact): the
order-value and count extractors do that from the expressions found here.

Matching runs on the working copy of `extract.normalise`. The word data live in
rules/numbers.toml (`words` loads and checks them). The number phrase (words before, number
tokens, range word, words after) is read by `phrases.Scanner`, prefix trees over folded word
tokens; dates, times, financial years, ordinals and multiplier words by a few small regexes,
compiled at first use and tried only where such a shape can start. The text is walked token by
token and a phrase is tried only where an expression can start (a digit, a currency sign, a word of
the rules' start lists). Every span is carried while matching and mapped back with
`NormText.span`, so `text[start:end] == expr.text` always: nothing is searched for again. Values
are `int` or `Decimal`, never float, and at most 10^20 (an absurd value is no expression). The
scan is linear: a phrase reads at most _MAX_TOKENS number tokens, a run of digits and punctuation
that is no number is skipped whole, and every match moves the scan on.

A bare figure whose counted noun stands before it in the clause ("विक्रेताओं की संख्या 74,000",
"transactions on GeM now exceed 13 million"), or that is listed before a count ("5, 10 और 15
विक्रेता"), is a count too (`_units_before`, `_units_in_lists`). So is a bare figure (or a number
word) that refers to a count of its sentence: part of it ("जिनमें से 900", "४६ विभागों में से केवल
१९", "12 of Manipur's 16 districts", "19 departments out of 46") or set against it ("compared with
over 21,000", "up from 960", "जबकि असम में 21 हजार से अधिक"): it counts what that count counts
(`_referred`, `_whole_after`; cues.count_ref_*, count_part_of, count_contrast).

Also used: `find_in(nt)` for a text already normalised (the article pipeline), and `as_json`.

How an expression is typed (first rule that applies wins):
- `date`, `fiscal_year`: by their shape (26.06.2023, 2026-01-19, 9 अगस्त 2016, January 19, 2026;
  2024-25, FY23, FY 2022-2023, वित्त वर्ष 2023-24). A financial year's cue word is part of its span;
  value = starting year, period = "FY2024-25". A date's period is YYYY-MM-DD, YYYY-MM without a
  day, --MM-DD without a year; its value is that period's digits as an integer. Clock times
  ("6:03 PM", "10 बजे") are skipped: they are not numbers and are never glued to a year.
- `rank`: a rank word before (शीर्ष 10, top 5, No. 1), "08 में से 06" / "6 out of 8" (value = the
  part, `out_of` = the whole), or an ordinal before a rank noun (दूसरा स्थान, 3rd position).
  A digit ordinal without a rank noun ("5th") is `plain`.
- `money_inr` / `money_foreign`: a currency marker before or after (₹, Rs., रुपये, $, डॉलर...);
  the marker is in the span, `currency` holds it as written and `unit` its ISO code; foreign
  values are in that currency's units ("$1.5 billion" = 1500000000).
- `percent` (%, प्रतिशत, फीसदी, per cent, or a prime ′ glued to the number), `multiplier`
  (130 गुना, 3x, 3 times, दोगुना).
- `count`: the phrase stands straight before a counted noun of the rules ("1.5 लाख से अधिक ऑर्डर्स",
  "1.47 crore transactions"); the noun is outside the span, `unit` is its canonical name and
  `unit_text` the noun as written. A genitive in between ("5,100 करोड़ के ऑर्डर") makes it no count.
- `duration`: straight before a time noun (तीन सालों, 10 days); the time noun is in the span.
- `money_inr` again for a bare figure in an Indian scale of a crore or more (2,310 करोड़, एक लाख
  करोड़), or in lakh/thousand when a genitive follows ("5 लाख के ऑर्डर") or "worth" precedes.
- `year`: four digits 1900-2099 standing alone ("2017 से", "समिट 2025"); qualifiers are not part
  of a year ("2030 तक" is the year 2030), except more/less than, which make it `plain`.
- `plain`: anything else ("10", "4 Min Read"). A lone number word with nothing to type it
  ("एक बड़ा अवसर") is not emitted: it is the article "a" far more often than a number.

Ranges ("15-20 हजार", "500 से 600 करोड़", "Rs 7-9 lakh", "5 to 10 days") are ONE expression:
`value` is the low end and `value_high` the high end. A scale written only after the high end
applies to both ends (15-20 हजार = 15000..20000); an end with its own scale keeps it. When the
"high" end is not higher ("2025 - 10 राज्यों") it is no range: the two numbers are read apart.

Qualifiers (CONTRACT.md vocabulary: exact, approx, more_than, less_than, up_to) count only when
they stand right next to the number phrase, before it (लगभग, about, more than, up to) or after
it (से अधिक, के पार, तक, plus); they are part of the span. In "610 करोड़ (लगभग 40′)" the लगभग
belongs to the percentage, and 610 करोड़ is exact.
"""
from __future__ import annotations

import calendar
import json
import re
import sys
import unicodedata
from decimal import Context, Decimal
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Callable, NamedTuple, Optional, Sequence

import regex

from ..memo import Memo, keep
from ..normalise import NormText, normalise
from ..patterns import LazyPattern
from .phrases import _PLAIN_TOKEN, Hit, Scanner, first_word_keys, scanner, token_parts, word_tokens
from .words import _NUKTA_BASES, GAP, GAP_RE, NUKTA, first_chars, WORD_END, WORD_START, WORD_TOKEN, Lexicon, Scale, key, lexicon, word_key

KINDS = ("money_inr", "money_foreign", "count", "percent", "year", "fiscal_year", "date", "rank",
         "multiplier", "duration", "plain")
Number = int | Decimal


class NumberExpr(NamedTuple):
    """One numeric expression; text == original_text[start:end]. A named tuple: immutable and
    several times cheaper to build than a frozen dataclass (the layer builds one per number)."""

    start: int
    end: int
    text: str
    value: Number
    kind: str
    scale: tuple[str, ...]
    currency: str
    qualifier: str
    value_high: Optional[Number] = None
    unit: str = ""
    unit_text: str = ""
    period: str = ""
    out_of: Optional[Number] = None  # rank: the whole the rank is out of ("08 में से 06" -> 8)


# --- exact arithmetic ---------------------------------------------------------------------------

_CTX = Context(prec=80)  # wide enough that no reading is ever rounded (digit runs are capped)
_MAX_DIGITS = 15         # longer digit runs are identifiers, not quantities: skipped
_MAX_VALUE = 10 ** 20     # larger values are not quantities (10^20 rupees is a thousand times world GDP)
_MAX_TOKENS = 16         # tokens of one number phrase ("one hundred and twenty-five thousand ..." has 12)


def _add(a: Number, b: Number) -> Number:
    return a + b if type(a) is int and type(b) is int else _CTX.add(Decimal(a), Decimal(b))


def _mul(a: Number, b: Number) -> Number:
    return a * b if type(a) is int and type(b) is int else _CTX.multiply(Decimal(a), Decimal(b))


def _exact(v: Number) -> Number:
    """int when the value is whole, else a Decimal without trailing zeros."""
    if type(v) is int:
        return v
    if v == v.to_integral_value():
        return int(v)
    return v.normalize(_CTX)


def _digits(t: str) -> Optional[Number]:
    s = t.replace(",", "").replace(" ", "")
    whole, _, frac = s.partition(".")
    if len(whole) > _MAX_DIGITS or len(frac) > 9:
        return None
    return Decimal(s) if frac else int(s)


# --- the scanner --------------------------------------------------------------------------------

class _Patterns:
    """The grammar, tried only where `find_in` saw a possible start, and the cue patterns around a
    figure. Each regex is compiled at its first use: compiling is most of the first call's cost,
    and a text uses only some of them.

    The dates, times, financial years, ordinals and multiplier words come in variants per kind of
    start, holding only the branches that can start there: `by_digit` at a digit, `by_word(key)`
    at a word (only the branches one of whose forms starts with that word). The regex module pays
    per call for the size of a pattern (and per character of it to compile), so smaller variants
    are cheaper. The other attributes: digit_special (the shapes of a digit run that may start a
    date, time, financial year or ordinal; digit_gate is a cheaper `re` test that every match of
    it passes, tried first, and digit_shape a second one that every match of the digit branches
    passes), junk (a run of digits and punctuation that is no
    number), worth, reach (a verb of reaching after तक, "तक पहुंच गई"), stray_decimal ("2. 8
    lakh"), copula ("बायर्स 188203 हैं"), ref_after ("of them" after a figure), ref_before
    ("जिनमें से" before it), part_of ("12 of Manipur's 16 districts"), part_of_head (its start:
    "of" + a word), contrast ("while Assam has" before a figure)."""

    def __init__(self, sources: dict[str, Callable[[], str]], alts: dict[str, Callable[[], str]],
                 word_branches: dict[str, tuple[str, ...]], digit_gate: Callable, digit_shape: Callable,
                 junk: re.Pattern, worth_ends: frozenset[str]):
        # A plain class (no __getattr__: on a type with one, no attribute read of its instances is
        # specialised by the interpreter, and find_in reads several per phrase); each regex of
        # `sources` is a `LazyPattern`, compiled at its first use.
        self.digit_gate, self.digit_shape, self.junk = digit_gate, digit_shape, junk
        self._worth_ends = worth_ends  # the characters a match of `worth` can end with (before its blanks)
        for name, source in sources.items():
            setattr(self, name, LazyPattern(_compile_source, source))
        self._has_fy_next = "fy_next" in sources
        self._alts = alts
        self._word_branches = word_branches  # word key -> the by_word branches that can start at it
        self._variants: dict[tuple[str, ...], Callable] = {}

    def variant(self, names: tuple[str, ...]) -> Callable:
        """The `match` of the union of these branches (in the grammar's order), compiled once."""
        m = self._variants.get(names)
        if m is None:
            m = self._variants[names] = regex.compile("|".join(self._alts[n]() for n in names)).match
        return m

    def word_branches(self, wk: str) -> tuple[str, ...]:
        """The by_word branches that can start at a word of key `wk`."""
        return self._word_branches.get(wk, _WORD_BRANCHES)

    def fy_next_match(self, norm: str, e: int) -> bool:
        """False only when no financial-year cue starting at the word that ends at `e` can be
        followed by its figure (True when the rules give no such test)."""
        return not self._has_fy_next or self.fy_next.match(norm, e) is not None

    def worth_before(self, norm: str, start: int) -> bool:
        """True when a "worth" cue ends right before `start` (blanks between), within 16 characters:
        the `worth` search, tried only when the last character before the blanks (a nukta after it
        left out) is one such a cue ends with (most figures: no call of the `regex` module)."""
        lo = max(0, start - 16)
        tail = norm[lo:start].rstrip(" \t")
        c = tail[-1:]
        if c == NUKTA:
            c = tail[-2:-1]
        return c in self._worth_ends and self.worth.search(norm, lo, start) is not None

    def by_word(self, wk: str) -> Callable:
        """The `match` of the branches that can start at a word of key `wk`."""
        return self.variant(self._word_branches.get(wk, _WORD_BRANCHES))


_DIGIT_BRANCHES = ("dnum", "iso", "time", "fy_digit", "dmy_digit", "ord_digit")
_WORD_BRANCHES = ("fy", "dmy", "mdy", "ord", "multw")
_FY_ONLY = ("fy",)


def _build(lx: Lexicon) -> _Patterns:
    P = lx.patterns
    _ = GAP
    dstart = r"(?<![0-9]|[0-9][.,])"  # a number starts at a digit run's start, not inside 1.5 or 1,2
    year = rf"{dstart}(?:19|20)[0-9]{{2}}(?![0-9]|[.,][0-9])"
    day = rf"{dstart}[0-9]{{1,2}}(?![0-9])(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])?{WORD_END}"
    fy_pair = (rf"(?P<fy1>{dstart}(?:19|20)[0-9]{{2}}){_}[-/]{_}(?P<fy2>[0-9]{{4}}|[0-9]{{2}})"
               rf"(?![0-9]|[.,][0-9])")

    # Every source is built at its first use: the word alternations of `words` take long to build.
    def month() -> str:
        return P["month"]

    def ord_digit() -> str:
        return rf"{dstart}(?P<ordn>[0-9]{{1,4}})(?P<ords>{P['cue_ordinal_suffix']})"

    alts = {
        "dnum": lambda: rf"(?P<dnum>{dstart}(?P<dd>[0-9]{{1,2}})(?P<dsep>[./-])(?P<dm>[0-9]{{1,2}})(?P=dsep)"
                rf"(?P<dy>(?:19|20)[0-9]{{2}})(?![0-9]|[.,][0-9]))",
        "iso": lambda: rf"(?P<iso>{dstart}(?P<iy>(?:19|20)[0-9]{{2}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?![0-9]))",
        "time": lambda: rf"(?P<time>{dstart}[0-9]{{1,2}}(?::[0-9]{{2}}){{1,2}}(?![0-9])(?:{_}{P['cue_time_suffix']})?"
                rf"|{dstart}[0-9]{{1,2}}(?:\.[0-9]{{2}})?{_}{P['cue_time_suffix']})",
        "fy": lambda: rf"(?P<fy>(?:(?P<fyc>{P['cue_fiscal_strong']}|{P['cue_fiscal_weak']}){_})?{fy_pair}"
              rf"|(?P<fyc2>{P['cue_fiscal_strong']}){_}(?P<fy3>[0-9]{{4}}|[0-9]{{2}})(?:-(?P<fy4>[0-9]{{2}}))?"
              rf"(?![0-9]|[.,][0-9]))",
        "dmy": lambda: rf"(?P<dmy>(?P<d1>{day}|{P['cardinal']}){_}(?:[oO][fF]{_})?(?P<m1>{month()})"
               rf"(?:{_},?{_}(?P<y1>{year}))?)",
        "mdy": lambda: rf"(?P<mdy>(?P<m2>{month()}){_}(?:(?P<d2>{day})(?:{_},?{_}(?P<y2>{year}))?|,?{_}(?P<y3>{year})))",
        "ord": lambda: rf"(?P<ord>{ord_digit()}|(?P<ordw>{P['ordinal']})(?={_}{P['cue_rank_after']}))",
        "multw": lambda: rf"(?P<multw>{P['multiplier_word']})",
        # At a digit only the branches' digit starts can match: the cue of a financial year, a
        # cardinal word and an ordinal word start with letters (checked below), so they are left out.
        "fy_digit": lambda: rf"(?P<fy>{fy_pair})",
        "dmy_digit": lambda: rf"(?P<dmy>(?P<d1>{day}){_}(?:[oO][fF]{_})?(?P<m1>{month()})(?:{_},?{_}(?P<y1>{year}))?)",
        "ord_digit": lambda: rf"(?P<ord>{ord_digit()})",
    }
    word_forms = {"fy": lx.forms["fiscal"], "dmy": lx.forms["cardinal"], "mdy": lx.forms["month"],
                  "ord": lx.forms["ordinal"], "multw": lx.forms["multiplier_word"]}
    if any(f.strip()[:1].isdigit() for name in ("fy", "dmy", "ord") for f in word_forms[name]):
        for name in ("fy", "dmy", "ord"):  # a word form starting with a digit: the full branches
            alts[f"{name}_digit"] = alts[name]
    # The number phrase itself is read by `phrases.Scanner` (prefix trees over word tokens):
    # these regexes hold only the shapes that are not a number phrase.
    firsts = {name: first_word_keys(forms) for name, forms in word_forms.items()}
    word_branches: dict[str, tuple[str, ...]] = {}
    for k in set().union(*firsts.values()):
        word_branches[k] = tuple(name for name in _WORD_BRANCHES if k in firsts[name])
    # A digit run can start a date, time, financial year or ordinal only in these shapes; any
    # other digit run is tried with the number-phrase branch alone, which is much cheaper.
    letters = "".join(sorted({c for f in lx.month for c in (f[0].lower(), f[0].upper())}
                             | {c for f in lx.cue["time_suffix"] for c in (f[0].lower(), f[0].upper())}))

    def digit_special() -> str:
        return (rf"[0-9]{{1,4}}(?:[./-][0-9]{{1,2}}[./-][0-9]|-[0-9]{{2}}|[:/]|[ \t]*+[-/][ \t]*+[0-9]"
                rf"|{P['cue_ordinal_suffix']}|(?:\.[0-9]{{2}})?(?:[sSnNrRtT][tTdDhH])?,?[ \t]*+[{letters}])")

    # a cheaper test that every match of digit_special passes (and most digit runs fail): the
    # standard `re` engine, without the word edges of the ordinal suffixes
    ord_first = "".join(map(re.escape, sorted(first_chars(lx.forms["ordinal_suffix"]))))
    # (the digits and blanks possessive: no character that may follow them is a digit or a blank,
    # and a failing test would else be tried again from every shorter digit run, twice the cost)
    gate = re.compile(rf"[0-9]{{1,4}}+(?:[./:-]|[ \t]*+[-/]|[{ord_first}]"
                      rf"|(?:\.[0-9]{{2}})?(?:[sSnNrRtT][tTdDhH])?,?[ \t]*+[{re.escape(letters)}])")
    # a second `re` test, tried on the digit runs that pass the first, that every match of the
    # digit branches passes: their shapes, with the month, time suffix and ordinal suffix cut to
    # their first two letters and no word edges ("50 फीसदी", "2017 से", "15-20 हजार" fail it:
    # no call of digit_special and the branches, `regex` patterns several times dearer)
    if alts["fy_digit"] is alts["fy"]:  # word forms starting with a digit: the first test only
        shape = gate
    else:
        g = GAP_RE
        months = _heads(lx.forms["month"])
        times = _heads(lx.patterns._forms["cue_time_suffix"][0])
        ords = _heads(lx.forms["ordinal_suffix"])
        shape = re.compile(  # (the leading digits possessive, as in gate: a digit never follows them)
            rf"(?<![0-9])(?<![0-9][.,])(?:[0-9]{{1,2}}+([./-])[0-9]{{1,2}}\1(?:19|20)[0-9]{{2}}"
            rf"|(?:19|20)[0-9]{{2}}(?:-[0-9]{{2}}-[0-9]{{2}}|{g}[-/]{g}[0-9]{{2}})"
            rf"|[0-9]{{1,2}}+(?::[0-9]{{2}}|(?:\.[0-9]{{2}})?{g}(?:{times}))"
            rf"|[0-9]{{1,2}}+(?![0-9])(?:[sSnNrRtT][tTdDhH])?{g}(?:[oO][fF]{g})?(?:{months})"
            rf"|[0-9]{{1,4}}+(?:{ords}))")
    sources = {
        "digit_special": digit_special,
        "worth": lambda: rf"{P['cue_worth']}[ \t]*+\Z",
        "reach": lambda: rf"{_}{P['cue_reach']}",
        "stray_decimal": lambda: rf"(?<=[0-9])\.[ ](?=[0-9]{{1,2}}{_}{P['scale']})",
        "copula": lambda: rf"[ \t]*+{P['cue_count_copula']}",
        "ref_after": lambda: rf"[ \t]*+{P['cue_count_ref_after']}{WORD_END}",
        "ref_before": lambda: rf"{WORD_START}{P['cue_count_ref_before']}[ \t]*+\Z",
        "contrast": lambda: rf"{WORD_START}{P['cue_count_contrast']}(?:[ \t]*+,)?(?:[ \t]++[\p{{L}}\p{{M}}'’.-]++){{1,3}}[ \t]++\Z",
        "part_of_head": lambda: rf"[ \t]*+{P['cue_count_part_of']}[ \t]++[\p{{L}}0-9]",
        "part_of": lambda: rf"[ \t]*+{P['cue_count_part_of']}(?:[ \t]++\p{{L}}[\p{{L}}\p{{M}}.]*+['’]s?)?[ \t]++\Z",
    }
    # A financial-year cue (the only branch at some words) is followed by a figure within the cue's
    # own characters and blanks: fy_next, tried at the end of the first word, is a cheaper test
    # that every match of the branch passes ("year" with no figure after it skips the grammar).
    fy_forms = [normalise(f).norm for f in lx.forms["fiscal"]]
    if not any(c.isdigit() for f in fy_forms for c in f):
        punct = "".join(sorted({c for f in fy_forms for c in f if not c.isalpha() and not c.isspace()
                                and unicodedata.category(c)[0] != "M"} | {"-"}))
        sources["fy_next"] = lambda: rf"[\p{{L}}\p{{M}}\s{regex.escape(punct)}]*+[0-9]"
    # a match of `worth` ends with the last character of one of its forms (a Latin letter in either
    # case, a nukta after a letter optional: see words.form_units), then blanks
    worth_ends = set()
    for f in lx.patterns.forms_of("cue_worth"):
        f = normalise(f).norm.strip().rstrip(NUKTA)
        worth_ends |= {f[-1], f[-1].lower(), f[-1].upper()}
    return _Patterns(sources, alts, word_branches, gate.match, shape.match, _JUNK, frozenset(worth_ends))


def _compile_source(source: Callable[[], str]) -> regex.Pattern:
    """The `regex` pattern of a source built at its first use (see `_Patterns`)."""
    return regex.compile(source())


def _heads(forms: list[str]) -> str:
    """`re` alternation of the first two letters of each form (one when the second is no letter),
    a Latin letter in either case, a nukta optional: what a match of the forms starts with."""
    heads = set()
    for form in forms:
        chars = [c for c in normalise(form).norm.strip() if c != NUKTA]
        head = chars[:2] if len(chars) > 1 and (chars[1].isalpha() or unicodedata.category(chars[1])[0] == "M") else chars[:1]
        heads.add("".join(f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha()
                          else re.escape(c) + (f"{NUKTA}?" if c in _NUKTA_BASES and i == 0 and len(head) > 1 else "")
                          for i, c in enumerate(head)))
    return "|".join(sorted(heads))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _build(lexicon())


def load_rules() -> None:
    """Read and validate rules/numbers.toml now (the pipeline does this before any article); the
    regexes are compiled at their first use."""
    _patterns()


# --- reading a sequence of number tokens ----------------------------------------------------------

# What `_read` found: a plain tuple read by index (a named tuple costs a call to build and a slow
# attribute lookup per field), its fields at these indexes:
_VALUE = 0        # the value read
_USED = 1         # tokens read; the rest start a new expression
_SCALES = 2       # indexes of the scale tokens read (read-only)
_TRAILING = 3     # product of the scale words after the last number (shared by a range)
_BIG_INDIAN = 4   # a crore or more in the Indian system
_INDIAN = 5
_LONE_WORD = 6    # one number word, nothing else
_YEAR_SHAPED = 7  # four bare digits 1900-2099
_Reading = tuple

# `scales` of a figure followed by n - 1 scale words, read-only (a list built per phrase is garbage)
_AFTER_FIGURE = tuple(tuple(range(1, n)) for n in range(_MAX_TOKENS + 1))
_NO_READING = (0, 0, (), 1, False, False, False, False)


_WORD_CACHE: Memo = Memo(4096)  # word -> its _classify type and value
_KEYS: Memo = Memo(4096)  # `key` of the matched text of a word form (bounded: forms recur)


def _form_key(t: str) -> str:
    """`key(t)`, kept for the next time the same matched form comes (read `_KEYS` first)."""
    return _KEYS.keep(t, key(t))


def _classify(t: str, lx: Lexicon) -> tuple[str, object]:
    """Token type and value: d digits, n number word, f fraction, m modifier, h hundred, s scale,
    a indefinite, c connector, x unreadable (a digit run too long to be a quantity)."""
    c = t[0]
    if "0" <= c <= "9":
        v = _digits(t)
        return ("x", None) if v is None else ("d", v)
    hit = _WORD_CACHE.get(t)
    if hit is None:
        k = key(t)
        if k in lx.scale:
            hit = ("s", lx.scale[k])
        elif k in lx.cardinal:
            hit = ("n", (lx.cardinal[k], k in lx.english_tens, k in lx.english_units))
        elif k in lx.fraction:
            hit = ("f", lx.fraction[k])
        elif k in lx.modifier:
            hit = ("m", lx.modifier[k])
        elif k in lx.hundred:
            hit = ("h", 100)
        elif k in lx.indefinite:
            hit = ("a", 1)
        else:
            hit = ("c", None)
        _WORD_CACHE.keep(t, hit)
    return hit


def _read(toks: list[tuple[str, int, int]], lx: Lexicon) -> _Reading:
    """Value of a token sequence; stops (used < len) where the tokens stop making one number.

    A larger scale multiplies everything before it (1 lakh 6 thousand crore = 106000 crore, lakh
    crore = 10^12); a smaller one multiplies the number just before it (2 crore 50 lakh). After a
    scale word, a number continues the amount only before a smaller scale word or, for number
    words, after हजार/thousand (दो हजार पच्चीस = 2025): "500 करोड़ एक साल" is two phrases."""
    cache = _WORD_CACHE
    n = len(toks)
    t = toks[0][0]
    if "0" <= t[0] <= "9":
        # the commonest phrases, a figure alone or with scale words only ("22 लाख", "1.47 lakh
        # crore"): the arithmetic of the loop below, without it
        v = int(t) if t.isdigit() and len(t) <= _MAX_DIGITS else _digits(t)  # `_digits`, its commonest case inline
        if v is not None:
            if n == 1:
                year_shaped = len(t) == 4 and t.isdigit() and 1900 <= v <= 2099
                return v if type(v) is int else _exact(v), 1, (), 1, False, False, False, year_shaped
            trailing, big, indian = 1, False, False
            for t2, _, _ in toks[1:]:  # (a slice is cheaper to build than a range)
                k = cache.get(t2) or _classify(t2, lx)
                if k[0] != "s":
                    break
                sc: Scale = k[1]
                trailing *= sc.value
                if sc.system == "indian":
                    indian = True
                    big = big or sc.value >= 10_000_000
            else:  # scale words only after the figure: each multiplies all before it
                return (v * trailing if type(v) is int else _exact(_mul(v, trailing)), n, _AFTER_FIGURE[n], trailing,
                        big, indian, False, False)
    total: Number = 0
    cur: Optional[Number] = None
    mod: Optional[Decimal] = None
    maxscale = last_scale = 0
    last = ""
    prev_tens = False
    scales: list[int] = []
    used = 0
    cur_at = 0  # token index where the pending number started
    trailing = 1
    big = indian = False
    kinds = []
    for t, _, _ in toks:
        k = cache.get(t)
        kinds.append(k if k is not None else _classify(t, lx))
    # the commonest types first (scale words, numbers); `nxt`, the next token's type, only where it
    # decides: the loop runs once per token of a phrase
    for i, (typ, v) in enumerate(kinds):
        if typ == "s":
            sc: Scale = v
            sv = sc.value
            if cur is None and mod is not None:
                cur, mod, cur_at = _add(1, mod), None, i
            if cur is None:
                if last != "s":
                    break
                total, maxscale, trailing = total * sv if type(total) is int else _mul(total, sv), maxscale * sv, trailing * sv
            elif sv > maxscale:
                total = total + cur if type(total) is int and type(cur) is int else _add(total, cur)
                total, maxscale, trailing = total * sv if type(total) is int else _mul(total, sv), sv, sv
            elif sv >= last_scale:  # "2 crore 3 crore": two amounts
                used = cur_at
                break
            else:
                total, trailing = _add(total, _mul(cur, sv)), sv
            cur, last, last_scale, used = None, "s", sv, i + 1
            scales.append(i)
            if sc.system == "indian":
                indian = True
                big = big or sv >= 10_000_000
            continue
        if typ == "n" or typ == "d" or typ == "f" or typ == "a":  # a number: digits, number word, fraction word, "a"
            if typ == "a" and (kinds[i + 1][0] if i + 1 < n else "") not in ("h", "s"):
                break
            num, is_tens, is_unit = v if typ == "n" else (v, False, False)
            if mod is not None:
                num, mod = _add(num, mod), None
            if last == "h":
                if num >= 100:
                    break
                cur = _add(cur, num)
            elif cur is not None:
                if not (prev_tens and is_unit):
                    break
                cur = _add(cur, num)
            elif last == "s":
                if (kinds[i + 1][0] if i + 1 < n else "") not in ("h", "s") and not (typ != "d" and last_scale <= 1000):
                    break
                cur, cur_at = num, i
            else:
                cur, cur_at = num, i
            prev_tens = is_tens
            last, used, trailing = "n", i + 1, 1
            continue
        if typ == "x":
            break
        nxt = kinds[i + 1][0] if i + 1 < n else ""
        if typ == "c":  # "and" inside English words only: one hundred and twenty
            if last not in ("h", "s") or nxt != "n":
                break
            continue
        if typ == "m":
            if cur is not None or mod is not None or nxt not in ("n", "d", "h", "s"):
                break
            mod, last = v, "m"
            continue
        # typ == "h": a hundred
        if last == "h":
            break
        base = _add(1, mod) if mod is not None else (cur if cur is not None else 1)
        if cur is None:
            cur_at = i
        mod, cur, last, used, trailing = None, _mul(base, 100), "h", i + 1, 1
    if used == 0:
        return _NO_READING
    value = _exact(_add(total, cur if cur is not None and cur_at < used else 0))
    first = toks[0][0]
    year_shaped = (used == 1 and kinds[0][0] == "d" and len(first) == 4 and first.isdigit()
                   and 1900 <= int(first) <= 2099)
    lone = used == 1 and kinds[0][0] in ("n", "f", "h")
    return value, used, scales, trailing, big, indian, lone, year_shaped


# --- building expressions -----------------------------------------------------------------------

def _orig(nt: NormText, s: int, e: int) -> str:
    """The original text of the working-copy span norm[s:e]."""
    if type(nt.to_orig) is range:  # no rewrite changed a length: the same offsets (a range lookup is slow)
        return nt.text[s:e]
    a, b = nt.span(s, e)
    return nt.text[a:b]


def _as_written(nt: NormText, toks: list[tuple[str, int, int]], idx: Sequence[int]) -> tuple[str, ...]:
    """The original text of the tokens toks[i], i in idx."""
    to, text = nt.to_orig, nt.text
    if type(to) is range:  # see _orig
        return tuple([text[toks[i][1]:toks[i][2]] for i in idx])
    return tuple([text[to[toks[i][1]]:to[toks[i][2] - 1] + 1] for i in idx])


def _expr(nt: NormText, ns: int, ne: int, value: Number, kind: str, scale: tuple[str, ...] = (),
          currency: str = "", qualifier: str = "exact", value_high: Optional[Number] = None, unit: str = "",
          unit_text: str = "", period: str = "", out_of: Optional[Number] = None) -> Optional[NumberExpr]:
    """The expression, or None when its value is absurd ("Rs 1 crore crore crore crore"): no
    quantity in news copy comes near _MAX_VALUE, and downstream exact arithmetic must not overflow."""
    if value > _MAX_VALUE or (value_high is not None and value_high > _MAX_VALUE):
        return None
    s, e = (ns, ne) if type(nt.to_orig) is range and ne > ns else nt.span(ns, ne)  # (see _orig)
    return _new_expr(NumberExpr, (s, e, nt.text[s:e], value, kind, scale, currency, qualifier, value_high,
                                  unit, unit_text, period, out_of))


_new_expr = tuple.__new__  # a NumberExpr from its fields in order, without the keyword handling


def _prime_ok(nt: NormText, at: int, r1: _Reading, seq_start: int) -> bool:
    """A prime or apostrophe glued to a number stands for % unless it closes a quote."""
    if nt.text[nt.to_orig[at]] == "\u2032":
        return True
    return not r1[_YEAR_SHAPED] and (seq_start == 0 or nt.norm[seq_start - 1] not in "'\"")


def _modified_noun(norm: str, q: int) -> tuple[int, int]:
    """`Scanner.modified_noun` of the working copy `norm` from q."""
    sc = _scan()
    return sc.modified_noun(sc.words(norm), q)


def _noun_after(nt: NormText, q: int) -> tuple[int, int]:
    """The counted, time or rank noun right after q (blanks between): (start, end) or (-1, -1)."""
    sc = _scan()
    return sc.noun_after(sc.words(nt.norm), q)


def _on_num(hit: Hit, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    lx = lexicon()
    _, toks, rsep_text, s2, toks2, _, _ = hit
    r1 = _read(toks, lx)
    used = r1[_USED]
    if used == 0:
        return None, toks[0][2]
    if used < len(toks):  # the tokens do not make one number: read the rest afresh
        return _finish(hit, nt, r1, None, toks[:used], False)[0], toks[used][1]
    if s2 < 0:
        return _finish(hit, nt, r1, None, toks, True, 0, lx)
    r2 = _read(toks2, lx)
    rsep = lx.between[key(rsep_text)][0]
    ok = r2[_USED] == len(toks2) and (rsep != "range" or r2[_VALUE] > _range_low(r1, r2))
    if not ok:  # no range: the second number is read afresh
        return _finish(hit, nt, r1, None, toks, False)[0], s2
    if rsep != "range":  # "08 में से 06" / "6 out of 8"
        whole, part = (r1[_VALUE], r2[_VALUE]) if rsep == "outt" else (r2[_VALUE], r1[_VALUE])
        end = toks2[-1][2]
        ns, ne = _noun_after(nt, end)
        if ns >= 0 and lx.noun[key(nt.norm[ns:ne])][0] == "count":
            # "10 out of 22 commodities": two counts of that noun; the second is read afresh
            return _expr(nt, toks[0][1], toks[-1][2], r1[_VALUE], "count", unit=lx.noun[key(nt.norm[ns:ne])][1],
                         unit_text=_orig(nt, ns, ne)), s2
        return _expr(nt, toks[0][1], end, part, "rank", out_of=whole), end
    return _finish(hit, nt, r1, r2, toks + toks2, True, len(toks))


def _range_low(r1: _Reading, r2: _Reading) -> Number:
    """Low end of a range: a scale written only after the high end applies to both ends."""
    return r1[_VALUE] if r1[_SCALES] else _exact(_mul(r1[_VALUE], r2[_TRAILING]))


# Order of the words after a number: currency, then percent or multiplier, then a qualifier, then
# the noun (or genitive) that follows the phrase.
_AFTER_RANK = {"cur": 1, "pct": 2, "mult": 2, "qual": 3, "gen": 4, "rank": 4, "count": 4, "duration": 4}
# Which of them each kind keeps in its span (the noun of a duration is part of it).
_KEEPS = {"money": ("cur", "qual"), "percent": ("pct", "qual"), "multiplier": ("mult", "qual"),
          "rank": (), "": ("qual", "duration")}




def _finish(hit: Hit, nt: NormText, r1: _Reading, r2: Optional[_Reading],
            toks: list[tuple[str, int, int]], with_suffix: bool, n1: int = 0, lx: Optional[Lexicon] = None
            ) -> tuple[Optional[NumberExpr], int]:
    """Type the number phrase and cut its span: the words before it that belong to it, the core,
    and the words after it that belong to its kind (the first one that does not ends the span).

    Flat, with locals instead of per-word tuples and dicts: it runs once per number phrase."""
    if lx is None:
        lx = lexicon()
    norm = nt.norm
    seq_start, core_end = toks[0][1], toks[-1][2]
    keys = _KEYS
    pre, _, _, _, _, glued, post = hit
    # the words before: a currency, a qualifier (the last of each wins) or a rank word
    start = seq_start
    pre_cur = pre_qual = None
    is_rank = False
    if pre:
        table = lx.before
        start = pre[0][1]
        for t, s, e in pre:
            cls, v = table[keys.get(t) or _form_key(t)]
            if cls == "cur":
                pre_cur = (v, s, e)
            elif cls == "qual":
                pre_qual = (v, s, e)
            else:
                is_rank = True
    # the typed words right after the number, in an order that makes sense (see _AFTER_RANK):
    # (class, value, start, end); each class at most once
    after: list[tuple[str, Any, int, int]] = []
    post_cur = None
    post_pct = post_mult = False
    if with_suffix and (post or glued[0] >= 0):
        gs, ge = glued
        last = 0
        if gs >= 0:
            if norm[gs] in "xX":
                after.append(("mult", None, gs, ge))
                post_mult, last = True, 2
            elif _prime_ok(nt, gs, r1, seq_start):
                after.append(("pct", None, gs, ge))
                post_pct, last = True, 2
            else:
                last = 5  # a closing quote ends the phrase
        if last < 5:
            table, ranks = lx.after, _AFTER_RANK
            for t, s, e in post:
                cv = table.get(keys.get(t) or _form_key(t))
                if cv is None:  # folded, the scanned word reads as no after-word ("र" + nukta composes to "ऱ")
                    break
                cls = cv[0]
                rank = ranks[cls]
                if rank <= last:
                    break
                after.append((cls, cv[1], s, e))
                if cls == "cur":
                    post_cur = (cv[1], s, e)
                elif cls == "pct":
                    post_pct = True
                elif cls == "mult":
                    post_mult = True
                last = rank
                if rank == 4:
                    break
    # the scale words as written
    if r2 is None:
        scale = _as_written(nt, toks, r1[_SCALES]) if r1[_SCALES] else ()
    elif r1[_SCALES] or r2[_SCALES]:
        scale = _as_written(nt, toks, [*r1[_SCALES], *[n1 + i for i in r2[_SCALES]]])
    else:
        scale = ()
    value, high = (r1[_VALUE], None) if r2 is None else (_range_low(r1, r2), r2[_VALUE])
    currency_text = unit = unit_text = period = ""

    currency = pre_cur or post_cur
    if is_rank:
        kind = group = "rank"
    elif currency:
        kind = "money_inr" if currency[0] == "INR" else "money_foreign"
        group = "money"
        currency_text, unit = _orig(nt, currency[1], currency[2]), currency[0]
    elif post_pct:
        kind = group = "percent"
    elif post_mult:
        kind = group = "multiplier"
    else:
        kind = group = ""
    keep = _KEEPS[group]
    end, nkept = core_end, 0
    kept_qual = kept_dur = None
    for cls, v, s, e in after:
        if cls not in keep:
            break
        if cls == "qual":
            if v == "up_to" and _patterns().reach.match(norm, e):
                break  # "63,890 करोड़ रुपये तक बढ़ गई": तक before a verb of reaching means "to", no qualifier
            kept_qual = (v, s, e)
        elif cls == "duration":
            kept_dur = (v, s, e)
        end = e
        nkept += 1
    qual = None if is_rank else (pre_qual or kept_qual)
    qualifier = qual[0] if qual else "exact"
    if not kind:
        nxt_cls, nxt_v = after[nkept][:2] if nkept < len(after) else (None, None)
        if kept_dur:
            kind = "duration"
            unit, unit_text = kept_dur[0], _orig(nt, kept_dur[1], kept_dur[2])
        elif nxt_cls == "count" and r1[_LONE_WORD] and r2 is None and r1[_VALUE] == 1:
            return None, core_end  # "एक उत्पाद", "one product": the article, not a count of one
        elif nxt_cls == "count":
            s, e = after[nkept][2:]
            kind = "count"
            # a counted noun that only narrows the next one ("1.45 lakh women MSEs")
            ms, me = _modified_noun(norm, end) if key(norm[s:e]) in lx.cue["count_modifiers"] else (-1, -1)
            if ms >= 0:
                unit, unit_text = lx.after[key(norm[ms:me])][1], _orig(nt, ms, me)
            else:
                unit, unit_text = nxt_v, _orig(nt, s, e)
        elif (nxt_cls is None and r1[_LONE_WORD] and r1[_VALUE] == 1 and r2 is None and not _listed(norm, core_end)
              and not _bare_kind(nt, r1, r2, start, qualifier, False, _patterns())):
            # "एक बड़ा अवसर", "one of the best": the article, and no noun after it could make it a count
            # of one (see below): the tests of the last branch first, without that search
            return None, core_end
        elif nxt_cls is None and end < len(norm) and (mn := _modified_noun(norm, end))[0] >= 0:
            if r1[_LONE_WORD] and r2 is None and r1[_VALUE] == 1:
                return None, core_end  # "एक महिला स्वयं सहायता समूह": the article again
            kind = "count"
            unit, unit_text = lx.after[key(norm[mn[0]:mn[1]])][1], _orig(nt, *mn)
        else:
            pats = _patterns()
            kind = _bare_kind(nt, r1, r2, start, qualifier, nxt_cls == "gen", pats)
            if not kind and r1[_LONE_WORD] and r2 is None and (
                    _listed(norm, core_end) or (r1[_VALUE] != 1 and _refers(norm, start, core_end, pats))):
                # "two, three and four states", "16 जिलों में से बारह", "three of the state's eight
                # districts": kept while a list or the count it refers to may type it (find_in)
                kind = "lone"
            if not kind:
                return None, core_end
            if kind == "money_inr":
                unit = "INR"
            elif kind == "year":  # a year takes no qualifier: "2030 तक" is the year 2030
                start, end, qualifier = seq_start, core_end, "exact"
                period = str(value)
    return _expr(nt, start, end, value, kind, scale, currency_text, qualifier, high, unit, unit_text, period), end


def _listed(norm: str, end: int) -> bool:
    """True when a list separator (a comma, and/or/और...) follows the number phrase ending at `end`."""
    m = _LIST_GAP.match(norm, end)
    return m.end() < len(norm) and ("," in m.group() or bool(m.group().strip()))


def _refers(norm: str, start: int, end: int, pats: _Patterns) -> bool:
    """True when the words around a number phrase may make it refer to a count: "जिनमें से" or
    "compared with" before it, "of them" or "of" + a count after it."""
    return ((start and pats.ref_before.search(norm, max(0, start - 24), start) is not None)
            or pats.ref_after.match(norm, end) is not None or pats.part_of_head.match(norm, end) is not None)


def _bare_kind(nt: NormText, r1: _Reading, r2: Optional[_Reading], start: int, qualifier: str,
               genitive: bool, pats: _Patterns) -> str:
    """Kind of a number phrase with no currency, percent, multiplier, rank or noun word; "" = not
    a number worth reporting (a lone number word)."""
    if r1[_BIG_INDIAN] or (r2 is not None and r2[_BIG_INDIAN]):
        return "money_inr"
    indian = r1[_INDIAN] or (r2 is not None and r2[_INDIAN])
    if indian and genitive:
        return "money_inr"
    if (indian or not r1[_SCALES]) and start and pats.worth_before(nt.norm, start):
        return "money_inr"
    if (r1[_YEAR_SHAPED] and (r2 is None or r2[_YEAR_SHAPED])
            and qualifier not in ("more_than", "less_than")):
        return "year"
    if r1[_LONE_WORD] and r2 is None:
        return ""
    return "plain"


# --- dates, financial years, ordinals, multiplier words --------------------------------------------

def _day_of(text: str, lx: Lexicon) -> Optional[int]:
    digits = "".join(c for c in text if "0" <= c <= "9")
    if digits:
        return int(digits)
    return lx.cardinal.get(key(text))


def _valid(y: Optional[int], mo: int, d: Optional[int]) -> bool:
    if not 1 <= mo <= 12:
        return False
    if d is None:
        return True
    last = calendar.monthrange(y, mo)[1] if y else (29 if mo == 2 else calendar.monthrange(2001, mo)[1])
    return 1 <= d <= last


def _date(nt: NormText, s: int, e: int, y: Optional[int], mo: int, d: Optional[int]) -> NumberExpr:
    if y and d:
        period, value = f"{y:04d}-{mo:02d}-{d:02d}", y * 10000 + mo * 100 + d
    elif y:
        period, value = f"{y:04d}-{mo:02d}", y * 100 + mo
    else:
        period, value = f"--{mo:02d}-{d:02d}", mo * 100 + d
    return _expr(nt, s, e, value, "date", period=period)


def _group_index(m: regex.Match) -> dict[str, int]:
    """Index of each group name of m's pattern (one of the few compiled variants): the `regex`
    module reads a group by name several times slower than by index (~3.6k instructions a call)."""
    p = m.re
    ix = _GROUP_INDEX.get(p)
    if ix is None:
        ix = _GROUP_INDEX[p] = p.groupindex
    return ix


_GROUP_INDEX: dict[regex.Pattern, dict[str, int]] = {}


def _on_date(m: regex.Match, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    lx = lexicon()
    g, ix = m.group, _group_index(m)
    name = m.lastgroup
    if name == "dnum":
        y, mo, d = int(g(ix["dy"])), int(g(ix["dm"])), int(g(ix["dd"]))
    elif name == "iso":
        y, mo, d = int(g(ix["iy"])), int(g(ix["im"])), int(g(ix["id"]))
    elif name == "dmy":
        yt = g(ix["y1"])
        y = int(yt) if yt else None
        mo, d = lx.month[key(g(ix["m1"]))], _day_of(g(ix["d1"]), lx)
    else:
        yt = g(ix["y2"]) or g(ix["y3"])
        y = int(yt) if yt else None
        mo = lx.month[key(g(ix["m2"]))]
        dt = g(ix["d2"])
        d = _day_of(dt, lx) if dt else None
    if (d is None and y is None) or not _valid(y, mo, d):
        return _fallback(m, nt)
    s, e = m.span()
    return _date(nt, s, e, y, mo, d), e


def _fallback(m: regex.Match, nt: NormText, at: Optional[int] = None) -> tuple[Optional[NumberExpr], int]:
    """The shape matched is no date or year pair: read the same place as a number phrase."""
    pos = m.start() if at is None else at
    sc = _scan()
    hit = sc.scan(sc.words(nt.norm), pos)
    if hit is None:
        return None, pos + 1
    return _on_num(hit, nt)


def _fy_period(y: int) -> str:
    return f"FY{y}-{(y + 1) % 100:02d}"


def _on_fy(m: regex.Match, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    g, ix = m.group, _group_index(m)
    s, e = m.span()
    t1 = g(ix["fy1"])
    if t1:
        y1, t2 = int(t1), g(ix["fy2"])
        full2 = y1 // 100 * 100 + int(t2) if len(t2) == 2 else int(t2)
        if len(t2) == 2 and full2 <= y1:
            full2 += 100  # 1999-00
        if full2 == y1 + 1:
            return _expr(nt, s, e, y1, "fiscal_year", period=_fy_period(y1)), e
        if len(t2) == 2 and full2 <= y1 + 10:  # "2019-22": the years 2019 to 2022
            return _expr(nt, m.start(ix["fy1"]), e, y1, "year", value_high=full2, period=str(y1)), e
        return _fallback(m, nt, m.start(ix["fy1"]))
    t3, t4 = g(ix["fy3"]), g(ix["fy4"])
    y = int(t3) if len(t3) == 4 else (2000 + int(t3) if int(t3) < 50 else 1900 + int(t3))
    if t4 is None:
        start = y - 1  # FY23, FY2024, fiscal 2025 name the year the financial year ends in
    elif int(t4) == (y + 1) % 100:
        start = y      # FY24-25
    else:
        return _fallback(m, nt, m.start(ix["fy3"]))
    return _expr(nt, s, e, start, "fiscal_year", period=_fy_period(start)), e


def _on_ordinal(m: regex.Match, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    lx = lexicon()
    g, ix = m.group, _group_index(m)
    s, e = m.span()
    ns, ne = _noun_after(nt, e)
    rank_noun = ns >= 0 and lx.noun[key(nt.norm[ns:ne])][0] == "rank"
    digits = g(ix["ordn"])
    value = int(digits) if digits else lx.ordinal[key(g(ix["ordw"]))]
    if not rank_noun:
        return _expr(nt, s, e, value, "plain"), e
    return _expr(nt, s, e, value, "rank", unit="rank", unit_text=_orig(nt, ns, ne)), e


def _on_multiplier_word(m: regex.Match, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    value = lexicon().multiplier_word[key(m.group())]
    s, e = m.span()
    return _expr(nt, s, e, value, "multiplier"), e


def _skip(m: regex.Match, nt: NormText) -> tuple[Optional[NumberExpr], int]:
    return None, m.end()


_SIGNS = frozenset("₹$€£~")


_BEFORE_BARE = frozenset(" \t\n\r([")
_AFTER_BARE = frozenset(",;)]|")
# a run of digits and punctuation that is no number (ASCII: the standard `re` engine)
_JUNK = re.compile(r"[0-9](?:[0-9]|[.,:/][0-9])*+")
_BARE_NEXT = _AFTER_BARE | {","}  # what can follow a bare figure (besides the end of the text)
_DIGIT_RUN = re.compile(r"[0-9]*+")


def _bare_figure(norm: str, at: int, end: int, n: int) -> bool:
    """A short digit run between a blank (or the start) and a comma, semicolon or bracket (or the
    end): no grouping, scale, unit, range or cue word can belong to it, so the grammar would read
    it as a bare figure. Reading it directly keeps lists of numbers cheap."""
    if end - at > _MAX_DIGITS or (at and norm[at - 1] not in _BEFORE_BARE):
        return False
    if end == n:
        return True
    c = norm[end]
    if c != ",":
        return c in _AFTER_BARE
    i = end + 1 + (end + 1 < n and norm[end + 1] == " ")  # "1, 06, 647": a grouping with stray spaces
    j = _DIGIT_RUN.match(norm, i).end()
    return j - i not in (2, 3) and not (j > i and i == end + 1)


def _bare_expr(nt: NormText, at: int, end: int, t: str) -> NumberExpr:
    """A bare figure read directly: a year when it looks like one, else plain (see _bare_kind)."""
    v = int(t)
    if len(t) == 4 and 1900 <= v <= 2099:
        return _expr(nt, at, end, v, "year", period=t)
    if at and _patterns().worth_before(nt.norm, at):
        return _expr(nt, at, end, v, "money_inr", unit="INR")
    return _expr(nt, at, end, v, "plain")


def _in_word(norm: str, at: int) -> bool:
    """True when a scan resumed inside a word (the token at `at` is the tail of a word)."""
    return unicodedata.category(norm[at - 1])[0] in "LM"

_DIGITS_SIGNS = frozenset("0123456789₹$€£~")
_HANDLERS: dict[str, Callable[[regex.Match, NormText], tuple[Optional[NumberExpr], int]]] = {
    "dnum": _on_date, "iso": _on_date, "dmy": _on_date, "mdy": _on_date, "time": _skip, "fy": _on_fy,
    "ord": _on_ordinal, "multw": _on_multiplier_word,
}


# --- public interface ---------------------------------------------------------------------------

def _scan() -> Scanner:
    return scanner(_MAX_TOKENS)


class _Kept(NamedTuple):
    """What find_in keeps between texts for the texts of one tokenizer (`phrases.word_tokens`), in
    plain dicts (the compiled find_in reads them with a C call), each bounded by `memo.keep`:
    `classes`, word -> its class (`_word_class`), and `chunks`, chunk -> its tokens
    (`_chunk_tokens`). One pair per tokenizer: the two tokenizers cut some chunks differently
    (the standard engine's for a text where `str.isalpha` finds no letter outside ASCII and
    Devanagari, WORD_TOKEN's where it does; the `regex` module counts ~26,600 more code points as
    letters, U+0558 among them), so a chunk's tokens, and whether a chunk is one word, depend on
    the tokenizer of the text it stands in, not on the chunk alone."""
    classes: dict
    chunks: dict


class _State(NamedTuple):
    """What find_in uses at every call, by name (`_state`): the lexicon's tables, the patterns,
    the phrase scanner, and what it keeps for the texts of each tokenizer."""
    starts: dict
    numbers: Any
    pats: Any
    sc: Scanner
    special_words: frozenset
    months: frozenset
    plain: _Kept  # for texts that the standard engine tokenizes (_PLAIN_TOKEN)
    full: _Kept  # for texts that WORD_TOKEN tokenizes


def _scanner() -> tuple:
    """What find_in uses at every call, looked up once and kept in _STATE: the fields of a
    `_State` in a plain tuple, each `_Kept` a plain (classes, chunks) pair (the compiled find_in
    unpacks an exact tuple without an iterator; `_state` names them)."""
    global _STATE
    if not _STATE:
        pats, lx = _patterns(), lexicon()
        _STATE = (lx.start_words, lx.number_word_keys, pats, _scan(), _special_words(lx), frozenset(lx.month),
                  ({}, {}), ({}, {}))
    return _STATE


def _state() -> _State:
    """The state of `_scanner` by name (the same tables, not copies)."""
    st = _scanner()
    return _State(*st[:6], _Kept(*st[6]), _Kept(*st[7]))


_STATE: tuple = ()
_MAX_CLASSES = 1 << 14  # words whose class find_in keeps per tokenizer (keyed on one word, ~1.5 MB at most)
_MAX_CHUNKS = 1 << 14  # chunks whose tokens find_in keeps per tokenizer (keyed on the text between two spaces, ~3 MB at most)
_MAX_CHUNK_LEN = 64  # the longest chunk kept


def _word_class(t: str, starts: dict[str, str], classes: dict) -> Optional[str] | bool:
    """The class of the word token `t` in `starts` ("start" or "prefix"), also folded when it holds
    a nukta, or False when no expression starts at it; kept in `classes` (the table of the text's
    tokenizer, `_Kept`), so that the walk of find_in decides most words with one lookup."""
    cls = starts.get(t)
    if cls is None and NUKTA in t:
        cls = starts.get(t.lower().replace(NUKTA, ""))
    if cls is None:
        cls = False
    return keep(classes, t, cls, _MAX_CLASSES)


def _chunk_tokens(chunk: str, tokenizer, chunks: dict) -> tuple:
    """The word tokens of `chunk`, a piece of a text between two spaces, as (start in the chunk,
    token) pairs, kept in `chunks` (the table of `tokenizer`, `_Kept`) when at most _MAX_CHUNK_LEN
    long. No token holds a space and the token patterns look at no character outside the token, so
    these are the tokens that `tokenizer` finds there in any text; a table holds the chunks of
    the texts of one tokenizer only, so what is kept holds for any text that reads it."""
    parts = token_parts(chunk, tokenizer)
    out = []
    at = 0
    for i in range(1, len(parts), 2):
        at += len(parts[i - 1])
        t = parts[i]
        out.append((at, t))
        at += len(t)
    toks = tuple(out)
    if len(chunk) <= _MAX_CHUNK_LEN:  # (a long one, a line with no space, is read once: not kept)
        keep(chunks, chunk, toks, _MAX_CHUNKS)
    return toks


def _tokens_ahead(parts: list[str], k: int, cs: int, toks: tuple, i: int, e: int, end: int, count: int, tokenizer,
                  chunks: dict) -> list[str]:
    """The first `count` tokens of the text between e, the end of the token toks[i - 1] of the chunk
    parts[k] (which starts at cs; its tokens: `toks`; `parts`: the text cut at its spaces), and
    `end`, the last one cut at `end`: what tokenizer.findall(norm, e, end)[:count] gives, read off
    the tokens kept per chunk. Bounded by end - e whatever the chunks' lengths: it reads on from
    toks[i], and only the piece of a later chunk before `end`."""
    out: list[str] = []
    nparts = len(parts)
    while True:
        ntoks = len(toks)
        while i < ntoks:
            rel, t = toks[i]
            i += 1
            s = cs + rel
            if s >= end:
                return out
            out.append(t if s + len(t) <= end else t[:end - s])
            if len(out) == count:
                return out
        cs += len(parts[k]) + 1
        k += 1
        if k >= nparts or cs >= end:
            return out
        chunk = parts[k]
        if len(chunk) > end - cs:
            chunk = chunk[:end - cs]  # its tokens before `end`, the last one cut there
        toks = chunks.get(chunk)
        if toks is None:
            toks = _chunk_tokens(chunk, tokenizer, chunks)
        i = 0


def _special_words(lx: Lexicon) -> frozenset[str]:
    """word_key of the words that can start a financial year, date, rank ordinal or multiplier
    word (the shapes of `_Patterns.by_word`); a cardinal starts one only before a month."""
    out = set()
    for f in lx.forms["special_start"]:
        first = WORD_TOKEN.search(normalise(f).norm)
        if first and not first.group()[0].isdigit():
            out.add(word_key(first.group()))
    return frozenset(out)


def find_in(nt: NormText) -> list[NumberExpr]:
    """Every numeric expression of an already normalised text (offsets into nt.text).

    The text is walked token by token: cut at its spaces by one C call, each chunk's tokens kept
    per chunk (`_chunk_tokens`), a dictionary lookup per word (most chunks are one word that
    nothing starts at: one lookup for the chunk). The grammar is tried only at a digit, a currency
    sign, or a word an expression can start with. This is what keeps the scan fast: a regex
    alternation of hundreds of words would be tried at every position of the text."""
    norm = nt.norm
    starts, numbers, pats, sc, special_words, months, plain, full = _STATE or _scanner()
    tokenizer = word_tokens(norm)
    is_plain = tokenizer is _PLAIN_TOKEN
    # what is kept for the texts of this tokenizer: a chunk's tokens depend on it (`_Kept`)
    classes, chunks = plain if is_plain else full
    words = sc.words(norm, is_plain)
    out: list[NumberExpr] = []
    n = len(norm)
    # the text is cut at its spaces (one C call; no token holds a space), and each chunk into its
    # tokens (`_chunk_tokens`, kept per chunk): most chunks are one word seen before. `pos` is where
    # the scan goes on (the end of the last expression read), `cs` where the next chunk starts.
    pos, cs = 0, 0
    parts = norm.split(" ")
    for k in range(len(parts)):
        chunk = parts[k]
        at0 = cs
        cs += len(chunk) + 1
        if cs <= pos + 1:
            continue  # read with the expression before it (or empty)
        if at0 >= pos and classes.get(chunk) is False:
            continue  # one word, and nothing starts at it (the commonest case: one look-up; the table
            # holds tokens of this tokenizer only, and a chunk that is one of them is that one token)
        toks = chunks.get(chunk)
        if toks is None:
            toks = _chunk_tokens(chunk, tokenizer, chunks)
        for ti in range(len(toks)):
            rel, t = toks[ti]
            at = at0 + rel
            e = at + len(t)
            if e <= pos:
                continue  # read with the expression before it
            if at < pos:  # the expression ended inside this token: its tail is the next token
                t, at = norm[pos:e], pos
            cls = classes.get(t)  # a word seen before: its class, False when nothing starts at it
            if cls is False:
                continue  # most words: nothing starts here
            c = t[0]
            if cls is None and c > "9" and c not in _SIGNS:  # a word not seen before (digits and "$" sort before "9")
                cls = _word_class(t, starts, classes)
                if cls is False:
                    continue
            if "0" <= c <= "9":
                m = None
                # (a comma with a digit right after is a grouping, never the end of a bare figure)
                if (e == n or (norm[e] in _BARE_NEXT and not (norm[e] == "," and "0" <= norm[e + 1:e + 2] <= "9"))) and (
                        _bare_figure(norm, at, e, n)):
                    # "5, 10 और 15": nothing around that could type it
                    out.append(_bare_expr(nt, at, e, t))
                    pos = e
                    continue
                if pats.digit_gate(norm, at) and pats.digit_shape(norm, at) and pats.digit_special.match(norm, at):
                    m = pats.variant(_DIGIT_BRANCHES)(norm, at)
            elif c not in _SIGNS:  # a word that starts a form (cls)
                m = None
                if at == pos and at and _in_word(norm, at):
                    continue
                if cls == "prefix":  # only worth trying when a number follows within a few words
                    j = e
                    while j < n and norm[j] == " ":
                        j += 1
                    # a digit or sign right after is the first of those words: no need to look further
                    if not (j < n and j < e + 40 and norm[j] in _DIGITS_SIGNS):
                        for w in _tokens_ahead(parts, k, at0, toks, ti + 1, e, e + 40, 3, tokenizer, chunks):
                            if w[0] in _DIGITS_SIGNS or w.lower().replace(NUKTA, "") in numbers:
                                break
                        else:
                            continue
                wk = t.lower().replace(NUKTA, "")
                if words.plain:  # the word here as `Words.get` reads it in a plain text (no letter or mark before it)
                    words._at[at] = (e, wk)
                special = wk in special_words
                if not special and wk in numbers:  # a cardinal starts a date only before a month
                    for w in _tokens_ahead(parts, k, at0, toks, ti + 1, e, e + 30, 2, tokenizer, chunks):
                        if w.lower().replace(NUKTA, "") in months:
                            special = True
                            break
                if special and (pats.word_branches(wk) != _FY_ONLY or pats.fy_next_match(norm, e)):
                    m = pats.by_word(wk)(norm, at)
            else:
                m = None
            if m is not None:
                expr, nxt = _HANDLERS[m.lastgroup](m, nt)
            else:
                hit = sc.scan(words, at)
                if hit is None:
                    if "0" <= c <= "9":  # digits and punctuation that are no number: skipped whole
                        pos = max(pats.junk.match(norm, at).end(), at + 1)
                    continue
                expr, nxt = _on_num(hit, nt)
            if expr is not None:
                out.append(expr)
            pos = nxt if nxt > at else at + 1  # go on from the end of what was read (the tokens in between are consumed)
    for x in out:  # (not `e`, an offset above: the compiled module types it as a C integer)
        if x.kind in _BARE_KINDS:
            break
    else:
        return out  # no bare figure: nothing for _units_before to type
    if len(out) == 1 and out[0].start == 0 and out[0].kind == "plain":
        return out  # one figure opening the text: no noun or count around it to type it
    lone = "lone" in [x.kind for x in out]  # (a list: the compiled find_in may hold no generator)
    out = _units_before(nt, out, tokenizer)
    return [x for x in out if x.kind != "lone"] if lone else out


_BARE_KINDS = ("plain", "lone")  # the kinds _units_before may type
# Expressions a counted noun before a figure may reach across ("rising 187 per cent on-year, to").
_SEE_THROUGH = frozenset(("percent", "fiscal_year", "date", "multiplier"))
# A hard stop: one of these characters, a full stop only when no digit follows ("[।॥;?!\n(]|\.(?![0-9])"),
# led by one class (the engine skips to a candidate in one C loop); the last one before an offset
# in one call (the greedy run backs off to it). Literal characters: the cheaper `re` engine.
_HARD_STOP = re.compile(r"[।॥;?!\n(.](?!(?<=\.)[0-9])")
_LAST_HARD_STOP = re.compile(r"(?s:.*)[।॥;?!\n(.](?!(?<=\.)[0-9])")
_UNIT_REACH = 120  # characters a counted noun may stand before its figure
_REF_REACH = 240  # characters a count may stand before a figure that refers to it ("of them")


def _units_before(nt: NormText, out: list[NumberExpr], tokenizer=None) -> list[NumberExpr]:
    """Type as counts the bare figures whose counted noun stands before them in the clause, with
    only link words between (see cues.count_link in rules/numbers.toml); a figure so typed passes
    its noun on to the next one ("to 40, 02,014 in FY2021-22 from 13, 96,468"). Each figure looks
    back at most _UNIT_REACH characters: the pass is linear. Called by find_in when `out` holds a bare
    figure (plain or lone)."""
    lx, pats = lexicon(), _patterns()
    norm = nt.norm
    links, strong = lx.cue["count_link"], lx.cue["count_link_strong"]
    nouns = _scan().count_noun
    noun_first = nouns.first
    first_keys = noun_first.keys()
    wmap = _scan().words(norm)
    if type(nt.to_orig) is range:  # one character for one: the same offsets (see NormText)
        spans = [(e.start, e.end) for e in out]
    else:
        spans = [nt.to_norm(e.start, e.end) for e in out]
    if tokenizer is None:
        tokenizer = word_tokens(norm)
    tokens_from, tokens_in = tokenizer.finditer, tokenizer.findall
    last_stop = _LAST_HARD_STOP.match
    last_count = -1  # index of the last count before out[i] (those before i are final)
    for i, e in enumerate(out):
        if i and out[i - 1].kind == "count":
            last_count = i - 1
        if e.kind == "lone":  # a number word: only a count it refers to may type it
            ref = _referred(nt, out, spans, i, pats, last_count) or _whole_after(norm, out, spans, i, pats)
            if ref is not None:
                out[i] = _replace(e, kind="count", unit=ref.unit, unit_text=ref.unit_text)
            continue
        if e.kind != "plain":
            continue
        ns, ne = spans[i]
        lo = max(0, ns - _UNIT_REACH)
        stop = last_stop(norm, lo, ns)
        if stop is not None:  # the clause starts after the last hard stop before the figure
            lo = stop.end()
        # the nearest anchor before the figure: a count expression or a counted noun
        anchor_end, unit, unit_text = -1, "", ""
        skip: list[tuple[int, int]] = []
        j = i - 1
        while j >= 0 and spans[j][1] > lo:
            if out[j].kind in _SEE_THROUGH:
                skip.append(spans[j])
                j -= 1
                continue
            if out[j].kind == "count":
                anchor_end, unit, unit_text = spans[j][1], out[j].unit, out[j].unit_text
            else:
                lo = spans[j][1]
            break
        q = max(lo, anchor_end)
        ws = tokens_in(norm, q, ns)
        # the loop below acts only at a token whose key (or first character) starts a noun form
        if ws and not (first_keys.isdisjoint(map(str.replace, map(str.lower, ws), repeat(NUKTA), repeat("")))
                       and first_keys.isdisjoint(map(itemgetter(0), ws))):
            for tm in tokens_from(norm, q, ns):
                t = tm.group()
                # a noun can start only at a token whose key (or first character) starts a form
                if (t.lower().replace(NUKTA, "") not in noun_first and t[0] not in noun_first) or tm.start() < q:
                    continue
                ce = nouns.match(wmap, tm.start())
                if 0 <= ce <= ns:
                    anchor_end, unit, unit_text = ce, lx.after[key(norm[tm.start():ce])][1], _orig(nt, tm.start(), ce)
                    q = ce
        if unit and _linked(norm, anchor_end, ns, ne, skip, e, links, strong, pats, tokenizer):
            out[i] = _replace(e, kind="count", unit=unit, unit_text=unit_text)
            continue
        ref = _referred(nt, out, spans, i, pats, last_count) or _whole_after(norm, out, spans, i, pats)
        if ref is not None:
            out[i] = _replace(e, kind="count", unit=ref.unit, unit_text=ref.unit_text)
    return _units_in_lists(nt, out, spans)


def _linked(norm: str, anchor_end: int, ns: int, ne: int, skip: list[tuple[int, int]], e: NumberExpr,
            links: frozenset[str], strong: frozenset[str], pats: _Patterns, tokenizer=WORD_TOKEN) -> bool:
    """True when only link words stand between a counted noun (ending at anchor_end) and the figure
    at ns..ne, one of them strong (or a word qualifier before the figure), or, with no word between,
    a copula follows the figure."""
    words: list[str] = []
    pos = anchor_end
    for a, b in sorted(sp for sp in skip if sp[0] >= anchor_end) + [(ns, ns)]:
        words += [_KEYS.get(w) or _form_key(w) for w in tokenizer.findall(norm, pos, a)]
        pos = b
    if any(w not in links and w not in strong for w in words) or any(w[0].isdigit() for w in words):
        return False
    if not words:
        return pats.copula.match(norm, ne) is not None
    return any(w in strong for w in words) or (e.qualifier != "exact" and not e.text[0].isdigit())


def _referred(nt: NormText, out: list[NumberExpr], spans: list[tuple[int, int]], i: int,
              pats: _Patterns, last_count: int) -> Optional[NumberExpr]:
    """The count a bare figure refers back to ("3,200 of them", "जिनमें से 900"): the nearest count
    before it (out[last_count], -1 for none) when it stands in its sentence (no hard stop between)
    at most _REF_REACH characters back, or None. The expressions are in order and do not overlap:
    if the nearest count is in reach with no stop between, so is every expression after it."""
    if last_count < 0:  # no count before it
        return None
    ns, ne = spans[i]
    norm = nt.norm
    end = spans[last_count][1]
    if end < ns - _REF_REACH or _HARD_STOP.search(norm, end, ns):
        return None
    if not (pats.ref_after.match(norm, ne) or pats.ref_before.search(norm, max(0, ns - 24), ns)
            or pats.contrast.search(norm, max(0, ns - 48), ns)):
        return None
    return out[last_count]


def _whole_after(norm: str, out: list[NumberExpr], spans: list[tuple[int, int]], i: int,
                 pats: _Patterns) -> Optional[NumberExpr]:
    """The count right after a figure that the figure is part of ("12 of Manipur's 16 districts",
    "19 out of the 46 departments"), or None."""
    if i + 1 < len(out) and out[i + 1].kind == "count" and pats.part_of.fullmatch(norm, spans[i][1], spans[i + 1][0]):
        return out[i + 1]
    return None


_LIST_GAP = re.compile(r"[ \t]*+(?:,[ \t]*+)?(?:(?:and|or|और|तथा|एवं|व|या)[ \t]++)?")  # literal: the cheaper `re`


def _units_in_lists(nt: NormText, out: list[NumberExpr], spans: list[tuple[int, int]]) -> list[NumberExpr]:
    """Bare figures listed before a count take its noun: "5, 10 और 15 विक्रेता", "two, three and
    four states" (only a comma, and/or/और/तथा/एवं/व/या between; a figure without a scale word does
    not take the noun of a count in lakh or crore: "5, 10 and 15 lakh" may be a range)."""
    norm = nt.norm
    for i in range(len(out) - 2, -1, -1):
        e, nxt = out[i], out[i + 1]
        if e.kind not in ("plain", "lone") or nxt.kind != "count" or (nxt.scale and not e.scale):
            continue
        gs, ge = spans[i][1], spans[i + 1][0]
        if ge - gs > 12 or nxt.text[0] != norm[ge] or _LIST_GAP.match(norm, gs).end() != ge or gs == ge:
            continue
        if "," not in norm[gs:ge] and not _LIST_GAP.match(norm, gs).group().strip():
            continue
        out[i] = _replace(e, kind="count", unit=nxt.unit, unit_text=nxt.unit_text)
    return out


def _replace(e: NumberExpr, **fields) -> NumberExpr:
    return e._replace(**fields)


def is_decimal_point(norm: str, at: int) -> bool:
    """True when the full stop at `at` of a working copy is the decimal point of a number this
    layer reads across a stray space ("2. 8 lakh"): no sentence ends there."""
    return _patterns().stray_decimal.match(norm, at) is not None


def find_numbers(text: str) -> list[NumberExpr]:
    """Every numeric expression in `text`, sorted by start, non-overlapping."""
    return find_in(normalise(text))


def _num_str(v: Optional[Number]) -> Optional[str]:
    if v is None:
        return None
    return str(v) if type(v) is int else format(v, "f")


def as_json(e: NumberExpr) -> dict:
    """The expression as a JSON-ready dict; numbers as strings holding the exact value."""
    return {
        "start": e.start, "end": e.end, "text": e.text, "value": _num_str(e.value), "kind": e.kind,
        "scale": list(e.scale), "currency": e.currency, "qualifier": e.qualifier,
        "value_high": _num_str(e.value_high), "unit": e.unit, "unit_text": e.unit_text, "period": e.period,
        "out_of": _num_str(e.out_of),
    }


def command(args) -> int:
    """`gem-extract numbers TEXT`: one JSON object per expression and line; TEXT "-" reads stdin."""
    text = sys.stdin.read() if args.text == "-" else args.text
    out = sys.stdout
    for e in find_numbers(text):
        out.write(json.dumps(as_json(e), ensure_ascii=False) + "\n")
    out.flush()
    return 0

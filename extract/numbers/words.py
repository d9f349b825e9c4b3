"""Word data of the number layer: rules/numbers.toml loaded once, checked, and turned into lookup
tables and regex alternations over the normalised working copy.

Owns the surface forms the number reader knows (number words, fraction words, scale words,
currency markers, qualifier phrases, counted nouns, time words, months, ordinals, cue words),
their canonical values, and the checks on them at load: every section present with the right
types, cardinals 0-99 and months 1-12 complete, and no form used twice within one matcher (the
words before a number, the words after it, number words, ...) under this module's lookup key
(folded, nukta-insensitive) or the project's `extract.rules.collision_key`. A broken file raises
`extract.rules.RuleError` naming the file and the entry.

The alternations are prefix trees with a one-character guard in front and no optional-group
quantifiers: the `regex` module tries alternatives one by one and pays per call for every repeat
in a pattern, and these choices keep the number grammar cheap. Each alternation is built when
first asked for (`Alternations`): building them is most of the cost of loading. It does not scan
text: `extract.numbers` compiles these alternations into its grammar.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Iterable

import regex

from .. import rules
from ..normalise import fold, normalise

RULE_FILE = "numbers"
NUKTA = "\u093c"
QUALIFIERS = ("approx", "more_than", "less_than", "up_to")
SYSTEMS = ("indian", "western")
CUE_KEYS = (
    "percent", "multiplier", "rank_before", "rank_after", "ordinal_suffix", "range", "out_of_total_first",
    "out_of_part_first", "genitive", "worth", "fiscal_strong", "fiscal_weak", "time_suffix", "count_modifiers", "count_link",
    "count_link_strong", "count_copula", "reach", "count_ref_after", "count_ref_before", "count_part_of", "count_contrast",
)

# Word edges on the working copy: a Devanagari word may end in a combining mark, so \b is not used.
WORD_START = r"(?<![\p{L}\p{M}])"
WORD_END = r"(?![\p{L}\p{M}])"
# Blanks between the words of one phrase: spaces and tabs, and at most one line break.
GAP = r"[ \t]*+(?:(?:\r\n|\n)[ \t]*+|)"
# The same blanks for the standard `re` engine, taken possessively (nothing that follows them in a
# pattern starts with a blank)
GAP_RE = r"[ \t]*+(?:\r?\n[ \t]*+)?+"
# Blanks between the words of one multi-word form ("से अधिक", "more than").
_WORD_GAP = r"\s++"


# One token of the working copy: a word, a digit run, or a currency sign or tilde.
WORD_TOKEN = regex.compile(r"[\p{L}\p{M}]++|[0-9]++|[₹$€£~]")


def word_key(token: str) -> str:
    """Cheap key of one word token of the working copy (lower case, nukta dropped)."""
    return token.lower().replace(NUKTA, "")


@lru_cache(maxsize=16384)
def key(surface: str) -> str:
    """Lookup key of a surface form or of matched text: folded, nukta, hyphens and blanks removed."""
    k = "".join(fold(surface).replace(NUKTA, "").split())
    return k.replace("-", "") or k


def _fail(entry: str, problem: str) -> rules.RuleError:
    return rules.RuleError(rules.path_of(RULE_FILE), entry, problem)


_WORDISH = regex.compile(r"[\p{L}\p{M}\p{N}]")
# Consonants that take a nukta in Hindi spelling (क़ ख़ ग़ ज़ ड़ ढ़ फ़): copy writes them with or without it.
_NUKTA_BASES = frozenset("कखगजडढफ")


def form_units(form: str, exact_case: bool = False) -> list[str]:
    """Regex units (one per character) of one surface form on the working copy: nukta optional,
    blanks flexible, an inner hyphen optional, a Latin letter in either case (unless exact_case);
    word edges are added by `alternation`. Case is spelt out in the pattern rather than left to
    an IGNORECASE flag, which slows every Devanagari comparison down."""
    out: list[str] = []
    norm = normalise(form).norm.strip()
    for i, ch in enumerate(norm):
        inside = 0 < i < len(norm) - 1 and _WORDISH.match(norm[i - 1]) and _WORDISH.match(norm[i + 1])
        if ch == NUKTA:
            continue  # the letter before it already carries an optional nukta
        if ch in _NUKTA_BASES:
            out.append(f"{ch}(?:{NUKTA}|)")
        elif ch.isspace():
            if out and out[-1] != _WORD_GAP:
                out.append(_WORD_GAP)
        elif ch == "-" and inside:
            out.append(r"(?:[-\s]|)")
        elif not exact_case and ch.isascii() and ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        else:
            out.append(_escape(ch))
    return out


@lru_cache(maxsize=1024)
def _escape(ch: str) -> str:
    return regex.escape(ch, special_only=True)


def _trie(sequences: Iterable[list[str]]) -> str:
    """Regex source matching any of the unit sequences, as a prefix tree: at each position the
    engine follows one branch instead of trying every form (the word lists are long)."""
    root: dict = {}
    for units in sequences:
        node = root
        for u in units:
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [u + emit(child) for u, child in sorted(node.items()) if u]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # an empty branch, not "?": the regex module pays per call for each repeat
            return f"(?:{body}|)"
        return body

    return emit(root)


def alternation(forms: Iterable[str], latin_exact_case: bool = False) -> str:
    """One non-capturing pattern matching any of the forms, longest first, word edges checked once
    per group of forms: forms ending in punctuation ("Rs.", "cr.") come before the word forms they
    extend. With latin_exact_case, Latin forms match only as written or in capitals ("May", "MAY")."""
    groups: dict[tuple[bool, bool, bool], list[list[str]]] = {}
    for form in forms:
        variants = [form, form.upper()] if latin_exact_case and regex.search(r"\p{Latin}", form) else [form]
        for v in variants:
            norm = normalise(v).norm.strip()
            exact = latin_exact_case and regex.search(r"\p{Latin}", v) is not None
            edges = (_WORDISH.match(norm) is not None, _WORDISH.match(norm[-1]) is not None, exact)
            groups.setdefault(edges, []).append(form_units(v, exact))
    parts = []
    firsts: set[str] = set()
    for edges in sorted(groups, key=lambda e: (e[1], not e[0], e[2])):
        parts.append(("" if not edges[0] else WORD_START) + f"(?:{_trie(groups[edges])})"
                     + (WORD_END if edges[1] else ""))
        firsts |= {c for units in groups[edges] for c in _first_chars(units[0])}
    return _first_char_guard(firsts) + "(?:" + "|".join(parts) + ")"


def first_chars(forms: Iterable[str]) -> set[str]:
    """The characters a match of `alternation(forms)` can start with (its guard)."""
    return {c for form in forms for c in _first_chars(form_units(form)[0])}


def _first_chars(unit: str) -> set[str]:
    """The characters a unit of `form_units` can start with."""
    if unit.startswith("[") and len(unit) == 4:  # [xX]
        return {unit[1], unit[2]}
    if unit.startswith("(?:"):  # (?:[-\s]|) cannot start a form
        return set()
    if unit.startswith("\\"):
        return {unit[1]}
    return {unit[0]}


def _first_char_guard(chars: set[str]) -> str:
    """A one-character look-ahead in front of a long alternation: the regex engine tries the
    branches one by one, so ruling out most positions with one set test makes the scan fast."""
    body = "".join("\\" + c if c in "\\]^-[" else c for c in sorted(chars))
    return f"(?=[{body}])"


class Alternations(dict):
    """name -> regex source of `alternation` over a list of forms, built when first asked for
    (building them is most of the cost of loading the rules, and a text needs only some)."""

    def __init__(self, forms: dict[str, tuple[list[str], bool]]):
        super().__init__()
        self._forms = forms  # name -> (forms, latin_exact_case)

    def forms_of(self, name: str) -> list[str]:
        """The forms the alternation `name` is built over."""
        return self._forms[name][0]

    def __missing__(self, name: str) -> str:
        forms, exact_case = self._forms[name]
        src = self[name] = alternation(forms, latin_exact_case=exact_case)
        return src


@dataclass(frozen=True)
class Scale:
    id: str
    value: int
    system: str


@dataclass(frozen=True)
class Lexicon:
    """Everything the reader looks up, keyed by `key()` of the matched text."""

    cardinal: dict[str, int]
    english_tens: frozenset[str]
    english_units: frozenset[str]
    fraction: dict[str, Decimal]
    modifier: dict[str, Decimal]
    hundred: frozenset[str]
    indefinite: frozenset[str]
    connector: frozenset[str]
    scale: dict[str, Scale]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    qualifier_before: dict[str, str]
    qualifier_after: dict[str, str]
    noun: dict[str, tuple[str, str]]  # key -> ("count" | "duration" | "rank", canonical unit)
    month: dict[str, int]
    ordinal: dict[str, int]
    multiplier_word: dict[str, int]
    cue: dict[str, frozenset[str]]
    start_words: dict[str, str]        # word_key -> "start" | "prefix" (see `_load`)
    number_word_keys: frozenset[str]   # word_key of the one-word number and scale words
    before: dict[str, tuple[str, Any]]   # word before a number: (rank|qual|cur, value)
    after: dict[str, tuple[str, Any]]    # word after: (cur|qual|pct|mult|gen|rank|count|duration, value)
    between: dict[str, tuple[str, Any]]  # word between two numbers: (range|outt|outp, None)
    patterns: dict[str, str]  # name -> regex source (alternation of the forms), built on first use
    forms: dict[str, list[str]]  # name -> the surface forms (for the token-level matchers of `phrases`)


def _str_list(value: Any, entry: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(entry, "expected a non-empty list of non-empty strings")
    return value


def _section(data: dict, name: str, typ: type) -> Any:
    if name not in data:
        raise _fail(name, "missing section")
    if not isinstance(data[name], typ):
        raise _fail(name, f"must be a {'table' if typ is dict else 'array of tables'}")
    return data[name]


class _Matcher:
    """Collects the forms of one matcher and refuses a form that two entries share: by the lookup key
    of this module as they are added, by the project-wide collision key of extract.rules in
    `check_collisions` (a check that passed is remembered by content: it runs the indic-nlp
    normaliser over every form, ~15 ms of a cold start)."""

    def __init__(self, name: str):
        self.name = name
        self.owner: dict[str, str] = {}
        self.forms: list[str] = []
        self.pairs: list[tuple[str, str]] = []  # (entry, form)

    def add(self, entry: str, forms: list[str]) -> list[str]:
        for form in forms:
            k = key(form)
            if not k:
                raise _fail(entry, f"form {form!r} is empty after folding")
            if k in self.owner and self.owner[k] != entry:
                raise _fail(entry, f"{self.name} form {form!r} collides with entry {self.owner[k]!r}")
            self.owner[k] = entry
            self.forms.append(form)
            self.pairs.append((entry, form))
        return forms

    def check_collisions(self) -> None:
        rules.check_unique(RULE_FILE, self.pairs, f"{self.name} form")


def _number_table(data: dict, name: str, entries: Iterable[str] | None, matcher: _Matcher,
                  parse=int) -> dict[str, Any]:
    table = _section(data, name, dict)
    out: dict[str, Any] = {}
    for label, forms in table.items():
        entry = f"{name}.{label}"
        try:
            value = parse(label)
        except (ValueError, InvalidOperation):
            raise _fail(entry, f"key {label!r} is not a number") from None
        for form in matcher.add(entry, _str_list(forms, entry)):
            out[key(form)] = value
    if entries is not None:
        missing = sorted(set(entries) - {parse(k) for k in table})
        if missing:
            raise _fail(name, f"missing values {missing}")
    return out


def _before_after(data: dict, section: str, label: str, value_of) -> tuple[tuple[_Matcher, dict], tuple[_Matcher, dict]]:
    """The [[section]] entries' `before` and `after` forms: a matcher and a form -> value table for
    each side; `value_of(entry, e)` checks an entry and gives the value its forms stand for."""
    sides = {side: (_Matcher(f"{section} ({side})"), {}) for side in ("before", "after")}
    for i, e in enumerate(_section(data, section, list)):
        entry = f"{section}.{e.get(label) or i}"
        value = value_of(entry, e)
        for side, (matcher, table) in sides.items():
            for form in matcher.add(entry, _str_list(e.get(side), f"{entry}.{side}")):
                table[key(form)] = value
    return sides["before"], sides["after"]


def _load(data: dict) -> Lexicon:
    numeric = _Matcher("number word")
    cardinal = _number_table(data, "cardinals", range(100), numeric)
    if any(not 0 <= v <= 99 for v in cardinal.values()):
        raise _fail("cardinals", "values must be 0-99")
    english = {k: v for k, v in cardinal.items() if regex.fullmatch(r"\p{Latin}+", k)}
    fraction = _number_table(data, "fractions", None, numeric, Decimal)
    modifier = _number_table(data, "fraction_modifiers", None, numeric, Decimal)
    ordinal = _number_table(data, "ordinals", None, numeric)
    multiplier_word = _number_table(data, "multiplier_words", None, numeric)
    words = _section(data, "words", dict)
    word_sets = {}
    for name in ("hundred", "indefinite", "connectors"):
        forms = numeric.add(f"words.{name}", _str_list(words.get(name), f"words.{name}"))
        word_sets[name] = frozenset(key(f) for f in forms)

    scale: dict[str, Scale] = {}
    scale_forms: list[str] = []
    for i, e in enumerate(_section(data, "scale", list)):
        entry = f"scale.{e.get('id', i)}"
        if not isinstance(e.get("id"), str) or not isinstance(e.get("value"), int) or e["value"] < 10:
            raise _fail(entry, "needs id (string) and value (integer >= 10)")
        if e.get("system") not in SYSTEMS:
            raise _fail(entry, f"system must be one of {SYSTEMS}")
        sc = Scale(e["id"], e["value"], e["system"])
        for form in numeric.add(entry, _str_list(e.get("forms"), entry)):
            scale[key(form)] = sc
            scale_forms.append(form)

    def iso_code(entry: str, e: dict) -> str:
        iso = e.get("iso")
        if not isinstance(iso, str) or not regex.fullmatch(r"[A-Z]{3}", iso):
            raise _fail(entry, "iso must be a three-letter ISO 4217 code")
        return iso

    def qualifier_id(entry: str, e: dict) -> str:
        if e.get("id") not in QUALIFIERS:
            raise _fail(entry, f"id must be one of {QUALIFIERS}")
        return e["id"]

    (cur_before, currency_before), (cur_after, currency_after) = _before_after(data, "currency", "iso", iso_code)
    (q_before, qualifier_before), (q_after, qualifier_after) = _before_after(data, "qualifier", "id", qualifier_id)

    nouns = _Matcher("noun")
    noun: dict[str, tuple[str, str]] = {}
    for section, role in (("count_unit", "count"), ("duration_unit", "duration")):
        for i, e in enumerate(_section(data, section, list)):
            unit = e.get("unit")
            entry = f"{section}.{unit or i}"
            if not isinstance(unit, str) or not regex.fullmatch(r"[a-z_]+", unit):
                raise _fail(entry, "unit must be a lower-case identifier")
            for form in nouns.add(entry, _str_list(e.get("forms"), entry)):
                noun[key(form)] = (role, unit)

    months = _Matcher("month")
    month = _number_table(data, "months", range(1, 13), months)

    cues_table = _section(data, "cues", dict)
    cue: dict[str, frozenset[str]] = {}
    for name in CUE_KEYS:
        forms = _str_list(cues_table.get(name), f"cues.{name}")
        cue[name] = frozenset(key(f) for f in forms)
    for form in nouns.add("cues.rank_after", cues_table["rank_after"]):
        noun[key(form)] = ("rank", "rank")
    unknown = set(cues_table) - set(CUE_KEYS)
    if unknown:
        raise _fail("cues", f"unknown cue lists {sorted(unknown)}")

    def forms_of(table: dict) -> list[str]:
        return [f for forms in table.values() for f in forms]

    # The words around a number phrase, one matcher per side: each needs distinct forms.
    phrase_forms: dict[str, list[str]] = {}

    made = [numeric, nouns, months, cur_before, cur_after, q_before, q_after]  # for check_collisions

    def combined(name: str, groups: list[tuple[str, Any, list[str], str]]) -> tuple[dict, str]:
        matcher, table = _Matcher(name), {}
        made.append(matcher)
        for cls, value, forms, label in groups:
            for form in matcher.add(label, forms):
                table[key(form)] = (cls, value)
        phrase_forms[name] = matcher.forms
        return table, ""  # matched by `phrases.FormTrie`, not by a regex

    currencies, qualifiers = data["currency"], data["qualifier"]
    before, before_src = combined("word before a number", [
        ("rank", None, cues_table["rank_before"], "cues.rank_before"),
        *[("qual", q["id"], q["before"], f"qualifier.{q['id']}") for q in qualifiers],
        *[("cur", c["iso"], c["before"], f"currency.{c['iso']}") for c in currencies]])
    after, after_src = combined("word after a number", [
        *[("cur", c["iso"], c["after"], f"currency.{c['iso']}") for c in currencies],
        *[("qual", q["id"], q["after"], f"qualifier.{q['id']}") for q in qualifiers],
        ("pct", None, cues_table["percent"], "cues.percent"),
        ("mult", None, cues_table["multiplier"], "cues.multiplier"),
        ("gen", None, cues_table["genitive"], "cues.genitive"),
        ("rank", "rank", cues_table["rank_after"], "cues.rank_after"),
        *[("count", e["unit"], e["forms"], f"count_unit.{e['unit']}") for e in data["count_unit"]],
        *[("duration", e["unit"], e["forms"], f"duration_unit.{e['unit']}") for e in data["duration_unit"]]])
    between, between_src = combined("word between two numbers", [
        ("range", None, cues_table["range"], "cues.range"),
        ("outt", None, cues_table["out_of_total_first"], "cues.out_of_total_first"),
        ("outp", None, cues_table["out_of_part_first"], "cues.out_of_part_first")])

    # regex alternations only for the cue lists the regexes of `expressions` use; the words around a
    # number phrase are matched by the prefix trees of `phrases`
    cues_alt = {name: (cues_table[name], False) for name in (
        "count_copula", "count_ref_after", "count_ref_before", "count_part_of", "count_contrast", "fiscal_strong", "fiscal_weak", "ordinal_suffix", "rank_after", "reach", "time_suffix",
        "worth")}
    number_words = (forms_of(data["cardinals"]) + forms_of(data["fractions"])
                    + forms_of(data["fraction_modifiers"]) + words["hundred"])
    patterns = Alternations({
        "cardinal": (forms_of(data["cardinals"]), False),
        "scale": (scale_forms, False),
        "month": (months.forms, True),
        "ordinal": (forms_of(data["ordinals"]), False),
        "multiplier_word": (forms_of(data["multiplier_words"]), False),
        **{f"cue_{name}": forms for name, forms in cues_alt.items()},
    })
    # The words an expression can start with, keyed by `word_key` of their first word: "start"
    # words start one by themselves (number words, ordinals, months, FY), "prefix" words only
    # when a number follows (qualifiers, currency words, rank words, "a").
    phrase_forms.update({
        "number_token": number_words + scale_forms + words["connectors"] + words["indefinite"],
        "scale": scale_forms,
        "count_noun": [f for e in data["count_unit"] for f in e["forms"]],
        "count_modifiers": list(cues_table["count_modifiers"]),
        "noun": nouns.forms,
        # the words a financial year, date, rank ordinal or multiplier word can start with
        "ordinal_suffix": list(cues_table["ordinal_suffix"]),
        "special_start": (cues_table["fiscal_strong"] + cues_table["fiscal_weak"] + months.forms
                          + forms_of(data["ordinals"]) + forms_of(data["multiplier_words"])),
        # the first words of the branches of the date / financial year grammar (`expressions`)
        "fiscal": cues_table["fiscal_strong"] + cues_table["fiscal_weak"],
        "cardinal": forms_of(data["cardinals"]),
        "month": months.forms,
        "ordinal": forms_of(data["ordinals"]),
        "multiplier_word": forms_of(data["multiplier_words"]),
    })
    for matcher in made:
        matcher.check_collisions()
    start_words: dict[str, str] = {}
    for cls, forms in (
            ("prefix", words["indefinite"] + cur_before.forms + q_before.forms + cues_table["rank_before"]
             + cues_table["fiscal_weak"]),
            ("start", number_words + forms_of(data["ordinals"]) + forms_of(data["multiplier_words"]) + months.forms
             + cues_table["fiscal_strong"])):
        for form in forms:
            first = WORD_TOKEN.search(normalise(form).norm)
            if first and not first.group()[0].isdigit():
                k = word_key(first.group())
                for variant in (k, k.upper(), k.capitalize()):  # the scanner looks tokens up as written
                    if start_words.get(variant) != "start":
                        start_words[variant] = cls
    return Lexicon(
        start_words=start_words,
        number_word_keys=frozenset(word_key(normalise(f).norm) for f in number_words + scale_forms
                                   if " " not in f.strip()),
        cardinal=cardinal,
        english_tens=frozenset(k for k, v in english.items() if v >= 20 and v % 10 == 0),
        english_units=frozenset(k for k, v in english.items() if 1 <= v <= 9),
        fraction=fraction, modifier=modifier,
        hundred=word_sets["hundred"], indefinite=word_sets["indefinite"], connector=word_sets["connectors"],
        scale=scale, currency_before=currency_before, currency_after=currency_after,
        qualifier_before=qualifier_before, qualifier_after=qualifier_after, noun=noun, month=month,
        ordinal=ordinal, multiplier_word=multiplier_word, cue=cue, before=before, after=after,
        between=between, patterns=patterns, forms=phrase_forms,
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The checked word data of rules/numbers.toml (read once per process)."""
    return _load(rules.load(RULE_FILE))


def check(data: dict) -> Lexicon:
    """Check a parsed rule table the way `lexicon()` does (for tests of broken rule data)."""
    return _load(data)

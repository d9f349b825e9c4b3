"""What a figure in a sentence is about: role, counterparty, segment, period, state, and whether a
rupee amount is a fact at all (a rule threshold is not) and how its qualifier reads in context.

Shared by the order-value and count extractors. Cue words come from rules/facts.toml. A sentence's cues
are found by one pass over its token table through a phrase trie of every cue list and indexed by label;
only sentences with a figure, a number that may date them (a year, fiscal year; a date or duration with a
cue word beside it) or a period-naming cue phrase in their folding are tokenised (most are not); the others
are `quiet`, as are the analysed ones that have no figure, name no period and date no purchase. The readers'
plan does not even look for a period-naming phrase in a sentence no figure after it could take a period from. Each figure's attributes are read from the hits by scope:
- the *left scope* of a figure runs from the previous figure of the sentence (or the clause start)
  to the figure, the *right scope* from the figure to the next number or comma (read in English
  only, where "from central ministries" follows the amount); the *clause* is the sentence cut at "जबकि" /
  "while" / ";"; the *segment scope* of an amount runs back to the previous amount (a count of
  "women MSEs" between them still narrows the sellers).
- role: a seller cue in the clause (not inside "Buyer-Seller" / "क्रेता-विक्रेता", not after the
  figure's own purchase: "... की खरीद की और ... विक्रेताओं को मिले"); else a buyer entity (ministry,
  department, CPSE, company, buyers; not a quantified class: "सभी मंत्रालयों", "many departments")
  before the figure in the sentence; else an active verb of buying before it ("NLCIL procured goods
  worth"); else buyer when the clause speaks of a purchase and the sentence before named the buyer
  with its purchase; else a platform cue (GMV, savings, target) in the clause; else buyer when a
  state is named or referred to, seller when the sellers are narrowed (startups, women, MSEs),
  platform otherwise. A purchase word alone ("खरीद", "procurement") names no buyer. A part of an
  amount said before ("of which", "Of this", "जिनमें से") keeps that amount's role, state, period
  and segment; its counterparty and segment are read to the next amount; a part of a purchase that
  "went to sellers" is the sellers' (same_state when the whole was a state's purchase). Also buyer: a
  Hindi perfect of buying without "ने" ("पंचायतें ... खरीद चुकी हैं"); in a state's article a passive
  purchase or an item's price ("... बेड खरीदे गये", "एक बेड की कीमत"); "the purchase" up to two
  sentences after a buyer's purchase (across a sentence with no amount). "government buyers" as a class
  names no buyer; a nationwide word makes bare "buyers" GeM-wide, not a named kind (cooperatives).
- state of a buyer entity: named in the sentence, or the article's state where the sentence refers to
  it ("राज्य", "State PSUs") or the buyer is of a state's own administration (विभाग, department,
  directorate) with no central word in the sentence.
- segment: not from a word that names an office ("MSME commissioner", "एमएसएमई मंत्रालय") nor from
  a kicker before a colon; counterparty: in Hindi also after the amount ("... केंद्रीय मंत्रालयों से आए").
- period, in order: in English a period right after the figure; a period named in the sentence
  before the figure (FY, "वर्ष 2024-25 में", "2022 के अंदर", "अब तक", "since 2014", "अप्रैल तक",
  "<date> तक" / "up to <date>" -> the FY of the date; a deal dated by day or month in the clause
  ("12 जुलाई 2024 को ... आपूर्ति की", "In March 2022, ... placed an order") -> YYYY-MM; relative fiscal words -> resolved with the
  article's own date, else empty, and an undated "last year" is the FY the sentence before named);
  "इसी अवधि" -> the period named before; a period named after the figure; a present perfect of
  receiving ("प्राप्त हुए हैं") -> to_date; else empty. Nothing is inherited from an earlier sentence
  without such a word.
- qualifier: "X तक" with a verb of reaching after it is exact; "crossed / would exceed X" and
  "X को पार" are more_than.
- threshold (no order value): a less-than amount; an up-to amount with no verb of reaching or of
  receiving orders after it; a more-than amount, "X and above" or a price band right beside a
  purchase noun with a quantifier on it ("all purchases above Rs 5 lakh", "से ऊपर की हर खरीद") or a
  rule word in a clause that names no period ("must go through", "करनी होगी").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import compress
import re

import regex

from .. import lexicon, rules
from ..patterns import LazyPattern, char_class, trie_pattern
from ..text.document import Document, Number
from ..normalise import normalise, script_counts
from ..text.sentences import Sentence


FIGURE_KINDS = ("money_inr", "count")
_CLAUSE_WORDS = ("जबकि", "वहीं दूसरी ओर", "whereas", "while")  # plain words: a break holds one of them or ";"
_CLAUSE_BREAK = LazyPattern(regex.compile, r"\s(?:" + "|".join(_CLAUSE_WORDS) + r")\s|;")
_YEAR_CUE_AFTER = LazyPattern(regex.compile, r"\s*(?:में|के\s+दौरान|के\s+बीच|के\s+अंदर)(?![\p{L}\p{M}])")
_YEAR_CUE_BEFORE = LazyPattern(regex.compile, r"(?:\bin|\bduring|\bfor|वर्ष|साल)\s*$", regex.IGNORECASE)
_TOKEN = LazyPattern(regex.compile, r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")
_COMPARED_AFTER = LazyPattern(regex.compile, r"\s*(?:से\s+\d|की\s+तुलना|के\s+मुकाबले|के\s+मुक़ाबले|की\s+अपेक्षा)")
_COMPARED_BEFORE = LazyPattern(regex.compile, r"(?:\bthan|\bover|\bfrom|\bagainst|compared\s+(?:to|with))\s+$", regex.IGNORECASE)
_COMPARING = LazyPattern(regex.compile, r"\b(?:compared|comparison|against|than|over|versus|vs)\b", regex.IGNORECASE)
_PHRASE_END = LazyPattern(regex.compile, r"[,:;—–]|\s-\s")
_PUNCT = frozenset(",:;.!?।|()[]“”\"‘’'")  # the marks that end a phrase between a word and an office
_LABEL_END = LazyPattern(regex.compile, r":(?!\d)")
_NEAR = 40  # characters: how far before an amount "crossed" (or before a buyer "every") still speaks of it
_SEGMENT_KINDS = ("money_inr",)
LAST_NAMED = "last?"  # an undated "last year": the fiscal year the sentence before named, if any (PeriodTracker)  # the figures that end the segment scope of an amount


def exact_int(value) -> int:
    """An exact integer (rupees, counts) from the number layer's int or Decimal; fractions round half up."""
    if type(value) is int:  # already whole
        return value
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _tokens(phrase: str) -> tuple[str, ...]:
    """The folded _TOKEN tokens of the phrase's working copy."""
    norm = normalise(phrase).norm
    return tuple(_folded(_TOKEN.findall(norm), norm))


def _folded(toks: list[str], text: str) -> list[str]:
    """`toks` (pieces of `text`) case-folded in one call over them joined by NUL (one by one where
    the text holds a NUL)."""
    if not toks or "\0" in text:
        return [t.casefold() for t in toks]
    return "\0".join(toks).casefold().split("\0")


# A cue hit: (nstart, nend, cat, label), a plain tuple (tens of thousands per batch; read by index)
Hit = tuple


# Text of common characters only (ASCII, Devanagari, general punctuation, currency signs: none of them
# cased outside ASCII) is folded by lower-casing its ASCII letters and tokenised without a regex match per
# token: the stdlib `re` splits out each character that is neither a word character nor a blank (a token on
# its own), the pieces are joined by blanks and str.split cuts them at every blank. Character classes are
# listed from `regex`'s own \p{L}\p{M}\p{N} and \s over those characters: the same tokens as _TOKEN, at about
# twice the speed. Any other character sends the text down the general path (one `regex` split), and so do
# the common characters str.split takes for blanks and _TOKEN does not (\x1c-\x1f).
_COMMON = ((0x00, 0x80), (0xa0, 0xc0), (0xd7, 0xd8), (0xf7, 0xf8), (0x900, 0x980), (0x2000, 0x2070),
           (0x20a0, 0x20d0), (0xa8e0, 0xa900), (0xfeff, 0xff00))


@lru_cache(maxsize=1)
def common_chars() -> str:
    """The common characters, in code point order: those of _COMMON that are not cased outside ASCII."""
    chars = "".join(chr(c) for a, b in _COMMON for c in range(a, b))
    return "".join(c for c in chars if c < "\x80" or c.casefold() == c)


@lru_cache(maxsize=1)
def _common_split() -> tuple[re.Pattern, re.Pattern, regex.Pattern]:
    """(a search for a character outside the common characters the fast tokenising reads (the common ones that str.split and _TOKEN both take for blanks, or neither); the split
    of a text that captures each common character neither word nor blank; the split of any text: _TOKEN
    captured, so that split keeps the gaps)."""
    chars = common_chars()
    words = regex.findall(r"[\p{L}\p{M}\p{N}]", chars)
    blanks = regex.findall(r"\s", chars)
    marks = set(chars).difference(words, blanks)  # each a token of its own
    fast = [c for c in chars if c.isspace() == (c in blanks)]
    return (re.compile("[^" + char_class(fast) + "]"), re.compile(f"([{char_class(marks)}])"),
            regex.compile(r"([\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}])"))


def _token_table(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[str], str, int]:
    """(the case-folded _TOKEN tokens of text[start:end]; the same tokens as they stand in `read`; `read`, that
    span or its folding, as long as the span; `start`). Only blanks stand between two tokens of `read`: each
    token starts at the first character, from the end of the one before, that equals its first character."""
    if start or end is not None or type(text) is not str:
        text = text[start:end]  # (a plain str)
    outside, marks, any_split = _common_split()
    if outside.search(text) is None:  # common characters: folding keeps every length
        folded = text.casefold()  # the same as lower-casing the ASCII letters
        keys = " ".join(marks.split(folded)).split()
        return keys, keys, folded, start
    parts = any_split.split(text)
    toks = parts[1::2]
    return _folded(toks, text), toks, text, start


def _freeze(node: dict) -> dict:
    """A cue trie node as walk reads it: {token: (labels or None, children or None)}. (A function of
    the module: a recursive inner function would refer to itself through its closure, a reference
    cycle made at every call.)"""
    return {k: (tuple(v[None]) if None in v else None,
                _freeze(v) if len(v) > (None in v) else None)  # a key besides None: children
            for k, v in node.items() if k is not None}


class CueIndex:
    """Every cue phrase of every list in one token trie: one pass over an article finds them all,
    overlapping ones included ("राज्य के खरीदारों" and "राज्य")."""

    def __init__(self) -> None:
        self.trie: dict = {}
        self._nodes: dict | None = None  # the trie read-only: token -> (labels or None, children or None)

    def add(self, phrase: str, cat: str, label: str) -> tuple[str, ...]:
        """Adds the phrase under (cat, label); returns its tokens (none: nothing added)."""
        toks = _tokens(phrase)
        if not toks:
            return toks
        node = self.trie
        for t in toks:
            node = node.setdefault(t, {})
        labels = node.setdefault(None, [])
        if (cat, label) not in labels:
            labels.append((cat, label))
        self._nodes = None
        return toks

    def _frozen(self) -> dict:
        if self._nodes is None:
            self._nodes = _freeze(self.trie)
        return self._nodes

    def walk(self, keys: list[str], toks: list[str], read: str, start: int) -> list[Hit]:
        """The cue hits of a token table (_token_table), by first token, then last token. A hit's offsets are
        found by stepping through `read` token by token, onwards from the last token located (most tokens
        start no hit: they are only stepped over on the way to one that does)."""
        first = self._frozen()
        out = []
        n = len(keys)
        located, pos = 0, 0  # toks[located] starts at the first character from pos that is its first one
        for i in compress(range(n), map(first.__contains__, keys)):
            labels, children = first[keys[i]]
            s = e = upto = -1  # the first token's offset in `read`, once a hit needs it; the end of toks[upto]
            j = i
            while True:
                if labels:
                    if s < 0:
                        while True:
                            tok = toks[located]
                            c = tok[0]
                            while read[pos] != c:
                                pos += 1
                            if located == i:
                                break
                            pos += len(tok)
                            located += 1
                        s, e, upto = pos, pos + len(tok), i
                    while upto < j:
                        upto += 1
                        tok = toks[upto]
                        c = tok[0]
                        while read[e] != c:
                            e += 1
                        e += len(tok)
                    for cat, label in labels:
                        out.append((start + s, start + e, cat, label))
                j += 1
                if children is None or j == n:
                    break
                node = children.get(keys[j])
                if node is None:
                    break
                labels, children = node
        return out

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """The cue hits of text[start:end] (offsets in `text`)."""
        keys, toks, read, start = _token_table(text, start, end)
        return self.walk(keys, toks, read, start)


def _is_english(text: str, start: int, end: int) -> bool:
    dev, lat = script_counts(text[start:end])
    return lat > dev


@dataclass(frozen=True)
class _Cues:
    index: CueIndex
    counterparty_order: tuple[str, ...]
    segment_order: tuple[str, ...]
    link: frozenset[str]  # words that may stand between an amount and the purchase noun it bounds
    quantifier: frozenset[str]  # all, every, हर, सभी: a whole class of purchases
    naming_gate: PhraseGate  # the cues that name a period on their own

    # the words that stand first and last in a cue of each label that dates a number beside it ("तक", "up to",
    # "पिछले", "को"), the longest of them, and the this-purchase cues: see _may_date
    beside: dict[str, tuple[frozenset[str], frozenset[str], int]]
    purchase_gate: PhraseGate
    # the buyer cues and the purchase cues: a sentence that may hold no cue of either names no buyer's purchase
    buying_gates: tuple[PhraseGate, PhraseGate]


_BESIDE = ("until", "recent", "on_day")  # the period cues read within BESIDE characters of a date or duration
BESIDE = 3  # characters between a number and a period cue that reads it (a blank, a comma): _until, _dated_deal, ...


def _words(data: dict, key: str, path: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise rules.RuleError(rules.path_of("facts"), path, "expected a list of cue words")
    return value


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = rules.load("facts")
    path = rules.path_of("facts")
    for key in ("role", "period", "qualifier"):
        if not isinstance(data.get(key), dict):
            raise rules.RuleError(path, key, "expected a table")
    index = CueIndex()
    # each state's forms once (by_form holds an entry once per form): adding a phrase again changes nothing
    states = list(dict.fromkeys(f for e in lexicon.states().by_form.values() for f in e.data["forms"]))

    period_tokens: dict[str, set[tuple[str, ...]]] = {}  # label -> the tokens of each period cue
    buying_tokens: dict[str, set[tuple[str, ...]]] = {"buyer": set(), "purchase": set()}  # the same of role cues

    def add(words: list[str], cat: str, label: str) -> None:
        for w in words:
            for phrase in ([w.replace("{STATE}", s) for s in states] if "{STATE}" in w else (w,)):
                toks = index.add(phrase, cat, label)
                if toks and cat == "period":
                    period_tokens.setdefault(label, set()).add(toks)
                elif toks and cat == "role" and label in buying_tokens:
                    buying_tokens[label].add(toks)

    for role in ("seller", "platform", "buyer", "purchase", "not_buyer", "generic", "not_seller", "agent_purchase",
                 "agent_purchase_hi", "perfect_purchase_hi", "passive_purchase", "class_of_buyers", "bare_buyer"):
        add(_words(data["role"], role, f"role.{role}"), "role", role)
    for key in ("to_date", "same_period", "this_fy", "last_fy", "same_period_last", "unresolved", "until", "since",
                "recent", "perfect", "this_purchase", "on_day", "in_month"):
        add(_words(data["period"], key, f"period.{key}"), "period", key)
    for key in ("reaching", "crossing_before", "crossing_after", "receiving"):
        add(_words(data["qualifier"], key, f"qualifier.{key}"), "qualifier", key)
    for key in ("nationwide", "state_anaphora", "part_of", "office", "state_level", "central", "hedge"):
        add(_words(data, key, key), key, key)
    if not isinstance(data.get("threshold"), dict):
        raise rules.RuleError(path, "threshold", "expected a table")
    for key in ("class", "modal", "or_more"):
        add(_words(data["threshold"], key, f"threshold.{key}"), "threshold", key)
    link = frozenset(t for w in _words(data["threshold"], "link", "threshold.link") for t in _tokens(w))
    quantifier = frozenset(t for w in _words(data["threshold"], "quantifier", "threshold.quantifier") for t in _tokens(w))
    orders = {}
    for key in ("counterparty", "segment"):
        entries = rules.table("facts", key, {"id": str, "cues": list})
        for e in entries:
            add(e["cues"], key, e["id"])
        orders[key] = tuple(e["id"] for e in entries)
    index._frozen()
    _common_split()
    return _Cues(index=index, counterparty_order=orders["counterparty"], segment_order=orders["segment"],
                 link=link, quantifier=quantifier,
                 naming_gate=PhraseGate(set().union(*(period_tokens.get(k, ()) for k in _NAMING))),
                 beside={k: _ends(period_tokens.get(k, ())) for k in _BESIDE},
                 purchase_gate=PhraseGate(period_tokens.get("this_purchase", set())),
                 buying_gates=(PhraseGate(buying_tokens["purchase"]), PhraseGate(buying_tokens["buyer"])))


def _ends(phrases) -> tuple[frozenset[str], frozenset[str], int]:
    """(the first tokens of the phrases, their last tokens, the longest of either)."""
    firsts, lasts = frozenset(t[0] for t in phrases), frozenset(t[-1] for t in phrases)
    return firsts, lasts, max(map(len, firsts | lasts), default=0)


class PhraseGate:
    """Whether a case-folded text may hold one of some cue phrases: it holds their tokens one after another,
    blanks or none between them (folding is done character by character and keeps every blank, so the
    folding of a text holds each of its tokens' keys with the blanks that stood between them). One search
    finds the phrases' longest tokens (a match hides another one only where that one starts inside a run
    of word characters or a longer one: there it starts no token); only a found one's phrases are tried.
    A pattern of the longest tokens alone: one of whole phrases took three times as long to compile."""

    __slots__ = ("_anchors", "by_anchor")

    def __init__(self, phrases) -> None:
        by_anchor: dict[str, list[tuple[str, ...]]] = {}  # a phrase's longest token -> the phrases
        for toks in phrases:
            by_anchor.setdefault(max(toks, key=len), []).append(toks)
        self.by_anchor = by_anchor
        self._anchors = re.compile(trie_pattern(by_anchor)) if by_anchor else None  # (no phrases: no text holds one)

    def may_hold(self, folded: str) -> bool:
        anchors = self._anchors
        first = anchors.search(folded) if anchors is not None else None  # mostly none: the text is read once
        if first is None:
            return False
        held = folded.__contains__
        return any(all(map(held, toks)) and _in_order(folded, toks)
                   for anchor in set(anchors.findall(folded, first.start())) for toks in self.by_anchor[anchor])


def _in_order(text: str, toks: tuple[str, ...]) -> bool:
    """Whether the tokens stand one after another in the text, blanks (str.isspace: more than _TOKEN's) or
    none between them."""
    first, n = toks[0], len(text)
    i = text.find(first)
    while i >= 0:
        p = i + len(first)
        for t in toks[1:]:
            while p < n and text[p].isspace():
                p += 1
            if not text.startswith(t, p):
                break
            p += len(t)
        else:
            return True
        i = text.find(first, i + 1)
    return False


# --- per-article and per-sentence analysis, done once -----------------------------------------------

@lru_cache(maxsize=256)
def _fiscal_year(date: str) -> str:
    """FYyyyy-yy of a YYYY-MM-DD (or YYYY-MM) date: April starts the year."""
    y, m = int(date[:4]), int(date[5:7])
    first = y if m >= 4 else y - 1
    return f"FY{first}-{(first + 1) % 100:02d}"


def _previous_fy(fy: str) -> str:
    first = int(fy[2:6]) - 1
    return f"FY{first}-{(first + 1) % 100:02d}"


_NONE: tuple = ()


class SentenceFacts:
    """A sentence's numbers, cue hits, clause breaks and state mentions, found once. The hits are also
    indexed by (category, label) and by category: a look-up reads only the hits it asks about."""

    __slots__ = ("doc", "sent", "numbers", "figs", "states", "hits", "by_label", "by_cat", "_english", "_breaks",
                 "_explicit", "looking_back")

    def __init__(self, doc: Document, sent: Sentence, numbers: list[Number], states: list, hits: list[Hit]) -> None:
        self.doc = doc
        self.sent = sent
        self.numbers = numbers
        # a figure that runs past the sentence end ("6लाख" ¶ "47 करोड़" across a line break) has no sentence to stand in
        nend = sent.nend
        self.figs = [n for n in numbers if n.expr.kind in FIGURE_KINDS and n.nend <= nend]
        self.states = states
        self.hits = hits
        by_label: dict = {}
        by_cat: dict = {}
        for h in hits:
            k = (h[2], h[3])
            lst = by_label.get(k)
            if lst is None:
                by_label[k] = [h]
            else:
                lst.append(h)
            lst = by_cat.get(h[2])
            if lst is None:
                by_cat[h[2]] = [h]
            else:
                lst.append(h)
        self.by_label = by_label
        self.by_cat = by_cat
        self._english: bool | None = None
        self._breaks: list[tuple[int, int]] | None = None
        self._explicit: list[tuple[int, str]] | None = None
        # offsets of "the same period last year": they date what follows (a set made at the first one)
        self.looking_back: set[int] | tuple = _NONE

    @property
    def english(self) -> bool:
        if self._english is None:
            self._english = _is_english(self.doc.norm, self.sent.nstart, self.sent.nend)
        return self._english

    @property
    def breaks(self) -> list[tuple[int, int]]:
        if self._breaks is None:
            norm, s, e = self.doc.norm, self.sent.nstart, self.sent.nend
            find = norm.find
            if find(";", s, e) < 0 and all(find(w, s, e) < 0 for w in _CLAUSE_WORDS):
                self._breaks = []  # no ";" and no clause word in the sentence: no break
            else:
                self._breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(norm, s, e)]
        return self._breaks

    # cue look-ups by scope
    def label(self, cat: str, label: str) -> list[Hit]:
        """The hits of one label, in order."""
        return self.by_label.get((cat, label), _NONE)

    def has(self, cat: str, label: str | None, start: int, end: int) -> bool:
        hits = self.by_cat.get(cat) if label is None else self.by_label.get((cat, label))
        if hits:
            for h in hits:
                if start <= h[0] and h[1] <= end:
                    return True
        return False

    def buyer_named(self, start: int, end: int, specific: bool = False) -> bool:
        """A buyer named in the span that is not GeM's own ministry ("वाणिज्य एवं उद्योग मंत्रालय के अधीन जेम");
        `specific`: nor a whole class of buyers ("every central government ministry and department")."""
        buyers = self.by_label.get(("role", "buyer"))
        if not buyers:
            return False
        parents = [*self.label("role", "not_buyer"), *self.label("role", "class_of_buyers")]
        generic = [h[1] for h in self.label("role", "generic")] if specific else _NONE
        for h in buyers:
            hs, he = h[0], h[1]
            if (start <= hs and he <= end and not any(p[0] <= hs and he <= p[1] for p in parents)
                    and not any(0 <= hs - g <= _NEAR for g in generic)):
                return True
        return False

    def first(self, cat: str, order: tuple[str, ...], start: int, end: int) -> str:
        hits = self.by_cat.get(cat)
        if not hits:
            return ""
        found = {h[3] for h in hits if start <= h[0] and h[1] <= end
                 and not (cat == "segment" and self._office_after(h))
                 and not (cat == "counterparty" and self._hedged(h))}
        if not found:
            return ""
        return next((label for label in order if label in found), "")

    def _hedged(self, hit: Hit) -> bool:
        """"orders worth Rs 38.6 crore, mostly from central government offices": a mix, not the source."""
        return any(0 <= hit[0] - o[1] <= 12 for o in self.by_cat.get("hedge", _NONE))

    def _office_after(self, hit: Hit) -> bool:
        """"MSME commissioner", "एमएसएमई मंत्रालय": the segment word names an office, not the sellers."""
        for o in self.by_cat.get("office", _NONE):
            if o[0] >= hit[1]:
                gap = self.doc.norm[hit[1]:o[0]]
                if _PUNCT.isdisjoint(gap) and len(_TOKEN.findall(gap)) <= 4:
                    return True
        return False

    def states_in(self, start: int, end: int) -> list:
        return [m for m in self.states if start <= m.nstart and m.nend <= end]

    # scopes
    def clause(self, figure: Number) -> tuple[int, int]:
        start, end = self.sent.nstart, self.sent.nend
        for bs, be in self.breaks:
            if be <= figure.nstart:
                start = be
            elif bs >= figure.nend:
                end = bs
                break
        return start, end

    def next_start(self, figure: Number) -> int:
        return next((f.nstart for f in self.figs if f.nstart >= figure.nend), self.sent.nend)

    def left_scope(self, figure: Number, clause_start: int, kinds=FIGURE_KINDS) -> tuple[int, int]:
        fs = figure.nstart
        prev = self.sent.nstart
        for f in self.figs:
            if f.nend <= fs and f.expr.kind in kinds:
                prev = f.nend
        return max(prev, clause_start), fs

    def right_scope(self, figure: Number, clause_end: int) -> tuple[int, int]:
        """The phrase the figure heads: to the next figure, share or plain number ("..., 50% of it by
        MSMEs") or the next comma, colon or dash ("Rs 2,592 crore, Singh said at ... Women ...")."""
        nxt = next((n.nstart for n in self.numbers if n.nstart >= figure.nend
                    and n.expr.kind in _RIGHT_STOP_KINDS), self.sent.nend)
        end = min(nxt, clause_end)
        m = _PHRASE_END.search(self.doc.norm, figure.nend, end)
        return figure.nend, m.start() if m else end

    # periods
    def explicit(self) -> list[tuple[int, str]]:
        """(working-copy offset, period) of each period the sentence names; "" = a relative period the
        text does not resolve (it still stops an earlier or a cumulative reading)."""
        if self._explicit is None:
            self._explicit = self._periods()
        return self._explicit

    def _periods(self) -> list[tuple[int, str]]:
        period_hits = self.by_cat.get("period", _NONE)
        numbers = self.numbers
        if not numbers and not any(h[3] in _NAMING for h in period_hits):
            return []  # cues that only date a number ("में", "को", "तक") name no period without one
        doc, norm = self.doc, self.doc.norm
        published = doc.meta.published if len(doc.meta.published) >= 7 else ""
        this_fy = _fiscal_year(published) if published else ""
        found: list[tuple[int, str]] = []
        cumulative = ("period", "to_date") in self.by_label  # "since its launch ... up to July 31, 2025"
        for n in numbers:
            e = n.expr
            kind = e.kind
            if kind == "fiscal_year":
                if e.period:
                    found.append((n.nstart, e.period))
            elif kind == "year":
                if e.period:
                    if any(h[1] <= n.nstart and n.nstart - h[1] <= BESIDE for h in self.label("period", "since")):
                        found.append((n.nstart, "to_date"))
                    elif (_YEAR_CUE_AFTER.match(norm, n.nend)
                          or _YEAR_CUE_BEFORE.search(norm[max(0, n.nstart - 12):n.nstart])):
                        found.append((n.nstart, e.period))
            elif kind == "date":
                if len(e.period) == 10 and self._until(n, period_hits) and not cumulative:
                    found.append((n.nstart, _fiscal_year(e.period)))
                elif len(e.period) in (7, 10) and not cumulative and self._dated_deal(n, period_hits):
                    found.append((n.nstart, e.period[:7]))
            elif kind == "duration" and self._last_duration(n):
                found.append((n.nstart, this_fy))
        if not period_hits:
            return sorted(found)
        relative = [h for h in period_hits if h[3] in _RELATIVE]
        fys = [n for n in numbers if n.expr.kind == "fiscal_year" and n.expr.period]
        for h in period_hits:
            if h[3] == "to_date":
                # "so far this fiscal", "So far this year", "FY26 to date", "वित्त वर्ष 2024-25 में अब तक", "चालू
                # वित्त वर्ष में जिले के विभागों ने अब तक": the year decides, not "so far"
                if not (any(_adjacent(norm, r[0], r[1], h[0], h[1]) or _adjacent(norm, h[0], h[1], r[0], r[1])
                            or self._same_stretch(r[3], r[1], h) for r in relative)
                        or any(_adjacent(norm, f.nstart, f.nend, h[0], h[1])
                               or _adjacent(norm, h[0], h[1], f.nstart, f.nend)
                               or self._same_stretch("this_fy", f.nend, h) for f in fys)):
                    found.append((h[0], "to_date"))
        for h in relative:
            label = h[3]
            if label == "this_fy" and any(0 <= h[0] - f.nend <= 6 or 0 <= f.nstart - h[1] <= 6 for f in fys):
                continue  # "वित्त वर्ष 2025-26 की पहली तिमाही", "first quarter of FY26": the year is named
            if label == "this_fy":
                found.append((h[0], this_fy))
            elif label == "unresolved":
                found.append((h[0], ""))
            elif self._compared_with(h):  # "पिछले साल से 19 फीसदी ज्यादा", "than last year": a base, no period
                continue
            elif label == "last_fy" and not any(r[3] == "same_period_last" and r[0] <= h[0] < r[1]
                                                for r in relative):
                found.append((h[0], _previous_fy(this_fy) if this_fy else LAST_NAMED))
            elif label == "same_period_last":
                named = [p for pos, p in found if pos < h[0] and p.startswith("FY")]
                base = named[-1] if named else this_fy
                found.append((h[0], _previous_fy(base) if base else ""))
                if self.looking_back is _NONE:
                    self.looking_back = set()
                self.looking_back.add(h[0])
        return sorted(found)

    def _same_stretch(self, label: str, rend: int, h: Hit) -> bool:
        """A this-fiscal or fiscal-year phrase before "so far" with no figure or clause break between them."""
        if label != "this_fy" or rend > h[0]:
            return False
        return (not any(rend <= f.nstart < h[0] for f in self.figs)
                and not _CLAUSE_BREAK.search(self.doc.norm, rend, h[0]))

    def _compared_with(self, h: Hit) -> bool:
        """A last-year phrase that is the base of a comparison: "पिछले साल से 19 फीसदी ज्यादा", "पिछले साल के
        मुकाबले", "higher than last year", "up from last year"."""
        if h[3] != "last_fy":
            return False
        norm = self.doc.norm
        return bool(_COMPARED_AFTER.match(norm, h[1]) or _COMPARED_BEFORE.search(norm[max(0, h[0] - 20):h[0]]))

    def _until(self, n: Number, period_hits) -> bool:
        """"14 फरवरी, 2024 तक", "Up to November 24, 2022": a cumulative figure of that fiscal year."""
        return any(h[3] == "until" and ((h[1] <= n.nstart and n.nstart - h[1] <= BESIDE)
                                        or (h[0] >= n.nend and h[0] - n.nend <= BESIDE))
                   for h in period_hits)

    def _dated_deal(self, n: Number, period_hits) -> bool:
        """"12 जुलाई 2024 को जिला अस्पताल को 3,60,000 रुपये की ... आपूर्ति की", "on 9 July 2024 the board placed an
        order of Rs 40 lakh": a deal dated by day in the amount's own clause gives its month (an event or a
        report dated by day, "... को आयोजित कार्यक्रम में बताया कि", does not)."""
        cue = "on_day" if len(n.expr.period) == 10 else "in_month"
        if not any(h[3] == cue and (0 <= h[0] - n.nend <= BESIDE or 0 <= n.nstart - h[1] <= BESIDE) for h in period_hits):
            return False
        nxt = next((f for f in self.figs if f.nstart >= n.nend and f.expr.kind == "money_inr"), None)
        if nxt is None:
            return False
        between = self.doc.norm[n.nend:nxt.nstart].lstrip(" ,")  # "In March 2022, the board placed ..."
        return not _CLAUSE_BREAK.search(between) and not _REPORTED.search(between)

    def _last_duration(self, n: Number) -> bool:
        """"in the last 76 days", "पिछले 76 दिनों में": the current fiscal year so far."""
        return any(h[1] <= n.nstart and n.nstart - h[1] <= BESIDE for h in self.label("period", "recent"))


_RELATIVE = frozenset(("this_fy", "unresolved", "last_fy", "same_period_last"))
_NAMING = _RELATIVE | {"to_date"}  # the period cues that name a period on their own
_RIGHT_STOP_KINDS = FIGURE_KINDS + ("percent", "plain", "multiplier")
# between a date and an amount: the date is of a report, an event or a launch, not of the deal
_REPORTED = LazyPattern(regex.compile, r"(?<![\p{L}\p{M}])(?:कि|बताया|कहा|आयोजित|शुरू|शुरुआत|लॉन्च|स्थापित|स्थापना"
                                       r"|held|organi[sz]ed|said|told|that|launched|started|began|set up)(?![\p{L}\p{M}])|[,;:।]")
_GLUE = LazyPattern(regex.compile, r"[\s,]*(?:(?:में|के\s+दौरान|in|of|during)\s*)?")


def _adjacent(norm: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """`b` follows `a` with at most a comma or a postposition between ("चालू वित्त वर्ष में अब तक",
    "so far in the current fiscal")."""
    if b_start < a_end:
        return False
    m = _GLUE.match(norm, a_end, b_start)
    return m is not None and m.end() == b_start


def purchase_month(doc: Document, sent: Sentence, sf: SentenceFacts | None = None) -> str:
    """YYYY-MM when the sentence dates "this purchase" by day ("यह खरीदारी ... 9 जुलाई 2024 को ... ऑर्डर
    जारी हुआ", "the order was placed on 9 July 2024"): the month of the purchase it refers back to."""
    sf = sf or analysed(doc, sent)
    if not sf.has("period", "this_purchase", sent.nstart, sent.nend):
        return ""
    on_day = sf.label("period", "on_day")
    for n in sf.numbers:
        if n.expr.kind == "date" and len(n.expr.period) == 10 and any(
                0 <= h[0] - n.nend <= BESIDE or 0 <= n.nstart - h[1] <= BESIDE for h in on_day):
            return n.expr.period[:7]
    return ""


class _DocFacts:
    """The sentences of one article analysed for facts, each once, its cue hits found by one pass over its
    own token table. A sentence with no figure is tokenised only where it may name a period or date a
    purchase (_may_date, _may_name_period): most are not."""

    __slots__ = ("doc", "sentences", "previous", "order", "n_body", "_plan")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences: dict[int, SentenceFacts] = {}
        body, display = [], []
        for s in doc.sentences:
            (display if s.display else body).append(s)
        self.order, self.n_body, self._plan = body + display, len(body), None  # the plan's reading order
        self.previous = {b.nstart: a for a, b in zip(body, body[1:])}

    def plan(self) -> tuple[list[Sentence], list[SentenceFacts | None], int]:
        """(the body sentences in order, then the headlines and headings; each one's analysis, None when it
        has nothing to read; how many are body sentences): worked out once for every reader. Two lists, no
        tuple per sentence: they live as long as the article, and the garbage collector tracks fewer objects.
        Nothing to read: the sentence is quiet, or it has no figure, dates no purchase and no figure reads
        the periods it names (the readers carry a body sentence's periods on to the figures after it, in the
        body and then in the headlines; a headline's periods to no other sentence): its naming gate is not
        even tried."""
        p = self._plan
        if p is None:
            order, doc = self.order, self.doc
            numbers = list(map(doc.numbers_in, order))
            last = -1  # the last sentence with a figure
            for k in range(len(order)):
                if _has_figure(numbers[k], order[k].nend):
                    last = k
            analyses = []
            for k in range(len(order)):
                analyses.append(self._unless_quiet(order[k], numbers[k], k < last and k < self.n_body))
            p = self._plan = (order, analyses, self.n_body)
        return p

    def unless_quiet(self, sent: Sentence) -> SentenceFacts | None:
        """The sentence's analysis, None when it is quiet: it has no figure, names no period and dates no
        purchase. A sentence with no figure whose numbers date nothing and whose folded text holds no cue
        that names a period is known quiet without being tokenised."""
        sf = self.sentences.get(sent.nstart)
        return self._unless_quiet(sent, self.doc.numbers_in(sent) if sf is None else sf.numbers, True)

    def _unless_quiet(self, sent: Sentence, numbers: list[Number], named: bool) -> SentenceFacts | None:
        """unless_quiet, `numbers` the sentence's; not `named`: the periods the sentence names are read by
        nobody, so that it is left out when it has no figure and dates nothing (analysed before or not)."""
        sf = self.sentences.get(sent.nstart)
        if sf is None or not named:
            if not _has_figure(numbers, sent.nend):
                norm = self.doc.norm
                if not (_may_date(norm, sent, numbers) or (named and _may_name_period(norm[sent.nstart:sent.nend]))):
                    return None
            if sf is None:
                sf = self._analyse(sent, numbers)
        if sf.figs or sf.explicit() or purchase_month(self.doc, sent, sf):
            return sf
        return None

    def sentence(self, sent: Sentence) -> SentenceFacts:
        sf = self.sentences.get(sent.nstart)
        return sf if sf is not None else self._analyse(sent, self.doc.numbers_in(sent))

    def _analyse(self, sent: Sentence, numbers: list[Number]) -> SentenceFacts:
        """`numbers`: the numbers that start in the sentence."""
        s, e = sent.nstart, sent.nend
        doc = self.doc
        sf = self.sentences[s] = SentenceFacts(doc, sent, numbers, doc.states_in(s, e), cues().index.scan(doc.norm, s, e))
        return sf


def _has_figure(numbers: list[Number], end: int) -> bool:
    """A figure among the numbers that ends by `end` (see SentenceFacts.figs)."""
    return any(n.expr.kind in FIGURE_KINDS and n.nend <= end for n in numbers)


def _may_date(norm: str, sent: Sentence, numbers: list[Number]) -> bool:
    """Whether the numbers of a sentence with no figure may give it a period or a purchase's date (see
    SentenceFacts._periods, purchase_month): a year or fiscal year; a day's date with a word of "until"
    beside it, or of "on" in a sentence of "this purchase"; a duration after a word of "recent". A cue
    ending within BESIDE characters before a number (starting within BESIDE after it) has its last (first) token's
    folding in the folding of the BESIDE characters plus the longest such token before (after) it: folding, done
    character by character, never shortens a token. False: no reading."""
    beside = cues().beside
    for n in numbers:
        kind, period = n.expr.kind, n.expr.period
        if kind in ("year", "fiscal_year"):
            if period:
                return True
        elif kind == "date":
            if len(period) == 10 and (_cue_beside(norm, n, beside["until"]) or (
                    _cue_beside(norm, n, beside["on_day"])
                    and cues().purchase_gate.may_hold(norm[sent.nstart:sent.nend].casefold()))):
                return True
        elif kind == "duration" and _cue_beside(norm, n, beside["recent"], after=False):
            return True
    return False


def _cue_beside(norm: str, n: Number, ends: tuple[frozenset[str], frozenset[str], int], after: bool = True) -> bool:
    """A cue's last token may end within BESIDE characters before the number, or (`after`) its first token
    start within BESIDE characters after it."""
    firsts, lasts, longest = ends
    reach = BESIDE + longest
    before = norm[max(0, n.nstart - reach):n.nstart].casefold()
    if any(t in before for t in lasts):
        return True
    if after:
        following = norm[n.nend:n.nend + reach].casefold()
        return any(t in following for t in firsts)
    return False


def _may_name_period(text: str) -> bool:
    """Whether the text may hold a cue that names a period on its own: its case folding holds one's tokens one
    after another (cues().naming_gate). False: it holds none."""
    return cues().naming_gate.may_hold(text.casefold())


def _may_buy(text: str) -> bool:
    """Whether the text may hold both a buyer cue and a purchase cue (cues().buying_gates). False: it lacks
    one of them, so it names no buyer together with its purchase (_buyer_before)."""
    folded = text.casefold()
    purchase, buyer = cues().buying_gates
    return purchase.may_hold(folded) and buyer.may_hold(folded)


def _doc_facts(doc: Document) -> _DocFacts:
    df = doc.cache.get(__name__)
    if df is None:
        df = doc.cache[__name__] = _DocFacts(doc)
    return df


def quiet(doc: Document, sent: Sentence) -> bool:
    """True when the sentence has no figure, names no period and dates no purchase (explicit periods [],
    figures [], purchase_month ""): a reader skips it without analysing it."""
    return _doc_facts(doc).unless_quiet(sent) is None


def plan(doc: Document) -> tuple[list[Sentence], list[SentenceFacts | None], int]:
    """The article's sentences as the figure readers go through them: the body in order, then the
    headlines and headings; each one's analysis (None: nothing to read: quiet, or no figure, no purchase
    dated and no figure after it to read its periods; see _DocFacts.plan); how many are body sentences (the
    rest are headlines and headings)."""
    return _doc_facts(doc).plan()


def analysed(doc: Document, sent: Sentence) -> SentenceFacts:
    """The sentence's analysis, kept in the article's cache while its extractors run."""
    df = _doc_facts(doc)
    sf = df.sentences.get(sent.nstart)
    return sf if sf is not None else df.sentence(sent)


# --- the public reading of a figure -------------------------------------------------------------------

class Context(NamedTuple):
    """What a figure is about (a plain named tuple: one is made per figure)."""

    role: str
    counterparty: str
    segment: str
    period: str
    state: str
    role_cued: bool = True  # False: no cue named the role (the default reading)


class PeriodTracker:
    """The period named last in the article, for "इसी अवधि" / "the same period"."""

    def __init__(self) -> None:
        self.named = ""
        self.previous_fy = ""  # the fiscal year the sentence before named
        self.relative = False  # the article spoke of "this fiscal" without a date: "last year" is then unknown

    def explicit(self, doc: Document, sent: Sentence) -> list[tuple[int, str]]:
        """(working-copy offset, period) of each period the sentence names."""
        return analysed(doc, sent).explicit()

    def period_for(self, doc: Document, sent: Sentence, figure: Number, explicit: list[tuple[int, str]],
                   until: int, sf: SentenceFacts | None = None) -> str:
        """`until`: where the next figure starts; an English period standing between is this figure's.
        An undated "last year" right after a sentence naming a fiscal year is that year ("... in 2024-25.
        Uttar Pradesh's share last year ..."), unless the article already spoke of an undated "this fiscal"."""
        period = self._period(sf or analysed(doc, sent), figure, explicit, until)
        if period == LAST_NAMED:
            return "" if self.relative else self.previous_fy
        return period

    def _period(self, sf: SentenceFacts, figure: Number, explicit: list[tuple[int, str]], until: int) -> str:
        sent = sf.sent
        if sf.english:  # "Rs 850 crore in FY 2024-25": the period follows the amount
            # a looking-back period is this figure's only right after it ("up from ₹97 crore the previous
            # year"), not across a change or a comparison ("Rs 850 crore, up 20% over the same period last
            # year", "Rs 97,000 crore, as compared with the same period last year")
            own = [p for pos, p in explicit if figure.nend <= pos < until and (
                pos not in sf.looking_back or not (any(figure.nend <= n.nstart < pos for n in sf.numbers)
                                                   or _COMPARING.search(sf.doc.norm, figure.nend, pos)))]
            if own:
                return own[0]
        before = [p for pos, p in explicit if pos < figure.nstart]
        if before:
            return before[-1]
        if self.named and sf.has("period", "same_period", sent.nstart, figure.nstart):
            return self.named
        if self.named and sf.english and sf.has("period", "same_period", figure.nend, until):
            return self.named  # "orders worth Rs 3,428 crore on the portal in the same period"
        if explicit:
            return explicit[0][1]
        if sf.has("period", "perfect", sent.nstart, sent.nend):
            return "to_date"
        return ""

    def after_sentence(self, explicit: list[tuple[int, str]]) -> None:
        if not explicit:
            self.previous_fy = ""
            return
        named = [p for _, p in explicit if p and p != LAST_NAMED]
        if named:  # of fiscal years compared ("₹5.97 trillion in FY25, up from ₹4.12 trillion in FY24"), the latest
            self.named = max(named) if all(p.startswith("FY") for p in named) else named[-1]
        self.previous_fy = next((p for p in reversed(named) if p.startswith("FY")), "")
        self.relative = self.relative or any(p == "" for _, p in explicit)


def figures(doc: Document, sent: Sentence) -> list[Number]:
    return analysed(doc, sent).figs


def is_english(doc: Document, sent: Sentence) -> bool:
    return analysed(doc, sent).english


def next_start(sent: Sentence, figs: list[Number], figure: Number) -> int:
    """Where the next figure of the sentence starts (or the sentence ends)."""
    return next((f.nstart for f in figs if f.nstart >= figure.nend), sent.nend)


def is_threshold(doc: Document, sent: Sentence, figure: Number, sf: SentenceFacts | None = None) -> bool:
    """A rule limit, not an order value: "5 लाख तक का सामान", "एक करोड़ से कम की खरीद", "below Rs 5 lakh",
    "all purchases above Rs 5 lakh", "25 हजार रुपये से ऊपर की हर खरीद ... से ही करें" (see rules/facts.toml [threshold])."""
    q = figure.expr.qualifier
    if q == "less_than":
        return True
    sf = sf or analysed(doc, sent)
    if q == "up_to":
        return not _reaching(sf, figure) and not _receiving_after(sf, figure)
    if q == "more_than" or figure.expr.value_high is not None or any(
            0 <= h[0] - figure.nend <= 2 for h in sf.label("threshold", "or_more")):
        return _bounds_purchases(sf, figure)
    if not sf.by_label.get(("threshold", "class")):
        return False  # no purchase noun in the sentence: no band bounds a class of purchases
    band = _band_start(sf, figure)  # "purchases between Rs 25,000 and Rs 5 lakh must ..."
    return band is not None and _bounds_purchases(sf, band)


def _band_start(sf: SentenceFacts, figure: Number) -> Number | None:
    """The first amount of a price band "between X and Y" that the figure is X or Y of."""
    before = _between(sf, max(sf.sent.nstart, figure.nstart - 12), figure.nstart)
    if before and before[-1] in _BAND_START:
        return figure
    if before and before[-1] in _BAND_AND:
        prev = [f for f in sf.figs if f.nend <= figure.nstart and f.expr.kind == "money_inr"]
        if prev and _band_start(sf, prev[-1]) is prev[-1] and figure.nstart - prev[-1].nend <= 8:
            return prev[-1]
    return None


_BAND_START = frozenset(("between",))
_BAND_AND = frozenset(("and", "to"))


def _between(sf: SentenceFacts, start: int, end: int) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(sf.doc.norm, start, end)]


def _bounds_purchases(sf: SentenceFacts, figure: Number) -> bool:
    """The amount bounds a class of purchases: a purchase noun right beside it (only link words between)
    with a quantifier on it, or a rule word in a clause that names no period (a limit is timeless; "must
    complete purchases of over Rs 500 crore this year" is a target)."""
    classes = sf.by_label.get(("threshold", "class"))
    if not classes:
        return False
    c = cues()
    cs, ce = sf.clause(figure)
    modal = sf.has("threshold", "modal", cs, ce) and not any(cs <= pos < ce for pos, _ in sf.explicit())
    # orders sellers received are a fact, whatever else the clause requires ("received orders worth over
    # Rs 40 crore, and more MSEs need training")
    modal = modal and not sf.has("role", "seller", cs, figure.nstart)
    for h in classes:
        if sf.english and h[1] <= figure.nstart and figure.nstart - h[1] <= 24:
            gap = _between(sf, h[1], figure.nstart)
            before = _between(sf, max(cs, h[0] - 12), h[0])
            quantified = bool(before) and before[-1] in c.quantifier
        elif not sf.english and h[0] >= figure.nend and h[0] - figure.nend <= 24:
            gap = _between(sf, figure.nend, h[0])
            quantified = any(t in c.quantifier for t in gap)
        else:
            continue
        if all(t in c.link or t in c.quantifier for t in gap) and (quantified or modal):
            return True
    return False


def _receiving_after(sf: SentenceFacts, figure: Number) -> bool:
    """"1,020 करोड़ रुपये तक के ऑर्डर मिलेंगे", "orders of up to Rs 500 crore are expected": a figure of
    orders to come, not a limit."""
    receiving = sf.label("qualifier", "receiving")
    if not receiving:
        return False
    _, ce = sf.clause(figure)
    return any(figure.nend <= h[0] < ce and h[0] - figure.nend <= 40 for h in receiving)


def qualifier(doc: Document, sent: Sentence, figure: Number, sf: SentenceFacts | None = None) -> str:
    """The number layer's qualifier, read in context: "X तक पहुंच" exact, "crossed X" more_than."""
    sf = sf or analysed(doc, sent)
    q = figure.expr.qualifier
    if q == "up_to" and _reaching(sf, figure):
        return "exact"
    if q == "exact":
        before = sf.label("qualifier", "crossing_before")
        if before:
            cs, _ = sf.clause(figure)
            ls, le = sf.left_scope(figure, cs)
            if any(ls <= h[0] and h[1] <= le and le - h[1] <= _NEAR for h in before):
                return "more_than"
        if any(figure.nend <= h[0] <= figure.nend + 12 for h in sf.label("qualifier", "crossing_after")):
            return "more_than"
    return q


def _reaching(sf: SentenceFacts, figure: Number) -> bool:
    return any(figure.nend <= h[0] <= figure.nend + 3 for h in sf.label("qualifier", "reaching"))


def part_of(doc: Document, sent: Sentence, figure: Number, sf: SentenceFacts | None = None) -> int | None:
    """Where "of which" / "Of this" / "जिनमें से" stands when the figure is a part of an amount said
    before it (the cue in the figure's clause before it, the first figure after the cue close to it)."""
    sf = sf or analysed(doc, sent)
    parts = sf.by_cat.get("part_of")
    if not parts:
        return None
    cs, _ = sf.clause(figure)
    for h in reversed(parts):
        if cs <= h[0] and h[1] <= figure.nstart:
            first = next((f for f in sf.figs if f.nstart >= h[1]), None)
            if first is not None and first.expr.kind == "money_inr" and first.nstart - h[1] <= 60:
                return h[0]
    return None


def context(doc: Document, sent: Sentence, figs: list[Number], figure: Number, period: str,
            whole: Context | None = None, sf: SentenceFacts | None = None) -> Context:
    """Role, counterparty, segment and state of a figure (the period is the tracker's); `whole`: the
    context of the amount this figure is a part of ("of which ..."), whose role, state and segment it keeps."""
    sf = sf or analysed(doc, sent)
    c = cues()
    cs, ce = sf.clause(figure)
    left = sf.left_scope(figure, cs)
    right = sf.right_scope(figure, ce)
    seg_left = sf.left_scope(figure, cs, _SEGMENT_KINDS) if figure.expr.kind == "money_inr" else left
    if ":" in doc.norm[seg_left[0]:seg_left[1]]:
        label = None
        for label in _LABEL_END.finditer(doc.norm, *seg_left):
            pass
        if label is not None:  # "MSME Ease of Doing Business: sellers in Tamil Nadu ...": a kicker names no sellers
            seg_left = (label.end(), seg_left[1])
    english = sf.english
    # English names the source after the amount ("Rs 68,540 crore from central ministries"); Hindi mostly
    # before it, else after it ("... के ऑर्डर केंद्रीय मंत्रालयों से आए")
    scopes = (right, left) if english else (left, right)
    # Hindi names the sellers after the amount of a purchase from them ("₹1,193 करोड़ की खरीद सूक्ष्म एवं लघु
    # उद्यमों से की गई") when none stands before it
    seg_scopes = (right, seg_left) if english else (seg_left, right)
    if whole is not None:  # a part: its phrase runs to the next amount ("Rs 1,640 crore, or 57 percent, was sourced from MSEs")
        part = (figure.nend, min(next((f.nstart for f in sf.figs if f.nstart >= figure.nend
                                       and f.expr.kind in _SEGMENT_KINDS), ce), ce))
        scopes = (part, left)
        seg_scopes = (part, seg_left)
    named = _named_state(sf, left, (cs, ce))
    nationwide = not named and sf.has("nationwide", None, cs, ce)
    anaphora = sf.has("state_anaphora", None, cs, ce)
    segment = ""
    if "segment" in sf.by_cat:
        segment = next((sg for span in seg_scopes if (sg := sf.first("segment", c.segment_order, *span))), "")
    entity = False
    role = "seller" if _seller_cue(sf, figure, cs, ce) else ""
    if not role and sf.buyer_named(sent.nstart, figure.nstart, specific=True):
        role, entity = "buyer", True
    if not role and _agent_purchase(sf, figure, cs, ce):
        role, entity = "buyer", True
    if not role and sf.has("role", "purchase", cs, ce) and _buyer_before(doc, sent):
        role, entity = "buyer", True  # "कोयला मंत्रालय ... खरीद लक्ष्य ... । जेम के रास्ते हुई खरीद ... 63,890 करोड़"
    if not role and sf.has("role", "platform", cs, ce):
        role = "platform"
    if not role and (named or doc.primary_state) and sf.has("role", "passive_purchase", cs, ce):
        role = "buyer"  # "जिला अस्पताल के लिए ... 3.74 करोड़ में 210 बेड खरीदे गये", "एक बेड की कीमत 1,12,500 रुपये"
    if nationwide and role != "seller" and not (entity and _kind_of_buyer(sf, sent.nstart, figure.nstart)):
        role = "platform"
    cued = bool(role)
    if whole is not None:
        # a part that went to sellers ("..., of which Rs 1,026 crore went to sellers within the state"): the
        # sellers' share of the whole's purchase; else the part keeps the whole's role
        gone = whole.role == "buyer" and _seller_cue(sf, figure, scopes[0][0], scopes[0][1])
        role, cued, entity = ("seller" if gone else whole.role), True, False
    if not role:
        role = "buyer" if (named or anaphora) else "seller" if segment else "platform"
    counterparty = ""
    if role == "seller":
        counterparty = next((cp for span in scopes if (cp := sf.first("counterparty", c.counterparty_order, *span))),
                            "all")
        if whole is not None and whole.role == "buyer" and not sf.first("counterparty", c.counterparty_order,
                                                                         *scopes[0]):
            # the buyers of the whole placed the orders: a state's own, else central ones where the sentence says so
            counterparty = "same_state" if whole.state else "central" if sf.has("central", None, cs, ce) else "all"
    if figure.expr.kind == "count" or role == "platform" or entity:
        # a count, a GeM-wide total or a ministry's purchase belongs to a state only where the sentence says so
        # (or, in a state's article, where the buyer is of the state's own administration)
        state_own = False
        if entity and sf.has("state_level", None, sent.nstart, figure.nstart):
            own_body = sf.by_cat.get("state_level", _NONE)
            state_own = not any(sent.nstart <= h[0] and h[1] <= sent.nend
                                and not any(o[0] <= h[0] and h[1] <= o[1] for o in own_body)
                                for h in sf.by_cat.get("central", _NONE))
        state = named or (doc.primary_state if (anaphora or state_own) and not nationwide else "")
    else:
        state = named or doc.primary_state
    if whole is not None:
        state = named or whole.state
        segment = segment or whole.segment
    return Context(role, counterparty, segment, period, state, cued)


_PASSIVE = frozenset(("was", "were", "been", "be", "is", "are", "being", "get", "gets", "got"))
_PARTICIPLE_NEXT = frozenset(("through", "via", "on", "from", "by", "under", "in", "during", "at", "using", "so", "till"))


def _agent_purchase(sf: SentenceFacts, figure: Number, cs: int, ce: int) -> bool:
    """"NLCIL procured goods and services worth ₹2,874 crore", "BEL has set a target of ...": an active
    verb of buying (or of setting its own purchase target) before the figure, its subject not GeM;
    "एनटीपीसी ने ... 22,000 करोड़ रुपये की खरीद की": an agent with "ने" (no "कि" after it) and a verb of
    buying after the figure."""
    for h in sf.label("role", "agent_purchase"):
        if cs <= h[0] and h[1] <= figure.nstart:
            before = _between(sf, cs, h[0])
            after = _between(sf, h[1], min(figure.nstart, h[1] + 16))
            if (before and before[-1] not in _PASSIVE and not (after and after[0] in _PARTICIPLE_NEXT)
                    and not _GEM_WORDS.intersection(before)):
                return True
    for h in sf.label("role", "perfect_purchase_hi"):
        if figure.nend <= h[0] < ce:
            if "कि" not in _between(sf, figure.nend, h[0]):
                return True
    for h in sf.label("role", "agent_purchase_hi"):
        if figure.nend <= h[0] < ce:
            left = _between(sf, cs, figure.nstart)
            if "ने" in left:
                i = len(left) - 1 - left[::-1].index("ने")
                if i > 0 and left[i - 1] not in _GEM_WORDS and "कि" not in left[i:]:
                    return True
    return False


_GEM_WORDS = frozenset(("gem", "portal", "platform", "जेम", "जीईएम", "जैम", "पोर्टल", "marketplace"))


def _seller_cue(sf: SentenceFacts, figure: Number, cs: int, ce: int) -> bool:
    """A seller cue in the clause, not inside a name of both sides ("Buyer-Seller Meet", "क्रेता-विक्रेता
    सम्मेलन") and not after the figure's own purchase ("2,746 करोड़ की खरीद की और ... स्थानीय विक्रेताओं को मिले")."""
    sellers = sf.by_label.get(("role", "seller"))
    if not sellers:
        return False
    both = sf.label("role", "not_seller")
    # a seller word in a part said after the figure ("..., of which Rs 1,026 crore went to sellers") is the part's
    part = next((h[0] for h in sf.by_cat.get("part_of", _NONE) if h[0] >= figure.nend), None)
    if part is not None:
        ce = min(ce, part)
    bought = next((h[0] for h in sf.label("role", "purchase") if figure.nend <= h[0] < ce), None)
    return any(cs <= h[0] and h[1] <= ce
               and not any(b[0] <= h[0] and h[1] <= b[1] for b in both)
               and (bought is None or h[0] < bought) for h in sellers)


def _kind_of_buyer(sf: SentenceFacts, start: int, end: int) -> bool:
    """A buyer word in the span other than bare "buyers" / "खरीदारों": a named kind of buyer."""
    bare = {(h[0], h[1]) for h in sf.label("role", "bare_buyer")}
    return any(start <= h[0] and h[1] <= end and (h[0], h[1]) not in bare for h in sf.label("role", "buyer"))


def _buyer_before(doc: Document, sent: Sentence) -> bool:
    """The sentence before (or the one before that, across a sentence with no amount: "... की खरीद कर पहला
    स्थान हासिल किया। उत्तर मध्य रेलवे के महाप्रबंधक ने बधाई दी।") names a buyer together with its purchase:
    "the purchase" here is that buyer's."""
    df = _doc_facts(doc)
    previous = df.previous
    prev = sent
    for _ in range(2):
        prev = previous.get(prev.nstart)
        if prev is None:
            return False
        pf = df.sentences.get(prev.nstart)
        if pf is None:  # not analysed yet: most such sentences name no buyer's purchase, seen without tokenising
            numbers = doc.numbers_in(prev)
            if not _may_buy(doc.norm[prev.nstart:prev.nend]):
                if any(n.expr.kind == "money_inr" and n.nend <= prev.nend for n in numbers):  # (a figure: pf.figs)
                    return False
                continue
            pf = df._analyse(prev, numbers)
        if pf.buyer_named(prev.nstart, prev.nend, specific=True) and pf.has("role", "purchase", prev.nstart, prev.nend):
            return True
        if any(f.expr.kind == "money_inr" for f in pf.figs):
            return False
    return False


def _named_state(sf: SentenceFacts, left: tuple[int, int], cl: tuple[int, int]) -> str:
    """The state named nearest the figure: in its left scope (last), its clause, its sentence (first)."""
    if not sf.states:
        return ""
    found = sf.states_in(*left)
    if found:
        return found[-1].key
    for span in (cl, (sf.sent.nstart, sf.sent.nend)):
        found = sf.states_in(*span)
        if found:
            return found[0].key
    return ""

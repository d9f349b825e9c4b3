"""Awards: who received which tier (platinum, gold, silver, bronze) in which category.

Rules (ids in rules/extraction.toml):
- awards.recipient_ko_tier: Hindi "RECIPIENT को TIER" in a sentence that speaks of an award
  ("... विभाग को सिल्वर, आईटी विभाग को गोल्ड तथा ... को प्लैटिनम पुरस्कार से सम्मानित");
- awards.tier_to_recipient: English "TIER award (was given) to RECIPIENT" and
  "RECIPIENT (won|received|bagged|has been given) the TIER award";
- awards.recipient_ne_tier / awards.tier_recipient_ko: Hindi "RECIPIENT ने TIER ... जीता",
  "TIER पुरस्कार RECIPIENT को दिया गया";
- awards.respectively_en: "R1 and R2 bagged the T1 and T2 awards respectively";
- awards.untiered_en / awards.untiered_hi: an award without a metal tier (tier other) whose category
  is named (quoted, "for ...", "... करने पर"), recipient by "the award went to R", "the winner was R",
  "R was recognised", "R's award", "R को सम्मानित किया"; an abbreviation ("BRO") stands for its
  full name written elsewhere as "Border Roads Organisation (BRO)".
A rank word (प्रथम, First) is tier other with the rank and its award word as award_name.
Each award takes its own category phrase: in English the "for ..." / "in the X category" right
after its tier word; in Hindi one between recipient and tier ("R को X के लिए TIER"), else the
nearest "... के लिए" / "... श्रेणी में" / "... में TIER" (with a cue) before the recipient, else the
paragraph's last one; "इसी श्रेणी में" / "in the same category" takes the one named before. The
contract word comes from the cues in rules/awards.toml. Untiered honours also read "R को X के लिए
विशेष सम्मान / 'प्रशंसा पत्र' दिया गया" and "R received a special recognition for X".
The recipient may contain commas ("खाद्य, सार्वजनिक वितरण एवं उपभोक्ता मामले विभाग"); it ends at
a tier word, a conjunction (तथा/और) or a postposition. Headlines restate and are skipped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import lexicon, patterns, rules
from ..text.document import Document
from ..lexicon.english import organisation_en
from ..normalise import fold, normalise, rewrites
from ..records import AwardRecord
from ..text.layout import Block
from ..text.sentences import Sentence
from ..patterns import LazyPattern, char_class, may_hold_word
from .facts import common_chars
from .tokens import Token, tokenize

RECIPIENT_STOPS = frozenset(fold(w) for w in (
    "तथा", "और", "के", "की", "का", "में", "से", "लिए", "को", "ने", "पर", "द्वारा", "वहीं", "साथ", "दौरान", "आज", "यहां", "भी",
    "रहे", "रहा", "रही", "हुए", "हुआ", "हुई", "गए", "गया", "गई", "जबकि",
    "and", "to", "for", "the", "of", "by", "in", "with", "on", "was", "were"))
CATEGORY_STARTS = frozenset(fold(w) for w in ("दौरान", "वहीं", "और", "तथा", "जबकि", "साथ", "ही", "को", "ने", "while", "and", "for"))
_FOR_HI = LazyPattern(regex.compile, r"(?<![\p{L}\p{M}])के\s+लिए(?![\p{L}\p{M}])|(?<=(?<![\p{L}\p{M}])(?:श्रेणी|कैटेगरी|वर्ग))\s+में(?![\p{L}\p{M}])")
_FOR_EN = LazyPattern(regex.compile, r"\bfor\s+(?:the\s+|its\s+|their\s+)?(.+?)(?=,|\.|;|$|\s+(?:to|was|were|went|respectively|and\s+the|at|held|during"
                                     r"|while|whereas|which|who|on\s+the|in\s+the\s+presence)\b)")
_GIVEN_TO = LazyPattern(regex.compile, r"\b(?:(?:given|presented|conferred|awarded|went)\s+(?:up)?(?:on|to)|awards?\s+to|trophy\s+to)\s+(?:the\s+)?",
                                       regex.IGNORECASE)
_RECEIVED_EN = LazyPattern(regex.compile, r"\b(?:won|received|bagged|secured|clinched|got|bags|wins|receives"
                                          r"|(?:has|have|had|was|were)\s+(?:been\s+)?(?:given|awarded|conferred|presented)(?:\s+with)?)"
                                          r"\s+(?:the\s+|a\s+|an\s+)?(?=\S*\s*$)", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _award_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.load_award_words())


@lru_cache(maxsize=1)
def _word_finders() -> tuple[bool, tuple[str, ...], tuple]:
    """(whether the article-wide award-word gate applies, the one-word award words, (first word, pattern)
    of each award word of several words: its words apart by any run of whitespace, as fold collapses it)."""
    words = _award_words()
    single = tuple(dict.fromkeys(w for w in words if " " not in w))
    multi = tuple((w.split(" ")[0], re.compile(r"\s+".join(map(re.escape, w.split(" "))))) for w in words if " " in w)
    return all(w and w == w.strip() and _nfc_stable(w) for w in words), single, multi


def _nfc_stable(word: str) -> bool:
    """Where the word stands in the NFC of a text, it stands in the text: no character of it is made by
    NFC (none has a canonical decomposition: ऩ ऱ ऴ are), it begins and ends with a starter and holds no
    two combining marks side by side (NFC reorders marks only within a run of them: a run of one stays)."""
    ccc = list(map(unicodedata.combining, word))
    return (all(unicodedata.normalize("NFD", c) == c for c in word) and ccc[0] == 0 and ccc[-1] == 0
            and not any(a and b for a, b in zip(ccc, ccc[1:])))


def _award_spans(norm: str) -> list[tuple[int, int]] | None:
    """Where an award word stands in an article's working copy, found in one pass over the article: its
    text of common characters with ASCII letters lowered (their case folding). A sentence of such an
    article with no span inside it has no award word in its folding either (fold's NFC makes no character
    of an award word, nor moves one: _nfc_stable), where the article holds no character the rewrite changes
    (a working copy holds none). None where the gate does not apply (each sentence is then folded and
    searched on its own).

    Lowering changes ASCII letters only: a word with no ASCII letter stands in the lowered text where it
    stands in the article, and is looked for there; a word with one is looked for in the lowered text,
    made only for an article whose ASCII characters (a non-ASCII article's, in order, without the rest)
    spell one of them: most Hindi articles need neither the lowered copy nor a search per English word."""
    usable, words = _word_finders()[0], _span_words()
    if not usable or (not norm.isascii() and _gate_outside().search(norm)):  # ASCII: common, never rewritten
        return None
    out: list[tuple[int, int]] = []
    _find_words(norm, words[0], words[1], out)
    if norm.isascii():
        low = norm.lower()
        _find_words(low, words[2], words[3], out)
    else:
        ascii_low = norm.encode("ascii", "ignore").lower()  # an ASCII word of the article stands in it
        single, multi = words[2], words[3]
        if len(ascii_low) < len(norm) // 2:  # mostly not ASCII: a look at the ASCII part spares searches
            single = tuple(w for w, b in zip(single, words[4]) if b is None or b in ascii_low)
            multi = tuple(m for m, b in zip(multi, words[5]) if b is None or b in ascii_low)
        if single or multi:
            _find_words(norm.encode().lower().decode(), single, multi, out)  # bytes.lower: ASCII letters only
    return out


def _find_words(text: str, single: tuple[str, ...], multi: tuple, out: list[tuple[int, int]]) -> None:
    """Appends to `out` the span of every occurrence in `text` of each single word and each (first word,
    pattern) of a word of several (_word_finders)."""
    find = text.find
    for w in single:
        p = find(w)
        while p >= 0:
            out.append((p, p + len(w)))
            p = find(w, p + 1)
    for head, rx in multi:
        p = find(head)
        while p >= 0:
            m = rx.match(text, p)
            if m:
                out.append((p, m.end()))
            p = find(head, p + 1)


@lru_cache(maxsize=1)
def _span_words() -> tuple[tuple, ...]:
    """_word_finders' single and multi words in two sets: (single, multi) of the words with no ASCII letter,
    then (single, multi) of the others, each multi word as (first word, pattern); last, for the others, the
    UTF-8 of each single word and of each multi word's first word when ASCII, else None."""
    _, single, multi = _word_finders()
    multi_words = [w for w in _award_words() if " " in w]

    def latin(w: str) -> bool:
        return any("a" <= c <= "z" or "A" <= c <= "Z" for c in w)

    latin_single = tuple(w for w in single if latin(w))
    latin_multi = tuple(m for w, m in zip(multi_words, multi) if latin(w))
    return (tuple(w for w in single if not latin(w)), tuple(m for w, m in zip(multi_words, multi) if not latin(w)),
            latin_single, latin_multi, tuple(w.encode() if w.isascii() else None for w in latin_single),
            tuple(m[0].encode() if m[0].isascii() else None for m in latin_multi))


@lru_cache(maxsize=1)
def _gate_outside() -> re.Pattern:
    """The search for a character outside the common set (facts.common_chars) or one the working-copy
    rewrite changes: one pass for both conditions of the article-wide gate."""
    return re.compile("[^" + char_class(c for c in common_chars() if not rewrites(c)) + "]")


def _fold_norm(text: str) -> str:
    """fold(text) for a slice of a working copy: where the slice is in NFC and holds no character the
    working-copy rewrite changes (so fold's NFC and rewrite leave it as it is), its spaces collapsed and
    its case folded, without fold's per-character rewrite."""
    if unicodedata.is_normalized("NFC", text) and not rewrites(text):
        return " ".join(text.split()).casefold()
    return fold(text)


class _Tokens:
    """A sentence's tokens, made on first use: most award-word sentences need none (no tier word, no
    honour phrase), and tokenising is the costly step."""

    __slots__ = ("norm", "start", "end", "toks")

    def __init__(self, norm: str, start: int, end: int) -> None:
        self.norm, self.start, self.end, self.toks = norm, start, end, None

    def __call__(self) -> list[Token]:
        if self.toks is None:
            self.toks = tokenize(self.norm, self.start, self.end)
        return self.toks


def extract(doc: Document) -> list[AwardRecord]:
    words = _award_words()
    rows: dict[tuple, AwardRecord] = {}
    last_category: dict[Block, tuple[str, str]] = {}  # the paragraph's last category, for later sentences
    # sentences with no tier word whose categories only a later tiered sentence of the paragraph reads
    # (as the paragraph's last category): read then, in order
    unread: dict[Block, list] = {}
    abbreviations = None
    spans = _award_spans(doc.norm)
    if spans == []:
        return []  # no award word in the article
    for sent in doc.sentences:
        if sent.display:
            continue
        if spans is not None and not any(sent.nstart <= a and b <= sent.nend for a, b in spans):
            continue  # no award word in the sentence's folding (see _award_spans)
        low = _fold_norm(doc.norm[sent.nstart:sent.nend])
        if not any(map(low.__contains__, words)):
            continue
        toks = _Tokens(doc.norm, sent.nstart, sent.nend)
        tier_words = list(lexicon.tiers().finditer(doc.norm, sent.nstart, sent.nend))
        found = _in_sentence(doc, sent, toks, last_category, unread, tier_words)
        if not found and not any(e is not None and e.key != "other" for _, _, e in tier_words):
            if abbreviations is None:
                abbreviations = _abbreviations(doc)
            found = _untiered_en(doc, sent, abbreviations) + _untiered_hi(doc, sent, toks)
        elif found:  # a jury or special award beside tiered ones ("..., while R was given a Special Jury Award")
            if abbreviations is None:
                abbreviations = _abbreviations(doc)
            found += _beside_tiered(doc, found, _untiered_en(doc, sent, abbreviations) + _untiered_hi(doc, sent, toks))
        for rec in found:
            rows.setdefault((rec.tier, fold(rec.recipient), rec.category_en), rec)
    return list(rows.values())


def _beside_tiered(doc: Document, tiered: list[AwardRecord], untiered: list[AwardRecord]) -> list[AwardRecord]:
    """Untiered awards of a sentence that also has tiered ones: those of another recipient whose
    evidence overlaps no tiered award and holds no metal tier word."""
    taken = {fold(r.recipient) for r in tiered}
    out = []
    for r in untiered:
        if fold(r.recipient) in taken or any(r.start < t.end and t.start < r.end for t in tiered):
            continue
        if any(e is not None and e.key != "other" for _, _, e in lexicon.tiers().finditer(normalise(r.evidence).norm)):
            continue
        out.append(r)
    return out


# Awards without a metal tier (tier "other"): ranked or named honours whose category is named.
# A named recipient; lower-case administrative nouns may follow a name ("Warangal district administration").
_ORG_NOUN = r"(?:district|state|city|municipal|administration|department|police|corporation|council|office|board|authority|government|collectorate|division|zone|railways?|circle)\b"
_RECIP = r"(?P<r>[A-Z][\w&-]*(?:\s+(?:(?:of|and|&|for)\s+)?(?:[A-Z][\w&-]*|\([A-Z][\w&.-]*\)|" + _ORG_NOUN + r"))*)"
_HONOUR_EN = r"(?:award|honour|honor|trophy|prize|recognition|commendation|certificate|citation)"
# Each pattern with the words one of which it holds (each stands in a mandatory alternation of the pattern, in
# its case-insensitive part but "'s"): a clause whose case folding holds none of them is not searched (nor the
# pattern compiled: cold start). Folding the clause is safe: every character the pattern takes for a letter of
# these words, ignoring case (simple folding), folds to that letter.
_UNTIERED_EN_CUES = (("award", "honour", "honor", "trophy", "prize"), ("winner",),
                     ("recognised", "recognized", "honoured", "honored", "felicitated", "awarded"), ("'s",),
                     ("given", "presented", "conferred", "handed"),
                     ("won", "wins", "bagged", "bags", "received", "receives", "secured", "clinched", "got", "gets", "earned"))
_UNTIERED_EN_SOURCES = (
    r"(?i:\b(?:award|honour|honor|trophy|prize)s?(?:\s+for\s+[^,.;]{1,60}?)?\s+(?:went|goes|has\s+gone|was\s+(?:given|presented|conferred))\s+to\s+(?:the\s+)?)" + _RECIP,
    r"(?i:\bwinners?\s+(?:was|were|is)\s+(?:the\s+)?)" + _RECIP,
    _RECIP + r"(?i:\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:recognised|recognized|honoured|honored|felicitated|awarded)\b)",
    _RECIP + r"'s\s+(?i:award|honour|honor|trophy|prize)\b",
    # "R was given a Special Jury Award", "R has been presented the Jury Award"
    _RECIP + r"(?i:\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:given|presented|conferred(?:\s+with)?|handed)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?" + _HONOUR_EN + r"\b)",
    _RECIP + r"(?i:\s+(?:won|wins|bagged|bags|received|receives|secured|clinched|got|gets|earned)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?" + _HONOUR_EN + r"\b)",
)
_QUOTED = r"''\s*(.+?)\s*''|\"\s*(.+?)\s*\""
_FOR_WORD = r"\bfor\s"
_FOR_CLAUSE = (r"\bfor\s+(?!how\b|what\b|why\b|which\b|it\b|its\b|their\b|being\b)(?:the\s+)?(.+?)"
               r"(?=,|\.|;|$|\s+(?:the|to|was|were|went)\b)")


class _ClauseReaders(NamedTuple):
    """The patterns _untiered_en reads a clause with: the six untiered ones (_UNTIERED_EN_SOURCES), a quoted
    category, the first "for" and the "for ..." category after it."""
    untiered: tuple
    quoted: LazyPattern
    for_word: LazyPattern
    for_clause: LazyPattern


# The clause patterns twice, each compiled at its first use: an ASCII clause is read by their stdlib twins
# (patterns.ascii_twin: an English award article compiles most of them, ~3x quicker), any other by the `regex` ones.
_ASCII_READERS = _ClauseReaders(tuple(patterns.ascii_twin(p) for p in _UNTIERED_EN_SOURCES), patterns.ascii_twin(_QUOTED),
                                patterns.ascii_twin(_FOR_WORD, re.IGNORECASE), patterns.ascii_twin(_FOR_CLAUSE, re.IGNORECASE))
_READERS = _ClauseReaders(tuple(LazyPattern(patterns.compile, p) for p in _UNTIERED_EN_SOURCES),
                          LazyPattern(regex.compile, _QUOTED),
                          LazyPattern(regex.compile, _FOR_WORD, regex.IGNORECASE),
                          LazyPattern(regex.compile, _FOR_CLAUSE, regex.IGNORECASE))
_CLAUSE_END = LazyPattern(regex.compile, r";|,?\s+whereas\s+|,\s+while\s+|,\s+and\s+(?=for\b)", regex.IGNORECASE)
_CLAUSE_END_WORDS = (";", "whereas", "while", "and")  # one of which every _CLAUSE_END match holds


_ABBREVIATED = LazyPattern(regex.compile, r"(?<![\w&-])((?:[A-Z][\w&-]*\s+(?:(?:of|and|&|for)\s+)?){1,8})\(([A-Z][A-Za-z&]{1,9})\)")
_NOT_NAME_CHAR = LazyPattern(regex.compile, r"[^\w&\-\s]", regex.REVERSE)  # searched back: where a run _ABBREVIATED reads begins
_HONOURED_HI = LazyPattern(regex.compile, r"(?<![\p{L}\p{M}])को\s+(?:(?:[\p{L}\p{M}]+\s+){0,3}?(?:सम्मानित|पुरस्कृत)(?![\p{L}\p{M}])"
                                          r"|(?P<cat>(?:[\p{L}\p{M}]+\s+){1,6}?के\s+लिए\s+)?['‘\"]?(?:[\p{L}\p{M}]+\s+){0,3}?(?:पुरस्कार|सम्मान|प्रशंसा\s+पत्र|प्रशस्ति\s+पत्र|अवार्ड|अवॉर्ड|ट्रॉफी)['’\"]?"
                                          r"\s+(?:दिया|दी|दिए|प्रदान|मिला|मिली|मिले)(?![\p{L}\p{M}]))")
_FOR_DEED_HI = LazyPattern(regex.compile, r"(?<![\p{L}\p{M}])(?:के\s+लिए|करने\s+पर)(?![\p{L}\p{M}])")


_KICKER = LazyPattern(regex.compile, r"\s*([^:।|]{3,120}?)\s*:\s*\S[^:]*(?:सम्मान|पुरस्कार|अवार्ड|अवॉर्ड)")


def _headline_category(doc: Document) -> tuple[int, int] | None:
    """The part before the colon of a headline that speaks of an award."""
    title = next((b for b in doc.layout.blocks if b.kind == "title"), None)
    m = _KICKER.match(doc.norm, title.nstart, title.nend) if title else None
    return (m.start(1), m.end(1)) if m else None


def _abbreviations(doc: Document) -> dict[str, tuple[int, int]]:
    """'Full Name (ABBR)' in the article: ABBR and the bare full name -> the span of 'Full Name (ABBR)'."""
    out: dict[str, tuple[int, int]] = {}
    for m in _abbreviated(doc.norm):
        span = (m.start(1), m.end())
        name = m.group(1).split()
        if name and name[0] == "The":
            span = (m.start(1) + len("The "), m.end())
            name = name[1:]
        out.setdefault(m.group(2), span)
        out.setdefault(fold(" ".join(name)), span)
    return out


def _abbreviated(norm: str) -> list:
    """list(_ABBREVIATED.finditer(norm)), searched only before each "(": a match is a name of word characters,
    '&', '-' and white space right before "(ABBR)", so it lies in the run of such characters that ends at its
    "(" (none of which is one) and, after it, in the 12 characters "(ABBR)" takes at most. Those windows of
    two brackets do not overlap, and a match found in one begins before its bracket (one that begins after
    it is found in the next bracket's window)."""
    out = []
    search, back = _ABBREVIATED.search, _NOT_NAME_CHAR.search
    q = norm.find("(")
    while q >= 0:
        b = back(norm, 0, q)
        m = search(norm, b.end() if b else 0, q + 12)
        if m is not None and m.start() < q:
            out.append(m)
        q = norm.find("(", q + 1)
    return out


def _untiered_en(doc: Document, sent: Sentence, abbreviations: dict) -> list[AwardRecord]:
    """English: in each clause, a named category (quoted, or 'for ...') and its recipient ('the award
    went to R', 'the winner was R', 'R was recognised', "R's award", 'R won an award')."""
    out = []
    start = sent.nstart
    cuts = _CLAUSE_END.finditer(doc.norm, sent.nstart, sent.nend) if may_hold_word(doc.norm, sent.nstart, sent.nend, _CLAUSE_END_WORDS) else ()
    bounds = [(m.start(), m.end()) for m in cuts] + [(sent.nend, sent.nend)]
    for cut, nxt in bounds:
        cs, ce = start, cut
        start = nxt
        hit = None
        folded = doc.norm[cs:ce].casefold()
        readers = _ASCII_READERS if patterns.ascii_span(doc.norm, cs, ce) else _READERS
        for pat, cues in zip(readers.untiered, _UNTIERED_EN_CUES):
            if any(map(folded.__contains__, cues)):
                hit = pat.search(doc.norm, cs, ce)
                if hit:
                    break
        if not hit:
            continue
        q = readers.quoted.search(doc.norm, cs, ce)
        if q:
            g = 1 if q.group(1) else 2
            ks, ke = q.start(g), q.end(g)
        else:
            first_for = readers.for_word.search(doc.norm, cs, ce)
            f = readers.for_clause.match(doc.norm, first_for.start(), ce) if first_for else None
            if not f:  # "for how it performed ...": no named category
                continue
            ks, ke = f.start(1), f.end(1)
        rs, re_ = hit.start("r"), hit.end("r")
        if doc.norm.startswith("The ", rs) and re_ - rs > 4:
            rs += 4
        recipient_span = abbreviations.get(doc.norm[rs:re_]) or abbreviations.get(fold(doc.norm[rs:re_])) or (rs, re_)
        recipient = _text(doc, *recipient_span)
        out.append(AwardRecord(
            **doc.provenance(rs, re_, sent, "awards.untiered_en"),
            tier="other", tier_text="", award_name="",
            recipient=recipient, recipient_en=organisation_en(recipient),
            category=_text(doc, ks, ke), category_en=_category_en(doc.norm[ks:ke]),
            state=_state(doc, sent, rs, re_),
        ))
    return out


def _untiered_hi(doc: Document, sent: Sentence, tokens: _Tokens) -> list[AwardRecord]:
    """Hindi: 'CATEGORY करने पर / के लिए ... RECIPIENT को सम्मानित किया' with no tier word."""
    out = []
    honoured = list(_HONOURED_HI.finditer(doc.norm, sent.nstart, sent.nend))
    if not honoured:
        return out
    toks = tokens()
    by_start = {t.start: i for i, t in enumerate(toks)}
    for m in honoured:
        ko = by_start.get(m.start())
        span = _recipient_back(toks, ko - 1) if ko else None
        if not span:
            continue
        r0, r1 = span
        deeds = [d for d in _FOR_DEED_HI.finditer(doc.norm, sent.nstart, toks[r0].start)]
        if m.group("cat"):  # "R को CATEGORY के लिए विशेष सम्मान दिया गया"
            inner = [t for t in toks if m.start("cat") <= t.start and t.end <= m.end("cat")][:-2]
            if not inner:
                continue
            ks, ke = inner[0].start, inner[-1].end
        elif deeds:
            words = [t for t in toks if t.end <= deeds[-1].start()]
            i = len(words) - 1
            while i >= 0 and words[i].key not in CATEGORY_STARTS and words[i].text not in ",;:":
                i -= 1
            chosen = words[i + 1:]
            if not chosen:
                continue
            ks, ke = chosen[0].start, chosen[-1].end
        else:  # the headline names it: "CATEGORY: RECIPIENT को मिला सम्मान"
            kicker = _headline_category(doc)
            if not kicker:
                continue
            ks, ke = kicker
        recipient = _text(doc, toks[r0].start, toks[r1].end)
        out.append(AwardRecord(
            **doc.provenance(toks[r0].start, toks[r1].end, sent, "awards.untiered_hi"),
            tier="other", tier_text="", award_name="",
            recipient=recipient, recipient_en=organisation_en(recipient),
            category=_text(doc, ks, ke), category_en=_category_en(doc.norm[ks:ke]),
            state=_state(doc, sent, toks[r0].start, toks[r1].end),
        ))
    return out


_NAME_NO_AND = r"[A-Z][\w&-]*(?:\s+(?:(?:of|for)\s+)?(?:[A-Z][\w&-]*|\([A-Z][\w&.-]*\)))*"
_RESPECTIVELY = LazyPattern(patterns.compile,
    rf"(?P<r1>{_NAME_NO_AND}),?\s+and\s+(?:the\s+)?(?P<r2>{_NAME_NO_AND})\s+(?i:won|bagged|received|secured|clinched|got)\s+"
    r"(?i:the\s+)?(?P<t1>[\p{L}]+)\s+(?i:and|&)\s+(?P<t2>[\p{L}]+)\s+(?i:awards?|honours?|trophies|prizes)\b(?P<rest>[^.;]*?)\brespectively\b")


def _respectively(doc: Document, sent: Sentence, tokens: _Tokens) -> list[AwardRecord]:
    """English: "R1 and R2 bagged the Gold and Silver awards (for ...) respectively"."""
    if doc.norm.find("respectively", sent.nstart, sent.nend) < 0:
        return []  # the pattern's last word (case-sensitive) is not in the sentence: no search, no compiling
    m = _RESPECTIVELY.search(doc.norm, sent.nstart, sent.nend)
    if not m:
        return []
    tiers = lexicon.tiers()
    t1, t2 = tiers.lookup(m.group("t1")), tiers.lookup(m.group("t2"))
    if not (t1 and t2):
        return []
    categories = _categories(doc, sent, tokens())
    cat = (categories[0].text, categories[0].en) if categories else ("", "")
    out = []
    for r, t, entry in (("r1", "t1", t1), ("r2", "t2", t2)):
        rs, re_ = m.start(r), m.end(r)
        if doc.norm.startswith("The ", rs) and re_ - rs > 4:
            rs += 4
        recipient = _text(doc, rs, re_)
        out.append(AwardRecord(
            **doc.provenance(rs, re_, sent, "awards.respectively_en"),
            tier=entry.key, tier_text=_text(doc, m.start(t), m.end(t)), award_name="",
            recipient=recipient, recipient_en=organisation_en(recipient),
            category=cat[0], category_en=cat[1] or "other", state=_state(doc, sent, rs, re_)))
    return out


def _in_sentence(doc: Document, sent: Sentence, tokens: _Tokens, last_category: dict, unread: dict,
                 tier_words: list) -> list[AwardRecord]:
    paired = _respectively(doc, sent, tokens)
    if paired:
        return paired
    if not any(entry is not None for _, _, entry in tier_words):
        unread.setdefault(sent.block, []).append((sent, tokens))  # no award here; its categories wait
        return []
    for before, before_tokens in unread.pop(sent.block, ()):
        _read_categories(doc, before, before_tokens(), last_category)
    toks = tokens()
    by_start = {t.start: i for i, t in enumerate(toks)}
    categories = _categories(doc, sent, toks)
    inherited = last_category.get(sent.block, ("", ""))
    tiers = [(ts, te, entry) for ts, te, entry in tier_words if entry is not None and ts in by_start]
    out = []
    for k, (ts, te, entry) in enumerate(tiers):
        if _gloss(toks, by_start[ts]):
            continue  # "स्वर्ण (Gold)": the bracketed English repeats the tier
        ti = by_start[ts]
        next_tier = tiers[k + 1][0] if k + 1 < len(tiers) else sent.nend
        found = _recipient_bracket(toks, ti) or _recipient_ko(toks, ti) or _recipient_ne(toks, ti) \
            or _recipient_forward_ko(toks, ti) or _recipient_en(doc, toks, ti, te)
        if not found:
            continue
        (r0, r1), rule = found
        cat = _category_for(categories, (toks[r0].start, toks[r1].end), (ts, te, next_tier), rule, inherited)
        start, end = min(toks[r0].start, ts), max(toks[r1].end, te)
        if rule == "awards.tier_in_brackets":
            end = toks[ti + 1].end  # "Indian Oil Corporation Limited (Gold)" with its closing bracket
        recipient = _text(doc, toks[r0].start, toks[r1].end)
        out.append(AwardRecord(
            **doc.provenance(start, end, sent, rule),
            tier=entry.key, tier_text=_text(doc, ts, te), award_name=_rank_name(doc, entry.key, ts, te, sent),
            recipient=recipient, recipient_en=organisation_en(recipient),
            category=cat[0], category_en=cat[1] or "other",
            state=_state(doc, sent, toks[r0].start, toks[r1].end),
        ))
    _keep_last(categories, sent, last_category)
    return out


def _read_categories(doc: Document, sent: Sentence, toks: list[Token], last_category: dict) -> None:
    """The paragraph's last category after a sentence that has no award of its own."""
    _keep_last(_categories(doc, sent, toks), sent, last_category)


def _keep_last(categories: list[_Cat], sent: Sentence, last_category: dict) -> None:
    named = [c for c in categories if not c.same]
    if named:
        last_category[sent.block] = (named[-1].text, named[-1].en)


def _gloss(toks: list[Token], ti: int) -> bool:
    """toks[ti] is a tier word in brackets right after another tier word: "स्वर्ण (Gold)"."""
    tier_words = _tier_words()
    return (ti >= 2 and ti + 1 < len(toks) and toks[ti - 1].text == "(" and toks[ti + 1].text == ")"
            and toks[ti - 2].key in tier_words)


_AWARD_AFTER = LazyPattern(regex.compile, r"\s+(?:पुरस्कार|सम्मान|अवार्ड|award|prize|trophy|place)(?![\p{L}\p{M}])", regex.IGNORECASE)


def _rank_name(doc: Document, tier: str, ts: int, te: int, sent: Sentence) -> str:
    """For a rank ("प्रथम पुरस्कार", "First Prize"), the rank and its award word; metals have none."""
    if tier != "other":
        return ""
    m = _AWARD_AFTER.match(doc.norm, te, sent.nend)
    return _text(doc, ts, m.end() if m else te)


def _category_for(categories: list[_Cat], recipient: tuple[int, int], tier: tuple[int, int, int], rule: str,
                  inherited: tuple[str, str]) -> tuple[str, str]:
    """The award's own category phrase: in English the "for ..." right after its tier word ("R got
    the Silver award for X", "Gold award for X was given to R"); in Hindi one between the recipient
    and the tier ("R को X के लिए सिल्वर"); else the nearest before the recipient; in English the
    sentence's first; else the paragraph's last one. "इसी श्रेणी में" / "in the same category" takes
    the category named before it."""
    rs, re_ = recipient
    ts, te, next_tier = tier
    chosen = None
    if rule == "awards.tier_to_recipient":
        chosen = next((c for c in categories if te <= c.pos < next_tier), None)
    if chosen is None:
        chosen = next((c for c in reversed(categories) if c.start >= re_ and c.pos <= ts), None)
    if chosen is None:
        before = [c for c in categories if c.pos <= rs]
        chosen = before[-1] if before else None
    if chosen is None and categories and rule == "awards.tier_to_recipient":
        chosen = categories[0]
    if chosen is None:
        return inherited
    if chosen.same:
        earlier = [c for c in categories if c.pos < chosen.pos and not c.same]
        return (earlier[-1].text, earlier[-1].en) if earlier else inherited
    return chosen.text, chosen.en


def _text(doc: Document, ns: int, ne: int) -> str:
    s, e = doc.nt.span(ns, ne)
    return doc.source.text[s:e]


def _recipient_bracket(toks: list[Token], ti: int) -> tuple[tuple[int, int], str] | None:
    """A tier in brackets right after its recipient, as in a list of winners: "followed by Indian Oil
    Corporation Limited (Gold) and BHEL (Silver)", "स्वास्थ्य विभाग (प्लेटिनम), पुलिस विभाग (गोल्ड)".
    English: the capitalised name before the bracket; Hindi: the words back to a stop word or comma."""
    if not (ti >= 2 and ti + 1 < len(toks) and toks[ti - 1].text == "(" and toks[ti + 1].text == ")") or _gloss(toks, ti):
        return None
    end = ti - 2
    i = end
    if toks[end].latin:
        while i >= 0 and (_proper(toks[i]) or (toks[i].key in ("of", "and", "&", "for") and i > 0 and _proper(toks[i - 1]))):
            i -= 1
    else:
        while i >= 0 and toks[i].is_word and not toks[i].latin and toks[i].key not in RECIPIENT_STOPS and end - i < BRACKET_NAME_WORDS:
            i -= 1
    first = i + 1
    if first > end or toks[first].key in _tier_words():
        return None
    return (first, end), "awards.tier_in_brackets"


BRACKET_NAME_WORDS = 6


def _recipient_ko(toks: list[Token], ti: int) -> tuple[tuple[int, int], str] | None:
    """Hindi: the words before "को" that stand right before the tier word."""
    j = ti - 1
    if j >= 0 and toks[j].key in (fold("मिला"), fold("मिले")):
        j -= 1
    if j >= 2 and toks[j].key == fold("लिए") and toks[j - 1].key == fold("के"):
        # "R को CATEGORY के लिए TIER": the category stands between the recipient and the tier
        ko = next((k for k in range(j - 2, max(0, j - CATEGORY_MAX_WORDS) - 1, -1) if toks[k].key == fold("को")), None)
        if ko is not None and all(t.is_word or t.text in "()-," for t in toks[ko + 1:j - 1]):
            j = ko
    if j < 1 or toks[j].key != fold("को"):
        return None
    span = _recipient_back(toks, j - 1)
    return (span, "awards.recipient_ko_tier") if span else None


CATEGORY_MAX_WORDS = 10  # a category phrase between "को" and "के लिए TIER" is at most this long


_WIN_HI = frozenset(fold(w) for w in ("जीता", "जीते", "जीती", "हासिल", "प्राप्त", "झटका"))
_GIVE_HI = frozenset(fold(w) for w in ("दिया", "दिए", "दी", "प्रदान", "मिला", "मिले", "मिली", "सौंपा", "सौंपे"))
_AWARD_HI = frozenset(fold(w) for w in ("पुरस्कार", "सम्मान", "अवार्ड", "अवॉर्ड", "अवार्ड्स", "अवॉर्ड्स", "ट्रॉफी"))


def _recipient_ne(toks: list[Token], ti: int) -> tuple[tuple[int, int], str] | None:
    """Hindi: "RECIPIENT ने TIER (पुरस्कार) जीता / हासिल किया"."""
    j = ti - 1
    if j >= 1 and toks[j].key in (fold("में"), fold("लिए")):  # "R ने CATEGORY श्रेणी में TIER ... जीता"
        ne = next((k for k in range(j - 1, max(0, j - CATEGORY_MAX_WORDS) - 1, -1) if toks[k].key == fold("ने")), None)
        if ne is not None and all(t.is_word or t.text in "()-," for t in toks[ne + 1:j]):
            j = ne
    if j < 1 or toks[j].key != fold("ने") or not any(t.key in _WIN_HI for t in toks[ti + 1:ti + 5]):
        return None
    span = _recipient_back(toks, j - 1)
    return (span, "awards.recipient_ne_tier") if span else None


def _recipient_forward_ko(toks: list[Token], ti: int) -> tuple[tuple[int, int], str] | None:
    """Hindi: "TIER पुरस्कार RECIPIENT को दिया गया / मिला"."""
    if ti + 4 < len(toks) and toks[ti + 1].text == "(" and toks[ti + 3].text == ")" and toks[ti + 2].key in _tier_words():
        ti += 3  # "स्वर्ण (Gold) पुरस्कार"
    if ti + 1 >= len(toks) or toks[ti + 1].key not in _AWARD_HI:
        return None
    ko = next((k for k in range(ti + 2, min(len(toks) - 1, ti + 14)) if toks[k].key == fold("को")), None)
    if ko is None or toks[ko + 1].key not in _GIVE_HI:
        return None
    span = _recipient_back(toks, ko - 1)
    if span and span[0] <= ti + 1:
        span = (ti + 2, span[1]) if ti + 2 <= span[1] else None
    return (span, "awards.tier_recipient_ko") if span else None


def _recipient_back(toks: list[Token], end: int) -> tuple[int, int] | None:
    tier_words = _tier_words()
    i = end
    while i >= 0:
        t = toks[i]
        if t.key in RECIPIENT_STOPS or t.key in tier_words:
            break
        if not t.is_word and t.text not in ",/-&()":
            break
        i -= 1
    first = i + 1
    while first <= end and not toks[first].is_word:
        first += 1
    if first > end or _generic(toks[first:end + 1]):
        return None
    return first, end


def _generic(words: list[Token]) -> bool:
    """A group, not a named recipient: "... करने वाले विक्रेताओं" (oblique plural, participles)."""
    last = words[-1].text
    return last.endswith("ों") or any(t.key in (fold("वाले"), fold("वाली")) for t in words)


def _recipient_en(doc: Document, toks: list[Token], ti: int, te: int) -> tuple[tuple[int, int], str] | None:
    """English: "TIER award (for ...) was given to RECIPIENT" or "RECIPIENT won the TIER award"."""
    tier_words = _tier_words()
    nxt = next((t.start for t in toks[ti + 1:] if t.key in tier_words), toks[-1].end)
    m = _GIVEN_TO.search(doc.norm, te, nxt)
    if m:
        i0 = next((i for i, t in enumerate(toks) if t.start >= m.end()), None)
        if i0 is not None:
            i = i0
            while i < len(toks) and (_proper(toks[i]) or (toks[i].key in ("of", "and", "&") and i + 1 < len(toks)
                                                          and _proper(toks[i + 1]))):
                i += 1
            if i > i0 and _bracketed_abbreviation(toks, i):  # "... Organisation (BRO)"
                i += 3
            if i > i0:
                return (i0, i - 1), "awards.tier_to_recipient"
    m = _RECEIVED_EN.search(doc.norm, toks[0].start, toks[ti].start)
    if m:
        end_i = max(i for i, t in enumerate(toks) if t.end <= m.start())
        if toks[end_i].text == ",":  # "R (ABBR), a company under X, has been conferred ...": skip the apposition
            comma = next((k for k in range(end_i - 1, 0, -1) if toks[k].text == ","), None)
            if comma is not None and toks[comma + 1].key in ("a", "an", "the") and comma - 1 >= 0:
                end_i = comma - 1
        i = end_i
        if i >= 3 and _bracketed_abbreviation(toks, i - 2) and _proper(toks[i - 3]):
            i -= 3
        while i >= 0 and (_proper(toks[i]) or toks[i].key in ("of", "and", "&")):
            i -= 1
        first = i + 1
        while first <= end_i and (toks[first].key in ("the", "a", "an", "of", "and") or not toks[first].is_word):
            first += 1
        if first <= end_i:
            return (first, end_i), "awards.tier_to_recipient"
    return None


def _bracketed_abbreviation(toks: list[Token], i: int) -> bool:
    """toks[i:i+3] is "( ABBR )"."""
    return (i + 2 < len(toks) and toks[i].text == "(" and toks[i + 2].text == ")"
            and toks[i + 1].latin and toks[i + 1].text[:1].isupper())


def _proper(t: Token) -> bool:
    return t.is_word and t.latin and t.text[0].isupper() and t.key not in ("the", "a", "an")


@lru_cache(maxsize=1)
def _tier_words() -> frozenset[str]:
    return frozenset(fold(f) for e in lexicon.tiers().by_form.values() for f in e.data["forms"])


class _Cat(NamedTuple):
    """A category phrase: as written, its contract word, the offset it is placed at (Hindi: the end
    of "के लिए"; English: the phrase's start), its span with the cue word, and whether it only points
    back to the category named before ("इसी श्रेणी में", "in the same category")."""
    text: str
    en: str
    pos: int
    start: int
    end: int
    same: bool = False


_CATEGORY_TAIL = frozenset(fold(w) for w in ("श्रेणी", "कैटेगरी", "वर्ग"))
_CATEGORY_TAIL_LINK = frozenset(fold(w) for w in ("की", "के", "का"))


def _categories(doc: Document, sent: Sentence, toks: list[Token]) -> list[_Cat]:
    """Each category phrase in the sentence: "... के लिए", "... श्रेणी में", "... में TIER" (with a
    category cue), "for ...", "in the same category"."""
    out = []
    tier_words = _tier_words()
    cuts = [(m.start(), m.end(), False) for m in _FOR_HI.finditer(doc.norm, sent.nstart, sent.nend)]
    for i, t in enumerate(toks[:-1]):  # "सेवाओं की खरीद में रजत पुरस्कार": a category cue before "में TIER"
        if t.key == fold("में") and toks[i + 1].key in tier_words and not any(a <= t.start < b for a, b, _ in cuts):
            cuts.append((t.start, t.end, True))
    for cs, ce, cue_only in sorted(cuts):
        words = [t for t in toks if t.end <= cs]
        i = len(words) - 1
        while i >= 0 and words[i].key not in CATEGORY_STARTS and words[i].key not in tier_words and words[i].text not in ",;:":
            i -= 1
        chosen = words[i + 1:]
        if not chosen:
            continue
        en = _category_en(doc.norm[chosen[0].start:chosen[-1].end])
        same = _same_category(doc.norm[chosen[0].start:chosen[-1].end])
        if len(chosen) > 1 and chosen[-1].key in _CATEGORY_TAIL:  # "... की श्रेणी" -> "..."
            chosen = chosen[:-1]
            if len(chosen) > 1 and chosen[-1].key in _CATEGORY_TAIL_LINK:
                chosen = chosen[:-1]
        ns, ne = chosen[0].start, chosen[-1].end
        if cue_only and not same and en == "other":
            continue  # "... में TIER" makes a category only with a cue word
        out.append(_Cat(_text(doc, ns, ne), en, ce, ns, ne, same))
    for m in _FOR_EN.finditer(doc.norm, sent.nstart, sent.nend):
        ns, ne = m.start(1), m.end(1)
        out.append(_Cat(_text(doc, ns, ne), _category_en(doc.norm[ns:ne]), ns, ns, ne))
    if not may_hold_word(doc.norm, sent.nstart, sent.nend, _CATEGORY_WORDS):
        return sorted(out, key=lambda c: c.pos)  # none of the English category patterns below can match
    for m in _IN_CATEGORY_EN.finditer(doc.norm, sent.nstart, sent.nend):  # "in the service procurement category"
        ns, ne = m.start(1), m.end(1)
        if not _same_category(doc.norm[ns:m.end()]):
            out.append(_Cat(_text(doc, ns, ne), _category_en(doc.norm[ns:ne]), ns, ns, ne))
    for m in _CATEGORY_OF_EN.finditer(doc.norm, sent.nstart, sent.nend):  # "In the category of Highest Procurement by a CPSE, ..."
        ns, ne = m.start(1), m.end(1)
        out.append(_Cat(_text(doc, ns, ne), _category_en(doc.norm[ns:ne]), ns, ns, ne))
    for m in _SAME_EN.finditer(doc.norm, sent.nstart, sent.nend):
        out.append(_Cat(_text(doc, m.start(), m.end()), "other", m.start(), m.start(), m.end(), True))
    return sorted(out, key=lambda c: c.pos)


_CATEGORY_WORDS = ("category", "segment")  # _IN_CATEGORY_EN, _CATEGORY_OF_EN and _SAME_EN each hold one
_IN_CATEGORY_EN = LazyPattern(regex.compile, r"\b(?:in|under)\s+the\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:category|segment)\b", regex.IGNORECASE)
_CATEGORY_OF_EN = LazyPattern(regex.compile, r"\b(?:in|under)\s+the\s+(?:category|segment)\s+(?:of\s+)?(?:the\s+)?['\"‘“]?([^,;.'\"’”]{3,80}?)['\"’”]?(?=\s*[,;.])", regex.IGNORECASE)
_SAME_EN = LazyPattern(regex.compile, r"\bin\s+(?:the\s+)?(?:same|this|that)\s+category\b", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _same_words() -> tuple[str, ...]:
    words = rules.load("awards").get("same_category", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise rules.RuleError(rules.path_of("awards"), "same_category", "expected a list of strings")
    return tuple(fold(w) for w in words)


def _same_category(text: str) -> bool:
    low = fold(text)
    return any(low == w or low.endswith(" " + w) or low.startswith(w) for w in _same_words())


def _category_en(text: str) -> str:
    low = fold(text)
    for cat, cues in lexicon.award_categories():
        if any(c in low for c in cues):
            return cat
    return "other"


def _state(doc: Document, sent: Sentence, ns: int, ne: int) -> str:
    inside = doc.states_in(ns, ne)
    if inside:
        return inside[0].key
    in_sentence = doc.states_in(sent.nstart, sent.nend)
    return in_sentence[0].key if in_sentence else doc.primary_state

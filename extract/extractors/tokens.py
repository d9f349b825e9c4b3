"""Word tokens of a sentence with their working-copy offsets, and the word classes the people and
award extractors read them by (name words, stop words, organisation heads, honorifics).

Tokens come from spaCy's blank Hindi or English tokenizer (chosen by the sentence's script; built
from the language's Defaults on a bare vocabulary, the same tokenizer spacy.blank makes), whose
offsets and lengths are read as one array and kept per unit of text between whitespace with a word
character on each side (no token crosses it: spaCy tokenises only units it has not seen); words that spaCy splits at an inner hyphen or ampersand
("Buyer-Seller", "ई-मार्केटप्लेस") are joined back. A Token's word classes (key, bare, is_word,
latin) are worked out once per word text. Tokens are for names and organisations only: numbers are found by the number
layer, never by a tokenizer. A reader that needs only the tokens around a place takes them from
tokenize_near: spaCy tokenises that part of the sentence only.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicon
from ..memo import Memo, keep
from ..normalise import fold, script_counts

_LATIN = regex.compile(r"\p{Latin}")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")  # script_counts' two scripts
_JOINERS = frozenset("-&'")
# Spans spaCy would take quadratic time on, tokenised here instead: a run of punctuation (spaces
# allowed inside) and any chunk without whitespace longer than a word can be.
_PATHOLOGICAL = regex.compile(r"[^\p{L}\p{M}\p{N}\s](?:\s*[^\p{L}\p{M}\p{N}\s]){7,}|\S{65,}")
# Its first branch alone: what _PATHOLOGICAL finds where no chunk without whitespace reaches 65
_PUNCTUATION_RUN = regex.compile(r"[^\p{L}\p{M}\p{N}\s](?:\s*[^\p{L}\p{M}\p{N}\s]){7,}")
_PLAIN_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|(\S)\1*")
_LETTER = regex.compile(r"[\p{L}\p{M}]")
CONNECTORS = frozenset(fold(w) for w in ("एवं", "और", "तथा", "व", "and", "of", "&", "the", "for"))


class Token:
    """A word token: its working-copy span and text, and the word's comparison key (`key`, folded),
    the key without an abbreviation dot (`bare`: "dr." -> "dr"), whether it is a word (`is_word`:
    it starts with a letter or digit) and whether it starts with a Latin letter (`latin`), all worked
    out once when the token is made (per word text, from a small bounded table)."""

    __slots__ = ("start", "end", "text", "key", "bare", "is_word", "latin")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.key, self.bare, self.is_word, self.latin = _WORD_INFO.get(text) or _word_info(text)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Token:
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"


_WORD_INFO: Memo = Memo()  # token text -> (key, bare, is_word, latin)


def _token(start: int, end: int, text: str) -> Token:
    """Token(start, end, text), made without the call protocol (a C call when compiled)."""
    tok = Token.__new__(Token)
    tok.start = start
    tok.end = end
    tok.text = text
    tok.key, tok.bare, tok.is_word, tok.latin = _WORD_INFO.get(text) or _word_info(text)
    return tok


def _word_info(text: str) -> tuple[str, str, bool, bool]:
    """(key, bare, is_word, latin) of a token text, kept in a table bounded in size."""
    key = fold(text)
    return _WORD_INFO.keep(text, (key, key.rstrip("."), *_char_info(text[0])))


_FIRST_CHAR: Memo = Memo()  # character -> (it starts a word, it is a Latin letter)


def _char_info(ch: str) -> tuple[bool, bool]:
    """(a letter, mark or digit, a Latin letter) of a character, from the table (see _first_char)."""
    return _FIRST_CHAR.get(ch) or _first_char(ch)


def _starts_word(ch: str) -> bool:
    """The character is a letter, mark or digit (it starts a word token)."""
    return _char_info(ch)[0]


def _first_char(ch: str) -> tuple[bool, bool]:
    """What a token's first character says of it: a letter, mark or digit (is_word), a Latin letter
    (latin); a table per character (a regex module call costs as much as a dozen look-ups)."""
    return _FIRST_CHAR.keep(ch, (ch.isalnum() or _LETTER.match(ch) is not None, _LATIN.match(ch) is not None))


_TOKENIZERS: dict = {}  # language -> its spaCy tokenizer, built at first use (see fresh_when_grown)


def _tokenizer(lang: str):
    """spaCy's tokenizer of `lang` as spacy.blank(lang) makes it (the language's exceptions, prefix,
    suffix and infix patterns, token and URL matches), built straight from the language's Defaults
    on a bare vocabulary: no Language object, no pipeline config, no lexical attribute getters
    (tokens never read them). Same tokens as spacy.blank(lang).tokenizer, in a third to half the
    time. Built once per process, and again after fresh_tokenizers."""
    tok = _TOKENIZERS.get(lang)
    if tok is None:
        from spacy.tokenizer import Tokenizer
        from spacy.vocab import Vocab

        tok = _TOKENIZERS[lang] = Tokenizer(Vocab(), **_tokenizer_settings(lang))
    return tok


@lru_cache(maxsize=2)
def _tokenizer_settings(lang: str) -> dict:
    """The arguments spaCy's default tokenizer factory (spacy.Tokenizer.v1) passes for `lang`, its
    patterns compiled once per process (a fresh tokenizer reuses them)."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, get_lang_class

    d = get_lang_class(lang).Defaults
    return dict(
        rules=d.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
        suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
        infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
        token_match=d.token_match,
        url_match=d.url_match,
    )


def fresh_tokenizers() -> None:
    """Drop the built tokenizers; the next call builds new ones (tokens do not depend on a
    vocabulary's history: the same text gives the same tokens)."""
    _TOKENIZERS.clear()
    _UNIT_SPANS.clear()
    _WORD_INFO.clear()
    _NAME_WORDS.clear()


# Entries a tokenizer's vocabulary may hold before fresh_when_grown drops it: spaCy's vocabulary
# keeps every token string it has seen (each figure, each name, ~1 KB with its lexeme), so a
# process that tokenises an archive would grow without end. A fresh vocabulary holds the language's
# exceptions (~800 entries for Hindi, ~1,300 for English); a batch of GeM articles adds ~650 per
# 1,000 articles, real archives more.
VOCABULARY_LIMIT = 20_000


def fresh_when_grown() -> bool:
    """Drop the built tokenizers when one's vocabulary holds more than VOCABULARY_LIMIT entries
    (a look-up per tokenizer: called between articles). Building them again costs ~80 ms (English
    adds its 1,347 exceptions one by one), so they are rebuilt when memory asks for it, not on a
    clock. Returns whether it dropped them."""
    limit = VOCABULARY_LIMIT
    for tok in list(_TOKENIZERS.values()):
        if len(tok.vocab) > limit:
            fresh_tokenizers()
            return True
    return False


def tokenize(norm: str, start: int, end: int) -> list[Token]:
    """Tokens of norm[start:end] with working-copy offsets.

    Long runs of punctuation ("!!!!...", a row of dandas) and overlong chunks without a space never
    reach spaCy: its affix search strips them one character at a time over the whole rest, which
    costs the square of their length. Here they become letter/digit runs and runs of one repeated
    other character ("!!!!" is one token), in one linear regex pass.
    """
    seg = norm[start:end]
    return _tokens(norm, start, seg, _language(seg))


def _tokens(norm: str, start: int, seg: str, lang: str) -> list[Token]:
    """tokenize's tokens of seg (norm[start:start + len(seg)]) by the tokenizer of `lang`."""
    out: list[Token] = []
    pos = 0
    pathological = _PATHOLOGICAL
    if max(map(len, seg.split()), default=0) < 65 and not lexicon.splits_apart(seg):
        pathological = _PUNCTUATION_RUN  # no run of 65 non-spaces: the second branch cannot match
    for run in pathological.finditer(seg):
        _spacy_tokens(norm, seg, start, pos, run.start(), lang, out)
        out += [Token(start + m.start(), start + m.end(), m.group())
                for m in _PLAIN_TOKEN.finditer(seg, run.start(), run.end())]
        pos = run.end()
    _spacy_tokens(norm, seg, start, pos, len(seg), lang, out)
    return out


class OutsideWindow(Exception):
    """A reading of a window's tokens (tokenize_near) looked at a token outside the window."""


class _Fence:
    """Stands for the tokens of a sentence outside a window: reading any attribute of it raises
    OutsideWindow (a token's attributes are all a reading can learn of it)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        raise OutsideWindow(name)


# Fences put where a window stops short of its sentence's edge: more than the farthest a reading
# steps past the tokens it has read without reading the ones between (four) plus the largest
# constant it compares an index with (two), so a reading that leaves the window reads a fence
# before any index test could tell the window's list from the sentence's
FENCES = (_Fence(),) * 8


def tokenize_near(norm: str, start: int, end: int, a: int, b: int, before: int,
                  after: int) -> tuple[list[Token], int, int]:
    """The tokens of the sentence norm[start:end] near norm[a:b]: (toks, first, stop), where
    toks[first:stop] are the tokens tokenize gives for the sentence's text from its `before`-th
    chunk (whitespace-separated) before norm[a:b] to the `after`-th after it (_window), and FENCES
    stand before and after them where the sentence goes on. A reading that stays inside reads what it
    reads in the whole sentence's tokens (an index is the whole list's less a constant, and a
    reading that tests an index beyond the window reads a fence too); one that leaves it raises
    OutsideWindow, and the sentence is read again with tokenize.

    A window stops at whitespace with a letter, mark or digit on each side: spaCy tokenises the
    chunks between whitespace one by one, and its special cases (matched over the whole text) never
    join a token that ends in such a character to one that starts with one
    (tests/extractors/test_tokens_fast.py), so no token crosses that whitespace. The tokenizer is
    the whole sentence's (_language)."""
    seg = norm[start:end]
    if lexicon.splits_apart(seg):  # whitespace to str.split that a \S{65,} run of _PATHOLOGICAL goes across
        lo, hi = 0, len(seg)
    else:
        lo, hi = _window(seg, a - start, b - start, before, after)
    toks = _tokens(norm, start + lo, seg[lo:hi], _language(seg))
    if lo == 0 and hi == len(seg):
        return toks, 0, len(toks)
    left = FENCES if lo else ()
    return [*left, *toks, *(FENCES if hi < len(seg) else ())], len(left), len(left) + len(toks)


def _window(seg: str, a: int, b: int, before: int, after: int) -> tuple[int, int]:
    """Bounds of seg's text from the `before`-th chunk of seg[:a] counted back from its end to the
    `after`-th chunk of seg[b:], each widened to the next whitespace with a letter, mark or digit on
    each side (or to seg's edge). A chunk is a part of str.split() (and of spaCy's split)."""
    return _start_back(seg, a, before), _end_on(seg, b, after)


def _start_back(seg: str, a: int, n: int) -> int:
    """Start of the n-th chunk of seg[:a] counted back from its end, or of an earlier one, after the
    first clean whitespace (_clean) met; 0 when seg[:a] has no such whitespace."""
    head = seg[:a]
    while True:
        parts = head.rsplit(None, n)
        if len(parts) <= n:
            return 0
        s = len(parts[0])  # the whitespace before the n-th chunk back runs from here
        e = len(head) - len(head[s:].lstrip())  # to here
        if _clean(seg, s, e):
            return e
        head, n = parts[0], 1


def _end_on(seg: str, b: int, n: int) -> int:
    """End of the n-th chunk of seg[b:], or of a later one, before the first clean whitespace
    (_clean) met; len(seg) when seg[b:] has no such whitespace."""
    while True:
        parts = seg[b:].split(None, n)
        if len(parts) <= n:
            return len(seg)
        e = len(seg) - len(parts[-1])  # the whitespace after the n-th chunk ends here
        s = len(seg[:e].rstrip())  # and runs from here
        if _clean(seg, s, e):
            return s
        b, n = e, 1


def _clean(seg: str, s: int, e: int) -> bool:
    """seg[s:e] is whitespace with a letter, mark or digit on each side."""
    if s == 0 or e == len(seg) or s == e:
        return False
    return _starts_word(seg[s - 1]) and _starts_word(seg[e])


def _language(seg: str) -> str:
    """"hi" when the segment has at least as many Devanagari letters as Latin ones (script_counts),
    else "en"; counted only when it has both (a sentence mostly has one script only)."""
    if _LATIN.search(seg) is None:
        return "hi"  # no Latin letter: 0 <= Devanagari letters
    if _DEVANAGARI.search(seg) is None:
        return "en"  # Latin letters and no Devanagari one
    dev, lat = script_counts(seg)
    return "hi" if dev >= lat else "en"


_SPANS = None  # [IDX, LENGTH], spaCy's attribute ids, set at first use (spaCy is imported late)


def _spacy_tokens(norm: str, seg: str, base: int, a: int, b: int, lang: str, out: list[Token]) -> None:
    """Append spaCy's tokens of seg[a:b] (offsets into norm), joining words split at a hyphen.

    A token's text is the input's own span (spaCy's tokens cover their text exactly), so the
    offsets and lengths are read as one array instead of one spaCy Token object per token."""
    if a >= b:
        return
    piece = seg[a:b]
    off = base + a
    spans = _unit_spans(piece, lang)
    if not (out and out[-1].text in _JOINERS) and "-" not in piece and "&" not in piece \
            and "'" not in piece:
        # no token can be a joiner: nothing to join
        out += [_token(s0, s0 + n, norm[s0:s0 + n]) for s0, n in [(off + idx, n) for idx, n in spans]]
        return
    info = _WORD_INFO
    for idx, n in spans:
        s0 = off + idx
        s1 = s0 + n
        text = norm[s0:s1]
        if (len(out) >= 2 and out[-1].text in _JOINERS and out[-2].end == out[-1].start
                and out[-1].end == s0 and out[-2].is_word and (info.get(text) or _word_info(text))[2]):
            s0 = out[-2].start
            del out[-2:]
            text = norm[s0:s1]
        out.append(_token(s0, s1, text))


def _spacy_spans(text: str, lang: str) -> list:
    """[offset, length] of each of spaCy's tokens of text."""
    global _SPANS
    doc = _tokenizer(lang)(text)
    if _SPANS is None:
        from spacy.attrs import IDX, LENGTH

        _SPANS = [IDX, LENGTH]
    return doc.to_array(_SPANS).tolist()


def _word_start(ch: str) -> bool:
    """_starts_word(ch), with ASCII and the Devanagari block answered without a look-up: there the
    letters, marks and digits are the ASCII letters and digits and all of U+0900-U+097F but the
    dandas (U+0964, U+0965) and the abbreviation sign (U+0970)."""
    if ch < "\x80":
        return ch.isalnum()
    if "\u0900" <= ch <= "\u097f":
        return ch != "\u0964" and ch != "\u0965" and ch != "\u0970"
    return _starts_word(ch)


def _unit_cuts(piece: str) -> list[int]:
    """Where piece is cut into units: after each run of whitespace (str.isspace, spaCy's whitespace)
    with a letter, mark or digit on each side (tokenize_near's clean whitespace), plus 0 and its
    length. No token of spaCy crosses such whitespace (see tokenize_near), and spaCy reads the
    text between whitespace runs one run at a time: the tokens of the piece are those of its units,
    each tokenised alone, one after the other."""
    cuts = [0]
    n = len(piece)
    i = 0
    while i < n:
        if piece[i].isspace():
            j = i + 1
            while j < n and piece[j].isspace():
                j += 1
            if i > 0 and j < n and _word_start(piece[i - 1]) and _word_start(piece[j]):
                cuts.append(j)
            i = j
        else:
            i += 1
    cuts.append(n)
    return cuts


def _unit_spans(piece: str, lang: str) -> list:
    """spaCy's (offset, length) of the tokens of piece, read per unit (_unit_cuts) from a table kept
    per language (unit text -> its tokens' spans): spaCy tokenises only the units not in it, all
    in one call on them put one after another (each boundary of that text is again whitespace
    between word characters, and the piece's first unit, which may start otherwise, comes first).
    A piece that starts with whitespace, or a call whose tokens would cross a boundary (which the
    ground above rules out), is tokenised whole."""
    if piece[0].isspace():
        return _spacy_spans(piece, lang)
    table = _UNIT_SPANS.get(lang)
    if table is None:
        table = _UNIT_SPANS[lang] = {}
    cuts = _unit_cuts(piece)
    units = [piece[cuts[k]:cuts[k + 1]] for k in range(len(cuts) - 1)]
    known = [table.get(u) for u in units]
    if None in known:
        new = {}
        missing = [u for u, got in zip(units, known) if got is None]
        spans = _spacy_spans("".join(missing), lang)
        t = 0
        k = 0
        for u in missing:
            end = t + len(u)
            mine = []
            while k < len(spans) and spans[k][0] < end:
                idx, size = spans[k]
                if idx + size > end:
                    return _spacy_spans(piece, lang)  # a token across a boundary: never expected
                mine.append((idx - t, size))
                k += 1
            new[u] = got = tuple(mine)
            if len(u) <= _UNIT_KEPT_MAX:
                keep(table, u, got, _UNIT_SPANS_MAX)  # (what is kept depends on the unit alone)
            t = end
        known = [got if got is not None else new[u] for u, got in zip(units, known)]
    out = []
    for k in range(len(units)):
        at = cuts[k]
        out += [(at + idx, size) for idx, size in known[k]]
    return out


_UNIT_SPANS: dict = {}  # language -> unit text -> ((offset, length), ...) of spaCy's tokens of it
_UNIT_SPANS_MAX = 1 << 16  # units a language's table holds before it is emptied
# The longest unit kept: the table is bounded in entries, not bytes, and a unit is not bounded in
# length (a line "x, 1, 2, 3, ..." has no whitespace between word characters: one unit however
# long); kept, 50 units of 17K characters held 31 MB. A longer unit is tokenised each time it is
# met (as numbers keeps only chunks of at most 64 characters).
_UNIT_KEPT_MAX = 64


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.people()["name_stopwords"])


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    p = lexicon.people()
    return frozenset(fold(w) for w in p["org_heads_hi"] + p["org_heads_en"])


@lru_cache(maxsize=1)
def honorific_words() -> frozenset[str]:
    return frozenset(fold(h.rstrip(".")) for h in lexicon.people()["honorifics"])


@lru_cache(maxsize=1)
def designation_words() -> frozenset[str]:
    words = set()
    for e in lexicon.designations().by_form.values():
        for f in e.data["forms"]:
            words.update(fold(w) for w in f.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _known_name_words() -> frozenset[str]:
    return lexicon.given_names() | lexicon.surnames()


def is_name_word(tok: Token) -> bool:
    """A word that can be part of a person's name (a function of the token's text: kept per text in
    a bounded table)."""
    found = _NAME_WORDS.get(tok.text)
    if found is None:
        found = _NAME_WORDS.keep(tok.text, _is_name_word(tok))
    return found


_NAME_WORDS: Memo = Memo()  # token text -> a word that can be part of a person's name


def _is_name_word(tok: Token) -> bool:
    if not tok.is_word or tok.text.isdigit():
        return False
    k = tok.key
    if k in stopwords() or k in org_heads() or tok.bare in honorific_words():
        return False
    if k in designation_words() and k not in _known_name_words():
        return False  # a word of a title ("मंडल आयुक्त") unless it is also a common name ("मंडल")
    if tok.latin:
        return tok.text[0].isupper()
    return True

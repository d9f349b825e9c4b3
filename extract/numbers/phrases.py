"""Token-level matching of one number phrase on the working copy: the words before the number
(qualifiers, currency markers, rank words), the run of number tokens, a range or part-of-whole
word and a second run, a glued prime or x, and the words after (currency, percent, qualifier,
counted or time noun...).

Owns only where those pieces stand. Surface forms are matched with prefix trees over word
tokens and dictionary lookups of their folded keys (lower case, nukta dropped), which is what
makes the number layer fast: the `regex` module pays on every call for the size of a pattern, and
the alternations of hundreds of forms were most of the cost. Reading values and typing the phrase
is `expressions`' job; the word data come from `words.lexicon()`. Also owns cutting a text into
word tokens (`word_tokens`): the standard `re` engine, several times cheaper per call than
`regex`, does it whenever the text's letters are all ASCII or Devanagari (the common case), with
the same tokens. In such a text (`Words.plain`) a step of a phrase, the blanks after a token and
the word after them, is also one call of that engine (`_GAP_WORD`), and so is the word at a
position (`Words.get`).

The forms match as the regex alternations of `words` did: a blank inside a form matches any run
of blanks (also a line break), an inner hyphen matches a hyphen, one blank or nothing, a Latin
letter matches in either case, a nukta is optional, and a form that starts or ends with a letter
starts or ends at a word edge.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Iterable, Optional

import regex

from ..normalise import normalise
from ..patterns import OUTSIDE_PLAIN, plain_class
from .words import GAP_RE, NUKTA, WORD_TOKEN, lexicon

_WORD = regex.compile(r"[\p{L}\p{M}]++")
# The letters and marks of _WORD among ASCII and the Devanagari block, as the body of a character
# class for the standard `re` engine (several times cheaper per call): a word of these ends where a
# character of these two blocks that is neither stands; a character of any other block is left to
# _WORD.
_PLAIN_LETTERS = plain_class(r"[\p{L}\p{M}]")
_PLAIN_WORD = re.compile(f"[{_PLAIN_LETTERS}]+")
# a word of a plain text (`Words.plain`: no letter or mark of another block in it), at its start
_PLAIN_WORD_AT = re.compile(f"(?<![{_PLAIN_LETTERS}])[{_PLAIN_LETTERS}]+")
# WORD_TOKEN for a text whose letters and marks are all of those two blocks: a token's first
# character, then the rest of a word or of a digit run (the same tokens as "[letters]+|[0-9]+|[₹$€£~]";
# led by one class, the engine skips the characters between tokens in one C loop)
_PLAIN_TOKEN = re.compile(f"[{_PLAIN_LETTERS}0-9₹$€£~](?:(?<=[{_PLAIN_LETTERS}])[{_PLAIN_LETTERS}]*+|(?<=[0-9])[0-9]*+)?+")
# One step of a phrase in a text whose letters and marks are all ASCII or Devanagari (`Words.plain`):
# the blanks between two tokens (`gap`) and the word after them (group 1, empty when none starts
# there), in one call of the standard `re` engine instead of a blank loop and a `Words.get`.
_GAP = re.compile(GAP_RE)  # see `gap`
_GAP_WORD = re.compile(GAP_RE + f"([{_PLAIN_LETTERS}]*+)")
_SPACES = re.compile(r"\s*+")  # `str.isspace` characters (the same class in the standard engine)
_PIECE = regex.compile(r"[\p{L}\p{M}]++|\s++|.", regex.S)
# blanks between tokens of one phrase: spaces and tabs, and at most one line break
# blanks (and commas: "Rs, 28,732.90") after a word before the number
_PRE_GAP = re.compile(r"[ \t,]*+(?:\r?\n[ \t]*+)?+")
_PRE_GAP_START = frozenset((" ", "\t", ",", "\r", "\n"))  # _PRE_GAP matches nothing before others
_GLUED = regex.compile(r"'(?![\p{L}\p{N}])|[xX](?![\p{L}\p{M}\p{N}])")
_BLANKS = frozenset((" ", "\t", "\n", "\r"))  # `gap` moves on only from one of these
_NO_SPAN = (-1, -1)
_NO_STOP = (-1, -1, -1, None)  # `Words.stop` before any step
_category = unicodedata.category
_END = None  # marks a node where a form ends
_MISS = object()


def _letter_or_mark(c: str) -> bool:
    """True for one character that is a letter as `str.isalpha` reads it, or a combining mark; never
    for a digit (unlike the word-character helpers of other modules, which take digits too). No
    regex call (a call of the `regex` module costs several times a dictionary lookup). Not quite
    what _WORD matches: the `regex` module counts ~26,600 more code points as letters (U+0558
    among them), which this reads as no letter."""
    return c.isalpha() or (c > "\u02ff" and unicodedata.category(c)[0] == "M")


def _word_key(w: str) -> str:
    return w.lower().replace(NUKTA, "")


class Words:
    """The word tokens of one working copy, by start: (end, key), read on first use and kept, so
    that the prefix trees look each word up once instead of running a regex at every step.
    `plain`: every letter and mark of the text is ASCII or Devanagari (see `word_tokens`).
    `stop`: the step (see `_step`) where the last `_read_on` of a plain text stopped: the step after
    a run of number tokens is read again by the range check of `scan` and by the words after the
    number, from the same q."""

    __slots__ = ("norm", "_at", "plain", "stop")

    def __init__(self, norm: str, plain: Optional[bool] = None):
        self.start_over(norm, plain)

    def start_over(self, norm: str, plain: Optional[bool] = None) -> None:
        """Start over on the working copy `norm` (the scanner keeps one `Words` per thread and reads
        each text into it: no object built per text)."""
        self.norm = norm
        self._at: dict[int, Optional[tuple[int, str]]] = {}
        self.plain = word_tokens(norm) is _PLAIN_TOKEN if plain is None else plain
        self.stop: tuple[int, int, int, Optional[str]] = _NO_STOP

    def get(self, pos: int) -> Optional[tuple[int, str]]:
        """(end, key) of the word starting at pos; None when no word starts there."""
        w = self._at.get(pos, _MISS)
        if w is not _MISS:
            return w
        norm = self.norm
        if self.plain:  # a plain run of letters and marks, none before it: the word
            m = _PLAIN_WORD_AT.match(norm, pos)
            w = self._at[pos] = None if m is None else (m.end(), m[0].lower().replace(NUKTA, ""))
            return w
        w = None
        c = norm[pos - 1] if pos else ""
        if not (c and (c.isalpha() or (c > "\u02ff" and _category(c)[0] == "M"))):  # no word before
            m = _PLAIN_WORD.match(norm, pos)
            if m is not None:
                e = m.end()
                c = norm[e:e + 1]
                if not c or c < "\x80" or "\u0900" <= c <= "\u097f":  # the word ends here
                    w = (e, m.group().lower().replace(NUKTA, ""))
                    self._at[pos] = w
                    return w
            elif not (pos < len(norm) and (norm[pos] < "\x80" or "\u0900" <= norm[pos] <= "\u097f")):
                m = _MISS
            if m is not None:  # a letter or mark of another script: the full classes
                m = _WORD.match(norm, pos)
                if m is not None:
                    w = (m.end(), m.group().lower().replace(NUKTA, ""))
        self._at[pos] = w
        return w


def word_tokens(norm: str):
    """The compiled pattern of `words.WORD_TOKEN` to run over `norm`: the standard `re` engine
    (several times cheaper per call) when every letter and mark of the text is ASCII or
    Devanagari, which gives the same tokens; else WORD_TOKEN itself."""
    if not norm.isascii() and OUTSIDE_PLAIN.search(norm) is not None and any(map(_letter_or_mark, set(OUTSIDE_PLAIN.findall(norm)))):
        return WORD_TOKEN
    return _PLAIN_TOKEN


# the token patterns with a group: split gives [what stands before, token, between, token, ..., after]
_PLAIN_PARTS = re.compile(f"({_PLAIN_TOKEN.pattern})")
_WORD_PARTS = regex.compile(f"({WORD_TOKEN.pattern})")


def token_parts(text: str, tokenizer) -> list[str]:
    """The tokens that `tokenizer` (a pattern `word_tokens` gave) finds in `text`, at the odd indices,
    with what stands before, between and after them at the even ones: one C call, no match object
    per token (a token starts at the summed lengths of the parts before it)."""
    return (_PLAIN_PARTS if tokenizer is _PLAIN_TOKEN else _WORD_PARTS).split(text)


def gap(norm: str, q: int) -> int:
    """End of the blanks at q between two tokens of one phrase: spaces and tabs, and at most one
    line break."""
    return _GAP.match(norm, q).end()


@lru_cache(maxsize=4096)
def _units(form: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The unit sequences of one form, each unit (separator before it, word key or character);
    a form with an inner hyphen also gets its joined spelling ("आस-पास", "आसपास")."""
    norm = normalise(form).norm.strip()
    pieces = _PIECE.findall(norm)
    out: list[tuple[str, str]] = []
    joined: list[tuple[str, str]] = []
    sep = ""
    for i, p in enumerate(pieces):
        if p.isspace():
            sep = " "
            continue
        inner = (p == "-" and 0 < i < len(pieces) - 1 and _WORD.fullmatch(pieces[i - 1])
                 and _WORD.fullmatch(pieces[i + 1]))
        if inner:
            sep = "-"
            continue
        k = _word_key(p) if _WORD.fullmatch(p) else p
        out.append((sep, k))
        if sep == "-" and joined and _WORD.fullmatch(p):
            joined[-1] = (joined[-1][0], joined[-1][1] + k)
        else:
            joined.append((sep, k))
        sep = ""
    return (tuple(out),) if joined == out else (tuple(out), tuple(joined))


def first_word_keys(forms: Iterable[str]) -> set[str]:
    """Key of the first word of each form, also as joined with the next one across an inner
    hyphen ("आस-पास" also matches "आसपास"): the words a match of one of the forms can start with."""
    return {units[0][1] for form in forms for units in _units(form) if units}


_LEAF = {_END: True}  # the node where a form ends and none goes on, shared: tested with `is`


def _share_leaves(node: dict) -> None:
    """Replace every node of the tree below `node` that only ends a form by _LEAF."""
    for sep, table in node.items():
        if sep is not _END:
            for unit, child in table.items():
                if len(child) == 1 and _END in child:
                    table[unit] = _LEAF
                else:
                    _share_leaves(child)


class FormTrie:
    """Longest match of any of a list of surface forms at a position of the working copy."""

    __slots__ = ("root", "first")

    def __init__(self, forms: Iterable[str]):
        self.root: dict = {}
        for form in forms:
            for units in _units(form):
                node = self.root
                for sep, unit in units:
                    node = node.setdefault(sep, {}).setdefault(unit, {})
                node[_END] = True
        _share_leaves(self.root)
        self.first: dict = self.root.get("", {})

    def match(self, words: Words, pos: int) -> int:
        """End of the longest form starting at `pos` (a word start or a character that is no
        letter), or -1; word units always take a whole word."""
        norm = words.norm
        if pos >= len(norm):
            return -1
        c = norm[pos]
        if c < "\x80" and not c.isalpha():  # no word starts at an ASCII character that is no letter
            node = self.first.get(c)
            if node is None:
                return -1
            if node is _LEAF:
                return pos + 1
            return self._walk(words, node, pos + 1)
        w = words._at.get(pos, _MISS)
        if w is _MISS:
            w = words.get(pos)
        if w is not None:
            node = self.first.get(w[1])
            e = w[0]
        elif norm[pos].isalpha():  # inside a word
            return -1
        else:
            node = self.first.get(norm[pos])
            e = pos + 1
        if node is None:
            return -1
        if node is _LEAF:
            return e
        return self._walk(words, node, e)

    def _walk(self, words: Words, node: dict, q: int) -> int:
        norm = words.norm
        n = len(norm)
        best = q if _END in node else -1
        if q >= n:  # the end of the text: no form goes on
            return best
        for sep, table in node.items():
            if sep is _END:
                continue
            r = q
            if sep == " ":
                r = _SPACES.match(norm, q).end()
                if r == q:
                    continue
            elif sep == "-" and q < n and (norm[q] == "-" or norm[q].isspace()):
                r = q + 1
            if r >= n:
                continue
            w = words._at.get(r, _MISS)
            if w is _MISS:
                w = words.get(r)
            if w is not None:
                child, e = table.get(w[1]), w[0]
            elif norm[r].isalpha():
                continue
            else:
                child, e = table.get(norm[r]), r + 1
            if child is not None:
                end = self._walk(words, child, e)
                if end > best:
                    best = end
        return best


# Where the pieces of one number phrase stand (working-copy offsets), a plain tuple read by
# unpacking (a named tuple costs a call to build and a slow attribute lookup per field):
#   (pre, toks, rsep, s2, toks2, glued, post)
# pre, toks, toks2, post: lists of (text, start, end) tokens (the words before, the number, the
# second number of a range, the words after); rsep: the range / part-of-whole word, "" when none;
# s2: start of the second run, -1 when none; glued: (start, end) of a glued ' or x, (-1, -1) when none.
Hit = tuple


class Scanner:
    """Reads the pieces of a number phrase starting at a position (see `scan`). Every method
    takes the `Words` of the text (see `words`)."""

    def __init__(self, max_tokens: int):
        lx = lexicon()
        f = lx.forms
        self.max_tokens = max_tokens
        self.before = FormTrie(f["word before a number"])
        self.after = FormTrie(f["word after a number"])
        self.between = FormTrie(f["word between two numbers"])
        self.number_token = FormTrie(f["number_token"])
        self.count_noun = FormTrie(f["count_noun"])
        self.noun = FormTrie(f["noun"])
        self.modifier = FormTrie(f["count_modifiers"])
        self.scale_keys = frozenset(_word_key(normalise(s).norm) for s in f["scale"] if " " not in s.strip())
        dstart = r"(?<![0-9])(?<![0-9][.,])"
        western = r"[0-9]{1,3}(?:(?:,[ ]?[0-9]{3}(?![0-9])){2,}+|,[0-9]{3}(?![0-9]))"
        indian = r"(?<![0-9],[ ])[0-9]{1,2}(?:,[ ]?[0-9]{2}(?=,))++,[ ]?[0-9]{3}(?![0-9])"
        # "2. 8 lakh": a stray space after the decimal point, only before a scale word (checked below)
        # ASCII-only: the standard `re` engine, several times cheaper per call than `regex`
        # (both groupings need a comma within the first four characters: tried only then)
        self.digits = re.compile(
            rf"{dstart}(?:(?=[0-9]{{1,3}},)(?:{western}|{indian})|[0-9]++)(?:\.[0-9]++|(?P<stray>\.[ ][0-9]{{1,2}}(?![0-9])))?+"
            rf"(?![0-9]|[.,][0-9])")
        self._kept = threading.local()  # the Words of the text scanned, one per thread (a scan writes to it)
        # bound once: a bound method built at every call is an object built and thrown away
        self._token, self._after_match = self.token, self.after.match

    def words(self, norm: str, plain: Optional[bool] = None) -> Words:
        """The word tokens of `norm`, kept for the text this thread is scanning (`plain` when known,
        see `Words`): one object per thread, read anew for each text."""
        w = getattr(self._kept, "words", None)
        if w is None:
            w = self._kept.words = Words(norm, plain)
        elif w.norm is not norm:
            w.start_over(norm, plain)
        return w

    def token(self, words: Words, pos: int) -> int:
        """End of the number token at pos (a digit run in one of its shapes, or a number word,
        scale word, "and" or "a"), or -1."""
        norm = words.norm
        n = len(norm)
        if pos >= n:
            return -1
        c = norm[pos]
        if "0" <= c <= "9":
            m = self.digits.match(norm, pos)
            if m is None:
                return -1
            e = m.end()
            if m.lastindex:  # the stray-space decimal (the one group) only stands before a scale word
                w = words.get(gap(norm, e))
                if w is None or w[1] not in self.scale_keys:
                    e = m.start("stray")
            if e < n:
                c = norm[e]
                if c.isalpha() or (c > "\u02ff" and _category(c)[0] == "M"):
                    # a letter right after the digits: a glued x or scale word only
                    w = words.get(e)
                    if not ((w[1] == "x" and w[0] == e + 1) or w[1] in self.scale_keys):
                        return -1
            return e
        return self.number_token.match(words, pos)

    def run(self, words: Words, pos: int) -> list[tuple[str, int, int]]:
        """A loose run of at most max_tokens number tokens from pos; `_read` decides where the
        number ends. Capped: the scan resumes after the tokens read, so an uncapped run would be
        captured again from every token (quadratic)."""
        e = self.token(words, pos)
        if e < 0:
            return []
        norm = words.norm
        if e >= len(norm):  # the text ends with the token
            return [(norm[pos:e], pos, e)]
        return _read_on(words, e, self.max_tokens - 1, self.number_token, self._token, [(norm[pos:e], pos, e)])

    def scan(self, words: Words, at: int) -> Optional[Hit]:
        """The number phrase starting at `at`, or None."""
        norm = words.norm
        if at:
            c = norm[at - 1]
            if c.isalpha() or (c > "\u02ff" and _category(c)[0] == "M"):
                return None
            if at > 1 and c == "-" and _letter_or_mark(norm[at - 2]):
                return None
        pre: list[tuple[str, int, int]] = []
        p = at
        before = self.before
        for _ in (1, 2):  # at most two words (a tuple: no range built per call)
            c = norm[p:p + 1]
            if c < "\x80" and not c.isalpha() and c not in before.first:
                break  # a digit or other ASCII sign no word before a number starts with (no call)
            e = before.match(words, p)
            if e < 0:
                break
            pre.append((norm[p:e], p, e))
            p = _PRE_GAP.match(norm, e).end() if norm[e:e + 1] in _PRE_GAP_START else e
        toks = self.run(words, p)
        while not toks and pre:  # fewer words before: the last one may start the number
            p = pre.pop()[1]
            toks = self.run(words, p)
        if not toks:
            return None
        q = toks[-1][2]
        n = len(norm)
        if q >= n:  # the text ends with the number: no range, glued sign or word after it
            return pre, toks, "", -1, [], _NO_SPAN, []
        rsep, s2, toks2 = "", -1, []
        between = self.between
        e = -1
        if words.plain:  # `gap` and the word after it in one call (see `_step`), kept from the run
            step = words.stop
            if step[0] != q:  # (kept for the words after the number, read from q when no range follows)
                step = words.stop = _step(norm, q)
            _, r, _, wkey = step
            if wkey is not None:  # a word: a form only if its key starts one
                if wkey in between.first:
                    e = between.match(words, r)
            else:
                c = norm[r:r + 1]
                if c and not c.isalpha() and (c >= "\x80" or c in between.first):  # no call for an ASCII sign that starts none
                    e = between.match(words, r)
        else:
            c = norm[q:q + 1]  # `gap`, its commonest cases (no blank, one space) inline
            r = q if c not in _BLANKS else (
                q + 1 if c == " " and norm[q + 1:q + 2] not in _BLANKS else gap(norm, q))
            c = norm[r:r + 1]
            if c.isalpha():  # a word: a form only if its key starts one (no call else)
                w = words._at.get(r, _MISS)
                if w is _MISS:
                    w = words.get(r)
                if w is not None and w[1] in between.first:
                    e = between.match(words, r)
            elif c and (c >= "\x80" or c in between.first):  # no call for an ASCII sign that starts none
                e = between.match(words, r)
        if e >= 0:
            r2 = gap(norm, e)
            toks2 = self.run(words, r2)
            if toks2:
                rsep, s2, q = norm[r:e], r2, toks2[-1][2]
        glued = _NO_SPAN
        if q < n and norm[q] in "'xX":
            m = _GLUED.match(norm, q)
            if m is not None:
                glued = m.span()
                q = m.end()
        post = _read_on(words, q, 3, self.after, self._after_match, [])
        return pre, toks, rsep, s2, toks2, glued, post

    def noun_after(self, words: Words, q: int) -> tuple[int, int]:
        """The counted, time or rank noun right after q (blanks between): (start, end) or (-1, -1)."""
        r = gap(words.norm, q)
        e = self.noun.match(words, r)
        return (r, e) if e >= 0 else (-1, -1)

    def modified_noun(self, words: Words, q: int) -> tuple[int, int]:
        """A counted noun after one or two modifier words ("lakh government buyers"), from q:
        the noun's (start, end) or (-1, -1)."""
        norm = words.norm
        first = self.modifier.first
        for _ in (1, 2):  # one or two modifier words
            r = gap(norm, q)
            if norm[r:r + 1].isalpha():  # a word: a modifier only if its key starts one (no call else)
                w = words._at.get(r, _MISS)
                if w is _MISS:
                    w = words.get(r)
                if w is None or w[1] not in first:
                    break
            e = self.modifier.match(words, r)
            if e < 0:
                break
            r = gap(norm, e)
            ne = self.count_noun.match(words, r)
            if ne >= 0:
                return r, ne
            q = e
        return -1, -1


@lru_cache(maxsize=4)
def scanner(max_tokens: int) -> Scanner:
    return Scanner(max_tokens)


def _step(norm: str, q: int) -> tuple[int, int, int, Optional[str]]:
    """One step of a phrase from q in a plain text (`Words.plain`): (q, the end of the blanks at q,
    the end of the word after them, the key of that word or None when no word starts there), read
    by one call of the standard `re` engine (`_GAP_WORD`)."""
    m = _GAP_WORD.match(norm, q)
    r, we = m.span(1)
    if we > r and (r > q or not q or not _letter_or_mark(norm[q - 1])):
        return q, r, we, m[1].lower().replace(NUKTA, "")
    return q, r, we, None


def _read_on(words: Words, q: int, count: int, trie: "FormTrie", match, out: list) -> list:
    """`out` with up to `count` more tokens read on from q, each after blanks or after a hyphen
    before a word: a word only if its key starts a form of `trie` (`FormTrie.match` inline, no call
    for a word that starts none, nor for an ASCII sign that starts none), anything else by
    `match(words, r)`. Stops at the first place where no token is read. One flat loop: it runs
    twice per number phrase, and a step is a few lines."""
    norm = words.norm
    n = len(norm)
    first = trie.first
    plain = words.plain  # in a plain text one call per token finds the blanks and the word after them
    stop = words.stop
    while count and q < n:  # (no range built per call; at the end of the text no step reads anything)
        count -= 1
        if plain:  # (the step where the last read stopped is kept: see `Words.stop`)
            step = stop if q == stop[0] else _step(norm, q)
            _, r, e, wkey = step
            if wkey is not None:  # a word
                node = first.get(wkey)
                if node is None:
                    e = -1
                elif node is not _LEAF:
                    e = trie._walk(words, node, e)
            else:
                c = norm[r:r + 1]
                if not c:  # the end of the text
                    break
                if c.isalpha() or (c < "\x80" and (c < "0" or c > "9") and c not in first):
                    e = -1  # inside a word, or an ASCII sign that starts no form
                else:
                    e = match(words, r)
        else:
            c = norm[q:q + 1]  # `gap`, its commonest cases (no blank, one space) inline
            r = q if c not in _BLANKS else (
                q + 1 if c == " " and norm[q + 1:q + 2] not in _BLANKS else gap(norm, q))
            c = norm[r:r + 1]
            if c.isalpha():
                w = words._at.get(r, _MISS)
                if w is _MISS:
                    w = words.get(r)
                node = None if w is None else first.get(w[1])
                if node is None:
                    e = -1
                elif node is _LEAF:
                    e = w[0]
                else:
                    e = trie._walk(words, node, w[0])
            elif not c:  # the end of the text
                break
            elif c < "\x80" and (c < "0" or c > "9") and c not in first:  # an ASCII sign that starts no form
                e = -1
            else:
                e = match(words, r)
        if e < 0:
            if norm[q:q + 1] == "-" and words.get(q + 1) is not None:  # after a hyphen that a word follows
                r, e = q + 1, match(words, q + 1)  # ("two-thirds", "15-20 हजार")
            if e < 0:
                if plain:
                    words.stop = step
                break
        out.append((norm[r:e], r, e))
        q = e
    return out


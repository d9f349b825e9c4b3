"""Officials: people named with a designation, and the organisation they serve.

Reads the orders news writes them in, Hindi and English (ids in rules/extraction.toml):
- officials.name_desig_org: "NAME, DESIGNATION, ORGANISATION" ("सुखदीप वर्मा, निदेशक, जेम ने",
  "Shri X, Additional CEO, GeM"; the organisation may run over commas while each part is an
  organisation), "NAME, [the] DESIGNATION of ORGANISATION", "NAME DESIGNATION, ORGANISATION",
  "NAME, DESIGNATION (UNIT)" (the bracket is the organisation when no other follows), and
  "NAME, DESIGNATION." when no name follows the title.
- officials.org_desig_name: "ORGANISATION के DESIGNATION NAME" ("वित्त विभाग के सचिव अबू इमरान"),
  "PORTFOLIO DESIGNATION NAME" ("वाणिज्य और उद्योग मंत्री पीयूष गोयल", "GeM CEO X", "कांग्रेस नेता X"),
  "DESIGNATION PORTFOLIO NAME" ("सचिव वित्त X"), "DESIGNATION of ORGANISATION NAME".
- officials.desig_name: "DESIGNATION NAME" with no organisation named.
Also read: "DESIGNATION (PORTFOLIO) NAME", "DESIGNATION PORTFOLIO, PORTFOLIO एवं X HONORIFIC NAME",
"DESIGNATION NAME, ORGANISATION ने", "DESIGNATION, ORGANISATION, HONORIFIC NAME", "ORG के REGION
क्षेत्र के DESIGNATION NAME", "Its DESIGNATION NAME" (the organisation of the sentence before), a
bracket that restates the title ("प्रबंध निदेशक (एमडी)"), civil service tags ("X, IAS, Secretary"),
initials in either script ("के. श्रीनिवासन", "आर के सिन्हा", "P.K. Singh"; a sentence the splitter cut
after an initial is joined again here). A name outside the name lexicon needs an organisation, an
honorific, initials, or two words and a verb of saying after it ("उपायुक्त X Y ने").
Two titles joined by and/एवं ("अध्यक्ष एवं प्रबंध निदेशक") give one row each. A title with no name
gives nothing; party posts (needs_org in rules/people.toml) need their party. Headlines restate and
boilerplate is skipped. Only sentences where the designation gazetteer finds a title are tokenised,
and of those only the chunks around their titles, unless a reading needs more (tokenize_near).
One row per (person, designation, organisation); a mention without organisation merges into one
with it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from typing import Iterable

import regex

from .. import lexicon, patterns, rules
from ..memo import Memo, keep
from ..patterns import occurrences
from ..text.document import Document
from ..lexicon.english import initials_of, latin_spellings, name_en, organisation_en
from ..normalise import fold
from ..records import OfficialRecord
from ..text.layout import HEADLINE_MAX, TERMINAL
from ..text.sentences import Sentence
from .tokens import (CONNECTORS, OutsideWindow, Token, honorific_words, is_name_word, org_heads, stopwords, tokenize,
                     tokenize_near)

MAX_NAME_WORDS = 3
MAX_NAME_RUN = 8  # name-like words read before a too-long run is cut at a known surname
MAX_ORG_WORDS = 10
MAX_BRACKET = 8
WINDOW_CHUNKS = (6, 8)  # chunks of a sentence tokenised before and after its titles (tokenize_near)
POSSESSIVE = frozenset(fold(w) for w in ("के", "की", "का", "'s", "’s", "’", "'"))
JOINS = frozenset(fold(w) for w in ("एवं", "और", "तथा", "व", "and", "&"))
ARTICLES = frozenset(("the", "its", "a"))
PLACE_CASES = frozenset(fold(w) for w in ("में", "पर"))
TWO_LETTER_INITIALS = frozenset(("Kh", "Th", "Ch", "Sh", "Ng", "Gh", "Ph", "Md"))  # "Kh. Raghumani Singh"
ITS = -1  # organisation marker: "its", the company named in the sentence before
OF = frozenset(("of", "for"))
UNION = frozenset(fold(w) for w in ("केंद्रीय", "केन्द्रीय", "Union", "Central"))
_INITIALS = regex.compile(r"(?:\p{Lu}\.){1,3}")
_HI_INITIALS = regex.compile(r"(?:\p{Devanagari}{1,3}\.){1,2}\p{Devanagari}{1,3}")
_WORDS = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_GAP = regex.compile(r"[\s\-]+|\.\s*")
_START, _END = attrgetter("start"), attrgetter("end")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
# A run of _WORD_CHAR's characters of ASCII and the Devanagari block (all of the block but । ॥ ॰), in the standard library's
# re: a call costs a tenth of a regex module call, which a word met for the first time would pay
_PLAIN_WORD = re.compile(f"[{patterns.plain_class(_WORD_CHAR.pattern)}]+")
_EDGE_PUNCTUATION = ".,:;!?।॥'\"()[]‘’“”"  # no word character: what a word's chunk often has around it
_ABBREVIATED = frozenset(fold(w) for w in ("Ltd.", "Pvt.", "Co.", "Inc.", "Corp.", "Govt.", "Dept.", "लि.", "प्रा."))


@dataclass(frozen=True)
class Title:
    i0: int  # first token of the designation
    i1: int  # last token
    entry: lexicon.Entry


def extract(doc: Document) -> list[OfficialRecord]:
    found: list[OfficialRecord] = []
    restating = _restating(doc)
    words = doc.words if doc.words is not None else lexicon.word_tokens(doc.norm)  # (a Document made by hand)
    article_firsts = _article_titles(doc.norm, words)
    for sent in _joined_at_initials(doc):
        if id(sent.block) in restating:
            continue
        here = _sentence_titles(article_firsts, doc.norm, sent.nstart, sent.nend)
        if here:
            found += _in_sentence(doc, sent, here)
    return _merge(found)


def _latin_spellings(doc: Document) -> dict[str, str]:
    """latin_spellings of the article's text, worked out once per article (at its first Hindi name)."""
    key = __name__ + ".latin_spellings"
    seen = doc.cache.get(key)
    if seen is None:
        seen = doc.cache[key] = latin_spellings(doc.source.text)
    return seen


_TRAILING_INITIAL = regex.compile(r"(?:^|[\s.])(\p{Devanagari}{1,6})\.\s*$")  # "के." or the last of "जे.एस."
_TRAILING_LATIN_INITIALS = regex.compile(r"(?:^|\s)(?:(?:\p{Lu}\.){2,3}|(?:Kh|Th|Ch|Sh|Ng|Gh|Ph|Md)\.)\s*$")  # "P.K." or "Kh."


def _joined_at_initials(doc: Document) -> list[Sentence]:
    """The sentences, with one cut after a Devanagari initial ("... अधिकारी के. | श्रीनिवासन ने ...")
    joined to the next sentence of its block: a letter name and a dot end no Hindi sentence."""
    out: list[Sentence] = []
    letters = lexicon.letter_names()
    for sent in doc.sentences:
        if out and out[-1].block is sent.block and _ends_in_initial(doc.norm, out[-1], letters):
            out[-1] = replace(out[-1], end=sent.end, nend=sent.nend)
        else:
            out.append(sent)
    return out


def _ends_in_initial(norm: str, sent: Sentence, letters: dict[str, str]) -> bool:
    tail = norm[max(sent.nstart, sent.nend - 8):sent.nend]
    end = tail.rstrip()
    if not end.endswith("."):
        return False  # both patterns end in a dot and whitespace (which rstrip strips)
    before = end[-2:-1]
    if before.isascii() and not before.isupper() and end[-3:-1] not in TWO_LETTER_INITIALS:
        return False  # before the dot neither a capital, "Kh"-like initial nor Devanagari: "... said."
    if _TRAILING_LATIN_INITIALS.search(tail):  # "GeM CEO P.K. | Singh said"
        return True
    m = _TRAILING_INITIAL.search(tail)
    return m is not None and fold(m.group(1)) in letters


@lru_cache(maxsize=1)
def _title_forms() -> tuple[dict[tuple[str, ...], lexicon.Entry], frozenset[str], int]:
    """The designation gazetteer as a dict of folded word tuples, its first words and its longest form."""
    forms = {tuple(_WORDS.findall(form)): entry for form, entry in lexicon.designations().by_form.items()}
    firsts = frozenset(k[0] for k in forms)
    no_letter = sorted(w for w in firsts if w.isascii() and not w.islower())
    if no_letter:  # _chunk_firsts passes over an ASCII chunk with no letter without looking it up
        raise rules.RuleError(rules.path_of("people"), "designation",
                              f"a title opens with a word that has no letter: {no_letter[0]!r}")
    return forms, firsts, max(map(len, forms))


def _firsts_in(chunks: Iterable[str]) -> frozenset[str]:
    """The words that can start a title among the words of these chunks (text split at whitespace:
    no character str.split() splits at is a letter, mark or digit, so a text's words are the words
    of its chunks; a list or a set, WordTokens.chunks), read from a table kept per chunk
    (_chunk_firsts): a chunk met before is one look-up."""
    table = _CHUNK_FIRSTS
    found = []
    for c in chunks:
        f = table.get(c)
        if f is None:
            f = _chunk_firsts(c)
        if f:
            found.append(f)
    return _NONE.union(*found) if found else _NONE


def _titles_in(norm: str, pos: int, endpos: int) -> list[tuple[int, int, lexicon.Entry]]:
    """Every designation in norm[pos:endpos], longest first, by dict lookups over its words (words
    of a form may stand apart by spaces, hyphens or an abbreviation dot). A sentence none of whose
    words can start a title costs a split and a look-up per chunk; in one that has some, a title is
    read on from each place a word that starts one stands (found by str.find), not from every word."""
    low = norm[pos:endpos].casefold()
    hits = _firsts_in(low.split())
    if not hits:
        return []
    forms, firsts, longest = _title_forms()
    if len(low) != endpos - pos:  # a letter case-folds to two ("ß"): offsets in low are not norm's
        return _titles_by_words(norm, pos, endpos, forms, firsts, longest)
    return _titles_at(low, 0, len(low), sorted(occurrences(low, hits)), pos, forms, longest)


def _article_titles(norm: str, words: lexicon.WordTokens) -> tuple[str, list[int], list[tuple[int, str]]] | None:
    """Where the words that can start a title stand in the whole text, found once per article:
    (its case folding `low`, the offsets, the (offset, word) occurrences in order) of the words of
    its chunks that start one (`words`: the text's word tokens, which the document build made for
    the gazetteers: Document.words). None when case folding changes a length."""
    low = words.low
    if len(low) != len(norm):
        return None
    chunks = words.chunks
    hits = _firsts_in(chunks if chunks is not None else low.split())
    found = sorted(occurrences(low, hits)) if hits else []
    return low, [s for s, _ in found], found


def _sentence_titles(article_firsts, norm: str, pos: int, endpos: int) -> list[tuple[int, int, lexicon.Entry]]:
    """_titles_in(norm, pos, endpos), read from the article's occurrences of title first words
    (article_firsts: _article_titles' (folded text, their offsets, (offset, word) of each), or None
    where _article_titles read none): a sentence with none costs two bisections. Each word of the
    sentence is a word of the article (unless a word runs across its edge: then _titles_in reads
    it), so the article's first words hold the sentence's; an occurrence that is no whole word of
    the sentence is passed over by _titles_at as _titles_in's are."""
    if article_firsts is None:
        return _titles_in(norm, pos, endpos)
    low, starts, found = article_firsts
    if (0 < pos < len(low) and _word_char(low[pos - 1]) and _word_char(low[pos])) \
            or (0 < endpos < len(low) and _word_char(low[endpos - 1]) and _word_char(low[endpos])):
        return _titles_in(norm, pos, endpos)  # the sentence cuts a word: its parts are not the article's words
    i = bisect_left(starts, pos)
    j = bisect_left(starts, endpos, i)
    if i == j:
        return []
    here = [f for f in found[i:j] if f[0] + len(f[1]) <= endpos]
    if not here:
        return []
    forms, _, longest = _title_forms()
    return _titles_at(low, pos, endpos, here, 0, forms, longest)


def _titles_at(low: str, a: int, b: int, found: list[tuple[int, str]], base: int, forms: dict,
               longest: int) -> list[tuple[int, int, lexicon.Entry]]:
    """The titles of low[a:b] (offsets + base) read on from the occurrences `found` (in order, inside
    [a, b)) of words that start one: an occurrence counts where it is a whole word of low[a:b]. The
    words after it are read while they can still make a longer title."""
    out = []
    covered = a
    prefixes = _title_prefixes()
    for s, w in found:
        if s < covered:
            continue  # a word inside the title read before
        e = s + len(w)
        if e > b:
            continue
        if s > a and _word_char(low[s - 1]):
            continue  # the end of a longer word
        if e < b and _word_char(low[e]):
            continue  # the start of a longer word
        words = [w]
        ends = [e]
        key = (w,)
        while key in prefixes:
            nxt = _next_word_end(low, e, b)
            if nxt < 0:
                break
            start = _word_start_back(low, nxt)
            words.append(low[start:nxt])
            e = nxt
            ends.append(e)
            key = tuple(words)
        for k in range(len(words), 0, -1):
            entry = forms.get(tuple(words[:k]))
            if entry is not None:
                out.append((base + s, base + ends[k - 1], entry))
                covered = ends[k - 1]
                break
    return out


def _word_char(ch: str) -> bool:
    """patterns.word_char(ch), with ASCII and the Devanagari block answered without a look-up: there
    the letters, marks and digits are the ASCII letters and digits and all of U+0900-U+097F but the
    dandas (U+0964, U+0965) and the abbreviation sign (U+0970)."""
    if ch < "\x80":
        return ch.isalnum()
    if "\u0900" <= ch <= "\u097f":
        return ch != "\u0964" and ch != "\u0965" and ch != "\u0970"
    return patterns.word_char(ch)


def _regex_space(ch: str) -> bool:
    """The regex module's \\s: str.isspace() but for the four separators it does not match."""
    return ch.isspace() and not ("\x1c" <= ch <= "\x1f")


def _next_word_end(low: str, e: int, b: int) -> int:
    r"""The end of a gap then a word matched at e inside low[:b] (the regex module's
    (?:[\s\-]+|\.\s*)[\p{L}\p{M}\p{N}]+: a _GAP, then the next word), or -1 where none is, read
    character by character: the gap is a run of whitespace and hyphens or a dot and whitespace,
    taken whole (a shorter one leaves a gap character, no word character, next), then the longest
    run of word characters, at least one. Its word starts where _word_start_back finds it."""
    if e >= b:
        return -1
    c = low[e]
    j = e + 1
    if c == ".":
        while j < b and _regex_space(low[j]):
            j += 1
    elif c == "-" or _regex_space(c):
        while j < b and (low[j] == "-" or _regex_space(low[j])):
            j += 1
    else:
        return -1
    k = j
    while k < b and _word_char(low[k]):
        k += 1
    return k if k > j else -1


def _word_start_back(low: str, k: int) -> int:
    """Start of the run of word characters that ends at k (no gap character is a word character)."""
    j = k - 1
    while j > 0 and _word_char(low[j - 1]):
        j -= 1
    return j


@lru_cache(maxsize=1)
def _title_prefixes() -> frozenset[tuple[str, ...]]:
    """Word tuples a longer title form starts with: after them a further word can make a title."""
    return frozenset(k[:j] for k in _title_forms()[0] for j in range(1, len(k)))


def _chunk_firsts(chunk: str) -> frozenset[str]:
    """A case-folded chunk's words that can start a title, kept in _CHUNK_FIRSTS (a plain dict, bounded:
    a look-up of a chunk met before is one C-level dict access) but for an ASCII chunk with no letter
    (a figure, a date: many distinct ones, none with a title word), worked out by two str tests each
    time it is met."""
    if chunk.isascii() and not chunk.islower():
        return _NONE  # no letter: no title word, and not worth keeping
    word = chunk.strip(_EDGE_PUNCTUATION)
    firsts = _title_forms()[1]
    if word.isalnum() or _PLAIN_WORD.fullmatch(word):  # one word: no regex module call
        found = frozenset((word,)) if word in firsts else _NONE
    else:
        found = firsts.intersection(_WORDS.findall(chunk)) or _NONE
    return keep(_CHUNK_FIRSTS, chunk, found, _CHUNK_FIRSTS_MAX)


_CHUNK_FIRSTS: dict[str, frozenset[str]] = {}  # case-folded chunk -> its words that can start a title
_CHUNK_FIRSTS_MAX = 1 << 16  # chunks it holds before it is emptied
_NONE: frozenset[str] = frozenset()


def _titles_by_words(norm, pos, endpos, forms, firsts, longest):
    """_titles_in over a list of every word of norm[pos:endpos] with its offsets."""
    words = [(m.start(), m.end(), m.group().casefold()) for m in _WORDS.finditer(norm, pos, endpos)]
    out = []
    i = 0
    while i < len(words):
        if words[i][2] not in firsts:
            i += 1
            continue
        n = 1
        while n < longest and i + n < len(words) and _GAP.fullmatch(norm, words[i + n - 1][1], words[i + n][0]):
            n += 1
        for k in range(n, 0, -1):
            entry = forms.get(tuple(w[2] for w in words[i:i + k]))
            if entry is not None:
                out.append((words[i][0], words[i + k - 1][1], entry))
                i += k
                break
        else:
            i += 1
    return out


def _restating(doc: Document) -> set[int]:
    """Title and heading blocks that restate the story (by id: a Block's hash is worked out from all
    its fields at each look-up). A "title" or "heading" of several sentences, or longer than a
    headline and closed by a full stop, is a paragraph of a text without headline; one that closes
    the text or ends in a comma is a paragraph cut mid-sentence: all read as body."""
    per_block: dict[int, list] = {}  # id(block) -> [block, its sentences]
    for sent in doc.sentences:
        seen = per_block.get(id(sent.block))
        if seen is None:
            per_block[id(sent.block)] = [sent.block, 1]
        else:
            seen[1] += 1
    last = max((b for b, _ in per_block.values()), key=lambda b: b.nstart, default=None)
    out = set()
    for b, n in per_block.values():
        if b.kind not in ("title", "heading"):
            continue
        body = doc.norm[b.nstart:b.nend].rstrip()
        closed = body[-1:] in TERMINAL and len(body) > HEADLINE_MAX
        cut = body[-1:] in ",;" or (b is last and b.kind == "heading")
        if n == 1 and not closed and not cut:
            out.add(id(b))
    return out


def _in_sentence(doc: Document, sent: Sentence, matches: list) -> list[OfficialRecord]:
    """The officials of a sentence, read from the tokens of its chunks around its titles (`matches`,
    in order), or from all its tokens when a reading needs more."""
    try:
        near = tokenize_near(doc.norm, sent.nstart, sent.nend, matches[0][0], matches[-1][1], *WINDOW_CHUNKS)
        return _read_sentence(doc, sent, matches, *near)
    except OutsideWindow:
        toks = tokenize(doc.norm, sent.nstart, sent.nend)
        return _read_sentence(doc, sent, matches, toks, 0, len(toks))


def _read_sentence(doc: Document, sent: Sentence, matches: list, toks: list[Token], first: int,
                   stop: int) -> list[OfficialRecord]:
    """The officials of a sentence read from its tokens toks[first:stop] (tokenize_near)."""
    titles = []
    for s, e, entry in matches:  # the tokens a title starts and ends with (starts and ends ascend)
        i0 = bisect_left(toks, s, first, stop, key=_START)
        i1 = bisect_left(toks, e, first, stop, key=_END)
        if i0 < stop and toks[i0].start == s and i1 < stop and toks[i1].end == e:
            titles.append(Title(i0, i1, entry))
    out = []
    for chain in _chains(toks, titles):
        out += _read(doc, sent, toks, chain)
    # "एसडीएम सदर X, जिला पूर्ति अधिकारी, ...": a name the title before it already took is not
    # the person of the title after it (a list of attendees)
    taken = [(r.start, r.end) for r in out if r.rule != "officials.name_desig_org"]
    return [r for r in out if r.rule != "officials.name_desig_org"
            or not any(s < r.start < e for s, e in taken)]


def _chains(toks: list[Token], titles: list[Title]) -> list[list[Title]]:
    """Titles joined by and/एवं ("director and chief executive officer") read as one group."""
    chains: list[list[Title]] = []
    for t in titles:
        if chains and t.i0 == chains[-1][-1].i1 + 2 and toks[t.i0 - 1].key in JOINS:
            chains[-1].append(t)
        else:
            chains.append([t])
    return chains


def _read(doc, sent, toks, chain: list[Title]) -> list[OfficialRecord]:
    i0, i1 = chain[0].i0, chain[-1].i1
    gloss = _title_gloss_after(toks, i1)
    if gloss is not None:
        i1 = gloss  # read on after the bracket; the designation stays the title's own words
    bracket = _bracket_after(toks, i1)
    after = bracket[1] + 1 if bracket else i1 + 1
    following = _name_after(toks, after)
    read = _name_first(toks, i0, after, bracket, following)
    if read:
        rule, name, org, desig_end, start, end = read
    else:
        read = _title_first(toks, i0, after, bracket)
        if not read:
            return []
        rule, name, org, start, end = read
        desig_end = None
    org_text = None
    if org[0] == ITS:
        org_text = _previous_org(doc, sent)
        org = (None, None)
        if not org_text:
            rule = "officials.desig_name"
    if org[0] is None and not org_text and any(t.entry.data.get("needs_org") for t in chain):
        return []
    strong = org[0] is not None or org_text or rule == "officials.name_desig_org" or _speaks(toks, name)
    if not _plausible_name(toks, name, strong=bool(strong)):
        return []
    out = []
    for k, t in enumerate(chain):
        last = desig_end if (desig_end is not None and k == len(chain) - 1) else t.i1
        union = _is_union(toks, min(x for x in (org[0], i0) if x is not None))
        out.append(_record(doc, sent, rule, start, end, toks, name, (t.i0, last), t.entry, org, union, org_text))
    return out


def _name_first(toks, i0, after, bracket, following):
    """NAME, [the] DESIGNATION [, ORGANISATION | of ORGANISATION | (UNIT)] and NAME DESIGNATION, ORGANISATION."""
    p = i0 - 1
    if p >= 0 and toks[p].key in ARTICLES:
        p -= 1
    org = (None, None)
    # "X, जेम के निदेशक, ने", "X, GeM's CEO, said", "X, Commerce Secretary, said": the organisation
    # between the comma and the title, unless the title names the person after it ("..., वित्त
    # विभाग के सचिव Y")
    if not following and p >= 2 and toks[p].key in POSSESSIVE:
        q = _org_before(toks, p - 1)
        if q is not None and q >= 1 and toks[q - 1].text == ",":
            org, p = (q, p - 1), q - 1
    elif not following and p >= 1 and toks[p].text != ",":
        q = _org_by_portfolio(toks, p)
        if q is None:
            q = _known_org_ending(toks, p)  # "X, a GeM business facilitator, said"
        r = q - 1 if q is not None else -1
        if r >= 1 and toks[r].key in ARTICLES and toks[r - 1].text == ",":
            r -= 1
        if q is not None and r >= 0 and toks[r].text == ",":
            org, p = (q, p), r
    comma = p >= 0 and toks[p].text == ","
    if comma and p >= 2 and toks[p - 1].key in _service_tags() and toks[p - 2].text == ",":
        p -= 2  # "Ravi Kant, IAS, Principal Secretary"
    name = _name_before(toks, p - 1 if comma else p)
    if not name:
        return None
    if org[0] is None and after + 1 < len(toks):
        at = after + 1
        if toks[after].key == "in" and toks[at].key == "the" and at + 1 < len(toks):
            at += 1  # "Joint Secretary in the Ministry of Commerce"
        if toks[after].text == ",":
            last = _org_segments_after(toks, at)
        elif toks[after].key in OF:
            last = _org_run_after(toks, at)
        elif toks[after].key == "in" and toks[at].key in org_heads() and toks[at].text[0].isupper():
            last = _org_run_after(toks, at)
        else:
            last = None
            known = _known_org_at(toks, after)
            if known is not None and (known + 1 == len(toks) or not toks[known + 1].is_word):
                at, last = after, known  # "X, CEO GeM, said"
        if last is not None:
            org = (at, last)
    desig_end = None
    if bracket and following and not comma:
        return None  # "प्रधान सचिव (वित्त) Y": the bracketed portfolio's title names the person after it
    if bracket:
        if org[0] is not None:
            desig_end = bracket[1]  # 'Director (Procurement), Karnataka PWD': the bracket narrows the post
        else:
            org = (bracket[0] + 1, bracket[1] - 1)  # 'Regional Executive Director (Western Region-II)'
    if org[0] is None and (not comma or following or toks[p + 1:i0] or not _surely_a_name(toks, name)):
        return None  # no comma and no organisation, the title names the person after it, "X, the Minister"
    first, last, hon = name
    start_tok = _honorific_before(toks, first)
    start = toks[start_tok if start_tok is not None else first].start
    end_tok = max(x for x in (org[1], bracket[1] if bracket else None, after - 1) if x is not None)
    return "officials.name_desig_org", name, org, desig_end, start, toks[end_tok].end


def _title_first(toks, i0, after, bracket=None):
    """[ORGANISATION के | PORTFOLIO] DESIGNATION [(PORTFOLIO) | PORTFOLIO | of ORGANISATION] NAME."""
    org = (None, None)
    j = after
    if bracket:
        org = (bracket[0] + 1, bracket[1] - 1)  # "प्रधान सचिव (वित्त) X"
    elif j < len(toks) and toks[j].key in OF:
        at = j + 2 if j + 2 < len(toks) and toks[j + 1].key == "the" else j + 1  # "of the MSME ..."
        split = _org_then_name(toks, at)
        if split:
            org, j = split
    else:
        port = _portfolio_after(toks, j)
        if port is None:
            port = _unit_after(toks, j)
        if port is not None:
            org, j = (j, port), port + 1
    if org[0] is None and j + 1 < len(toks) and toks[j].text == ",":
        # "Additional CEO, GeM, Shri X said": the organisation between commas, then an honorific name
        end = _org_segments_after(toks, j + 1)
        if end is not None and end + 2 < len(toks) and toks[end + 1].text == "," \
                and (toks[end + 2].bare in honorific_words() or _named_then_speaks(toks, end + 2)):
            org, j = (j + 1, end), end + 2
    name = _name_after(toks, j)
    if not name and j < len(toks) and toks[j].text == ",":  # "CEO of GeM, P K Singh, said"
        name = _name_after(toks, j + 1)
        if name and name[1] + 2 < len(toks) and toks[name[1] + 1].text == "," and _is_place(toks, name[0], name[1]):
            j = name[1] + 1  # "Commissioner (Industries), Manipur, Y said": the state, then the name
            name = _name_after(toks, j + 1)
        if name and not (name[1] + 1 == len(toks) or toks[name[1] + 1].text in ",.।"
                         or toks[name[1] + 1].key in stopwords()):
            name = None
    if not name:
        return None
    if org[0] is None:
        p = i0 - 1
        if p >= 0 and toks[p].key == "its":  # "GeM ... its chief executive officer X"
            found = _antecedent_org(toks, p) if p >= 1 else None
            if found:
                return "officials.org_desig_name", name, found, toks[i0].start, toks[name[1]].end
            return "officials.org_desig_name", name, (ITS, p), toks[i0].start, toks[name[1]].end
        elif p >= 1 and toks[p].key in POSSESSIVE:
            first = _org_before(toks, p - 1)
            if first is not None:
                org = (first, p - 1)
            else:
                org = _org_before_region(toks, p - 1)
        elif p >= 0:
            first = _org_before(toks, p, adjacent=True)
            if first is not None:
                org = (first, p)
    end = name[1]
    if org[0] is None:
        after_name = _org_after_name(toks, name[1])
        if after_name:
            org, end = after_name, after_name[1]
    rule = "officials.org_desig_name" if org[0] is not None else "officials.desig_name"
    start = toks[org[0] if org[0] is not None and org[0] < i0 else i0].start
    return rule, name, org, start, toks[end].end


def _org_after_name(toks: list[Token], last: int) -> tuple[int, int] | None:
    """"DESIGNATION NAME, ORGANISATION ने" ("कार्यकारी निदेशक X, इंडियन ऑयल ने"): an organisation
    between commas or before the verb after the name."""
    if not (last + 2 < len(toks) and toks[last + 1].text == ","):
        return None
    end = _org_segments_after(toks, last + 2)
    if end is None:
        return None
    nxt = toks[end + 1] if end + 1 < len(toks) else None
    if nxt is None or nxt.text in ",;:" or nxt.key in stopwords() or not nxt.is_word:
        return last + 2, end
    return None


def _previous_org(doc: Document, sent: Sentence) -> str:
    """The last organisation of the sentence before ("... the Goa Industrial Development Corporation.
    Its managing director X said"): a known one or capitalised words ending in a head word."""
    if sent.index < 1:
        return ""
    prev = doc.sentences[sent.index - 1]
    toks = tokenize(doc.norm, prev.nstart, prev.nend)
    heads = org_heads()
    for end in range(len(toks) - 1, -1, -1):
        t = toks[end]
        first = _known_org_ending(toks, end)
        if first is None and t.latin and t.text[0].isupper() and t.key in heads:
            first = end
            while first > 0 and toks[first - 1].latin and (toks[first - 1].text[0].isupper()
                                                          or toks[first - 1].key in CONNECTORS):
                first -= 1
            while first < end and toks[first].key in CONNECTORS:
                first += 1
        if first is not None:
            return _text(doc, toks, first, end)
    return ""


REGIONS = frozenset(fold(w) for w in ("क्षेत्र", "अंचल", "प्रक्षेत्र", "जोन", "ज़ोन", "शाखा"))


def _org_before_region(toks: list[Token], end: int) -> tuple[int, int]:
    """"जेम के पूर्वोत्तर क्षेत्र के क्षेत्रीय प्रमुख X": the organisation before its region's name."""
    if toks[end].key not in REGIONS:
        return (None, None)
    for k in range(end - 1, max(end - 4, 0), -1):
        if toks[k].key in POSSESSIVE and k >= 1:
            first = _org_before(toks, k - 1)
            return (first, k - 1) if first is not None else (None, None)
        if not toks[k].is_word:
            break
    return (None, None)


def _antecedent_org(toks: list[Token], before: int) -> tuple[int, int] | None:
    """The last known organisation before token `before`, with its short form in brackets
    ("Government e-Marketplace (GeM)")."""
    for end in range(before - 1, -1, -1):
        first = _known_org_ending(toks, end)
        if first is None:
            continue
        if end + 3 < before and toks[end + 1].text == "(" and toks[end + 3].text == ")":
            return first, end + 3
        if first >= 2 and toks[first - 1].text == "(" and end + 1 < before and toks[end + 1].text == ")":
            outer = _known_org_ending(toks, first - 2)
            if outer is not None:
                return outer, end + 1
        return first, end
    return None


def _bracket_after(toks: list[Token], i1: int) -> tuple[int, int] | None:
    """(open, close) of a bracket right after the title: 'Director (Procurement)'."""
    if i1 + 2 < len(toks) and toks[i1 + 1].text == "(":
        j = i1 + 2
        while j < len(toks) and j < i1 + 2 + MAX_BRACKET and toks[j].text not in ")(":
            j += 1
        if j < len(toks) and toks[j].text == ")" and j > i1 + 2:
            return i1 + 1, j
    return None


def _title_gloss_after(toks: list[Token], i1: int) -> int | None:
    """Close of a bracket after a title that only restates it ("प्रबंध निदेशक (एमडी)", "(CEO)")."""
    br = _bracket_after(toks, i1)
    if br and lexicon.designations().lookup(" ".join(t.text for t in toks[br[0] + 1:br[1]])):
        return br[1]
    return None


def _name_before(toks: list[Token], end: int) -> tuple[int, int, str] | None:
    """(first name token, last name token, honorific) of a name ending at token index `end`."""
    if end < 0:
        return None
    i = end
    while i >= 0 and end - i < MAX_NAME_WORDS and is_name_word(toks[i]):
        i -= 1
    i = _take_initials_back(toks, i)
    first = i + 1
    if first > end:
        return None
    hon_i = _honorific_before(toks, first)
    return (first, end, _honorific_text(toks, hon_i) if hon_i is not None else "")


def _are_initials(text: str) -> bool:
    """'A.', 'P.K.' (_INITIALS), tried only on a text that ends in a dot as they do."""
    return text[-1:] == "." and _INITIALS.fullmatch(text) is not None


def _is_initial(toks: list[Token], i: int) -> bool:
    """toks[i] is one initial with its dot next: 'A.' or a Devanagari letter name 'के.' ('के. श्रीनिवासन')."""
    if i + 1 >= len(toks) or toks[i + 1].text != "." or toks[i + 1].start != toks[i].end:
        return False
    t = toks[i].text
    return (len(t) == 1 and t.isupper()) or t in TWO_LETTER_INITIALS \
        or (not toks[i].latin and toks[i].key in lexicon.letter_names())


def _take_initials_back(toks: list[Token], i: int) -> int:
    """Initials before a name: 'A. K. Singh', 'A.V. Rao', 'के. श्रीनिवासन'."""
    while i >= 0:
        if i >= 1 and toks[i].text == "." and _is_initial(toks, i - 1):
            i -= 2
        elif _are_initials(toks[i].text):
            i -= 1
        else:
            break
    letters = lexicon.letter_names()
    k = i
    while k >= 0 and i - k < 3 and not toks[k].latin and toks[k].key in letters:
        k -= 1
    return k if i - k >= 2 else i  # "आर के सिन्हा, निदेशक": letter names spelt apart


def _plausible_name(toks: list[Token], name: tuple[int, int, str], strong: bool) -> bool:
    """No word of the name is a domain word ("आवास योजना", "Employment Generation") unless it is a
    known name; after a bare title ("मुख्यमंत्री राहत कोष", "उपायुक्त सभागार") a name also needs an
    honorific, a known given name or surname, or initials."""
    first, last, hon = name
    words = [t for t in toks[first:last + 1] if t.is_word]
    known = _known_names()
    domain = _domain_words()
    if any(t.key in domain and t.key not in known for t in words):
        return False
    if strong or hon:
        return True
    return any(t.key in known or _are_initials(t.text) or (t.latin and len(t.text) <= 3 and t.text.isupper())
               or initials_of(t.text) for t in words)


SPEAKS = frozenset(fold(w) for w in ("ने", "said", "says", "told"))


def _speaks(toks: list[Token], name: tuple[int, int, str]) -> bool:
    """A name of two words or more that is the subject of a verb ("उपायुक्त X Y ने कहा", "X Y said")."""
    first, last, _ = name
    return last > first and last + 1 < len(toks) and toks[last + 1].key in SPEAKS


def _surely_a_name(toks: list[Token], name: tuple[int, int, str]) -> bool:
    """A name read before a bare title ("X, director."): two words or more, or a known name, never a place."""
    first, last, hon = name
    words = [t for t in toks[first:last + 1] if t.is_word]
    text = " ".join(t.text for t in toks[first:last + 1])
    if lexicon.states().lookup(text) or lexicon.cities().lookup(text):
        return False
    known = _known_names()
    return len(words) >= 2 or bool(hon) or any(t.key in known for t in words)


def _honorific_text(toks: list[Token], i: int) -> str:
    """The honorific as written, with its abbreviation dot ("डॉ.", "Ms.")."""
    t = toks[i]
    if not t.text.endswith(".") and i + 1 < len(toks) and toks[i + 1].text == "." and toks[i + 1].start == t.end:
        return t.text + "."
    return t.text


def _honorific_before(toks: list[Token], first: int) -> int | None:
    j = first - 1
    if j >= 0 and toks[j].text == ".":
        j -= 1
    if j >= 0 and toks[j].bare in honorific_words():
        return j
    return None


def _name_after(toks: list[Token], start: int) -> tuple[int, int, str] | None:
    """(first, last, honorific) of a name starting at token index `start` (honorific allowed first).

    A run of more name-like words than a name has ends at its last known surname within
    MAX_NAME_WORDS ("दिनेश कुमार राणा एमबी पीजी कालेज"), or is no name."""
    hon = ""
    i = start
    if i < len(toks) and toks[i].bare in honorific_words():
        hon = _honorific_text(toks, i)
        i += 1
        if i < len(toks) and toks[i].text == ".":
            i += 1
    first = i
    words = 0
    letters = lexicon.letter_names()
    k = i
    while k < len(toks) and k - i < 3 and not toks[k].latin and toks[k].key in letters:
        k += 1
    if k - i >= 2 and k < len(toks) and is_name_word(toks[k]):
        i = k  # initials spelt as separate letter names: "आर के सिन्हा" (के here is K, not "of")
    n = len(toks)
    while i < n and words < MAX_NAME_RUN:
        dot_next = i + 2 < n and toks[i + 1].text == "."  # both initials' readings need it
        if dot_next and _is_initial(toks, i) and (is_name_word(toks[i + 2]) or _is_initial(toks, i + 2)):
            i += 2  # an initial with its dot: 'के. श्रीनिवासन', 'A. K. Nair'
        elif dot_next and "." in toks[i].text and _HI_INITIALS.fullmatch(toks[i].text) and is_name_word(toks[i + 2]):
            i += 2  # Devanagari initials written as one token: 'जे.एस. दहिया'
        elif is_name_word(toks[i]):
            words += 0 if toks[i].latin and len(toks[i].text) == 1 else 1  # "T R B Rajaa": initials
            i += 1
        elif toks[i].text == "." and i > first and len(toks[i - 1].text) == 1 and toks[i - 1].text.isupper():
            i += 1  # an initial
        elif _are_initials(toks[i].text) and i + 1 < len(toks) and is_name_word(toks[i + 1]):
            i += 1  # initials written as one token: 'A.V. Rao'
        else:
            break
    if i == first:
        return None
    surnames = lexicon.surnames()
    if words <= MAX_NAME_WORDS and not (i < len(toks) and is_name_word(toks[i])):
        if words >= 3 and i < len(toks) and toks[i].key in PLACE_CASES and toks[i - 2].key in surnames \
                and not toks[i - 1].latin and toks[i - 1].key not in _known_names():
            return first, i - 2, hon  # "सांसद X Y बैठक में": a noun after the surname, then "in"
        return first, i - 1, hon
    for last in range(min(i - 1, first + MAX_NAME_WORDS - 1), first, -1):
        if toks[last].key in surnames:
            return first, last, hon
    return None


def _portfolio_after(toks: list[Token], j: int) -> int | None:
    """Last token of portfolio words right after a title and before a name ("सचिव वित्त सौजन्या")."""
    ports, given = lexicon.portfolio_words(), lexicon.given_names()
    k = j
    while k < len(toks) and k - j < 4 and (toks[k].key in ports or (k > j and toks[k].key in JOINS)) \
            and toks[k].key not in given and not toks[k].latin:
        k += 1
        if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].key in ports:
            k += 1  # "निदेशक कोष, लेखा एवं ..."
    if k > j:
        # "... लेखा एवं लॉटरीज श्रीमती X": a word the list does not know, right before an honorific
        h = k
        while h < len(toks) and h - k < 2 and toks[h].is_word and not toks[h].latin \
                and toks[h].bare not in honorific_words() and toks[h].key not in stopwords():
            h += 1
        if h > k and h < len(toks) and toks[h].bare in honorific_words() and toks[k - 1].key in JOINS:
            k = h
    while k > j and toks[k - 1].key in JOINS:
        k -= 1
    if k == j or not _name_after(toks, k):
        return None
    return k - 1


def _named_then_speaks(toks: list[Token], i: int) -> bool:
    """A name starts at token i and a verb, stop word or comma follows it ("..., विभाग, X ने")."""
    name = _name_after(toks, i)
    if not name or name[1] + 1 >= len(toks):
        return False
    nxt = toks[name[1] + 1]
    return nxt.text == "," or nxt.key in stopwords()


def _unit_after(toks: list[Token], j: int) -> int | None:
    """Last token of a place or a short office right after a title and before a name: "DC Imphal
    East Y", "एसडीएम सदर Y", "मुख्य कार्यपालन अधिकारी जिला पंचायत Y"."""
    heads, units = org_heads(), _unit_words()
    for n in (3, 2, 1):
        end = j + n - 1
        if end + 1 >= len(toks) or not all(t.is_word for t in toks[j:end + 1]):
            continue
        seg = toks[j:end + 1]
        if any(t.key in stopwords() or t.key in _known_names() for t in seg):
            continue
        place = _is_place(toks, j, end) or (n == 1 and seg[0].key in units) \
            or (n == 2 and seg[-1].key in units and (not seg[0].latin or seg[0].text[0].isupper()))  # "Imphal East"
        office = n >= 2 and not seg[-1].latin and seg[-1].key in heads
        if (place or office) and _name_after(toks, end + 1):
            return end
    return None


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """Folded words that name a sub-division or district unit on their own (सदर, Sadar)."""
    return frozenset(fold(w) for w in lexicon.people().get("unit_words", []))


def _org_then_name(toks: list[Token], j: int):
    """'of Commerce and Industry Piyush Goyal': the portfolio, then the name."""
    ports, heads = lexicon.portfolio_words(), org_heads()
    k = j
    while k < len(toks) and toks[k].latin:
        known = _known_org_at(toks, k)
        if known is not None:
            k = known + 1  # a known organisation as a whole ("National SC-ST Hub"), never its first word
        elif toks[k].key in ports or toks[k].key in heads or (k > j and toks[k].key in JOINS):
            k += 1
        else:
            break
    while k > j and toks[k - 1].key in JOINS:
        k -= 1
    # "of Mission Shakti Department Y": a capitalised run that ends in a head word reads on to it
    h = k
    while h < len(toks) and h - j < MAX_ORG_WORDS and toks[h].latin and toks[h].text[0].isupper() \
            and toks[h].key not in stopwords():
        h += 1
        if toks[h - 1].key in heads and toks[h - 1].text[0].isupper() and _name_after(toks, h):
            k = h
            break
    if k == j:
        return None
    return (j, k - 1), k


def _org_run_after(toks: list[Token], j: int) -> int | None:
    """Last token of an English organisation after 'of': capitalised words, and/&, brackets."""
    k, last = j, None
    while k < len(toks) and k - j < MAX_ORG_WORDS:
        t = toks[k]
        if t.latin and (t.text[0].isupper() or t.key in CONNECTORS):
            if t.key not in CONNECTORS and t.key not in stopwords():
                last = k
            elif t.key in stopwords() and t.key not in CONNECTORS:
                break
        elif t.text == "&" or (t.text == "-" and last == k - 1):
            pass
        elif t.text == "(" and last == k - 1:
            close = _bracket_after(toks, k - 1)
            if not close:
                break
            k = last = close[1]
        else:
            break
        k += 1
    return last


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Folded given names and surnames."""
    return lexicon.given_names() | lexicon.surnames()


@lru_cache(maxsize=1)
def _domain_words() -> frozenset[str]:
    """Folded portfolio and glossary words: what a department is named by, never a person."""
    return lexicon.portfolio_words() | frozenset(lexicon.glossary())


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    """Folded designations written as one word (निदेशक, Director, Secretary)."""
    return frozenset(k[0] for k in _title_forms()[0] if len(k) == 1)


@lru_cache(maxsize=1)
def _service_tags() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.people().get("service_tags", []))


@lru_cache(maxsize=1)
def _known_org_words() -> frozenset[str]:
    """Folded words of organisations named by their own name (GeM, NTPC, कांग्रेस)."""
    return frozenset(w for form in lexicon.organisations().by_form for w in form.split())


def _known_org_at(toks: list[Token], start: int) -> int | None:
    """Last token of a known organisation ("GeM", "कोल इंडिया") that starts at token `start`."""
    for n in (4, 3, 2, 1):
        end = start + n - 1
        if end < len(toks) and _known_org_ending(toks, end) == start:
            return end
    return None


def _known_org_ending(toks: list[Token], end: int) -> int | None:
    """First token of a known organisation ("कोल इंडिया", "GAIL") that ends at token `end`."""
    if end < 0 or not _can_end_org(toks[end].text):
        return None
    lookup = lexicon.organisations().lookup
    first = end + 1  # the run of words and hyphens (at most 4) that ends at `end`
    while first > 0 and end - first < 3 and (toks[first - 1].is_word or toks[first - 1].text == "-"):
        first -= 1
    for first in range(first, end + 1):  # longest first
        if lookup(" ".join([t.text for t in toks[first:end + 1]])):
            return first
    return None


_ENDS_ORG: Memo = Memo()


def _can_end_org(text: str) -> bool:
    """A token with this text can end a known organisation's form (a table per text, bounded).

    Gazetteer.lookup(" ".join(texts)) finds a form by fold() of the phrase (hyphens read as spaces
    or kept); fold works character by character apart from NFC, which never joins across a space,
    so the phrase's last folded word is the last folded word of its last token. A text with a hyphen
    or whitespace, or that folds to nothing, is always looked up."""
    found = _ENDS_ORG.get(text)
    if found is None:
        words = fold(text).split()
        found = "-" in text or text.split() != [text] or not words or words[-1] in _org_last_words()
        _ENDS_ORG.keep(text, found)
    return found


@lru_cache(maxsize=1)
def _org_last_words() -> frozenset[str]:
    """The last word of every folded form of a known organisation."""
    return frozenset(k.split()[-1] for k in lexicon.organisations().by_form if k.split())


def _is_acronym(t: Token) -> bool:
    """An organisation written as capitals ('NTPC', 'DPIIT'), not a title or honorific."""
    return (t.latin and 2 <= len(t.text) <= 6 and t.text.isupper() and t.text.isalpha()
            and lexicon.designations().lookup(t.text) is None and t.bare not in honorific_words())


def _segment_end(toks: list[Token], i: int) -> int:
    """One past the last token of a comma part of an organisation (words, brackets, hyphens)."""
    j, words = i, 0
    while j < len(toks) and words < MAX_ORG_WORDS:
        t = toks[j]
        if t.bare in honorific_words():
            break  # "..., Government of X and Mr Y, Director": the next person
        if t.is_word and (t.key not in stopwords() or t.key in CONNECTORS):
            words += 1
            j += 1
        elif t.text[0] in "-&" and j > i:  # "गवर्मेंट-इ -मार्किटप्लेस": a stray hyphen
            j += 1
        elif t.text == "(" and j > i:
            close = _bracket_after(toks, j - 1)
            if not close:
                break
            j = close[1] + 1
        else:
            break
    while j > i and (toks[j - 1].key in CONNECTORS or toks[j - 1].text in "-&"):
        j -= 1
    return j


def _org_segments_after(toks: list[Token], i: int) -> int | None:
    """Last token index of the organisation that starts at token i (comma-separated parts)."""
    last = None
    while i < len(toks):
        j = _segment_end(toks, i)
        seg = toks[i:j]
        if not seg:
            break
        if not _is_org(toks, i, j - 1) and not (last is None and _is_portfolio_end(toks, i, j)):
            # "Ministry of Micro, Small and Medium Enterprises, Government of India", "सूक्ष्म, लघु एवं
            # मध्यम उद्यम विभाग": a list inside a name goes on while a later part is an organisation
            # again; "District Industries Centre (DIC), Thiruvananthapuram": a place closes it
            nxt = j + 1
            if last is not None and _is_place(toks, i, j - 1):
                last = j - 1
                break
            if not _continues_name(toks, i, seg) or _org_segments_after(toks, nxt) is None:
                break
        last = j - 1
        if last + 2 < len(toks) and toks[last + 1].text == ",":
            i = last + 2
        else:
            break
    return last


def _continues_name(toks: list[Token], i: int, seg: list[Token]) -> bool:
    """A comma part inside an organisation's name, followed by a comma: capitalised English words,
    or Hindi domain words ("सूक्ष्म, लघु एवं मध्यम उद्यम विभाग"); never a part that opens with
    and/एवं or holds a title (", and Y, Managing Director, ...": the next person)."""
    end = i + len(seg)
    if not (end < len(toks) and toks[end].text == ","):
        return False
    if seg[0].key in JOINS or any(t.key in _one_word_titles() for t in seg):
        return False
    if all(t.latin and (t.text[0].isupper() or t.key in CONNECTORS) for t in seg):
        return True
    domain = _domain_words()
    return all(not t.latin and (t.key in domain or t.key in CONNECTORS) for t in seg)


def _is_place(toks: list[Token], a: int, b: int) -> bool:
    """toks[a..b] name a known city or state ("..., Thiruvananthapuram")."""
    text = " ".join(t.text for t in toks[a:b + 1])
    return bool(lexicon.cities().lookup(text) or lexicon.states().lookup(text))


def _is_portfolio_end(toks: list[Token], a: int, end: int) -> bool:
    """"Director, Treasuries." / "सचिव, वित्त ने": portfolio words that close the phrase (the
    sentence's end, or a verb or stop word next) name the department."""
    ports = lexicon.portfolio_words()
    seg = toks[a:end]
    if not seg or not all(t.key in ports or t.key in JOINS for t in seg) or seg[0].key in JOINS:
        return False
    if any(t.latin and t.key in ports and not t.text[0].isupper() for t in seg):
        return False
    nxt = toks[end] if end < len(toks) else None
    return nxt is None or not nxt.is_word and nxt.text != "(" or nxt.key in stopwords()


def _is_org(toks: list[Token], a: int, b: int) -> bool:
    """toks[a..b] is an organisation: it ends in an organisation head ("वित्त विभाग", "Public Works
    Department", "... (जेम)" counts its bracket off), in English starts with one ("Ministry of ..."),
    is a known organisation or an acronym. English names are capitalised."""
    heads = org_heads()

    def head(t: Token) -> bool:
        return t.key in heads and (not t.latin or t.text[0].isupper())

    while b > a and toks[b].text == ")":
        k = b
        while k > a and toks[k].text != "(":
            k -= 1
        if k == a:
            break
        b = k - 1
    seg = toks[a:b + 1]
    if not seg:
        return False
    for k in range(b - 1, a - 1, -1):  # "BHEL Chennai": a known organisation and its place
        if _known_org_ending(toks, k) == a and _is_place(toks, k + 1, b):
            return True
    lower_of = len(seg) >= 3 and seg[0].latin and seg[0].key in heads and seg[1].key == "of"  # "department of commerce"
    return (head(seg[-1]) or (seg[0].latin and head(seg[0])) or lower_of or _known_org_ending(toks, b) == a
            or (len(seg) == 1 and _is_acronym(seg[0])))


def _org_before(toks: list[Token], end: int, adjacent: bool = False) -> int | None:
    """First token index of an organisation ending at token `end` (no commas crossed).

    After के/of any organisation; right before a title (`adjacent`) only a known organisation, an
    English one with its head word, an acronym or portfolio words ("शहरी स्थानीय निकाय मंत्री")."""
    if end < 0:
        return None
    core = end
    if toks[end].text == ")":  # "... विभाग (डीपीआईआईटी) के सचिव"
        k = end - 1
        while k >= 0 and end - k <= MAX_BRACKET and toks[k].text != "(":
            k -= 1
        if k < 1 or toks[k].text != "(":
            return None
        core = k - 1
    known = _known_org_ending(toks, core)
    if known is not None:
        return known
    if toks[core].key in org_heads():
        first = _org_by_head(toks, core)
        port = _org_by_portfolio(toks, core) if adjacent else None
        if port is not None and port > first and _is_place(toks, first, port - 1):
            return port  # "Tamil Nadu Industries Minister": the state says whose, the portfolio is the post's
        if not adjacent or toks[first].latin or first < core:
            return first
    first = _org_by_portfolio(toks, core)
    if first is not None:
        return first
    if _is_acronym(toks[core]) and core == end:
        return core
    return None


def _org_by_head(toks: list[Token], end: int) -> int:
    gloss = lexicon.glossary()
    domain = _domain_words()
    i = end
    while i - 1 >= 0 and end - i < MAX_ORG_WORDS:
        prev = toks[i - 1]
        if prev.key in JOINS and not (i - 2 >= 0 and toks[i - 2].key in domain):
            break  # "... सचिव X तथा निर्माण विभाग": and/तथा joins the department's domains only
        if prev.is_word and (prev.key not in stopwords() or prev.key in CONNECTORS):
            i -= 1
        elif prev.text == "," and i - 2 >= 0 and toks[i - 2].key in gloss and toks[i - 2].key not in stopwords():
            i -= 1  # "सूक्ष्म, लघु एवं मध्यम उद्यम विभाग": a list of the department's domains
        elif prev.text in "-&" and i - 2 >= 0 and toks[i - 2].is_word:
            i -= 1
        else:
            break
    while i < end and (toks[i].key in CONNECTORS or not toks[i].is_word):
        i += 1
    return i


def _org_by_portfolio(toks: list[Token], end: int) -> int | None:
    """First token of portfolio words ending at `end` ("भंडारण एवं क्रय", "Commerce and Industry")."""
    ports = lexicon.portfolio_words()
    latin = toks[end].latin
    i = end + 1
    while i - 1 >= 0 and end - i < MAX_ORG_WORDS:
        t = toks[i - 1]
        if latin and i - 1 == end and t.key not in ports:
            named = _named_portfolio_before(toks, i)
            if named is not None:  # "... and Mission Shakti Minister": a named scheme after portfolio words
                i = named
                continue
        if t.latin != latin or not (t.key in ports or (t.key in JOINS and i <= end)):
            break
        if latin and t.key in ports and not t.text[0].isupper():
            break
        i -= 1
    while i <= end and toks[i].key in JOINS:
        i += 1
    return i if i <= end else None


def _named_portfolio_before(toks: list[Token], i: int) -> int | None:
    """First of one or two capitalised English words ending at token i-1 that follow "PORTFOLIO and"
    ("Women and Child Development and Mission Shakti"): a department named by its scheme."""
    ports = lexicon.portfolio_words()
    for n in (1, 2):
        a = i - n
        if a < 2 or toks[a - 1].key not in JOINS or toks[a - 2].key not in ports or not toks[a - 2].latin:
            continue
        seg = toks[a:i]
        if all(t.latin and t.text[0].isupper() and t.key not in stopwords() and t.key not in _known_names()
               and lexicon.designations().lookup(t.text) is None for t in seg) and not _is_place(toks, a, i - 1):
            return a
    return None


def _text(doc: Document, toks: list[Token], a: int | None, b: int | None) -> str:
    if a is None or b is None:
        return ""
    s, e = doc.nt.span(toks[a].start, toks[b].end)
    return doc.source.text[s:e]


def _is_union(toks: list[Token], i: int) -> bool:
    """'केंद्रीय वाणिज्य मंत्री', 'Union Commerce Minister': a post of the union government."""
    return i >= 1 and toks[i - 1].key in UNION


def _record(doc, sent, rule, start, end, toks, name, desig, entry, org, union=False, org_text=None) -> OfficialRecord:
    first, last, hon = name
    name_text = _text(doc, toks, first, last)
    org_text = org_text or _text(doc, toks, *org)
    if org_text.endswith(".") and fold(org_text.rsplit(None, 1)[-1]) not in _ABBREVIATED:
        org_text = org_text[:-1]  # "Additional CEO of GeM.": the sentence's full stop
    return OfficialRecord(
        **doc.provenance(start, end, sent, rule),
        # a Hindi name in the spelling the article itself uses for a word that sounds the same
        name=name_text, name_en=name_en(name_text) if name_text.isascii() else name_en(name_text, _latin_spellings(doc)),
        honorific=hon,
        designation=_text(doc, toks, *desig), designation_en=entry.key,
        organisation=org_text, organisation_en=_organisation_en(org_text) if org_text else "",
        state="" if union else _state_of(doc, org_text, entry),
    )


def _state_of(doc: Document, org: str, title: lexicon.Entry) -> str:
    """The state an organisation names; none for GeM, central bodies, public sector companies and
    union titles; else the article's state. Without organisation only state titles (Chief Minister)
    take the article's state."""
    scope = title.data.get("scope")
    if scope == "central":
        return ""
    if not org:
        return _article_state(doc) if scope == "state" else ""
    kept = _ORG_STATES.get(org)
    if kept is None:
        kept = _ORG_STATES.keep(org, (_org_state(org),))
    return _article_state(doc) if kept[0] is None else kept[0]


def _org_state(org: str) -> str | None:
    """What an organisation's name says of its state: the state it names, "" for a known
    organisation (not a party) or a central body, None when it says nothing (the article's state)."""
    key = fold(org)
    for s, e, entry in lexicon.states().finditer(key):
        if entry:
            return entry.key
    known = lexicon.organisations().lookup(org)
    if known and not known.data.get("party"):
        return ""
    words = set(_WORDS.findall(key))
    central, central_words, central_phrases = _central_sets()
    if key.startswith(central) or not words.isdisjoint(central_words) or any(c in key for c in central_phrases):
        return ""  # a central body: the key is one, starts with one, or holds one as words
    return None


_ORG_STATES: Memo = Memo(1 << 12)  # organisation text -> (_org_state of it,)


def _organisation_en(org: str) -> str:
    """organisation_en(org), kept per organisation text in a bounded table (it depends on the text
    and the rules alone)."""
    found = _ORGS_EN.get(org)
    if found is None:
        found = _ORGS_EN.keep(org, organisation_en(org))
    return found


_ORGS_EN: Memo = Memo(1 << 12)  # organisation text -> organisation_en of it


def _article_state(doc: Document) -> str:
    """The article's primary state, else the one state it names at all (a district story)."""
    if doc.primary_state:
        return doc.primary_state
    named = {m.key for m in doc.states}
    return named.pop() if len(named) == 1 else ""


@lru_cache(maxsize=1)
def _central() -> tuple[str, ...]:
    return tuple(fold(c) for c in lexicon.people()["central_orgs"])


@lru_cache(maxsize=1)
def _central_sets() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """_central() as the tuple str.startswith takes (c == key is a case of it), a set (c in words)
    and its forms of several words (c in key)."""
    central = _central()
    return central, frozenset(central), tuple(c for c in central if " " in c)


def _merge(records: list[OfficialRecord]) -> list[OfficialRecord]:
    """One row per (person, designation, organisation); an org-less mention joins one with an org."""
    rows: dict[tuple, OfficialRecord] = {}
    for r in records:
        k = (fold(r.name), r.designation_en, fold(r.organisation))
        if k in rows:
            rows[k] = _bump(rows[k])
        else:
            rows[k] = r
    out = []
    for k, r in rows.items():
        if not r.organisation and any(k2[:2] == k[:2] and k2[2] for k2 in rows):
            continue
        out.append(r)
    return out


def _bump(r: OfficialRecord) -> OfficialRecord:
    return replace(r, mentions=r.mentions + 1)

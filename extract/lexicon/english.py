"""English renderings of Hindi names, organisations and event names.

Owns the romaniser (Devanagari to Latin with the usual Hindi schwa deletion: सुखदीप → Sukhdeep
spelt "Sukhdip", कुमार → Kumar) and the glossary translation of organisation and event names
(वित्त विभाग → Finance Department, छत्तीसगढ़ सरकार → Government of Chhattisgarh). Usual English
spellings of common name parts come from rules/people.toml. Latin text is returned as written.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicon, patterns
from ..memo import Memo
from ..normalise import fold, normalise

_CONS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
}
_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_VOWELS = {"अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au",
           "ऋ": "ri", "ऑ": "o", "ऍ": "e"}
_MATRAS = {"ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ृ": "ri",
           "ॉ": "o", "ॅ": "e"}
_NASAL = {"ं", "ँ"}
_LABIALS = {"p", "ph", "b", "bh", "m"}
_DEV_WORD = patterns.compile(r"[\p{Devanagari}&&[\p{L}\p{M}]]+")
_DOUBLED = regex.compile(r"(.)\1+")
_ANY_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_TRAILING_PAREN = regex.compile(r"\s*\([^()]*\)$")


def _syllables(word: str) -> list[list]:
    """[onset consonant or '', vowel, inherent?, coda] per syllable."""
    syl: list[list] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _CONS:
            cons = _CONS[ch]
            if i + 1 < len(word) and word[i + 1] == "\u093c":
                cons = _NUKTA.get(ch, cons)
                i += 1
            nxt = word[i + 1] if i + 1 < len(word) else ""
            if nxt == "\u094d":  # virama: a bare consonant
                syl.append([cons, "", False, ""])
                i += 2
                continue
            if nxt in _MATRAS:
                syl.append([cons, _MATRAS[nxt], False, ""])
                i += 2
            else:
                syl.append([cons, "a", True, ""])
                i += 1
        elif ch in _VOWELS:
            syl.append(["", _VOWELS[ch], False, ""])
            i += 1
        elif ch in _NASAL and syl:
            syl[-1][3] += "n"
            i += 1
        elif ch == "ः" and syl:
            syl[-1][3] += "h"
            i += 1
        else:
            i += 1
    return syl


@lru_cache(maxsize=4096)
def romanise_word(word: str) -> str:
    """A Devanagari word in Latin letters (a bounded table per word: names and heads recur)."""
    syl = _syllables(normalise(word).norm)
    if not syl:
        return ""
    # final inherent vowel is silent in words of more than one syllable
    # except after a cluster closed by य, र or व ("चंद्र" Chandra, "चैतन्य" Chaitanya, "आदित्य" Aditya)
    if len(syl) > 1 and syl[-1][2] and not syl[-1][3] \
            and not (syl[-1][0] in ("y", "r", "v") and syl[-2][0] and not syl[-2][1] and not syl[-2][2]):
        syl[-1][1] = ""
    # before a cluster: V R(a) C+C V, R a sonorant -> drop the a ("हरप्रीत" Harpreet, "मनप्रीत" Manpreet)
    for i in range(len(syl) - 3, 0, -1):
        s, prev, nxt, after = syl[i], syl[i - 1], syl[i + 1], syl[i + 2]
        if s[2] and not s[3] and s[0] and prev[1] and nxt[0] and not nxt[1] and not nxt[2] and after[0] and after[1] \
                and s[0] in ("r", "l", "n", "m") and nxt[0] != after[0]:  # "चैतन्य" Chaitanya, "जगन्नाथ" Jagannath
            s[1] = ""
    # medial: V C(a) C V -> drop the a (right to left)
    for i in range(len(syl) - 2, 0, -1):
        s, prev, nxt = syl[i], syl[i - 1], syl[i + 1]
        if s[2] and not s[3] and s[0] and prev[1] and nxt[0] and nxt[1]:
            s[1] = ""
    # व is "w" after a consonant of its cluster ("स्वाति" Swati, "अश्विनी" Ashwini) and in वा after a
    # silent a ("अहिरवार" Ahirwar, "जायसवाल" Jaiswal, "जसवंत" Jaswant)
    for i in range(1, len(syl)):
        prev = syl[i - 1]
        cluster = not prev[2] and prev[0] != "r"  # a virama cluster, not a reph ("सर्वेश" Sarvesh)
        if syl[i][0] == "v" and prev[0] and not prev[1] and (cluster or (prev[2] and syl[i][1] == "a")):
            syl[i][0] = "w"
    out = []
    for j, (cons, vowel, _, coda) in enumerate(syl):
        if coda == "n" and j + 1 < len(syl) and syl[j + 1][0] in _LABIALS:
            coda = "m"
        out.append(cons + vowel + coda)
    word_en = "".join(out).replace("jn", "gy")  # ज्ञ: "ज्ञानेश" Gyanesh
    return word_en[:-2] + "er" if word_en.endswith("indar") else word_en  # "जतिंदर" Jatinder


def _word(word: str, table: dict[str, str]) -> str:
    known = table.get(fold(word))
    if known:
        return known
    if _DEV_WORD.fullmatch(word):
        return romanise_word(word).capitalize()
    if "." in word and regex.search(r"\p{Devanagari}", word):  # "ए.के." -> "A.K."
        letters = lexicon.letter_names()
        parts = [p for p in word.split(".") if p]
        if parts and all(fold(p) in letters for p in parts):
            return "".join(letters[fold(p)] + "." for p in parts)
    return word


def name_en(name: str, seen: dict[str, str] | None = None) -> str:
    """A person's name in its usual English spelling; initials spaced ("पीके सिंह", "PK Singh" -> "P K Singh").

    `seen` (from `latin_spellings` of the same article) gives the spelling the article itself uses
    for a word that sounds the same ("अग्रवाल" next to a tag "Aggarwal")."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        last = i == len(words) - 1
        en, devanagari = _NAME_WORDS_EN.get((w, last)) or _name_word_en(w, last)
        if seen and devanagari:
            en = seen.get(sound_key(en), en)
        out.append(en)
    return " ".join(out)


_NAME_WORDS_EN: Memo = Memo()  # (word, it ends its name) -> (its English spelling, written in Devanagari)


def _name_word_en(word: str, last: bool) -> tuple[str, bool]:
    """A word of a name in its usual English spelling (initials spaced unless it ends the name), and
    whether it is written in Devanagari; kept per word in a bounded table."""
    en = ("" if last else _initials(word)) or _word(word, lexicon.name_spellings())
    return _NAME_WORDS_EN.keep((word, last), (en, _DEV_WORD.fullmatch(word) is not None))


_LATIN_NAME_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}\p{Ll}{2,}(?![\p{L}\p{M}])")


@lru_cache(maxsize=8192)
def sound_key(word: str) -> str:
    """A loose key of how a Latin name word sounds: case-folded, ee -> i, oo -> u, no doubled letters."""
    w = word.casefold().replace("ee", "i").replace("oo", "u")
    return _DOUBLED.sub(r"\1", w)


def latin_spellings(text: str) -> dict[str, str]:
    """Sound key -> capitalised Latin word, for every such word of a text (first one wins)."""
    out: dict[str, str] = {}
    for m in _LATIN_NAME_WORD.finditer(text):
        out.setdefault(sound_key(m.group()), m.group())
    return out


_LATIN_INITIALS = regex.compile(r"\p{Lu}{2,3}")


def initials_of(word: str) -> str:
    """'P K' for initials written as one word (PK, पीके); '' for any other word."""
    return _initials(word)


def _initials(word: str) -> str:
    """'P K' for initials written as one word (PK, पीके); '' for any other word."""
    if _LATIN_INITIALS.fullmatch(word):
        return " ".join(word)
    if not _DEV_WORD.fullmatch(word):
        return ""
    letters = lexicon.letter_names()
    out, i, key = [], 0, fold(word)
    while i < len(key):
        for n in (4, 3, 2, 1):  # longest letter name first (डब्ल्यू before डी)
            if key[i:i + n] in letters:
                out.append(letters[key[i:i + n]])
                i += n
                break
        else:
            return ""
    return " ".join(out)


def _state_en(phrase: str) -> str | None:
    entry = lexicon.states().lookup(phrase)
    return entry.key if entry else None


def _segment_en(seg: str) -> str:
    words = seg.split()
    if not words:
        return ""
    if not _ANY_DEVANAGARI.search(seg):
        return seg
    gloss = lexicon.glossary()
    # "<state> सरकार" -> "Government of <state>"; "<X> मंत्रालय" -> "Ministry of <X>"
    head = fold(words[-1])
    if head in (fold("सरकार"), fold("मंत्रालय")) and len(words) > 1:
        rest = " ".join(words[:-1])
        place = _state_en(rest) or ("India" if fold(rest) == fold("भारत") else None)
        inner = place or _phrase_en(rest)
        return f"{gloss[head]} of {inner}"
    return _phrase_en(seg)


def _phrase_en(phrase: str) -> str:
    out = []
    words = phrase.replace(",", " , ").split()
    i = 0
    while i < len(words):
        # a state name of two words ("मध्य प्रदेश") stays one name
        two = " ".join(words[i:i + 2])
        st = _state_en(two) if i + 1 < len(words) else None
        if st:
            out.append(st)
            i += 2
            continue
        w = words[i]
        out.append(_PHRASE_WORDS_EN.get(w) or _phrase_word_en(w))
        i += 1
    return " ".join(out).replace(" ,", ",")


_PHRASE_WORDS_EN: Memo = Memo()  # word -> its English rendering in a phrase


def _phrase_word_en(word: str) -> str:
    """One word of a phrase in English: a state's name, the glossary's word, the word romanised, or
    the word as written; kept per word in a bounded table."""
    en = _state_en(word) or lexicon.glossary().get(fold(word)) \
        or (romanise_word(word).capitalize() if _DEV_WORD.fullmatch(word) else word)
    return _PHRASE_WORDS_EN.keep(word, en)


def organisation_en(org: str) -> str:
    """English rendering of an organisation name; comma-separated parts rendered one by one."""
    known = lexicon.organisations().lookup(org) or (  # a bracket at the end counted off
        ")" in org and lexicon.organisations().lookup(_TRAILING_PAREN.sub("", org)))
    if known:
        return known.key
    return ", ".join(_segment_en(p.strip()) for p in org.split(",") if p.strip()) if "," in org and _is_org_list(org) else _segment_en(org)


def _is_org_list(org: str) -> bool:
    """'X विभाग, Y सरकार' (two organisations) as opposed to 'खाद्य, सार्वजनिक वितरण ... विभाग' (one name with a list)."""
    heads = _hindi_org_heads()
    parts = [p.split() for p in org.split(",") if p.strip()]
    return all(p and fold(p[-1]) in heads for p in parts)


@lru_cache(maxsize=1)
def _hindi_org_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in lexicon.people()["org_heads_hi"])


def phrase_en(phrase: str) -> str:
    """English rendering of an event or award name by glossary, romanising unknown words."""
    return _phrase_en(phrase)

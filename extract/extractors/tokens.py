"""Word tokens of a sentence with their working-copy offsets, and the word classes the people and
award extractors read them by (name words, stop words, organisation heads, honorifics).

Tokens are for names and organisations only; numbers are found by the number layer.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import lexicon
from ..normalise import fold

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['\-&][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]", regex.V1)
CONNECTORS = frozenset(fold(w) for w in ("एवं", "और", "तथा", "व", "and", "of", "&", "the", "for"))


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return fold(self.text)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or regex.match(r"[\p{L}\p{M}]", self.text) is not None

    @property
    def latin(self) -> bool:
        return regex.match(r"\p{Latin}", self.text) is not None


def tokenize(norm: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm, start, end)]


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


def is_name_word(tok: Token) -> bool:
    """A word that can be part of a person's name."""
    if not tok.is_word or tok.text.isdigit():
        return False
    k = tok.key
    if k in stopwords() or k in org_heads() or k in designation_words() or k in honorific_words():
        return False
    if tok.latin:
        return tok.text[0].isupper()
    return True

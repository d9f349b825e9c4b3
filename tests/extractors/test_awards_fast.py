"""The article-wide award-word gate of awards.py skips only sentences whose fold holds no award word,
and finds every award word where a folded search of the sentence would."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract.extractors import awards
from extract.text import document, reader

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _docs():
    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "real").glob("*.txt")) + sorted((CORPUS / "written").glob("*.txt"))
    if not paths:
        pytest.skip("no corpus")
    return [document.build(reader.load(p)) for p in paths]


def test_award_gate_skips_only_sentences_whose_fold_holds_no_award_word():
    words = awards._award_words()
    checked = skipped = 0
    for doc in _docs():
        spans = awards._award_spans(doc.norm)
        for sent in doc.sentences:
            text = doc.norm[sent.nstart:sent.nend]
            has_word = any(w in awards._fold_norm(text) for w in words)
            skip = spans is not None and unicodedata.is_normalized("NFC", text) and not any(
                sent.nstart <= a and b <= sent.nend for a, b in spans)
            assert not (skip and has_word), text
            checked += 1
            skipped += skip
    assert skipped and checked > skipped


def test_award_spans_find_every_word_as_a_folded_search_would():
    text = "The AWARD went to X.  Certificate   of\nappreciation given. प्रशंसा  पत्र मिला। awardsaward"
    spans = awards._award_spans(text)
    found = {text[a:b].casefold() for a, b in spans}
    assert {"award", "awards", "certificate   of\nappreciation", "प्रशंसा  पत्र"} <= found
    assert awards._award_spans("\u0958ानून award") is None  # a character the rewrite changes: no gate
    assert awards._award_spans("ÉCOLE award") is None  # a character outside the common set: no gate

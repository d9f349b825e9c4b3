"""The article-wide award-word gate of awards.py skips only sentences whose fold holds no award word,
and finds every award word where a folded search of the sentence would."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import patterns
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


def test_award_gate_needs_no_nfc_check_of_a_sentence():
    """In an article the gate applies to, a slice whose fold (NFC included) holds an award word has an
    award-word span inside it, whatever marks stand around the words (NFC composes and reorders marks)."""
    import random

    from extract.extractors import facts
    from extract.normalise import normalise

    rng = random.Random(7)
    words = awards._award_words()
    marks = ["\u093c", "\u094d", "\u0951", "\u0952", "\u0901", "\ua8e0", "न", "र", "ळ", " ", "\n", "\u2000"]
    common = list(facts.common_chars())
    checked = 0
    for n in range(4000):
        pieces = []
        for _ in range(rng.randint(1, 6)):
            r = rng.random()
            if r < 0.35:
                w = rng.choice(words)
                pieces.append(w.upper() if n % 5 == 0 else w)
            elif r < 0.75:
                pieces.append("".join(rng.choice(marks) for _ in range(rng.randint(1, 3))))
            else:
                pieces.append("".join(rng.choice(common) for _ in range(rng.randint(1, 4))))
        norm = normalise("".join(pieces)).norm
        spans = awards._award_spans(norm)
        if spans is None:
            continue
        for _ in range(3):
            a = rng.randint(0, len(norm))
            b = rng.randint(a, len(norm))
            if any(w in awards._fold_norm(norm[a:b]) for w in words):
                checked += 1
                assert any(a <= s and e <= b for s, e in spans), repr(norm[a:b])
    assert checked > 500


def test_award_gate_search_is_common_set_and_no_rewrite():
    import random

    from extract.extractors import facts
    from extract.normalise import rewrites

    rng = random.Random(3)
    common = set(facts.common_chars())
    alphabet = list(facts.common_chars()) + list("\u0958\u0966\u00a0\u200b\u2019\u2013ÉßĀ\u3000\u2212")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        plain = set(text) <= common and not rewrites(text)  # all common, none rewritten
        assert (awards._gate_outside().search(text) is None) == plain, repr(text)


def _spans_by_lowered_copy(norm: str) -> set[tuple[int, int]]:
    """The award-word spans as the gate first found them: every word searched in the lowered article."""
    _, single, multi = awards._word_finders()
    low = norm.encode().lower().decode()
    out = set()
    for w in single:
        p = low.find(w)
        while p >= 0:
            out.add((p, p + len(w)))
            p = low.find(w, p + 1)
    for head, rx in multi:
        p = low.find(head)
        while p >= 0:
            if (m := rx.match(low, p)):
                out.add((p, m.end()))
            p = low.find(head, p + 1)
    return out


@pytest.mark.parametrize("text", [
    "जेम पुरस्कार समारोह में विभाग को सम्मान मिला।",
    "जेम AWARD समारोह: विभाग को Award of the year और सम्मान।",  # mostly Hindi: the ASCII part is looked at first
    "सम्मानित Certificate  of\nAppreciation दिया गया, प्रशंसा  पत्र भी",
    "The Award went to X; honours and a TROPHY — ₹5 prize winner",  # mostly ASCII, not ASCII
    "The award went to X. Certificate of appreciation.",  # ASCII
    "विभाग aw ard ने रजत जीता",  # the ASCII part joins "aw" and "ard": looked for, not found
    "",
])
def test_award_spans_are_those_of_the_lowered_copy(text):
    spans = awards._award_spans(text)
    assert spans is not None and set(spans) == _spans_by_lowered_copy(text)


@pytest.mark.parametrize("pattern, words", [
    (awards._CLAUSE_END, awards._CLAUSE_END_WORDS), (awards._IN_CATEGORY_EN, awards._CATEGORY_WORDS),
    (awards._CATEGORY_OF_EN, awards._CATEGORY_WORDS), (awards._SAME_EN, awards._CATEGORY_WORDS)])
def test_a_slice_may_hold_is_false_for_matches_no_pattern(pattern, words):
    """patterns.may_hold_word says no only where the pattern (ignoring case) finds nothing; on texts of ASCII and
    Devanagari (the gate) and others (ſ and K fold to Latin letters: no gate)."""
    texts = ["Gold award, WHEREAS silver; bronze", "X won, While Y lost", "A won, AND for B", "in the Service CATEGORY",
             "In the category of Highest Procurement by a CPSE, X won", "in the SAME Segment", "in the same category",
             "उसी श्रेणी में; X", "whereaſ it", "in the Kategory ſegment", "cate gory", "रजत पुरस्कार", ""]
    for folder in (CORPUS, CORPUS / "real", CORPUS / "written"):
        for path in sorted(folder.glob("*.txt")):
            texts += path.read_text(encoding="utf-8").splitlines()
    gated = 0
    for text in texts:
        for start in {0, len(text) // 2}:
            if not patterns.may_hold_word(text, start, len(text), words):
                gated += 1
                assert pattern.search(text, start, len(text)) is None, text
    assert gated > 100


def test_abbreviations_searched_before_each_bracket_are_those_of_the_whole_article():
    """_abbreviated finds what _ABBREVIATED.finditer over the whole article finds."""
    from extract.normalise import normalise

    texts = ["Border Roads Organisation (BRO) and Indian Oil Corporation (IOC) (X) (AB)(CD)", "(GeM)", "A (BC", "",
             "The Ministry of Defence (MoD), Government e-Marketplace (GeM); Ab Cd (EF) Gh (IJ)", "x (Ab) Y Z (CDE)",
             "Name(ABC) Name (A) Name  of\tThe Board (ABCDEFGHIJK) Xy & Z (Q&A) जेम Portal (GP)", "A B (C (DE) F (GH)"]
    for folder in (CORPUS, CORPUS / "real", CORPUS / "written"):
        for path in sorted(folder.glob("*.txt")):
            texts.append(normalise(path.read_text(encoding="utf-8")).norm)
    found = 0
    for text in texts:
        plain = [m.span() for m in awards._ABBREVIATED.finditer(text)]
        assert [m.span() for m in awards._abbreviated(text)] == plain, text[:80]
        found += len(plain)
    assert found > 20

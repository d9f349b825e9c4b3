"""The fast paths of tokens.py give what the plain ways give: spaCy's tokenizer built from the
language's Defaults tokenises as spacy.blank(lang).tokenizer does, a Token's worked-out attributes are
the old properties, the gate that leaves out the 65-character branch of the pathological-run pattern
changes no token, and a sentence's tokens are made once per article."""
from __future__ import annotations

import random
import sys

import pytest
import regex

from extract import lexicon
from extract.extractors import tokens
from extract.extractors.tokens import Token, tokenize
from extract.normalise import fold

PIECES = [
    "Buyer-Seller", "ई-मार्केटप्लेस", "A&B", "R&D", "don't", "Dr.", "डॉ.", "P.K.", "के.", "U.S.A.", "e.g.",
    "https://gem.gov.in/x?y=1", "info@gem.gov.in", "www.gem.gov.in", "₹1,234.50", "1.5", "10%", "(GeM)",
    '"quoted"', "'s", "’s", "–", "-", "--", "...", "!!!!!!!!!!", "।।।।।।।।", "। ", "?", "Rs.", "Ltd.",
    "can't", "i.e.", "a.m.", "5pm", "3-4", "x-", "-y", "&", "'", "  ", "\n", "\t", "\x1c", "a" * 70,
    "क" * 70, "जेम", "निदेशक", "Secretary", "CEO", "मंत्री", "श्री", "and", "एवं", ":)", "#GeM", "O'Brien",
    "L&T", ",", ";", "/", "(", ")", "\u200d", "co-operative", "ß", "İstanbul", "Mr", "Mass.", "o'clock",
]


def _strings(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(["", " ", " ", "  ", "\n"]) for _ in range(rng.randint(1, 20)))
            for _ in range(n)]


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_tokenizer_built_from_defaults_tokenises_as_spacy_blank(lang):
    import spacy
    from spacy.util import get_lang_class

    blank = spacy.blank(lang).tokenizer
    ours = tokens._tokenizer(lang)
    texts = _strings(400) + list(get_lang_class(lang).Defaults.tokenizer_exceptions)
    texts += ["(" + x + ")." for x in get_lang_class(lang).Defaults.tokenizer_exceptions]
    for text in texts:
        assert [(t.idx, t.text) for t in ours(text)] == [(t.idx, t.text) for t in blank(text)], text


def test_tokenizers_are_dropped_when_a_vocabulary_outgrows_its_bound(monkeypatch):
    text = "श्री पी.के. सिंह ने 1,234 ऑर्डर दिए। Secretary Rajiv Malhotra said 5,678 orders."
    tokenize(text, 0, len(text))
    built = tokens._tokenizer("hi")
    size = len(built.vocab)
    monkeypatch.setattr(tokens, "VOCABULARY_LIMIT", size + 10_000)
    assert tokens.fresh_when_grown() is False and tokens._tokenizer("hi") is built
    monkeypatch.setattr(tokens, "VOCABULARY_LIMIT", size - 1)
    assert tokens.fresh_when_grown() is True
    assert tokens._TOKENIZERS == {}
    assert tokens._tokenizer("hi") is not built  # built again at the next call


def test_a_fresh_tokenizer_tokenises_the_same():
    text = "श्री पी.के. सिंह, अपर सचिव (GeM) ने कहा: Buyer-Seller meet's 1,234 orders!!!!!!!!!"
    before = [(t.start, t.end, t.text) for t in tokenize(text, 0, len(text))]
    tokens.fresh_tokenizers()
    assert [(t.start, t.end, t.text) for t in tokenize(text, 0, len(text))] == before


def test_token_attributes_are_the_old_properties():
    letter, latin = regex.compile(r"[\p{L}\p{M}]"), regex.compile(r"\p{Latin}")
    for text in _strings(100):
        for t in tokenize(text, 0, len(text)):
            assert text[t.start:t.end] == t.text
            assert t.key == fold(t.text) and t.bare == fold(t.text).rstrip(".")
            assert t.is_word == (t.text[0].isalnum() or letter.match(t.text) is not None)
            assert t.latin == (latin.match(t.text) is not None)
    a, b = Token(0, 3, "जेम"), Token(0, 3, "जेम")
    assert a == b and hash(a) == hash(b) and a != Token(1, 4, "जेम")


def _reference_tokenize(norm: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """tokenize with the whole pathological-run pattern always (no gate)."""
    seg = norm[start:end]
    out: list[Token] = []
    pos = 0
    lang = "hi" if tokens.script_counts(seg)[0] >= tokens.script_counts(seg)[1] else "en"
    for run in tokens._PATHOLOGICAL.finditer(seg):
        tokens._spacy_tokens(norm, seg, start, pos, run.start(), lang, out)
        out += [Token(start + m.start(), start + m.end(), m.group())
                for m in tokens._PLAIN_TOKEN.finditer(seg, run.start(), run.end())]
        pos = run.end()
    tokens._spacy_tokens(norm, seg, start, pos, len(seg), lang, out)
    return [(t.start, t.end, t.text) for t in out]


def test_the_gate_on_long_chunks_changes_no_token():
    for text in _strings(300, seed=11) + ["a" * 64 + "\x1c" + "b" * 10, "x" * 65, "y" * 64]:
        assert [(t.start, t.end, t.text) for t in tokenize(text, 0, len(text))] == _reference_tokenize(text, 0, len(text))


def test_what_str_split_splits_at_is_never_a_word_character_and_only_four_are_not_regex_spaces():
    space, word = regex.compile(r"\s"), regex.compile(r"[\p{L}\p{M}\p{N}]")
    split_only = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c.isspace():
            assert word.match(c) is None
            if space.match(c) is None:
                split_only.add(c)
        else:
            assert space.match(c) is None
    assert split_only == set(lexicon._SPLIT_NOT_SPACE)


def test_the_language_of_a_segment_is_script_counts_rule():
    for text in _strings(500, seed=13) + ["", "x", "क", "x क", "क x", "xx क", "कक x", "123", "ऑर्डर GeM"]:
        dev, lat = tokens.script_counts(text)
        assert tokens._language(text) == ("hi" if dev >= lat else "en"), text


def test_the_ascii_key_is_fold_and_the_first_character_table_is_the_patterns():
    rng = random.Random(17)
    ascii_texts = [chr(c) for c in range(128)] + ["".join(rng.choice("aZ09 .-'\t\x1c_") for _ in range(rng.randint(1, 8)))
                                                  for _ in range(2000)]
    for text in ascii_texts:
        assert tokens._word_info(text)[0] == fold(text), repr(text)
    letter, latin = regex.compile(r"[\p{L}\p{M}]"), regex.compile(r"\p{Latin}")
    for cp in list(range(0, 0x3000)) + list(range(0xA000, 0x10000, 7)) + list(range(0x10000, 0x30000, 101)):
        c = chr(cp)
        assert tokens._first_char(c) == (c.isalnum() or letter.match(c) is not None, latin.match(c) is not None), hex(cp)


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_no_special_case_of_spacy_joins_tokens_across_whitespace_between_word_characters(lang):
    """tokenize_near's ground: spaCy matches its special cases over the whole text's tokens, so one of
    several tokens could join tokens of two chunks; none has a whitespace token or a token ending in a
    letter, mark or digit before one starting with one, so none joins across such whitespace."""
    from spacy.tokenizer import Tokenizer
    from spacy.vocab import Vocab

    settings = tokens._tokenizer_settings(lang)
    affixes_only = Tokenizer(Vocab(), **{k: v for k, v in settings.items() if k != "rules"})
    word = regex.compile(r"[\p{L}\p{M}\p{N}]")
    for special in settings["rules"]:
        parts = [t.text for t in affixes_only(special)]
        if len(parts) < 2:
            continue
        assert not any(p.isspace() for p in parts), special
        for left, right in zip(parts, parts[1:]):
            assert not (word.match(left[-1]) and word.match(right[0])), special


@pytest.mark.parametrize("text", [
    "Ram Kumar, Director in the Ministry (AB) (CD) Delhi Xy G-H\x1c" + "X" * 70 + " said.",
    "Secretary Rajiv Malhotra of GeM\x1f" + "!" * 9 + "-" * 60 + " said so.",
    "श्री राजेश कुमार, निदेशक\x1e" + "क" * 70 + " ने कहा।",
])
def test_a_window_never_cuts_a_run_at_a_character_str_split_splits_at_and_regex_does_not(text):
    """A \\S{65,} run of _PATHOLOGICAL goes across U+001C-U+001F (not whitespace to the regex module):
    a window of such a sentence is the whole sentence (found by a review: the window had cut the run)."""
    full = [(t.start, t.end, t.text) for t in tokenize(text, 0, len(text))]
    for m in regex.finditer(r"[\p{L}\p{N}]+", text):
        for before, after in ((0, 0), (1, 1)):
            toks, first, stop = tokens.tokenize_near(text, 0, len(text), m.start(), m.end(), before, after)
            near = [(t.start, t.end, t.text) for t in toks[first:stop]]
            assert near == [t for t in full if near[0][0] <= t[0] and t[1] <= near[-1][1]], (text, m.span())


def test_the_tokens_near_a_place_are_the_sentences_tokens_there_fenced():
    rng = random.Random(19)
    for text in _strings(600, seed=23):
        full = [(t.start, t.end, t.text) for t in tokenize(text, 0, len(text))]
        words = [m.span() for m in regex.finditer(r"[\p{L}\p{N}]+", text)]
        if not words:
            continue
        a = rng.choice(words)[0]
        b = rng.choice([w for w in words if w[0] >= a])[1]
        for before, after in ((0, 0), (1, 2), (3, 1), (6, 6)):
            toks, first, stop = tokens.tokenize_near(text, 0, len(text), a, b, before, after)
            near = [(t.start, t.end, t.text) for t in toks[first:stop]]
            assert near[0][0] <= a and b <= near[-1][1]
            assert near == [t for t in full if near[0][0] <= t[0] and t[1] <= near[-1][1]], (text, a, b)
            assert toks[:first] == ([] if full[0] == near[0] else list(tokens.FENCES))
            assert toks[stop:] == ([] if full[-1] == near[-1] else list(tokens.FENCES))
            if first:
                with pytest.raises(tokens.OutsideWindow):
                    toks[first - 1].text


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_spacy_tokens_read_per_unit_are_spacys_tokens_of_the_whole_piece(lang):
    """_unit_spans (spaCy's tokens of the units between clean whitespace, kept per unit text, those
    not kept tokenised in one call on them put together) gives spaCy's tokens of the whole piece,
    whatever the table already holds."""
    tokens.fresh_tokenizers()
    texts = [t for t in _strings(1500, seed=31) if t and not tokens._PATHOLOGICAL.search(t)]
    texts += ["श्री पी.के. सिंह ने 1,234 ऑर्डर दिए। Secretary Rajiv Malhotra said 5,678 orders.", " x", "x ", "(GeM) के",
              "a  b", "a \n b", "x-  y", "कहा।  श्री", "U.S.A. and", "e.g. x", "Dr. X", "Mr Y", "5pm 3-4"]
    for rounds in range(2):  # a cold table, then one that holds most units
        for text in texts:
            want = [tuple(x) for x in tokens._spacy_spans(text, lang)]
            assert [tuple(x) for x in tokens._unit_spans(text, lang)] == want, text
    assert tokens._UNIT_SPANS[lang]


def test_unit_cuts_are_clean_whitespace():
    for text in _strings(300, seed=37) + ["a b", "a  b", "a ,b", "a, b", " a", "a ", "क ख", "ा ा"]:
        cuts = tokens._unit_cuts(text)
        assert cuts[0] == 0 and cuts[-1] == len(text) and cuts == sorted(set(cuts))
        for c in cuts[1:-1]:
            e = len(text[:c].rstrip())
            assert tokens._clean(text, e, c) and text[e:c].isspace() and not text[c].isspace(), (text, c)
        for m in regex.finditer(r"\s+", text):
            if m.start() and m.end() < len(text) and tokens._clean(text, m.start(), m.end()):
                assert m.end() in cuts, (text, m.span())


def test_the_word_start_shortcut_is_the_first_character_table():
    for cp in [*range(0x3000), *range(0xA8E0, 0xA900), 0x1F600, 0x10FFFF]:
        c = chr(cp)
        assert tokens._word_start(c) == tokens._starts_word(c), hex(cp)


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_a_long_unit_is_tokenised_each_time_and_not_kept(lang):
    """The table of units is bounded in entries: a unit longer than _UNIT_KEPT_MAX (a line "x, 1, 2,
    3, ..." is one unit however long) is not kept (found by a review: 50 such units held 31 MB); a
    short one is; the tokens are spaCy's of the piece either way, cold or warm."""
    long = "x, " + ", ".join(map(str, range(40)))
    assert len(long) > tokens._UNIT_KEPT_MAX and tokens._unit_cuts(long) == [0, len(long)]
    short = "x, 1, 2"
    edge = "y" * tokens._UNIT_KEPT_MAX
    cases = [(long, False), (short, True), (edge, True), (edge + "y", False), (f"{short} {long}", None)]
    tokens.fresh_tokenizers()
    for rounds in range(2):
        for text, kept in cases:
            want = [tuple(x) for x in tokens._spacy_spans(text, lang)]
            assert [tuple(x) for x in tokens._unit_spans(text, lang)] == want, text
            if kept is not None:
                assert (text in tokens._UNIT_SPANS[lang]) == kept, text
    table = tokens._UNIT_SPANS[lang]
    assert short in table and long not in table and f"{short} {long}" not in table


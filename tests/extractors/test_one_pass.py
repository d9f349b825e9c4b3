"""The one-pass readings of facts.py and events.py give what the plain per-sentence readings give:
the token table (for text of common characters its marks split out by `re` and the rest cut at blanks by
str.split, the `regex` split otherwise) equals the _TOKEN tokens with their offsets, folded; a sentence's cue hits are those of its span scanned alone,
also from a start inside a token; the event name pattern tried at starter words equals its overlapped
search; a quiet sentence has no figure, names no period and dates no purchase."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from extract.extractors import events, facts
from extract.text import document, reader

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _plain_table(text: str):
    toks = list(facts._TOKEN.finditer(text))
    return [t.group().casefold() for t in toks], [t.start() for t in toks], [t.end() for t in toks]


def _spans(table):
    """The token table as keys with start and end offsets (each token found at the first character, from
    the end of the one before, that is its first character)."""
    keys, toks, read, start = table
    starts, ends, pos = [], [], 0
    for tok in toks:
        pos = read.index(tok[0], pos)
        assert read.startswith(tok, pos) and not read[ends[-1] if ends else 0:pos].strip(), (read, tok)
        starts.append(start + pos)
        pos += len(tok)
        ends.append(start + pos)
    return keys, starts, ends


def _plain_hits(text: str):
    """The cue hits of the text by the plain tokens, every token tried as a first one down the trie."""
    keys, starts, ends = _plain_table(text)
    out = []
    for i in range(len(keys)):
        node = facts.cues().index.trie
        for j in range(i, len(keys)):
            node = node.get(keys[j])
            if node is None:
                break
            out += [(starts[i], ends[j], cat, label) for cat, label in node.get(None, ())]
    return out


def _docs(limit: int = 40):
    paths = sorted(CORPUS.glob("*.txt"))[:limit]
    if not paths:
        pytest.skip("no corpus")
    return [document.build(reader.load(p)) for p in paths]


@pytest.mark.parametrize("seed", range(4))
def test_token_table_equals_the_plain_tokens(seed):
    rng = random.Random(seed)
    common = [chr(c) for a, b in facts._COMMON for c in range(a, b)]
    rare = list("éÉßİµǅ\u0345\u00a0\u2028\U0001F600ﬁ\x1c\x1f")
    for n in range(3000):
        alphabet = common + rare if n % 3 == 0 else common
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _spans(facts._token_table(text)) == _plain_table(text), repr(text)


def test_token_table_of_articles():
    for doc in _docs():
        assert _spans(facts._token_table(doc.norm)) == _plain_table(doc.norm)
        keys, starts, ends = _plain_table(doc.norm[7:300])
        assert _spans(facts._token_table(doc.norm, 7, 300)) == (keys, [s + 7 for s in starts], [e + 7 for e in ends])


def test_a_sentence_reads_the_cue_hits_of_its_own_span():
    index = facts.cues().index
    for doc in _docs():
        for sent in doc.sentences:
            alone = index.scan(doc.norm, sent.nstart, sent.nend)
            assert facts.analysed(doc, sent).hits == alone


def test_cue_hits_are_those_of_the_plain_tokens():
    """The trie walk, its offsets measured only where a hit needs them, finds what every token tried finds."""
    texts = ["xxसरकारी खरीद so far", "ﬁscal ſince launch, Straße", "अब तक, इसी अवधि", ""]
    for doc in _docs():
        texts += [doc.norm[s.nstart:s.nend] for s in doc.sentences]
    rng = random.Random(7)
    words = sorted({w for w in facts.cues().index.trie if w}) + ["ß", "ﬁ", "İ", "x"]
    for _ in range(2000):  # cue words run together, between blanks and marks, common characters or not
        texts.append("".join(rng.choice(words) + rng.choice(["", " ", "  ", ",", " - ", "\u00a0"]) for _ in range(12)))
    for text in texts:
        assert facts.cues().index.scan(text) == _plain_hits(text), text


def test_a_scan_from_inside_a_token_reads_the_text_from_there():
    index = facts.cues().index
    text = "xxसरकारी खरीद so far"
    hits = index.scan(text, 2, len(text))
    assert hits and hits == [(s + 2, e + 2, c, label) for s, e, c, label in index.scan(text[2:])]


def test_quiet_sentences():
    for doc in _docs():
        for sent in doc.sentences:
            if facts.quiet(doc, sent):
                sf = facts.analysed(doc, sent)
                assert sf.figs == [] and sf.explicit() == [] and facts.purchase_month(doc, sent) == ""


def test_event_names_tried_at_starter_words_equal_the_overlapped_search():
    named = events._patterns().named
    starters = events._gates()[0]
    texts = ["जेम संवाद कार्यक्रम और जेम एक्सीलेंस समिट 2025 का आयोजन", "The GeM Samvad Workshop at GeM GeM Meet"]
    for doc in _docs():
        texts += [doc.norm[s.nstart:s.nend] for s in doc.sentences]
    for text in texts:
        plain = [m.span() for m in named.finditer(text, 0, len(text), overlapped=True)]
        tried = [m.span() for m in events._named_matches(named, text, text, 0, len(text), starters)]
        assert tried == plain


def test_generic_event_gate_holds_every_sentence_the_pattern_matches():
    generic = events._patterns().generic
    firsts = events._generic_firsts()
    texts = ["A one-day WORKSHOP was held", "GeM ſeminar", "प्रशिक्षण  शिविर लगाया गया"]
    for doc in _docs():
        texts += [doc.norm[s.nstart:s.nend] for s in doc.sentences]
    for text in texts:
        if generic.search(text):
            assert any(w in text.casefold() for w in firsts), text


def test_award_gate_folds_a_working_copy_slice_as_fold_does():
    from extract.extractors import awards
    from extract.normalise import fold, normalise

    texts = ["न\u093c नऩ", "“Gold” award\u00a0to  X", "क़ ड़ ०१२ ‘x’ – Award", "ÉCOLE ß ﬁ"]
    for doc in _docs():
        texts += [doc.norm[s.nstart:s.nend] for s in doc.sentences]
    for text in texts:
        assert awards._fold_norm(text) == fold(text), text
        assert awards._fold_norm(normalise(text).norm) == fold(normalise(text).norm), text


def test_period_naming_gate_holds_every_sentence_that_names_a_period():
    """A sentence the gate lets pass unread (no gate word in its folding) has no period-naming hit."""
    texts = ["So far this fiscal", "ﬁscal ſince launch", "GeM’s journey so far", "अब तक, इसी अवधि", "x,अब तक",
             "April-June", "full-year", "आज\u00a0तक", "पिछले  वर्ष"]
    for doc in _docs():
        texts += [doc.norm[s.nstart:s.nend] for s in doc.sentences]
    index = facts.cues().index
    for text in texts:
        names = any(h[2] == "period" and h[3] in facts._NAMING for h in index.scan(text))
        if names:
            assert facts._may_name_period(text), text

"""The fast paths of officials.py give what the plain ways give: titles found from the places their
first words stand (per-chunk table, str.find, reading on only while a longer form can follow) are the
titles a reading over every word finds; a known organisation is never skipped by the last-word gate."""
from __future__ import annotations

import random
import sys

import regex

from extract import lexicon
from extract.extractors import officials
from extract.extractors.tokens import tokenize
from extract.normalise import normalise

from ..conftest import random_texts


def _reference_titles(norm: str, pos: int, endpos: int):
    """Every word of norm[pos:endpos] (case-folded) looked at, longest form first."""
    forms, firsts, longest = officials._title_forms()
    return officials._titles_by_words(norm, pos, endpos, forms, firsts, longest)


def _strings(n: int, seed: int = 3) -> list[str]:
    forms = officials._title_forms()[0]
    pieces = [" ".join(k) for k in forms] + [" ".join(k).upper() for k in forms if k[0].isascii()]
    pieces += ["-", ".", ". ", " - ", ",", "(", ")", "श्री", "X", "ß", "İ", "ǅ", "Dr.", "and", "एवं", "\n",
               "कुमार", "Secretary-General", "CEO's", "1", "ा", "उप", "state", "statement"]
    return random_texts(pieces, ["", " ", " ", "-", ".", ". ", "\n"], n, seed, 12)


def test_titles_are_the_titles_a_reading_over_every_word_finds():
    rng = random.Random(5)
    found = 0
    for text in _strings(3000):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        for pos, endpos in ((0, len(text)), (a, b)):
            want = _reference_titles(text, pos, endpos)
            assert officials._titles_in(text, pos, endpos) == want, (text, pos, endpos)
            found += len(want)
    assert found > 1000


def test_titles_from_the_article_gate_are_the_titles_of_each_sentence():
    """_sentence_titles (the article's first-word occurrences bucketed by sentence) finds what
    _titles_in finds in the sentence alone: sentences cut anywhere, mid-word too, texts whose case
    folding changes a length, and texts with a character str.split() splits at that \\s does not."""
    rng = random.Random(7)
    found = 0
    texts = _strings(1500, seed=8)
    texts += [t.replace(" ", "\x1c", 1) for t in texts[:200]] + [t.replace(" ", "ß", 1) for t in texts[200:300]]
    for text in texts:
        article = officials._article_titles(text, lexicon.word_tokens(text))
        cuts = sorted({0, len(text), *(rng.randrange(len(text) + 1) for _ in range(rng.randrange(6)))})
        spans = list(zip(cuts, cuts[1:])) + [(a, b) for a, b in zip(cuts, cuts[2:])]
        for pos, endpos in spans:
            want = officials._titles_in(text, pos, endpos)
            assert officials._sentence_titles(article, text, pos, endpos) == want, (text, pos, endpos)
            found += len(want)
    assert found > 1000


def test_the_document_keeps_its_texts_words_for_every_reader():
    from extract.text import document, reader

    doc = document.build(reader.Source("a", "a.txt", "सचिव अबू इमरान ने कहा कि उत्तर प्रदेश आगे है।", ""))
    assert doc.words.low == doc.norm.casefold() and doc.words.chunks == doc.norm.casefold().split()


def test_case_folding_keeps_word_characters_apart_from_the_rest():
    """What _titles_in relies on to read words and gaps in the case-folded copy at norm's offsets."""
    word, gap = regex.compile(r"[\p{L}\p{M}\p{N}]"), regex.compile(r"[\s\-.]")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        f = c.casefold()
        assert f
        assert all((word.match(x) is None) == (word.match(c) is None) for x in f)
        if len(f) == 1:
            assert (gap.match(f) is None) == (gap.match(c) is None) and (gap.match(c) is None or f == c)


def test_every_known_organisation_can_end_at_its_last_token():
    orgs = lexicon.organisations()
    checked = 0
    for entry in {id(e): e for e in orgs.by_form.values()}.values():
        for form in entry.data["forms"]:
            norm = normalise(form).norm
            toks = tokenize(norm, 0, len(norm))
            for text in (" ".join(t.text for t in toks), norm, norm.upper(), norm.lower()):
                toks = tokenize(text, 0, len(text))
                if toks and orgs.lookup(" ".join(t.text for t in toks)):
                    assert officials._can_end_org(toks[-1].text), form
                    checked += 1
    assert checked > 100


def test_a_chunk_is_classed_as_its_words_are():
    """The per-chunk table's shortcuts (one word without a regex call, no letter, edge punctuation
    stripped) give the title words a regex reading of the chunk's words gives."""
    firsts = officials._title_forms()[1]
    chunks = [c.casefold() for text in _strings(1500, seed=9) for c in text.split()]
    chunks += ["57,742-60,638", "11:24am", "(gem)", "मंत्री,", "'निदेशक'", "सचिव।", "क्रय/विक्रय", "co-chaired", "_",
               "१२३", "ceo's", "...", "x²", "ॐ", "॰", "क॥ख", "dr.", "(", "ß", "ǆ"]
    for chunk in chunks:
        officials._CHUNK_FIRSTS.pop(chunk, None)
        want = firsts.intersection(officials._WORDS.findall(chunk))
        assert officials._firsts_in([chunk]) == want, chunk
        assert officials._firsts_in([chunk]) == want, chunk  # kept or not, the same again


def test_the_shortcuts_character_classes_are_the_word_characters():
    for cp in range(0x900, 0x980):
        c = chr(cp)
        assert (officials._PLAIN_WORD.fullmatch(c) is not None) == (officials._WORD_CHAR.match(c) is not None)
    assert not any(officials._WORD_CHAR.match(c) for c in officials._EDGE_PUNCTUATION)
    # str.isalnum() (the one-word shortcut) holds for no character the regex module reads as no word's
    assert not [cp for cp in range(sys.maxunicode + 1) if chr(cp).isalnum() and not officials._WORD_CHAR.match(chr(cp))]
    for cp in range(128):
        c = chr(cp).casefold()
        if not c.islower():  # an ASCII character without a letter
            assert officials._WORD_CHAR.match(c) is None or c.isdigit()


def test_the_initials_gates_are_the_patterns():
    texts = ["A.", "A.V.", "P.K.S.", "AB.", "a.", "Dr.", "Kh.", "X", ".", "", "ए.", "के.", "जे.एस", "जे.एस.", "P.K.S.T."]
    texts += [t for text in _strings(300, seed=4) for t in text.split()]
    for t in texts:
        assert officials._are_initials(t) == (officials._INITIALS.fullmatch(t) is not None), t
    letters = lexicon.letter_names()
    tails = ["said.", "P.K.", "Kh.", "Md.", "MD.", "के.", "जे.एस.", "ऑर्डर।", "x.", "A. ", "Shri P.K.  ", "a Kh.",
             "1.", "ß.", "é.", "É.", "ng.", "Ng.", ".", "", " .", "कहा."]
    tails += [t[-8:] for t in _strings(500, seed=6)]
    for tail in tails:
        norm = "Text " + tail
        sent = type("S", (), {"nstart": 0, "nend": len(norm)})()
        tail8 = norm[max(0, len(norm) - 8):]
        want = tail8.rstrip().endswith(".") and (
            officials._TRAILING_LATIN_INITIALS.search(tail8) is not None
            or ((m := officials._TRAILING_INITIAL.search(tail8)) is not None and officials.fold(m.group(1)) in letters))
        assert officials._ends_in_initial(norm, sent, letters) == want, tail


def test_a_reading_of_the_tokens_around_the_titles_is_the_reading_of_the_whole_sentence():
    """Windows of every width: a reading either finds what the whole sentence's tokens give or reads
    a fence (and _in_sentence reads the whole sentence)."""
    from extract.text import document, reader
    from extract.extractors.tokens import OutsideWindow, tokenize_near

    from ..conftest import CORPUS

    read = fenced = 0
    for path in sorted(CORPUS.rglob("*.txt")):
        doc = document.build(reader.load(path))
        for sent in officials._joined_at_initials(doc):
            here = officials._titles_in(doc.norm, sent.nstart, sent.nend)
            if not here:
                continue
            toks = tokenize(doc.norm, sent.nstart, sent.nend)
            whole = officials._read_sentence(doc, sent, here, toks, 0, len(toks))
            for before, after in ((0, 0), (1, 1), (2, 4), (4, 2), officials.WINDOW_CHUNKS):
                near = tokenize_near(doc.norm, sent.nstart, sent.nend, here[0][0], here[-1][1], before, after)
                try:
                    assert officials._read_sentence(doc, sent, here, *near) == whole, doc.norm[sent.nstart:sent.nend]
                    read += 1
                except OutsideWindow:
                    fenced += 1
    assert read > 100 and fenced > 100


_NEXT_WORD = regex.compile(r"(?:[\s\-]+|\.\s*)([\p{L}\p{M}\p{N}]+)")  # a _GAP, then the next word


def test_the_next_word_read_by_characters_is_the_patterns_match():
    rng = random.Random(11)
    texts = [t.casefold() for t in _strings(800, seed=12)]
    texts += ["a .b", "a.b", "a. \u00a0b", "a -\n-b", "a\x1cb", "a \x1c b", "a..b", "a. .b", "a-", "a ", "a .", "a।b",
              "मुख्य\u00a0सचिव", "ceo-x", "ceo - x", "x \u2003 y", "x\u200bz"]
    checked = 0
    for text in texts:
        for e in range(len(text) + 1):
            b = rng.randrange(e, len(text) + 1)
            m = _NEXT_WORD.match(text, e, b)
            end = officials._next_word_end(text, e, b)
            assert end == (m.end() if m else -1), (text, e, b)
            if m:
                assert text[officials._word_start_back(text, end):end] == m.group(1), (text, e, b)
                checked += 1
    assert checked > 1000


def test_the_character_shortcuts_are_the_patterns():
    space = regex.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert officials._regex_space(c) == (space.match(c) is not None), hex(cp)
        if cp < 0x3000 or cp % 97 == 0:
            assert officials._word_char(c) == officials.patterns.word_char(c), hex(cp)


def _corpus_organisations() -> list[str]:
    """The organisation texts the officials of the corpus name, and a few made up."""
    from extract.text import document, reader

    from ..conftest import CORPUS

    orgs = {"जेम", "GeM", "वित्त विभाग", "उत्तर प्रदेश सरकार", "Karnataka PWD", "वाणिज्य मंत्रालय", "कांग्रेस",
            "Ministry of Commerce, Government of India", "District Industries Centre (DIC), Thiruvananthapuram", "X Y"}
    for path in sorted(CORPUS.rglob("*.txt")):
        orgs.update(r.organisation for r in officials.extract(document.build(reader.load(path))) if r.organisation)
    return sorted(orgs)


def test_what_is_kept_per_organisation_text_is_what_is_worked_out_for_it():
    """_organisation_en and _state_of's per-text part are functions of the organisation's text: over
    the corpus's organisations, read cold then from the table (twice over, so each text is read both
    ways), they give what is worked out afresh with no table."""
    from extract.lexicon.english import organisation_en
    from extract.text import document, reader

    doc = document.build(reader.Source("a", "a.txt", "उत्तर प्रदेश के लखनऊ में जेम ने कहा।", ""))
    title = next(e for e in lexicon.designations().by_form.values() if e.data.get("scope") is None)
    orgs = _corpus_organisations()
    assert len(orgs) > 30
    stated = set()
    for org in orgs:
        officials._ORGS_EN.pop(org, None)
        officials._ORG_STATES.pop(org, None)
    for _ in range(2):
        for org in orgs:
            state = officials._org_state(org)
            afresh = officials._article_state(doc) if state is None else state
            assert officials._organisation_en(org) == organisation_en(org), org
            assert officials._state_of(doc, org, title) == afresh, org
            assert officials._ORG_STATES[org] == (state,), org
            stated.add(state)
    assert {None, ""} < stated  # organisations that name a state, none, and a central one


def test_the_table_of_chunks_classed_gives_the_chunks_title_words():
    chunks = [c.casefold() for text in _strings(400, seed=15) for c in text.split()]
    want = officials._title_forms()[1].intersection(w for c in chunks for w in officials._WORDS.findall(c))
    assert want
    officials._CHUNK_FIRSTS.clear()
    for given in (chunks, set(chunks), chunks):  # a list, a set; the table cold, then warm
        assert officials._firsts_in(given) == want
    officials._CHUNK_FIRSTS.clear()
    assert officials._firsts_in(iter(chunks)) == want


def test_the_table_of_chunks_classed_keeps_what_the_chunk_table_keeps():
    """_CHUNK_FIRSTS keeps a chunk's words never for an ASCII chunk with no letter (a figure, a date),
    whose variety would empty the table (found by a review)."""
    cases = [("2024", False), ("1,234.5", False), ("12/03/2024", False), ("(5)", False), ("-", False),
             ("सचिव", True), ("secretary", True), ("x1", True), ("१२३", True), ("ceo,", True)]
    for chunk, kept in cases:
        officials._CHUNK_FIRSTS.pop(chunk, None)
        assert officials._firsts_in([chunk]) == officials._chunk_firsts(chunk), chunk
        assert (chunk in officials._CHUNK_FIRSTS) == kept, chunk

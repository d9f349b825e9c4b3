"""The fast paths of events.py: the rules' patterns are compiled at first use (each once), the head search,
the event names tried only within a head's reach of a starter and the word patterns tried only where their
words stand find what their plain searches find, and the generic-event gate on the whole article rests on
case folding going letter by letter (a sentence's folding is a piece of the article's)."""
from __future__ import annotations

import random
import sys

from extract.extractors import events


def test_patterns_are_checked_at_load_and_compiled_at_first_use():
    events._patterns.cache_clear()
    try:
        pats = events._patterns()
        fields = [n for n, v in vars(events._Patterns).items() if isinstance(v, events.cached_property)]
        assert fields and not set(vars(pats)) & set(fields)  # nothing compiled yet
        made = {name: getattr(pats, name) for name in fields}
        assert set(vars(pats)) >= set(fields)  # each kept on the object at its first use
        assert all(getattr(pats, name) is made[name] for name in fields)  # and read from there after
        assert isinstance(pats.topic, frozenset) and isinstance(pats.clause, frozenset)
        assert pats.named.match("जेम संवाद कार्यक्रम") is not None
    finally:
        events._patterns.cache_clear()


def test_case_folding_goes_letter_by_letter():
    rng = random.Random(2)
    chars = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).casefold() != chr(c)]
    chars += list("abc ΣσςİıßﬁDŽǅऀकखगघ -'")
    for _ in range(3000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        assert "".join(map(str.casefold, s)) == s.casefold(), s


def test_head_search_trie_finds_a_head_where_the_plain_alternation_does():
    import re

    heads = events._gates()[3]
    plain = re.compile(r"\s(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)) + ")")
    search = events._head_search()
    rng = random.Random(5)
    pieces = list(heads) + [h[:-1] for h in heads] + [" ", "\n", "\u2003", "जेम", "x", "S", "संवा"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    for text in texts:
        for pos in (0, 1, len(text) // 2):
            assert (search(text, pos) is None) == (plain.search(text, pos) is None), repr(text)


def test_event_names_are_tried_only_where_a_head_is_within_reach_of_a_starter():
    """_named_matches tries the named pattern only at a starter a head's first word follows within reach
    (_head_reach): what the overlapped search finds, at the reach's edge and past it too."""
    named = events._patterns().named
    starters = events._gates()[0]
    heads = events._gates()[3]
    inner = " ".join(["क"] * events._patterns()._inner)  # the most inner words a name holds
    texts = [f"जेम {inner} कार्यशाला", f"जेम {inner} क कार्यशाला", f"गवर्नमेंट  ई-मार्केटप्लेस {inner} कार्यशाला",
             f"गवर्नमेंट ई-मार्केटप्लेस {inner} क कार्यशाला", "GeM\x1cSamvad Workshop", "GeM \x1c Workshop",
             "GeM\u2003\u2003Samvad\n Workshop 2025", "GeM's Outreach Programme", "जेम-संवाद कार्यक्रम", "जेम संवादका",
             "GeM Buyers’ Meet and GeM Sellers' Meet", "जेम", "जेम ", "जेम कार्य", "जी.ई.एम. शिखर  सम्मेलन 12.0",
             # runs without white space holding many starters: the reach is asked once a run (_within_reach)
             "GeM-" * 40 + " कार्यशाला आयोजित।", "जेम" * 40 + " कार्यशाला", "जेम" * 40 + "कार्यशाला", "GeMजेम-GeM\u2003Workshop",
             "जेमजेम कार्यशाला जेमजेम" + " क" * 9 + " कार्यशाला", "x-जेम जेम-जेम\nसंवाद कार्यक्रम", "जेम-GeM", "जेमGeM "]
    rng = random.Random(3)
    pieces = list(starters) + list(heads) + [" ", "  ", "\n", "-", "x", "क", "2025", "'s"] + list(starters) * 2
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    matched = 0
    for text in texts:
        plain = [m.span() for m in named.finditer(text, 0, len(text), overlapped=True)]
        tried = [m.span() for m in events._named_matches(named, text, text, 0, len(text), starters)]
        assert tried == plain, repr(text)
        matched += len(plain)
    assert matched > 5
    assert events._named_matches(named, f"जेम {inner} क कार्यशाला", f"जेम {inner} क कार्यशाला", 0, 99, starters) == []


def test_the_reach_is_asked_once_for_each_run_of_non_space_characters_and_answers_as_for_each_start():
    """_within_reach keeps what the reach pattern said for a run without white space for every start in it
    (each start's first `\\S*\\s+` reads on to the same white space): the starts it keeps are those the
    pattern matches from, on a table of texts with white space between, inside and around starters."""
    reach = events._head_reach()
    cases = ["GeM-" * 30 + " कार्यशाला", "जेम" * 30 + " x कार्यशाला", "जेम" * 5 + " " + "क " * 12 + "कार्यशाला",
             "जेमजेम\u2003\nकार्यशाला जेमजेम", "जेम जेम जेम कार्यशाला", " जेम  जेम\tकार्यशाला", "जेमजेम", "", "  ",
             "जेम-जेम क ख ग घ ङ च छ कार्यशाला", "GeM GeM-GeM\x1cWorkshop Meet", "जेम" * 3 + "कार्यशाला कार्यशाला"]
    rng = random.Random(9)
    pieces = ["जेम", "GeM", "-", " ", "\u2003", "\n", "x", "कार्यशाला", "Workshop", "क"]
    cases += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(2000)]
    kept = 0
    for text in cases:
        for step in (1, 2):  # every offset a start, and every other one (starts apart inside a run)
            starts = list(range(0, len(text), step))
            for end in {len(text), len(text) // 2}:
                starts_in = [p for p in starts if p < end]
                plain = [p for p in starts_in if reach(text, p, end) is not None]
                assert events._within_reach(reach, text, starts_in, end) == plain, (text, step, end)
                kept += len(plain)
    assert kept > 1000


def test_a_long_run_of_starters_is_read_once():
    """The work counted, not timed: "GeM-" * n (or "जेम" * n) before a head asks the reach pattern once for
    the run (it read the rest of the run from each of the n starters: quadratic), once for each run where
    white space parts the starters; the names found are those of the overlapped search."""
    reach = events._head_reach()
    asked = []

    def counted(text, pos, end):
        asked.append(pos)
        return reach(text, pos, end)

    named, starters = events._patterns().named, events._gates()[0]
    for run in ("GeM-", "जेम", "GeM- ", "जेम "):
        text = run * 5000 + " कार्यशाला आयोजित।"
        starts = [i for i in range(len(text)) if text.startswith(starters, i)]
        assert len(starts) == 5000
        asked.clear()
        found = events._within_reach(counted, text, starts, len(text))
        assert len(asked) == (1 if " " not in run else 5000)
        assert found == [p for p in starts if reach(text, p, len(text)) is not None]
        assert found == starts if " " not in run else 0 < len(found) < 10  # the last few: a head within reach
        assert [m.span() for m in events._named_matches(named, text, text, 0, len(text), starters)] == \
            [m.span() for m in named.finditer(text, 0, len(text), overlapped=True)]


def test_a_slice_is_lowered_where_lowering_is_a_pattern_s_case_folding():
    """patterns.plain_lowered: the lowered slice of ASCII and Devanagari text, None where another character
    stands (ſ, K, İ fold or lower otherwise), from inside the text and up to an end too."""
    from extract.patterns import plain_lowered

    table = [("GeM कार्यशाला WORKSHOP", 0, None, "gem कार्यशाला workshop"), ("AB जेम CD", 3, 6, "जेम"),
             ("AB जेम CD", 4, None, "ेम cd"), ("", 0, None, ""), ("Ab\x1cC\t", 1, None, "b\x1cc\t"),
             ("a ſeminar", 0, None, None), ("\u212aelvin", 0, None, None), ("Kelvin", 0, None, "kelvin"), ("İstanbul", 0, None, None),
             ("ſ at 0, then AB", 2, None, "at 0, then ab"), ("AB then ſ", 0, 4, "ab t"), ("AB — CD", 0, None, None),
             ("जेम—", 0, 3, "जेम")]
    for text, start, end, low in table:
        assert plain_lowered(text, start, end) == low, (text, start, end)


def test_titled_names_of_an_ascii_sentence_are_read_alike_by_the_stdlib_and_the_regex_pattern():
    from pathlib import Path

    from extract.normalise import normalise

    pats = events._patterns()
    texts = ["As part of GeM Samvaad, New Delhi hosted the Roundtable with Ministries/Departments & Central Public "
             "Sector Enterprises (CPSEs) on 14 January", "x-Summit on The A\x1cB", "Round\tTable\x0bfor\x0cthe "
             "Karnataka MSME_Vendors & (CPSE) of Goa/Daman", "aWorkshop for Ministries and the States"]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    for folder in (corpus, corpus / "real", corpus / "written"):
        for path in sorted(folder.glob("*.txt")):
            texts += [line for line in normalise(path.read_text(encoding="utf-8")).norm.splitlines() if line.isascii()]
    matched = 0
    for text in texts:
        for pos in range(0, len(text), 5):  # from inside the text too: the look-behind
            a = [m.span() for m in pats.titled_ascii.finditer(text, pos, len(text))]
            b = [m.span() for m in pats.titled.finditer(text, pos, len(text))]
            assert a == b, (text, pos)
            matched += len(b)
    assert matched > 10


def test_tokens_to_a_space_are_the_sentence_tokens_up_to_there():
    from pathlib import Path

    from extract.extractors.tokens import tokenize
    from extract.text import document, reader

    from spacy.util import get_lang_class

    assert not [k for k in get_lang_class("hi").Defaults.tokenizer_exceptions if " " in k.strip()]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    paths = [p for folder in (corpus, corpus / "real", corpus / "written") for p in sorted(folder.glob("*.txt"))]
    tried = 0
    for path in paths:
        doc = document.build(reader.load(path))
        for sent in doc.sentences:
            whole = tokenize(doc.norm, sent.nstart, sent.nend)
            for end in range(sent.nstart + 1, sent.nend):
                if doc.norm[end] == " ":
                    toks = events._tokens_to(doc.norm, sent, end)
                    assert [t for t in toks if t.end <= end] == [t for t in whole if t.end <= end], doc.norm[sent.nstart:end]
                    tried += len(toks) < len(whole)
    assert tried > 100


def test_every_quoted_name_has_a_quote_next_to_a_head_a_digit_or_a_starter():
    from pathlib import Path

    from extract.normalise import normalise

    quoted = events._patterns().quoted
    texts = ["गवर्नमेंट ई-मार्केटप्लेस (जेम) ने 'जेम सारथी 2026' कार्यशाला का आयोजन किया", "'जेम एक्सिलेंस इवेंट' में",
             "the 'GeM Outreach Programme 12.0' and \"GeM  Samvad\" Workshop", "'a शिखर  सम्मेलन' x 'y'"]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    for folder in (corpus, corpus / "real", corpus / "written"):
        for path in sorted(folder.glob("*.txt")):
            texts += normalise(path.read_text(encoding="utf-8")).norm.splitlines()
    matched = 0
    for text in texts:
        for m in quoted.finditer(text):
            matched += 1
            assert events._quote_by_name(text, m.start(), m.end()), m.group()
    assert matched >= 4


def test_every_white_space_of_the_regex_module_is_one_of_the_stdlib():
    """The head search looks for a head after the stdlib's \\s where the named pattern has the regex module's."""
    import re

    import regex

    spaces = regex.compile(r"(?V1)\s")
    assert all(re.match(r"\s", chr(c)) for c in range(sys.maxunicode + 1) if spaces.match(chr(c)))


def test_word_patterns_are_tried_where_a_first_word_stands_as_finditer_would():
    """_word_matches gives the matches finditer gives, on sentences of ASCII and Devanagari (the fast path)
    and others (the finditer itself)."""
    from pathlib import Path

    from extract.normalise import normalise

    pats = events._patterns()
    texts = ["PWD न्यू सर्किट हाउस में जेम कार्यशाला आयोजित", "at the Vigyan BHAWAN, New Delhi; HALLmark hall",
             "कन्वेंशन   सेंटर में, Convention\tCentre and convention centrex", "Workshops WORKSHOP workshopx training  Camp held",
             "प्रशिक्षण शिविरों में शिविर लगाया", "a ſeminar at the Houſe", "Hotel Kहाउस", "xHotel hotelहाउसहाउस", ""]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    for folder in (corpus, corpus / "real", corpus / "written"):
        for path in sorted(folder.glob("*.txt")):
            texts += normalise(path.read_text(encoding="utf-8")).norm.splitlines()
    matched = 0
    for pattern, key in ((pats.venue, "venue_heads"), (pats.generic, "generic_heads"), (pats.held, "held_words")):
        for text in texts:
            for start in {0, len(text) // 3}:  # from inside the text too: the look-behind
                plain = [m.span() for m in pattern.finditer(text, start, len(text))]
                fast = [m.span() for m in events._word_matches(pattern, pats.firsts[key], text, start, len(text))]
                assert fast == plain, (key, text, start)
                first = events._word_matches(pattern, pats.firsts[key], text, start, len(text), True)
                assert [m.span() for m in first] == plain[:1]
                matched += len(plain)
    assert matched > 100


def test_a_slice_may_hold_is_false_only_where_the_length_pattern_finds_nothing():
    """_extend_back skips the length pattern where the slice's plain_lowered copy holds no length word: on texts of ASCII and Devanagari (the
    gate) and others (ſ, K: no gate), from inside the text too."""
    from pathlib import Path

    from extract.normalise import normalise

    pats = events._patterns()
    texts = ["एक दिवसीय ", "a two-DAY ", "three-Days\t", "दो दिवसीया  ", "a two-daſ ", "x ", "पांचदिवसीय ", ""]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    for folder in (corpus, corpus / "real", corpus / "written"):
        for path in sorted(folder.glob("*.txt")):
            norm = normalise(path.read_text(encoding="utf-8")).norm
            texts += [norm[max(0, i - 30):i] for i in range(0, len(norm), 7)]
    gated = found = 0
    for text in texts:
        for start in {0, len(text) // 2}:
            hit = pats.length.search(text, start, len(text))
            found += hit is not None
            low = events.plain_lowered(text, start, len(text))
            if low is not None and not any(w in low for w in pats.firsts["length_words"]):
                gated += 1
                assert hit is None, text
    assert gated > 100 and found > 3


def _outermost_pairwise(named, spans):
    """The pairwise loop _add_outermost stands for (quadratic in the spans of a sentence)."""
    for s, e in named:
        inside_other = any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in named + [x[:2] for x in spans])
        if not inside_other and not any(s2 <= s < e2 for s2, e2, _ in spans) and (s, e, False) not in spans:
            spans.append((s, e, False))


def test_the_outermost_named_spans_are_those_of_the_pairwise_test():
    """_add_outermost keeps exactly the named spans the pairwise test kept (nested, equal, empty and
    overlapping spans, with and without quoted ones), in the same order."""
    import random

    from extract.extractors.events import _add_outermost

    rng = random.Random(3)
    for _ in range(30000):
        width = rng.randrange(1, 12)

        def span():
            a = rng.randrange(width)
            return a, a + rng.randrange(0, 5)

        named = [span() for _ in range(rng.randrange(0, 7))]
        quoted = [(*span(), True) for _ in range(rng.randrange(0, 3))]
        want, got = list(quoted), list(quoted)
        _outermost_pairwise(named, want)
        _add_outermost(named, got)
        assert got == want, (named, quoted)

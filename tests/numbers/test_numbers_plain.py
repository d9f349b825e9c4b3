"""The plain-text shortcuts of the number layer give what the general paths give: the tokenizer of a
text whose letters are all ASCII or Devanagari, its letter class, the word the walk hands to the
scanner, the step kept between the run of number tokens and the words after it, and the lone
number word dropped before the modified-noun search."""
from __future__ import annotations

import regex
from hypothesis import given, settings, strategies as st

from extract.normalise import normalise
from extract.numbers import find_numbers
from extract.numbers import expressions
from extract.numbers.phrases import _PLAIN_LETTERS, _PLAIN_TOKEN, Words, word_tokens
from extract.numbers.words import WORD_TOKEN

PIECES = ["एक", "दो", "लाख", "करोड़", "कऱोड", "ज़", "ं", "ा", "्", "।", "॥", "०", "५", "ॐ", "ऽ", "one", "lakh", "Rs",
          "x", "50", "1,500", "2.5", "₹", "$", "~", "-", "'", ",", ".", "(", " ", "  ", "\n", "\t", "%", "é"]


def _kept(tokenizer):
    """The tables find_in keeps for the texts of `tokenizer`."""
    state = expressions._state()
    return state.plain if tokenizer is _PLAIN_TOKEN else state.full


def test_plain_letter_class_is_the_letters_and_marks_of_ascii_and_devanagari():
    letters = regex.compile(r"[\p{L}\p{M}]")
    plain = regex.compile(f"[{_PLAIN_LETTERS}]")
    for cp in [*range(0x80), *range(0x900, 0x980)]:
        c = chr(cp)
        assert bool(plain.match(c)) == bool(letters.match(c)), hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=16))
def test_plain_tokenizer_gives_the_tokens_of_word_token(parts):
    norm = normalise("".join(parts)).norm
    tokens = [m.span() for m in WORD_TOKEN.finditer(norm)]
    if word_tokens(norm) is _PLAIN_TOKEN:
        assert [m.span() for m in _PLAIN_TOKEN.finditer(norm)] == tokens
        words = Words(norm, True)
        for s, e in tokens:  # the word the walk hands the scanner (find_in) is the one Words reads there
            if not ("0" <= norm[s] <= "9" or norm[s] in "₹$€£~"):
                assert words.get(s) == (e, norm[s:e].lower().replace("\u093c", ""))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["Ω", "ñ", "α", "5x", "x2", "   "]), min_size=1, max_size=16))
def test_chunks_between_spaces_give_the_tokens_of_the_text(parts):
    """find_in cuts the text at its spaces and each chunk into its tokens (kept per chunk in the
    table of the text's tokenizer): together, the tokens the tokenizer finds in the text;
    and from any offset inside a token, the tokenizer finds that token's tail (what find_in takes
    when an expression ends inside a token)."""
    norm = normalise("".join(parts)).norm
    tokenizer = word_tokens(norm)
    want = [(m.start(), m.group()) for m in tokenizer.finditer(norm)]
    assert want == [(m.start(), m.group()) for m in WORD_TOKEN.finditer(norm)]
    chunks = _kept(tokenizer).chunks
    got, at = [], 0
    for chunk in norm.split(" "):
        toks = chunks.get(chunk)
        if toks is None:
            toks = expressions._chunk_tokens(chunk, tokenizer, chunks)
        got += [(at + rel, t) for rel, t in toks]
        at += len(chunk) + 1
    assert got == want
    for s, t in want:
        for pos in range(s + 1, s + len(t)):
            m = tokenizer.search(norm, pos)
            assert (m.start(), m.group()) == (pos, norm[pos:s + len(t)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["Ω", "ñ", "5x", "x2", "   ", "प्रतिशतांक", "abcdefghijkl", "a,b,c,d,e,f,g,h"]),
                min_size=1, max_size=24))
def test_tokens_ahead_are_what_findall_finds(parts):
    """find_in's look-ahead after a token (the few words after a prefix word or a cardinal) reads
    the tokens kept per chunk: the same as the tokenizer's findall up to a limit, the last token cut
    there."""
    norm = normalise("".join(parts)).norm
    tokenizer = word_tokens(norm)
    chunks = _kept(tokenizer).chunks
    pieces, cs = norm.split(" "), 0
    for k, chunk in enumerate(pieces):
        toks = expressions._chunk_tokens(chunk, tokenizer, chunks)
        for i, (rel, t) in enumerate(toks):
            e = cs + rel + len(t)
            for reach in (1, 5, 12, 40):
                for count in (1, 2, 3):
                    got = expressions._tokens_ahead(pieces, k, cs, toks, i + 1, e, e + reach, count, tokenizer, chunks)
                    assert got == tokenizer.findall(norm, e, e + reach)[:count], (norm, e, reach, count)
        cs += len(chunk) + 1


def test_lone_number_word_of_one_is_dropped_unless_something_types_it():
    assert find_numbers("एक बड़ा अवसर") == [] and find_numbers("one of the best") == []
    assert find_numbers("एक महिला स्वयं सहायता समूह") == []
    assert [e.kind for e in find_numbers("two, three and four states")] == ["count", "count", "count"]
    assert [e.kind for e in find_numbers("22 लाख विक्रेता")] == ["count"]
    assert [(e.kind, e.value) for e in find_numbers("500 से 600 करोड़")] == [("money_inr", 5_000_000_000)]


def test_each_thread_scans_with_its_own_words():
    """The scanner keeps the Words of the text it scans per thread: a scan writes to them."""
    import threading

    from extract.numbers import expressions

    sc = expressions._scan()
    here = sc.words("5 लाख")
    there = []
    t = threading.Thread(target=lambda: there.append(sc.words("7 करोड़")))
    t.start()
    t.join()
    assert there[0] is not here and here.norm == "5 लाख" and there[0].norm == "7 करोड़"


def test_threads_scanning_at_once_read_what_one_thread_reads():
    import sys
    import threading

    texts = [f"{i} लाख करोड़ के ऑर्डर, Rs {i}.5 crore in FY2{i % 10}-2{(i + 1) % 10} और एक लाख विक्रेता" for i in range(60)]
    serial = [find_numbers(t) for t in texts]
    results: dict[int, list] = {}
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
    try:
        def work(k: int) -> None:
            results[k] = [find_numbers(t) for t in texts[k::4]]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    for k in range(4):
        assert results[k] == serial[k::4]

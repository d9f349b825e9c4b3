"""The working copy and its offset map: every span of the working copy maps back to original text
that normalises to exactly that span (property), and the rewrites the matchers rely on."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalise import fold, normalise, rewrites

# text drawn from the characters the normaliser rewrites, Devanagari, digits and spaces
ALPHABET = st.sampled_from(list("करोड़ड़ढ़ज़फ़ग़क़ ०१२३४५६७८९0123456789,.।-–’‘“”\u00a0\u200b\u200c\u200d\u00ad\u202fabc\n"))


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.data())
def test_span_maps_back_to_its_original(text, data):
    nt = normalise(text)
    n = len(nt.norm)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    s, e = nt.span(start, end)
    assert 0 <= s <= e <= len(text)
    if end > start:
        assert normalise(text[s:e]).norm == nt.norm[start:end]
    assert nt.to_norm(s, e)[0] <= start


CASES = [
    # (text, working copy)
    ("करो\u095c", "करोड\u093c"),  # precomposed ड़ becomes ड + nukta
    ("४२,५३२ करोड़", "42,532 करोड़"),
    ("7,900\u00a0करोड़", "7,900 करोड़"),
    ("ज\u200dेम", "जेम"),
    ("‘जेम’ – “GeM”", "'जेम' - \"GeM\""),
    ("50\u2032", "50'"),
]


def test_rewrites():
    for text, norm in CASES:
        assert normalise(text).norm == norm, text


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_rewrites_tells_whether_the_working_copy_differs(text):
    assert rewrites(text) == (normalise(text).norm != text)


def test_fold_is_the_contract_normalisation():
    assert fold("  करो\u095c   रुपये ") == fold("करोड\u093c रुपये")
    assert fold("GeM  Samvad") == "gem samvad"


def test_script_counts_are_the_scripts_letters():
    """script_counts counts the characters of the Devanagari and the Latin script, whichever way it
    counts them (UTF-8 bytes where the text holds nothing else of either script)."""
    import regex

    from extract.normalise import script_counts

    dev, lat = regex.compile(r"\p{Devanagari}"), regex.compile(r"\p{Latin}")

    def expected(t: str) -> tuple[int, int]:
        return len(dev.findall(t)), len(lat.findall(t))

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for c in chars[:0x3000] + chars[0xA800:0xA900] + chars[0xFF00:0xFF80]:
        assert script_counts(c) == expected(c), hex(ord(c))
        assert script_counts("क।" + c + " a") == expected("क।" + c + " a"), hex(ord(c))
    for i in range(0, len(chars), 4096):
        block = "".join(chars[i:i + 4096])
        assert script_counts(block) == expected(block)
    for t in ("", "abc", "जेम पोर्टल। GeM ₹ 1,200 करोड़ — “quote” •", "॥ ॑ ꣠ İ ª º"):
        assert script_counts(t) == expected(t)


def test_both_plain_counters_count_what_the_search_lets_through():
    """script_counts' two counters for a text _BEYOND finds nothing in (a loop over the characters,
    compiled; the UTF-8 bytes, pure Python) count the same letters, whichever mode runs the suite;
    the loop gives up (None) exactly where _BEYOND finds a character."""
    import regex

    from extract.normalise import _BEYOND, _counted_bytes, _counted_plain

    dev, lat = regex.compile(r"\p{Devanagari}"), regex.compile(r"\p{Latin}")
    for c in map(chr, [*range(0x3000), *range(0xA800, 0xA900), *range(0xFE00, 0xFF80), 0x1F600]):
        for t in (c, "क।" + c + " a", "ab" + c * 3):
            plain = _counted_plain(t)
            if _BEYOND.search(t) is not None:
                assert plain is None, hex(ord(c))
            else:
                assert plain == _counted_bytes(t) == (len(dev.findall(t)), len(lat.findall(t))), hex(ord(c))


def test_working_copy_and_offsets_are_the_character_tables():
    """The working copy is the text with every character of the table rewritten (str.translate),
    and each working-copy character maps to the original character it came from."""
    import random

    from extract.normalise import _TABLE, normalise

    rng = random.Random(9)
    alphabet = [chr(cp) for cp in _TABLE] + list("ab क़ख\n.1")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        nt = normalise(text)
        assert nt.norm == text.translate(_TABLE)
        assert list(nt.to_orig) == [i for i, c in enumerate(text) for _ in _TABLE.get(ord(c), c)]


def test_normalised_text_is_the_dataclass_it_stands_for():
    # normalise builds its NormText without the __init__ call: it must compare, hash and read as one
    from extract.normalise import NormText

    for text in ("500 crore", "५०० करोड़", "a\u00a0b", "x\u200by", ""):
        nt = normalise(text)
        made = NormText(nt.text, nt.norm, nt.to_orig)
        assert nt == made and hash(nt) == hash(made) and repr(nt) == repr(made)
        assert nt.text == text


def test_fold_of_ascii_text_is_the_full_fold():
    """fold's ASCII shortcut (whitespace and case only) gives what NFC + the working-copy rewrite +
    whitespace + case give, for every ASCII text of one or two characters and longer random ones."""
    import random
    import unicodedata

    from extract.normalise import fold, normalise

    def full(s: str) -> str:
        return " ".join(normalise(unicodedata.normalize("NFC", s)).norm.split()).casefold()

    rng = random.Random(5)
    texts = [chr(a) + chr(b) for a in range(128) for b in range(128)] + [chr(a) for a in range(128)]
    texts += ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(1, 40))) for _ in range(2000)]
    assert [fold(t) for t in texts] == [full(t) for t in texts]


def test_the_working_copy_is_a_plain_str_whatever_the_text_class():
    """NormText.norm is a plain str, a str subclass's text too (the compiled modules type it so):
    with or without a rewrite, and with the same characters."""
    class Text(str):
        pass

    for t in ("Rs 5 crore", "५ करोड़", "जेम\u00a0पोर्टल"):
        nt = normalise(Text(t))
        assert type(nt.norm) is str and nt.norm == normalise(t).norm

"""Property tests of the number layer: random amounts rendered the ways copy writes them read back
to the same exact value, and offsets always point into the input, whatever the input."""
from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from extract.numbers import find_numbers
from extract.numbers.expressions import _MAX_VALUE as MAX_VALUE

# NUMBERS_PROPERTY_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast
SETTINGS = settings(max_examples=int(os.environ.get("NUMBERS_PROPERTY_EXAMPLES", "250")), deadline=None)

DEV = str.maketrans("0123456789", "०१२३४५६७८९")
HI_WORDS = {
    1: ["एक"], 2: ["दो"], 3: ["तीन"], 4: ["चार"], 5: ["पांच", "पाँच"], 6: ["छह"], 7: ["सात"], 8: ["आठ"], 9: ["नौ"],
    10: ["दस"], 11: ["ग्यारह"], 12: ["बारह"], 13: ["तेरह"], 14: ["चौदह"], 15: ["पंद्रह", "पन्द्रह"], 16: ["सोलह"],
    17: ["सत्रह"], 18: ["अठारह"], 19: ["उन्नीस"], 20: ["बीस"], 21: ["इक्कीस"], 22: ["बाईस"], 23: ["तेईस"], 24: ["चौबीस"],
    25: ["पच्चीस"], 26: ["छब्बीस"], 27: ["सत्ताईस"], 28: ["अट्ठाईस"], 29: ["उनतीस"], 30: ["तीस"], 31: ["इकतीस"],
    32: ["बत्तीस"], 33: ["तैंतीस"], 34: ["चौंतीस"], 35: ["पैंतीस"], 36: ["छत्तीस"], 37: ["सैंतीस"], 38: ["अड़तीस"],
    39: ["उनतालीस"], 40: ["चालीस"], 41: ["इकतालीस"], 42: ["बयालीस"], 43: ["तैंतालीस"], 44: ["चवालीस"], 45: ["पैंतालीस"],
    46: ["छियालीस"], 47: ["सैंतालीस"], 48: ["अड़तालीस"], 49: ["उनचास"], 50: ["पचास"], 51: ["इक्यावन"], 52: ["बावन"],
    53: ["तिरेपन"], 54: ["चौवन"], 55: ["पचपन"], 56: ["छप्पन"], 57: ["सत्तावन"], 58: ["अट्ठावन"], 59: ["उनसठ"],
    60: ["साठ"], 61: ["इकसठ"], 62: ["बासठ"], 63: ["तिरसठ"], 64: ["चौंसठ"], 65: ["पैंसठ"], 66: ["छियासठ"],
    67: ["सड़सठ"], 68: ["अड़सठ"], 69: ["उनहत्तर"], 70: ["सत्तर"], 71: ["इकहत्तर"], 72: ["बहत्तर"], 73: ["तिहत्तर"],
    74: ["चौहत्तर"], 75: ["पचहत्तर"], 76: ["छिहत्तर"], 77: ["सतहत्तर"], 78: ["अठहत्तर"], 79: ["उन्यासी"], 80: ["अस्सी"],
    81: ["इक्यासी"], 82: ["बयासी"], 83: ["तिरासी"], 84: ["चौरासी"], 85: ["पचासी"], 86: ["छियासी"], 87: ["सत्तासी"],
    88: ["अट्ठासी"], 89: ["नवासी"], 90: ["नब्बे"], 91: ["इक्यानवे"], 92: ["बानवे"], 93: ["तिरानवे"], 94: ["चौरानवे"],
    95: ["पचानवे"], 96: ["छियानवे"], 97: ["सत्तानवे"], 98: ["अट्ठानवे"], 99: ["निन्यानवे", "निन्यानबे"],
}
EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
HI_SCALES = [("हजार", 1000), ("हज़ार", 1000), ("लाख", 10**5), ("करोड़", 10**7), ("करोड", 10**7), ("अरब", 10**9),
             ("लाख करोड़", 10**12), ("हजार करोड़", 10**10)]
EN_SCALES = [("thousand", 1000), ("lakh", 10**5), ("lakhs", 10**5), ("crore", 10**7), ("cr", 10**7), ("million", 10**6),
             ("billion", 10**9), ("lakh crore", 10**12)]
CUR_BEFORE = ["₹", "₹ ", "Rs ", "Rs. ", "Rs.", "INR ", "रु. "]
CUR_AFTER = [" रुपये", " रुपए", " रूपये", " rupees"]


def indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head] + groups + [tail])


def hindi_words(n: int, draw) -> str:
    """1 <= n <= 99999 in Hindi words (N हजार M सौ K)."""
    parts = []
    th, rest = divmod(n, 1000)
    hu, un = divmod(rest, 100)
    if th:
        parts += [draw(st.sampled_from(HI_WORDS[th])), draw(st.sampled_from(["हजार", "हज़ार"]))]
    if hu:
        parts += [draw(st.sampled_from(HI_WORDS[hu])), "सौ"]
    if un:
        parts.append(draw(st.sampled_from(HI_WORDS[un])))
    return " ".join(parts)


def english_below_100(n: int, draw) -> str:
    if n < 20:
        return EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return EN_TENS[tens] + (draw(st.sampled_from(["-", " "])) + EN_UNITS[unit] if unit else "")


def english_words(n: int, draw) -> str:
    """1 <= n <= 999."""
    hu, rest = divmod(n, 100)
    parts = []
    if hu:
        parts += [EN_UNITS[hu], "hundred"]
        if rest:
            parts.append(draw(st.sampled_from(["and", ""])))
    if rest:
        parts.append(english_below_100(rest, draw))
    return " ".join(p for p in parts if p)


@st.composite
def amounts(draw):
    """(rendering, exact value): a number in digits or words, a scale word, a currency marker."""
    style = draw(st.sampled_from(["ascii", "devanagari", "mixed", "indian", "western", "decimal", "hindi", "english"]))
    if style in ("hindi", "english"):
        n = draw(st.integers(1, 99999 if style == "hindi" else 999))
        body = hindi_words(n, draw) if style == "hindi" else english_words(n, draw)
        scales = HI_SCALES if style == "hindi" else EN_SCALES
        if n >= 1000:  # "दो हजार पच्चीस हजार" is no way to write a number
            scales = [(w, m) for w, m in scales if not w.startswith("हज")]
        value: int | Decimal = n
    elif style == "decimal":
        whole, frac = draw(st.integers(0, 99999)), draw(st.integers(1, 99))
        body = f"{whole}.{frac:02d}".rstrip("0")
        value = Decimal(body)
        scales = HI_SCALES + EN_SCALES
    else:
        n = draw(st.integers(1, 10**9))
        value = n
        if style == "ascii":
            body = str(n)
        elif style == "devanagari":
            body = str(n).translate(DEV)
        elif style == "mixed":
            body = "".join(c.translate(DEV) if draw(st.booleans()) else c for c in str(n))
        elif style == "indian":
            body = indian(n)
        else:
            body = f"{n:,}"
        scales = HI_SCALES + EN_SCALES
    scale, mult = draw(st.sampled_from(scales))
    if style in ("hindi", "english"):
        currency_kind = draw(st.sampled_from(["none", "after"] if style == "hindi" else ["none", "before", "after"]))
    else:
        currency_kind = draw(st.sampled_from(["none", "before", "after"]))
    text = f"{body} {scale}"
    if currency_kind == "before":
        text = draw(st.sampled_from(CUR_BEFORE)) + text
    elif currency_kind == "after":
        text += draw(st.sampled_from(CUR_AFTER))
    total = value * mult
    if isinstance(total, Decimal) and total == total.to_integral_value():
        total = int(total)
    return text, total


@SETTINGS
@given(amounts(), st.sampled_from(["", "कुल ", "the total of ", "(", "जेम पर "]),
       st.sampled_from(["", " की खरीद", " of orders.", ")", "।"]))
def test_rendered_amounts_read_back_exactly(amount, before, after):
    rendering, value = amount
    text = before + rendering + after
    found = find_numbers(text)
    if value > MAX_VALUE:  # an absurd amount is no expression (issue 8.5)
        assert found == [], (text, found)
        return
    assert len(found) == 1, (text, found)
    (e,) = found
    assert e.text == rendering, text
    assert (e.start, e.end) == (len(before), len(before) + len(rendering))
    assert e.value == value and type(e.value) is type(value), (text, e.value, value)


NASTY = st.sampled_from(list("0123456789०१२३४५६७८९,.-–:/%′'₹$ \n\u00a0\u200b\u200dकरोड़लाखहजार\u095c\u095b\u093cसेअधिकतकRsINRcrore"))


@SETTINGS
@given(st.one_of(st.text(), st.text(alphabet=NASTY, max_size=80),
                 st.lists(st.sampled_from(["1,24,761", "करो\u095c", "लगभग", "से अधिक", "2024-25", "FY23", "₹", "Rs.",
                                           "डेढ़", "सवा", "तीन", "सौ", "lakh", "crore", "-", "से", "%", "′", " ", "\n",
                                           "9 अगस्त", "6:03 PM", "शीर्ष", "में से", "x", "गुना", "ऑर्डर", "के"]),
                          max_size=25).map("".join)))
def test_offsets_always_point_into_the_input(text):
    exprs = find_numbers(text)
    for e in exprs:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert type(e.value) in (int, Decimal)
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:]))

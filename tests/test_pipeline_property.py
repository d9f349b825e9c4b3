"""A hypothesis campaign over the whole pipeline: random Devanagari, Latin, digits and combining
marks, the words records are made of, CR/LF/CRLF line ends and long lines go through
`pipeline.process`. No article may fail, every record keeps its provenance
(text[start:end] == evidence), and cost stays linear (8x the input well under 16x the CPU time)."""
from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from extract import pipeline
from extract.text.reader import Source

from .conftest import CORPUS, best_time

WORDS = [
    # the vocabulary records are made of, in both scripts, with digits in both scripts
    "जेम", "GeM", "पोर्टल", "करोड़", "करोड", "लाख", "हजार", "रुपये", "रुपए", "रु.", "₹", "Rs.", "Rs", "INR", "crore",
    "lakh", "million", "के", "की", "से", "अधिक", "लगभग", "करीब", "over", "about", "up to", "झारखंड", "Jharkhand",
    "उत्तर प्रदेश", "Tamil Nadu", "रांची", "Ranchi", "मुख्यमंत्री", "Chief Minister", "सचिव", "Secretary", "श्री",
    "Shri", "डॉ.", "Dr.", "स्वर्ण", "Gold", "पुरस्कार", "award", "सम्मान", "सम्मेलन", "summit", "विक्रेता", "sellers",
    "ऑर्डर", "orders", "खरीद", "procurement", "वित्त वर्ष", "FY", "2023-24", "2024-25", "अब तक", "so far",
    "एमएसई", "MSE", "महिला", "women", "तिहत्तर", "डेढ़", "ढाई", "साढ़े", "सवा", "एक", "दो", "सौ", "%", "प्रतिशत",
    "1", "42", "7,900", "1,23,456", "3.5", "१२", "४२,५३२", "०.५", "2024", "जनवरी", "March", "15",
]
SENTENCES = sorted({s.strip() for f in sorted(CORPUS.glob("*.txt"))
                    for s in re.split(r"(?<=[।.!?])\s+|\n+", f.read_text(encoding="utf-8")) if len(s.strip()) > 20})
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(SENTENCES),
    st.text(alphabet=st.characters(min_codepoint=0x0900, max_codepoint=0x097F), min_size=1, max_size=8),
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Mn", "Po", "Zs")), min_size=1, max_size=6),
    st.sampled_from(["।", ".", ",", "!", "?", ":", "-", "(", ")", "\"", "'", "॥", "\u200d", "\u200c", "\xa0", "़"]),
)
BREAKS = st.sampled_from([" ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "।\n", ". ", "\t"])


@st.composite
def articles(draw) -> str:
    parts = draw(st.lists(st.tuples(PIECES, BREAKS), min_size=1, max_size=120))
    text = "".join(p + b for p, b in parts)
    if draw(st.booleans()):  # a long line: one paragraph repeated without a break
        text = text.replace("\r", " ").replace("\n", " ") * draw(st.integers(1, 4))
    return text


ARTICLES = [f.read_text(encoding="utf-8") for f in sorted(CORPUS.glob("*.txt"))]


@st.composite
def mutated_articles(draw) -> str:
    """A corpus article with its line ends rewritten (CR, CRLF, none) and random pieces spliced in."""
    text = draw(st.sampled_from(ARTICLES))
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r", " ", "\n\n"])))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        piece = draw(PIECES) + draw(BREAKS)
        cut = draw(st.integers(0, 30))
        text = text[:at] + piece + text[at + cut:]
    return text


def _check(text: str) -> pipeline.ArticleResult:
    result = pipeline.process(Source("generated", "generated.txt", text, "0" * 64))
    assert result.row["status"] == "ok", result.row["error"]
    for kind, recs in result.records.items():
        for r in recs:
            assert text[r.start:r.end] == r.evidence, (kind, r)
            assert r.evidence in r.context, (kind, r)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_text_gives_records_with_provenance_and_no_failure(text):
    _check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_articles())
def test_real_articles_with_odd_line_ends_and_splices_keep_provenance(text):
    _check(text)


def _generated(rng: random.Random, size: int) -> str:
    """Article-like text of about `size` characters: sentences of the vocabulary, paragraphs."""
    out, n = [], 0
    while n < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 16))]
        sentence = " ".join(words) + rng.choice(["।", ".", "।", " |"]) + rng.choice([" ", "\n", "\n\n", "\r\n"])
        out.append(sentence)
        n += len(sentence)
    return "".join(out)


def _cpu(text: str) -> float:
    return best_time(_check, text)


def test_cost_is_linear_in_the_input():
    """8x the text costs well under 16x the CPU time (a ratio, never an absolute time)."""
    rng = random.Random(8)
    small = _generated(rng, 6_000)
    large = "".join(_generated(rng, 6_000) for _ in range(8))
    _check(small)  # warm caches
    ratio = _cpu(large) / max(_cpu(small), 1e-3)
    assert ratio < 16, f"8x the input took {ratio:.1f}x the time"

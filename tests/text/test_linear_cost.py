"""Issue 8.3: the analysed article and the extractors that read it cost time linear in the text.
Measured as a ratio (4x the text must cost well under 16x, what a quadratic step would give),
never as absolute time; the best of a few runs evens out a busy machine."""
from __future__ import annotations

from pathlib import Path

from extract.extractors import awards, events, states
from extract.text import reader
from extract.text.document import build

from ..conftest import best_time

CORPUS = Path(__file__).parent.parent.parent / "corpus" / "real"


def _analyse(text: str) -> None:
    doc = build(reader.Source("x", "", text, ""))
    for s in doc.sentences:  # what the fact extractors do per sentence
        doc.numbers_in(s)
        doc.states_in(s.nstart, s.nend)
    states.extract(doc), awards.extract(doc), events.extract(doc)


def _cost(text: str) -> float:
    return best_time(_analyse, text)


def test_document_and_mentions_cost_linear_time():
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:8])
    _cost(base)  # warm up: rules, tokenizers
    small, large = _cost(base * 2), _cost(base * 8)
    print(f"2x: {small:.3f}s, 8x: {large:.3f}s, ratio {large / small:.1f}")
    assert large / small < 8, (small, large)

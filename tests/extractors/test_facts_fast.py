"""The fast paths of facts.py give what the plain ways give: the reading plan
leaves out only sentences with nothing to read (no figure, no period, no purchase date: what their
full analysis finds; or no figure, no purchase date and no figure after them to read their periods), hands
out the kept analysis, and the readers read from it what they read from every sentence's full reading; a pattern compiled on first use reads as
the compiled one; a phrase's tokens skip the working copy only where the rewrite changes nothing; the
cue trie built from each state's forms once holds every form's phrase."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import lexicon
from extract.extractors import facts
from extract.normalise import normalise
from extract.text import document, reader

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _docs():
    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "real").glob("*.txt"))
    if not paths:
        pytest.skip("no corpus")
    return [document.build(reader.load(p)) for p in paths]


def _nothing_to_read(doc, sent) -> bool:
    sf = facts.analysed(doc, sent)
    return sf.figs == [] and sf.explicit() == [] and facts.purchase_month(doc, sent) == ""


def test_plan_is_body_then_headlines_and_leaves_out_only_sentences_with_nothing_to_read():
    for doc in _docs():
        plan = facts.plan(doc)
        sentences, analyses, n_body = plan
        body = [s for s in doc.sentences if not s.display]
        display = [s for s in doc.sentences if s.display]
        assert sentences == body + display and n_body == len(body) and len(analyses) == len(sentences)
        last = max((k for k, sf in enumerate(analyses) if sf is not None and sf.figs), default=-1)
        for k, (sent, sf) in enumerate(zip(sentences, analyses)):
            assert (k >= n_body) == sent.display
            if sf is None:
                full = facts.analysed(doc, sent)
                assert _nothing_to_read(doc, sent) or (
                    not full.figs and facts.purchase_month(doc, sent) == "" and (k > last or k >= n_body))
            else:
                assert sf is facts.analysed(doc, sent)
        assert facts.plan(doc) is plan  # worked out once


def test_plan_leaves_a_quiet_sentence_quiet_even_when_analysed_before():
    for doc in _docs()[:6]:
        fresh = document.build(doc.source)
        for sent in doc.sentences:
            facts.analysed(doc, sent)  # every sentence analysed before the plan is made
        _, analyses, _ = facts.plan(doc)
        _, fresh_analyses, _ = facts.plan(fresh)
        assert [sf is None for sf in analyses] == [sf is None for sf in fresh_analyses]


@pytest.mark.parametrize("phrase", ["so far", "Government of Uttar Pradesh", "ड़ी खरीद", "ड़ी", "१२ करोड़",
                                    "GeM’s launch", "a\u00a0b", "x\u200by", "Straße ǅ İ", "a\0B", "", "  ", "क़ानून"])
def test_a_phrase_tokens_as_its_working_copy(phrase):
    plain = tuple(t.casefold() for t in facts._TOKEN.findall(normalise(phrase).norm))
    assert facts._tokens(phrase) == plain


def test_cue_trie_of_each_state_form_once_is_the_trie_of_every_form():
    index = facts.cues().index
    forms = [f for e in lexicon.states().by_form.values() for f in e.data["forms"]]
    for template in ("{STATE} सरकार", "Government of {STATE}"):
        for form in forms:
            node = index.trie
            for tok in facts._tokens(template.replace("{STATE}", form)):
                node = node[tok]
            assert node[None]  # every form's phrase is in the trie


@pytest.mark.parametrize("text", [
    "जेम पोर्टल पर खरीद 14 फरवरी, 2024 तक पूरी हुई।", "Up to November 24, 2022 the portal grew.",
    "पिछले 76 दिनों में पोर्टल ने काम किया।", "In the last  90 days the portal grew.",
    "यह खरीदारी 9 जुलाई 2024 को हुई।", "The order was placed on 9 July 2024.",
    "The meeting was held on 9 July 2024.", "पोर्टल की शुरुआत 9 अगस्त 2016 को हुई थी।", "बैठक 76 दिनों तक चली।",
    "यह खरीदारी ﬁscal 9 जुलाई 2024 को।", "Till 5 March 2024, UNTIL 6 March 2024."])
def test_a_sentence_with_no_figure_is_quiet_only_with_nothing_to_read(text):
    """The dating gate (_may_date, _may_name_period) lets pass every sentence with no figure that names a
    period or dates a purchase through its numbers; the plan hands out exactly those."""
    doc = document.build(reader.Source("x", "", text, ""))
    for sent in doc.sentences:
        fresh = facts.analysed(document.build(doc.source), sent)
        reads = bool(fresh.figs or fresh.explicit() or facts.purchase_month(doc, sent, fresh))
        assert (not facts.quiet(doc, sent)) == reads, sent


def test_the_readers_read_from_the_plan_what_they_read_from_every_sentence():
    """A sentence the plan leaves out for want of a figure after it changes no order value and no count."""
    from extract.extractors import counts, order_values
    docs = _docs()
    for doc in docs:
        full = document.build(doc.source)
        df = facts._doc_facts(full)
        df._plan = (df.order, [df.unless_quiet(s) for s in df.order], df.n_body)  # every sentence's full reading
        assert order_values.extract(doc) == order_values.extract(full)
        assert counts.extract(doc) == counts.extract(full)


@pytest.mark.parametrize("phrases,text,held", [
    (set(), "अब तक 5 करोड़ के ऑर्डर", False),  # no phrases: no text holds one (an empty trie matched everywhere)
    ({("अब", "तक")}, "अब  तक 5 करोड़", True),
    ({("अब", "तक")}, "तक अब 5 करोड़", False),  # not in order
    ({("this", "fiscal")}, "in this\tfiscal year", True),
    ({("this", "fiscal")}, "in thisfiscal", True),  # blanks or none between: a gate may let more through
    ({("last", "year"), ("this", "year")}, "sales this year", True),
])
def test_a_phrase_gate_holds_its_phrases_in_order(phrases, text, held):
    assert facts.PhraseGate(phrases).may_hold(text.casefold()) is held

"""The romaniser's rules (lexicon/english.py) on names, as a table: schwa deletion, clusters, व as
w or v, ज्ञ. Words go through romanise_word directly, so the name tables of rules/people.toml
play no part: these are the spellings the rules give to names no table lists."""
from __future__ import annotations

import pytest

from extract.lexicon.english import name_en, romanise_word

RULES = [
    ("अहिरवार", "ahirwar"),     # वा after a silent a
    ("जसवंत", "jaswant"),
    ("शिवानी", "shivani"),      # वा after a spoken vowel stays v
    ("स्वाति", "swati"),         # व in a cluster
    ("सर्वेश", "sarvesh"),       # but v after reph
    ("अमरप्रीत", "amarprit"),     # a sonorant's a drops before a cluster
    ("परमजीत", "paramjit"),
    ("चैतन्य", "chaitanya"),      # final a after a य/र/व cluster is spoken
    ("रामचंद्र", "ramchandra"),
    ("जगन्नाथ", "jagannath"),    # no deletion before a doubled consonant
    ("ज्ञानेश्वर", "gyaneshwar"),   # ज्ञ
    ("जतिंदर", "jatinder"),      # -inder
    ("सुखविंदर", "sukhvinder"),
]


@pytest.mark.parametrize("word,latin", RULES)
def test_romanise_word(word, latin):
    assert romanise_word(word) == latin


@pytest.mark.parametrize("name,latin", [
    ("के. श्रीनिवासन", "K. Srinivasan"),
    ("आर के सिन्हा", "R K Sinha"),
    ("दिलीप कुमार अहिरवार", "Dilip Kumar Ahirwar"),
    ("मृदुल हजारिका", "Mridul Hazarika"),
])
def test_name_en_uses_the_usual_spellings(name, latin):
    assert name_en(name) == latin

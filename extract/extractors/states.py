"""States: each Indian state or union territory the article mentions as such, with its ISO code,
how often it is mentioned, and which one the article is about (`primary`).

Rule: states.mention (surface forms in rules/states.toml). Mentions in boilerplate do not count.
"""
from __future__ import annotations

from .. import lexicon
from ..text.document import Document
from ..records import StateRecord


def extract(doc: Document) -> list[StateRecord]:
    first: dict[str, object] = {}
    count: dict[str, int] = {}
    for m in doc.states:
        first.setdefault(m.key, m)
        count[m.key] = count.get(m.key, 0) + 1
    out = []
    for key, m in first.items():
        info = lexicon.state_info(key)
        out.append(StateRecord(
            **doc.provenance(m.nstart, m.nend, m.sentence, "states.mention"),
            state=key, state_hi=info["hi"], iso=info["iso"], primary=key == doc.primary_state, mentions=count[key],
        ))
    return out

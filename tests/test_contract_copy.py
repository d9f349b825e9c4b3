"""docs/contract.md is the output contract kept inside the repository; where the shared copy it
comes from sits beside the checkout (../shared/CONTRACT.md), the two must be the same text."""
from __future__ import annotations

import pytest
import regex

from extract.records import ARTICLE_COLUMNS, RECORD_TYPES

from .conftest import ROOT

CONTRACT = ROOT / "docs" / "contract.md"
SHARED = ROOT.parent / "shared" / "CONTRACT.md"


def test_contract_copy_matches_shared():
    if not SHARED.exists():
        pytest.skip(f"no shared contract at {SHARED} to compare with")
    assert CONTRACT.read_text(encoding="utf-8") == SHARED.read_text(encoding="utf-8"), \
        "docs/contract.md differs from ../shared/CONTRACT.md: copy the shared one over"


def _contract_columns() -> dict[str, list[str]]:
    """Columns per file from the contract's "Type columns" list and provenance table."""
    text = CONTRACT.read_text(encoding="utf-8")
    provenance = regex.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", text.split("### Type columns")[0], flags=regex.M)
    base = [c for pair in provenance for c in pair if c]
    files = {}
    for name, cols in regex.findall(r"^- `(\w+)\.csv`: (.+)$", text, flags=regex.M):
        own = [regex.match(r"`?(\w+)", c.strip()).group(1) for c in regex.split(r",(?![^(]*\))", cols)]
        files[name] = own if name == "articles" else base + own
    return files


def test_the_writer_writes_every_contract_column():
    contract = _contract_columns()
    assert set(contract) == set(RECORD_TYPES) | {"articles"}
    assert [c for c in contract["articles"] if c not in ARTICLE_COLUMNS] == []
    for kind, cls in RECORD_TYPES.items():
        assert [c for c in contract[kind] if c not in cls.columns()] == [], kind

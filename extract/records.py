"""Record types of the output contract (CONTRACT.md): one dataclass per CSV file.

Owns the column names and their order, and the stable record id. It does not know how
records are found (extractors) or how they are written (writer).

A record is a value: compared and hashed by its fields, never changed once made
(`dataclasses.replace` makes a changed copy). The classes are not `frozen=True` dataclasses only
because a frozen dataclass's __init__ sets each field through `object.__setattr__`, which made
creating a record (~20 fields) cost three times as much.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from hashlib import sha1
from operator import attrgetter

PROVENANCE_HEAD = ("article_id", "record_id")
PROVENANCE_TAIL = ("start", "end", "evidence", "context", "rule")
_COLUMNS: dict[type, tuple[str, ...]] = {}  # record type -> its CSV columns
_GETTERS: dict[type, "attrgetter"] = {}  # record type -> the getter of its columns after PROVENANCE_HEAD
_record = dataclass(kw_only=True, unsafe_hash=True)  # every record type: see the module's docstring


@_record
class Record:
    """Provenance shared by every record: text[start:end] == evidence, offsets into the file's text."""

    article_id: str
    start: int
    end: int
    evidence: str
    context: str
    rule: str

    kind = "record"  # overridden per type; also the record-id prefix

    def key(self) -> tuple:
        """What makes two records the same fact (one CSV row); subclasses override."""
        return (self.start, self.end)

    @property
    def record_id(self) -> str:
        """The kind's first two letters and 12 hex digits of the SHA-1 of article id, kind, offsets
        and `key()` (its repr), separated by U+001F."""
        kind = self.kind
        payload = f"{self.article_id}\x1f{kind}\x1f{self.start}\x1f{self.end}\x1f{self.key()!r}"
        return f"{kind[:2]}-{sha1(payload.encode()).hexdigest()[:12]}"

    @classmethod
    def type_columns(cls) -> tuple[str, ...]:
        base = {f.name for f in fields(Record)}
        return tuple(f.name for f in fields(cls) if f.name not in base)

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        cols = _COLUMNS.get(cls)
        if cols is None:  # worked out once per record type (row() asks for every record)
            cols = _COLUMNS[cls] = PROVENANCE_HEAD + cls.type_columns() + PROVENANCE_TAIL
        return cols

    def values(self) -> list:
        """The row's values in column order (`row()` without the column names)."""
        cls = type(self)
        get = _GETTERS.get(cls)
        if get is None:  # worked out once per record type
            get = _GETTERS[cls] = attrgetter(*cls.columns()[len(PROVENANCE_HEAD):])
        return [self.article_id, self.record_id, *get(self)]

    def row(self) -> dict:
        """Column -> value, in column order (`values()` with the column names)."""
        return dict(zip(self.columns(), self.values()))


@_record
class StateRecord(Record):
    kind = "states"
    state: str
    state_hi: str
    iso: str
    primary: bool
    mentions: int

    def key(self) -> tuple:
        return (self.state,)


@_record
class OfficialRecord(Record):
    kind = "officials"
    name: str
    name_en: str
    honorific: str
    designation: str
    designation_en: str
    organisation: str
    organisation_en: str
    state: str
    mentions: int = 1

    def key(self) -> tuple:
        return (self.name, self.designation_en, self.organisation)


@_record
class AwardRecord(Record):
    kind = "awards"
    tier: str
    tier_text: str
    award_name: str
    recipient: str
    recipient_en: str
    category: str
    category_en: str
    state: str

    def key(self) -> tuple:
        return (self.tier, self.recipient, self.category_en)


@_record
class OrderValueRecord(Record):
    kind = "order_values"
    inr: int
    amount_text: str
    qualifier: str
    role: str
    state: str
    counterparty: str
    segment: str
    period: str
    mentions: int = 1
    inr_high: int | str = ""  # upper end of a range ("500 से 600 करोड़"); empty otherwise

    def key(self) -> tuple:
        return (self.inr, self.role, self.state, self.counterparty, self.segment, self.period)


@_record
class CountRecord(Record):
    kind = "counts"
    value: int
    count_text: str
    qualifier: str
    unit: str
    state: str
    period: str
    mentions: int = 1

    def key(self) -> tuple:
        return (self.value, self.unit, self.state, self.period)


@_record
class EventRecord(Record):
    kind = "events"
    name: str
    name_en: str
    city: str
    venue: str
    state: str
    date: str
    mentions: int = 1

    def key(self) -> tuple:
        return (self.name,)


RECORD_TYPES: dict[str, type[Record]] = {
    cls.kind: cls
    for cls in (StateRecord, OfficialRecord, AwardRecord, OrderValueRecord, CountRecord, EventRecord)
}

ARTICLE_COLUMNS = (
    "article_id", "path", "lang", "title", "published", "publisher", "dateline",
    "chars", "sha256", "status", "error",
    "url", "text_path", "line",  # url: given with the article; text_path: OUT/texts/<id>.txt when the
    # offsets index a saved text (web pages, JSONL lines), not the file at `path`; line: of a JSONL archive
)

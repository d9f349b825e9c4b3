"""Correction round trip through Label Studio: `gem-extract export --format label-studio` and
`gem-extract import-review FILE --gold DIR`.

Owns the mapping between the output folder and Label Studio. Export writes OUT/label-studio/
tasks.json (one task per readable article: the text and the article's metadata as task data, the
records as a prediction) and config.xml (the labelling config). Each record is one labelled span
(`Labels` named "label", the label being its record type) at its original offsets, and each of
its type columns is a per-region control named `<type>__<column>` sharing the region's id (the
record_id): `Choices` for vocabulary and boolean columns, `TextArea` for the rest, shown only when
a region of that type is selected. Import reads a Label Studio JSON export back (the last
annotation of each task that was not cancelled, else its predictions) and writes one gold JSON per
article in the CONTRACT format. It does not score (evaluate.py) or extract.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from xml.sax.saxutils import quoteattr

from .. import __version__
from ..output.csvsafe import atomic_write, read_csv
from ..records import RECORD_TYPES
from .pages import COLOURS, load_records, load_source
from .verify import ARTICLES_FILE, BOOL_COLUMNS, INT_COLUMNS, VOCABULARIES, check_value

EXPORT_DIR = "label-studio"
LABEL = "label"   # the Labels control
TEXT = "text"     # the Text object and the task data key of the article text
ARTICLE_KEYS = ("title", "published", "publisher", "dateline")
TASK_KEYS = ("article_id", "lang", *ARTICLE_KEYS, "path", "sha256")


def control_name(kind: str, column: str) -> str:
    return f"{kind}__{column}"


def control_type(column: str) -> str:
    """'choices' for columns with a closed vocabulary (and booleans), else 'textarea'."""
    return "choices" if column in VOCABULARIES or column in BOOL_COLUMNS else "textarea"


def choices_of(column: str) -> tuple[str, ...]:
    if column in BOOL_COLUMNS:
        return ("true", "false")
    return tuple(w for w in VOCABULARIES[column] if w)


# ---------------------------------------------------------------- the labelling config

def config_xml() -> str:
    """The Label Studio labelling config for tasks written by `export`."""
    labels = "\n".join(
        f'    <Label value="{kind}" background="{COLOURS[kind][1]}"/>' for kind in RECORD_TYPES)
    views = "\n".join(_fields_view(kind) for kind in RECORD_TYPES)
    return (
        "<View>\n"
        '  <Header value="$title"/>\n'
        '  <Header value="$article_id" size="6"/>\n'
        f'  <Labels name="{LABEL}" toName="{TEXT}">\n{labels}\n  </Labels>\n'
        f'  <Text name="{TEXT}" value="${TEXT}" granularity="symbol"/>\n'
        f"{views}\n"
        "</View>\n"
    )


def _fields_view(kind: str) -> str:
    lines = [f'  <View visibleWhen="region-selected" whenTagName="{LABEL}" whenLabelValue="{kind}">',
             f'    <Header value="{kind}: fields of the selected region (empty = no value)"/>']
    for col in RECORD_TYPES[kind].type_columns():
        name = control_name(kind, col)
        lines.append(f'    <Header value="{col}" size="6"/>')
        if control_type(col) == "choices":
            opts = "".join(f'<Choice value="{w}"/>' for w in choices_of(col))
            lines.append(f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single" '
                         f'showInline="true">{opts}</Choices>')
        else:
            hint = "integer" if col in INT_COLUMNS else col
            lines.append(f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" maxSubmissions="1" '
                         f'editable="true" rows="1" placeholder={quoteattr(hint)}/>')
    lines.append("  </View>")
    return "\n".join(lines)


# ---------------------------------------------------------------- export

def record_results(kind: str, row: Mapping[str, str]) -> list[dict]:
    """One record as Label Studio results: its labelled span, then one result per non-empty field."""
    rid, start, end = row["record_id"], int(row["start"]), int(row["end"])
    span = {"start": start, "end": end}
    out = [{"id": rid, "from_name": LABEL, "to_name": TEXT, "type": "labels",
            "value": {**span, "text": row.get("evidence", ""), "labels": [kind]}}]
    for col in RECORD_TYPES[kind].type_columns():
        value = row.get(col, "")
        if value == "":
            continue
        ctype = control_type(col)
        payload = {"choices": [value]} if ctype == "choices" else {"text": [value]}
        out.append({"id": rid, "from_name": control_name(kind, col), "to_name": TEXT, "type": ctype,
                    "value": {**span, **payload}})
    return out


def build_task(article: Mapping[str, str], text: str, records: Sequence) -> dict:
    data = {TEXT: text, **{k: article.get(k, "") for k in TASK_KEYS}}
    result = []
    for rec in records:
        if rec.start is None or rec.end is None:
            raise ValueError(f"record {rec.rid} has unusable offsets")
        result += record_results(rec.kind, rec.row)
    return {"data": data, "predictions": [{"model_version": f"gem-extract {__version__}", "result": result}]}


@dataclass
class ExportResult:
    folder: Path
    tasks: int
    skipped: list[str]   # articles the pipeline could not read (status error): nothing to review
    problems: list[str]  # articles that should have been exported but could not be


def export(out_dir: str | Path) -> ExportResult:
    """Write OUT/label-studio/tasks.json and config.xml."""
    out = Path(out_dir)
    articles = sorted(read_csv(out / ARTICLES_FILE).rows, key=lambda a: a.get("article_id", ""))
    records = load_records(out)
    tasks, skipped, problems = [], [], []
    for article in articles:
        aid = article.get("article_id", "")
        if article.get("status") == "error":
            skipped.append(f"{aid}: status error ({article.get('error', '')})")
            continue
        source = load_source(article)
        if source.text is None or source.warning:
            problems.append(f"{aid}: {source.problem or source.warning}")
            continue
        try:
            tasks.append(build_task(article, source.text, records.get(aid, [])))
        except ValueError as exc:
            problems.append(f"{aid}: {exc}")
    folder = out / EXPORT_DIR
    atomic_write(folder / "tasks.json", json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    atomic_write(folder / "config.xml", config_xml())
    return ExportResult(folder, len(tasks), skipped, problems)


def export_command(args) -> int:
    """`gem-extract export --format label-studio --out DIR`: 1 when a readable article could not
    be exported (its source is missing or changed, or a record has unusable offsets)."""
    out = Path(args.out)
    if not (out / ARTICLES_FILE).is_file():
        print(f"gem-extract export: no {ARTICLES_FILE} in {out}; run the pipeline first")
        return 1
    res = export(out)
    print(f"{res.tasks} Label Studio task(s): {res.folder / 'tasks.json'}\n"
          f"labelling config: {res.folder / 'config.xml'}")
    for s in res.skipped:
        print(f"skipped {s}")
    for p in res.problems:
        print(f"problem: {p}")
    return 1 if res.problems else 0


# ---------------------------------------------------------------- import

@dataclass
class Region:
    kind: str = ""
    start: int = 0
    end: int = 0
    text: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    gold: list[dict]
    problems: list[str]


def chosen_result(task: Mapping) -> tuple[str, list[dict]]:
    """The results to import: the last annotation not cancelled, else the last prediction."""
    for ann in reversed(task.get("annotations") or []):
        if isinstance(ann, Mapping) and not ann.get("was_cancelled"):
            return "annotation", list(ann.get("result") or [])
    for pred in reversed(task.get("predictions") or []):
        if isinstance(pred, Mapping):
            return "prediction", list(pred.get("result") or [])
    return "none", []


def _utf16_to_cp(text: str) -> list[int]:
    """index -> code-point offset for every UTF-16 offset of `text` (JavaScript string offsets)."""
    table = []
    for i, ch in enumerate(text):
        table.extend([i] * (2 if ord(ch) > 0xFFFF else 1))
    table.append(len(text))
    return table


def resolve_offsets(text: str, start: int, end: int, shown: str | None) -> tuple[int, int] | None:
    """Code-point offsets of a region: as given when they cut out the region's text, else read
    as UTF-16 offsets (what a browser counts); None when neither agrees with the text."""
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    if shown is None or text[start:end] == shown:
        return (start, end) if 0 <= start <= end <= len(text) else None
    table = _utf16_to_cp(text)
    if 0 <= start <= end < len(table):
        s, e = table[start], table[end]
        if text[s:e] == shown:
            return s, e
    return None


def parse_field(column: str, raw: str) -> Any:
    """A reviewer's value in the gold file's type: ints (commas, spaces, ₹ allowed), booleans,
    strings; empty is None. Raises ValueError when the value breaks the contract (an unparsable
    int or boolean, a word outside a vocabulary, a malformed period or date)."""
    raw = raw.strip()
    if raw == "":
        return None
    if column in INT_COLUMNS:
        raw = raw.removeprefix("₹").replace(",", "").replace(" ", "").replace("_", "")
    problem = check_value(column, raw)
    if problem:
        raise ValueError(problem)
    if column in INT_COLUMNS:
        return int(raw)
    if column in BOOL_COLUMNS:
        return raw == "true"
    return raw


def _result_value(result: Mapping) -> str:
    value = result.get("value") or {}
    if result.get("type") == "choices":
        return ",".join(value.get("choices") or [])
    return "\n".join(value.get("text") or [])


def regions_of(results: Iterable[Mapping]) -> tuple[dict[str, Region], list[str]]:
    """Group results by region id: the labelled span, and its fields by control name."""
    regions: dict[str, Region] = {}
    problems: list[str] = []
    for res in results:
        if not isinstance(res, Mapping) or "id" not in res:
            continue
        reg = regions.setdefault(str(res["id"]), Region())
        value = res.get("value") or {}
        if res.get("from_name") == LABEL:
            labels = value.get("labels") or []
            if len(labels) != 1 or labels[0] not in RECORD_TYPES:
                problems.append(f"region {res['id']}: label {labels!r} is not one record type")
                continue
            reg.kind, reg.start, reg.end, reg.text = labels[0], value.get("start"), value.get("end"), value.get("text")
        elif "__" in str(res.get("from_name", "")):
            kind, col = str(res["from_name"]).split("__", 1)
            reg.fields[f"{kind}__{col}"] = _result_value(res)
    return regions, problems


def gold_entries(text: str, regions: Mapping[str, Region]) -> tuple[dict[str, list[dict]], list[str]]:
    """Gold entries per record type, in text order, from labelled regions."""
    found: dict[str, list[tuple]] = {k: [] for k in RECORD_TYPES}
    problems = []
    for rid, reg in regions.items():
        if not reg.kind:
            continue  # fields of a region whose label was removed
        span = resolve_offsets(text, reg.start, reg.end, reg.text)
        if span is None:
            problems.append(f"region {rid}: offsets {reg.start}:{reg.end} do not cut {reg.text!r} from the text")
            continue
        entry: dict[str, Any] = {"text": text[span[0]:span[1]]}
        try:
            for col in RECORD_TYPES[reg.kind].type_columns():
                entry[col] = parse_field(col, reg.fields.get(control_name(reg.kind, col), ""))
        except ValueError as exc:
            problems.append(f"region {rid}: {exc}")
            continue
        found[reg.kind].append((span, rid, entry))
    return {k: [e for _, _, e in sorted(v, key=lambda t: (t[0], t[1]))] for k, v in found.items()}, problems


def gold_of_task(task: Mapping) -> tuple[dict | None, list[str]]:
    data = task.get("data") or {}
    aid, text = data.get("article_id"), data.get(TEXT)
    if not isinstance(aid, str) or not aid or not isinstance(text, str):
        return None, [f"task {task.get('id', '?')}: no article_id and text in its data"]
    if "/" in aid or "\\" in aid or aid.startswith("."):
        return None, [f"task {task.get('id', '?')}: article_id {aid!r} is not a file name"]
    _, results = chosen_result(task)
    regions, problems = regions_of(results)
    entries, more = gold_entries(text, regions)
    doc = {"article_id": aid, "lang": data.get("lang") or None,
           "article": {k: data.get(k) or None for k in ARTICLE_KEYS}, **entries}
    return doc, [f"{aid}: {p}" for p in problems + more]


def import_tasks(tasks: Any) -> ImportResult:
    if not isinstance(tasks, list):
        return ImportResult([], ["the file is not a Label Studio JSON export (a list of tasks)"])
    gold, problems = [], []
    for task in tasks:
        if not isinstance(task, Mapping):
            problems.append("an entry of the export is not a task")
            continue
        doc, probs = gold_of_task(task)
        problems += probs
        if doc is not None:
            gold.append(doc)
    seen = set()
    for doc in gold:
        if doc["article_id"] in seen:
            problems.append(f"{doc['article_id']}: more than one task; the last one is kept")
        seen.add(doc["article_id"])
    return ImportResult(gold, problems)


def write_gold(gold: Iterable[dict], gold_dir: str | Path) -> list[Path]:
    folder = Path(gold_dir)
    return [atomic_write(folder / f"{doc['article_id']}.json", json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
            for doc in gold]


def import_command(args) -> int:
    """`gem-extract import-review FILE --gold DIR`: 1 when a task or region could not be imported."""
    try:
        tasks = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        print(f"gem-extract import-review: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    result = import_tasks(tasks)
    written = write_gold(result.gold, args.gold)
    print(f"wrote {len(written)} gold file(s) to {args.gold}")
    for p in result.problems:
        print(f"problem: {p}")
    return 1 if result.problems else 0

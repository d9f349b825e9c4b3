"""Correction round trip through Label Studio: `gem-extract export --format label-studio` and
`gem-extract import-review FILE --gold DIR [--force]`.

Owns the mapping between the output folder and Label Studio. Export writes OUT/label-studio/
tasks.json (one task per readable article: the text and the article's metadata as task data, the
records as a prediction) and config.xml (the labelling config: the article on the left, a sticky
panel on the right with the record types and the selected region's fields). Each record is one
labelled span (`Labels` named "label", the label being its record type) at its original offsets,
and each of its type columns is a per-region control named `<type>__<column>` sharing the region's
id (the record_id): `Choices` for vocabulary and boolean columns, `TextArea` (its placeholder
saying what it takes) for the rest. When an article that was read cannot be exported (its source
moved or changed), nothing is written, so a previous tasks.json is never replaced by a partial one.

Import reads a Label Studio JSON export back and writes one gold JSON per article in the CONTRACT
format. It trusts nothing: every task, annotation, result and value is checked against the shape
Label Studio writes for this config, and every field against the contract (integers, vocabularies,
state names, dates, periods). A task is imported from its last submitted annotation, else from
its predictions when the export carries them whole (a snapshot export); a task that was skipped,
never reviewed, or has any value that does not fit gets no gold file and is reported with the
task, region and field named. An existing gold file is replaced only with --force. It does not
score (evaluate.py) or extract.
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
from .evaluate import KEYS
from .jsonshape import ShapeError, describe, get, identifier, need, read_json, short
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

# What each TextArea takes, shown as its placeholder (Choices show their words).
FIELD_HINTS = {
    "inr": "rupees, a whole number: 79000000000",
    "inr_high": "range's upper end, whole number, or empty",
    "value": "the count, a whole number: 150000",
    "mentions": "times the text says it, whole number",
    "period": "FY2024-25, to_date, YYYY, YYYY-MM or empty",
    "date": "YYYY-MM-DD, or empty",
    "iso": "IN-XX (e.g. IN-JH), or empty",
    "state": "English state name, or empty",
    "state_hi": "the state's name in Hindi",
    "name": "as written, without the honorific",
    "honorific": "as written (श्री, Dr), or empty",
    "unit": "what is counted: orders, sellers, ...",
    "city": "English city name, or empty",
}

# Two columns: the article on the left, a sticky panel on the right with the record types and
# the selected region's fields, so a reviewer never scrolls past the article to edit a field.
LAYOUT_STYLE = "display: flex; flex-direction: row; align-items: flex-start; gap: 16px"
TEXT_STYLE = "flex: 1 1 0; min-width: 0"
PANEL_STYLE = ("flex: 0 0 36%; min-width: 300px; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; "
               "padding: 8px 12px; border-left: 1px solid #d0d7de; background: #f6f8fa")


def field_hint(column: str) -> str:
    """The placeholder of a TextArea: what the field takes."""
    if column in FIELD_HINTS:
        return FIELD_HINTS[column]
    if column.endswith("_en"):
        return "in English, the usual spelling, or empty"
    return "as written in the text, or empty"


def config_xml() -> str:
    """The Label Studio labelling config for tasks written by `export`."""
    labels = "\n".join(
        f'      <Label value="{kind}" background="{COLOURS[kind][1]}"/>' for kind in RECORD_TYPES)
    views = "\n".join(_fields_view(kind) for kind in RECORD_TYPES)
    return (
        f"<View style={quoteattr(LAYOUT_STYLE)}>\n"
        f"  <View style={quoteattr(TEXT_STYLE)}>\n"
        '    <Header value="$title"/>\n'
        '    <Header value="$article_id" size="6"/>\n'
        f'    <Text name="{TEXT}" value="${TEXT}" granularity="symbol"/>\n'
        "  </View>\n"
        f"  <View style={quoteattr(PANEL_STYLE)}>\n"
        '    <Header value="Record type: pick one, then select its words in the text" size="6"/>\n'
        f'    <Labels name="{LABEL}" toName="{TEXT}">\n{labels}\n    </Labels>\n'
        '    <Header value="Click a highlight to edit its fields here (empty = no value)" size="6"/>\n'
        f"{views}\n"
        "  </View>\n"
        "</View>\n"
    )


def _fields_view(kind: str) -> str:
    lines = [f'    <View visibleWhen="region-selected" whenTagName="{LABEL}" whenLabelValue="{kind}">',
             f'      <Header value="{kind}: fields of the selected region"/>']
    for col in RECORD_TYPES[kind].type_columns():
        name = control_name(kind, col)
        lines.append(f'      <Header value="{col}" size="6"/>')
        if control_type(col) == "choices":
            opts = "".join(f'<Choice value="{w}"/>' for w in choices_of(col))
            lines.append(f'      <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single" '
                         f'showInline="true">{opts}</Choices>')
        else:
            lines.append(f'      <TextArea name="{name}" toName="{TEXT}" perRegion="true" maxSubmissions="1" '
                         f'editable="true" rows="1" placeholder={quoteattr(field_hint(col))}/>')
    lines.append("    </View>")
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
    """Write OUT/label-studio/tasks.json and config.xml; nothing when an article that was read
    cannot be exported (its source is missing or changed, a record has unusable offsets)."""
    out = Path(out_dir)
    articles = sorted(read_csv(out / ARTICLES_FILE).rows, key=lambda a: a.get("article_id", ""))
    records = load_records(out)
    tasks, skipped, problems = [], [], []
    for article in articles:
        aid = article.get("article_id", "")
        if article.get("status") == "error":
            skipped.append(f"{aid}: status error ({article.get('error', '')})")
            continue
        source = load_source(article, out_dir)
        if source.text is None or source.warning:
            problems.append(f"{aid}: {source.problem or source.warning}")
            continue
        try:
            tasks.append(build_task(article, source.text, records.get(aid, [])))
        except ValueError as exc:
            problems.append(f"{aid}: {exc}")
    folder = out / EXPORT_DIR
    if problems:  # a tasks.json missing articles would drop them from the review unseen
        return ExportResult(folder, len(tasks), skipped, problems)
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
    if res.problems:
        print(f"gem-extract export: nothing written ({res.folder} left as it was): "
              f"{len(res.problems)} article(s) cannot be exported")
    else:
        print(f"{res.tasks} Label Studio task(s): {res.folder / 'tasks.json'}\n"
              f"labelling config: {res.folder / 'config.xml'}")
    for s in res.skipped:
        print(f"skipped {s}")
    for p in res.problems:
        print(f"problem: {p}")
    return 1 if res.problems else 0


# ---------------------------------------------------------------- import: reading the export

MAX_INT_DIGITS = 20     # more digits than any rupee amount or count


def article_id_problem(aid: str) -> str | None:
    """Why `aid` cannot name a gold file, or None."""
    try:
        identifier(aid, "article_id")
    except ShapeError as exc:
        return str(exc)
    if "/" in aid or "\\" in aid or aid.startswith("."):
        return f"article_id {short(aid)} is not a file name"
    return None


def read_export(path: str | Path) -> Any:
    """The parsed JSON of a Label Studio export; ShapeError when it cannot be read or parsed."""
    return read_json(path)


# ---------------------------------------------------------------- import: one task

@dataclass(frozen=True)
class Control:
    """A control of the labelling config: the Labels, or one record type's field."""

    kind: str      # record type ('' for the Labels)
    column: str    # type column ('' for the Labels)
    type: str      # result type Label Studio writes: labels, choices, textarea


CONTROLS: dict[str, Control] = {LABEL: Control("", "", "labels")} | {
    control_name(kind, col): Control(kind, col, control_type(col))
    for kind, cls in RECORD_TYPES.items() for col in cls.type_columns()}


@dataclass
class Region:
    """A labelled span and its fields, gathered from the results sharing one region id."""

    kind: str = ""
    start: int = 0
    end: int = 0
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)   # control name -> raw value
    where: str = ""


@dataclass
class ImportResult:
    gold: list[dict]                                     # one gold document per task that imported whole
    problems: list[str]                                  # tasks and regions that were not imported, and why
    unreviewed: list[str] = field(default_factory=list)  # tasks imported from whole predictions (no annotation)


class NotReviewed(Exception):
    """A task without a submitted annotation (and without whole predictions to fall back on)."""


def chosen_result(task: Mapping, where: str) -> tuple[str, list]:
    """(which annotation or prediction, its results): the last submitted annotation (one marked
    ground truth first), else the last prediction when the export carries predictions whole.
    NotReviewed when every annotation was cancelled (skipped) or there is nothing whole to take."""
    annotations = get(task, "annotations", "list", where, default=[])
    submitted = []
    for i, ann in enumerate(annotations):
        w = f"{where}.annotations[{i}]"
        need(ann, "object", w)
        if not get(ann, "was_cancelled", "boolean", w, default=False):
            submitted.append((bool(get(ann, "ground_truth", "boolean", w, default=False)), i, ann))
    if submitted:
        _, i, ann = max(submitted, key=lambda t: (t[0], t[1]))
        name = f"annotation {ann['id']}" if type(ann.get("id")) is int else f"annotations[{i}]"
        return name, get(ann, "result", "list", f"{where}.annotations[{i}]", required=True)
    if annotations:
        raise NotReviewed("skipped in Label Studio (every annotation cancelled)")
    predictions = get(task, "predictions", "list", where, default=[])
    for i, pred in reversed(list(enumerate(predictions))):
        if isinstance(pred, dict):
            return f"prediction {i}", get(pred, "result", "list", f"{where}.predictions[{i}]", required=True)
        if type(pred) is not int:
            raise ShapeError(f"{where}.predictions[{i}] must be an object or a prediction id, not {describe(pred)}")
    if predictions:
        raise NotReviewed("not reviewed: no annotation, and the export lists its predictions by id only "
                          "(export a snapshot with whole predictions to take them unreviewed)")
    raise NotReviewed("not reviewed: no annotation and no predictions")


def _read_result(res: Any, where: str, regions: dict[str, Region]) -> None:
    """Check one result against the shape Label Studio writes for our config; file it under its region."""
    need(res, "object", where)
    rtype = get(res, "type", "string", where, required=True)
    if rtype == "relation":
        return  # a relation between two regions says nothing about their fields
    rid = identifier(get(res, "id", "string", where, required=True), f"{where}.id")
    name = get(res, "from_name", "string", where, required=True)
    control = CONTROLS.get(name)
    if control is None:
        raise ShapeError(f"{where}.from_name {short(name)} is not a control of the gem-extract labelling config")
    if rtype != control.type:
        raise ShapeError(f"{where}.type is {short(rtype)} but {name} gives {control.type!r} results")
    to_name = get(res, "to_name", "string", where, required=True)
    if to_name != TEXT:
        raise ShapeError(f"{where}.to_name is {short(to_name)}, not {TEXT!r}")
    value = get(res, "value", "object", where, required=True)
    w = f"{where}.value"
    start = get(value, "start", "integer", w, required=control.type == "labels")
    end = get(value, "end", "integer", w, required=control.type == "labels")
    reg = regions.setdefault(rid, Region(where=f"region {rid}"))
    if control.type == "labels":
        labels = get(value, "labels", "list", w, required=True)
        if len(labels) != 1 or not isinstance(labels[0], str) or labels[0] not in RECORD_TYPES:
            shown = describe(labels) if any(not isinstance(x, str) for x in labels) else repr(labels[:5])
            raise ShapeError(f"{w}.labels must hold one record type ({', '.join(RECORD_TYPES)}), not {shown}")
        if reg.kind:
            raise ShapeError(f"{where}: region {rid} is labelled twice")
        reg.kind, reg.start, reg.end = labels[0], start, end
        reg.text = get(value, "text", "string", w)
        reg.where = f"region {rid} ({reg.kind})"
        return
    if name in reg.fields:
        raise ShapeError(f"{where}: region {rid} has two {name} results")
    key = "choices" if control.type == "choices" else "text"
    values = get(value, key, "list", w, required=True)
    for i, v in enumerate(values):
        need(v, "string", f"{w}.{key}[{i}]")
    if len(values) > 1:
        raise ShapeError(f"{w}.{key} holds {len(values)} values; {name} takes one")
    reg.fields[name] = values[0] if values else ""  # (a choices value also repeats the region's text: not read)


def parse_field(column: str, raw: str) -> Any:
    """A reviewer's value in the gold file's type: ints (commas, spaces, ₹ allowed), booleans,
    strings; empty is None. Raises ValueError when the value breaks the contract (an unparsable
    int or boolean, a word outside a vocabulary, an unknown state, a malformed period or date)."""
    given = raw.strip()
    if given == "":
        return None
    value = given
    if column in INT_COLUMNS:
        value = given.removeprefix("₹").replace(",", "").replace(" ", "").replace("_", "")
        if len(value) > MAX_INT_DIGITS:
            raise ValueError(f"{column} {short(given)} has more than {MAX_INT_DIGITS} digits")
    if check_value(column, value):
        raise ValueError(check_value(column, given))  # the message shows the value as typed
    if column in INT_COLUMNS:
        return int(value)
    if column in BOOL_COLUMNS:
        return value == "true"
    return value


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
    if type(start) is not int or type(end) is not int:
        return None
    if 0 <= start <= end <= len(text) and (shown is None or text[start:end] == shown):
        return start, end
    if shown is None:
        return None
    table = _utf16_to_cp(text)
    if 0 <= start <= end < len(table):
        s, e = table[start], table[end]
        if text[s:e] == shown:
            return s, e
    return None


def gold_entry(text: str, reg: Region) -> tuple[tuple[int, int], dict]:
    """The region as a gold entry, and its span; ValueError naming the field that does not fit."""
    span = resolve_offsets(text, reg.start, reg.end, reg.text)
    if span is None:
        shown = "" if reg.text is None else f" do not cut {short(reg.text)}"
        raise ValueError(f"offsets {reg.start}:{reg.end}{shown} from the text ({len(text)} characters)")
    entry: dict[str, Any] = {"text": text[span[0]:span[1]]}
    for col in RECORD_TYPES[reg.kind].type_columns():
        try:
            entry[col] = parse_field(col, reg.fields.get(control_name(reg.kind, col), ""))
        except ValueError as exc:
            raise ValueError(f"field {col}: {exc}") from None
    missing = [c for c in KEYS[reg.kind] if entry.get(c) is None]
    if missing:
        raise ValueError(f"field {', '.join(missing)} is empty; a {reg.kind} entry needs it")
    return span, entry


def _task_data(task: Mapping, where: str) -> tuple[str, str, dict]:
    data = get(task, "data", "object", where, required=True)
    text = get(data, TEXT, "string", f"{where}.data", required=True)
    aid = get(data, "article_id", "string", f"{where}.data", required=True)
    problem = article_id_problem(aid)
    if problem:
        raise ShapeError(f"{where}.data.{problem}")
    article = {}
    for key in ("lang", *ARTICLE_KEYS):
        value = get(data, key, "string", f"{where}.data", default="")
        bad = check_value(key, value) if key in ("lang", "published") and value else None
        if bad:
            raise ShapeError(f"{where}.data.{bad}")
        article[key] = value or None
    return aid, text, article


def task_label(task: Any, index: int) -> str:
    """How messages name a task: its Label Studio id and article when they are readable."""
    label = f"task {task['id']}" if isinstance(task, dict) and type(task.get("id")) is int else f"task [{index}]"
    data = task.get("data") if isinstance(task, dict) else None
    aid = data.get("article_id") if isinstance(data, dict) else None
    return f"{label} ({aid})" if isinstance(aid, str) and article_id_problem(aid) is None else label


def gold_of_task(task: Any, where: str = "task") -> tuple[dict | None, list[str], str]:
    """(the gold document or None, problems, where it came from). A task with any problem gives
    no document: a gold file missing one record would be wrong without saying so."""
    try:
        need(task, "object", where)
        aid, text, article = _task_data(task, where)
        source, results = chosen_result(task, where)
    except (ShapeError, NotReviewed) as exc:
        return None, [str(exc) if str(exc).startswith(where) else f"{where}: {exc}"], ""
    regions: dict[str, Region] = {}
    problems = []
    for i, res in enumerate(results):
        try:
            _read_result(res, f"{where}: {source}.result[{i}]", regions)
        except ShapeError as exc:
            problems.append(str(exc))
    found: dict[str, list[tuple]] = {k: [] for k in RECORD_TYPES}
    for rid, reg in regions.items():
        if not reg.kind:
            continue  # fields of a region whose label was removed
        try:
            span, entry = gold_entry(text, reg)
        except ValueError as exc:
            problems.append(f"{where}, {reg.where}: {exc}")
            continue
        found[reg.kind].append((span, rid, entry))
    if problems:
        return None, problems, source
    entries = {k: [e for _, _, e in sorted(v, key=lambda t: (t[0], t[1]))] for k, v in found.items()}
    doc = {"article_id": aid, "lang": article.pop("lang"), "article": article, **entries}
    try:
        gold_bytes(doc)
    except UnicodeEncodeError:
        return None, [f"{where}: a value holds a lone surrogate (U+D800 to U+DFFF), which is not Unicode text"], source
    return doc, [], source


def import_tasks(tasks: Any) -> ImportResult:
    """Gold documents from a parsed export; every task that does not import whole is a problem."""
    if not isinstance(tasks, list):
        return ImportResult([], [f"the file is not a Label Studio JSON export (a list of tasks), but {describe(tasks)}"])
    docs: dict[str, list[dict]] = {}
    problems, unreviewed = [], []
    for i, task in enumerate(tasks):
        where = task_label(task, i)
        doc, probs, source = gold_of_task(task, where)
        problems += probs
        if doc is not None:
            docs.setdefault(doc["article_id"], []).append(doc)
            if source.startswith("prediction"):
                unreviewed.append(where)
    gold = []
    for aid, found in docs.items():
        if len(found) > 1:
            problems.append(f"{aid}: {len(found)} tasks hold this article; none imported")
        else:
            gold.append(found[0])
    return ImportResult(gold, problems, unreviewed)


# ---------------------------------------------------------------- import: writing gold

@dataclass
class GoldWrite:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)   # exist with other content, and no --force


def gold_bytes(doc: Mapping) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_gold(gold: Iterable[dict], gold_dir: str | Path, force: bool = False) -> GoldWrite:
    """Write one gold file per document; an existing file with other content is replaced only
    with `force`. OSError when the folder cannot be written."""
    folder = Path(gold_dir)
    res = GoldWrite()
    for doc in gold:
        path, data = folder / f"{doc['article_id']}.json", gold_bytes(doc)
        if path.exists() or path.is_symlink():
            if path.is_file() and path.read_bytes() == data:
                res.unchanged.append(path)
                continue
            if not force or not path.is_file():
                res.refused.append(path)
                continue
        res.written.append(atomic_write(path, data))
    return res


def import_command(args) -> int:
    """`gem-extract import-review FILE --gold DIR [--force]`: 1 when a task, a region or the file
    could not be imported, or a gold file was left in place; never a traceback on bad input."""
    force = bool(getattr(args, "force", False))
    try:
        tasks = read_export(args.file)
    except ShapeError as exc:
        print(f"gem-extract import-review: {exc}", file=sys.stderr)
        return 1
    result = import_tasks(tasks)
    try:
        done = write_gold(result.gold, args.gold, force)
    except OSError as exc:
        print(f"gem-extract import-review: cannot write gold files to {args.gold}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"wrote {len(done.written)} gold file(s) to {args.gold}"
          + (f"; {len(done.unchanged)} already as reviewed" if done.unchanged else ""))
    if result.unreviewed:
        print(f"note: {len(result.unreviewed)} task(s) had no annotation; their gold is their predictions, unreviewed: "
              + ", ".join(result.unreviewed))
    for path in done.refused:
        why = "is not a file" if not path.is_file() else "exists with other content"
        print(f"problem: {path} {why}: not replaced" + ("" if force else " (use --force to replace it)"))
    for p in result.problems:
        print(f"problem: {p}")
    return 1 if result.problems or done.refused else 0

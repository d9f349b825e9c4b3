"""The pipeline, top to bottom: find the files, read each article, analyse it (normalise, lay out,
split sentences, read numbers and places), run one extractor per record type, check provenance,
write the CSVs (and, on request, the review pages and a workbook).

Owns the batch: one bad article becomes a status=error row in articles.csv and the batch goes on.
Broken rule files stop the run (exit 2): every article would be wrong.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from .text import reader
from .output import writer
from .text.document import build
from .extractors import awards, counts, events, officials, order_values, states
from .records import Record
from .rules import RuleError, rule_ids

MAX_ERRORS_SHOWN = 20  # failed articles named on stderr; all of them are in articles.csv

EXTRACTORS = {
    "states": states.extract,
    "officials": officials.extract,
    "awards": awards.extract,
    "order_values": order_values.extract,
    "counts": counts.extract,
    "events": events.extract,
}


@dataclass
class ArticleResult:
    row: dict
    records: dict[str, list[Record]] = field(default_factory=dict)
    text: str = ""  # the text to keep in OUT/<row["text_path"]> (web pages, JSONL lines); "" otherwise

    @property
    def ok(self) -> bool:
        return self.row["status"] == "ok"


def _row(src: reader.Source, **meta) -> dict:
    """The articles.csv row; metadata that came with the article (src.title...) precedes `meta`."""
    return dict(article_id=src.article_id, path=src.path, lang=meta.get("lang", ""),
                title=src.title or meta.get("title", ""), published=src.published or meta.get("published", ""),
                publisher=src.publisher or meta.get("publisher", ""), dateline=meta.get("dateline", ""),
                chars=len(src.text), sha256=src.sha256, status="error" if src.error else "ok", error=src.error,
                url=src.url, text_path=src.text_path, line=src.line or "")


def check_records(text: str, records: dict[str, list[Record]]) -> None:
    """Every record names a known rule and its offsets give its evidence (text as read)."""
    known = rule_ids()
    for kind, recs in records.items():
        for r in recs:
            if known.get(r.rule) != kind:
                raise AssertionError(f"{kind} record {r.record_id}: rule {r.rule!r} is not a {kind} rule of rules/extraction.toml")
            if not (0 <= r.start <= r.end <= len(text)) or text[r.start:r.end] != r.evidence:
                raise AssertionError(f"{kind} record {r.record_id} ({r.rule}): offsets {r.start}:{r.end} do not give its evidence")


def process(src: reader.Source) -> ArticleResult:
    """Every record of one article; never raises for a bad article (RuleError aside)."""
    if not src.ok:
        return ArticleResult(_row(src))
    try:
        doc = build(src)
        doc.meta = replace(doc.meta, title=src.title or doc.meta.title, published=src.published or doc.meta.published,
                           publisher=src.publisher or doc.meta.publisher)
        records = {kind: extract(doc) for kind, extract in EXTRACTORS.items()}
        check_records(src.text, records)
    except RuleError:
        raise
    except Exception as exc:  # one bad article never stops a batch
        failed = replace(src, error=f"extraction failed: {type(exc).__name__}: {exc}")
        return ArticleResult(_row(failed), text=src.text if src.saved else "")
    m = doc.meta
    return ArticleResult(_row(src, lang=m.lang, title=m.title, published=m.published, publisher=m.publisher,
                              dateline=m.dateline), records, text=src.text if src.saved else "")


def load_rules() -> None:
    """Read and validate every rule file once, before any article: a broken file fails the run
    up front, naming the file and the entry."""
    from . import lexicon, numbers
    from .text import layout
    from .text import sentences
    from .extractors import events as events_rules, facts

    rule_ids()
    for loader in (lexicon.states, lexicon.cities, lexicon.designations, lexicon.people,
                   lexicon.glossary, lexicon.name_spellings, lexicon.tiers, lexicon.award_categories,
                   lexicon.load_award_words, facts.cues, events_rules._patterns, layout._rules,
                   sentences._abbreviations, numbers.load_rules):
        loader()


def run_batch(paths: list[str], out_dir: str, progress: bool = True, review: bool = False, xlsx: bool = False,
              jobs: int = 1) -> int:
    """Extract from every article under `paths` into `out_dir`; the exit code (see cli.py).
    `jobs` > 1 processes articles in that many processes (0: one per core); the output is the same."""
    load_rules()
    inputs = reader.discover(paths)
    missing = inputs.missing
    for p in missing:
        print(f"gem-extract: no such file or folder: {p}", file=sys.stderr)
    for line in inputs.report():
        print(f"gem-extract: {line}", file=sys.stderr)
    if not inputs.files and not inputs.problems:
        print(f"gem-extract: no article files ({', '.join(reader.ARTICLE_SUFFIXES)}) found", file=sys.stderr)
        return 1
    results = run_articles(inputs, progress, jobs)
    articles = [r.row for r in results]
    records: dict[str, list[Record]] = {kind: [] for kind in EXTRACTORS}
    for r in results:
        for kind, recs in r.records.items():
            records[kind].extend(recs)
    texts = {r.row["text_path"]: r.text for r in results if r.row["text_path"]}
    writer.write(out_dir, articles, records, texts)
    if review:
        from .review.pages import write_review
        write_review(out_dir)
    if xlsx:
        from .output.xlsx import write_xlsx
        write_xlsx(out_dir)
    failed = [r.row for r in results if not r.ok]
    for row in failed[:MAX_ERRORS_SHOWN]:
        print(f"gem-extract: {row['path']}: {row['error']}", file=sys.stderr)
    if len(failed) > MAX_ERRORS_SHOWN:
        print(f"gem-extract: ... and {len(failed) - MAX_ERRORS_SHOWN} more failed articles: see the error column "
              f"of {Path(out_dir) / 'articles.csv'}", file=sys.stderr)
    total = sum(len(v) for v in records.values())
    print(f"gem-extract: {len(results)} articles ({len(failed)} failed), {total} records -> {out_dir}", file=sys.stderr)
    return 1 if failed or missing else 0


def _work(item: tuple[reader.Item, str]) -> ArticleResult:
    """Read and process one article; `first` names where its article id was already read from."""
    it, first = item
    src = reader.load(it)
    if first:
        src = replace(src, text="", saved=False,
                      error=f"duplicate article_id: {src.article_id!r} was already read from {first}")
    return process(src)


def work_items(inputs: reader.Inputs) -> Iterator[tuple[reader.Item, str]]:
    """(item, where its article id was first read, or "") for every article of `inputs`, in order:
    the inputs that could not be read first, then the files (JSONL archives line by line)."""
    seen: dict[str, str] = {}
    for it in chain(inputs.problems, reader.items(inputs.files)):
        aid = reader.item_id(it)
        yield it, seen.get(aid, "")
        seen.setdefault(aid, reader.item_where(it))


def run_articles(inputs: reader.Inputs, progress: bool, jobs: int = 1) -> list[ArticleResult]:
    """Every article of `inputs` read and processed, in input order, over `jobs` processes."""
    from tqdm import tqdm

    archives = any(reader.kind_of(f) == "jsonl" for f in inputs.files)  # lines are not counted ahead
    total = None if archives else len(inputs.files) + len(inputs.problems)
    items = work_items(inputs)
    bar = tqdm(total=total, desc="articles", unit="art", disable=None if progress else True, file=sys.stderr)
    jobs = jobs or os.cpu_count() or 1
    results = []
    with bar:
        if jobs == 1 or (total is not None and total < 2 * jobs):
            for item in items:
                results.append(_work(item))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=jobs, initializer=load_rules) as pool:
                for result in _bounded_map(pool, _work, items, window=64 * jobs):
                    results.append(result)
                    bar.update()
    return results


def _bounded_map(pool: ProcessPoolExecutor, fn, items: Iterable, window: int) -> Iterator:
    """pool.map in input order, with at most `window` items in flight (Executor.map would read a
    whole JSONL archive into memory first)."""
    from collections import deque

    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def command(args) -> int:
    return run_batch(args.paths, args.out, progress=not args.no_progress, review=args.review, xlsx=args.xlsx,
                     jobs=args.jobs)

"""The pipeline, top to bottom: find the files, read each article, analyse it (normalise, lay out,
split sentences, read numbers and places), run one extractor per record type, check provenance,
write the CSVs (and, on request, the review pages and a workbook).

Owns the batch: the usage checks made before any article is read, article ids, the engines that
run the per-article function (in this process, over `--jobs N` processes, or on a Dask cluster,
always giving results back in input order through a bounded window), streaming each finished
article's rows into a staging folder that replaces the output folder whole at the end
(output/staging.py), and `--incremental` reuse of unchanged articles' rows. One bad article becomes
a status=error row in articles.csv and the batch goes on. Broken rule files stop the run (exit 2):
every article would be wrong.
"""
from __future__ import annotations

import hashlib
import os
import sys
from collections import defaultdict, deque
from itertools import chain, islice, tee
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .collector import enter_worker, freeze_once
from .text import reader
from .output import staging, writer
from .output.previous import MANIFEST, Previous, manifest_bytes
from .text.document import build
from .extractors import awards, counts, events, officials, order_values, states, tokens
from .records import ARTICLE_COLUMNS, RECORD_TYPES, Record
from . import rules
from .rules import RULES_DIR, RuleError, rule_ids

MAX_ERRORS_SHOWN = 20  # failed articles named on stderr; all of them are in articles.csv
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
ENGINES = ("local", "dask")
ID_SEPARATOR = "__"  # joins folder names into the id of an article whose file name is not unique
CHUNK = 8  # articles sent to a worker at a time
WINDOW = 4  # chunks in flight per worker: results stay in input order, memory stays bounded

DASK_CONNECT_TIMEOUT = 20  # seconds to reach a --dask-address scheduler


class EngineError(Exception):
    """The engine cannot start (a Dask scheduler out of reach): a usage error, one line."""


EXTRACTORS = {
    "states": states.extract,
    "officials": officials.extract,
    "awards": awards.extract,
    "order_values": order_values.extract,
    "counts": counts.extract,
    "events": events.extract,
}


# ---------------------------------------------------------------- one article

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


_KNOWN: tuple = (None, {})  # (the rule table read, its rule ids): worked out again only when it is read again


def _known_rules() -> dict[str, str]:
    global _KNOWN
    table = rules.load("extraction")
    if _KNOWN[0] is not table:
        _KNOWN = (table, rule_ids())
    return _KNOWN[1]


def check_records(text: str, records: dict[str, list[Record]]) -> None:
    """Every record names a known rule and its offsets give its evidence (text as read)."""
    known = _known_rules()
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
        if src.title or src.published or src.publisher:  # metadata that came with the article comes first
            doc.meta = replace(doc.meta, title=src.title or doc.meta.title, published=src.published or doc.meta.published,
                               publisher=src.publisher or doc.meta.publisher)
        try:
            records = {kind: extract(doc) for kind, extract in EXTRACTORS.items()}
        finally:
            doc.done()
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
                   lexicon.glossary, lexicon.name_spellings, lexicon.organisations, lexicon.tiers, lexicon.award_categories,
                   lexicon.load_award_words, facts.cues, events_rules._patterns, layout._rules,
                   sentences._abbreviations, numbers.load_rules):
        loader()


# ---------------------------------------------------------------- the work sent to workers

# (article_id, what to read): the absolute path of an article file (read in the worker), or a
# Source already read in the main process (a JSONL line, an input that could not be read)
Job = tuple[str, "str | reader.Source"]


@dataclass(slots=True)
class Done:
    """What a worker sends back for one article: its articles.csv row and its CSV lines per record
    type, already rendered, so the main process only appends bytes. `files`: extra files for the
    output folder (path inside it -> bytes)."""

    row: dict
    chunks: dict[str, bytes] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


_worked = 0


def _keep_memory_flat() -> None:
    """Before each article: spaCy's tokenizers are made fresh when their vocabulary has grown past
    its bound (tokens.fresh_when_grown; the bytes stay the same); after the first article, what it
    left alive is taken out of the collector's sight (collector.freeze_once)."""
    global _worked
    _worked += 1
    if _worked == 2:
        freeze_once()  # what the first article left alive lives for the batch
    tokens.fresh_when_grown()


def analyse(job: Job) -> ArticleResult:
    """Read and process one article: a file (text, saved web page) or a Source read before."""
    article_id, item = job
    if isinstance(item, reader.Source):
        return process(replace(item, article_id=article_id))
    path = Path(item)
    if reader.kind_of(path) == "html":
        return process(replace(reader.load(path), article_id=article_id, path=item))
    return process(reader.read(path, article_id, item))  # reader.load of a text file, with its id and path


def work(job: Job) -> Done:
    """Read and process one article (the per-article function every engine runs), its rows
    rendered; a text that is not a file's bytes (web page, JSONL line) comes back as a file for
    OUT/texts/."""
    _keep_memory_flat()
    result = analyse(job)
    rel = result.row.get("text_path") or ""
    files = {rel: result.text.encode("utf-8")} if rel and result.text else {}
    return Done(row=result.row, chunks=writer.article_rows(result.records),
                counts={k: len(v) for k, v in result.records.items()}, files=files)


def work_many(jobs: list[Job]) -> list[Done]:
    return [work(j) for j in jobs]


# ---------------------------------------------------------------- article ids

def article_ids(files: Iterable[Path]) -> list[tuple[str, str]]:
    """(article_id, absolute POSIX path) of every file, sorted by id then path (the output's order).
    The id is the file name without its extension; files that share a name get as many of their
    folder names as tell them apart, joined by ID_SEPARATOR (a/x.txt, b/x.txt -> a__x, b__x), so ids
    are unique, safe in file names, and the same for the same files on every run."""
    paths = sorted({Path(os.path.abspath(f)) for f in files})
    parts = {p: p.parent.parts[1:] + (p.stem,) for p in paths}
    depth = dict.fromkeys(paths, 1)

    def ids() -> dict[Path, str]:
        return {p: ID_SEPARATOR.join(parts[p][-depth[p]:]) for p in paths}

    while True:
        groups: dict[str, list[Path]] = defaultdict(list)
        for p, aid in ids().items():
            groups[aid].append(p)
        clashing = [p for g in groups.values() if len(g) > 1 for p in g if depth[p] < len(parts[p])]
        if not clashing:
            break
        for p in clashing:
            depth[p] += 1
    final, used = {}, set()
    for p, aid in sorted(ids().items(), key=lambda kv: (kv[1], kv[0])):
        n, unique = 1, aid
        while unique in used:  # only when folder names themselves hold the separator
            n += 1
            unique = f"{aid}~{n}"
        used.add(unique)
        final[p] = unique
    return sorted((aid, p.as_posix()) for p, aid in final.items())


def code_version() -> str:
    """A hash of the rule files and the extraction code: rows of an unchanged article can be
    reused only while it is the same."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + sorted(Path(RULES_DIR).glob("*.toml"))
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- engines

def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    it = iter(jobs)
    while chunk := list(islice(it, size)):
        yield chunk


def _windowed(submit: Callable, chunks: Iterable[list[Job]], window: int) -> Iterator[Done]:
    """Results of `submit(chunk)` futures in input order, with at most `window` chunks in flight."""
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    enter_worker()  # a worker only works on the batch
    load_rules()


def _local(jobs: Iterable[Job], workers: int) -> Iterator[Done]:
    jobs = iter(jobs)
    first = list(islice(jobs, 2 * workers))
    if workers == 1 or len(first) < 2 * workers:  # a few articles: not worth starting processes
        for job in chain(first, jobs):
            yield work(job)
        return
    jobs = chain(first, jobs)
    import signal
    import threading
    from concurrent.futures import ProcessPoolExecutor

    freeze_once()  # this process works on no article: what it holds now lives for the batch

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    if threading.current_thread() is threading.main_thread():
        # workers start on the first submit; forked with SIGINT ignored, a Ctrl-C right then
        # cannot reach one before its initializer ignores it too
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            pool.submit(int)
        finally:
            signal.signal(signal.SIGINT, handler)
    finished = False
    try:
        yield from _windowed(lambda c: pool.submit(work_many, c), _chunks(jobs, CHUNK), WINDOW * workers)
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=True)


def _dask(jobs: Iterable[Job], workers: int, address: str | None) -> Iterator[Done]:
    """The same per-article function on a Dask cluster: the scheduler at `address`, or a
    LocalCluster of `workers` processes. Workers need this package importable and the input
    paths readable."""
    from distributed import Client, LocalCluster

    freeze_once()  # this process works on no article: what it holds now lives for the batch

    cluster = None
    if address:
        try:
            client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
        except OSError as exc:
            raise EngineError(f"--dask-address {address}: cannot reach the Dask scheduler: {exc}") from None
    else:
        import logging

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from _windowed(lambda c: client.submit(work_many, c, pure=False), _chunks(jobs, CHUNK), WINDOW * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def results(jobs: Iterable[Job], workers: int = 1, engine: str = "local", address: str | None = None) -> Iterator[Done]:
    """A Done per job, in the order of `jobs`."""
    if engine == "dask":
        return _dask(jobs, workers, address)
    return _local(jobs, workers)


# ---------------------------------------------------------------- the batch

def usage_problem(out_dir: str, jobs: int, engine: str, address: str | None) -> str:
    """What is wrong with the command line, checked before any article is read; "" when nothing."""
    if jobs < 0:
        return f"--jobs {jobs}: give 0 (one process per core) or a positive number"
    if engine not in ENGINES:
        return f"--engine {engine}: one of {', '.join(ENGINES)}"
    if address and engine != "dask":
        return "--dask-address needs --engine dask"
    if engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            return "--engine dask needs Dask: pip install 'dask[distributed]'"
    try:
        staging.check(out_dir)
    except staging.OutputError as exc:
        return str(exc)
    return ""


class _Progress:
    """A tqdm bar on an interactive stderr; nothing (and no tqdm import) otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="articles", unit="art", file=sys.stderr)

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_batch(paths: list[str], out_dir: str, progress: bool = True, review: bool = False, xlsx: bool = False,
              jobs: int = 1, engine: str = "local", dask_address: str | None = None,
              incremental: bool = False) -> int:
    """Extract from every article under `paths` into `out_dir`; the exit code (see cli.py).
    `jobs` > 1 processes articles in that many processes (0: one per core), `engine="dask"` on a
    Dask cluster; the output is the same. The new output is built beside `out_dir` and replaces
    it whole at the end; an interrupted or failed run leaves the previous output as it was."""
    problem = usage_problem(out_dir, jobs, engine, dask_address)
    if problem:
        print(f"gem-extract: {problem}", file=sys.stderr)
        return EXIT_USAGE
    out = staging.check(out_dir)
    if not incremental:
        load_rules()
    inputs = reader.discover(paths)
    missing = inputs.missing
    for p in missing:
        print(f"gem-extract: no such file or folder: {p}", file=sys.stderr)
    for line in inputs.report():
        print(f"gem-extract: {line}", file=sys.stderr)
    if not inputs.files and not inputs.problems:
        print(f"gem-extract: no article files ({', '.join(reader.ARTICLE_SUFFIXES)}) found", file=sys.stderr)
        return EXIT_PROBLEM
    version = code_version()
    previous = None
    if incremental:
        previous, why = Previous.open(out, version, ARTICLE_COLUMNS)
        if previous is None:
            print(f"gem-extract: --incremental: {why}; extracting every article", file=sys.stderr)
            load_rules()  # nothing to reuse: rules read and checked before any article, as without it
    workers = jobs or os.cpu_count() or 1

    try:
        folder = staging.create(out)
    except staging.OutputError as exc:
        print(f"gem-extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = _write(folder, inputs, previous, workers, engine, dask_address, progress, version)
        if review:
            from .review.pages import write_review
            write_review(folder)
        if xlsx:
            from .output.xlsx import write_xlsx
            write_xlsx(folder)
        staging.commit(folder, out)
    except EngineError as exc:
        staging.discard(folder)
        print(f"gem-extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        staging.discard(folder)
        print(f"gem-extract: cannot write the output: {exc.strerror or exc}"
              f"{f' ({exc.filename})' if getattr(exc, 'filename', None) else ''}; {out_dir} was left as it was",
              file=sys.stderr)
        return EXIT_PROBLEM
    except BaseException:
        staging.discard(folder)
        raise
    articles, failed, shown, records, reused = summary
    for row in shown:
        error = row["error"]  # messages about a JSONL line name the archive and line themselves
        print(f"gem-extract: {error if error.startswith(row['path']) else row['path'] + ': ' + error}", file=sys.stderr)
    if failed > len(shown):
        print(f"gem-extract: ... and {failed - len(shown)} more failed articles: see the error column "
              f"of {Path(out_dir) / writer.ARTICLES_FILE}", file=sys.stderr)
    extra = f", {reused} reused" if incremental else ""
    print(f"gem-extract: {articles} articles ({failed} failed{extra}), {records} records -> {out_dir}",
          file=sys.stderr)
    return EXIT_PROBLEM if failed or missing else EXIT_OK


def plan(inputs: reader.Inputs) -> Iterator[Job]:
    """Every article of `inputs` as a job: the inputs that could not be read, the article files
    (ids from `article_ids`), then JSONL archives line by line as they are read. An id met a second
    time (a JSONL line repeating an id) is an error row naming where it was first read."""
    seen: dict[str, str] = {}

    def once(aid: str, src: reader.Source) -> Job:
        src = replace(src, path=os.path.abspath(src.path)) if src.path else src
        if aid in seen:
            src = replace(src, text="", saved=False,
                          error=f"duplicate article_id: {aid!r} was already read from {seen[aid]}")
        seen.setdefault(aid, src.where)
        return aid, src

    for src in inputs.problems:
        yield once(src.article_id, src)
    archives = [f for f in inputs.files if reader.kind_of(f) == "jsonl"]
    for aid, path in article_ids(f for f in inputs.files if reader.kind_of(f) != "jsonl"):
        if aid in seen:
            yield once(aid, reader.Source(aid, path, "", ""))
        else:
            seen[aid] = path
            yield aid, path
    for src in reader.items(archives):
        yield once(src.article_id, src)


def _key(job: Job) -> tuple[str, str]:
    aid, item = job
    return aid, item.path if isinstance(item, reader.Source) else item


def _write(folder: Path, inputs: reader.Inputs, previous: Previous | None, workers: int, engine: str,
           address: str | None, progress: bool, version: str) -> tuple[int, int, list[dict], int, int]:
    """Stream every article's rows into `folder`: reused ones from the previous output, the others
    from the engine, which works a bounded window ahead; (articles, failed, failed rows shown,
    records, reused). Rows end up sorted by (article_id, path) whatever order they came in."""
    def reusable(job: Job) -> bool:
        aid, item = job
        return previous is not None and isinstance(item, str) and previous.unchanged(aid, item)

    archives = any(reader.kind_of(f) == "jsonl" for f in inputs.files)  # lines are not counted ahead
    bar = _Progress(None if archives else len(inputs.files) + len(inputs.problems), progress)
    failed, shown, reused = 0, [], 0
    totals = dict.fromkeys(RECORD_TYPES, 0)
    ahead, planned = tee((job, reusable(job)) for job in plan(inputs))
    stream = results((job for job, again in ahead if not again), workers, engine, address)
    rules_loaded = previous is None  # without reuse, run_batch loaded them before any article
    try:
        with writer.BatchWriter(folder, ARTICLE_COLUMNS) as out:
            for job, again in planned:
                old = previous.rows(*_key(job)) if again and previous else None
                if old is not None:
                    line, chunks, counts = old
                    out.add(_key(job), line, chunks)
                    reused += 1
                else:
                    if not rules_loaded:  # the first article to extract: rules read and checked now
                        load_rules()
                        rules_loaded = True
                    done = next(stream) if not again else work(job)
                    out.add(_key(job), writer.article_line(done.row, ARTICLE_COLUMNS), done.chunks)
                    for name, data in sorted(done.files.items()):
                        out.add_file(name, data)
                    counts = done.counts
                    if done.row["status"] != "ok":
                        failed += 1
                        if len(shown) < MAX_ERRORS_SHOWN:
                            shown.append(done.row)
                for kind, n in counts.items():
                    totals[kind] += n
                bar.update()
            out.add_file(MANIFEST, manifest_bytes(version, out.articles, totals))
    finally:
        stream.close()
        bar.close()
    return out.articles, failed, shown, sum(totals.values()), reused


def run_articles(inputs: reader.Inputs, jobs: int = 1) -> list[ArticleResult]:
    """Every article of `inputs` analysed, records kept in memory, in input order, over `jobs`
    processes (0: one per core): for the Python API, whose batches are notebook-sized."""
    load_rules()
    todo = list(plan(inputs))
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(todo) < 2 * workers:
        return [analyse(job) for job in todo]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=load_rules) as pool:
        return list(pool.map(analyse, todo, chunksize=CHUNK))


def command(args) -> int:
    """`gem-extract run` (the CLI runs it inside collector.batch_collector)."""
    return run_batch(args.paths, args.out, progress=not args.no_progress, review=args.review, xlsx=args.xlsx,
                     jobs=args.jobs, engine=args.engine, dask_address=args.dask_address, incremental=args.incremental)

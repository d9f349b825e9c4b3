"""The batch: article ids, usage errors before any work, Ctrl-C, the same bytes over every engine
(one process, --jobs N, a Dask cluster), streaming in any arrival order, and --incremental runs."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract import cli, pipeline
from extract.output import writer
from extract.output.csvsafe import read_csv
from extract.records import RECORD_TYPES

from .conftest import CORPUS, ROOT, fail_on_call

FILES = ["articles.csv", "manifest.json"] + [f"{k}.csv" for k in RECORD_TYPES]
SOURCES = sorted(CORPUS.glob("*.txt"))


def _bytes(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in FILES}


def _batch(folder: Path, n: int, seed: int = 3) -> Path:
    """n articles made from corpus/ with varied figures, in a few sub-folders."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = SOURCES[i % len(SOURCES)].read_text(encoding="utf-8")
        text = text.replace("5", str(rng.randint(1, 9)), rng.randint(0, 3))
        sub = folder / f"part{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{rng.randint(0, 10**6):07d}_{i}.txt").write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- article ids

ID_CASES = [
    # (files under a root, the ids they get, in the same order)
    (["in/x.txt", "in/y.txt"], ["x", "y"]),
    (["in/a/x.txt", "in/b/x.txt", "in/y.txt"], ["a__x", "b__x", "y"]),
    (["in/2024/01/x.txt", "in/2025/01/x.txt"], ["2024__01__x", "2025__01__x"]),
    (["in/a/x.txt", "in/b/x.txt", "in/c/a__x.txt"], None),  # a separator in a name: still unique
    (["in/x.txt", "in/x.TXT"], None),  # same stem, different suffix
]


@pytest.mark.parametrize("names, expected", ID_CASES)
def test_article_ids_unique_stable_and_filename_safe(tmp_path, names, expected):
    files = [tmp_path / n for n in names]
    got = dict((p, aid) for aid, p in pipeline.article_ids(files))
    ids = [got[f.as_posix()] for f in files]
    assert len(set(ids)) == len(ids), ids
    assert all("/" not in i and "\\" not in i for i in ids)
    if expected is not None:
        assert ids == expected
    assert pipeline.article_ids(list(reversed(files))) == pipeline.article_ids(files)
    assert pipeline.article_ids(files + files[:1]) == pipeline.article_ids(files)  # one file given twice


def test_same_file_name_in_two_folders_gives_two_articles_and_two_pages(tmp_path):
    src = tmp_path / "in"
    for sub in ("north", "south"):
        (src / sub).mkdir(parents=True)
        shutil.copy(SOURCES[0], src / sub / "story.txt")
    out = tmp_path / "out"
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress", "--review"]) == 0
    rows = read_csv(out / "articles.csv").rows
    assert [r["article_id"] for r in rows] == ["north__story", "south__story"]
    assert all(r["status"] == "ok" for r in rows)
    assert (out / "review" / "north__story.html").is_file() and (out / "review" / "south__story.html").is_file()
    assert cli.main(["verify", "--out", str(out)]) == 0


def test_source_paths_are_found_from_any_working_folder(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SOURCES[0], src / "story.txt")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["run", "in", "--out", "out", "--no-progress"]) == 0
    row = read_csv(tmp_path / "out" / "articles.csv").rows[0]
    assert Path(row["path"]).is_absolute() and Path(row["path"]) == src / "story.txt"
    monkeypatch.chdir("/")
    out = str(tmp_path / "out")
    assert cli.main(["verify", "--out", out]) == 0
    assert cli.main(["review", "--out", out]) == 0
    assert 'class="banner error"' not in (tmp_path / "out" / "review" / "story.html").read_text(encoding="utf-8")
    assert cli.main(["export", "--out", out]) == 0
    tasks = (tmp_path / "out" / "label-studio" / "tasks.json").read_text(encoding="utf-8")
    assert '"story"' in tasks


# ---------------------------------------------------------------- usage errors, Ctrl-C

def _no_reading(monkeypatch):
    def refuse(path):
        raise AssertionError(f"an article was read before the usage error: {path}")

    monkeypatch.setattr(pipeline.reader, "read", refuse)


def _usage_cases(tmp_path: Path) -> list[tuple[list[str], str]]:
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x", encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.md").write_text("mine", encoding="utf-8")
    return [
        (["--out", str(a_file)], "is a file"),
        (["--out", str(a_file / "sub")], "cannot write"),
        (["--out", "/proc/gem-extract-out"], "cannot write"),
        (["--out", str(busy)], "not an earlier gem-extract output"),
        (["--out", str(tmp_path / "o"), "--jobs", "-1"], "--jobs -1"),
        (["--out", str(tmp_path / "o"), "--dask-address", "tcp://127.0.0.1:1"], "needs --engine dask"),
    ]


@pytest.mark.parametrize("case", range(6))
def test_usage_errors_exit_2_with_one_line_before_any_article_is_read(tmp_path, monkeypatch, capsys, case):
    args, words = _usage_cases(tmp_path)[case]
    _no_reading(monkeypatch)
    assert cli.main(["run", str(CORPUS), "--no-progress", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    assert (tmp_path / "busy" / "notes.md").read_text(encoding="utf-8") == "mine"


def test_ctrl_c_prints_one_line_exits_130_and_keeps_the_previous_output(tmp_path, monkeypatch, capsys):
    src = _batch(tmp_path / "in", 6)
    out = tmp_path / "out"
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress"]) == 0
    before = _bytes(out)
    fail_on_call(monkeypatch, pipeline, "process", 3, KeyboardInterrupt())
    capsys.readouterr()
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress"]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["gem-extract: interrupted; the output folder was left as it was"]
    assert _bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_ctrl_c_on_a_parallel_run_from_the_terminal(tmp_path):
    """A real SIGINT to the process group of `--jobs 2`: one line, exit 130, no worker tracebacks.
    The batch is large enough to be still running half a second after its staging folder appears,
    also on a busy machine where that half second runs long (1,000 articles, ~1.5 s of work for two
    processes since the speed work, once finished first)."""
    src = _batch(tmp_path / "in", 4000)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "extract", "run", str(src), "--out", str(out), "--no-progress", "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".out.new-") for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be interrupted"
        time.sleep(0.02)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    lines = err.decode().strip().splitlines()
    assert proc.returncode == 130, lines
    assert lines == ["gem-extract: interrupted; the output folder was left as it was"], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


# ---------------------------------------------------------------- same bytes, any engine, any order

@pytest.fixture(scope="module")
def batch_and_serial_output(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    src = _batch(base / "in", 40)
    out = base / "serial"
    assert pipeline.run_batch([str(src)], str(out), progress=False, jobs=1) == 0
    return src, out


def test_jobs_2_writes_the_same_bytes(batch_and_serial_output, tmp_path):
    src, serial = batch_and_serial_output
    out = tmp_path / "jobs2"
    assert pipeline.run_batch([str(src)], str(out), progress=False, jobs=2) == 0
    assert _bytes(out) == _bytes(serial)


def test_fresh_tokenizers_part_way_keep_the_bytes(batch_and_serial_output, tmp_path, monkeypatch):
    """Tokenizers dropped between articles (every time a vocabulary passes a bound of 0 entries):
    the batch's bytes do not change."""
    from extract.extractors import tokens

    src, serial = batch_and_serial_output
    dropped = []
    real = tokens.fresh_tokenizers
    monkeypatch.setattr(tokens, "fresh_tokenizers", lambda: (dropped.append(1), real())[1])
    monkeypatch.setattr(tokens, "VOCABULARY_LIMIT", 0)
    out = tmp_path / "fresh"
    assert pipeline.run_batch([str(src)], str(out), progress=False, jobs=1) == 0
    assert len(dropped) >= 10  # 40 articles, most of them tokenised
    assert _bytes(out) == _bytes(serial)


def test_dask_engine_writes_the_same_bytes(batch_and_serial_output, tmp_path):
    distributed = pytest.importorskip("distributed")
    src, serial = batch_and_serial_output
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code = pipeline.run_batch([str(src)], str(out), progress=False, engine="dask",
                                  dask_address=cluster.scheduler_address)
    assert code == 0
    assert _bytes(out) == _bytes(serial)


def test_a_dask_scheduler_out_of_reach_is_a_usage_error(batch_and_serial_output, tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    src, serial = batch_and_serial_output
    monkeypatch.setattr(pipeline, "DASK_CONNECT_TIMEOUT", 1)
    code = pipeline.run_batch([str(src)], str(serial), progress=False, engine="dask",
                              dask_address="tcp://127.0.0.1:9")
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0], err
    assert (serial / "articles.csv").is_file() and sorted(p.name for p in serial.parent.iterdir()) == ["in", "serial"]


def test_rows_arriving_in_any_order_are_written_in_order(batch_and_serial_output, tmp_path):
    """The streaming writer against the in-memory one, articles fed in a shuffled order."""
    src, _ = batch_and_serial_output
    files = pipeline.reader.discover([str(src)]).files
    jobs = pipeline.article_ids(files)[:15]
    done = [pipeline.work(j) for j in jobs]
    results = [pipeline.process(pipeline.replace(pipeline.reader.read(Path(p)), article_id=a, path=p))
               for a, p in jobs]
    expected = writer.render([r.row for r in results],
                             {k: [rec for r in results for rec in r.records.get(k, [])] for k in RECORD_TYPES})
    random.Random(5).shuffle(done)
    with writer.BatchWriter(tmp_path / "w") as w:
        for d in done:
            w.add_row(d.row, d.chunks)
        w.add_file("texts/one.txt", "जेम")  # extra files, e.g. the texts of web pages
    assert {f: (tmp_path / "w" / f).read_bytes() for f in expected} == expected
    assert (tmp_path / "w" / "texts" / "one.txt").read_text(encoding="utf-8") == "जेम"


# ---------------------------------------------------------------- incremental runs

def test_incremental_run_reuses_unchanged_articles_and_writes_a_full_runs_bytes(tmp_path, monkeypatch, capsys):
    src = _batch(tmp_path / "in", 12)
    out = tmp_path / "out"
    assert pipeline.run_batch([str(src)], str(out), progress=False) == 0
    files = sorted(src.rglob("*.txt"))
    changed, removed = files[2], files[5]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nजेम पर 7 करोड़ की खरीद हुई।\n", encoding="utf-8")
    removed.unlink()
    added = src / "part1" / "new_story.txt"
    shutil.copy(SOURCES[1], added)

    processed = []
    real = pipeline.process

    def counting(source):
        processed.append(Path(source.path).name)
        return real(source)

    monkeypatch.setattr(pipeline, "process", counting)
    assert pipeline.run_batch([str(src)], str(out), progress=False, incremental=True) == 0
    assert sorted(processed) == sorted([changed.name, added.name])
    assert "10 reused" in capsys.readouterr().err

    full = tmp_path / "full"
    assert pipeline.run_batch([str(src)], str(full), progress=False) == 0
    assert _bytes(out) == _bytes(full)

    processed.clear()  # nothing changed: nothing extracted, not even the rules loaded

    def no_rules():
        raise AssertionError("rules loaded although every article is reused")

    monkeypatch.setattr(pipeline, "load_rules", no_rules)
    assert pipeline.run_batch([str(src)], str(out), progress=False, incremental=True) == 0
    assert processed == [] and _bytes(out) == _bytes(full)


def test_incremental_run_after_a_rules_or_code_change_extracts_everything(tmp_path, monkeypatch, capsys):
    src = _batch(tmp_path / "in", 4)
    out = tmp_path / "out"
    assert pipeline.run_batch([str(src)], str(out), progress=False) == 0
    monkeypatch.setattr(pipeline, "code_version", lambda: "another-version")
    processed = []
    real = pipeline.process
    monkeypatch.setattr(pipeline, "process", lambda s: processed.append(s.article_id) or real(s))
    assert pipeline.run_batch([str(src)], str(out), progress=False, incremental=True) == 0
    assert len(processed) == 4
    assert "other rules or code" in capsys.readouterr().err


def test_code_version_covers_rules_and_code():
    v = pipeline.code_version()
    assert v == pipeline.code_version() and len(v) == 16


def test_the_cli_runs_a_batch_with_the_batch_collector_and_restores_it(monkeypatch):
    import gc

    from extract import cli, collector, pipeline

    seen = []
    monkeypatch.setattr(pipeline, "run_batch", lambda *a, **k: seen.append((gc.get_threshold(), gc.isenabled())) or 0)
    before = gc.get_threshold()
    assert gc.isenabled()
    assert cli.main(["run", "x", "--out", "o", "--no-progress"]) == 0
    assert seen == [(collector.BATCH_GC_THRESHOLD, False)]  # on once the first article is done
    assert gc.get_threshold() == before and gc.isenabled()


def test_a_batch_collects_nothing_before_its_first_article_is_done_and_an_api_run_is_left_alone(monkeypatch, tmp_path):
    """The CLI's batch runs no collection until the first article is done, then takes what is alive
    out of the collector's sight and turns it on; at the end everything goes back to the oldest
    generation and the caller's collector is as it was. A run_batch called from a caller's own
    process (notebook, API) leaves its collector alone. The output is the same either way."""
    import gc

    from extract import collector, pipeline

    calls = []
    real_analyse = pipeline.analyse
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(pipeline, "analyse", lambda job: calls.append(("enabled", gc.isenabled())) or real_analyse(job))
    monkeypatch.setattr(pipeline, "_worked", 0)
    assert gc.isenabled()
    with collector.batch_collector():
        assert pipeline.run_batch([str(CORPUS)], str(tmp_path / "cli"), progress=False) == 0
    assert gc.isenabled()
    articles = sum(1 for c in calls if c[0] == "enabled")
    assert articles > 2
    assert calls == [("enabled", False), "freeze"] + [("enabled", True)] * (articles - 1) + ["freeze", "unfreeze"]
    calls.clear()
    monkeypatch.setattr(pipeline, "_worked", 0)
    assert pipeline.run_batch([str(CORPUS)], str(tmp_path / "api"), progress=False) == 0
    assert calls == [("enabled", True)] * articles
    assert (tmp_path / "cli" / "order_values.csv").read_bytes() == (tmp_path / "api" / "order_values.csv").read_bytes()


def test_a_main_process_that_hands_every_article_to_a_pool_runs_its_collector(monkeypatch, tmp_path):
    """With --jobs 2 the CLI's process works on no article itself: its collector is turned on (what
    it holds frozen) before the articles are handed out, not left off for the whole run."""
    import gc

    from extract import collector, pipeline

    seen = []
    real_windowed = pipeline._windowed
    monkeypatch.setattr(pipeline, "_windowed", lambda *a: seen.append(gc.isenabled()) or real_windowed(*a))
    with collector.batch_collector():
        assert pipeline.run_batch([str(CORPUS)], str(tmp_path / "o"), progress=False, jobs=2) == 0
    assert seen == [True] and gc.isenabled()


def test_an_article_leaves_no_reference_cycles():
    """What an article's extraction makes is freed by reference counting when it is done (the
    analysed article, its per-article analyses, closures): a cycle would keep the whole analysed
    article alive until the cycle collector runs, and a batch would collect tens of thousands of
    such objects at a time."""
    import gc

    from extract.text import reader

    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "real").glob("*.txt"))
    sources = [reader.load(p) for p in paths]
    for src in sources:  # the first articles load the rules, compile patterns, fill bounded tables
        pipeline.process(src)
    def ours(o) -> bool:  # (other threads of the test process, a Dask cluster's, make their own garbage)
        return type(o).__module__.startswith("extract") or str(getattr(o, "__module__", "")).startswith("extract")

    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds unreachable is kept in gc.garbage
    try:
        for src in sources:
            assert pipeline.process(src).records
            gc.collect()
            assert not [o for o in gc.garbage if ours(o)], src.path
            gc.garbage.clear()
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


@pytest.mark.parametrize("as_program", [True, False])
def test_the_program_sets_up_its_own_process(monkeypatch, capsys, as_program):
    """`main()` as the program (argv None) owns its process: it asks for one BLAS thread and, as the
    process ends next, calls collector.before_exit, so that the interpreter's collection at shutdown
    walks nothing; called with arguments (from Python, a test, a notebook) it leaves the caller's
    process alone."""
    from extract import collector

    calls = []
    monkeypatch.setattr(collector, "before_exit", lambda: calls.append(1))
    monkeypatch.setattr(sys, "argv", ["gem-extract", "numbers", "5 लाख"])
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)  # (restored after the test)
    assert (cli.main() if as_program else cli.main(["numbers", "5 लाख"])) == 0
    assert '"value": "500000"' in capsys.readouterr().out
    assert calls == ([1] if as_program else [])
    # the program asks for one BLAS thread (none spinning beside the pipeline); a caller's is left alone
    assert os.environ.get("OPENBLAS_NUM_THREADS") == ("1" if as_program else None)

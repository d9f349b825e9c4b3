"""Scale benchmark: throughput against spaCy's tokenizer and a regex pass over the same bytes,
peak memory at two batch sizes, cold start, and --jobs 2 scaling. Not a test: it prints figures.

In one run on a generated batch (default 2,000 articles made from corpus/ and corpus/real/ with
their paragraphs reordered and their figures varied, so that no two articles are alike):

- MB/s per core (CPU seconds, this process) of the whole pipeline (`run_batch --jobs 1`), of
  spaCy's `blank("hi")` tokenizer over the same texts with `nlp.pipe`, and of reading the files plus
  one `regex` pass over them; the pipeline's ratio to each (the three measured in turn, 500 articles
  at a time, so that the load of a shared machine falls on all three alike, all three under the
  cycle collector's policy of `gem-extract run`, see extract/collector.py);
- peak resident memory of `gem-extract run` at two batch sizes (default 1,000 and 4,000 articles),
  each in its own process (the wait4 rusage of that child);
- cold start: wall and CPU time of a one-article `gem-extract run` in a fresh process;
- `--jobs 2` against `--jobs 1`: wall time of the same batch, in fresh processes;
- `--incremental`: a first run of 300 articles, then a re-run of the unchanged folder.

    python bench/bench_scale.py [--articles 2000] [--sizes 1000 4000] [--skip-memory] [--skip-jobs]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DIGITS = re.compile(r"[0-9][0-9,]*")


def _sources() -> list[str]:
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "real").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def make_batch(folder: Path, n: int, seed: int = 11, paragraphs: int = 0) -> int:
    """n varied articles under `folder` (in sub-folders of 500); their size in bytes. `paragraphs`:
    keep only the title and that many paragraphs (0: all)."""
    rng = random.Random(seed)
    sources = _sources()
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        text = sources[i % len(sources)]
        head, _, body = text.partition("\n")
        paras = [p for p in body.split("\n\n")]
        if len(paras) > 2:
            tail = paras[1:]
            rng.shuffle(tail)
            paras = paras[:1] + tail
        if paragraphs:
            paras = paras[:paragraphs]
        text = head + "\n" + "\n\n".join(paras)
        text = DIGITS.sub(lambda m: f"{rng.randint(2, 99999):,}" if len(m.group()) > 2 else m.group(), text)
        sub = folder / f"part{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"a{i:06d}.txt").write_bytes(data)
        size += len(data)
    return size


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def bench_throughput(folder: Path, size: int, work: Path) -> None:
    from extract.collector import batch_collector
    from extract.pipeline import load_rules, run_batch
    import regex
    import spacy

    mb = size / 1e6
    # The three are measured under the cycle collector's policy of `gem-extract run` (collector.py:
    # nothing collected until the first article is done, then what is alive frozen and collections
    # every 50,000 new containers), as the CLI runs a batch; spaCy and the regex pass run under it too.
    with batch_collector():
        # Start-up is measured on its own (cold start below): as spaCy's figure leaves out its import
        # and spacy.blank(), the pipeline's leaves out the rules' loading and its tokenizers' making,
        # done here by a one-article warm-up run.
        load_rules()
        warm = work / "warm"
        make_batch(warm, 1, seed=99)
        run_batch([str(warm)], str(work / "warm-out"), progress=False, jobs=1)
        nlp = spacy.blank("hi")
        word = regex.compile(r"\w+")
        # The three are measured part by part (500 articles each), in turn: on a shared machine a change
        # of load then falls on all three alike, and their ratios hold (one after the other, a busy
        # minute during one of them moved the ratio by 1.5x).
        pipeline_cpu = spacy_cpu = regex_cpu = 0.0
        code = tokens = n = 0
        texts = 0
        for part in sorted(p for p in folder.iterdir() if p.is_dir()):
            t0 = _cpu()
            code = max(code, run_batch([str(part)], str(work / "out" / part.name), progress=False, jobs=1))
            pipeline_cpu += _cpu() - t0
            part_texts = _texts(part)
            texts += len(part_texts)
            t0 = _cpu()
            tokens += sum(len(doc) for doc in nlp.pipe(part_texts, batch_size=64))
            spacy_cpu += _cpu() - t0
            t0 = _cpu()
            for p in sorted(part.rglob("*.txt")):
                n += sum(1 for _ in word.finditer(p.read_bytes().decode("utf-8")))
            regex_cpu += _cpu() - t0

    rates = {"pipeline (run --jobs 1)": mb / pipeline_cpu, "spaCy blank('hi') nlp.pipe": mb / spacy_cpu,
             "read + one regex pass": mb / regex_cpu}
    print(f"\nthroughput over {mb:.2f} MB ({texts} articles; pipeline exit {code}, {tokens} spaCy tokens, "
          f"{n} regex words), CPU seconds of this process:")
    for name, rate in rates.items():
        print(f"  {name:<30} {rate:7.2f} MB/s per core")
    p, s, r = rates.values()
    print(f"  pipeline / spaCy tokenizer:     {p / s:.3f}x")
    print(f"  pipeline / regex pass:          {p / r:.4f}x (1/{r / p:.0f})")


def _run_child(args: list[str]) -> tuple[int, float, float, float]:
    """(exit code, wall s, CPU s, peak RSS MB) of `python -m extract ARGS` in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extract", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bench_memory(work: Path, sizes: list[int]) -> None:
    print("\npeak resident memory of `gem-extract run --jobs 1` (one fresh process per batch size):")
    peaks = []
    for n in sizes:
        folder = work / f"mem{n}"
        size = make_batch(folder, n, seed=n)
        code, wall, cpu, peak = _run_child(["run", str(folder), "--out", str(work / f"mem-out{n}"), "--no-progress"])
        peaks.append(peak)
        print(f"  {n:>6} articles ({size / 1e6:6.1f} MB): peak RSS {peak:6.1f} MB  (exit {code}, {wall:.1f} s wall, "
              f"{cpu:.1f} s CPU)")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work / f"mem-out{n}", ignore_errors=True)
    if len(peaks) > 1:
        print(f"  growth from {sizes[0]} to {sizes[-1]} articles: {peaks[-1] - peaks[0]:+.1f} MB")


def bench_huge(work: Path, n: int) -> None:
    """Peak memory of a batch of n short articles (title and one paragraph) over --jobs 2: what
    grows with the number of articles is the main process's bookkeeping, not the text."""
    folder = work / "huge"
    size = make_batch(folder, n, seed=1, paragraphs=1)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(folder), "--out", str(work / "huge-out"),
                             "--no-progress", "--jobs", "2"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main_peak = 0.0  # the main process's own peak (its wait4 rusage would include its workers)
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            main_peak = max(main_peak, int(status.split("VmHWM:")[1].split()[0]) / 1024)
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    import resource

    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # main or a worker
    print(f"\n{n} short articles ({size / 1e6:.1f} MB), --jobs 2: peak RSS of the main process "
          f"{main_peak:.1f} MB, of the largest process of the run (main or a worker) {largest:.1f} MB "
          f"(exit {proc.returncode}, {wall:.0f} s wall)")
    shutil.rmtree(folder, ignore_errors=True)


def bench_cold_start(work: Path) -> None:
    one = work / "one"
    make_batch(one, 1)
    runs = [_run_child(["run", str(one), "--out", str(work / "one-out"), "--no-progress"]) for _ in range(3)]
    best = min(runs, key=lambda r: r[1])
    print(f"\ncold start, one-article run in a fresh process (best of 3): {best[1]:.2f} s wall, {best[2]:.2f} s CPU, "
          f"peak RSS {best[3]:.0f} MB")


def bench_jobs(folder: Path, work: Path) -> None:
    print(f"\n--jobs scaling on the same batch ({os.cpu_count()} cores here), fresh processes:")
    walls = {}
    for jobs in (1, 2):
        code, wall, cpu, peak = _run_child(["run", str(folder), "--out", str(work / f"jobs{jobs}"), "--no-progress",
                                            "--jobs", str(jobs)])
        walls[jobs] = wall
        print(f"  --jobs {jobs}: {wall:6.1f} s wall (exit {code})")
    differ = [f for f in sorted(os.listdir(work / "jobs1"))
              if (work / "jobs1" / f).read_bytes() != (work / "jobs2" / f).read_bytes()]
    print(f"  speed-up {walls[1] / walls[2]:.2f}x; identical bytes: {'yes' if not differ else 'NO: ' + ', '.join(differ)}")


def bench_incremental(work: Path, n: int = 300) -> None:
    folder = work / "incr"
    make_batch(folder, n, seed=5)
    out = str(work / "incr-out")
    first = _run_child(["run", str(folder), "--out", out, "--no-progress"])
    again = _run_child(["run", str(folder), "--out", out, "--no-progress", "--incremental"])
    print(f"\n--incremental on an unchanged {n}-article folder (fresh processes): first run {first[1]:.1f} s wall "
          f"{first[2]:.1f} s CPU; re-run {again[1]:.2f} s wall {again[2]:.2f} s CPU = {again[2] / first[2]:.2f} of the "
          f"first run's CPU time, {again[1] / first[1]:.2f} of its wall time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-jobs", action="store_true")
    ap.add_argument("--huge", type=int, default=0, metavar="N",
                    help="only measure the peak memory of a batch of N short articles (e.g. 100000)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gem-bench-scale-"))
    try:
        if args.huge:
            bench_huge(work, args.huge)
            return
        folder = work / "batch"
        size = make_batch(folder, args.articles)
        print(f"batch: {args.articles} articles, {size / 1e6:.2f} MB, made from corpus/ and corpus/real/")
        from extract import native
        print(native.describe())
        bench_cold_start(work)
        bench_throughput(folder, size, work)
        if not args.skip_jobs:
            bench_jobs(folder, work)
        bench_incremental(work)
        if not args.skip_memory:
            bench_memory(work, args.sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

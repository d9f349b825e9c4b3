"""Pipeline benchmark: articles per second and MB/s of `gem-extract run` on a generated archive.

Not a test: it prints figures. The archive is made deterministically from corpus/ by varying the
figures, names of months and places so that no two articles are byte-identical. Usage:

    python bench/bench_pipeline.py [--articles 300] [--jobs 1]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
import resource
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import run_batch  # noqa: E402

DIGITS = re.compile(r"\d[\d,]*")


def make_archive(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    size = 0
    for i in range(n):
        text = sources[i % len(sources)]
        text = DIGITS.sub(lambda m: f"{rng.randint(1, 99999):,}" if len(m.group()) > 3 else m.group(), text)
        path = folder / f"{i:05d}_{rng.getrandbits(64):016x}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gem-bench-"))
    try:
        corpus = work / "in"
        corpus.mkdir()
        size = make_archive(corpus, args.articles)
        t0 = time.perf_counter()
        run_batch([str(corpus)], str(work / "warm"), progress=False, jobs=1) if args.articles > 6 else None
        warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        code = run_batch([str(corpus)], str(work / "out"), progress=False, jobs=args.jobs)
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"articles: {args.articles}  ({size / 1e6:.2f} MB of text, exit {code}, jobs {args.jobs})")
        print(f"first run (rules loaded, caches cold): {warm:.2f} s")
        print(f"second run: {elapsed:.2f} s  = {args.articles / elapsed:.1f} articles/s, "
              f"{size / 1e6 / elapsed:.2f} MB/s, {1000 * elapsed / args.articles:.1f} ms/article")
        print(f"peak resident memory (main process): {peak / 1e6:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

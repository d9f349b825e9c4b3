"""Instruction-count benchmark: the working tree against a git revision, in the same run. Not a test.

    python bench/bench_instructions.py [--ref HEAD~1] [--articles 50] [--rounds 10]

CPU time on a shared machine moves by a third between minutes; the number of machine instructions a
piece of work executes does not. This script counts them with valgrind's callgrind (a system
package: `apt-get install valgrind`; without it the script says so and stops) for two pieces of
work, in the working tree and in a checkout of `--ref` made for the run (a detached git worktree):

- an article: read + analyse + every extractor, over `--articles` generated articles (bench_scale's
  batch) after a warm-up of 20, with the batch's garbage-collector setting (the hot modules
  compiled where `make setup` built them, see extract/native.py: the ref's are built for the run
  when it has them, so that both trees run as set-up leaves them);
- a phrase: `find_numbers` over bench_numbers' fixed list of phrases, `--rounds` times, after one
  warm-up round.

Only the measured loop is counted: the child starts with instrumentation off, turns it on
(callgrind_control) after its warm-up and off after the loop; what switching costs is measured by a
run with no work and subtracted. It prints instructions per article and per phrase for both trees and
their ratio (below 1: the working tree does less). Counts of the same code repeat to within ~0.5%
(the same code against itself gave 0.999 and 1.004).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# The child: run with the tree to measure first on sys.path; argv: kind, count, batch folder.
CHILD = r'''
import gc, os, subprocess, sys
tree, kind, count, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, tree)
import extract
assert extract.__file__.startswith(tree), extract.__file__
def counting(on):
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], stdout=subprocess.DEVNULL)
if kind == "article":
    from pathlib import Path
    from extract.pipeline import EXTRACTORS, load_rules
    try:
        from extract.collector import BATCH_GC_THRESHOLD
    except ImportError:  # a revision from before extract/collector.py
        from extract.pipeline import BATCH_GC_THRESHOLD
    from extract.text import document, reader
    load_rules()
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    paths = sorted(Path(batch).rglob("*.txt"))
    def article(p):  # as pipeline.process works on one (Document.done: from 2591676 on)
        d = document.build(reader.load(p)); [f(d) for f in EXTRACTORS.values()]
        getattr(d, "done", lambda: None)()
    for p in paths[:20]:
        article(p)
    counting(True)
    for p in paths[20:20 + count]:
        article(p)
    counting(False)
else:
    from extract.numbers import find_numbers
    sys.path.insert(1, os.path.join(os.environ["GEM_BENCH_ROOT"], "bench"))
    from bench_numbers import PHRASES
    for p in PHRASES:
        find_numbers(p)
    counting(True)
    for _ in range(count):
        for p in PHRASES:
            find_numbers(p)
    counting(False)
'''


def _instructions(tree: Path, kind: str, count: int, batch: Path, child: Path) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", GEM_BENCH_ROOT=str(ROOT), PYTHONPATH="")
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
                           sys.executable, str(child), str(tree), kind, str(count), str(batch)],
                          env=env, capture_output=True, text=True, cwd=tree)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not found:
        sys.exit(f"bench_instructions: the child failed in {tree}:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def _per_unit(tree: Path, kind: str, count: int, units: int, batch: Path, child: Path) -> float:
    return (_instructions(tree, kind, count, batch, child) - _instructions(tree, kind, 0, batch, child)) / units


def _native_ref(ref_tree: Path) -> str:
    """Build the compiled hot modules of the ref's checkout as `make setup` would, so that both trees
    run as set-up leaves them (the working tree's build is copied first: only the modules that
    differ are compiled again); what the comparison is, in words."""
    script = ref_tree / "scripts" / "build_native.py"
    built = ROOT / "build" / "native"
    if not script.exists():
        return f"{'compiled' if built.exists() else 'pure Python'} in the working tree; the ref predates them (pure Python)"
    if not built.exists():
        return "pure Python in both (no build in the working tree: make setup)"
    shutil.copytree(built, ref_tree / "build" / "native")
    done = subprocess.run([sys.executable, str(script)], cwd=ref_tree, capture_output=True, text=True)
    return "compiled in both (the ref's built for this run: " + (done.stdout.strip().splitlines() or ["?"])[-1] + ")"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="HEAD", help="git revision to compare with (default HEAD: the last commit)")
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("bench_instructions: valgrind is not installed (apt-get install valgrind); nothing measured")
        return
    from bench_numbers import PHRASES
    from bench_scale import make_batch

    work = Path(tempfile.mkdtemp(prefix="gem-bench-instr-"))
    ref_tree = work / "ref"
    try:
        subprocess.run(["git", "worktree", "add", "--detach", str(ref_tree), args.ref], cwd=ROOT, check=True,
                       capture_output=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ref_tree / "extract")], check=True)
        print(f"hot modules: {_native_ref(ref_tree)}")
        child = work / "child.py"
        child.write_text(CHILD, encoding="utf-8")
        batch = work / "batch"
        make_batch(batch, args.articles + 20)
        phrases = args.rounds * len(PHRASES)
        print(f"instructions (callgrind), working tree against {args.ref}; {args.articles} generated articles "
              f"after 20 of warm-up, {len(PHRASES)} phrases x {args.rounds} rounds:")
        for kind, count, units, label in (("article", args.articles, args.articles, "per article"),
                                          ("phrase", args.rounds, phrases, "per phrase")):
            ref = _per_unit(ref_tree, kind, count, units, batch, child)
            new = _per_unit(ROOT, kind, count, units, batch, child)
            print(f"  {label:<12} {args.ref}: {ref:12,.0f}   working tree: {new:12,.0f}   ratio {new / ref:.3f}")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(ref_tree)], cwd=ROOT, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

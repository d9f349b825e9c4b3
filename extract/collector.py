"""How a batch's own process runs Python's cycle collector: when it starts, how often it runs,
what it never walks, and which processes are a batch's own.

A batch's own process is the CLI's (`batch_collector`, entered before the pipeline's modules are
imported) and a pool's worker (`enter_worker`); never an API caller's process (a notebook), whose
collector is left alone. In such a process:

- Nothing is collected until the first article is done (in a main process that hands every
  article to a pool or a Dask cluster: until it hands them out). What exists then is the program (modules,
  rule tables, compiled patterns, tokenizers, word tables: several hundred thousand objects) and it
  lives for the whole batch, so walking it is wasted: in a one-article run the collector's
  collections (30 of 33 while importing the pipeline and spaCy) were ~0.05-0.09 s of a 1 s start.
- Then what is alive is taken out of the collector's sight (`freeze_once`) and the collector is
  turned on, running every BATCH_GC_THRESHOLD new containers instead of 700: an article makes tens
  of thousands of short-lived ones (tokens, matches, tuples), nearly all freed by reference
  counting, so frequent collections mostly re-walk survivors (~10% of a batch's CPU time; 0.10-0.13
  s -> 0.06-0.08 s of collecting per 500 articles with the freezing). Memory is unchanged: the
  pipeline makes next to no reference cycles (an analysed article is freed by reference counting:
  `Document.done`), and the tokenizers made fresh now and then are freed
  by reference counting (peak memory at 1,000 and 4,000 articles is as without this).
- When the command is done and the program's process is about to end (`before_exit`, called by the
  CLI only when it is the program), everything is frozen: the interpreter's collection at shutdown
  then walks nothing (~0.2 s of a one-article run).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

BATCH_GC_THRESHOLD = (50_000, 20, 10)
_batch_process = False


def _start() -> None:
    global _batch_process
    gc.disable()  # until the first article is done: see freeze_once
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    _batch_process = True


def enter_worker() -> None:
    """A pool's worker: the whole process works on the batch, to its end."""
    _start()


@contextmanager
def batch_collector() -> Iterator[None]:
    """The batch's collector for the time of the block; the caller's, and nothing frozen, after it.
    What the block left alive is moved to the oldest generation on the way out (frozen, then given
    back), as a collection of every generation would leave it: else the first young collection
    under the caller's thresholds walks all of it (~40 ms at the end of a one-article run)."""
    global _batch_process
    before, enabled = gc.get_threshold(), gc.isenabled()
    _start()
    try:
        yield
    finally:
        _batch_process = False
        gc.freeze()
        gc.unfreeze()
        gc.set_threshold(*before)
        if enabled:
            gc.enable()


def freeze_once() -> None:
    """Called once, when the first article is done (or, in a process that works on none, before it
    hands them out): in a batch's own process, what is alive now is taken out of the collector's
    sight and the collector starts."""
    if _batch_process:
        gc.freeze()
        gc.enable()


def before_exit() -> None:
    """The program's command is done and its process ends next: what is alive is taken out of the
    collector's sight, so that the interpreter's last collection, as it shuts down, does not walk it
    (the program, spaCy, the rules: several hundred thousand objects, ~0.2 s of a one-article run).
    Nothing is lost: output files are closed before this, the interpreter still flushes stdout and
    stderr, and the process's memory goes back to the system when it ends."""
    gc.freeze()

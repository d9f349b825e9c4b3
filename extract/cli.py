"""Command line: `gem-extract run|eval|numbers|review|verify|export|import-review`.

Owns argument parsing and exit codes only; each command's work lives in its own module.

Exit codes: 0 success; 1 the command ran but found a problem (an article could not be read,
an F1 below --min-f1, a row that fails verification); 2 bad usage or broken rule files;
130 interrupted (Ctrl-C), the previous output left as it was.
"""
from __future__ import annotations

import argparse
import os
import sys

from .rules import RuleError

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gem-extract", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from article files and folders into CSVs")
    run.add_argument("paths", nargs="+", help="article files (.txt, .html, .htm, .jsonl, .jsonl.gz) or folders of them")
    run.add_argument("--out", default="output",
                     help="output folder, replaced whole when the run is complete (default: output)")
    run.add_argument("--review", action="store_true", help="also write the HTML review pages")
    run.add_argument("--xlsx", action="store_true", help="also write records.xlsx, one sheet per record type")
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    run.add_argument("--jobs", type=int, default=1,
                     help="processes to use (0: one per core; default 1); with --engine dask and no "
                          "--dask-address, the local cluster's workers")
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local: this machine's processes (default); dask: a Dask cluster")
    run.add_argument("--dask-address", default=None, metavar="ADDRESS",
                     help="the Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    run.add_argument("--incremental", action="store_true",
                     help="reuse the rows of articles unchanged since the previous run into --out")

    ev = sub.add_parser("eval", help="score the CSVs in --out against gold JSON files")
    ev.add_argument("--gold", required=True, help="folder of gold JSON files")
    ev.add_argument("--out", default="output", help="folder holding the pipeline's CSVs")
    ev.add_argument("--min-f1", type=float, default=None, help="exit 1 when any record type's F1 is below this")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")

    num = sub.add_parser("numbers", help="print every numeric expression in TEXT as JSON lines")
    num.add_argument("text", help="the text, or - to read standard input")

    rv = sub.add_parser("review", help="write HTML review pages for the CSVs in --out")
    rv.add_argument("--out", default="output", help="folder holding the pipeline's CSVs")

    vf = sub.add_parser("verify", help="check every CSV row against its source article")
    vf.add_argument("--out", default="output", help="folder holding the pipeline's CSVs")
    vf.add_argument("--corpus", nargs="*", default=None, help="where to find the sources (default: paths in articles.csv)")

    ex = sub.add_parser("export", help="export records for correction in a labelling tool")
    ex.add_argument("--format", choices=["label-studio"], default="label-studio")
    ex.add_argument("--out", default="output", help="folder holding the pipeline's CSVs; the export goes to OUT/label-studio/")

    im = sub.add_parser("import-review", help="turn a Label Studio export into gold JSON files")
    im.add_argument("file", help="the Label Studio JSON export")
    im.add_argument("--gold", required=True, help="folder to write gold JSON files into")
    im.add_argument("--force", action="store_true", help="replace gold files that exist with other content")
    return p


def main(argv: list[str] | None = None) -> int:
    """The command line; `argv` None: the program itself (the console script, `python -m extract`),
    whose process ends when this returns."""
    args = _parser().parse_args(argv)
    if argv is None:
        # One BLAS thread: spaCy imports numpy, whose OpenBLAS starts a thread per core that spins
        # waiting for work this program never gives it (~0.1 s of CPU in a one-article run, taken
        # from the pipeline on a busy machine, and again in every worker). Set before the import.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.command == "run":
        from .collector import batch_collector

        with batch_collector():  # from here: importing the pipeline makes most of a short run's objects
            code = _run(args)
    else:
        code = _run(args)
    if argv is None:
        from .collector import before_exit

        before_exit()
    return code


def _run(args: argparse.Namespace) -> int:
    """The command's exit code; a broken rule file, a closed pipe or Ctrl-C as one too."""
    try:
        if args.command == "run":
            from .pipeline import command
        elif args.command == "eval":
            from .review.evaluate import command
        elif args.command == "numbers":
            from .numbers import command
        elif args.command == "review":
            from .review.pages import command
        elif args.command == "verify":
            from .review.verify import command
        elif args.command == "export":
            from .review.labelstudio import export_command as command
        else:
            from .review.labelstudio import import_command as command
        return command(args)
    except RuleError as exc:
        print(f"gem-extract: broken rule file: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        left = "; the output folder was left as it was" if args.command == "run" else ""
        print(f"gem-extract: interrupted{left}", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())

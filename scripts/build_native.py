"""Compile the hot modules (extract.native.MODULES) with Cython into build/native/.

    python scripts/build_native.py [--force] [--jobs N]

Run by `make setup`. Only modules whose source changed since the last build (their SHA-256 differs
from build/native/manifest.json) are compiled again. The sources are compiled as they are: plain
Python, with `annotation_typing=False` (type hints stay hints) and `binding=False` (functions are
C functions, cheaper to call); a module with an augmenting `.pxd` beside it (C types for its hot
functions: extract/numbers/phrases.pxd, expressions.pxd, extract/extractors/facts.pxd, tokens.pxd,
officials.pxd, extract/lexicon/__init__.pxd, extract/text/layout.pxd, sentences.pxd,
extract/normalise.pxd) is compiled with those types, and its digest covers the
`.pxd` too. When Cython or a working C compiler is missing, says so and exits 0:
the pure modules run, with the same output. See extract/native.py for how they are loaded.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.native import (  # noqa: E402
    MANIFEST, MODULES, NATIVE_DIR, ROOT, SUFFIX, compiled_path, digest, is_current, read_manifest, source_path)

DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": False}


def _skip(reason: str) -> int:
    print(f"native build skipped: {reason}; the modules not compiled run as plain Python (same output, slower)")
    return 0


def _write_manifest(modules: dict[str, str]) -> None:
    NATIVE_DIR.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=NATIVE_DIR, prefix=".manifest-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"suffix": SUFFIX, "modules": dict(sorted(modules.items()))}, f, indent=1)
        f.write("\n")
    os.replace(tmp, NATIVE_DIR / MANIFEST)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="compile every module again")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="compilers run at once")
    args = ap.parse_args(argv)
    built = {} if args.force else read_manifest()
    todo = {name: digest(source_path(name)) for name in MODULES if not is_current(name, built.get(name))}
    kept = {n: d for n, d in built.items() if n in MODULES and n not in todo}
    if not todo:
        if kept != built:  # a module taken off MODULES leaves the manifest
            _write_manifest(kept)
        print(f"native build: {len(kept)} modules up to date in {NATIVE_DIR.relative_to(ROOT)}")
        return 0
    try:
        from Cython.Build import cythonize
        from setuptools import Distribution, Extension
    except ImportError as e:
        return _skip(f"{(e.name or 'Cython').split('.')[0]} is not installed")
    print(f"native build: compiling {len(todo)} modules with Cython (a few minutes the first time)")
    # the modules about to be compiled leave the manifest first: a build stopped half way (Ctrl-C, a
    # kill) must not leave a new compiled file recorded under its old source's digest
    _write_manifest(kept)
    # -w: the warnings of the generated C (unused variables of Cython's scaffolding) are not ours
    extensions = [Extension(name, [str(source_path(name).relative_to(ROOT))], extra_compile_args=["-w"])
                  for name in todo]
    cwd = os.getcwd()
    os.chdir(ROOT)  # module names are read off the paths relative to the package's folder
    try:
        modules = cythonize(extensions, compiler_directives=DIRECTIVES, build_dir=str(NATIVE_DIR / "c"),
                            nthreads=args.jobs, quiet=True,
                            force=True)  # the digests (of a .py and its .pxd) chose what to compile, not the files' times
        dist = Distribution({"ext_modules": modules, "script_name": "build_native.py"})
        dist.verbose = 0  # no compiler command lines
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib, cmd.build_temp, cmd.parallel = str(NATIVE_DIR), str(NATIVE_DIR / "tmp"), args.jobs
        cmd.force = True  # likewise: an up-to-date-looking .so of an older source is compiled again
        dist.run_command("build_ext")
    except (Exception, SystemExit) as e:  # no compiler, no Python headers, a Cython error
        _write_manifest(kept)  # what was built before and is still current stays usable
        return _skip(f"compiling failed ({type(e).__name__}: {e})")
    finally:
        os.chdir(cwd)
    # a source edited while it compiled is not recorded: its module is read from source until rebuilt
    done = {n: d for n, d in todo.items() if digest(source_path(n)) == d and compiled_path(n).is_file()}
    _write_manifest({**kept, **done})
    print(f"native build: {len(done)} compiled, {len(kept)} up to date, in {NATIVE_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

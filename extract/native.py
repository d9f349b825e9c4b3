"""Compiled twins of the hot modules: loading them, and only while they match their source.

`scripts/build_native.py` (run by `make setup`) compiles the modules of `MODULES`, unchanged
Python, with Cython into `build/native/` and records there, in `manifest.json`, the SHA-256 of
each source file it compiled (and of its augmenting `.pxd`, C types for the build, if it has one:
see `digest`). `install()` (called when `extract` is imported) puts a finder first
on `sys.meta_path` that loads such a module from its compiled file **only while the source file
still has the recorded digest**: a module edited since the build is read from its source, as if
nothing were compiled (slower, never stale). The compiled module keeps its source's `__file__`,
so code that reads files beside it finds them.

Nothing else changes: the compiled code is the same Python, run without the interpreter's
bytecode loop (Cython with `annotation_typing=False`: type hints are not turned into C types,
so every value behaves as in Python). The output is byte for byte the same (tests compare a
pure run with a compiled one). Without a C compiler or Cython the build is skipped and the
pure modules run. `GEM_EXTRACT_PURE=1` in the environment turns the finder off.
"""
from __future__ import annotations

import _imp
import hashlib
import json
import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, SourceFileLoader
from pathlib import Path
from typing import Optional

# The modules worth compiling: the stages an article goes through and the number layer (the
# reviewer tools, the command line and the batch driver spend no time worth it).
MODULES = (
    "extract.patterns", "extract.memo", "extract.normalise",
    "extract.numbers.words", "extract.numbers.phrases", "extract.numbers.expressions",
    "extract.lexicon", "extract.lexicon.english",
    "extract.text.reader", "extract.text.layout", "extract.text.sentences", "extract.text.document",
    "extract.extractors.tokens", "extract.extractors.facts", "extract.extractors.states",
    "extract.extractors.officials", "extract.extractors.awards", "extract.extractors.order_values",
    "extract.extractors.counts", "extract.extractors.events",
    "extract.output.csvsafe",
)
PURE_ENV = "GEM_EXTRACT_PURE"
ROOT = Path(__file__).resolve().parent.parent  # the folder holding the package `extract`
NATIVE_DIR = ROOT / "build" / "native"
MANIFEST = "manifest.json"
SUFFIX = EXTENSION_SUFFIXES[0]  # ".cpython-311-x86_64-linux-gnu.so": the interpreter's own


def source_path(name: str, root: Path = ROOT) -> Path:
    """The source file of the module `name` ("extract.lexicon" -> extract/lexicon/__init__.py)."""
    base = root.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def compiled_path(name: str, native_dir: Path = NATIVE_DIR) -> Path:
    """Where the build puts the compiled module `name` (as setuptools' build_ext places an
    extension: "extract.lexicon" -> extract/lexicon.<suffix>)."""
    *package, last = name.split(".")
    return native_dir.joinpath(*package, last + SUFFIX)


def digest(path: Path) -> str:
    """SHA-256 of a module's source file and, when there is one beside it, of its augmenting `.pxd`
    (C types for the Cython build, e.g. extract/numbers/phrases.pxd): a changed `.pxd` changes the
    compiled module, so it also makes the build stale. Without a `.pxd`, the source's own SHA-256."""
    h = hashlib.sha256(path.read_bytes())
    pxd = path.with_suffix(".pxd")
    if pxd.is_file():
        h.update(b"\0" + pxd.read_bytes())
    return h.hexdigest()


def is_current(name: str, recorded: Optional[str], native_dir: Path = NATIVE_DIR, root: Path = ROOT) -> bool:
    """The compiled file of module `name` is built and its source (and .pxd) still has the digest
    `recorded` (None: nothing recorded)."""
    try:
        return recorded is not None and compiled_path(name, native_dir).is_file() and \
            digest(source_path(name, root)) == recorded
    except OSError:
        return False


def read_manifest(native_dir: Path = NATIVE_DIR) -> dict[str, str]:
    """{module: SHA-256 of the source it was compiled from}; empty when nothing was built for
    this interpreter (or the manifest cannot be read)."""
    try:
        data = json.loads((native_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("suffix") != SUFFIX or not isinstance(data.get("modules"), dict):
        return {}
    return data["modules"]


class CompiledLoader(ExtensionFileLoader):
    """Loads the compiled file (`path`) of a module whose spec names its source as origin. A
    compiled file the interpreter refuses (built for another build of Python, damaged) is reported
    with a warning and the module is read from its source instead: nothing stops on it."""

    def __init__(self, fullname: str, path: str):
        super().__init__(fullname, path)
        self.fallback: Optional[SourceFileLoader] = None  # set when the source was read instead

    def create_module(self, spec: ModuleSpec):
        compiled = ModuleSpec(spec.name, self, origin=self.path, is_package=spec.submodule_search_locations is not None)
        compiled.submodule_search_locations = spec.submodule_search_locations
        try:
            module = _imp.create_dynamic(compiled)
        except ImportError as e:
            warnings.warn(f"{spec.name}: the compiled module {self.path} cannot be loaded ({e}); its source "
                          f"is read instead (run `make setup` to build it again)", RuntimeWarning, stacklevel=2)
            self.fallback = SourceFileLoader(spec.name, spec.origin)
            return None  # a plain module, which exec_module fills from the source
        module.__file__ = spec.origin  # the source's path, as for the pure module
        _created.add(spec.name)
        return module

    def exec_module(self, module) -> None:
        if self.fallback is not None:
            self.fallback.exec_module(module)
        else:
            super().exec_module(module)


class CompiledFinder:
    """Finds the compiled twin of a module of the manifest whose source is unchanged."""

    def __init__(self, manifest: dict[str, str], native_dir: Path = NATIVE_DIR, root: Path = ROOT):
        self.manifest, self.native_dir, self.root = manifest, native_dir, root
        self.loaded: list[str] = []  # the modules it gave a compiled spec, in import order

    def find_spec(self, fullname: str, path=None, target=None) -> Optional[ModuleSpec]:
        if fullname in _created:
            # a compiled module cannot be executed twice in a process (Cython hands back the
            # module it made first, unchanged): importlib.reload and an import after
            # `del sys.modules[...]` read the source, as they would without the build
            return None
        if not is_current(fullname, self.manifest.get(fullname), self.native_dir, self.root):
            return None  # not compiled, not built, or the source changed since: the source is read
        src = source_path(fullname, self.root)
        so = compiled_path(fullname, self.native_dir)
        package = src.name == "__init__.py"
        spec = ModuleSpec(fullname, CompiledLoader(fullname, str(so)), origin=str(src), is_package=package)
        spec.has_location = True  # __file__ is the source's: files beside it are found as before
        if package:
            spec.submodule_search_locations = [str(src.parent)]
        self.loaded.append(fullname)
        return spec

    def invalidate_caches(self) -> None:
        pass


_finder: Optional[CompiledFinder] = None
_created: set[str] = set()  # the modules made from their compiled file in this process


def install() -> Optional[CompiledFinder]:
    """Put the finder first on sys.meta_path (once), unless GEM_EXTRACT_PURE is set or nothing
    was built; returns it (None when not installed)."""
    global _finder
    if _finder is None and not os.environ.get(PURE_ENV):
        # (only what MODULES names: a module taken off the list runs as Python at once)
        manifest = {m: d for m, d in read_manifest().items() if m in MODULES}
        if manifest:
            _finder = CompiledFinder(manifest)
            sys.meta_path.insert(0, _finder)
    return _finder


def compiled_modules() -> list[str]:
    """The modules of this process that run compiled (read by the tests)."""
    return [m for m in (_finder.loaded if _finder else ())
            if m in sys.modules and isinstance(loader := sys.modules[m].__spec__.loader, CompiledLoader)
            and loader.fallback is None]


def current_build(native_dir: Path = NATIVE_DIR) -> list[str]:
    """The modules of MODULES whose compiled file is built and matches its source."""
    built = read_manifest(native_dir)
    return [m for m in MODULES if is_current(m, built.get(m), native_dir)]


def describe() -> str:
    """One line for benchmarks: how the hot modules run in this process."""
    if os.environ.get(PURE_ENV):
        return f"hot modules: pure Python ({PURE_ENV} is set)"
    n = len(current_build())
    if not n:
        return "hot modules: pure Python (none compiled: see scripts/build_native.py)"
    return f"hot modules: {n} of {len(MODULES)} compiled with Cython (extract/native.py; {PURE_ENV}=1 for pure Python)"

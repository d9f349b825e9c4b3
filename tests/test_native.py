"""The compiled twins of the hot modules (extract/native.py): a compiled module is loaded only while
its source has the digest the build recorded, and a run with them writes the same bytes as a pure
run."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import native

ROOT = Path(__file__).resolve().parent.parent


def _tree(tmp_path: Path, manifest: dict | None, compiled: tuple[str, ...]) -> native.CompiledFinder:
    """A package `pkg` (a module `pkg.mod`, a subpackage `pkg.sub`) under tmp_path/src, with the
    compiled files named in `compiled` (dummy bytes: never loaded here) under tmp_path/native and
    `manifest` there ("digest:REL" stands for the digest of src/REL)."""
    src, out = tmp_path / "src", tmp_path / "native"
    (src / "pkg" / "sub").mkdir(parents=True)
    (src / "pkg" / "__init__.py").write_text("")
    (src / "pkg" / "mod.py").write_text("X = 1\n")
    (src / "pkg" / "sub" / "__init__.py").write_text("Y = 2\n")
    for name in compiled:
        p = native.compiled_path(name, out)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"\x7fELF")
    if manifest is not None:
        modules = {m: native.digest(src / d[7:]) if d.startswith("digest:") else d
                   for m, d in manifest["modules"].items()}
        out.mkdir(exist_ok=True)
        (out / native.MANIFEST).write_text(json.dumps({**manifest, "modules": modules}))
    return native.CompiledFinder(native.read_manifest(out), out, src)


# (case, manifest (None: no file; "digest:REL": the digest of src/REL), compiled files, module, found)
CASES = [
    ("no manifest", None, ("pkg.mod",), "pkg.mod", False),
    ("another interpreter's build", {"suffix": ".other.so", "modules": {"pkg.mod": "digest:pkg/mod.py"}},
     ("pkg.mod",), "pkg.mod", False),
    ("not in the manifest", {"modules": {}}, ("pkg.mod",), "pkg.mod", False),
    ("current", {"modules": {"pkg.mod": "digest:pkg/mod.py"}}, ("pkg.mod",), "pkg.mod", True),
    ("source edited since the build", {"modules": {"pkg.mod": "0" * 64}}, ("pkg.mod",), "pkg.mod", False),
    ("compiled file missing", {"modules": {"pkg.mod": "digest:pkg/mod.py"}}, (), "pkg.mod", False),
    ("a package", {"modules": {"pkg.sub": "digest:pkg/sub/__init__.py"}}, ("pkg.sub",), "pkg.sub", True),
]


@pytest.mark.parametrize("case,manifest,compiled,name,found", CASES, ids=[c[0] for c in CASES])
def test_finder_loads_a_compiled_module_only_while_its_source_is_unchanged(tmp_path, case, manifest, compiled, name,
                                                                          found):
    if manifest is not None:
        manifest = {"suffix": native.SUFFIX, **manifest}
    finder = _tree(tmp_path, manifest, compiled)
    spec = finder.find_spec(name)
    assert (spec is not None) == found
    if found:
        src = native.source_path(name, tmp_path / "src")
        assert spec.origin == str(src) and spec.has_location  # __file__ stays the source's
        assert isinstance(spec.loader, native.CompiledLoader)
        assert spec.loader.path == str(native.compiled_path(name, tmp_path / "native"))
        assert (spec.submodule_search_locations == [str(src.parent)]) == (src.name == "__init__.py")
        assert finder.loaded == [name]


def test_an_augmenting_pxd_is_part_of_the_digest(tmp_path):
    """A module's `.pxd` beside it (C types for the Cython build) changes the compiled module: the
    digest covers it, so editing or removing it makes the build stale (read from source until rebuilt)."""
    finder = _tree(tmp_path, {"suffix": native.SUFFIX, "modules": {"pkg.mod": "digest:pkg/mod.py"}}, ("pkg.mod",))
    src = tmp_path / "src" / "pkg" / "mod.py"
    plain = native.digest(src)
    assert plain == hashlib.sha256(src.read_bytes()).hexdigest()  # no .pxd: the source's own digest
    pxd = src.with_suffix(".pxd")
    pxd.write_text("cpdef f(Py_ssize_t i)\n")
    typed = native.digest(src)
    assert typed != plain
    assert finder.find_spec("pkg.mod") is None  # built without the .pxd: stale
    pxd.write_text("cpdef f(i)\n")
    assert native.digest(src) not in (plain, typed)
    pxd.unlink()
    assert native.digest(src) == plain and finder.find_spec("pkg.mod") is not None


def test_the_pxd_of_a_compiled_module_stands_beside_its_source():
    """Every augmenting .pxd of the package belongs to a module of MODULES (a .pxd of another module
    would never be compiled)."""
    for pxd in (ROOT / "extract").rglob("*.pxd"):
        name = ".".join(pxd.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")  # a package's own
        assert name in native.MODULES, pxd


def test_paths_follow_the_package_layout():
    assert native.source_path("extract.numbers.phrases") == ROOT / "extract" / "numbers" / "phrases.py"
    assert native.source_path("extract.lexicon") == ROOT / "extract" / "lexicon" / "__init__.py"
    assert native.compiled_path("extract.lexicon", Path("/n")) == Path("/n/extract/lexicon" + native.SUFFIX)
    for name in native.MODULES:
        assert native.source_path(name).is_file(), name


needs_build = pytest.mark.skipif(not native.current_build(), reason="no compiled module is built and current "
                                 "(scripts/build_native.py: Cython or a C compiler missing?)")


def _run(env_extra: dict, args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    env.update(env_extra, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)


@needs_build
def test_the_current_compiled_modules_are_the_ones_loaded():
    code = ("import extract.pipeline, extract.review.verify, json, sys; from extract import native; "
            "print(json.dumps({m: sys.modules[m].__file__ for m in native.compiled_modules()}))")
    loaded = json.loads(_run({}, ["-c", code]).stdout)
    assert set(loaded) == set(native.current_build())
    for name, file in loaded.items():  # a compiled module's __file__ is its source's
        assert file == str(native.source_path(name)), name
    pure = json.loads(_run({native.PURE_ENV: "1"}, ["-c", code]).stdout)
    assert pure == {}


@needs_build
def test_a_compiled_run_writes_the_same_bytes_as_a_pure_run(tmp_path):
    outs = {}
    for mode, env in (("compiled", {}), ("pure", {native.PURE_ENV: "1"})):
        outs[mode] = tmp_path / mode
        _run(env, ["-m", "extract", "run", "corpus", "--out", str(outs[mode]), "--no-progress", "--review"])
    files = sorted(p.relative_to(outs["pure"]) for p in outs["pure"].rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(outs["compiled"]) for p in outs["compiled"].rglob("*") if p.is_file())
    for f in files:
        assert (outs["compiled"] / f).read_bytes() == (outs["pure"] / f).read_bytes(), f


def test_a_compiled_file_the_interpreter_refuses_is_reported_and_the_source_read(tmp_path):
    finder = _tree(tmp_path, {"suffix": native.SUFFIX, "modules": {"pkg.mod": "digest:pkg/mod.py"}}, ("pkg.mod",))
    spec = finder.find_spec("pkg.mod")  # its compiled file is 4 bytes that are no shared object
    with pytest.warns(RuntimeWarning, match="cannot be loaded"):
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    assert module.X == 1 and module.__file__ == str(tmp_path / "src" / "pkg" / "mod.py")
    assert spec.loader.fallback is not None


@needs_build
def test_reload_and_a_second_import_run_the_module_again_as_without_the_build():
    code = ("import importlib, sys, extract.memo as m; first = m.Memo; importlib.reload(m); reloaded = m.Memo; "
            "del sys.modules['extract.memo']; import extract.memo as m2; "
            "print(reloaded is not first, m2 is not m and m2.Memo is not reloaded)")
    assert _run({}, ["-c", code]).stdout.split() == ["True", "True"]

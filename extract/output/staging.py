"""Replacing an output folder whole: build the new output in a staging folder beside it, then
swap the two in one step.

Owns the staging folder's name and place (a hidden sibling of OUT, so the final rename never
crosses a file system), the usage checks on OUT that can be made before any work (not a file,
writable, empty or an earlier gem-extract output), the swap and the clean-up of staging folders
that a killed run left behind. The swap is one atomic `renameat2(RENAME_EXCHANGE)` where the
kernel offers it (Linux); elsewhere it renames OUT aside, renames the staging folder into place
and only then deletes the old one. Either way readers see the old folder or the new one, never a
mix, and the old folder stays until the new one is complete. It does not know what the files are.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

OUTPUT_MARKERS = ("articles.csv", "manifest.json")  # an existing OUT holding one of these is ours to replace
_STAGING, _OLD = "new", "old"


class OutputError(Exception):
    """OUT cannot be used (a usage error, exit 2); the message is one line for the user."""


def _sibling_prefix(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}-"


def _owner() -> str:
    """This process as written into its staging folders' names: pid and a tag of the host, so a
    run never takes another machine's folder on a shared file system for a dead run's."""
    import hashlib
    import socket

    return f"{os.getpid()}.{hashlib.sha1(socket.gethostname().encode()).hexdigest()[:8]}-"


def check(out_dir: str | Path) -> Path:
    """OUT as an absolute path, after the checks that need no work: OUT is not a file, is empty or
    an earlier output, and its parent folder can be created and written into."""
    out = Path(os.path.abspath(out_dir))
    if out.is_symlink():  # replace the folder it points to, not the link
        out = Path(os.path.realpath(out))
    if out.name in ("", ".", ".."):
        raise OutputError(f"--out {out_dir}: name a folder to write into")
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out_dir} is a file, not a folder")
    if out.is_dir():
        try:
            entries = [p.name for p in out.iterdir()]
        except OSError as exc:
            raise OutputError(f"--out {out_dir}: cannot read the folder: {exc.strerror or exc}") from None
        if entries and not any(m in entries for m in OUTPUT_MARKERS):
            raise OutputError(f"--out {out_dir} is a folder that holds other files, not an earlier gem-extract "
                              f"output; it would be replaced whole: name a new or empty folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        os.rmdir(tempfile.mkdtemp(prefix=f"{_sibling_prefix(out, 'probe')}", dir=out.parent))
    except OSError as exc:
        where = out.parent if out.parent.is_dir() else exc.filename or out.parent
        raise OutputError(f"--out {out_dir}: cannot write into {where}: {exc.strerror or exc} (the new output "
                          f"is built beside the old one)") from None
    return out


def create(out: Path) -> Path:
    """A fresh, empty staging folder beside `out`; stale ones of dead runs are removed first."""
    remove_stale(out)
    try:
        folder = Path(tempfile.mkdtemp(prefix=_sibling_prefix(out, _STAGING) + _owner(), dir=out.parent))
    except OSError as exc:
        raise OutputError(f"--out {out}: cannot create a folder in {out.parent}: {exc.strerror or exc}") from None
    os.chmod(folder, _folder_mode(out))
    return folder


def _folder_mode(out: Path) -> int:
    """The old output's permissions, or those a new folder gets (mkdtemp makes it private)."""
    try:
        return out.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o777 & ~mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale(out: Path) -> None:
    """Delete staging and old folders beside `out` that a killed run left (their process is gone)."""
    try:
        siblings = list(out.parent.iterdir())
    except OSError:
        return
    host = _owner().split(".", 1)[1]
    for kind in (_OLD, _STAGING):
        prefix = _sibling_prefix(out, kind)
        for p in sorted(siblings):
            if not p.name.startswith(prefix) or not p.is_dir():
                continue
            pid, _, tag = p.name[len(prefix):].partition(".")
            if not pid.isdigit() or not tag.startswith(host) or _pid_alive(int(pid)):
                continue
            if kind == _OLD and not out.exists() and (p / "out").is_dir():
                os.rename(p / "out", out)  # killed between the two renames: the old output goes back
            shutil.rmtree(p, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot (then nothing happened)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    return False  # EINVAL / ENOSYS / EXDEV: this file system cannot exchange; rename instead


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def commit(staging: Path, out: Path) -> None:
    """Put the complete staging folder in the place of `out` in one step and delete the old output."""
    _fsync_dir(staging)
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the old output
    else:
        old = Path(tempfile.mkdtemp(prefix=_sibling_prefix(out, _OLD) + _owner(), dir=out.parent))
        os.rename(out, old / "out")
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(old / "out", out)
            os.rmdir(old)
            raise
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(out.parent)


def discard(staging: Path) -> None:
    """Remove a staging folder of a run that did not finish."""
    shutil.rmtree(staging, ignore_errors=True)

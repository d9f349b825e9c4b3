"""The output folder is replaced whole: a run that fails or is killed part way leaves the previous
output exactly as it was (never new CSVs next to old ones), and files of an earlier run that this
run does not write (review pages, the workbook) do not stay next to the new CSVs."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from extract import cli, pipeline
from extract.output import staging, writer

from ..conftest import CORPUS, fail_on_call

SOURCES = sorted(CORPUS.glob("*.txt"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def previous(tmp_path):
    """A folder of articles and a complete earlier output of them, with review pages and workbook."""
    src = tmp_path / "in"
    src.mkdir()
    for f in SOURCES[:3]:
        shutil.copy(f, src / f.name)
    out = tmp_path / "out"
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress", "--review", "--xlsx"]) == 0
    for f in SOURCES[3:]:
        shutil.copy(f, src / f.name)  # the next run has more articles, so its CSVs differ
    return src, out, _snapshot(out)


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != "in")


def test_a_full_disk_mid_write_leaves_the_previous_output_intact(previous, monkeypatch, capsys):
    src, out, before = previous
    fail_on_call(monkeypatch, writer.BatchWriter, "add", 3, OSError(errno.ENOSPC, "No space left on device"))
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("gem-extract: cannot write the output: No space left on device"), err
    assert _snapshot(out) == before
    assert _siblings(out) == ["out"]


@pytest.mark.parametrize("stage", ["review", "xlsx", "swap"])
def test_a_failure_after_the_csvs_leaves_the_previous_output_intact(previous, monkeypatch, stage):
    src, out, before = previous
    boom = OSError(errno.EIO, "Input/output error")

    def fail(*args, **kwargs):
        raise boom

    if stage == "review":
        import extract.review.pages as pages
        monkeypatch.setattr(pages, "write_review", fail)
    elif stage == "xlsx":
        import extract.output.xlsx as xlsx
        monkeypatch.setattr(xlsx, "write_xlsx", fail)
    else:
        monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
        # the old output is aside, the new one cannot be put in place
        fail_on_call(monkeypatch, os, "rename", 2, boom)
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress", "--review", "--xlsx"]) == 1
    assert _snapshot(out) == before
    assert _siblings(out) == ["out"]


def test_files_of_an_earlier_run_do_not_stay_next_to_new_csvs(previous):
    src, out, before = previous
    assert "records.xlsx" in before and "review/index.html" in before
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress"]) == 0
    now = _snapshot(out)
    assert "records.xlsx" not in now and not any(n.startswith("review/") for n in now)
    assert now["articles.csv"] != before["articles.csv"]
    assert _siblings(out) == ["out"]


@pytest.mark.parametrize("exchange", [True, False])
def test_the_swap_with_and_without_an_atomic_exchange(previous, monkeypatch, exchange):
    src, out, _ = previous
    if not exchange:
        monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    assert cli.main(["run", str(src), "--out", str(out), "--no-progress"]) == 0
    assert (out / "manifest.json").is_file()
    assert _siblings(out) == ["out"]


def test_folders_left_by_a_killed_run_are_cleaned_up_and_an_old_output_put_back(tmp_path):
    out = tmp_path / "out"
    dead = 2**22 + 12345  # above any pid_max: no such process
    host = staging._owner().split(".", 1)[1]
    left_new = tmp_path / f".out.new-{dead}.{host}abc"
    left_new.mkdir()
    (left_new / "articles.csv").write_text("half", encoding="utf-8")
    left_old = tmp_path / f".out.old-{dead}.{host}def"
    (left_old / "out").mkdir(parents=True)
    (left_old / "out" / "articles.csv").write_text("previous", encoding="utf-8")
    alive = tmp_path / f".out.new-{staging._owner()}ghi"  # a run still going: left alone
    alive.mkdir()
    elsewhere = tmp_path / f".out.new-{dead}.0000ffff-jkl"  # another machine's run on a shared disk
    elsewhere.mkdir()
    staging.remove_stale(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, elsewhere.name, "out"])
    assert (out / "articles.csv").read_text(encoding="utf-8") == "previous"


def test_the_staging_folder_has_the_permissions_of_a_normal_folder(tmp_path):
    out = tmp_path / "fresh"
    folder = staging.create(staging.check(out))
    mask = os.umask(0)
    os.umask(mask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask
    assert folder.parent == out.parent and folder.name.startswith(".fresh.new-")
    staging.discard(folder)


def test_an_interrupted_run_with_jobs_leaves_the_previous_output(previous, monkeypatch):
    src, out, before = previous

    def interrupted(self, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.BatchWriter, "add", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_batch([str(src)], str(out), progress=False, jobs=2)
    assert _snapshot(out) == before
    assert _siblings(out) == ["out"]


def test_an_output_folder_reached_through_a_symlink_is_replaced_where_it_is(previous):
    src, out, _ = previous
    link = out.parent / "link"
    link.symlink_to(out, target_is_directory=True)
    assert cli.main(["run", str(src), "--out", str(link), "--no-progress"]) == 0
    assert link.is_symlink() and (out / "manifest.json").is_file() and not (out / "review").exists()
    assert _siblings(out) == ["link", "out"]

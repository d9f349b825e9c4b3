"""Finding inputs: nothing is skipped silently and nothing blocks (issue 10.3, issue 8.12).

Every file that is not read is counted by kind; every entry that cannot be read (unreadable
folder, dangling or looping symlink, FIFO) is an error row; a FIFO is never opened."""
from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from extract import pipeline
from extract.output.csvsafe import read_csv
from extract.text import reader

from ..conftest import CORPUS

SEED = sorted(CORPUS.glob("*.txt"))[0]


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging when the code under test blocks (a FIFO opened for reading)."""
    def _alarm(signum, frame):
        raise TimeoutError(f"blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture()
def tree(tmp_path):
    """A folder with articles, other files, an empty subfolder and a nested article."""
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "empty").mkdir()
    shutil.copy(SEED, root / "a.txt")
    shutil.copy(SEED, root / "sub" / "deeper" / "b.TXT")
    (root / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (root / "dump.jsonl").write_text('{"id": "j1", "text": "x"}\n', encoding="utf-8")
    (root / "notes.md").write_text("# notes", encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG")
    (root / "sub" / "chart.png").write_bytes(b"\x89PNG")
    (root / "README").write_text("no extension", encoding="utf-8")
    return root


def test_folders_give_every_article_kind_and_count_the_rest(tree):
    found = reader.discover([str(tree)])
    assert [f.name for f in found.files] == ["a.txt", "b.TXT", "dump.jsonl", "page.html"]
    assert dict(found.skipped) == {".md": 1, ".png": 2, "(no extension)": 1}
    assert found.empty_folders == [(tree / "empty").as_posix()]
    assert not found.problems and not found.missing
    assert found.report() == [
        "skipped 4 files (not .txt, .html, .htm, .jsonl or .jsonl.gz): (no extension) 1, .md 1, .png 2",
        f"1 empty folder: {(tree / 'empty').as_posix()}",
    ]


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(tree):
    found = reader.discover([str(tree / "notes.md")])
    assert found.files == [tree / "notes.md"] and not found.skipped


def test_skips_are_reported_on_stderr(tree, tmp_path, capsys):
    pipeline.run_batch([str(tree)], str(tmp_path / "out"), progress=False)
    err = capsys.readouterr().err
    assert "skipped 4 files (not .txt, .html, .htm, .jsonl or .jsonl.gz): (no extension) 1, .md 1, .png 2" in err
    assert "1 empty folder:" in err


def test_an_empty_folder_alone_is_reported(tmp_path, capsys):
    (tmp_path / "nothing").mkdir()
    assert pipeline.run_batch([str(tmp_path / "nothing")], str(tmp_path / "out"), progress=False) == 1
    err = capsys.readouterr().err
    assert "1 empty folder" in err and "no article files" in err


# ---------------------------------------------------------------- issue 8.12

def _rows(out: Path) -> dict[str, dict]:
    return {r["article_id"]: r for r in read_csv(out / "articles.csv").rows}


def test_dangling_and_looping_symlinks_are_error_rows(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEED, root / "good.txt")
    (root / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "gone.png").symlink_to(tmp_path / "deleted.png")  # not an article: a reported skip
    out = tmp_path / "out"
    assert pipeline.run_batch([str(root)], str(out), progress=False) == 1
    rows = _rows(out)
    assert rows["good"]["status"] == "ok"
    assert rows["gone"]["status"] == "error" and rows["gone"]["error"].startswith("dangling symlink: its target")
    assert rows["loop"]["status"] == "error" and rows["loop"]["error"].startswith("symlink loop")
    found = reader.discover([str(root)])
    assert found.skipped == {"dangling symlink": 1}


def test_symlinks_given_on_the_command_line(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    found = reader.discover([str(tmp_path / "gone.txt"), str(tmp_path / "loop.txt"), str(tmp_path / "absent.txt")])
    assert [p.error.split(":")[0] for p in found.problems] == ["dangling symlink", "symlink loop"]
    assert found.missing == [str(tmp_path / "absent.txt")]


def test_a_folder_symlinked_into_itself_is_walked_once(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEED, root / "a.txt")
    (root / "again").symlink_to(root)
    found = reader.discover([str(root)])
    assert found.files == [root / "a.txt"]
    assert found.skipped == {"folder reached twice through a symlink": 1}


def test_an_unreadable_folder_is_an_error_row(tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    shutil.copy(SEED, root / "a.txt")
    real = os.scandir

    def deny(path):  # the tests run as root, where chmod 000 denies nothing
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", deny)
    out = tmp_path / "out"
    assert pipeline.run_batch([str(root)], str(out), progress=False) == 1
    rows = _rows(out)
    assert rows["locked"] == {**rows["locked"], "status": "error", "error": "cannot read folder: Permission denied",
                              "path": (root / "locked").as_posix()}
    assert rows["a"]["status"] == "ok"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_never_blocks(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEED, root / "good.txt")
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "feed.jsonl")
    os.mkfifo(root / "other")
    out = tmp_path / "out"
    with deadline(60):
        code = pipeline.run_batch([str(root), str(root / "pipe.txt")], str(out), progress=False)
        assert reader.read(root / "pipe.txt").error == "not a regular file (FIFO): not read"
        assert reader.read_bytes(root / "feed.jsonl") == (b"", "not a regular file (FIFO): not read")
    assert code == 1
    rows = read_csv(out / "articles.csv").rows
    errors = sorted((r["article_id"], r["error"]) for r in rows if r["status"] == "error")
    assert errors == [("feed", "not a regular file (FIFO): not read"), ("pipe", "not a regular file (FIFO): not read")]
    assert reader.discover([str(root)]).skipped == {"FIFO": 1}


# ---------------------------------------------------------------- ids and small helpers

@pytest.mark.parametrize("value, expected", [
    ("article-7", "article-7"),
    ("झारखंड-जेम", "झारखंड-जेम"),  # Devanagari letters and vowel signs are safe
    ("2024_03.x", "2024_03.x"),
])
def test_safe_ids_stay_as_they_are(value, expected):
    assert reader.safe_id(value) == expected


@pytest.mark.parametrize("value", ["a/b", "../etc/passwd", ".hidden", "a b", "x" * 200, "", "con:1", "a\\b"])
def test_unsafe_ids_become_safe_and_distinct(value):
    got = reader.safe_id(value)
    assert reader._is_safe(got) and got != value and len(got) <= reader.ID_MAX
    assert "/" not in got and not got.startswith(".")
    assert reader.safe_id(value + "!") != got


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T10:00:00+05:30", "2024-03-05"), (" 2024-03-05 10:00", "2024-03-05"),
    ("2024-02-30", ""), ("05/03/2024", ""), ("", ""), ("2024-03-05x", ""),
])
def test_iso_dates(value, expected):
    assert reader.iso_date(value) == expected


@pytest.mark.parametrize("title, body, text", [
    ("Headline", "Body.", "Headline\n\nBody."),
    ("Headline", "Headline\nBody.", "Headline\n\nBody."),  # the body's own first line is the title
    ("  Head   line ", "Body.", "Head line\n\nBody."),
    ("", "\ufeffBody.", "Body."),
    ("Headline", "   ", ""),
])
def test_compose(title, body, text):
    assert reader.compose(title, body) == text

"""JSONL archives (issue 10.2): one article a line, given metadata first, a bad line is an error
row naming the file and the line and the rest goes on, ids unique and filename-safe, each line's
text kept in OUT/texts/ so that provenance holds."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from extract import pipeline
from extract.output.csvsafe import read_csv
from extract.records import RECORD_TYPES
from extract.text import archive, reader

REAL = Path(__file__).resolve().parents[2] / "corpus" / "real"
BODY_HI = (REAL / "214.txt").read_text(encoding="utf-8")
BODY_EN = (REAL / "228.txt").read_text(encoding="utf-8").split("\n", 1)[1].lstrip()  # without the crawler line


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


GOOD = [
    _line(id="jh-214", text=BODY_HI, title="झारखंड के विभागों की जेम से खरीद", published="2022-09-23T10:15:00+05:30",
          publisher="दैनिक भारत 24"),
    _line(url="https://news.example.org/sme/tamil-nadu-sellers-gem/2686448/", text=BODY_EN, published="2022-09-22"),
]
BAD = [
    ("{not json", "not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ("[1, 2]", "not a JSON object but list"),
    (_line(text="जेम पर 5 करोड़"), "no id and no url to name the article"),
    (_line(id="no-text"), "no text"),
    (_line(id="blank", text="   "), "empty text"),
    (_line(id="typed", text=5), "text is int, not a string"),
    (_line(id="dated", text="x", published="last Monday"), "published 'last Monday' is not a date (YYYY-MM-DD or ISO date-time)"),
    ('{"id": "half", "text": "\\ud800 lone"}', "text holds an unpaired surrogate U+D800 at 0"),
    (_line(id="jh-214", text="दूसरा लेख"), None),  # a duplicate id: the pipeline's error row
]


@pytest.fixture()
def dump(tmp_path) -> Path:
    lines = [GOOD[0], ""]  # a blank line is skipped, not an error
    lines += [bad for bad, _ in BAD]
    lines += [GOOD[1]]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_is_an_article_or_an_error_naming_file_and_line(dump):
    sources = list(archive.read_lines(dump))
    assert [s.line for s in sources] == [1, *range(3, 3 + len(BAD)), 3 + len(BAD)]
    first, *bad, last = sources
    assert first.ok and first.article_id == "jh-214" and first.title == "झारखंड के विभागों की जेम से खरीद"
    assert first.text == f"{first.title}\n\n{BODY_HI.strip()}"  # the title opens the kept text
    assert (first.published, first.publisher, first.url) == ("2022-09-23", "दैनिक भारत 24", "")
    for src, (_, why) in zip(bad, BAD):
        if why:
            assert not src.ok and src.error == f"{dump.as_posix()} line {src.line}: {why}", src.error
    assert last.ok and last.url == json.loads(GOOD[1])["url"]
    assert last.article_id.startswith("2686448-") and last.text == BODY_EN.strip()
    assert last.text_path == f"texts/{last.article_id}.txt"


def test_a_batch_with_bad_lines_goes_on(dump, tmp_path, capsys):
    out = tmp_path / "out"
    assert pipeline.run_batch([str(dump)], str(out), progress=False) == 1
    rows = read_csv(out / "articles.csv").rows
    assert len(rows) == len(GOOD) + len(BAD)
    ok = {r["article_id"]: r for r in rows if r["status"] == "ok"}
    assert set(ok) == {"jh-214", next(r["article_id"] for r in rows if r["url"])}
    assert all(r["path"] == dump.as_posix() for r in rows)
    assert ok["jh-214"]["published"] == "2022-09-23" and ok["jh-214"]["line"] == "1"
    dup = [r for r in rows if r["error"].startswith("duplicate article_id")]
    assert dup and dup[0]["error"].endswith(f"already read from {dump.as_posix()} line 1")
    assert "line 3: not valid JSON" in capsys.readouterr().err
    # provenance on the kept texts
    for kind in RECORD_TYPES:
        for r in read_csv(out / f"{kind}.csv").rows:
            text = (out / ok[r["article_id"]]["text_path"]).read_text(encoding="utf-8")
            assert text[int(r["start"]):int(r["end"])] == r["evidence"]
    for row in ok.values():
        data = (out / row["text_path"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
    states = {(r["article_id"], r["state"]) for r in read_csv(out / "states.csv").rows}
    assert ("jh-214", "Jharkhand") in states


def test_given_metadata_takes_precedence(tmp_path):
    text = "date 2020-01-01 Some Portal\nनई दिल्ली। जेम से राज्यों ने खरीद की।"
    path = tmp_path / "meta.jsonl"
    path.write_text(_line(id="m", text=text, published="2024-05-06", publisher="Given Publisher", title="Given title")
                    + "\n", encoding="utf-8")
    out = tmp_path / "out"
    pipeline.run_batch([str(path)], str(out), progress=False)
    row = read_csv(out / "articles.csv").rows[0]
    assert (row["title"], row["published"], row["publisher"]) == ("Given title", "2024-05-06", "Given Publisher")


def test_gzipped_archives_stream_and_a_broken_tail_is_one_error_row(tmp_path):
    lines = [_line(id=f"a{i}", text=f"लेख {i}: जेम से {i} करोड़ रुपये की खरीद।") for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    good = tmp_path / "ok.jsonl.gz"
    good.write_bytes(data)
    assert [s.article_id for s in archive.read_lines(good)] == [f"a{i}" for i in range(200)]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(data[: len(data) // 2])
    got = list(archive.read_lines(broken))
    assert got[-1].error.startswith(f"{broken.as_posix()} line {len(got)}: cannot read further")
    assert all(s.ok for s in got[:-1]) and len(got) > 1


def test_lines_are_read_one_at_a_time(tmp_path):
    """The first article comes out before the archive's later lines are read."""
    path = tmp_path / "big.jsonl"
    path.write_text(_line(id="first", text="जेम") + "\n" + "x" * 5_000_000 + "\n", encoding="utf-8")
    lines = archive.read_lines(path)
    assert next(lines).article_id == "first"
    assert next(lines).error.startswith(f"{path.as_posix()} line 2: not valid JSON")


def test_ids_are_unique_and_filename_safe(tmp_path):
    path = tmp_path / "ids.jsonl"
    rows = [_line(id="a/b", text="x"), _line(id="a b", text="x"), _line(id=17, text="x"),
            _line(id="../../etc/passwd", text="x"), _line(id="ok-id", text="x"),
            _line(url="https://x.example/news/story.html", text="x"),
            _line(url="https://y.example/news/story.html", text="x"),
            _line(url="https://x.example/", text="x")]
    path.write_text("\n".join(rows), encoding="utf-8")
    ids = [s.article_id for s in archive.read_lines(path)]
    assert len(set(ids)) == len(ids)
    assert ids[2] == "17" and ids[4] == "ok-id"
    for aid in ids:
        assert "/" not in aid and not aid.startswith(".") and aid == aid.strip()
    assert ids[5].startswith("story.html-") and ids[7].startswith("x.example-")


@pytest.mark.parametrize("content, error", [
    (b"", "empty file: no JSON lines"),
    (b"\n\n  \n", "empty file: no JSON lines"),
    (b"\xff\xfe{}", "line 1: not UTF-8: byte 0xff at column 1"),
])
def test_empty_and_undecodable_archives(tmp_path, content, error):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    (src,) = archive.read_lines(path)
    assert not src.ok and src.error.endswith(error)


def test_stale_texts_of_an_earlier_run_are_removed(tmp_path):
    out = tmp_path / "out"
    one = tmp_path / "one.jsonl"
    one.write_text(_line(id="old", text="जेम") + "\n", encoding="utf-8")
    pipeline.run_batch([str(one)], str(out), progress=False)
    assert (out / "texts" / "old.txt").exists()
    one.write_text(_line(id="new", text="जेम") + "\n", encoding="utf-8")
    pipeline.run_batch([str(one)], str(out), progress=False)
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["new.txt"]


_JSONISH = st.lists(st.sampled_from(['{', '}', '"', '"id"', '"text"', '"url"', '"title"', '"published"', ':', ',',
                                     '[', ']', '1', 'null', 'true', '"\\ud800"', '"जेम"', '"a/b"', '"2024-02-30"',
                                     '\\', ' ', '\x00', 'é']), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(line=st.one_of(_JSONISH.map(lambda s: s.encode("utf-8")), st.binary(max_size=40)))
def test_no_line_raises(line):
    """Whatever a line holds, it is an article with a safe id and encodable text, or an error row."""
    src = archive.line_source(Path("fuzz.jsonl"), 3, line)
    if src.ok:
        assert reader._is_safe(src.article_id) and src.text.encode("utf-8") and "\x00" not in src.text
    else:
        assert src.error.startswith("fuzz.jsonl line 3: ") and src.line == 3

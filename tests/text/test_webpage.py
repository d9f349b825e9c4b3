"""Saved web pages (issue 10.1): only the article's facts, title and date come out, and every
record's offsets index the text kept in OUT/texts/<article_id>.txt.

The two fixtures are news pages as a browser saves them, with a nav bar, scripts (JSON-LD and
ad code), a ticker, a breadcrumb, share buttons, tags, a related-news sidebar and a footer, all
full of states, amounts and officials that are not the article's. Their article bodies are
corpus/real/214.txt (Hindi) and corpus/real/228.txt (English, without its crawler date line)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extract import pipeline
from extract.output.csvsafe import read_csv
from extract.records import RECORD_TYPES
from extract.text import reader, webpage

PAGES = Path(__file__).parent / "pages"
REAL = Path(__file__).resolve().parents[2] / "corpus" / "real"

EXPECTED = {
    # page stem: (title, published, publisher, url, corpus text the body comes from, boilerplate words)
    "jharkhand-gem-hi": (
        "झारखंड सरकार के विभागों ने जैम से 1600 करोड़ से ज्यादा की खरीद की", "2022-09-23", "दैनिक भारत 24", "",
        "214.txt",
        ["बिहार", "उत्तर प्रदेश", "मध्य प्रदेश", "महाराष्ट्र", "ओडिशा", "गुजरात", "राजस्थान", "हरियाणा", "केरल",
         "तमिलनाडु", "7,400", "2,500", "5,000", "3,000", "40,000", "सुबोध अग्रवाल", "ये भी पढ़ें", "टैग", "dataLayer",
         "सर्वाधिकार", "होम"]),
    "tamil-nadu-sellers-en": (
        "Tamil Nadu sellers get orders worth Rs 7,400 crore through GeM", "2022-09-22", "The Financial Daily",
        "https://news.example.org/industry/sme/tamil-nadu-sellers-gem/2686448/", "228.txt",
        ["Karnataka", "Kerala", "Gujarat", "Odisha", "Punjab", "5,000", "2,200", "3,300", "900", "6,000", "50,000",
         "Suman Billa", "NTPC", "Platinum", "Related News", "Most Read", "Sensex", "Advertisement", "Tags",
         "Share on", "All rights reserved", "FD Bureau", "Bengaluru"]),
}


@pytest.fixture(scope="module")
def page_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages-out")
    assert pipeline.run_batch([str(PAGES)], str(out), progress=False) == 0
    return out


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_main_text_and_metadata_only(stem):
    title, published, publisher, url, corpus_file, boilerplate = EXPECTED[stem]
    src = webpage.read(PAGES / f"{stem}.html")
    assert src.ok, src.error
    assert (src.title, src.published, src.publisher, src.url) == (title, published, publisher, url)
    assert src.text.startswith(f"{title}\n\n")
    body = (REAL / corpus_file).read_text(encoding="utf-8")
    for paragraph in filter(None, (p.strip() for p in body.splitlines())):
        if not paragraph.startswith("date "):  # 228's crawler line is not on the page
            assert paragraph.split(" ", 3)[-1][:60] in src.text
    for word in boilerplate:
        assert word not in src.text, word
    assert src.saved and src.text_path == f"texts/{stem}.txt"
    assert src.sha256 == hashlib.sha256(src.text.encode("utf-8")).hexdigest()


def test_articles_csv_names_the_page_and_the_saved_text(page_output):
    rows = {r["article_id"]: r for r in read_csv(page_output / "articles.csv").rows}
    assert sorted(rows) == sorted(EXPECTED)
    for stem, (title, published, publisher, url, *_) in EXPECTED.items():
        row = rows[stem]
        text_file = page_output / row["text_path"]
        data = text_file.read_bytes()
        assert row["status"] == "ok" and row["path"] == (PAGES / f"{stem}.html").as_posix()
        assert (row["title"], row["published"], row["publisher"], row["url"]) == (title, published, publisher, url)
        assert row["text_path"] == f"texts/{stem}.txt" and row["line"] == ""
        assert row["sha256"] == hashlib.sha256(data).hexdigest() and int(row["chars"]) == len(data.decode("utf-8"))
        assert not data.startswith(b"\xef\xbb\xbf")


def test_provenance_holds_on_the_saved_text(page_output):
    texts = {stem: (page_output / "texts" / f"{stem}.txt").read_text(encoding="utf-8") for stem in EXPECTED}
    total = 0
    for kind in RECORD_TYPES:
        for row in read_csv(page_output / f"{kind}.csv").rows:
            text = texts[row["article_id"]]
            start, end = int(row["start"]), int(row["end"])
            assert text[start:end] == row["evidence"], (kind, row)
            assert row["context"] in text
            total += 1
    assert total >= 10


def test_only_the_articles_facts(page_output):
    def keys(kind, col):
        return {(r["article_id"], r[col]) for r in read_csv(page_output / f"{kind}.csv").rows}

    assert keys("states", "state") == {("jharkhand-gem-hi", "Jharkhand"), ("tamil-nadu-sellers-en", "Tamil Nadu"),
                                       ("tamil-nadu-sellers-en", "Uttar Pradesh"), ("tamil-nadu-sellers-en", "Bihar")}
    assert keys("order_values", "inr") == {("jharkhand-gem-hi", "16000000000"),
                                           ("tamil-nadu-sellers-en", "74000000000"),
                                           ("tamil-nadu-sellers-en", "11080000000")}
    assert not read_csv(page_output / "awards.csv").rows
    assert {n for _, n in keys("officials", "name")} <= {"अमरदीप गुप्ता", "ब्रजेश कुमार", "Vijendra Pandian",
                                                          "Muralidharan"}
    assert {v for _, v in keys("counts", "value")} <= {"12"}


def test_the_page_adds_nothing_to_what_its_text_gives(page_output):
    """The records of a page are those of its saved text with the page's metadata."""
    from extract import extract_text

    for stem, (title, published, publisher, url, *_) in EXPECTED.items():
        text = (page_output / "texts" / f"{stem}.txt").read_text(encoding="utf-8")
        tables = extract_text(text, article_id=stem, title=title, published=published, publisher=publisher, url=url)
        for kind in RECORD_TYPES:
            written = [r for r in read_csv(page_output / f"{kind}.csv").rows if r["article_id"] == stem]
            assert [r["record_id"] for r in written] == list(tables[kind]["record_id"]), kind


def test_verify_passes_on_page_output(page_output):
    from extract.review.verify import verify

    report = verify(page_output)
    assert report.ok, report.summary() + "\n" + "\n".join(map(str, report.failures[:5]))


@pytest.mark.parametrize("html, error", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"<html><head><title>No body</title></head><body></body></html>", "no article text found in the page"),
    (b"<html><body><script>var a = 'Rs 5 crore';</script><footer>(c) 2020 X</footer></body></html>",
     "no article text found in the page"),
])
def test_pages_without_an_article_are_error_rows(tmp_path, html, error):
    path = tmp_path / "page.html"
    path.write_bytes(html)
    src = webpage.read(path)
    assert not src.ok and src.error == error and not src.text_path


BODY = "<p>The GeM portal helped Bihar buy goods worth Rs 50 crore this year, officials said on Monday in Patna.</p>" * 3


@pytest.mark.parametrize("head, extra, published", [
    ("", "<footer>© 2022 Daily X</footer>", ""),  # a copyright year is no publication date
    ("", "<footer>Copyright 2019-2023</footer><a href='/2020/05/07/x'>old</a>", ""),
    ("", "<time datetime='2021-04-05'>5 Apr</time>", "2021-04-05"),
    ("<meta property='article:published_time' content='2022-09-23T10:15:00+05:30'>", "<footer>© 2024 X</footer>",
     "2022-09-23"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-01-31"}</script>', "",
     "2023-01-31"),
])
def test_the_published_date_comes_from_markup_only(head, extra, published):
    page = f"<html><head><title>T</title>{head}</head><body><article>{BODY}</article>{extra}</body></html>"
    assert webpage.page_text(page.encode("utf-8"))[1]["published"] == published


def test_a_page_in_another_encoding_is_read_by_its_charset(tmp_path):
    body = "<p>The café in Pune placed orders worth Rs 5 crore through GeM in 2023, officials said on Monday.</p>" * 3
    page = f'<html><head><meta charset="windows-1252"><title>Café orders</title></head><body><article>{body}</article></body></html>'
    path = tmp_path / "cafe.htm"
    path.write_bytes(page.encode("cp1252"))
    src = reader.load(path)
    assert src.ok and "café in Pune" in src.text and src.title == "Café orders"

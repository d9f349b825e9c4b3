"""Review pages: every record highlighted (nested or split where spans overlap), escaping,
tables linking to highlights, error articles, determinism, and the real pipeline's output."""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract.review import pages as review
from extract.output.csvsafe import write_csv
from extract.records import (ARTICLE_COLUMNS, RECORD_TYPES, CountRecord, EventRecord, OfficialRecord,
                             OrderValueRecord, StateRecord)

ROOT = Path(__file__).resolve().parents[2]

NASTY = (
    'जेम समाचार <b>बोल्ड</b> & "उद्धरण" \'quote\'\n\n'
    "रांची: झारखंड के सचिव अमित कुमार ने कहा कि राज्य में लगभग 7,900 करोड़ की खरीद हुई।\n"
    '<script>alert("xss")</script> यह पंक्ति भी लेख का हिस्सा है & &amp; </textarea>\n'
)


def at(text: str, aid: str, evidence: str, nth: int = 0) -> dict:
    """Provenance of the nth occurrence of `evidence`, its context the whole line."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(evidence, i + 1)
    j = text.rfind("\n", 0, i) + 1
    k = text.find("\n", i)
    k = len(text) if k < 0 else k
    return dict(article_id=aid, start=i, end=i + len(evidence), evidence=evidence, context=text[j:k], rule="test.r1")


def nasty_records(text: str, aid: str) -> list:
    return [
        # officials span contains the state span (nesting)
        OfficialRecord(**at(text, aid, "झारखंड के सचिव अमित कुमार"), name="अमित कुमार", name_en="Amit Kumar",
                       honorific="", designation="सचिव", designation_en="Secretary", organisation="",
                       organisation_en="", state="Jharkhand"),
        StateRecord(**at(text, aid, "झारखंड"), state="Jharkhand", state_hi="झारखंड", iso="IN-JH",
                    primary=True, mentions=1),
        # the order value and the count cross each other (split)
        OrderValueRecord(**at(text, aid, "लगभग 7,900 करोड़"), inr=79000000000, amount_text="लगभग 7,900 करोड़",
                         qualifier="approx", role="buyer", state="Jharkhand", counterparty="", segment="",
                         period="to_date"),
        CountRecord(**at(text, aid, "7,900 करोड़ की खरीद"), value=7900, count_text="7,900",
                    qualifier="exact", unit="orders", state="Jharkhand", period=""),
        # markup in the evidence, an attribute breaker in a value
        EventRecord(**at(text, aid, '<script>alert("xss")</script>'), name='<script>alert("xss")</script>',
                    name_en='"><img src=x onerror=alert(1)>', city="Ranchi", venue="'&<>", state="Jharkhand",
                    date="2026-01-19"),
        # a record at the very start of the text, with a title containing HTML
        EventRecord(**at(text, aid, "जेम समाचार <b>बोल्ड</b>"), name="जेम समाचार", name_en="GeM News",
                    city="", venue="", state="", date=""),
    ]


def write_output(root: Path, articles: list[tuple[str, str, str, list]]) -> Path:
    """An output folder like the pipeline's: (article_id, text, lang, records) per article;
    text None makes an error row."""
    out, corpus = root / "out", root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    rows, recs = [], {k: [] for k in RECORD_TYPES}
    for aid, text, lang, records in articles:
        path = corpus / f"{aid}.txt"
        if text is None:
            rows.append(dict(article_id=aid, path=str(path), lang=lang, title="", published="", publisher="",
                             dateline="", chars=0, sha256="", status="error", error="not UTF-8: byte 0xff"))
            continue
        path.write_bytes(text.encode("utf-8"))
        title = text.split("\n", 1)[0]
        rows.append(dict(article_id=aid, path=str(path), lang=lang, title=title, published="2026-01-19",
                         publisher="<i>P</i>", dateline="", chars=len(text),
                         sha256=hashlib.sha256(path.read_bytes()).hexdigest(), status="ok", error=""))
        for r in records:
            recs[r.kind].append(r.row())
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, sorted(rows, key=lambda r: r["article_id"]))
    for kind, cls in RECORD_TYPES.items():
        write_csv(out / f"{kind}.csv", cls.columns(), sorted(recs[kind], key=lambda r: (r["article_id"], r["start"])))
    return out


class Page(HTMLParser):
    """Parses a review page: checks tags nest, collects the text pane's text, the text of every
    highlight piece by record_id, ids, links, script and img tags."""

    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.text_depth: int | None = None
        self.text = ""
        self.pieces: dict[str, str] = {}
        self.first: dict[str, dict] = {}
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: dict[str, int] = {}
        self.script = ""
        self.html_lang = None
        self.mentions: dict[str, list[str]] = {}  # record_id -> text of each further mention
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed tags: {[t for t, _ in self.stack]}"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.html_lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag in self.VOID:
            return
        if a.get("id") == "gx-text":
            self.text_depth = len(self.stack)
        if tag == "mark" and "data-rid" in a and "cont" not in a.get("class", ""):
            self.first[a["data-rid"]] = a
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes <{self.stack[-1][0] if self.stack else None}>"
        self.stack.pop()
        if self.text_depth is not None and len(self.stack) == self.text_depth:
            self.text_depth = None

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            self.script += data
            return
        if self.text_depth is None:
            return
        self.text += data
        for tag, a in self.stack:
            if tag == "mark" and "data-rid" in a:
                self.pieces[a["data-rid"]] = self.pieces.get(a["data-rid"], "") + data
            if tag == "mark" and "data-of" in a:
                self.mentions.setdefault(a["data-of"], []).append(data)


@pytest.fixture
def nasty_out(tmp_path):
    recs = nasty_records(NASTY, "nasty")
    out = write_output(tmp_path, [("nasty", NASTY, "hi", recs), ("zz_broken", None, "hi", [])])
    review.write_review(out)
    return out, recs


def page_of(out: Path, aid: str) -> tuple[str, Page]:
    html = (out / "review" / review.page_name(aid)).read_text(encoding="utf-8")
    return html, Page(html)


def test_text_pane_is_the_article_text_exactly(nasty_out):
    out, _ = nasty_out
    _, page = page_of(out, "nasty")
    assert page.text == NASTY


def test_every_record_has_a_highlight_whose_pieces_spell_its_evidence(nasty_out):
    out, recs = nasty_out
    _, page = page_of(out, "nasty")
    for r in recs:
        assert r.record_id in page.ids, r
        assert page.pieces[r.record_id] == r.evidence
        first = page.first[r.record_id]
        assert first["id"] == r.record_id and first["tabindex"] == "0"
        assert f"t-{r.kind}" in first["class"]


def test_crossing_spans_are_split_and_nested_spans_nest(nasty_out):
    out, recs = nasty_out
    html, _ = page_of(out, "nasty")
    count = next(r for r in recs if r.kind == "counts")
    state = next(r for r in recs if r.kind == "states")
    assert f'class="hl t-counts cont" data-rid="{count.record_id}"' in html  # the count crosses the amount
    assert f'class="hl t-states cont" data-rid="{state.record_id}"' not in html  # the state nests whole


def test_table_rows_link_to_their_highlights(nasty_out):
    out, recs = nasty_out
    _, page = page_of(out, "nasty")
    for r in recs:
        assert f"#{r.record_id}" in page.hrefs
        assert f"row-{r.record_id}" in page.ids
    assert len(page.ids) == len(set(page.ids))


def test_markup_and_quotes_in_articles_render_as_text(nasty_out):
    out, _ = nasty_out
    html, page = page_of(out, "nasty")
    assert page.tags.get("script") == 1  # only the page's own inline script
    assert "img" not in page.tags and "b" not in page.tags and "i" not in page.tags and "textarea" not in page.tags
    assert "alert" not in page.script
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    assert "&amp;amp;" in html  # a literal &amp; in the article stays literal
    index = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in index and "&lt;b&gt;बोल्ड&lt;/b&gt;" in index


def test_hover_card_shows_normalised_values(nasty_out):
    out, recs = nasty_out
    _, page = page_of(out, "nasty")
    ov = next(r for r in recs if r.kind == "order_values")
    tip = page.first[ov.record_id]["data-tip"]
    assert "inr: ₹79,00,00,00,000" in tip and "qualifier: approx" in tip and "period: to_date" in tip
    off = next(r for r in recs if r.kind == "officials")
    assert "designation_en: Secretary" in page.first[off.record_id]["data-tip"]
    ev = next(r for r in recs if r.kind == "events" and r.city == "Ranchi")
    assert 'name_en: "><img src=x onerror=alert(1)>' in page.first[ev.record_id]["data-tip"]


def test_pages_are_self_contained_utf8_and_say_their_language(nasty_out):
    out, _ = nasty_out
    html, page = page_of(out, "nasty")
    assert page.html_lang == "hi"
    assert '<meta charset="utf-8">' in html
    assert not page.srcs and "link" not in page.tags and "img" not in page.tags
    assert all(h.startswith("#") or h.endswith(".html") for h in page.hrefs)
    style = html[html.index("<style>"):html.index("</style>")]
    for bad in ("http", "@import", "url(", "@font-face"):
        assert bad not in style and bad not in page.script, bad
    assert Page((out / "review" / "index.html").read_text(encoding="utf-8")).html_lang == "en"


def test_error_articles_get_a_page_and_an_index_row_saying_the_error(nasty_out):
    out, _ = nasty_out
    html, _ = page_of(out, "zz_broken")
    assert "could not read this article: not UTF-8: byte 0xff" in html
    index = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert 'href="zz_broken.html"' in index and "error: not UTF-8: byte 0xff" in index
    assert "Articles: 2 (1 ok, 1 error)" in index


def test_index_counts_records_per_type(nasty_out):
    out, _ = nasty_out
    index = (out / "review" / "index.html").read_text(encoding="utf-8")
    row = index[index.index('href="nasty.html"'):]
    row = row[:row.index("</tr>")]
    counts = [c.split(">")[-1] for c in row.split("</td>") if 'class="num"' in c]
    assert counts == ["1", "1", "", "1", "1", "2", "6"]


def test_same_input_same_bytes_and_stale_pages_removed(nasty_out):
    out, _ = nasty_out
    before = {p.name: p.read_bytes() for p in (out / "review").iterdir()}
    (out / "review" / "old_article.html").write_text("stale")
    review.write_review(out)
    after = {p.name: p.read_bytes() for p in (out / "review").iterdir()}
    assert after == before


def test_wrong_offsets_are_flagged_not_highlighted(tmp_path):
    text = "झारखंड में जेम।\n"
    bad = StateRecord(article_id="a", start=0, end=4, evidence="झारखंड", context=text.strip(), rule="r",
                      state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True, mentions=1)
    far = StateRecord(article_id="a", start=50, end=56, evidence="झारखंड", context="", rule="r",
                      state="Bihar", state_hi="बिहार", iso="IN-BR", primary=False, mentions=1)
    out = write_output(tmp_path, [("a", text, "hi", [bad, far])])
    review.write_review(out)
    html, page = page_of(out, "a")
    assert page.text == text
    assert "evidence differs from the text here" in html
    assert "offsets 50:56 unusable" in html and far.record_id not in page.pieces


def test_changed_source_is_warned_about(nasty_out):
    out, _ = nasty_out
    src = out.parent / "corpus" / "nasty.txt"
    src.write_text(NASTY + "edited", encoding="utf-8")
    review.write_review(out)
    html, _ = page_of(out, "nasty")
    assert "changed since extraction" in html


def test_spans_crossing_a_boilerplate_block_are_split_so_tags_nest():
    class B:
        def __init__(self, s, e):
            self.start, self.end, self.kind, self.boilerplate = s, e, "related", True

    text = "abc def ghi"
    rec = review.Rec("states", {"record_id": "st-1", "evidence": "c def"}, 2, 7)
    html = review.highlight(text, [review.record_span(rec, set()), review.block_span(B(4, 11))])
    tip = 'data-rid="st-1" data-tip="states · st-1\nrule: "'
    assert html == (f'ab<mark id="st-1" class="hl t-states" {tip} tabindex="0" aria-describedby="row-st-1">c '
                    '<span class="boiler first" data-kind="related">def</span></mark>'
                    '<span class="boiler" data-kind="related"> ghi</span>')


def test_indian_grouping_and_display():
    assert review.indian_grouping("79000000000") == "79,00,00,00,000"
    assert review.indian_grouping("150000") == "1,50,000"
    assert review.indian_grouping("999") == "999"
    assert review.indian_grouping("1000") == "1,000"
    assert review.display_value("inr", "79000000000") == "₹79,00,00,00,000"
    assert review.display_value("value", "7900") == "7,900"
    assert review.display_value("inr", "n/a") == "n/a"


def test_page_names_never_collide_with_the_index_or_each_other():
    ids = ["index", "INDEX", "_index", "__index", "a", "_a", "a/b", "a%2Fb", "..", "", "x.y"]
    names = [review.page_name(i) for i in ids]
    assert len(set(names)) == len(names)
    assert "index.html" not in names and all("/" not in n for n in names)


def test_review_command_needs_an_output_folder(tmp_path, capsys):
    class Args:
        out = str(tmp_path / "nothing")
    assert review.command(Args()) == 1
    assert "run the pipeline first" in capsys.readouterr().out


def test_corpus_pages_from_the_real_pipeline(tmp_path):
    from extract.pipeline import run_batch
    corpus = sorted(str(p) for p in (ROOT / "corpus").glob("*.txt"))
    out = tmp_path / "out"
    run_batch(corpus, str(out), progress=False)
    index = review.write_review(out)
    assert index.is_file()
    from extract.output.csvsafe import read_csv
    for a in read_csv(out / "articles.csv").rows:
        text = Path(a["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
        _, page = page_of(out, a["article_id"])
        assert page.text == text
        for kind in RECORD_TYPES:
            for row in read_csv(out / f"{kind}.csv").rows:
                if row["article_id"] == a["article_id"]:
                    assert page.pieces[row["record_id"]] == row["evidence"]
        if a["lang"] == "hi":
            assert page.html_lang == "hi"


def test_boilerplate_from_the_layout_is_dimmed(tmp_path):
    from extract.text.layout import analyse
    text = (ROOT / "corpus" / "000_09b6821e8ba4322d.txt").read_bytes().decode("utf-8").removeprefix("\ufeff")
    boiler = [b for b in analyse(text).blocks if b.boilerplate]
    assert boiler, "the corpus article has bylines and captions"
    out = write_output(tmp_path, [("000_09b6821e8ba4322d", text, "hi", [])])
    review.write_review(out)
    html, page = page_of(out, "000_09b6821e8ba4322d")
    assert page.text == text
    assert html.count('class="boiler first"') == len(boiler)
    b = boiler[0]
    assert f'<span class="boiler first" data-kind="{b.kind}">{review.esc(text[b.start:b.end])}</span>' in html


MENTIONS = ("झारखंड में जेम पर खरीद बढ़ी।\nरांची: झारखण्ड सरकार के विभागों ने Jharkhand में 1,000 करोड़ की खरीद की। "
            "बिहार भी पीछे नहीं। झारखंड आगे रहा।\n")


def test_every_mention_of_a_listed_state_is_highlighted(tmp_path):
    aid = "m"
    jh = StateRecord(**at(MENTIONS, aid, "झारखंड"), state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True,
                     mentions=4)
    out = write_output(tmp_path, [(aid, MENTIONS, "hi", [jh])])
    review.write_review(out)
    html, page = page_of(out, aid)
    assert page.pieces[jh.record_id] == "झारखंड"  # the record's own span, once, with its id
    assert page.mentions[jh.record_id] == ["झारखण्ड", "Jharkhand", "झारखंड"]  # every other spelling and place
    assert "बिहार" not in "".join(sum(page.mentions.values(), []))  # a state without a record is not marked
    assert page.text == MENTIONS


def test_each_page_says_how_to_check_a_record_in_two_lines(nasty_out):
    out, _ = nasty_out
    html, _ = page_of(out, "nasty")
    howto = html.split('<p class="howto">', 1)[1].split("</p>", 1)[0]
    assert howto.count("<br>") == 1 and howto.startswith("Check a record: click its id")


def test_the_index_says_how_to_check_in_two_lines(nasty_out):
    out, _ = nasty_out
    html = (out / "review" / "index.html").read_text(encoding="utf-8")
    howto = html.split('<p class="howto">', 1)[1].split("</p>", 1)[0]
    assert howto.count("<br>") == 1 and howto.startswith("Check an article: open it")

"""The review pages in a real browser: headless Debian Chromium driven by Playwright's sync API,
pages opened from disk (file://), no server and no network.

Checks that every record of the CSVs has its highlight element (and that its pieces spell the
evidence), that every mention of a listed state is highlighted, that following each record card's
link targets its highlight and scrolls it into view, that hover and keyboard focus show the record
card, that pages fit a 1280 px screen without sideways scrolling, that the Label Studio config's
two columns keep the field panel in view (an approximation of Label Studio's layout), and that
Devanagari is really rendered by a font that has it (see `test_devanagari_is_shaped_not_tofu`).
Saves screenshots under tmp_path.
Skips, saying why, where no Chromium can be found or launched.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from extract.review import pages as review
from extract.output.csvsafe import read_csv, write_csv
from extract.records import (ARTICLE_COLUMNS, RECORD_TYPES, AwardRecord, CountRecord, EventRecord,
                             OfficialRecord, OrderValueRecord, StateRecord)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
ARTICLE = "000_09b6821e8ba4322d"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium found (chromium on PATH or /usr/bin/chromium): run scripts/install-system-deps.sh")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - any launch failure is a reason to skip, and is reported
        pw.stop()
        pytest.skip(f"Chromium at {exe} could not be launched: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


# ---------------------------------------------------------------- the output folder under test

def _gold_records(text: str, aid: str) -> list:
    """Records at the places the corpus gold names, plus one crossing the first amount (so the
    page has nested and split highlights)."""
    gold = json.loads((CORPUS / "gold" / f"{aid}.json").read_text(encoding="utf-8"))

    def at(evidence: str, nth: int = 0) -> dict:
        i = -1
        for _ in range(nth + 1):
            i = text.index(evidence, i + 1)
        j = max(text.rfind("\n", 0, i), text.rfind("।", 0, i), text.rfind(". ", 0, i)) + 1
        return dict(article_id=aid, start=i, end=i + len(evidence), evidence=evidence,
                    context=text[j:i + len(evidence)], rule="test.gold")

    none = lambda v: v if v is not None else ""
    recs: list = [StateRecord(**at("झारखंड"), state="Jharkhand", state_hi="झारखंड", iso="IN-JH", primary=True,
                              mentions=text.count("झारखंड"))]
    for i, o in enumerate(gold["officials"]):
        recs.append(OfficialRecord(**at(o["name"], 1 if i == 2 else 0), **{k: none(o[k]) for k in (
            "name", "name_en", "honorific", "designation", "designation_en", "organisation", "organisation_en",
            "state")}))
    seen: dict[str, int] = {}
    for a in gold["awards"]:
        nth = seen.get(a["recipient"], 0)
        seen[a["recipient"]] = nth + 1
        recs.append(AwardRecord(**at(a["recipient"], nth), tier=a["tier"], tier_text=a["tier"], award_name="",
                                **{k: a[k] for k in ("recipient", "recipient_en", "category", "category_en", "state")}))
    for o in gold["order_values"]:
        recs.append(OrderValueRecord(**at(o["text"]), inr=o["inr"], amount_text=o["text"],
                                     **{k: none(o[k]) for k in ("qualifier", "role", "state", "counterparty",
                                                                "segment", "period")}))
    first = gold["order_values"][0]["text"]
    cross = text[text.index(first) + 5:text.index(first) + len(first) + 4]
    recs.append(CountRecord(**at(cross), value=7900, count_text=cross, qualifier="exact", unit="orders",
                            state="Jharkhand", period=""))
    for e in gold["events"]:
        recs.append(EventRecord(**at(e["name"]), **{k: none(e[k]) for k in ("name", "name_en", "city", "venue",
                                                                           "state", "date")}))
    return recs


def _fixture_output(root: Path) -> Path:
    src = CORPUS / f"{ARTICLE}.txt"
    data = src.read_bytes()
    text = data.decode("utf-8").removeprefix("\ufeff")
    out = root / "out"
    rows = {k: [] for k in RECORD_TYPES}
    for r in _gold_records(text, ARTICLE):
        rows[r.kind].append(r.row())
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [dict(
        article_id=ARTICLE, path=str(src), lang="hi", title=text.splitlines()[2], published="2026-01-19",
        publisher="ETV Bharat", dateline="रांची", chars=len(text), sha256=hashlib.sha256(data).hexdigest(),
        status="ok", error="")])
    for kind, cls in RECORD_TYPES.items():
        write_csv(out / f"{kind}.csv", cls.columns(), sorted(rows[kind], key=lambda r: (r["article_id"], r["start"])))
    return out


@pytest.fixture(scope="module", params=["gold_placed", "pipeline"])
def reviewed(request, tmp_path_factory):
    """An output folder with review pages: records placed where the corpus gold says (with one
    crossing span), and the real pipeline's output over the corpus."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "gold_placed":
        out = _fixture_output(root)
    else:
        from extract.pipeline import run_batch
        out = root / "out"
        run_batch(sorted(str(p) for p in CORPUS.glob("*.txt")), str(out), progress=False)
    review.write_review(out)
    return out


def _records_of(out: Path, aid: str) -> list[dict]:
    rows = []
    for kind in RECORD_TYPES:
        rows += [r for r in read_csv(out / f"{kind}.csv").rows if r["article_id"] == aid]
    return rows


@pytest.fixture
def page(browser, reviewed):
    p = browser.new_page(viewport={"width": 1366, "height": 720})
    p.goto((reviewed / "review" / review.page_name(ARTICLE)).as_uri())
    yield p
    p.close()


# ---------------------------------------------------------------- the checks

EVIDENCE_JS = """rid => {
  const text = document.getElementById('gx-text');
  let out = '';
  const walk = (node, inside) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) { if (inside) out += c.data; }
      else walk(c, inside || c.getAttribute('data-rid') === rid);
    }
  };
  walk(text, false);
  return out;
}"""


def test_every_record_has_its_highlight(page, reviewed):
    records = _records_of(reviewed, ARTICLE)
    assert records, "the page under test has no records"
    for r in records:
        el = page.locator(f'[id="{r["record_id"]}"]')
        assert el.count() == 1, r["record_id"]
        assert el.evaluate("e => e.tagName + ' ' + e.className").startswith("MARK hl")
        assert page.evaluate(EVIDENCE_JS, r["record_id"]) == r["evidence"], r["record_id"]


def test_text_pane_holds_the_source_text(page, reviewed):
    row = next(a for a in read_csv(reviewed / "articles.csv").rows if a["article_id"] == ARTICLE)
    text = Path(row["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert page.evaluate("() => document.getElementById('gx-text').textContent") == text
    assert page.evaluate("() => document.documentElement.lang") == "hi"


def test_table_links_reach_their_highlights(page, reviewed):
    records = _records_of(reviewed, ARTICLE)
    for r in records:
        rid = r["record_id"]
        page.click(f'[id="row-{rid}"] a.rlink')
        state = page.evaluate("""() => {
            const t = document.querySelector(':target');
            const box = t ? t.getBoundingClientRect() : null;
            return {hash: decodeURIComponent(location.hash), target: t && t.id,
                    top: box && box.top, bottom: box && box.bottom, h: window.innerHeight};
        }""")
        assert state["hash"] == f"#{rid}" and state["target"] == rid
        assert 0 <= state["top"] and state["bottom"] <= state["h"], (rid, state)


def test_hover_and_keyboard_focus_show_the_record(page, reviewed):
    ov = next((r for r in _records_of(reviewed, ARTICLE) if r["record_id"].startswith("or")), None)
    assert ov is not None
    sel = f'[id="{ov["record_id"]}"]'
    after = "s => getComputedStyle(document.querySelector(s), '::after').content"
    assert page.evaluate(after, sel) in ("none", "normal")
    page.hover(sel)
    shown = page.evaluate(after, sel)
    assert "₹" in shown and ov["record_id"] in shown
    page.mouse.move(0, 0)
    page.focus(sel)
    assert page.evaluate("() => document.activeElement.id") == ov["record_id"]
    assert ov["record_id"] in page.evaluate(after, sel)
    # Tab moves keyboard focus through highlights, each then shows its card
    page.evaluate("() => document.activeElement.blur()")
    page.focus('a[href="index.html"]')
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('hl')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    card = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert page.evaluate("() => document.activeElement.id") in card


MEASURE_JS = """strings => {
  const host = document.getElementById('gx-text');
  const out = {};
  for (const s of strings) {
    const span = document.createElement('span');
    span.textContent = s;
    span.style.whiteSpace = 'pre';
    host.appendChild(span);
    out[s] = span.getBoundingClientRect().width;
    span.remove();
  }
  return out;
}"""


def test_devanagari_is_shaped_not_tofu(page, tmp_path):
    """Missing glyphs render as identical .notdef boxes, one per code point, whatever the letter,
    and a font that cannot shape Devanagari lays a conjunct out as its separate code points.
    So: (1) six distinct letters measured in the text pane's font must show at least four
    different widths (boxes would show one); (2) the conjunct क्ष (क + virama + ष) must be
    clearly narrower than क, ्, ष laid out apart (alone the virama even gets a dotted circle);
    (3) the fonts Chromium actually used for the text pane must include one with Devanagari."""
    letters = ["क", "म", "ञ", "ठ", "ख", "ऋ"]
    w = page.evaluate(MEASURE_JS, letters + ["क्ष", "्", "ष"])
    assert len({round(w[c], 1) for c in letters}) >= 4, w
    assert w["क्ष"] < w["क"] + w["्"] + w["ष"] - 2, w
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#gx-text"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    used = {f["familyName"]: f["glyphCount"] for f in fonts}
    (tmp_path / "fonts.json").write_text(json.dumps(used, ensure_ascii=False, indent=1))
    assert any(("devanagari" in name.casefold() or name in ("Nirmala UI", "Mangal")) and n > 0
               for name, n in used.items()), used


def test_screenshots(page, browser, reviewed, tmp_path):
    page.screenshot(path=str(tmp_path / "article.png"))
    first = _records_of(reviewed, ARTICLE)[0]["record_id"]
    page.hover(f'[id="{first}"]')
    page.screenshot(path=str(tmp_path / "article-hover.png"))
    idx = browser.new_page(viewport={"width": 1366, "height": 500})
    idx.goto((reviewed / "review" / "index.html").as_uri())
    idx.screenshot(path=str(tmp_path / "index.png"))
    idx.close()
    for name in ("article.png", "article-hover.png", "index.png"):
        png = (tmp_path / name).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000


NO_SIDEWAYS_JS = """() => {
  const de = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > de.clientWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
  const scrollers = [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1 &&
    ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map(e => e.tagName + '.' + e.className);
  return {scroll: de.scrollWidth, client: de.clientWidth, wide, scrollers};
}"""


@pytest.mark.parametrize("name", ["article", "index"])
def test_pages_fit_1280_px_without_sideways_scrolling(browser, reviewed, name, tmp_path):
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    target = review.page_name(ARTICLE) if name == "article" else "index.html"
    p.goto((reviewed / "review" / target).as_uri())
    state = p.evaluate(NO_SIDEWAYS_JS)
    p.screenshot(path=str(tmp_path / f"{name}-1280.png"), full_page=True)
    p.close()
    assert state["scroll"] <= state["client"] and not state["wide"], state
    assert not state["scrollers"], state  # no box inside the page scrolls sideways either


def test_every_mention_of_a_state_is_highlighted(page, reviewed):
    row = next(a for a in read_csv(reviewed / "articles.csv").rows if a["article_id"] == ARTICLE)
    text = Path(row["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
    states = [r for r in _records_of(reviewed, ARTICLE) if r["record_id"].startswith("st")]
    assert states
    for r in states:
        marks = page.evaluate("""rid => [...document.querySelectorAll(
            '[id="' + rid + '"], mark[data-of="' + rid + '"]')].map(e => e.textContent)""", r["record_id"])
        assert len(marks) >= text.count(r["evidence"]) >= 2, (r["record_id"], marks)
        assert set(marks) >= {r["evidence"]}
        page.hover(f'mark[data-of="{r["record_id"]}"] >> nth=0')
        assert page.evaluate("rid => document.getElementById(rid).classList.contains('hot')", r["record_id"])


def test_each_page_says_how_to_check_a_record(page):
    lines = page.evaluate("() => document.querySelector('.howto').innerText.split('\\n')")
    assert len(lines) == 2 and lines[0].startswith("Check a record") and "Label Studio" in lines[1], lines


# ---------------------------------------------------------------- the Label Studio config, approximated

def config_as_html(xml: str, text: str, selected: str) -> str:
    """The labelling config as HTML the way Label Studio lays out its tags: a View is a div with
    its style, Text a div holding the task's text, Header a heading, Labels/Choices rows of
    buttons, TextArea a textarea (with its placeholder); of the region-selected views only the
    one for the `selected` record type is shown, as when a region of that type is selected."""
    import html as H
    import xml.etree.ElementTree as ET

    def render(e) -> str:
        inner = "".join(render(c) for c in e)
        if e.tag == "View":
            if e.get("visibleWhen") == "region-selected" and e.get("whenLabelValue") != selected:
                return ""
            return f'<div class="view" style="{H.escape(e.get("style") or "")}">{inner}</div>'
        if e.tag == "Text":
            return f'<div class="lsf-text" style="white-space:pre-wrap;line-height:1.9">{H.escape(text)}</div>'
        if e.tag == "Header":
            return f"<h3>{H.escape(e.get('value') or '')}</h3>"
        if e.tag in ("Labels", "Choices"):
            return f'<div class="{e.tag.lower()}" data-name="{H.escape(e.get("name"))}">{inner}</div>'
        if e.tag in ("Label", "Choice"):
            return f"<button>{H.escape(e.get('value'))}</button>"
        if e.tag == "TextArea":
            return (f'<textarea data-name="{H.escape(e.get("name"))}" rows="1" '
                    f'placeholder="{H.escape(e.get("placeholder") or "")}" style="width:100%"></textarea>')
        return inner

    body = render(ET.fromstring(xml))
    return ('<!DOCTYPE html><html lang="hi"><head><meta charset="utf-8"><style>body{margin:0;font:14px "Noto Sans",'
            '"Noto Sans Devanagari",sans-serif}h3{margin:4px 0;font-size:13px}</style></head>'
            f'<body><div id="ls-main" style="height:100vh;overflow-y:auto">{body}</div></body></html>')


def test_label_studio_config_keeps_the_fields_beside_the_text(browser, tmp_path):
    from extract.review.labelstudio import config_xml
    text = (CORPUS / f"{ARTICLE}.txt").read_text(encoding="utf-8").removeprefix("\ufeff") * 2
    page_file = tmp_path / "config.html"
    page_file.write_text(config_as_html(config_xml(), text, "order_values"), encoding="utf-8")
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    p.goto(page_file.as_uri())
    boxes = """() => {
      const t = document.querySelector('.lsf-text').getBoundingClientRect();
      const f = document.querySelector('textarea[data-name="order_values__inr"]').getBoundingClientRect();
      const l = document.querySelector('.labels').getBoundingClientRect();
      return {text: [t.left, t.right, t.height], field: [f.left, f.top, f.bottom], labels: [l.top, l.bottom],
              h: window.innerHeight, w: document.documentElement.scrollWidth};
    }"""
    before = p.evaluate(boxes)
    assert before["text"][2] > 2 * before["h"], before  # the article is long enough to scroll
    assert before["field"][0] >= before["text"][1], before  # the fields stand to the right of the text
    assert before["w"] <= 1280, before
    p.evaluate("() => document.getElementById('ls-main').scrollTop = 3000")
    after = p.evaluate(boxes)
    p.screenshot(path=str(tmp_path / "config-scrolled.png"))
    p.close()
    assert 0 <= after["labels"][0] and after["labels"][1] <= after["h"], after  # record types still in view
    assert 0 <= after["field"][1] and after["field"][2] <= after["h"], after  # and the selected region's fields
    assert after["field"][0] >= after["text"][1], after


def test_unbroken_long_strings_do_not_widen_the_pages(browser, tmp_path):
    """A 400-character word as title, publisher, evidence and field values, a 120-character id."""
    from extract.records import EventRecord
    word = "x" * 400
    text = f"{word}\nशीर्षक {word} में हुआ।\n"
    src = tmp_path / ("a" * 120 + ".txt")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    write_csv(out / "articles.csv", ARTICLE_COLUMNS, [dict(
        article_id=src.stem, path=str(src), lang="hi", title=word, published="", publisher=word, dateline="",
        chars=len(text), sha256=hashlib.sha256(src.read_bytes()).hexdigest(), status="ok", error="")])
    i = text.index(word, len(word))
    ev = EventRecord(article_id=src.stem, start=i, end=i + len(word), evidence=word, context=text[len(word) + 1:],
                     rule="test.long", name=word, name_en=word, city="", venue=word, state="", date="")
    for kind, cls in RECORD_TYPES.items():
        write_csv(out / f"{kind}.csv", cls.columns(), [ev.row()] if kind == "events" else [])
    review.write_review(out)
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    for name in (review.page_name(src.stem), "index.html"):
        p.goto((out / "review" / name).as_uri())
        state = p.evaluate(NO_SIDEWAYS_JS)
        assert state["scroll"] <= state["client"] and not state["wide"] and not state["scrollers"], (name, state)
    p.close()

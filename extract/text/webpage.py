"""Saved web pages (`.html`, `.htm`): the article's main text and its metadata, by trafilatura.

Owns turning a page's bytes into the text the pipeline reads (the headline on the first line, a
blank line, then the main text as trafilatura gives it: one line per paragraph, heading, list item
or table row) and the metadata the page declares (title, published date, site name, canonical
URL; the date only from markup). Navigation, scripts, styles, tickers, related-news boxes, comments and footers are
trafilatura's to leave out; no HTML is parsed by hand here. The composed text is kept in
OUT/texts/<article_id>.txt by the pipeline, and every offset indexes it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .reader import Source, compose, iso_date, read_bytes, saved_source, stem_of

# trafilatura logs a warning for pages it finds no text in; that becomes the article's error row.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


# The published date only from the page's markup (meta tags, JSON-LD, <time>): htmldate's
# extensive search would turn a footer's "© 2022" into 2022-01-01. Dates written in the text are
# the pipeline's to read, as for any article.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read(path: Path) -> Source:
    article_id = stem_of(path)
    data, error = read_bytes(path)
    if not error and not data.strip():
        error = "empty file"
    if error:
        return Source(article_id, path.as_posix(), "", "", error)
    try:
        text, meta = page_text(data)
    except Exception as exc:  # a page trafilatura cannot parse is one error row, not a stopped batch
        return Source(article_id, path.as_posix(), "", "", f"cannot extract the page: {type(exc).__name__}: {exc}")
    return saved_source(article_id, path, text, empty="no article text found in the page", **meta)


def page_text(data: bytes | str) -> tuple[str, dict[str, str]]:
    """(text, metadata) of an HTML page: metadata keys title, published, publisher, url."""
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, deduplicate=False,
                                      date_extraction_params=DATE_PARAMS)
    if doc is None:
        return "", {}
    title = _clean(doc.title)
    meta = {"title": title, "published": iso_date(doc.date or ""), "publisher": _clean(doc.sitename),
            "url": _clean(doc.url)}
    return compose(title, doc.text or ""), meta


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())

"""HTML pages: the main text via trafilatura, lightly cleaned; metadata from the page's own markup."""

from __future__ import annotations

from framing.article import Article
from framing.errors import InputError, stage
from framing.io.build import article_from_cleaned, clean_field
from framing.io.extracted import clean_extracted
from framing.io.pagemeta import page_metadata
from framing.outlets import OutletTable

__all__ = ["html_article"]

# trafilatura's Document attribute for each metadata field: the fallback when the markup names none.
_DOC_FIELDS = {"title": "title", "date": "date", "byline": "author", "outlet": "sitename", "url": "url"}


def html_article(html: str, *, id: str, source_path: str, table: OutletTable, warnings: list[str]) -> Article:
    """Read one HTML page: trafilatura finds the article's block, :mod:`framing.io.extracted` cleans it lightly.

    Title, date, byline, publisher and URL come from the page's JSON-LD, OpenGraph and ``<meta>`` tags
    (:mod:`framing.io.pagemeta`), else from trafilatura's metadata; ``Article.meta["provenance"]`` says which
    field each came from.

    Raises:
        InputError: trafilatura finds no article text, or nothing is left after cleaning.
    """
    import lxml.etree
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise InputError(source_path, f"not a readable HTML page ({exc})") from None
    with stage(source_path, "reading the page metadata"):
        page = page_metadata(tree)
    # Comments are readers', not the article's; tables stay (trafilatura's default), as some articles are tables.
    # trafilatura's own metadata search (htmldate for the date) is a third of its time: only when the markup
    # lacks a title or a date. (It parses the page itself: given lxml's tree it finds less.)
    fallback = any(name not in page.values for name in ("title", "date"))
    with stage(source_path, "extracting the HTML"):
        doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=fallback)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise InputError(source_path, "no article text found in the HTML (trafilatura extracted nothing)")
    values, provenance = dict(page.values), dict(page.provenance)
    for name, attr in _DOC_FIELDS.items() if fallback else ():
        if name not in values and (v := clean_field(getattr(doc, attr, None))):
            values[name], provenance[name] = v, f"trafilatura {attr}"
    with stage(source_path, "cleaning"):
        cleaned = clean_extracted(doc.text, title=clean_field(values.get("title")))
    if cleaned.title:
        cleaned.title = clean_field(cleaned.title)
    meta = {
        "title": values.get("title"),
        "url": values.get("url"),
        "date": values.get("date"),
        "byline": values.get("byline"),
        "publisher": values.get("outlet"),
        "publisher_field": provenance.get("outlet", "page metadata"),
        "provenance": provenance,
    }
    return article_from_cleaned(
        cleaned, html, id=id, source_path=source_path, meta=meta, table=table, warnings=warnings
    )

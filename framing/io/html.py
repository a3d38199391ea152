"""HTML pages: main text and metadata via trafilatura."""

from __future__ import annotations

from dataclasses import replace

from framing.article import Article
from framing.errors import InputError, stage
from framing.io.build import article_from_text
from framing.outlets import OutletTable

__all__ = ["html_article"]


def html_article(html: str, *, id: str, source_path: str, table: OutletTable, warnings: list[str]) -> Article:
    import trafilatura

    with stage(source_path, "extracting the HTML"):
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise InputError(source_path, "no article text found in the HTML (trafilatura extracted nothing)")
    meta = {
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "outlet": doc.sitename,
        "byline": doc.author,
    }
    article = article_from_text(doc.text, id=id, source_path=source_path, meta=meta, table=table, warnings=warnings)
    return replace(article, raw=html)

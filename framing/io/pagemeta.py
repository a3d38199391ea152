"""A page's own metadata: JSON-LD, OpenGraph, ``<meta>`` tags and ``<link rel=canonical>``, each with its field.

Title, date, byline, publisher and canonical URL are taken from the page's markup, best source first, and every
value says where it came from (``"json-ld headline"``, ``"og:site_name"``, ``"meta author"``, ...), so a reader
can check it. Nothing is guessed from the visible text here; that is the extractor's and the cleaner's job.

Example:
    >>> m = page_metadata('<html><head><meta property="og:site_name" content="Harbor Ledger">'
    ...     '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopens",'
    ...     ' "datePublished": "2024-03-02T10:00:00Z"}</script></head><body></body></html>')
    >>> m.values["title"], m.provenance["title"], m.values["outlet"], m.provenance["outlet"]
    ('Bridge reopens', 'json-ld headline', 'Harbor Ledger', 'og:site_name')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PageMeta", "page_metadata"]

# JSON-LD types that describe the article itself (schema.org), as opposed to the site, a breadcrumb, a person.
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "blogposting",
     "socialmediaposting", "liveblogposting", "techarticle", "scholarlyarticle", "webpage", "report", "review",
     "backgroundnewsarticle", "recipe", "posting"}
)  # fmt: skip

# Where each field is looked for, best first: (source kind, key). JSON-LD is what publishers write for search
# engines and is the most specific; OpenGraph and article:* next; plain <meta> names last.
_ORDER: dict[str, tuple[tuple[str, str], ...]] = {
    "title": (("json-ld", "headline"), ("og", "og:title"), ("meta", "twitter:title"), ("meta", "title")),
    "date": (
        ("json-ld", "datePublished"), ("og", "article:published_time"), ("meta", "article:published_time"),
        ("meta", "date"), ("meta", "dc.date"), ("meta", "dc.date.issued"), ("meta", "pubdate"),
        ("meta", "publish-date"), ("meta", "sailthru.date"), ("json-ld", "dateCreated"),
    ),
    "byline": (("json-ld", "author"), ("meta", "author"), ("og", "article:author"), ("meta", "dc.creator"),
               ("meta", "byl")),
    "outlet": (("json-ld", "publisher"), ("og", "og:site_name"), ("meta", "application-name")),
    "url": (("link", "canonical"), ("og", "og:url"), ("json-ld", "url")),
}  # fmt: skip


@dataclass
class PageMeta:
    """Metadata found in a page's markup.

    Attributes:
        values: ``title``, ``date``, ``byline``, ``outlet``, ``url`` (only those found).
        provenance: For each value, the field it came from, e.g. ``{"title": "json-ld headline"}``.
    """

    values: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)


def _text(v: Any) -> str | None:
    """A JSON-LD value as text: a string, a person or organisation's ``name``, the first of a list."""
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, dict):
        return _text(v.get("name"))
    if isinstance(v, list):
        names = [t for t in (_text(x) for x in v) if t]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object, ``@graph`` members and lists included."""
    if isinstance(data, list):
        for x in data:
            yield from _nodes(x)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type", [])
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _json_ld(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still count
        for node in _nodes(data):
            if not _types(node) & _ARTICLE_TYPES:
                continue
            for key in ("headline", "datePublished", "dateCreated", "author", "publisher", "url"):
                if key not in found and (v := _text(node.get(key))):
                    found[key] = v
    return found


def page_metadata(html: str | Any) -> PageMeta:
    """Read title, date, byline, outlet and canonical URL from a page's markup.

    Args:
        html: The page (text) or an lxml tree of it.

    Returns:
        A :class:`PageMeta`; empty when the markup cannot be parsed.
    """
    if isinstance(html, str):
        import lxml.etree
        import lxml.html

        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
        except (ValueError, lxml.etree.LxmlError):  # an empty or hopeless document
            return PageMeta()
    else:
        tree = html
    sources: dict[str, dict[str, str]] = {"json-ld": _json_ld(tree), "og": {}, "meta": {}, "link": {}}
    for el in tree.iter("meta"):
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if prop := (el.get("property") or "").strip().lower():
            sources["og"].setdefault(prop, content)
        if name := (el.get("name") or el.get("itemprop") or "").strip().lower():
            sources["meta"].setdefault(name, content)
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (href := (el.get("href") or "").strip()):
            sources["link"].setdefault("canonical", href)
    out = PageMeta()
    for name, order in _ORDER.items():
        for kind, key in order:
            v = sources[kind].get(key if kind == "json-ld" else key.lower())
            is_link = v is not None and v.startswith(("http://", "https://"))
            # a URL is no title, byline or publisher name (article:author often holds a profile page)
            if v and (is_link if name == "url" else not is_link):
                out.values[name] = v
                out.provenance[name] = f"{kind} {key}" if kind in {"json-ld", "meta", "link"} else key
                break
    return out

"""The :class:`Article` record: one cleaned news article with its metadata and provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

__all__ = ["Article", "OutletInfo", "RemovedLine", "StockParagraph"]


@dataclass(frozen=True)
class OutletInfo:
    """What is known about the outlet behind an article, and how it was found.

    Attributes:
        name: The outlet the text is attributed to: the publishing site when identified, else the wire agency
            whose copy it is, else ``None`` (unknown).
        publisher: The site that published the article, when identified.
        wire: The wire agency whose copy the article is (from a dateline such as ``ISTANBUL (AA) -`` or a credit
            line), kept separate from the publisher.
        domain: Registered domain of the article URL, when there is a URL.
        outlet_id: Identifier in the outlet table.
        country: ISO 3166-1 alpha-2 country of the outlet named by ``name``.
        ownership: Ownership type (state-owned, public broadcaster, state-affiliated, private, ...).
        parent: Parent organisation.
        kind: news agency, broadcaster, newspaper, magazine or online.
        how: How each identification was made, e.g. ``"url domain sputnikglobe.com"``.
        confidence: ``high`` (URL, metadata, signature, dateline), ``medium`` (credit line; a page's own publisher
            name the outlet table does not know), ``low``
            (self-reference only) or ``none`` (unknown).
        hints: Clues found when the outlet stays unknown, e.g. a footer naming a country.
        sources: Citation for each fact, keyed by field name.
    """

    name: str | None = None
    publisher: str | None = None
    wire: str | None = None
    domain: str | None = None
    outlet_id: str | None = None
    country: str | None = None
    ownership: str | None = None
    parent: str | None = None
    kind: str | None = None
    how: tuple[str, ...] = ()
    confidence: str = "none"
    hints: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        d = asdict(self)
        d["how"] = list(self.how)
        d["hints"] = list(self.hints)
        return d


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner removed from the raw text, with the rule that removed it."""

    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True)
class StockParagraph:
    """A paragraph of the body that recurs, word for word, in other articles of the same outlet read with it:
    recycled background ("stock") text, kept in the body but marked (:mod:`framing.io.repeats`).

    Attributes:
        index: Paragraph number in ``Article.text`` (0-based; paragraphs are separated by a blank line).
        start: Offset of its first character in ``Article.text``.
        end: Offset just after its last character.
        also_in: Ids of the other articles that hold it, in reading order.
    """

    index: int
    start: int
    end: int
    also_in: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {"index": self.index, "start": self.start, "end": self.end, "also_in": list(self.also_in)}


@dataclass(frozen=True)
class Article:
    """One news article after reading and cleaning.

    Attributes:
        id: Stable identifier: the file stem, ``file#id`` / ``file:line`` for records in a corpus file.
        text: The cleaned body: paragraphs separated by a blank line, boilerplate removed, quotes normalised.
        title: Headline, when found.
        date: Publication date as ``YYYY-MM-DD``; never a page-render date.
        url: Canonical URL, when found.
        outlet: Outlet identification and metadata.
        byline: Author line without the leading "By".
        source_path: The file the article came from (``<stdin>``, ``<dataframe>`` for other origins).
        language: ISO 639-1 code detected from the body (``"und"`` when undetermined).
        raw: The original text as read (decoded), before any cleaning.
        dateline: Place of a wire dateline such as ``ISTANBUL``.
        summary: Standfirst / deck lines found between headline and body.
        headings: Sub-headings found inside the body (kept out of ``text``).
        removed: Lines the cleaner removed, each with its reason.
        warnings: Non-fatal problems met while reading (e.g. a fallback encoding).
        error: Why the article could not be read or scored; ``None`` when all is well.
        meta: Other fields of the input record (JSON/CSV/DataFrame) kept as they were, e.g. ``lean`` or
            ``topic``: they become ``meta.<name>`` columns of the article table, so you can group by them.
        stock: Paragraphs of ``text`` that recur in other articles of the outlet read in the same batch
            (recycled background), with where else they occur; empty unless repeats were looked for
            (``read_articles(..., repeats=True)``, ``framing score --repeats``).
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: OutletInfo = field(default_factory=OutletInfo)
    byline: str | None = None
    source_path: str | None = None
    language: str = "und"
    raw: str = ""
    dateline: str | None = None
    summary: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    stock: tuple[StockParagraph, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the article was read without error."""
        return self.error is None

    def without_stock(self) -> Article:
        """The article with its stock paragraphs left out of ``text`` (what ``--no-stock`` scores)."""
        if not self.stock:
            return self
        drop = {p.index for p in self.stock}
        kept = [p for i, p in enumerate(self.text.split("\n\n")) if i not in drop]
        return replace(self, text="\n\n".join(kept), stock=())

    def to_dict(self, *, raw: bool = False) -> dict[str, Any]:
        """Return a JSON-serialisable dict.

        Args:
            raw: Include the original raw text and the removed lines (large).
        """
        d: dict[str, Any] = {
            "id": self.id,
            "source_path": self.source_path,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "outlet": self.outlet.to_dict(),
            "byline": self.byline,
            "dateline": self.dateline,
            "language": self.language,
            "summary": list(self.summary),
            "headings": list(self.headings),
            "text": self.text,
            "warnings": list(self.warnings),
            "error": self.error,
            "meta": dict(self.meta),
        }
        if self.stock:  # only when repeats were found: records of single articles stay as they were
            d["stock"] = [p.to_dict() for p in self.stock]
        if raw:
            d["raw"] = self.raw
            d["removed"] = [r.to_dict() for r in self.removed]
        return d

    def _repr_html_(self) -> str:
        from html import escape

        head = escape(self.title or self.id)
        meta = " · ".join(escape(x) for x in (self.outlet.name, self.date, self.url) if x)
        body = "".join(f"<p>{escape(p)}</p>" for p in self.text.split("\n\n") if p)
        return f"<div><h4>{head}</h4><p><small>{meta}</small></p>{body}</div>"

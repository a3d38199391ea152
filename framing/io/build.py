"""One article from its raw text: clean it, find its metadata, outlet and language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.article import Article
from framing.errors import InputError, stage
from framing.io.clean import CleanedText, clean_text
from framing.io.dates import parse_date
from framing.io.language import detect_language
from framing.io.normalise import normalise_text
from framing.outlets import OutletEvidence, OutletTable, detect_outlet, load_outlet_table

__all__ = ["article_from_cleaned", "article_from_text", "clean_field", "failed_article"]


def article_from_text(
    raw: str,
    *,
    id: str,
    source_path: str | None = None,
    meta: Mapping[str, Any] | None = None,
    table: OutletTable | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """Clean raw text and build an :class:`~framing.Article` with metadata and outlet.

    Args:
        raw: Article text as scraped (boilerplate allowed).
        id: Identifier for the article.
        source_path: Where it came from.
        meta: Known metadata (``title``, ``url``, ``date``, ``outlet``, ``byline``) that takes precedence over
            what the cleaner finds.
        table: Outlet table (the bundled one when omitted).
        warnings: Warnings from reading (e.g. encoding fallback), kept on the article.

    Raises:
        InputError: The text is empty, only whitespace, or nothing is left after cleaning.
        InternalError: An unexpected exception (a bug) while cleaning, identifying the outlet or the language.
    """
    meta = meta or {}
    source = source_path or id
    if not raw:
        raise InputError(source, "empty input (0 characters)")
    if not raw.strip():
        raise InputError(source, "input holds only whitespace")
    with stage(source, "cleaning"):
        cleaned = clean_text(raw, title=clean_field(meta.get("title")))
    return article_from_cleaned(cleaned, raw, id=id, source_path=source_path, meta=meta, table=table, warnings=warnings)


def article_from_cleaned(
    cleaned: CleanedText,
    raw: str,
    *,
    id: str,
    source_path: str | None = None,
    meta: Mapping[str, Any] | None = None,
    table: OutletTable | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """Build an :class:`~framing.Article` from text a cleaner already cleaned (see :func:`article_from_text`).

    Args:
        cleaned: The cleaner's result.
        raw: The text as read, kept on the article.
        id: Identifier for the article.
        source_path: Where it came from.
        meta: As for :func:`article_from_text`, plus ``publisher`` (the page's own publisher name, reported
            with medium confidence when the outlet table does not know it), ``publisher_field`` (where it came
            from) and ``provenance`` (which field each value came from, kept as ``Article.meta["provenance"]``).
        table: Outlet table (the bundled one when omitted).
        warnings: Warnings from reading, kept on the article.

    Raises:
        InputError: Nothing is left after cleaning.
    """
    meta = meta or {}
    source = source_path or id
    if not cleaned.text.strip():
        raise InputError(
            source, f"no article text left after removing boilerplate ({len(cleaned.removed)} lines removed)"
        )
    url = clean_field(meta.get("url")) or cleaned.url
    with stage(source, "identifying the outlet"):
        outlet = detect_outlet(
            OutletEvidence(
                url=url,
                site_name=clean_field(meta.get("outlet")),
                dateline_marker=cleaned.dateline_marker,
                header_lines=cleaned.header_lines,
                signature_lines=cleaned.signature_lines,
                page_urls=cleaned.urls,
                body=cleaned.text,
                page_publisher=clean_field(meta.get("publisher")),
                page_publisher_field=str(meta.get("publisher_field") or "page metadata"),
            ),
            table if table is not None else load_outlet_table(),
        )
    with stage(source, "reading the date and language"):
        given_date = clean_field(meta.get("date"))
        date = (parse_date(given_date) if given_date else None) or cleaned.date
        language = detect_language(cleaned.text)
    notes = list(warnings)
    if language != "en":
        notes.append(f"language detected as {language!r}; only English is scored")
    extra = {"provenance": dict(meta["provenance"])} if meta.get("provenance") else {}
    return Article(
        id=id,
        text=cleaned.text,
        title=cleaned.title,
        date=date,
        url=url,
        outlet=outlet,
        byline=clean_field(meta.get("byline")) or cleaned.byline,
        source_path=source_path,
        language=language,
        raw=raw,
        dateline=cleaned.dateline,
        summary=tuple(cleaned.summary),
        headings=tuple(cleaned.headings),
        removed=tuple(cleaned.removed),
        warnings=tuple(notes),
        meta=extra,
    )


def clean_field(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and v != v):  # NaN from pandas
        return None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v)
    s = normalise_text(str(v)).replace("\n", " ").strip()
    return s or None


def failed_article(id: str, source_path: str | None, error: str, raw: str = "") -> Article:
    return Article(id=id, text="", source_path=source_path, raw=raw, error=error)

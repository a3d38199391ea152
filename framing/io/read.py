"""Read articles from files, directories, globs, stdin or a pandas DataFrame.

Formats: ``.txt`` (raw scraped text, cleaned by :mod:`framing.io.clean`), ``.html``/``.htm`` (main text and
metadata via trafilatura), ``.jsonl``/``.ndjson``/``.json`` and ``.csv``/``.tsv`` (one article per record;
column names configurable; other record fields are kept in ``Article.meta``). Any of them may be gzipped
(``.jsonl.gz``): records are streamed, and a single gzipped article is decompressed within the size limit.

A problem with one input never stops the batch: by default the reader yields an :class:`~framing.Article`
whose ``error`` names the file (and line or record) and the reason, and goes on with the next input.

Example:
    >>> from framing import read_articles
    >>> from framing.resources import example_corpus_dir
    >>> corpus = example_corpus_dir()
    >>> arts = list(read_articles(corpus, outlet_tables=[corpus / "outlets.yaml"]))
    >>> sorted({a.outlet.name for a in arts})
    ['Capital Pulse', 'Frontline Voice', 'The Harbor Ledger']
"""

from __future__ import annotations

import glob as _glob
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from framing.article import Article
from framing.errors import InputError
from framing.io.build import article_from_text, failed_article
from framing.io.decode import DEFAULT_MAX_BYTES, decode, gzipped, max_bytes_default, read_bytes
from framing.io.html import html_article
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.io.records import iter_records, read_frame
from framing.outlets import OutletTable, load_outlet_table

__all__ = ["DEFAULT_COLUMNS", "DEFAULT_MAX_BYTES", "ReadOptions", "article_from_text", "read_articles"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | {".json"}


def _suffix(path: Path) -> str:
    return (path.with_suffix("") if gzipped(path) else path).suffix.lower()


def _format_of(path: Path, forced: str | None) -> str:
    if forced:
        return forced
    suffix = _suffix(path)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "txt"


def _read_file(path: Path, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    fmt = _format_of(path, opts.format)
    source = str(path)
    if fmt in {"jsonl", "json", "csv"}:
        yield from iter_records(path, fmt, opts, table)
        return
    raw_bytes = read_bytes(path, opts.max_bytes)
    text, warnings = decode(raw_bytes, source)
    if fmt == "html":
        yield html_article(text, id=path.stem, source_path=source, table=table, warnings=warnings)
    else:
        yield article_from_text(text, id=path.stem, source_path=source, table=table, warnings=warnings)


def _expand(sources: Iterable[str | os.PathLike[str]]) -> Iterator[Path | str]:
    """Expand directories (recursively, sorted) and globs; keep ``-`` for stdin."""
    for src in sources:
        s = os.fspath(src)
        if s == "-":
            yield "-"
            continue
        p = Path(s)
        if p.is_dir():
            files = sorted(
                (f for f in p.rglob("*") if f.is_file() and _suffix(f) in SUPPORTED_SUFFIXES - {""}
                 and not any(part.startswith(".") for part in f.relative_to(p).parts)
                 and f.name not in {"README.md", "outlets.yaml", "planted.yaml"}),
                key=lambda f: f.relative_to(p).as_posix(),
            )  # fmt: skip
            yield from files
        elif not p.exists() and any(ch in s for ch in "*?["):
            matches = sorted(_glob.glob(s, recursive=True))
            if not matches:
                yield Path(s)  # reported as not found
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield p


def read_articles(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Any,
    *,
    columns: Mapping[str, str | Sequence[str]] | None = None,
    max_bytes: int | None = None,
    outlet_tables: Sequence[str | os.PathLike[str]] = (),
    format: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
) -> Iterator[Article]:
    """Read news articles from files, directories, globs, stdin (``"-"``) or a pandas DataFrame.

    Args:
        sources: A path, several paths, a directory (read recursively in sorted order), a glob pattern, ``"-"``
            for standard input, or a :class:`pandas.DataFrame` with one article per row.
        columns: Field names for JSON/CSV/DataFrame records, e.g. ``{"text": "content", "outlet": "site"}``.
        max_bytes: Largest single article in bytes (default 20 MB or ``$FRAMING_MAX_BYTES``).
        outlet_tables: Extra outlet tables (YAML, same schema as ``lexicons/outlets.yaml``).
        format: Force the format (``txt``, ``html``, ``jsonl``, ``json``, ``csv``) for every input.
        errors: ``"collect"`` (default) yields an :class:`Article` with ``error`` set for each input that
            cannot be read and carries on; ``"raise"`` raises :class:`~framing.errors.InputError` instead.

    Yields:
        :class:`~framing.Article` objects, in input order.

    Raises:
        LexiconError: An outlet table is malformed (raised before any article is read).

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"text": ["Officials said the bridge will reopen on Monday after repairs."],
        ...                    "outlet": ["Reuters"]})
        >>> [(a.outlet.name, a.outlet.country) for a in read_articles(df)]
        [('Reuters', 'GB')]
    """
    if format is not None and format not in {"txt", "html", "jsonl", "json", "csv"}:
        raise ValueError(f"format must be one of txt, html, jsonl, json, csv; got {format!r}")
    opts = ReadOptions(
        columns=dict(columns or {}),
        max_bytes=max_bytes if max_bytes is not None else max_bytes_default(),
        outlet_tables=tuple(outlet_tables),
        format=format,
    )
    table = load_outlet_table(opts.outlet_tables)
    for article in _read_all(sources, opts, table):
        if errors == "raise" and article.error is not None:
            raise InputError(article.source_path or article.id, article.error)
        yield article


def _read_all(sources: Any, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    if _is_dataframe(sources):
        yield from read_frame(sources, opts, table)
        return
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    for item in _expand(sources):
        if item == "-":
            yield from _guard("stdin", "<stdin>", lambda: _read_stdin(opts, table))
            continue
        path = Path(item)
        if not path.exists():
            yield failed_article(path.stem or str(path), str(path), f"{path}: file not found")
            continue
        yield from _guard(path.stem, str(path), lambda path=path: _read_file(path, opts, table))


def _guard(id: str, source: str, produce: Any) -> Iterator[Article]:
    """Run a reader; turn an InputError into a failed article so the batch goes on."""
    try:
        yield from produce()
    except InputError as exc:
        yield failed_article(id, source, str(exc))


def _read_stdin(opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    data = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        raise InputError("<stdin>", f"input is over the {opts.max_bytes / 1e6:.0f} MB limit; raise it with --max-bytes")
    text, warnings = decode(data, "<stdin>")
    fmt = opts.format or ("html" if text.lstrip()[:1] == "<" else "txt")
    if fmt == "html":
        yield html_article(text, id="stdin", source_path="<stdin>", table=table, warnings=warnings)
    else:
        yield article_from_text(text, id="stdin", source_path="<stdin>", table=table, warnings=warnings)


def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "to_dict")

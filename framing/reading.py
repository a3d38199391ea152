"""Read articles from files, directories, globs, stdin or a pandas DataFrame.

Formats: ``.txt`` (raw scraped text, cleaned by :mod:`framing.clean`), ``.html``/``.htm`` (main text and
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

import csv
import glob as _glob
import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from framing.article import Article
from framing.clean import clean_text, normalise_text, parse_date
from framing.errors import InputError
from framing.language import detect_language
from framing.outlets import OutletEvidence, OutletTable, detect_outlet, load_outlet_table

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions", "article_from_text", "read_articles"]

#: Largest single article accepted by default (20 MB); override with ``max_bytes`` / ``FRAMING_MAX_BYTES``.
DEFAULT_MAX_BYTES = 20_000_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | {".json"}

#: Field names tried, in order, for each article attribute of a JSON/CSV record.
DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "datetime"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "media"),
    "byline": ("byline", "author", "authors"),
    "id": ("id", "article_id", "uid"),
}

_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"%PDF", "PDF document"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"), (b"\x1f\x8b", "gzip archive"), (b"\x7fELF", "executable"),
)  # fmt: skip


@dataclass(frozen=True)
class ReadOptions:
    """Settings of the reader.

    Attributes:
        columns: Field name (or names) per attribute for JSON/CSV records, e.g. ``{"text": "content"}``;
            unspecified attributes use :data:`DEFAULT_COLUMNS`.
        max_bytes: Largest single article (file or record text) in bytes.
        outlet_tables: Extra outlet tables (YAML) to use besides the bundled one.
        format: Force an input format (``txt``, ``html``, ``jsonl``, ``json``, ``csv``) instead of the suffix.
    """

    columns: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    outlet_tables: Sequence[str | os.PathLike[str]] = ()
    format: str | None = None

    def fields(self, attr: str) -> tuple[str, ...]:
        given = self.columns.get(attr)
        if given is None:
            return DEFAULT_COLUMNS[attr]
        return (given,) if isinstance(given, str) else tuple(given)


def _max_bytes_default() -> int:
    env = os.environ.get("FRAMING_MAX_BYTES")
    return int(env) if env and env.isdigit() else DEFAULT_MAX_BYTES


# --- decoding ----------------------------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 / latin-1 with a warning; refuse binary data."""
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if b"\x00" in head:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 at byte {exc.start}"
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(ch < " " and ch not in "\n\r\t\f" for ch in text[:8192])
        if controls > len(text[:8192]) * 0.05:
            raise InputError(source, f"binary file ({where}, many control characters), not text")
        return text, [f"{where}; decoded as {enc}"]
    raise InputError(source, f"cannot decode ({where})")  # pragma: no cover - latin-1 decodes any bytes


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputError(
            source,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one article; raise it with "
            "--max-bytes N (CLI), max_bytes=N (API) or FRAMING_MAX_BYTES, or split the file",
        )
    try:
        if not _gzipped(path):
            return path.read_bytes()
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # bounded: a small .gz may expand enormously
    except (OSError, EOFError) as exc:
        raise InputError(source, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > max_bytes:
        raise InputError(source, f"decompressed text is over the {max_bytes / 1e6:.0f} MB limit for one article")
    return data


def _gzipped(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def _open(path: Path, mode: str, **kwargs: Any) -> Any:
    """Open a file, transparently decompressing ``.gz``."""
    if _gzipped(path):
        return gzip.open(path, mode if "b" in mode else mode + "t", **kwargs)
    return path.open(mode, **kwargs)


# --- building articles -------------------------------------------------------------------------------------


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
    """
    meta = meta or {}
    source = source_path or id
    if not raw:
        raise InputError(source, "empty input (0 characters)")
    if not raw.strip():
        raise InputError(source, "input holds only whitespace")
    title = _str(meta.get("title"))
    cleaned = clean_text(raw, title=title)
    if not cleaned.text.strip():
        raise InputError(
            source, f"no article text left after removing boilerplate ({len(cleaned.removed)} lines removed)"
        )
    url = _str(meta.get("url")) or cleaned.url
    outlet = detect_outlet(
        OutletEvidence(
            url=url,
            site_name=_str(meta.get("outlet")),
            dateline_marker=cleaned.dateline_marker,
            header_lines=cleaned.header_lines,
            signature_lines=cleaned.signature_lines,
            page_urls=cleaned.urls,
            body=cleaned.text,
        ),
        table if table is not None else load_outlet_table(),
    )
    given_date = _str(meta.get("date"))
    language = detect_language(cleaned.text)
    notes = list(warnings)
    if language != "en":
        notes.append(f"language detected as {language!r}; only English is scored")
    return Article(
        id=id,
        text=cleaned.text,
        title=cleaned.title,
        date=(parse_date(given_date) if given_date else None) or cleaned.date,
        url=url,
        outlet=outlet,
        byline=_str(meta.get("byline")) or cleaned.byline,
        source_path=source_path,
        language=language,
        raw=raw,
        dateline=cleaned.dateline,
        summary=tuple(cleaned.summary),
        headings=tuple(cleaned.headings),
        removed=tuple(cleaned.removed),
        warnings=tuple(notes),
    )


def _str(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and v != v):  # NaN from pandas
        return None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v)
    s = normalise_text(str(v)).replace("\n", " ").strip()
    return s or None


def _failed(id: str, source_path: str | None, error: str, raw: str = "") -> Article:
    return Article(id=id, text="", source_path=source_path, raw=raw, error=error)


def _html_article(html: str, *, id: str, source_path: str, table: OutletTable, warnings: list[str]) -> Article:
    import trafilatura

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


def _record_article(
    rec: Mapping[str, Any],
    *,
    default_id: str,
    source_path: str,
    where: str,
    opts: ReadOptions,
    table: OutletTable,
    prefix: str = "",
) -> Article:
    def pick(attr: str) -> Any:
        for name in opts.fields(attr):
            if name in rec and rec[name] not in (None, ""):
                return rec[name]
        return None

    text = pick("text")
    if text is None:
        wanted = "/".join(opts.fields("text"))
        raise InputError(where, f"no text field ({wanted}); fields found: {', '.join(map(str, rec)) or 'none'}")
    if not isinstance(text, str):
        raise InputError(where, f"text field is {type(text).__name__}, not a string")
    if len(text.encode("utf-8", "replace")) > opts.max_bytes:
        raise InputError(
            where, f"article text is over the {opts.max_bytes / 1e6:.0f} MB limit; raise it with --max-bytes"
        )
    rid = pick("id")
    meta = {k: pick(k) for k in ("title", "url", "date", "outlet", "byline")}
    used = {name for attr in DEFAULT_COLUMNS for name in opts.fields(attr)}
    extra = {str(k): v for k, v in rec.items() if k not in used and isinstance(v, str | int | float | bool)}
    # a record's own id names it ("file#id", or the id alone for a DataFrame); else its position does
    aid = default_id if rid is None else f"{prefix}#{rid}" if prefix else str(rid)
    article = article_from_text(text, id=aid, source_path=source_path, meta=meta, table=table)
    return replace(article, meta=extra) if extra else article


def _iter_records(path: Path, fmt: str, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    """Yield one article (or failure) per record of a JSONL / JSON / CSV file, streaming where possible."""
    source, stem = str(path), path.stem
    if fmt == "jsonl":
        with _open(path, "rb") as fh:
            for no, line in enumerate(fh, start=1):
                where = f"{source}:{no}"
                if not line.strip():
                    continue
                try:
                    text, _ = _decode(line, where)
                    rec = json.loads(text)
                    if not isinstance(rec, dict):
                        raise InputError(where, f"line is a JSON {type(rec).__name__}, not an object")
                    yield _record_article(
                        rec,
                        default_id=f"{stem}:{no}",
                        source_path=source,
                        where=where,
                        opts=opts,
                        table=table,
                        prefix=stem,
                    )
                except json.JSONDecodeError as exc:
                    yield _failed(f"{stem}:{no}", source, f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
                except InputError as exc:
                    yield _failed(f"{stem}:{no}", source, str(exc))
        return
    if fmt == "json":
        text, _ = _decode(_read_bytes(path, opts.max_bytes * 50), source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records):
            where = f"{source}[{i}]"
            try:
                if not isinstance(rec, dict):
                    raise InputError(where, f"item is a JSON {type(rec).__name__}, not an object")
                yield _record_article(
                    rec,
                    default_id=f"{stem}[{i}]" if len(records) > 1 else stem,
                    source_path=source,
                    where=where,
                    opts=opts,
                    table=table,
                    prefix=stem,
                )
            except InputError as exc:
                yield _failed(f"{stem}[{i}]", source, str(exc))
        return
    # csv / tsv
    csv.field_size_limit(max(opts.max_bytes, 131072))
    with _open(path, "r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        found = reader.fieldnames or []
        if not any(name in found for name in opts.fields("text")):
            raise InputError(
                source,
                f"no text column ({'/'.join(opts.fields('text'))}); columns found: {', '.join(found) or 'none'}; "
                "name it with --text-column",
            )
        for no, row in enumerate(reader, start=2):
            where = f"{source}:{no}"
            try:
                if None in row:
                    raise InputError(where, f"row has {len(found) + len(row[None])} fields, header has {len(found)}")
                yield _record_article(
                    row, default_id=f"{stem}:{no}", source_path=source, where=where, opts=opts, table=table, prefix=stem
                )
            except InputError as exc:
                yield _failed(f"{stem}:{no}", source, str(exc))


def _suffix(path: Path) -> str:
    return (path.with_suffix("") if _gzipped(path) else path).suffix.lower()


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
        yield from _iter_records(path, fmt, opts, table)
        return
    raw_bytes = _read_bytes(path, opts.max_bytes)
    text, warnings = _decode(raw_bytes, source)
    if fmt == "html":
        yield _html_article(text, id=path.stem, source_path=source, table=table, warnings=warnings)
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
        max_bytes=max_bytes if max_bytes is not None else _max_bytes_default(),
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
        yield from _read_frame(sources, opts, table)
        return
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    for item in _expand(sources):
        if item == "-":
            yield from _guard("stdin", "<stdin>", lambda: _read_stdin(opts, table))
            continue
        path = Path(item)
        if not path.exists():
            yield _failed(path.stem or str(path), str(path), f"{path}: file not found")
            continue
        yield from _guard(path.stem, str(path), lambda path=path: _read_file(path, opts, table))


def _guard(id: str, source: str, produce: Any) -> Iterator[Article]:
    """Run a reader; turn an InputError into a failed article so the batch goes on."""
    try:
        yield from produce()
    except InputError as exc:
        yield _failed(id, source, str(exc))


def _read_stdin(opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    data = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        raise InputError("<stdin>", f"input is over the {opts.max_bytes / 1e6:.0f} MB limit; raise it with --max-bytes")
    text, warnings = _decode(data, "<stdin>")
    fmt = opts.format or ("html" if text.lstrip()[:1] == "<" else "txt")
    if fmt == "html":
        yield _html_article(text, id="stdin", source_path="<stdin>", table=table, warnings=warnings)
    else:
        yield article_from_text(text, id="stdin", source_path="<stdin>", table=table, warnings=warnings)


def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "to_dict")


def _read_frame(df: Any, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    columns = [str(c) for c in df.columns]
    if not any(name in columns for name in opts.fields("text")):
        raise InputError(
            "<dataframe>", f"no text column ({'/'.join(opts.fields('text'))}); columns found: {', '.join(columns)}"
        )
    for idx, rec in zip(df.index, df.to_dict("records"), strict=True):
        where = f"<dataframe>[{idx}]"
        try:
            yield _record_article(
                rec, default_id=str(idx), source_path="<dataframe>", where=where, opts=opts, table=table
            )
        except InputError as exc:
            yield _failed(str(idx), "<dataframe>", str(exc))

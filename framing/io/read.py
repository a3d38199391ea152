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
import gzip
import os
import sys
import warnings
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from framing.article import Article
from framing.errors import InputError, ModelFileError, SkippedFilesWarning, internal_error
from framing.io.build import article_from_text, failed_article
from framing.io.decode import DEFAULT_MAX_BYTES, decode, gzipped, max_bytes_default, read_bytes
from framing.io.html import html_article
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.io.records import frame_units, record_article, record_units
from framing.io.units import Unit
from framing.outlets import OutletTable, load_outlet_table

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "Unit",
    "article_from_text",
    "iter_units",
    "read_articles",
    "read_options",
    "read_unit",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | {".json"}
_DIRECTORY_SUFFIXES = SUPPORTED_SUFFIXES - {""}  # a directory's files without a suffix are left out (and named)
_NOT_ARTICLES = frozenset({"README.md", "outlets.yaml", "planted.yaml"})  # a corpus folder's own files
# settings beside a corpus (outlet tables, term packs, actor lists): left out without a word
_SETTINGS_SUFFIXES = frozenset({".yaml", ".yml", ".toml", ".ini", ".cfg"})


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


def _file_units(path: Path, opts: ReadOptions) -> Iterator[Unit]:
    fmt = _format_of(path, opts.format)
    if fmt in {"jsonl", "json", "csv"}:
        yield from record_units(path, fmt, opts)
    else:
        yield Unit("file", str(path), path.stem, str(path), "", fmt)


def read_unit(unit: Unit, opts: ReadOptions, table: OutletTable) -> Article:
    """Read one unit into an article (a failed one, naming the file and the problem, when it cannot be read).

    It never raises: an unexpected exception (a bug) becomes the article's error, named as an internal error.
    """
    try:
        return _read_unit(unit, opts, table)
    except ModelFileError as exc:  # framing's own data file (the line model of page dumps) is damaged: say so
        where = unit.where or unit.source
        return failed_article(unit.id, unit.source, f"{where}: not read, framing's data file is unusable: {exc}")
    except Exception as exc:  # a bug must not lose the batch: this unit's record says what happened
        return failed_article(unit.id, unit.source, internal_error(unit.where or unit.source, "reading", exc))


def _read_unit(unit: Unit, opts: ReadOptions, table: OutletTable) -> Article:
    if unit.kind == "article":
        return unit.payload
    if unit.kind != "file":
        return record_article(unit, opts, table)
    path = Path(unit.source)
    try:
        raw_bytes = read_bytes(path, opts.max_bytes)
        text, warnings = decode(raw_bytes, unit.source)
        if unit.fmt == "html":
            return html_article(text, id=unit.id, source_path=unit.source, table=table, warnings=warnings)
        return article_from_text(text, id=unit.id, source_path=unit.source, table=table, warnings=warnings)
    except InputError as exc:
        return failed_article(unit.id, unit.source, str(exc))


def _expand(sources: Iterable[str | os.PathLike[str]]) -> Iterator[Path | str | InputError]:
    """Expand directories (recursively, sorted) and globs; keep ``-`` for stdin. A path or folder that cannot
    be looked into comes as an :class:`InputError`, so that it gets its record and the batch goes on."""
    for src in sources:
        s = os.fspath(src)
        if s == "-":
            yield "-"
            continue
        p = Path(s)
        try:
            is_dir = p.is_dir()
        except OSError as exc:  # e.g. a file inside a folder the user may not open
            yield InputError(s, f"cannot be read: {exc.strerror or exc}")
            continue
        if is_dir:
            found, unreadable = _walk(p)
            yield from (InputError(str(d), "folder cannot be read: its files are not read") for d in unreadable)
            files = [f for f in found if _suffix(f) in _DIRECTORY_SUFFIXES]
            if skipped := [f for f in found if _suffix(f) not in _DIRECTORY_SUFFIXES | _SETTINGS_SUFFIXES]:
                _warn_skipped(p, skipped)
            yield from files
        elif not p.exists() and any(ch in s for ch in "*?["):
            matches = sorted(_glob.glob(s, recursive=True))
            if not matches:
                yield Path(s)  # reported as not found
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield p


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """The files under ``root`` (sorted by relative path; hidden ones and a corpus folder's own files left out,
    symbolic links to folders not followed) and the folders that could not be listed."""
    unreadable: list[Path] = []
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=lambda exc: unreadable.append(Path(exc.filename))):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(folder)
        found.extend(base / n for n in names if not n.startswith(".") and n not in _NOT_ARTICLES)
    found = [f for f in found if f.is_file()]
    found.sort(key=lambda f: f.relative_to(root).as_posix())
    return found, sorted(unreadable)


def _warn_skipped(directory: Path, skipped: list[Path]) -> None:
    """Say which files of ``directory`` are left unread for their type, so that none goes missing unnoticed."""
    kinds = Counter(_suffix(f) or "no suffix" for f in skipped)
    names = ", ".join(f.relative_to(directory).as_posix() for f in skipped[:3]) + (", ..." if len(skipped) > 3 else "")
    types = ", ".join(f"{k} ({n})" for k, n in sorted(kinds.items(), key=lambda kn: (-kn[1], kn[0])))
    warnings.warn(
        SkippedFilesWarning(
            f"{directory}: {len(skipped)} file(s) not read, of types framing does not read from a directory: {types}"
            f" ({names}); name a file to read it as text"
        ),
        stacklevel=2,
    )


def read_articles(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Any,
    *,
    columns: Mapping[str, str | Sequence[str]] | None = None,
    max_bytes: int | None = None,
    outlet_tables: Sequence[str | os.PathLike[str]] = (),
    format: str | None = None,
    errors: Literal["collect", "raise"] = "collect",
    repeats: bool = False,
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
        repeats: Look for paragraphs that recur across the outlet's articles of this batch
            (:mod:`framing.io.repeats`): boilerplate ones are removed, stock ones marked in ``Article.stock``.
            The whole batch is then read before the first article is yielded (held in memory).

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
    opts = read_options(columns=columns, max_bytes=max_bytes, outlet_tables=outlet_tables, format=format)
    table = load_outlet_table(opts.outlet_tables)
    articles = (read_unit(unit, opts, table) for unit in iter_units(sources, opts))
    if repeats:
        from framing.io.repeats import mark_repeats

        articles = iter(mark_repeats(_raising(articles) if errors == "raise" else articles))
    yield from _raising(articles) if errors == "raise" else articles


def _raising(articles: Iterator[Article]) -> Iterator[Article]:
    for article in articles:
        if article.error is not None:
            raise InputError(article.source_path or article.id, article.error)
        yield article


def read_options(
    *,
    columns: Mapping[str, str | Sequence[str]] | None = None,
    max_bytes: int | None = None,
    outlet_tables: Sequence[str | os.PathLike[str]] = (),
    format: str | None = None,
) -> ReadOptions:
    """The reader's settings from :func:`read_articles`' keyword arguments (the same defaults)."""
    if format is not None and format not in {"txt", "html", "jsonl", "json", "csv"}:
        raise ValueError(f"format must be one of txt, html, jsonl, json, csv; got {format!r}")
    return ReadOptions(
        columns=dict(columns or {}),
        max_bytes=max_bytes if max_bytes is not None else max_bytes_default(),
        outlet_tables=tuple(outlet_tables),
        format=format,
    )


def iter_units(sources: Any, opts: ReadOptions, *, table: OutletTable | None = None) -> Iterator[Unit]:
    """Walk the inputs of :func:`read_articles` in order, one :class:`Unit` per article, without reading them.

    Args:
        sources: What :func:`read_articles` takes.
        opts: The reader's settings (:func:`read_options`).
        table: Outlet table for standard input, which is read here (it cannot be sent elsewhere).
    """
    if _is_dataframe(sources):
        yield from frame_units(sources, opts)
        return
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    for item in _expand(sources):
        if isinstance(item, InputError):
            yield _failed(Path(item.source).name, item.source, str(item))
            continue
        if item == "-":
            stdin_table = table if table is not None else load_outlet_table(opts.outlet_tables)
            yield from _guard("stdin", "<stdin>", lambda t=stdin_table: _stdin_units(opts, t))
            continue
        path = Path(item)
        if not path.exists():
            yield _failed(path.stem or str(path), str(path), f"{path}: file not found")
            continue
        yield from _guard(path.stem, str(path), lambda path=path: _file_units(path, opts))


def _failed(id: str, source: str, error: str) -> Unit:
    return Unit("article", source, id, payload=failed_article(id, source, error))


def _guard(id: str, source: str, produce: Any) -> Iterator[Unit]:
    """Walk one input; turn an InputError (or a bug) into a failed article so the batch goes on."""
    try:
        yield from produce()
    except InputError as exc:
        yield _failed(id, source, str(exc))
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # the records so far stand, then the damage is named
        yield _failed(id, source, f"{source}: compressed file is damaged or cut short ({exc})")
    except Exception as exc:  # e.g. a CSV the csv module rejects midway: the units so far stand, then its error
        yield _failed(id, source, internal_error(source, "splitting the file into articles", exc))


def _stdin_units(opts: ReadOptions, table: OutletTable) -> Iterator[Unit]:
    if opts.format in {"jsonl", "json", "csv"}:
        yield from _stdin_records(opts)
        return
    for article in _read_stdin(opts, table):
        yield Unit("article", "<stdin>", "stdin", payload=article)


def _stdin_records(opts: ReadOptions) -> Iterator[Unit]:
    """The records of JSONL / JSON / CSV on standard input (``--input-format``), read as from a file of them."""
    import tempfile

    limit = opts.max_bytes * 50  # a whole corpus, as for a JSON file
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError("<stdin>", f"input is over the {limit / 1e6:.0f} MB limit for records; save it to a file")
    with tempfile.TemporaryDirectory() as tmp:
        spool = Path(tmp) / f"stdin.{opts.format}"
        spool.write_bytes(data)
        yield from list(record_units(spool, str(opts.format), opts, source="<stdin>"))


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

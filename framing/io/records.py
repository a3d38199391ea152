"""Corpus files and frames: one article per JSON line, JSON item, CSV row or DataFrame row, streamed.

The files are split into :class:`~framing.io.units.Unit` records here (cheap, in order); :func:`record_article`
turns one unit into an article (the costly half, which may run in another process).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from framing.article import Article
from framing.errors import InputError, InternalError
from framing.io.build import article_from_text, failed_article
from framing.io.decode import decode, open_maybe_gzipped, read_bytes
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.io.units import Unit
from framing.outlets import OutletTable

__all__ = ["frame_units", "record_article", "record_units"]


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


def record_article(unit: Unit, opts: ReadOptions, table: OutletTable) -> Article:
    """The article of a ``jsonl`` or ``record`` unit, or a failed article naming the line and the problem."""
    try:
        if unit.kind == "jsonl":
            text, _ = decode(unit.payload, unit.where)
            rec = json.loads(text)
            if not isinstance(rec, dict):
                raise InputError(unit.where, f"line is a JSON {type(rec).__name__}, not an object")
        else:
            rec = unit.payload
        return _record_article(
            rec,
            default_id=unit.id,
            source_path=unit.source,
            where=unit.where,
            opts=opts,
            table=table,
            prefix=unit.prefix,
        )
    except json.JSONDecodeError as exc:
        return failed_article(unit.id, unit.source, f"{unit.where}: malformed JSON ({exc.msg} at column {exc.colno})")
    except (InputError, InternalError) as exc:
        # a JSON file's only item has the file's name as its id, but its failure is still named by position
        failed_id = unit.prefix + unit.where[len(unit.source) :] if unit.fmt == "json" else unit.id
        # the text's own errors name the file; the record's line or position says which of its articles
        message = f"{unit.where}: {exc.reason}" if exc.source == unit.source and unit.where else str(exc)
        return failed_article(failed_id, unit.source, message)


def record_units(path: Path, fmt: str, opts: ReadOptions, *, source: str | None = None) -> Iterator[Unit]:
    """Yield one unit per record of a JSONL / JSON / CSV file, streaming where possible.

    Args:
        path: The file.
        fmt: ``jsonl``, ``json`` or ``csv`` (``.tsv`` files are tab-separated).
        opts: The reader's settings.
        source: The name the records give as theirs (default: the path; ``<stdin>`` for standard input spooled
            to a file).

    Raises:
        InputError: The file as a whole cannot be read (malformed JSON, no text column) or holds no record.
    """
    n = 0
    for unit in _record_units(path, fmt, opts, source or str(path)):
        n += 1
        yield unit
    if n == 0:  # an empty file must not vanish from the batch without a word
        what = {"jsonl": "no JSON line", "json": "an empty JSON list", "csv": "no row under its header"}[fmt]
        raise InputError(source or str(path), f"no article records: the file holds {what}")


def _record_units(path: Path, fmt: str, opts: ReadOptions, source: str) -> Iterator[Unit]:
    stem = Path(source).stem if source != "<stdin>" else "stdin"
    if fmt == "jsonl":
        with open_maybe_gzipped(path, "rb") as fh:
            for no, line in enumerate(fh, start=1):
                if line.strip():
                    yield Unit("jsonl", source, f"{stem}:{no}", f"{source}:{no}", stem, "jsonl", line)
        return
    if fmt == "json":
        text, _ = decode(read_bytes(path, opts.max_bytes * 50), source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records):
            where = f"{source}[{i}]"
            if not isinstance(rec, dict):
                error = f"{where}: item is a JSON {type(rec).__name__}, not an object"
                yield Unit("article", source, f"{stem}[{i}]", payload=failed_article(f"{stem}[{i}]", source, error))
                continue
            yield Unit("record", source, f"{stem}[{i}]" if len(records) > 1 else stem, where, stem, "json", rec)
        return
    # csv / tsv
    csv.field_size_limit(max(opts.max_bytes, 131072))
    with open_maybe_gzipped(path, "r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        tsv = path.name.lower().removesuffix(".gz").endswith(".tsv")
        reader = csv.DictReader(fh, delimiter="\t" if tsv else ",")
        found = reader.fieldnames or []
        if not any(name in found for name in opts.fields("text")):
            raise InputError(
                source,
                f"no text column ({'/'.join(opts.fields('text'))}); columns found: {', '.join(found) or 'none'}; "
                "name it with --text-column",
            )
        for no, row in enumerate(reader, start=2):
            where = f"{source}:{no}"
            if None in row:
                error = f"{where}: row has {len(found) + len(row[None])} fields, header has {len(found)}"
                yield Unit("article", source, f"{stem}:{no}", payload=failed_article(f"{stem}:{no}", source, error))
                continue
            yield Unit("record", source, f"{stem}:{no}", where, stem, "csv", row)


def frame_units(df: Any, opts: ReadOptions) -> Iterator[Unit]:
    """Yield one unit per row of a pandas DataFrame.

    Raises:
        InputError: The frame has no text column.
    """
    columns = [str(c) for c in df.columns]
    if not any(name in columns for name in opts.fields("text")):
        raise InputError(
            "<dataframe>", f"no text column ({'/'.join(opts.fields('text'))}); columns found: {', '.join(columns)}"
        )
    for idx, rec in zip(df.index, df.to_dict("records"), strict=True):
        yield Unit("record", "<dataframe>", str(idx), f"<dataframe>[{idx}]", "", "frame", rec)

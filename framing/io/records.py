"""Corpus files and frames: one article per JSON line, JSON item, CSV row or DataFrame row, streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from framing.article import Article
from framing.errors import InputError
from framing.io.build import article_from_text, failed_article
from framing.io.decode import decode, open_maybe_gzipped, read_bytes
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.outlets import OutletTable

__all__ = ["iter_records", "read_frame"]


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


def iter_records(path: Path, fmt: str, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
    """Yield one article (or failure) per record of a JSONL / JSON / CSV file, streaming where possible."""
    source, stem = str(path), path.stem
    if fmt == "jsonl":
        with open_maybe_gzipped(path, "rb") as fh:
            for no, line in enumerate(fh, start=1):
                where = f"{source}:{no}"
                if not line.strip():
                    continue
                try:
                    text, _ = decode(line, where)
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
                    yield failed_article(
                        f"{stem}:{no}", source, f"{where}: malformed JSON ({exc.msg} at column {exc.colno})"
                    )
                except InputError as exc:
                    yield failed_article(f"{stem}:{no}", source, str(exc))
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
                yield failed_article(f"{stem}[{i}]", source, str(exc))
        return
    # csv / tsv
    csv.field_size_limit(max(opts.max_bytes, 131072))
    with open_maybe_gzipped(path, "r", encoding="utf-8-sig", errors="replace", newline="") as fh:
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
                yield failed_article(f"{stem}:{no}", source, str(exc))


def read_frame(df: Any, opts: ReadOptions, table: OutletTable) -> Iterator[Article]:
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
            yield failed_article(str(idx), "<dataframe>", str(exc))

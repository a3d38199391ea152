"""Scoring on a Dask cluster: a ``dask.bag`` or ``dask.dataframe`` of articles into Dask DataFrames.

Dask does the scheduling, the moving of data and the recovery from lost workers; framing only gives it a
function per partition. Each worker process builds the lexicons, outlet tables and models once (they are cached
per process) and reads and scores the records of its partitions.

:func:`score_dataframe` and :func:`score_bag` return ``(articles, evidence)`` as Dask DataFrames with the rows
:func:`framing.score_corpus` gives for the same records; :func:`write_parquet` writes them as Parquet
partitions. The article table has a fixed set of columns, so every partition agrees: the metadata, every metric,
one ``naming.<pack>:<concept>`` column per concept of the term packs (empty where an article has no such term),
the record fields kept as ``meta.<name>`` and ``error``.

The CLI's ``--scheduler ADDRESS`` (and :func:`framing.score_corpus` with ``client=``) runs the usual streaming
pipeline on the cluster instead, through ``Client.get_executor()``: files are walked here and read there.

Requires the ``dask`` extra: ``pip install 'framing[dask]'``.

Example:
    >>> import dask.dataframe as dd, pandas as pd
    >>> from distributed import Client, LocalCluster
    >>> frame = pd.DataFrame({"text": ["Officials said the bridge may reopen on Monday, reportedly after repairs."],
    ...                       "outlet": ["Reuters"]})
    >>> with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster, Client(cluster):
    ...     articles, evidence = score_dataframe(dd.from_pandas(frame, npartitions=1))
    ...     articles.compute()["outlet"].tolist()
    ['Reuters']
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from operator import getitem
from typing import Any

from framing.evidence import EVIDENCE_COLUMNS
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.io.read import read_options, read_unit
from framing.io.records import frame_units
from framing.io.units import Unit
from framing.runs.pool import _table
from framing.scoring import Scorer

__all__ = ["article_columns", "score_bag", "score_dataframe", "write_parquet"]

_BASE = ("id", "source_path", "title", "date", "url", "outlet", "outlet_publisher", "outlet_wire", "outlet_country",
         "outlet_ownership", "outlet_how", "outlet_confidence", "language", "n_sentences", "n_words")  # fmt: skip
_PROBE = (
    "The minister said on Monday that the talks would probably resume, according to officials who spoke on "
    "condition of anonymity. Critics called the plan a disaster."
)


def article_columns(scorer: Scorer, meta_fields: Sequence[str] = ()) -> list[str]:
    """The columns of the article table for this scorer and these record fields (see the module docs)."""
    from framing.io.build import article_from_text
    from framing.scoring import _resources

    probe = scorer.score(article_from_text(_PROBE, id="probe"))
    metrics = [k for k in probe.metrics if k not in {"n_words", "n_sentences"}]
    packs = _resources(scorer.lexicons, scorer.outlet_tables, scorer.termpacks).naming.packs
    naming = sorted(f"naming.{p.name}:{c.id}" for p in packs for c in p.concepts)
    return [*_BASE, *metrics, *naming, *(f"meta.{f}" for f in meta_fields), "error"]


def _kept_fields(fields: Sequence[str], opts: ReadOptions) -> list[str]:
    used = {name for attr in DEFAULT_COLUMNS for name in opts.fields(attr)}
    return [str(f) for f in fields if f not in used]


def _frames(scores: list[Any], columns: list[str]) -> tuple[Any, Any]:
    import pandas as pd

    from framing.corpus import corpus_rows

    rows, ev = [], []
    for s in scores:
        row, evidence = corpus_rows(s)
        rows.append(row)
        ev.extend(evidence)
    articles = pd.DataFrame(rows).reindex(columns=columns)
    return articles.astype(_dtypes(columns)), pd.DataFrame(ev, columns=EVIDENCE_COLUMNS).astype(_EV_DTYPES)


def _dtypes(columns: list[str]) -> dict[str, str]:
    def dtype(c: str) -> str:
        if c in {"n_sentences", "n_words"}:
            return "int64"
        return "object" if c in _BASE or c.startswith(("naming.", "meta.")) or c == "error" else "float64"

    return {c: dtype(c) for c in columns}


_EV_DTYPES = {"article_id": "object", "sentence": "int64", "start": "int64", "end": "int64", "text": "object",
              "dimension": "object", "category": "object", "weight": "float64", "entry": "object",
              "negated": "bool", "note": "object"}  # fmt: skip


def _score_frame(part: Any, scorer: Scorer, opts: ReadOptions, columns: list[str]) -> tuple[Any, Any]:
    table = _table(opts)
    scores = list(scorer.score_stream(read_unit(u, opts, table) for u in frame_units(part, opts)))
    return _frames(scores, columns)


def _score_records(part: list[Any], number: int, scorer: Scorer, opts: ReadOptions, columns: list[str]) -> Any:
    from framing.article import Article

    table = _table(opts)

    def articles() -> Any:
        for i, item in enumerate(part):
            if isinstance(item, Article):
                yield item
            else:
                yield read_unit(Unit("record", "<bag>", f"{number}:{i}", f"<bag>[{number}:{i}]", "", "bag", dict(item)),
                                opts, table)  # fmt: skip

    return _frames(list(scorer.score_stream(articles())), columns)


def _split(parts: list[Any], columns: list[str]) -> tuple[Any, Any]:
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed

    meta_articles = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _dtypes(columns).items()})
    meta_evidence = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _EV_DTYPES.items()})
    # both tables come from the same scored partitions: compute them together (dask.compute, write_parquet)
    articles = dd.from_delayed([delayed(getitem)(p, 0) for p in parts], meta=meta_articles, verify_meta=False)
    evidence = dd.from_delayed([delayed(getitem)(p, 1) for p in parts], meta=meta_evidence, verify_meta=False)
    return articles, evidence


def score_dataframe(
    frame: Any, *, scorer: Scorer | None = None, read: Mapping[str, Any] | None = None
) -> tuple[Any, Any]:
    """Score a ``dask.dataframe`` of records (one article per row, as for :func:`framing.read_articles`).

    Args:
        frame: The records: a text column (``text``, ``body`` ... or ``read["columns"]``) and metadata columns.
        scorer: A configured :class:`~framing.Scorer`.
        read: Keyword arguments of :func:`framing.read_articles` (``columns``, ``max_bytes``).

    Returns:
        ``(articles, evidence)`` Dask DataFrames (lazy; compute them together, ``dask.compute(articles,
        evidence)``, or each partition is scored twice); row ids are the frame's index, as for a pandas frame.
    """
    from dask import delayed

    scorer = scorer or Scorer()
    opts = read_options(outlet_tables=scorer.outlet_tables, **(read or {}))
    columns = article_columns(scorer, _kept_fields(list(frame.columns), opts))
    score = delayed(_score_frame, pure=True)
    return _split([score(part, scorer, opts, columns) for part in frame.to_delayed()], columns)


def score_bag(
    bag: Any,
    *,
    scorer: Scorer | None = None,
    read: Mapping[str, Any] | None = None,
    meta_fields: Sequence[str] | None = None,
) -> tuple[Any, Any]:
    """Score a ``dask.bag`` of records (dicts, e.g. ``db.read_text("*.jsonl").map(json.loads)``) or Articles.

    Args:
        bag: The records or :class:`~framing.Article` objects.
        scorer: A configured :class:`~framing.Scorer`.
        read: Keyword arguments of :func:`framing.read_articles` (``columns``, ``max_bytes``).
        meta_fields: Record fields kept as ``meta.<name>`` columns (default: those of the first record that
            are not text or metadata).

    Returns:
        ``(articles, evidence)`` Dask DataFrames (lazy). A record without an ``id`` is named by its partition
        and position (``3:17``).
    """
    from dask import delayed

    from framing.article import Article

    scorer = scorer or Scorer()
    opts = read_options(outlet_tables=scorer.outlet_tables, **(read or {}))
    if meta_fields is None:
        first = bag.take(1, npartitions=-1)
        if first and isinstance(first[0], Article):
            meta_fields = list(first[0].meta)
        else:
            meta_fields = _kept_fields([k for k, v in (first[0] if first else {}).items()
                                        if isinstance(v, str | int | float | bool)], opts)  # fmt: skip
    columns = article_columns(scorer, meta_fields)
    score = delayed(_score_records, pure=True)
    return _split([score(part, i, scorer, opts, columns) for i, part in enumerate(bag.to_delayed())], columns)


def write_parquet(articles: Any, evidence: Any, path: str | os.PathLike[str]) -> None:
    """Write the two Dask DataFrames as Parquet partitions under ``path/articles`` and ``path/evidence``.

    Read them back with ``dask.dataframe.read_parquet``, ``pandas.read_parquet`` or DuckDB's ``read_parquet``.
    """
    import dask

    folder = os.fspath(path)
    dask.compute(
        articles.to_parquet(os.path.join(folder, "articles"), write_index=False, compute=False),
        evidence.to_parquet(os.path.join(folder, "evidence"), write_index=False, compute=False),
    )

"""Corpus runs: many articles scored into two tables, one row per article and one per evidence item.

Example:
    >>> import framing
    >>> from framing.resources import example_corpus_dir
    >>> d = example_corpus_dir()
    >>> articles_df, evidence_df = framing.score_corpus(framing.read_articles(d, outlet_tables=[d / "outlets.yaml"]))
    >>> len(articles_df), set(evidence_df.article_id) <= set(articles_df.id)
    (9, True)

    Every core, each worker reading its own files (the same tables):

    >>> scorer = framing.Scorer(outlet_tables=[d / "outlets.yaml"])
    >>> here = framing.score_corpus(framing.read_articles(d, outlet_tables=scorer.outlet_tables), scorer=scorer)
    >>> on_all = framing.score_corpus(d, scorer=scorer, n_jobs=2)
    >>> on_all[0].equals(here[0]), on_all[1].equals(here[1])
    (True, True)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sized
from itertools import chain
from typing import Any

from framing.article import Article
from framing.evidence import EVIDENCE_COLUMNS
from framing.io.options import ReadOptions
from framing.io.units import Unit
from framing.scoring import ArticleScore, Scorer, default_scorer

__all__ = ["article_row", "corpus_rows", "score_corpus"]


def score_corpus(
    articles: Iterable[Article] | Any,
    *,
    scorer: Scorer | None = None,
    progress: bool = False,
    n_jobs: int | None = None,
    client: Any = None,
    read: Mapping[str, Any] | None = None,
) -> tuple[Any, Any]:
    """Score many articles into two DataFrames, on one core, every core or a Dask cluster.

    Args:
        articles: Articles (an iterator is consumed once), or what :func:`framing.read_articles` reads (a path,
            paths, a directory, a glob, a DataFrame): then each worker reads its own share.
        scorer: A configured :class:`Scorer`.
        progress: Show a progress bar (tqdm's notebook bar in Jupyter, a text bar on stderr elsewhere).
        n_jobs: Worker processes: ``None`` or 1 scores here, -1 uses every core. The tables are the same
            whatever the number.
        client: A ``distributed.Client``: score on its cluster instead (``n_jobs`` is then ignored).
        read: Keyword arguments of :func:`framing.read_articles` for ``articles`` given as paths (``columns``,
            ``max_bytes``, ``format``); the outlet tables are the scorer's.

    Returns:
        ``(articles_df, evidence_df)``: one row per article (metadata, metrics, error) and one row per
        evidence item (``article_id`` links them), in input order.
    """
    import pandas as pd

    from framing.runs.pool import ScoreJob, map_units
    from framing.runs.progress import count_units, progress_bar

    scorer = scorer or default_scorer()
    units, opts, total = _units(articles, scorer, read or {})
    job = ScoreJob(scorer, opts, corpus_rows)
    executor = client.get_executor() if client is not None else None
    depth = 2 * sum(client.nthreads().values()) if client is not None else None
    if total is None and progress:
        total = count_units(articles, opts) if not _is_articles(articles) else None
    rows: list[dict[str, Any]] = []
    ev_rows: list[dict[str, Any]] = []
    with progress_bar(total, enabled=progress, notebook=True) as bar:
        for row, evidence in map_units(units, job, n_jobs=n_jobs, executor=executor, depth=depth):
            rows.append(row)
            ev_rows.extend(evidence)
            bar.advance(row["error"] is not None)
    return pd.DataFrame(rows), pd.DataFrame(ev_rows, columns=EVIDENCE_COLUMNS)


def corpus_rows(s: ArticleScore) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The article-table row and the evidence-table rows of one scored article."""
    art_id = s.article.id
    return article_row(s), [{"article_id": art_id, **e.to_dict()} for e in s.evidence]


def _is_articles(obj: Any) -> bool:
    return isinstance(obj, list | tuple) and bool(obj) and isinstance(obj[0], Article)


def _units(articles: Any, scorer: Scorer, read: Mapping[str, Any]) -> tuple[Iterator[Unit], ReadOptions, int | None]:
    """Units for ``articles``: read elsewhere when they are sources, sent as they are when already articles."""
    from framing.io.read import iter_units, read_options

    opts = read_options(outlet_tables=scorer.outlet_tables, **read)
    if isinstance(articles, str | os.PathLike) or type(articles).__name__ == "DataFrame":
        return iter_units(articles, opts), opts, None
    it = iter(articles)
    first = next(it, None)
    if first is None:
        return iter(()), opts, 0
    total = len(articles) if isinstance(articles, Sized) else None
    rest = chain([first], it)
    if isinstance(first, Article):
        return (Unit("article", a.source_path or "", a.id, payload=a) for a in rest), opts, total
    return iter_units(list(rest), opts), opts, None


def article_row(s: ArticleScore) -> dict[str, Any]:
    a = s.article
    o = a.outlet
    return {
        "id": a.id,
        "source_path": a.source_path,
        "title": a.title,
        "date": a.date,
        "url": a.url,
        "outlet": o.name,
        "outlet_publisher": o.publisher,
        "outlet_wire": o.wire,
        "outlet_country": o.country,
        "outlet_ownership": o.ownership,
        "outlet_how": "; ".join(o.how),
        "outlet_confidence": o.confidence,
        "language": a.language,
        "n_sentences": len(s.sentences),
        "n_words": s.n_words,
        **{k: v for k, v in s.metrics.items() if k not in {"n_words", "n_sentences"}},
        **{f"naming.{k}": v["dominant"] for k, v in sorted(s.naming.items())},
        **{f"meta.{k}": v for k, v in a.meta.items()},
        "error": s.error,
    }

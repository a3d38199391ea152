"""Corpus runs: many articles scored into two tables, one row per article and one per evidence item.

Example:
    >>> import framing
    >>> from framing.resources import example_corpus_dir
    >>> d = example_corpus_dir()
    >>> articles_df, evidence_df = framing.score_corpus(framing.read_articles(d, outlet_tables=[d / "outlets.yaml"]))
    >>> len(articles_df), set(evidence_df.article_id) <= set(articles_df.id)
    (9, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from framing.article import Article
from framing.evidence import EVIDENCE_COLUMNS
from framing.scoring import ArticleScore, Scorer, default_scorer

__all__ = ["article_row", "score_corpus"]


def score_corpus(
    articles: Iterable[Article], *, scorer: Scorer | None = None, progress: bool = False
) -> tuple[Any, Any]:
    """Score many articles into two DataFrames.

    Args:
        articles: Articles (an iterator is consumed once).
        scorer: A configured :class:`Scorer`.
        progress: Show a progress bar on stderr.

    Returns:
        ``(articles_df, evidence_df)``: one row per article (metadata, metrics, error) and one row per
        evidence item (``article_id`` links them).
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    ev_frames: list[dict[str, Any]] = []
    items: Iterable[Article] = articles
    if progress:
        from rich.progress import track

        items = track(articles, description="scoring", transient=True)
    for s in (scorer or default_scorer()).score_stream(items):
        rows.append(article_row(s))
        ev_frames.extend({"article_id": s.article.id, **e.to_dict()} for e in s.evidence)
    return pd.DataFrame(rows), pd.DataFrame(ev_frames, columns=EVIDENCE_COLUMNS)


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

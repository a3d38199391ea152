"""framing: measure source bias and framing in news articles, with per-sentence evidence.

The public API is small and loaded lazily (no data is read at import time)::

    import framing
    articles = list(framing.read_articles("corpus/"))
    record = framing.score(articles[0])
    articles_df, evidence_df = framing.score_corpus(articles)
    articles_df, evidence_df = framing.score_corpus("archive.jsonl", n_jobs=-1)  # every core reads and scores
    framing.score_into_store("archive.jsonl", "results/", n_jobs=-1)  # resumable; scores only what is new
    articles_df = framing.open_store("results/").articles()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framing._version import __version__

if TYPE_CHECKING:
    from framing.article import Article, OutletInfo
    from framing.corpus import score_corpus
    from framing.evidence import Evidence
    from framing.io import read_articles
    from framing.runs.archive import score_into_store
    from framing.runs.store import open_store
    from framing.scoring import ArticleScore, Scorer, score

__all__ = [
    "Article",
    "ArticleScore",
    "Evidence",
    "OutletInfo",
    "Scorer",
    "__version__",
    "open_store",
    "read_articles",
    "score",
    "score_corpus",
    "score_into_store",
]

_LAZY = {
    "Article": "framing.article",
    "OutletInfo": "framing.article",
    "Evidence": "framing.evidence",
    "read_articles": "framing.io",
    "ArticleScore": "framing.scoring",
    "Scorer": "framing.scoring",
    "score": "framing.scoring",
    "score_corpus": "framing.corpus",
    "score_into_store": "framing.runs.archive",
    "open_store": "framing.runs.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

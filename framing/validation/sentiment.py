"""Agreement of the project's VADER-lexicon sentence sentiment with the reference vaderSentiment.

Not a validity measurement against human labels (VADER's own validation is in Hutto & Gilbert 2014); it
checks that the faster re-implementation gives what users of vaderSentiment would get.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from framing.datasets.allsides import iter_allsides
from framing.measures.sentiment import sentence_compound
from framing.text.sentences import split_sentences
from framing.validation.base import PRF, EvalResult

__all__ = ["evaluate"]


def _cls(x: float) -> int:
    return 1 if x >= 0.05 else -1 if x <= -0.05 else 0


def evaluate(data_root: Path, n_articles: int = 300, per_article: int = 10) -> list[EvalResult]:
    """Compare with vaderSentiment on the first sentences of AllSides media-split dev articles."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    ref = SentimentIntensityAnalyzer()
    sents: list[str] = []
    for art in iter_allsides(Path(data_root) / "allsides", split="valid", limit=n_articles):
        sents += [s.text for s in split_sentences(art.text)][:per_article]
    ours = [sentence_compound(s) for s in sents]
    theirs = [ref.polarity_scores(s)["compound"] for s in sents]
    neg_gold = [_cls(t) < 0 for t in theirs]
    neg_pred = [_cls(o) < 0 for o in ours]
    tp = sum(g and p for g, p in zip(neg_gold, neg_pred, strict=True))
    return [
        EvalResult(
            task="word_choice.sentiment (agreement with reference VADER)",
            dataset=f"AllSides valid: {per_article} first sentences of {n_articles} articles ({len(sents)})",
            scores={
                "negative sentences (compound <= -0.05) vs reference": PRF(
                    tp,
                    sum(p and not g for g, p in zip(neg_gold, neg_pred, strict=True)),
                    sum(g and not p for g, p in zip(neg_gold, neg_pred, strict=True)),
                )
            },
            extra={
                "Pearson r of compound scores": round(statistics.correlation(ours, theirs), 3),
                "3-class agreement (pos/neu/neg at +-0.05)": round(
                    sum(_cls(a) == _cls(b) for a, b in zip(ours, theirs, strict=True)) / len(sents), 3
                ),
            },
            notes=[
                "Differences come from VADER rules left out for speed: idioms, 'no' before a lexicon word, "
                "'never so/this', 'least', emoji."
            ],
        )
    ]

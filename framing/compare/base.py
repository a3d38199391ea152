"""Metric labels and the results every comparer returns: pandas DataFrames with notes and an HTML view."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_METRICS",
    "MISSING_GROUP",
    "Comparer",
    "ComparisonResult",
    "GroupComparison",
    "metric_label",
    "metric_unit",
]


#: Label given to rows whose grouping value is missing (e.g. an unidentified outlet).
MISSING_GROUP = "(missing)"

#: Metrics compared when ``metrics=None``: the normalised metric of each aspect (raw counts are left out
#: because they grow with article length; pass ``metrics="all"`` for every numeric metric column).
DEFAULT_METRICS: tuple[str, ...] = (
    "hedging.hedges_per_100_sentences",
    "hedging.boosters_per_100_sentences",
    "hedging.hedged_sentence_share",
    "attribution.attributed_sentence_share",
    "attribution.anonymous_share",
    "attribution.nonneutral_cue_share",
    "attribution.direct_quote_share",
    "word_choice.loaded_per_1000_words",
    "word_choice.loaded_sentence_share",
    "word_choice.sentiment_mean",
    "readability.flesch_reading_ease",
    "readability.words_per_sentence",
)

_DIMENSIONS = (
    "hedging.",
    "attribution.",
    "word_choice.",
    "readability.",
    "models.",
    "frames.",
    "news_frames.",
    "roles.",
)

# metric -> (short label, unit); the unit is what an axis is measured in.
_LABELS: dict[str, tuple[str, str]] = {
    "hedging.hedges_per_100_sentences": ("Hedges", "hedges per 100 sentences"),
    "hedging.boosters_per_100_sentences": ("Boosters", "boosters per 100 sentences"),
    "hedging.hedge_weight_per_100_sentences": ("Hedge weight", "weighted hedges per 100 sentences"),
    "hedging.hedged_sentence_share": ("Hedged sentences", "share of sentences (0-1)"),
    "attribution.attributed_sentence_share": ("Attributed sentences", "share of sentences (0-1)"),
    "attribution.anonymous_share": ("Anonymous sourcing", "share of attributed sentences (0-1)"),
    "attribution.nonneutral_cue_share": ("Non-neutral reporting verbs", "share of reporting cues (0-1)"),
    "attribution.direct_quote_share": ("Direct quotes", "share of attributed sentences (0-1)"),
    "attribution.distinct_sources": ("Distinct sources", "sources per article"),
    "word_choice.loaded_per_1000_words": ("Loaded language", "loaded terms per 1,000 words"),
    "word_choice.loaded_weight_per_1000_words": ("Loaded weight", "weighted loaded terms per 1,000 words"),
    "word_choice.loaded_sentence_share": ("Sentences with loaded terms", "share of sentences (0-1)"),
    "word_choice.sentiment_mean": ("Sentiment", "mean VADER compound per sentence (-1 to 1)"),
    "word_choice.sentiment_negative_share": ("Negative sentences", "share of sentences (0-1)"),
    "word_choice.sentiment_positive_share": ("Positive sentences", "share of sentences (0-1)"),
    "readability.flesch_reading_ease": ("Reading ease", "Flesch reading ease (higher = easier)"),
    "readability.flesch_kincaid_grade": ("Grade level", "Flesch-Kincaid grade"),
    "readability.words_per_sentence": ("Sentence length", "words per sentence"),
    "models.subjective.mean": ("Subjectivity (model)", "mean P(subjective) per sentence (0-1)"),
    "models.subjective.share": ("Subjective sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "models.biased.mean": ("Bias (model)", "mean P(biased) per sentence (0-1)"),
    "models.biased.share": ("Biased sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "models.hedged.mean": ("Uncertainty (model)", "mean P(uncertain) per sentence (0-1)"),
    "models.hedged.share": ("Uncertain sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "n_words": ("Length", "words per article"),
    "n_sentences": ("Sentences", "sentences per article"),
}


def _frame_labels() -> dict[str, tuple[str, str]]:
    from framing.text.frames import FRAMES, NEWS_FRAMES

    out = {f"frames.{f.id}_share": (f"{f.label} (frame)", "share of sentences (0-1)") for f in FRAMES}
    out.update({f"news_frames.{f.id}": (f"{f.label} (news frame)", "share of indicators (0-1)") for f in NEWS_FRAMES})
    out["frames.primary_share"] = ("Primary frame's share", "share of sentences (0-1)")
    out["frames.framed_sentence_share"] = ("Framed sentences", "share of sentences (0-1)")
    return out


_LABELS.update(_frame_labels())


def metric_label(metric: str) -> str:
    """Short human-readable name of a metric column.

    Example:
        >>> metric_label("hedging.hedges_per_100_sentences"), metric_label("word_choice.loaded.emotive_count")
        ('Hedges', 'Loaded emotive count')
    """
    if metric in _LABELS:
        return _LABELS[metric][0]
    name = metric.split(".", 1)[1] if metric.startswith(_DIMENSIONS) else metric
    name = name.replace(".", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:]


def metric_unit(metric: str) -> str:
    """Unit of a metric column, for axis labels.

    Example:
        >>> metric_unit("word_choice.loaded_per_1000_words"), metric_unit("hedging.hedge_count")
        ('loaded terms per 1,000 words', 'count per article')
    """
    if metric in _LABELS:
        return _LABELS[metric][1]
    if metric.endswith("_count") or metric.endswith("_sentences"):
        return "count per article"
    if metric.endswith("_share"):
        return "share (0-1)"
    m = re.search(r"per_(\d+)_(\w+)$", metric)
    if m:
        return f"per {int(m.group(1)):,} {m.group(2).replace('_', ' ')}"
    return "value"


@runtime_checkable
class Comparer(Protocol):
    """What every comparer offers: a ``name`` and ``compare(data) -> ComparisonResult``.

    ``data`` is the article table from :func:`framing.score_corpus` for :class:`GroupStats`, a frame with a
    text column for :class:`TermContrast` and scored articles for :class:`ActorComparison`. ``compare`` never
    mutates ``data``.
    """

    name: str

    def compare(self, data: Any) -> ComparisonResult:  # pragma: no cover - protocol
        """Compare the groups in ``data``."""
        ...


@dataclass(frozen=True)
class ComparisonResult:
    """Tables produced by a comparer, with notes on what was excluded or is uncertain.

    Attributes:
        name: The comparer's name.
        tables: Named DataFrames; the first is the main one (:attr:`frame`).
        notes: Human-readable notes (excluded articles, small groups, pseudo-counts ...).
        params: The parameters used, for the record.
    """

    name: str
    tables: Mapping[str, pd.DataFrame]
    notes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def frame(self) -> pd.DataFrame:
        """The main table."""
        return next(iter(self.tables.values()))

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def _repr_html_(self, max_rows: int = 60) -> str:
        parts = [f"<div><h4>{escape(self.name)}</h4>"]
        if self.params:
            shown = ", ".join(f"{escape(str(k))}={escape(repr(v))}" for k, v in self.params.items())
            parts.append(f"<p><small>{shown}</small></p>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in self.notes) + "</ul>")
        for key, table in self.tables.items():
            more = len(table) - max_rows
            parts.append(f"<h5>{escape(key)} ({len(table)} rows)</h5>")
            parts.append(_html_table(table.head(max_rows)))
            if more > 0:
                parts.append(f"<p><small>{more} more rows not shown</small></p>")
        parts.append("</div>")
        return "".join(parts)


def _html_table(df: pd.DataFrame) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, float | np.floating):
            return "" if math.isnan(v) else f"{v:.4g}"
        if v is None or (not isinstance(v, dict | list | tuple) and pd.isna(v)):
            return ""
        return escape(str(v))

    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


@dataclass(frozen=True)
class GroupComparison(ComparisonResult):
    """Result of :func:`compare_groups`: ``summary`` (per group and metric) and ``pairwise`` (tests)."""

    by: str = "outlet"

    @property
    def summary(self) -> pd.DataFrame:
        """Per group and metric: ``group, metric, n, n_missing, mean, sd, median, ci_low, ci_high, warning``."""
        return self.tables["summary"]

    @property
    def pairwise(self) -> pd.DataFrame:
        """Per metric and pair of groups: difference, permutation p-value, Holm-adjusted p, Cliff's delta."""
        return self.tables["pairwise"]

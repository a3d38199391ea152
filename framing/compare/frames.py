"""Frames across groups: each group's share of sentences in every policy frame, its generic news-frame scores
and its primary frames, with bootstrap intervals and permutation tests from the shared comparer.

The metrics are the article table's ``frames.<id>_share`` (:mod:`framing.measures.frames`) and
``news_frames.<frame>`` (:mod:`framing.measures.news_frames`) columns; :func:`frame_comparison` runs
:func:`framing.compare.compare_groups` on them (means with percentile-bootstrap 95 % intervals, pairwise
permutation tests with Holm correction, Cliff's delta) and adds a wide ``profile`` table (group x frame) and the
count of articles per group and primary frame.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": list("AABB"), "frames.security_share": [0.5, 0.7, 0.1, 0.2],
    ...                    "frames.economic_share": [0.0, 0.1, 0.6, 0.5], "frames.primary_code": [8, 8, 1, 1]})
    >>> res = frame_comparison(df, n_boot=200)
    >>> res["profile"].round(2).to_dict("index")
    {'A': {'economic': 0.05, 'security': 0.6}, 'B': {'economic': 0.55, 'security': 0.15}}
    >>> res["primary"].to_dict("records")[0]
    {'group': 'A', 'primary_frame': 'security', 'articles': 2, 'share': 1.0}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from framing.compare.base import MISSING_GROUP, ComparisonResult
from framing.compare.groups import compare_groups
from framing.text.frames import FRAMES, FRAMES_BY_CODE, NEWS_FRAMES

__all__ = ["FRAME_METRICS", "NEWS_FRAME_METRICS", "FrameComparison", "frame_comparison", "frame_label"]

#: The share of sentences in each policy frame, in codebook order.
FRAME_METRICS: tuple[str, ...] = tuple(f"frames.{f.id}_share" for f in FRAMES)
#: The generic news-frame scores (share of each frame's indicators answered yes).
NEWS_FRAME_METRICS: tuple[str, ...] = tuple(f"news_frames.{f.id}" for f in NEWS_FRAMES)
_LABELS = {f"frames.{f.id}_share": f.label for f in FRAMES} | {f"news_frames.{f.id}": f.label for f in NEWS_FRAMES}


def frame_label(metric: str) -> str:
    """The frame a frame metric is about ("frames.crime_share" -> "Crime and punishment").

    Example:
        >>> frame_label("frames.crime_share"), frame_label("news_frames.conflict")
        ('Crime and punishment', 'Conflict')
    """
    return _LABELS.get(metric, metric)


def frame_comparison(
    articles: pd.DataFrame,
    by: str = "outlet",
    *,
    news_frames: bool = True,
    n_boot: int = 2000,
    seed: int = 0,
    min_n: int = 5,
) -> ComparisonResult:
    """Compare the frames of groups of articles (see the module docstring).

    Args:
        articles: The article table (:func:`framing.score_corpus`); not modified.
        by: Column to group by.
        news_frames: Also compare the generic news-frame scores.
        n_boot: Bootstrap resamples per group and metric.
        seed: Seed of the bootstrap and the permutations.
        min_n: Groups smaller than this get no interval (and a warning).

    Returns:
        A result with tables ``summary`` (group, metric, n, mean, CI ...), ``pairwise`` (tests), ``profile``
        (groups x frames, mean share of sentences; only frames some group uses) and ``primary`` (articles per
        group and primary frame, with their share of the group).
    """
    metrics = [m for m in FRAME_METRICS + (NEWS_FRAME_METRICS if news_frames else ()) if m in articles.columns]
    if not metrics:
        raise ValueError("the article table has no frame metrics (frames.*_share): score with framing >= this version")
    groups = compare_groups(articles, by=by, metrics=metrics, n_boot=n_boot, seed=seed, min_n=min_n)
    summary = groups.summary
    shares = summary[summary["metric"].isin(FRAME_METRICS)]
    profile = shares.pivot(index="group", columns="metric", values="mean")
    used = [m for m in FRAME_METRICS if m in profile.columns and (profile[m].fillna(0) > 0).any()]
    profile = profile[used].rename(columns=lambda m: m.removeprefix("frames.").removesuffix("_share"))
    profile.columns.name = None
    profile.index.name = None
    primary = _primary(articles, by)
    return ComparisonResult(
        f"Frames by {by}",
        {"summary": summary, "pairwise": groups.pairwise, "profile": profile, "primary": primary},
        tuple(groups.notes),
        {"by": by, "n_boot": n_boot, "seed": seed},
    )


def _primary(articles: pd.DataFrame, by: str) -> pd.DataFrame:
    cols = ["group", "primary_frame", "articles", "share"]
    if "frames.primary_code" not in articles.columns or by not in articles.columns:
        return pd.DataFrame(columns=cols)
    ok = articles["error"].isna() if "error" in articles.columns else pd.Series(True, index=articles.index)
    df = articles.loc[ok & articles["frames.primary_code"].notna(), [by, "frames.primary_code"]]
    group = df[by].astype(object).where(df[by].notna(), MISSING_GROUP).map(str)
    frame = df["frames.primary_code"].map(lambda c: FRAMES_BY_CODE[int(c)].id)
    counts = pd.DataFrame({"group": group, "primary_frame": frame}).value_counts().rename("articles").reset_index()
    totals = counts.groupby("group")["articles"].transform("sum")
    counts["share"] = counts["articles"] / totals
    return counts.sort_values(["group", "articles", "primary_frame"], ascending=[True, False, True], kind="stable")[
        cols
    ].reset_index(drop=True)


@dataclass(frozen=True)
class FrameComparison:
    """Comparer form of :func:`frame_comparison`; ``compare`` takes the article table."""

    by: str = "outlet"
    n_boot: int = 2000
    seed: int = 0
    name: str = "frame_comparison"

    def compare(self, data: Any) -> ComparisonResult:
        """Compare the frames of the groups of an article table."""
        return frame_comparison(data, self.by, n_boot=self.n_boot, seed=self.seed)

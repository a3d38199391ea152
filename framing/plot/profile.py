"""Outlet profiles: each group's mean and 95% interval per metric, as small multiples."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.compare import (
    MISSING_GROUP,
    GroupComparison,
    metric_label,
    metric_unit,
)
from framing.plot._base import _GREY, _Display, _figure, _group_word, _sorted, _summary_of, group_colors

__all__ = ["OutletProfileDisplay"]


class OutletProfileDisplay(_Display):
    """Dots with confidence-interval whiskers: one panel per metric, one row per group.

    Groups too small for a CI (see :func:`framing.compare.summarise_groups`) are drawn as open circles
    without whiskers. Build with :meth:`from_frame`.

    Args:
        summary: A ``summary`` table (``group, metric, n, mean, ci_low, ci_high``).
        by: What the groups are (for labels).
        points: Optional single-article values (``group, metric, value``), drawn as small grey dots when no
            group has more than ``points_max_n`` articles (beyond that they would hide the intervals).
        min_n: The minimum group size used for the CIs (for the legend note).
        level: Confidence level of the CIs (for the title).
    """

    def __init__(
        self,
        summary: pd.DataFrame,
        points: pd.DataFrame | None = None,
        *,
        by: str = "outlet",
        min_n: int = 5,
        level: float = 0.95,
        points_max_n: int = 30,
    ) -> None:
        self.summary = summary.copy()
        self.points = None if points is None else points.copy()
        self.points_max_n = points_max_n
        self.by = by
        self.min_n = min_n
        self.level = level

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame | GroupComparison,
        *,
        by: str = "outlet",
        metrics: Sequence[str] | str | None = None,
        n_boot: int = 2000,
        seed: int = 0,
        min_n: int = 5,
        articles: pd.DataFrame | None = None,
        ax: Axes | Sequence[Axes] | None = None,
        ncols: int = 3,
    ) -> OutletProfileDisplay:
        """Build and plot from an article table, a ``summary`` table or a :class:`GroupComparison`.

        Args:
            frame: Article table (``score_corpus``), ``summary`` table or ``compare_groups`` result.
            by: Grouping column (article tables only).
            metrics: Metrics to show (default: :data:`framing.compare.DEFAULT_METRICS` present).
            n_boot: Bootstrap resamples (article tables only).
            seed: Bootstrap seed (article tables only).
            min_n: Smallest group that gets a CI (article tables only).
            articles: The article table behind a summary/GroupComparison, to show single articles too (an
                article table passed as ``frame`` is used for this automatically).
            ax: Axes to draw into: one per metric.
            ncols: Panels per row when the figure is created here.

        Example:
            >>> import pandas as pd
            >>> df = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 3, "hedging.hedges_per_100_sentences": range(9)})
            >>> d = OutletProfileDisplay.from_frame(df, metrics=["hedging.hedges_per_100_sentences"], n_boot=200)
            >>> d.ax_[0].get_xlabel()
            'hedges per 100 sentences'
        """
        summary, by = _summary_of(frame, by, metrics, n_boot, seed, min_n)
        if articles is None and isinstance(frame, pd.DataFrame) and "metric" not in frame.columns:
            articles = frame
        points = None
        if articles is not None and by in articles.columns:
            ok = articles if "error" not in articles.columns else articles[articles["error"].isna()]
            cols = [m for m in dict.fromkeys(summary["metric"]) if m in ok.columns]
            group = ok[by].astype(object).where(ok[by].notna(), MISSING_GROUP).map(str)
            points = (
                ok[cols].assign(group=group.to_numpy()).melt(id_vars="group", var_name="metric", value_name="value")
            ).dropna(subset=["value"])
        return cls(summary, points, by=by, min_n=min_n).plot(ax=ax, ncols=ncols)

    def plot(self, ax: Axes | Sequence[Axes] | None = None, *, ncols: int = 3) -> OutletProfileDisplay:
        """Draw the profile; returns ``self`` with ``figure_`` and ``ax_`` (array of axes, one per metric)."""
        s = self.summary
        metrics = list(dict.fromkeys(s["metric"]))
        if not metrics:
            raise ValueError("nothing to plot: the summary table is empty")
        groups = _sorted(s["group"].astype(str))
        colors = group_colors(groups)
        n_of = s.groupby("group")["n"].max().to_dict()
        ncols = max(1, min(ncols, len(metrics)))
        nrows = math.ceil(len(metrics) / ncols)
        own = ax is None
        if own:
            fig = _figure(3.6 * ncols + 1.4, (0.34 * len(groups) + 1.25) * nrows + 0.9)
            axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel())
        else:
            axes = np.atleast_1d(np.asarray(ax, dtype=object).ravel())
            if len(axes) < len(metrics):
                raise ValueError(f"{len(metrics)} metrics need {len(metrics)} axes, got {len(axes)}")
            fig = axes[0].figure
        ypos = {g: len(groups) - 1 - i for i, g in enumerate(groups)}
        hollow = False
        show_points = self.points is not None and max(n_of.values(), default=0) <= self.points_max_n
        for k, metric in enumerate(metrics):
            a = axes[k]
            part = s[s["metric"] == metric]
            if show_points:
                pts = self.points[self.points["metric"] == metric]
                ys = pts["group"].map(ypos).to_numpy(dtype=float) - 0.22
                a.scatter(pts["value"], ys, s=12, color="#8C8C8C", alpha=0.7, lw=0, zorder=2)
            for row in part.itertuples(index=False):
                g = str(row.group)
                y, c = ypos[g], colors[g]
                if math.isfinite(row.ci_low) and math.isfinite(row.ci_high):
                    err = [[row.mean - row.ci_low], [row.ci_high - row.mean]]
                    a.errorbar(row.mean, y, xerr=err, fmt="o", color=c, ms=6, capsize=3, lw=1.6, zorder=3)
                elif math.isfinite(row.mean):
                    hollow = True
                    a.plot(row.mean, y, "o", mfc="white", mec=c, mew=1.6, ms=6, zorder=3)
            a.set_yticks(range(len(groups)))
            a.set_yticklabels([f"{g} (n={int(n_of.get(g, 0))})" for g in reversed(groups)])
            a.set_ylim(-0.6, len(groups) - 0.4)
            a.set_title(metric_label(metric), fontsize=10)
            a.set_xlabel(metric_unit(metric), fontsize=9)
            a.grid(axis="x", color="#E5E5E5", lw=0.8)
            a.set_axisbelow(True)
            a.margins(x=0.15)
            if k % ncols == 0:
                a.set_ylabel(_group_word(self.by))
        for a in axes[len(metrics) :]:
            a.set_visible(False)
        title = f"Mean per {_group_word(self.by)} with bootstrap {self.level:.0%} confidence interval"
        notes = []
        if hollow:
            notes.append(f"Open circle: fewer than {self.min_n} articles, mean only (no interval).")
        if show_points:
            notes.append("Small grey dots: single articles.")
        note = " ".join(notes)
        if own:
            fig.suptitle(title, fontsize=12)
            if note:
                fig.supxlabel(note, fontsize=8, color=_GREY)
        elif note:
            axes[0].set_title(f"{metric_label(metrics[0])}\n{note}", fontsize=9)
        self.figure_, self.ax_ = fig, axes[: len(metrics)]
        return self

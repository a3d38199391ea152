"""A metric over time, per group, with bootstrap intervals per date bucket."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from framing.compare import (
    MISSING_GROUP,
    bootstrap_ci,
    date_bucket,
    metric_label,
    metric_unit,
)
from framing.plot._base import _Display, _figure, _group_word, _sorted, group_colors

__all__ = ["MetricTimelineDisplay"]


_PERIOD = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}

_TICK = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "quarter": "%Y Q%q", "year": "%Y"}


class MetricTimelineDisplay(_Display):
    """One metric over date buckets, one line per group, with bootstrap CIs where a bucket is large enough.

    Empty buckets leave gaps in the lines; points of buckets with fewer than ``min_n`` articles are open
    circles without whiskers. Build with :meth:`from_frame`.

    Args:
        table: Per group and bucket: ``group, bucket, n, mean, ci_low, ci_high``.
        metric: The metric shown.
        freq: Bucket size (``day``, ``week``, ``month``, ``quarter``, ``year``).
        by: What the groups are.
        min_n: Smallest bucket with a CI.
    """

    def __init__(self, table: pd.DataFrame, metric: str, *, freq: str = "month", by: str = "outlet",
                 min_n: int = 5) -> None:  # fmt: skip
        self.table = table.copy()
        self.metric, self.freq, self.by, self.min_n = metric, freq, by, min_n

    @classmethod
    def from_frame(
        cls,
        articles_df: pd.DataFrame,
        metric: str = "hedging.hedges_per_100_sentences",
        *,
        by: str = "outlet",
        date: str = "date",
        freq: str = "month",
        n_boot: int = 2000,
        seed: int = 0,
        min_n: int = 5,
        ax: Axes | None = None,
    ) -> MetricTimelineDisplay:
        """Build and plot from an article table (failed articles and undated ones are left out).

        Example:
            >>> import pandas as pd
            >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "date": ["2025-01-02", "2025-03-01", "2025-01-09"],
            ...                    "hedging.hedges_per_100_sentences": [1.0, 2.0, 3.0]})
            >>> MetricTimelineDisplay.from_frame(df).table[["group", "bucket", "n"]].values.tolist()
            [['A', '2025-01', 1], ['A', '2025-03', 1], ['B', '2025-01', 1]]
        """
        if metric not in articles_df.columns:
            raise KeyError(f"no metric column {metric!r}")
        df = articles_df
        if "error" in df.columns:
            df = df[df["error"].isna()]
        bucket = date_bucket(df[date], freq).to_numpy()
        groups = df[by].astype(object).where(df[by].notna(), MISSING_GROUP).map(str).to_numpy()
        values = df[metric].to_numpy(dtype=float, na_value=np.nan)
        rows = []
        for g in _sorted(groups):
            for b in sorted({x for x in bucket[groups == g] if isinstance(x, str)}):
                x = values[(groups == g) & (bucket == b)]
                x = x[~np.isnan(x)]
                if not len(x):
                    continue
                lo, hi = (math.nan, math.nan)
                if len(x) >= min_n:
                    lo, hi = bootstrap_ci(x, n_boot=n_boot, seed=seed, key=(g, b, metric))
                rows.append({"group": g, "bucket": b, "n": len(x), "mean": float(x.mean()), "ci_low": lo,
                             "ci_high": hi})  # fmt: skip
        table = pd.DataFrame(rows, columns=["group", "bucket", "n", "mean", "ci_low", "ci_high"])
        return cls(table, metric, freq=freq, by=by, min_n=min_n).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> MetricTimelineDisplay:
        """Draw the timeline; returns ``self`` with ``figure_`` and ``ax_``."""
        t = self.table
        if t.empty:
            raise ValueError("nothing to plot: no dated articles with a value")
        code = _PERIOD[self.freq]
        periods = {b: pd.Period(b, freq=code) for b in t["bucket"].unique()}
        span = pd.period_range(min(periods.values()), max(periods.values()), freq=code)
        pos = {p: i for i, p in enumerate(span)}
        groups = _sorted(t["group"].astype(str))
        colors = group_colors(groups)
        if ax is None:
            fig = _figure(max(7.0, min(14.0, 0.45 * len(span) + 5.0)), 4.6)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        dense = len(span) > 24  # many buckets: intervals as shaded bands instead of whiskers
        dodge = 0.08 if len(groups) > 1 and not dense else 0.0
        hollow = False
        for k, g in enumerate(groups):
            part = t[t["group"] == g]
            x = np.full(len(span), np.nan)
            y, lo, hi = np.full(len(span), np.nan), np.full(len(span), np.nan), np.full(len(span), np.nan)
            shift = (k - (len(groups) - 1) / 2) * dodge
            for row in part.itertuples(index=False):
                i = pos[periods[row.bucket]]
                x[i], y[i], lo[i], hi[i] = i + shift, row.mean, row.ci_low, row.ci_high
                ms = 3 if dense else 5
                if math.isfinite(row.ci_low):
                    if not dense:
                        ax.errorbar(i + shift, row.mean, yerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]],
                                    fmt="none", ecolor=colors[g], capsize=3, lw=1.2, zorder=3)  # fmt: skip
                    ax.plot(i + shift, row.mean, "o", color=colors[g], ms=ms, zorder=3)
                else:
                    hollow = True
                    ax.plot(i + shift, row.mean, "o", mfc="white", mec=colors[g], mew=1.3, ms=ms, zorder=3)
            if dense:
                ax.fill_between(np.arange(len(span)) + shift, lo, hi, color=colors[g], alpha=0.15, lw=0, zorder=1)
            seen = np.flatnonzero(~np.isnan(y))
            for i, j in itertools.pairwise(seen):  # solid between neighbouring buckets, dotted across empty ones
                ax.plot([x[i], x[j]], [y[i], y[j]], "-" if j == i + 1 else ":", color=colors[g],
                        lw=1.2 if dense else 1.5, zorder=2)  # fmt: skip
        step = max(1, math.ceil(len(span) / 12))
        ticks = list(range(0, len(span), step))
        ax.set_xticks(ticks)
        ax.set_xticklabels([span[i].strftime(_TICK[self.freq]) for i in ticks], rotation=30, ha="right",
                           rotation_mode="anchor")  # fmt: skip
        ax.set_xlim(-0.5, len(span) - 0.5)
        ax.set_xlabel(f"publication {self.freq}")
        ax.set_ylabel(metric_unit(self.metric))
        ax.grid(axis="y", color="#E5E5E5", lw=0.8)
        ax.set_axisbelow(True)
        title = f"{metric_label(self.metric)} over time by {_group_word(self.by)}"
        notes = []
        if hollow:
            notes.append(f"open circles: fewer than {self.min_n} articles in the {self.freq}, no interval")
        if any(j > i + 1 for g in groups for i, j in itertools.pairwise(
                sorted(pos[periods[b]] for b in t.loc[t["group"] == g, "bucket"]))):  # fmt: skip
            notes.append(f"dotted line: {self.freq}s without articles in between")
        if dense and t["ci_low"].notna().any():
            notes.append(f"shaded: bootstrap 95% interval of the {self.freq}'s mean")
        ax.set_title("\n".join([title, *notes]), fontsize=10)
        ax.title.set_wrap(True)
        handles = [Line2D([], [], color=colors[g], marker="o", lw=1.6, label=g) for g in groups]
        ax.legend(handles=handles, title=_group_word(self.by), fontsize=8, title_fontsize=8, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), frameon=False)  # fmt: skip
        self.figure_, self.ax_ = fig, ax
        return self

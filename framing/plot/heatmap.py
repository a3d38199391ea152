"""A groups x metrics heatmap of means, coloured by how far each is from the overall mean."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.compare import (
    GroupComparison,
    metric_label,
    metric_unit,
)
from framing.plot._base import _LIGHT, _Display, _figure, _fmt, _group_word, _sorted, _summary_of

__all__ = ["MetricHeatmapDisplay"]


class MetricHeatmapDisplay(_Display):
    """Group x metric heatmap of the means, coloured by z-score within each metric column, values annotated.

    The colour says how far a group's mean is from the other groups' on that metric (in standard deviations
    across groups), so metrics on different scales can share one picture; the number in the cell is the mean
    itself. Build with :meth:`from_frame`.

    Args:
        means: Table of means, groups as rows and metrics as columns.
        n: Articles per group (for the tick labels).
        by: What the groups are.
    """

    def __init__(self, means: pd.DataFrame, n: dict[str, int] | None = None, *, by: str = "outlet") -> None:
        self.means = means.copy()
        self.n = dict(n or {})
        self.by = by

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame | GroupComparison,
        *,
        by: str = "outlet",
        metrics: Sequence[str] | str | None = None,
        ax: Axes | None = None,
    ) -> MetricHeatmapDisplay:
        """Build and plot from an article table, a ``summary`` table or a :class:`GroupComparison`.

        Example:
            >>> import pandas as pd
            >>> df = pd.DataFrame({"outlet": list("AABB"), "hedging.hedges_per_100_sentences": [1, 2, 5, 6]})
            >>> MetricHeatmapDisplay.from_frame(df).means.round(1).values.tolist()
            [[1.5], [5.5]]
        """
        summary, by = _summary_of(frame, by, metrics, n_boot=0, seed=0, min_n=10**9)
        means = summary.pivot(index="group", columns="metric", values="mean")
        means = means.loc[_sorted(means.index.astype(str)), list(dict.fromkeys(summary["metric"]))]
        n = summary.groupby("group")["n"].max().astype(int).to_dict()
        return cls(means, n, by=by).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> MetricHeatmapDisplay:
        """Draw the heatmap (metrics as rows, groups as columns); returns ``self`` with ``figure_`` and ``ax_``."""
        m = self.means.to_numpy(dtype=float).T  # metrics x groups
        n_metrics, n_groups = m.shape
        if m.size == 0:
            raise ValueError("nothing to plot: no groups or no metrics")
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = np.nanmean(m, axis=1, keepdims=True)
            sd = np.nanstd(m, axis=1, keepdims=True)
            z = np.where(sd > 0, (m - mu) / np.where(sd > 0, sd, 1), 0.0)
        z = np.where(np.isnan(m), np.nan, z)
        self.z_ = pd.DataFrame(z.T, index=self.means.index, columns=self.means.columns)
        vmax = max(2.0, float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 2.0)
        groups = [str(g) for g in self.means.index]
        longest = max(len(g) for g in groups)
        if ax is None:
            width = 4.6 + max(1.25, 0.075 * longest) * n_groups
            fig = _figure(min(max(7.5, width), 18.0), 0.42 * n_metrics + 2.3)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        img = ax.imshow(np.ma.masked_invalid(z), cmap=_cmap(), vmin=-vmax, vmax=vmax, aspect="auto")
        for i in range(n_metrics):
            for j in range(n_groups):
                v, zz = m[i, j], z[i, j]
                dark = math.isfinite(zz) and abs(zz) > 0.6 * vmax
                ax.text(j, i, _fmt(v), ha="center", va="center", fontsize=9, color="white" if dark else "black")
        ax.set_yticks(range(n_metrics))
        ax.set_yticklabels([f"{metric_label(c)}: {metric_unit(c)}" for c in self.means.columns], fontsize=8.5)
        ax.set_xticks(range(n_groups))
        names = [f"{g}\n(n={self.n[g]})" if g in self.n else g for g in groups]
        tilt = n_groups > 4 and longest > 12
        ax.set_xticklabels(names, fontsize=9, rotation=30 if tilt else 0, ha="left" if tilt else "center",
                           rotation_mode="anchor")  # fmt: skip
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.tick_params(length=0)
        ax.set_xlabel(_group_word(self.by))
        ax.set_ylabel("metric (unit)")
        ax.set_title(f"Mean per {_group_word(self.by)}\ncolour: z-score within each metric", fontsize=11)
        cbar = fig.colorbar(img, ax=ax, shrink=0.8, aspect=25)
        cbar.set_label("z-score within the metric\n(blue: below, red: above the other groups)", fontsize=8.5)
        self.figure_, self.ax_, self.colorbar_ = fig, ax, cbar
        return self


def _cmap() -> Any:
    from matplotlib import colormaps

    return colormaps["RdBu_r"].with_extremes(bad=_LIGHT)  # ColorBrewer RdBu: diverging and colour-blind safe

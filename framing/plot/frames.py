"""Frame plots: a frames x groups heatmap of the mean share of sentences, and each group's frame profile with
bootstrap intervals.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": list("AAABBB"), "frames.security_share": [0.5, 0.7, 0.6, 0.1, 0.2, 0.0],
    ...                    "frames.economic_share": [0.0, 0.1, 0.0, 0.6, 0.5, 0.4]})
    >>> FrameHeatmapDisplay.from_frame(df).shares.round(2).values.tolist()
    [[0.03, 0.6], [0.5, 0.1]]
    >>> FrameProfileDisplay.from_frame(df, n_boot=100).ax_[0].get_title()
    'A (n=3)'
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.compare import ComparisonResult
from framing.compare.frames import FRAME_METRICS, frame_comparison
from framing.plot._base import _GREY, _LIGHT, _Display, _figure, _group_word, _sorted, group_colors
from framing.text.frames import FRAMES_BY_ID

__all__ = ["FrameHeatmapDisplay", "FrameProfileDisplay"]


def _comparison(frame: pd.DataFrame | ComparisonResult, by: str, n_boot: int, seed: int) -> ComparisonResult:
    if isinstance(frame, ComparisonResult) and "profile" in frame.tables:
        return frame
    if isinstance(frame, pd.DataFrame):
        return frame_comparison(frame, by, news_frames=False, n_boot=n_boot, seed=seed)
    raise TypeError(f"expected an article table or a frame_comparison result, not {type(frame).__name__}")


class FrameHeatmapDisplay(_Display):
    """Frames (rows, codebook order) x groups (columns): the mean share of each group's sentences in each frame,
    as colour (one sequential, colour-blind-safe scale for all cells: they share a unit) and as a number.

    Args:
        shares: Groups as rows, frame ids as columns (the ``profile`` table of
            :func:`framing.compare.frame_comparison`).
        n: Articles per group (for the labels).
        by: What the groups are.
    """

    def __init__(self, shares: pd.DataFrame, n: dict[str, int] | None = None, *, by: str = "outlet") -> None:
        self.shares = shares.copy()
        self.n = dict(n or {})
        self.by = by

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame | ComparisonResult, *, by: str = "outlet", ax: Axes | None = None
    ) -> FrameHeatmapDisplay:
        """Build and plot from an article table or a :func:`framing.compare.frame_comparison` result."""
        res = _comparison(frame, by, n_boot=0, seed=0)
        by = str(res.params.get("by", by))
        summary = res["summary"]
        n = summary[summary["metric"].isin(FRAME_METRICS)].groupby("group")["n"].max().astype(int).to_dict()
        shares = res["profile"]
        shares = shares.loc[_sorted(shares.index.astype(str))]
        return cls(shares, n, by=by).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> FrameHeatmapDisplay:
        """Draw the heatmap; returns ``self`` with ``figure_``, ``ax_`` and ``colorbar_``."""
        m = self.shares.to_numpy(dtype=float).T  # frames x groups
        if m.size == 0:
            raise ValueError("nothing to plot: no groups or no frames")
        n_frames, n_groups = m.shape
        groups = [str(g) for g in self.shares.index]
        labels = [FRAMES_BY_ID[f].label if f in FRAMES_BY_ID else str(f) for f in self.shares.columns]
        if ax is None:
            longest = max(len(g) for g in groups)
            fig = _figure(min(max(7.0, 4.8 + max(1.2, 0.075 * longest) * n_groups), 18.0), 0.4 * n_frames + 2.2)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        from matplotlib import colormaps

        cmap = colormaps["cividis"].with_extremes(bad=_LIGHT)  # sequential and colour-blind safe
        vmax = max(float(np.nanmax(m)) if np.isfinite(m).any() else 1.0, 0.05)
        img = ax.imshow(np.ma.masked_invalid(m), cmap=cmap, vmin=0.0, vmax=vmax, aspect="auto")
        for i in range(n_frames):
            for j in range(n_groups):
                v = m[i, j]
                text = "–" if not math.isfinite(v) else f"{v:.2f}"
                dark = math.isfinite(v) and v < 0.55 * vmax
                ax.text(j, i, text, ha="center", va="center", fontsize=9, color="white" if dark else "black")
        ax.set_yticks(range(n_frames))
        ax.set_yticklabels(labels, fontsize=9)
        ax.set_xticks(range(n_groups))
        tilt = n_groups > 4 and max(len(g) for g in groups) > 12
        names = [f"{g}\n(n={self.n[g]})" if g in self.n else g for g in groups]
        ax.set_xticklabels(names, fontsize=9, rotation=30 if tilt else 0, ha="left" if tilt else "center",
                           rotation_mode="anchor")  # fmt: skip
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.tick_params(length=0)
        ax.set_xlabel(_group_word(self.by))
        ax.set_ylabel("policy frame (Boydstun et al. 2014)")
        ax.set_title(f"Share of sentences in each frame, mean per {_group_word(self.by)}", fontsize=11)
        cbar = fig.colorbar(img, ax=ax, shrink=0.8, aspect=25)
        cbar.set_label("mean share of an article's sentences (0-1)", fontsize=8.5)
        self.figure_, self.ax_, self.colorbar_ = fig, ax, cbar
        return self


class FrameProfileDisplay(_Display):
    """One panel per group: the mean share of sentences in each frame (bars) with its bootstrap 95 % interval
    (whiskers; none where the group is too small), frames in codebook order, so panels compare row by row.

    Args:
        summary: The ``summary`` table of :func:`framing.compare.frame_comparison` (frame-share metrics).
        by: What the groups are.
        min_n: The smallest group with intervals (for the note).
    """

    def __init__(self, summary: pd.DataFrame, *, by: str = "outlet", min_n: int = 5) -> None:
        self.summary = summary[summary["metric"].isin(FRAME_METRICS)].copy()
        self.by = by
        self.min_n = min_n

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame | ComparisonResult, *, by: str = "outlet", n_boot: int = 2000, seed: int = 0,
        ax: Axes | Any | None = None, ncols: int = 3,
    ) -> FrameProfileDisplay:  # fmt: skip
        """Build and plot from an article table or a :func:`framing.compare.frame_comparison` result."""
        res = _comparison(frame, by, n_boot, seed)
        return cls(res["summary"], by=str(res.params.get("by", by))).plot(ax=ax, ncols=ncols)

    def plot(self, ax: Axes | Any | None = None, *, ncols: int = 3) -> FrameProfileDisplay:
        """Draw the panels; returns ``self`` with ``figure_`` and ``ax_`` (one axes per group)."""
        s = self.summary
        if s.empty:
            raise ValueError("nothing to plot: no frame shares in the summary")
        shown = [m for m in FRAME_METRICS if (s.loc[s["metric"] == m, "mean"].fillna(0) > 0).any()] or list(
            FRAME_METRICS[:1]
        )
        groups = _sorted(s["group"].astype(str))
        colors = group_colors(groups)
        ncols = max(1, min(ncols, len(groups)))
        nrows = math.ceil(len(groups) / ncols)
        if ax is None:
            fig = _figure(3.3 * ncols + 2.2, (0.28 * len(shown) + 1.2) * nrows + 0.8)
            axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel())
        else:
            axes = np.atleast_1d(np.asarray(ax, dtype=object).ravel())
            if len(axes) < len(groups):
                raise ValueError(f"{len(groups)} groups need {len(groups)} axes, got {len(axes)}")
            fig = axes[0].figure
        labels = [FRAMES_BY_ID[m.removeprefix("frames.").removesuffix("_share")].label for m in shown]
        y = np.arange(len(shown))[::-1]
        no_ci = False
        for k, g in enumerate(groups):
            a = axes[k]
            part = s[s["group"].astype(str) == g].set_index("metric")
            mean = np.array([float(part["mean"].get(m, np.nan)) for m in shown])
            lo = np.array([float(part["ci_low"].get(m, np.nan)) for m in shown])
            hi = np.array([float(part["ci_high"].get(m, np.nan)) for m in shown])
            a.barh(y, np.nan_to_num(mean), color=colors[g], alpha=0.85, height=0.7)
            ok = np.isfinite(lo) & np.isfinite(hi)
            no_ci |= not ok.all()
            if ok.any():
                a.errorbar(mean[ok], y[ok], xerr=[mean[ok] - lo[ok], hi[ok] - mean[ok]], fmt="none", ecolor="black",
                           capsize=2.5, lw=1.1)  # fmt: skip
            n = int(part["n"].max()) if len(part) else 0
            a.set_title(f"{g} (n={n})", fontsize=10)
            a.set_yticks(y)
            a.set_yticklabels(labels, fontsize=8.5)
            a.set_xlim(0, 1)
            a.set_xlabel("share of sentences (0-1)", fontsize=8.5)
            a.grid(axis="x", color="#E5E5E5", lw=0.8)
            a.set_axisbelow(True)
        for a in axes[len(groups) :]:
            a.set_visible(False)
        if ax is None:
            fig.suptitle(f"Frame profile per {_group_word(self.by)}: mean share of sentences, bootstrap 95% interval",
                         fontsize=11)  # fmt: skip
            if no_ci:
                fig.supxlabel(f"No whiskers: fewer than {self.min_n} articles in the group (mean only).", fontsize=8,
                              color=_GREY)  # fmt: skip
        self.figure_, self.ax_ = fig, axes[: len(groups)]
        return self

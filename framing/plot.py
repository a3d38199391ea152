"""Plots of framing comparisons, as scikit-learn style Display objects (the only module that imports matplotlib).

Each display is built with ``XDisplay.from_frame(frame, ...)`` (which computes what it needs with
:mod:`framing.compare` when given the raw article table, and plots) and can be re-drawn with
``display.plot(ax=None)``, which returns the display. The figure and axes are kept as ``display.figure_`` and
``display.ax_`` (an array of axes for small multiples).

Figures are created with :class:`matplotlib.figure.Figure` and an Agg canvas, not with pyplot: nothing here
selects a backend, opens a window or touches pyplot's figure registry, so the plots work headless and in a
program that already chose its own backend. In Jupyter a display (or its ``figure_``) shows as a PNG when it is
the last expression of a cell; save with ``display.figure_.savefig("x.png")`` or ``display.savefig("x.png")``.
Pass ``ax=`` to draw into your own (pyplot or other) axes instead.

Defaults aim to be readable without tuning: titles, axis labels with units, the Okabe-Ito colour-blind-safe
palette (colours follow the sorted group names, so one outlet keeps its colour across plots), constrained
layout so that no label is clipped, and deterministic output.

Example:
    >>> import framing
    >>> from framing.plot import MetricHeatmapDisplay
    >>> from framing.resources import example_corpus_dir
    >>> d = example_corpus_dir()
    >>> articles_df, _ = framing.score_corpus(framing.read_articles(d, outlet_tables=[d / "outlets.yaml"]))
    >>> disp = MetricHeatmapDisplay.from_frame(articles_df, by="outlet")
    >>> disp.ax_.get_title().startswith("Mean per outlet")
    True
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter

from framing.compare import (
    MISSING_GROUP,
    ComparisonResult,
    GroupComparison,
    bootstrap_ci,
    date_bucket,
    metric_label,
    metric_unit,
    summarise_groups,
)

__all__ = [
    "OKABE_ITO",
    "HedgedClaimsDisplay",
    "MetricHeatmapDisplay",
    "MetricTimelineDisplay",
    "OutletProfileDisplay",
    "TermContrastDisplay",
    "VoiceShareDisplay",
    "group_colors",
]

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so that the first colours contrast most on white.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
_GREY = "#7F7F7F"
_LIGHT = "#D9D9D9"
_MID = "#A6A6A6"


def group_colors(groups: Iterable[Any]) -> dict[str, str]:
    """Colour per group, assigned in sorted order (so a group keeps its colour across plots).

    More than eight groups reuse the palette; the group names stay in legends and tick labels.

    Example:
        >>> group_colors(["b", "a"])
        {'a': '#0072B2', 'b': '#D55E00'}
    """
    names = sorted({str(g) for g in groups}, key=lambda g: (g == MISSING_GROUP, g.casefold(), g))
    return {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(names)}


def _group_word(by: str) -> str:
    """A readable name for the grouping column ("meta.lean" -> "lean", "outlet_country" -> "outlet country")."""
    return by.removeprefix("meta.").replace("_", " ")


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _fmt(v: float) -> str:
    if v is None or not math.isfinite(v):
        return "–"
    a = abs(v)
    return f"{v:.0f}" if a >= 100 else f"{v:.1f}" if a >= 10 else f"{v:.2f}"


def _sorted(groups: Iterable[str]) -> list[str]:
    return sorted(set(groups), key=lambda g: (g == MISSING_GROUP, g.casefold(), g))


class _Display:
    """Shared behaviour: saving and PNG display in Jupyter."""

    figure_: Figure
    ax_: Any

    def savefig(self, path: str | Path, **kwargs: Any) -> Path:
        """Save the figure (``dpi=150`` unless given) and return the path."""
        self._check()
        self.figure_.savefig(path, **{"dpi": 150, **kwargs})
        return Path(path)

    def _check(self) -> None:
        if not hasattr(self, "figure_"):
            raise RuntimeError(f"{type(self).__name__} has not been plotted yet: call .plot() first")

    def _repr_png_(self) -> bytes:
        self._check()
        buf = io.BytesIO()
        self.figure_.savefig(buf, format="png", dpi=100)
        return buf.getvalue()


def _summary_of(
    frame: pd.DataFrame | GroupComparison,
    by: str,
    metrics: Sequence[str] | str | None,
    n_boot: int,
    seed: int,
    min_n: int,
) -> tuple[pd.DataFrame, str]:
    """A ``summary`` table from a GroupComparison, a summary table or an article table."""
    if isinstance(frame, GroupComparison):
        summary, by = frame.summary, frame.by
    elif isinstance(frame, pd.DataFrame) and {"group", "metric", "mean", "ci_low", "ci_high"} <= set(frame.columns):
        summary, by = frame, frame.attrs.get("by", by)
    elif isinstance(frame, pd.DataFrame):
        summary = summarise_groups(frame, by, metrics, n_boot=n_boot, seed=seed, min_n=min_n)
    else:
        raise TypeError(f"expected an article table, a summary table or a GroupComparison, not {type(frame).__name__}")
    if metrics is not None and not isinstance(metrics, str):
        summary = summary[summary["metric"].isin(list(metrics))]
    return summary, by


# ------------------------------------------------------------------------------------------- profile


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


# ------------------------------------------------------------------------------------------- heatmap


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


# ------------------------------------------------------------------------------------- term contrast


class TermContrastDisplay(_Display):
    """Term contrast: z-score of each term against its frequency, the most distinctive terms labelled.

    Points above zero are typical of group A, below zero of group B; dashed lines mark |z| = 1.96. Labels are
    placed by a deterministic greedy repulsion (candidate offsets around each point, first one that overlaps
    neither a placed label nor a labelled point and stays inside the axes), with a leader line when moved away.
    ``overlaps_`` counts labels that could not be placed without overlap (0 in normal use).

    Args:
        terms: Rows of :func:`framing.compare.term_contrast` (``term, count_a, count_b, freq_a, freq_b, z``).
        label_a: Name of group A.
        label_b: Name of group B.
        n_tokens: ``(tokens in A, tokens in B)``; estimated from the frequencies when not given.
        n_labels: Terms labelled on each side.
    """

    def __init__(
        self,
        terms: pd.DataFrame,
        *,
        label_a: str = "A",
        label_b: str = "B",
        n_tokens: tuple[int, int] | None = None,
        n_labels: int = 10,
    ) -> None:
        self.terms = terms.copy()
        self.label_a, self.label_b = label_a, label_b
        self.n_tokens = n_tokens or (_tokens(terms, "a"), _tokens(terms, "b"))
        self.n_labels = n_labels

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame | ComparisonResult,
        *,
        group: str | None = None,
        label_a: str | None = None,
        label_b: str | None = None,
        n_labels: int = 10,
        ax: Axes | None = None,
    ) -> TermContrastDisplay:
        """Build and plot from :func:`term_contrast`, :func:`term_contrast_one_vs_rest` or a TermContrast result.

        Args:
            frame: The contrast table (or a :class:`ComparisonResult` holding it).
            group: For a one-vs-rest table, the group to show (required when it holds several).
            label_a: Name of group A (default: the group, or "A").
            label_b: Name of group B (default: "all other <by>s", or "B").
            n_labels: Terms labelled on each side.
            ax: Axes to draw into.
        """
        if isinstance(frame, ComparisonResult):
            frame = frame.frame
        attrs = dict(frame.attrs)
        n_tokens = None
        if "n_tokens_a" in attrs:
            n_tokens = (attrs["n_tokens_a"], attrs["n_tokens_b"])
        label_a = label_a or attrs.get("group_a")
        label_b = label_b or attrs.get("group_b")
        if "group" in frame.columns:
            groups = _sorted(frame["group"].astype(str))
            if group is None:
                if len(groups) != 1:
                    raise ValueError(f"this table holds several groups; pass group= one of: {', '.join(groups)}")
                group = groups[0]
            if group not in groups:
                raise ValueError(f"no group {group!r}; groups: {', '.join(groups)}")
            frame = frame[frame["group"].astype(str) == group]
            n_tokens = attrs.get("n_tokens", {}).get(group, n_tokens)
            label_a = label_a or group
            label_b = label_b or f"all other {attrs.get('by', 'group')}s"
        return cls(
            frame, label_a=label_a or "A", label_b=label_b or "B", n_tokens=n_tokens, n_labels=n_labels
        ).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> TermContrastDisplay:
        """Draw the contrast; returns ``self`` with ``figure_`` and ``ax_``."""
        t = self.terms
        na, nb = self.n_tokens
        total = max(na + nb, 1)
        freq = (t["count_a"].to_numpy(float) + t["count_b"].to_numpy(float)) / total * 1000
        z = t["z"].to_numpy(float)
        if ax is None:
            fig = _figure(9.0, 6.4)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        col_a, col_b = "#D55E00", "#0072B2"
        order = np.argsort(-z, kind="stable")
        top = [i for i in order[: self.n_labels] if z[i] > 0]
        bottom = [i for i in order[::-1][: self.n_labels] if z[i] < 0]
        rest = np.setdiff1d(np.arange(len(t)), np.array(top + bottom, dtype=int))
        ax.scatter(freq[rest], z[rest], s=10, color=_MID, alpha=0.55, lw=0, label="other terms", zorder=2)
        ax.scatter(freq[top], z[top], s=22, color=col_a, label=f"typical of {self.label_a}", zorder=3)
        ax.scatter(freq[bottom], z[bottom], s=22, color=col_b, label=f"typical of {self.label_b}", zorder=3)
        for y in (1.96, -1.96):
            ax.axhline(y, color=_GREY, lw=0.8, ls="--", zorder=1)
        ax.axhline(0, color="#BFBFBF", lw=0.8, zorder=1)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
        ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _pos: f"{v:g}" if f"{v:g}"[0] in "25" else ""))
        if len(t):
            lo, hi = float(np.nanmin(freq[freq > 0])), float(np.nanmax(freq))
            ax.set_xlim(lo / 1.6, hi * 1.6)
            zmax = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 2.0
            ax.set_ylim(-max(zmax, 2.3) * 1.18, max(zmax, 2.3) * 1.18)
        ax.set_xlabel("frequency in both groups (per 1,000 words, log scale)")
        ax.set_ylabel(f"z-score of weighted log-odds\n(> 0: more {self.label_a}; < 0: more {self.label_b})")
        ax.set_title(f"Distinctive words: {self.label_a} vs {self.label_b}", fontsize=12)
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
        ax.text(0.99, 0.985, "dashed: |z| = 1.96", transform=ax.transAxes, ha="right", va="top", fontsize=7,
                color=_GREY)  # fmt: skip
        # terms with the same counts sit on the same point: one label lists them (up to 4, then "+k")
        terms = t["term"].astype(str).to_numpy()
        key = np.round(freq, 9).astype(str).astype(object) + "|" + np.round(z, 9).astype(str).astype(object)
        items: list[tuple[str, float, float, str]] = []
        seen: set[str] = set()
        for idx, color in [(i, col_a) for i in top] + [(i, col_b) for i in bottom]:
            if key[idx] in seen:
                continue
            seen.add(key[idx])
            same = [terms[j] for j in np.flatnonzero(key == key[idx])]
            text = ", ".join(same[:4]) + (f" +{len(same) - 4} more" if len(same) > 4 else "")
            if len(same) > 2:
                text = ",\n".join(", ".join(same[k : k + 2]) for k in range(0, min(len(same), 4), 2))
                text += f"\n+{len(same) - 4} more" if len(same) > 4 else ""
            items.append((text, freq[idx], z[idx], color))
        items.sort(key=lambda it: -abs(it[2]))
        self.labelled_ = [it[0] for it in items]
        self.overlaps_ = _place_labels(ax, items)
        self.figure_, self.ax_ = fig, ax
        return self


def _tokens(terms: pd.DataFrame, side: str) -> int:
    c, f = terms[f"count_{side}"].to_numpy(float), terms[f"freq_{side}"].to_numpy(float)
    ok = (c > 0) & (f > 0)
    return round(float(np.median(c[ok] / f[ok]))) if ok.any() else 0


_OFFSETS: list[tuple[float, float]] = [
    (r * dx, r * dy)
    for r in (5, 10, 16, 24, 34, 46, 60, 78, 100)
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
]


def _place_labels(ax: Axes, items: list[tuple[str, float, float, str]], fontsize: float = 8.5) -> int:
    """Greedy, deterministic label placement in display space; returns how many labels had to overlap."""
    fig = ax.figure
    fig.draw_without_rendering()  # settle the constrained layout so display coordinates are final
    px = fig.dpi / 72.0
    box = ax.get_window_extent()
    ttp = TextToPath()
    prop = FontProperties(size=fontsize)
    pts = ax.transData.transform(np.array([(x, y) for _, x, y, _ in items]).reshape(-1, 2))
    marker = 4.0 * px
    obstacles = [(x - marker, y - marker, x + marker, y + marker) for x, y in pts]
    placed: list[tuple[float, float, float, float]] = []
    overlaps = 0

    def clash(b: tuple[float, float, float, float]) -> float:
        area = 0.0
        for o in placed + obstacles:
            w = min(b[2], o[2]) - max(b[0], o[0])
            h = min(b[3], o[3]) - max(b[1], o[1])
            if w > 0 and h > 0:
                area += w * h
        return area

    for (term, x, y, color), (sx, sy) in zip(items, pts, strict=True):
        lines = term.split("\n")
        w = max(ttp.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines)
        h = fontsize * 1.2 * len(lines)  # matplotlib's default line spacing
        w, h = w * px + 2 * px, h * px + 2 * px
        best = None
        for dx, dy in _OFFSETS:
            cx, cy = sx + dx * px, sy + dy * px
            x0 = cx if dx > 0 else cx - w if dx < 0 else cx - w / 2
            y0 = cy if dy > 0 else cy - h if dy < 0 else cy - h / 2
            b = (x0, y0, x0 + w, y0 + h)
            if b[0] < box.x0 + 2 or b[2] > box.x1 - 2 or b[1] < box.y0 + 2 or b[3] > box.y1 - 2:
                continue
            score = clash(b)
            if best is None or score < best[0]:
                best = (score, dx, dy, b)
            if score == 0:
                break
        if best is None:  # nowhere inside the axes: put it on the point
            best = (1.0, 0.0, 0.0, (sx - w / 2, sy - h / 2, sx + w / 2, sy + h / 2))
        score, dx, dy, b = best
        overlaps += score > 0
        placed.append(b)
        ha = "left" if dx > 0 else "right" if dx < 0 else "center"
        va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
        far = math.hypot(dx, dy) > 12
        ax.annotate(
            term, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=fontsize, color=color,
            arrowprops={"arrowstyle": "-", "color": color, "lw": 0.6, "alpha": 0.7, "shrinkA": 0, "shrinkB": 3}
            if far else None, zorder=4, annotation_clip=False,
        )  # fmt: skip
    return overlaps


# ---------------------------------------------------------------------------------------------- actors


def _actor_frame(frame: pd.DataFrame | ComparisonResult) -> pd.DataFrame:
    if isinstance(frame, ComparisonResult):
        frame = frame.frame
    need = {"group", "actor", "actor_label", "statements", "group_statements", "voice_share", "hedged_share"}
    missing = need - set(frame.columns)
    if missing:
        raise ValueError(f"expected framing.compare.actor_comparison() output; missing: {', '.join(sorted(missing))}")
    return frame


def _legend(ax: Axes, own: bool, **kwargs: Any) -> None:
    """Legend below the plot: a figure legend (kept inside by the constrained layout) when the axes are alone."""
    opts = {"fontsize": 8, "title_fontsize": 8, "frameon": False, **kwargs}
    if own:
        ax.figure.legend(loc="outside lower center", **opts)
    else:
        ax.legend(loc="best", **opts)


class VoiceShareDisplay(_Display):
    """Stacked bars: whose statements each group carries (actors' shares of its attributed statements).

    The ``top_n`` actors with most statements overall get their own colour; other actors are pooled, and the
    remainder of the bar is statements whose source is no listed actor (anonymous, other people, unresolved).

    Args:
        actors: :func:`framing.compare.actor_comparison` output.
        top_n: Actors shown individually.
        by: What the groups are.
    """

    def __init__(self, actors: pd.DataFrame, *, top_n: int = 6, by: str = "outlet") -> None:
        self.actors = actors.copy()
        self.top_n = top_n
        self.by = by

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame | ComparisonResult, *, top_n: int = 6, by: str | None = None, ax: Axes | None = None
    ) -> VoiceShareDisplay:
        """Build and plot from :func:`framing.compare.actor_comparison` output (or its comparer result)."""
        df = _actor_frame(frame)
        return cls(df, top_n=top_n, by=by or str(df.attrs.get("by", "outlet"))).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> VoiceShareDisplay:
        """Draw the bars; returns ``self`` with ``figure_`` and ``ax_``."""
        df = self.actors
        totals = df.groupby("group")["group_statements"].max()
        groups = _sorted(totals.index.astype(str))
        ranking = df.groupby("actor_label")["statements"].sum().sort_values(ascending=False, kind="stable")
        ranking = ranking[ranking > 0]
        shown = sorted(ranking.index[: self.top_n], key=lambda a: (-ranking[a], a))
        pooled = [a for a in ranking.index if a not in shown]
        own = False
        if ax is None:
            own = True
            fig = _figure(9.0, max(3.2, 0.62 * len(groups) + 2.4))
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        share = df.pivot_table(index="group", columns="actor_label", values="voice_share", aggfunc="sum").fillna(0)
        share = share.reindex(index=groups, fill_value=0.0)
        segments = [(a, OKABE_ITO[k % len(OKABE_ITO)]) for k, a in enumerate(shown)]
        y = np.arange(len(groups))[::-1]
        left = np.zeros(len(groups))
        self.shares_ = {}
        for name, color in [*segments, ("other listed actors", _MID), ("no listed actor", _LIGHT)]:
            if name == "other listed actors":
                vals = share[pooled].sum(axis=1).to_numpy() if pooled else np.zeros(len(groups))
                if not pooled:
                    continue
            elif name == "no listed actor":
                vals = np.clip(1 - share.sum(axis=1).to_numpy(), 0, None)
            else:
                vals = share[name].to_numpy() if name in share else np.zeros(len(groups))
            vals = vals * 100
            self.shares_[name] = dict(zip(groups, vals, strict=True))
            ax.barh(y, vals, left=left, color=color, edgecolor="white", lw=0.6, height=0.62, label=name)
            for yi, l0, v in zip(y, left, vals, strict=True):
                if v >= 6:
                    dark = color in {"#0072B2", "#D55E00", "#009E73", "#000000", "#CC79A7"}
                    ax.text(l0 + v / 2, yi, f"{v:.0f}%", ha="center", va="center", fontsize=8,
                            color="white" if dark else "black")  # fmt: skip
            left = left + vals
        ax.set_yticks(y)
        ax.set_yticklabels([f"{g}\n({int(totals.get(g, 0))} statements)" for g in groups])
        ax.set_xlim(0, max(100.0, float(left.max()) if len(left) else 100.0))
        ax.set_xlabel(f"share of the {_group_word(self.by)}'s attributed statements (%)")
        ax.set_ylabel(_group_word(self.by))
        ax.set_title(f"Whose statements each {_group_word(self.by)} carries", fontsize=12)
        _legend(ax, own, ncols=min(4, len(segments) + 2))
        self.figure_, self.ax_ = fig, ax
        return self


class HedgedClaimsDisplay(_Display):
    """Grouped bars: share of each actor's statements that are hedged or flagged unverifiable, per group.

    Each bar is labelled ``hedged/statements``; a group that carries no statement of the actor gets a
    "no statements" mark instead of a bar of zero.

    Args:
        actors: :func:`framing.compare.actor_comparison` output.
        top_n: Actors with most statements shown.
        min_statements: Actors with fewer statements overall are left out.
        by: What the groups are.
    """

    def __init__(self, actors: pd.DataFrame, *, top_n: int = 8, min_statements: int = 1, by: str = "outlet") -> None:
        self.actors = actors.copy()
        self.top_n = top_n
        self.min_statements = min_statements
        self.by = by

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame | ComparisonResult,
        *,
        top_n: int = 8,
        min_statements: int = 1,
        by: str | None = None,
        ax: Axes | None = None,
    ) -> HedgedClaimsDisplay:
        """Build and plot from :func:`framing.compare.actor_comparison` output (or its comparer result)."""
        df = _actor_frame(frame)
        by = by or str(df.attrs.get("by", "outlet"))
        return cls(df, top_n=top_n, min_statements=min_statements, by=by).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> HedgedClaimsDisplay:
        """Draw the bars; returns ``self`` with ``figure_`` and ``ax_``."""
        df = self.actors
        ranking = df.groupby("actor_label")["statements"].sum().sort_values(ascending=False, kind="stable")
        actors = [a for a in ranking.index if ranking[a] >= max(self.min_statements, 1)][: self.top_n]
        actors = sorted(actors, key=lambda a: (-ranking[a], a))
        groups = _sorted(df["group"].astype(str))
        colors = group_colors(groups)
        own = False
        if ax is None:
            own = True
            fig = _figure(9.0, max(3.4, (0.28 * len(groups) + 0.35) * max(len(actors), 1) + 2.0))
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        height = 0.8 / max(len(groups), 1)
        index = df.set_index(["actor_label", "group"])
        for i, actor in enumerate(actors):
            base = len(actors) - 1 - i
            for j, g in enumerate(groups):
                yy = base + 0.4 - height * (j + 0.5)
                row = index.loc[(actor, g)] if (actor, g) in index.index else None
                n = int(row["statements"]) if row is not None else 0
                if n == 0:
                    ax.plot(0, yy, "o", mfc="white", mec=colors[g], mew=1.2, ms=5, clip_on=False, zorder=4)
                    ax.text(2, yy, "no statements", va="center", ha="left", fontsize=7, color=_GREY)
                    continue
                k = int(row["hedged_statements"])
                v = 100 * k / n
                ax.barh(yy, v, height=height * 0.85, color=colors[g], edgecolor="white", lw=0.5)
                ax.plot(v, yy, "o", color=colors[g], ms=5, clip_on=False, zorder=4)
                ax.text(v + 2, yy, f"{k}/{n} hedged", va="center", ha="left", fontsize=7)
        ax.set_yticks(range(len(actors)))
        ax.set_yticklabels(list(reversed(actors)))
        ax.set_xlim(0, 118)
        ax.set_xticks(range(0, 101, 20))
        ax.set_ylim(-0.6, max(len(actors), 1) - 0.4)
        ax.set_xlabel("actor's statements that are hedged or flagged unverifiable (%)")
        ax.set_ylabel("actor (source of the statements)")
        ax.set_title(f"Hedged claims by actor and {_group_word(self.by)}", fontsize=12)
        ax.grid(axis="x", color="#E5E5E5", lw=0.8)
        ax.set_axisbelow(True)
        handles = [Patch(color=colors[g], label=g) for g in groups]
        _legend(ax, own, handles=handles, title=_group_word(self.by), ncols=min(4, len(groups)))
        if not actors:
            ax.text(50, 0, "no actor has attributed statements", ha="center", va="center", color=_GREY)
        self.figure_, self.ax_ = fig, ax
        return self


# --------------------------------------------------------------------------------------------- timeline

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

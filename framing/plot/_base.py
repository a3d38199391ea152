"""What every display shares: the colour-blind-safe palette, figure creation and the Display base class."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from framing.compare import (
    MISSING_GROUP,
    GroupComparison,
    summarise_groups,
)

__all__ = ["OKABE_ITO", "group_colors"]


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

"""Term contrasts: the words that distinguish a group, by weighted log-odds, as a labelled scatter."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter

from framing.compare import (
    ComparisonResult,
)
from framing.plot._base import _GREY, _MID, _Display, _figure, _sorted

__all__ = ["TermContrastDisplay"]


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
        return cls(frame, label_a=label_a or "A", label_b=label_b or "B", n_tokens=n_tokens, n_labels=n_labels).plot(
            ax=ax
        )

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

"""Actors: who gets to speak (voice share) and whose claims are hedged, per group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from framing.compare import (
    ComparisonResult,
)
from framing.plot._base import _GREY, _LIGHT, _MID, OKABE_ITO, _Display, _figure, _group_word, _sorted, group_colors

__all__ = ["HedgedClaimsDisplay", "VoiceShareDisplay"]


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

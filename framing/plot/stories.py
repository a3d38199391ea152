"""Coverage of a story: which outlet carries which fact, and where the versions differ."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from framing.plot._base import _LIGHT, OKABE_ITO, _Display, _figure

__all__ = ["CoverageDisplay"]

_FIXED = ("story", "fact", "label", "n_articles", "discrepancies")


class CoverageDisplay(_Display):
    """Articles x facts grid of one story: a filled cell where the article reports the fact, an empty one where
    it does not, a "!" where the fact's versions differ (figures, dates, sources, verbs, hedges, names).

    Build with :meth:`from_frame` from :func:`framing.stories.coverage`.

    Args:
        covered: Boolean table, articles as rows (labelled by outlet) and facts as columns.
        flagged: Facts with a discrepancy.
        story: The story's id and label, for the title.
    """

    def __init__(self, covered: pd.DataFrame, flagged: set[str] | None = None, *, story: str = "") -> None:
        self.covered = covered.copy()
        self.flagged = set(flagged or ())
        self.story = story

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        story: str | None = None,
        title: str | None = None,
        max_facts: int = 30,
        ax: Axes | None = None,
    ) -> CoverageDisplay:
        """Build and plot from a coverage table.

        Args:
            frame: :func:`framing.stories.coverage` output.
            story: Which story (its id); the first one when omitted.
            title: What to call it in the title (its id by default).
            max_facts: Facts shown, most widely reported first (facts of one article come last).

        Example:
            >>> import pandas as pd
            >>> cov = pd.DataFrame({"story": ["S1", "S1"], "fact": ["F1", "F2"], "label": ["a", "b"],
            ...                     "n_articles": [2, 1], "discrepancies": ["figures", ""], "x": [True, True],
            ...                     "y": [True, False]})
            >>> CoverageDisplay.from_frame(cov).covered.values.tolist()
            [[True, True], [True, False]]
        """
        if not len(frame):
            raise ValueError("nothing to plot: the coverage table is empty")
        story = story or str(frame["story"].iloc[0])
        part = frame[frame["story"] == story].head(max_facts)
        if not len(part):
            raise ValueError(f"no story {story!r} in the coverage table")
        articles = [c for c in frame.columns if c not in _FIXED and part[c].notna().any()]
        outlets = frame.attrs.get("outlets", {})
        names = _unique([outlets.get(a) or a for a in articles])
        covered = pd.DataFrame(
            {f: [bool(v) for v in part.loc[part["fact"] == f, articles].iloc[0]] for f in part["fact"]},
            index=names,
        )
        flagged = set(part.loc[part["discrepancies"].astype(str) != "", "fact"])
        return cls(covered, flagged, story=title or story).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> CoverageDisplay:
        """Draw the grid; returns ``self`` with ``figure_`` and ``ax_``."""
        m = self.covered.to_numpy(dtype=float)
        n_rows, n_facts = m.shape
        if m.size == 0:
            raise ValueError("nothing to plot: no articles or no facts")
        if ax is None:
            longest = max(len(str(r)) for r in self.covered.index)
            fig = _figure(min(18.0, 2.0 + 0.075 * longest + 0.42 * n_facts), 1.9 + 0.42 * n_rows)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        ax.imshow(m, cmap=ListedColormap([_LIGHT, OKABE_ITO[0]]), vmin=0, vmax=1, aspect="auto")
        for j, fact in enumerate(self.covered.columns):
            if fact in self.flagged:
                for i in range(n_rows):
                    if m[i, j]:
                        ax.text(j, i, "!", ha="center", va="center", color="white", fontsize=10, weight="bold")
        ax.set_xticks(range(n_facts))
        ax.set_xticklabels(list(self.covered.columns), fontsize=8, rotation=90 if n_facts > 12 else 0)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels([str(r) for r in self.covered.index], fontsize=9)
        ax.set_xticks(np.arange(-0.5, n_facts, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="both", length=0)
        ax.set_xlabel("fact (most widely reported first)")
        ax.set_ylabel("article (outlet)")
        title = f"Who reports what{' — ' + self.story if self.story else ''}"
        ax.set_title(f"{title}\nfilled: reported · grey: not covered · !: versions differ", fontsize=10)
        self.figure_, self.ax_ = fig, ax
        return self


def _unique(names: list[Any]) -> list[str]:
    """Outlet names made unique ("Sputnik", "Sputnik (2)") so two articles of one outlet keep their rows."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        n = str(n)
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out

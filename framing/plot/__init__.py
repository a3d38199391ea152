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

from framing.plot._base import OKABE_ITO, group_colors
from framing.plot.actors import HedgedClaimsDisplay, VoiceShareDisplay
from framing.plot.contrast import TermContrastDisplay
from framing.plot.frames import FrameHeatmapDisplay, FrameProfileDisplay
from framing.plot.heatmap import MetricHeatmapDisplay
from framing.plot.profile import OutletProfileDisplay
from framing.plot.stories import CoverageDisplay
from framing.plot.timeline import MetricTimelineDisplay

__all__ = [
    "OKABE_ITO",
    "CoverageDisplay",
    "FrameHeatmapDisplay",
    "FrameProfileDisplay",
    "HedgedClaimsDisplay",
    "MetricHeatmapDisplay",
    "MetricTimelineDisplay",
    "OutletProfileDisplay",
    "TermContrastDisplay",
    "VoiceShareDisplay",
    "group_colors",
]

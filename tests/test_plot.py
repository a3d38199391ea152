"""framing.plot: every display renders to a readable PNG (title, axis labels, nothing clipped), deterministically."""

from __future__ import annotations

import copy
import itertools
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from test_compare import score_example

from framing.compare import actor_comparison, compare_groups, term_contrast_one_vs_rest, text_frame
from framing.plot import (
    OKABE_ITO,
    HedgedClaimsDisplay,
    MetricHeatmapDisplay,
    MetricTimelineDisplay,
    OutletProfileDisplay,
    TermContrastDisplay,
    VoiceShareDisplay,
    group_colors,
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict:
    ex = score_example(tmp_path_factory.mktemp("plot_fixtures"))
    return {
        "df": ex["df"],
        "groups": compare_groups(ex["df"], n_boot=200),
        "terms": term_contrast_one_vs_rest(text_frame(ex["arts"])),
        "actors": actor_comparison(ex["scores"], actor_sets=[ex["actors"]]),
    }


def _large_frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 240
    lean = np.array(["left", "center", "right"] * (n // 3))
    return pd.DataFrame(
        {
            "outlet": lean,
            "date": pd.date_range("2025-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
            "hedging.hedges_per_100_sentences": rng.gamma(3, 3, n) + (lean == "right") * 4,
            "word_choice.loaded_per_1000_words": rng.gamma(2, 2, n),
            "error": None,
        }
    )


BUILDERS = {
    "profile": lambda d: OutletProfileDisplay.from_frame(d["groups"], articles=d["df"]),
    "profile_ci": lambda d: OutletProfileDisplay.from_frame(_large_frame(), n_boot=200),
    "heatmap": lambda d: MetricHeatmapDisplay.from_frame(d["groups"]),
    "terms": lambda d: TermContrastDisplay.from_frame(d["terms"], group="Frontline Voice"),
    "voice": lambda d: VoiceShareDisplay.from_frame(d["actors"]),
    "hedged": lambda d: HedgedClaimsDisplay.from_frame(d["actors"]),
    "timeline": lambda d: MetricTimelineDisplay.from_frame(d["df"], "word_choice.loaded_per_1000_words"),
    "timeline_ci": lambda d: MetricTimelineDisplay.from_frame(_large_frame(), n_boot=200),
}


def _titles(fig: Figure) -> list[str]:
    out = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    return out + [t for ax in fig.axes for t in (ax.get_title(), ax.get_title("left")) if t]


@pytest.mark.parametrize("name", list(BUILDERS))
def test_display_renders_a_readable_png(data, tmp_path: Path, name: str):
    disp = BUILDERS[name](data)
    assert disp.plot() is disp  # re-plotting returns the display
    path = disp.savefig(tmp_path / f"{name}.png")
    assert path.is_file() and path.stat().st_size > 20_000
    fig = disp.figure_
    assert any(_titles(fig)), "no title"
    axes = np.atleast_1d(disp.ax_)
    assert all(ax.get_xlabel() for ax in axes), "an axis has no x label"
    assert any(ax.get_ylabel() for ax in axes), "no y label"
    # nothing clipped: every visible text lies inside the figure when saved without a tight bounding box
    fig.savefig(tmp_path / f"{name}_plain.png", bbox_inches=None)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox

    def inside(b) -> bool:
        return b.x0 >= box.x0 - 1 and b.y0 >= box.y0 - 1 and b.x1 <= box.x1 + 1 and b.y1 <= box.y1 + 1

    # tick labels outside the view limits are kept as (undrawn) Text objects: judge ticks through the axes'
    # tight bounding boxes, which include exactly the drawn tick labels, and every other text one by one
    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in axis.get_ticklabels(which="both")}
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in ticks]
    assert texts
    for t in texts:
        b = t.get_window_extent(renderer)
        assert inside(b), f"text {t.get_text()!r} is clipped: {b} outside {box}"
    for ax in fig.axes:
        if ax.get_visible():
            b = ax.get_tightbbox(renderer)
            assert inside(b), f"axes {ax.get_title()!r} (with its tick labels) is clipped: {b} outside {box}"


@pytest.mark.parametrize("name", ["profile", "terms", "voice", "timeline"])
def test_output_is_deterministic(data, tmp_path: Path, name: str):
    a = BUILDERS[name](data).savefig(tmp_path / "a.png").read_bytes()
    b = BUILDERS[name](data).savefig(tmp_path / "b.png").read_bytes()
    assert a == b


def test_term_labels_do_not_overlap(data):
    disp = BUILDERS["terms"](data)
    assert disp.overlaps_ == 0 and any("regime" in t for t in disp.labelled_)
    fig = disp.figure_
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = disp.ax_
    labels = [t for t in ax.texts if t.get_text() in disp.labelled_]
    assert len(labels) == len(disp.labelled_)
    boxes = [t.get_window_extent(renderer) for t in labels]
    for b1, b2 in itertools.combinations(boxes, 2):
        assert not b1.overlaps(b2)
    axbox = ax.get_window_extent(renderer)
    assert all(axbox.x0 <= b.x0 and b.x1 <= axbox.x1 and axbox.y0 <= b.y0 and b.y1 <= axbox.y1 for b in boxes)


def test_term_display_needs_a_group_for_one_vs_rest(data):
    with pytest.raises(ValueError, match="pass group="):
        TermContrastDisplay.from_frame(data["terms"])


def test_draws_into_given_axes_and_keeps_the_input(data):
    df = data["df"]
    before = copy.deepcopy(df)
    fig = Figure()
    ax = fig.add_subplot()
    disp = MetricHeatmapDisplay.from_frame(df, ax=ax)
    assert disp.ax_ is ax and disp.figure_ is fig
    MetricTimelineDisplay.from_frame(df, ax=fig.add_subplot(2, 1, 2))
    OutletProfileDisplay.from_frame(df, metrics=["hedging.hedges_per_100_sentences"], n_boot=50)
    pd.testing.assert_frame_equal(df, before)
    actors = data["actors"]
    actors_before = copy.deepcopy(actors)
    disp = VoiceShareDisplay.from_frame(actors)
    pd.testing.assert_frame_equal(actors, actors_before)
    # shares of a bar add up to 100 %
    total = sum(v["Capital Pulse"] for v in disp.shares_.values())
    assert total == pytest.approx(100.0)


def test_palette_and_png_repr(data):
    assert group_colors(["b", "a"]) == {"a": OKABE_ITO[0], "b": OKABE_ITO[1]}
    png = BUILDERS["hedged"](data)._repr_png_()
    assert png.startswith(b"\x89PNG")
    with pytest.raises(RuntimeError, match="plot"):
        VoiceShareDisplay(data["actors"])._repr_png_()


def test_plot_leaves_the_backend_alone():
    code = (
        "import matplotlib; matplotlib.use('svg'); import pandas as pd, framing.plot, matplotlib.pyplot as plt; "
        "df = pd.DataFrame({'outlet': list('AABB'), 'hedging.hedges_per_100_sentences': [1, 2, 3, 4]}); "
        "framing.plot.MetricHeatmapDisplay.from_frame(df).savefig('/dev/null', format='png'); "
        "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend(); assert not plt.get_fignums()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)
    assert matplotlib.get_backend()  # the test process is untouched too

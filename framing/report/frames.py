"""The "Frames" section of the comparison report: frame shares per group with intervals and tests, primary
frames, generic news frames, the roles actors are cast in, and the frame heatmap and profile figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from framing.report.html import Figure, ReportSection

__all__ = ["frames_section"]

_ROLE_COLUMNS = ["group", "actor", "actor_label", "articles", "victim_share", "villain_share", "hero_share", "victim",
                 "villain", "hero"]  # fmt: skip


def frames_section(
    articles: Any,
    actors: Any,
    out: Path,
    keep: Callable[[str, Any, str], Figure],
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
) -> ReportSection | None:
    """Build the section (``None`` when the articles carry no frame metrics) and write its CSV files.

    Args:
        articles: The usable article table (failed articles removed, the grouping column filled).
        actors: The actor comparison table (:func:`framing.compare.actor_comparison`), for the roles.
        out: The report folder (``frame_summary.csv``, ``frame_pairwise.csv``, ``frame_primary.csv``).
        keep: Saves a display as a figure of the report (``keep(name, display, caption)``).
        by: The grouping column.
        n_boot: Bootstrap resamples.
        seed: Seed of the bootstrap and the permutations.
    """
    import pandas as pd

    from framing.compare.frames import FRAME_METRICS, NEWS_FRAME_METRICS, frame_comparison, frame_label
    from framing.plot import FrameHeatmapDisplay, FrameProfileDisplay

    if not any(m in articles.columns for m in FRAME_METRICS):
        return None
    res = frame_comparison(articles, by, n_boot=n_boot, seed=seed)
    summary, pairwise, primary = res["summary"], res["pairwise"], res["primary"]
    summary.to_csv(out / "frame_summary.csv", index=False)
    pairwise.to_csv(out / "frame_pairwise.csv", index=False)
    primary.to_csv(out / "frame_primary.csv", index=False)
    used = set(res["profile"].columns)
    cols = ["group", "frame", "n", "mean", "ci_low", "ci_high", "warning"]

    def labelled(part: pd.DataFrame) -> pd.DataFrame:
        return part.assign(frame=part["metric"].map(frame_label))[
            [c for c in cols if c in part.columns or c == "frame"]
        ]

    shares = summary[summary["metric"].isin([m for m in FRAME_METRICS if m.split(".")[1][: -len("_share")] in used])]
    news = summary[summary["metric"].isin(NEWS_FRAME_METRICS)]
    sig = pairwise[pairwise["significant"].astype(bool)] if "significant" in pairwise.columns else pairwise
    figures = [
        keep("frame_heatmap", FrameHeatmapDisplay.from_frame(res),
             f"Mean share of each {by}'s sentences in each policy frame (one colour scale: the cells share a unit)."),
        keep("frame_profile", FrameProfileDisplay.from_frame(res),
             f"Frame profile of each {by}: mean share of sentences per frame with bootstrap 95% intervals."),
    ]  # fmt: skip
    tables: dict[str, pd.DataFrame] = {
        "Share of sentences per frame": labelled(shares),
        "Primary frame of the articles": primary,
        "Generic news frames (share of indicators answered yes)": labelled(news),
        "Significant differences in frame shares and news frames (Holm-corrected)": sig,
    }
    if actors is not None and len(actors) and "victim_share" in actors.columns:
        cast = actors[(actors[["victim", "villain", "hero"]].sum(axis=1) > 0)]
        tables["Roles: share of the group's articles naming the actor that cast it as victim, villain or hero"] = cast[
            [c for c in _ROLE_COLUMNS if c in cast.columns]
        ]
    paragraphs = [
        "Each sentence gets one of the Policy Frames Codebook's frames (Boydstun et al. 2014): by the frame model "
        "(trained on FrAC) refined by the frame lexicon's cues, or by the cues alone without models; Other when "
        "nothing points to a frame. Shares are per article, averaged per group, with bootstrap 95% intervals.",
        "Generic news frames (Semetko and Valkenburg 2000) are scored from yes/no indicators (disagreement, "
        "reproach, a human face, costs, moral messages, who is responsible, urgency ...); a frame's score is the "
        "share of its indicators an article shows. Roles come from who harms, suffers, is blamed or helps, by "
        "shallow rules; every item is in evidence.csv with the words that caused it.",
        "Validity: see reports/validation.md (frames rows): the frame model and lexicon are measured on FrAC dev "
        "and on GVFC; the news frames and roles have no annotated data and are tested on examples only.",
    ]
    return ReportSection("Frames", paragraphs, tables, figures)

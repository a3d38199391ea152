"""``framing compare``: score a corpus, compare groups, render figures and write the report folder.

Writes into the output folder:

* ``index.html`` — the self-contained report (figures embedded, tables, term contrasts, actor table, casualty
  figures and who vouches for them, and an article viewer with every sentence's evidence highlighted);
* ``articles.csv`` and ``evidence.csv`` — the corpus tables (one row per article / evidence item);
* ``group_summary.csv``, ``pairwise.csv``, ``terms.csv``, ``actors.csv``, ``figure_claims.csv``;
* ``frame_summary.csv``, ``frame_pairwise.csv``, ``frame_primary.csv`` (the "Frames" section);
* ``stories.csv`` (article -> story), ``coverage.csv`` (story x fact: which article reports it) and
  ``discrepancies.csv`` (where the versions of a fact differ), from :mod:`framing.stories`;
* ``figures/*.png`` — every figure of the report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from framing.report.html import Figure, ReportSection, render_report

__all__ = ["REPORT_METRICS", "build_comparison_report"]

#: Metrics shown in the report's profile and heatmap (all metrics are in articles.csv).
REPORT_METRICS = (
    "hedging.hedges_per_100_sentences",
    "hedging.boosters_per_100_sentences",
    "attribution.attributed_sentence_share",
    "attribution.anonymous_share",
    "attribution.nonneutral_cue_share",
    "attribution.direct_quote_share",
    "word_choice.loaded_per_1000_words",
    "word_choice.subjective_per_1000_words",
    "word_choice.sentiment_mean",
)


def _png(display: Any) -> bytes:
    buf = io.BytesIO()
    display.figure_.savefig(buf, format="png", dpi=130)
    return buf.getvalue()


def _naming_table(articles: Any, by: str) -> Any:
    """Per group and naming concept: the dominant variants of its articles, most frequent first."""
    import pandas as pd

    cols = [c for c in articles.columns if c.startswith("naming.")]
    rows = []
    for group, part in articles.groupby(by, dropna=False, sort=True):
        row: dict[str, Any] = {by: group if group == group else "unknown", "articles": len(part)}
        for c in cols:
            counts = part[c].dropna().value_counts()
            row[c.removeprefix("naming.")] = ", ".join(f"{v} ({n})" for v, n in counts.items())
        rows.append(row)
    df = pd.DataFrame(rows)
    keep = [c for c in df.columns if c in {by, "articles"} or df[c].astype(bool).any()]
    return df[keep]


def _sources_table(scores: Sequence[Any]) -> Any:
    """Per article: how many sources of each kind, with the anonymous ones spelled out."""
    import pandas as pd

    rows = []
    for s in scores:
        if s.error is not None:
            continue
        kinds: dict[str, list[str]] = {}
        for e in s.evidence:
            if e.category.startswith("source."):
                kinds.setdefault(e.category.removeprefix("source."), []).append(e.text)
        rows.append(
            {
                "article_id": s.article.id,
                "outlet": s.article.outlet.name or "unknown",
                **{k: len(kinds.get(k, [])) for k in ("named", "named_org", "anonymous", "media", "self", "pronoun")},
                "anonymous sources": "; ".join(dict.fromkeys(kinds.get("anonymous", []))),
                "media cited": "; ".join(dict.fromkeys(kinds.get("media", []) + kinds.get("self", []))),
            }
        )
    return pd.DataFrame(rows)


def build_comparison_report(
    scores: Iterable[Any],
    out: Path,
    *,
    by: str = "outlet",
    title: str | None = None,
    command: str = "",
    n_boot: int = 2000,
    seed: int = 0,
    actor_sets: Sequence[Any] | None = None,
    story_window: float | None = 3,
) -> Path:
    """Compare scored articles grouped by ``by`` and write the report folder.

    Args:
        scores: Scored articles (:class:`framing.ArticleScore`); failed ones are listed, not compared.
        out: Output folder.
        by: Article-table column to group by (``outlet``, ``outlet_country``, ``outlet_ownership``,
            ``meta.<field>`` from the input records, or ``date_day|week|month|quarter|year``).
        title: Report title.
        command: The command line, shown in the report.
        n_boot: Bootstrap resamples for the confidence intervals.
        seed: Seed of every random draw (bootstrap, permutations).
        actor_sets: Actor sets for the actor comparison (the bundled ones by default).
        story_window: Days within which articles can be one story (``None`` ignores dates); a corpus of at most
            :data:`~framing.report.stories.SMALL_CORPUS` articles is grouped without a window, as picked.

    Returns:
        The path of ``index.html``.
    """
    import pandas as pd

    from framing.compare import (
        actor_comparison,
        compare_groups,
        term_contrast_one_vs_rest,
        text_frame,
        with_date_bucket,
    )
    from framing.compare.actors import figure_claims
    from framing.corpus import article_row as _article_row
    from framing.evidence import EVIDENCE_COLUMNS as _EVIDENCE_COLUMNS
    from framing.plot import (
        HedgedClaimsDisplay,
        MetricHeatmapDisplay,
        MetricTimelineDisplay,
        OutletProfileDisplay,
        TermContrastDisplay,
        VoiceShareDisplay,
    )

    scores = list(scores)
    out = Path(out)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    articles = pd.DataFrame([_article_row(s) for s in scores])
    evidence = pd.DataFrame(
        [{"article_id": s.article.id, **e.to_dict()} for s in scores for e in s.evidence], columns=_EVIDENCE_COLUMNS
    )
    bucket = re.fullmatch(r"date_(day|week|month|quarter|year)", by)
    if by not in articles.columns and bucket and "date" in articles.columns:
        articles = with_date_bucket(articles, bucket.group(1))
    if by not in articles.columns:
        choices = ", ".join(c for c in articles.columns if not c.startswith(("hedging.", "attribution.", "word_")))
        raise ValueError(f"cannot group by {by!r}: no such column (try one of: {choices}, or date_month ...)")
    articles.to_csv(out / "articles.csv", index=False)
    evidence.to_csv(out / "evidence.csv", index=False)
    ok = [s for s in scores if s.error is None]
    notes = [f"{s.article.id}: not compared ({s.error})" for s in scores if s.error is not None]
    if not ok:
        raise ValueError("no article could be scored, so there is nothing to compare")
    usable = articles[articles["error"].isna()].copy()
    usable[by] = usable[by].fillna("unknown")
    metrics = [m for m in REPORT_METRICS if m in usable.columns]

    figures: list[Figure] = []

    def keep(name: str, display: Any, caption: str) -> Figure:
        display.figure_.savefig(out / "figures" / f"{name}.png", dpi=130)
        fig = Figure(name, _png(display), caption)
        figures.append(fig)
        return fig

    groups = compare_groups(usable, by=by, metrics=metrics, n_boot=n_boot, seed=seed)
    summary, pairwise = groups.summary, groups.pairwise
    summary.to_csv(out / "group_summary.csv", index=False)
    pairwise.to_csv(out / "pairwise.csv", index=False)
    notes += list(getattr(groups, "notes", []))
    profile = keep(
        "outlet_profile",
        OutletProfileDisplay.from_frame(groups, by=by, metrics=metrics),
        f"Mean per {by} with bootstrap 95% confidence intervals (no interval where a group is too small).",
    )
    heat = keep(
        "metric_heatmap",
        MetricHeatmapDisplay.from_frame(groups, by=by, metrics=metrics),
        f"Each metric's mean per {by}, coloured by z-score across groups (values annotated).",
    )

    texts = text_frame(ok)
    if by not in texts.columns:
        texts = texts.merge(usable[["id", by]], on="id", how="left")
    texts[by] = texts[by].fillna("unknown")
    terms = term_contrast_one_vs_rest(texts, by=by)
    terms.to_csv(out / "terms.csv", index=False)
    term_figs = []
    for group in sorted(texts[by].unique())[:6]:
        disp = TermContrastDisplay.from_frame(terms, group=group)
        term_figs.append(
            keep(
                f"terms_{_slug(group)}",
                disp,
                f"Words that distinguish {group} from the other groups "
                "(weighted log-odds with informative Dirichlet prior; |z| > 1.96 is notable).",
            )
        )

    actors = actor_comparison(ok, by=dict(zip(usable["id"], usable[by], strict=True)), actor_sets=actor_sets)
    actors.to_csv(out / "actors.csv", index=False)
    actor_figs = []
    if len(actors):
        actor_figs.append(
            keep(
                "voice_share",
                VoiceShareDisplay.from_frame(actors, by=by),
                f"Whose statements each {by} carries (share of its attributed statements).",
            )
        )
        actor_figs.append(
            keep(
                "hedged_claims",
                HedgedClaimsDisplay.from_frame(actors, by=by),
                "Share of each actor's statements that are hedged or flagged unverifiable.",
            )
        )
    claims = figure_claims(ok)
    claims.to_csv(out / "figure_claims.csv", index=False)

    time_figs = []
    dates = usable["date"].dropna()
    if dates.nunique() > 1:
        metric = "hedging.hedges_per_100_sentences"
        time_figs.append(
            keep(
                "timeline",
                MetricTimelineDisplay.from_frame(usable, metric, by=by),
                "Hedges per 100 sentences over time (monthly buckets) by group.",
            )
        )

    sig = (
        pairwise[pairwise.get("significant", pd.Series(False, index=pairwise.index)).astype(bool)]
        if len(pairwise)
        else pairwise
    )
    sections = [
        ReportSection(
            f"Profile by {by}",
            [
                f"{len(ok)} articles in {usable[by].nunique()} groups. Means with 95% bootstrap intervals; every "
                "metric of every article is in articles.csv, every evidence item in evidence.csv."
            ],
            {"Group summary": summary},
            [profile, heat],
        ),
        ReportSection(
            "Differences between groups",
            (
                []
                if len(sig)
                else ["No difference is significant after Holm correction (with few articles per group, none can be)."]
            )
            + [
                "Permutation tests of the difference in means, Holm-corrected across all pairs and metrics; "
                "Cliff's delta as effect size. Only Holm-significant differences are listed here (all in pairwise.csv)."
            ],
            {"Significant differences": sig},
        ),
        ReportSection(
            "Naming choices",
            [
                "How each group names the same actors and events (term packs): the "
                "dominant variant of each article, counted per group."
            ],
            {"Naming": _naming_table(usable, by)},
        ),
        ReportSection(
            "Who is quoted",
            ["Sources per article by kind; anonymous sources and media cited are spelled out."],
            {"Sources": _sources_table(ok)},
        ),
        ReportSection(
            "Casualty figures and who vouches for them",
            [
                "Every sentence that gives a casualty figure, with the source it is attributed to (if any) and whether "
                "it is hedged or flagged unverifiable in the same or the next sentence."
            ],
            {"Figures": claims},
        ),
        ReportSection(
            "Term contrasts",
            ["Top words per group (one vs rest)."],
            {"Top terms": terms.groupby("group", sort=True).head(15) if len(terms) else terms},
            term_figs,
        ),
        ReportSection(
            "Actors",
            ["Per actor and group: naming, voice share, non-neutral verbs, hedged claims."],
            {"Actors": actors},
            actor_figs,
        ),
    ]
    from framing.report.frames import frames_section

    frames = frames_section(usable, actors, out, keep, by=by, n_boot=n_boot, seed=seed)
    if frames is not None:
        sections.insert(3, frames)
    side = _stories(ok, out, story_window, keep)
    if len(ok) <= _small_corpus():
        sections.insert(0, side)
    else:
        sections.append(side)
    if time_figs:
        sections.append(ReportSection("Over time", [], {}, time_figs))
    return render_report(
        out, title=title or f"Framing by {by}", sections=sections, scores=scores, notes=notes, command=command
    )


def _small_corpus() -> int:
    from framing.report.stories import SMALL_CORPUS

    return SMALL_CORPUS


def _stories(ok: Sequence[Any], out: Path, window: float | None, keep: Any) -> ReportSection:
    """Group the corpus into stories, align each story's facts, write the CSV files, build the section."""
    import pandas as pd

    from framing.plot import CoverageDisplay
    from framing.report.stories import MAX_STORIES, SMALL_CORPUS, stories_section
    from framing.stories import coverage, group_stories, side_by_side, story_table

    small = len(ok) <= SMALL_CORPUS
    stories = group_stories(ok, window=None if small else window)
    aligned = side_by_side(ok, stories=stories)
    story_table(stories).to_csv(out / "stories.csv", index=False)
    cov = coverage(aligned)
    cov.to_csv(out / "coverage.csv", index=False)
    pd.DataFrame(
        [{**d.to_dict(), "details": "; ".join(f"{a}: {t}" for a, t in d.details)} for a in aligned
         for d in a.discrepancies],
        columns=["kind", "story", "fact", "summary", "details"],
    ).to_csv(out / "discrepancies.csv", index=False)  # fmt: skip
    figures = []
    for a in aligned[:MAX_STORIES]:
        if any(len(f.articles) >= 2 for f in a.facts):
            disp = CoverageDisplay.from_frame(cov, story=a.story.id, title=f"{a.story.id}: {a.story.label}")
            figures.append(
                keep(
                    f"coverage_{a.story.id}",
                    disp,
                    f"{a.story.id}: which article reports which fact (facts most widely reported first; '!' where "
                    "the versions differ).",
                )
            )
    how = (
        f"The {len(ok)} articles are few, so they were grouped into stories by content alone, without a date window "
        "(a corpus this small is usually picked to be compared)."
        if small
        else f"Stories were grouped by content within {window:g} days (framing.stories.group_stories)."
        if window is not None
        else "Stories were grouped by content, dates ignored."
    )
    return stories_section(aligned, ok, figures, grouped=how)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in str(name).lower()).strip("_") or "group"

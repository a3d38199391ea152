"""The report's "Same story, side by side" section: per story, facts as rows and articles as columns.

Each cell holds the article's sentence with its evidence highlighted (the scorer's own marks), then who it is
attributed to, its hedges and figures; a fact an article does not report is marked "not covered". A flag in
the fact's cell says where the versions differ (figures, dates, sources, verbs, hedges, names). Every piece of
text is escaped here: the fragments this module returns are safe to place in the page as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from framing.report.html import Figure, ReportSection

if TYPE_CHECKING:
    from framing.scoring import ArticleScore
    from framing.stories import AlignedStory

__all__ = ["SMALL_CORPUS", "stories_section"]

#: A corpus this small is compared as the user picked it: stories are grouped without a date window.
SMALL_CORPUS = 12
#: Stories shown (largest first); every story is in stories.csv and coverage.csv.
MAX_STORIES = 5
#: Facts of one article listed per story (the rest are in coverage.csv).
MAX_SINGLE_FACTS = 40

_CSS = (
    "<style>.sbs td{min-width:14rem;max-width:28rem} .sbs td.missing{background:#f9fafb;color:#9ca3af;"
    "font-style:italic} .sbs .flag{color:#b45309;font-weight:600} .sbs .info{color:#6b7280;font-size:.78rem;"
    "margin-top:.2rem} .sbs .second{border-left:3px solid #e5e7eb;padding-left:.3rem}</style>"
)


def _mention_html(m: Any, score: ArticleScore | None) -> str:
    from framing.scoring import highlight_html

    if score is not None and 0 <= m.sentence < len(score.sentences):
        sent = score.sentences[m.sentence]
        items = [e for e in score.evidence if e.sentence == m.sentence and e.category not in {"source_span", "content"}]
        body = highlight_html(score.article.text, sent, items, css_classes=True)
    else:
        body = escape(m.text)
    info = [f"source: {m.attribution.summary()}"]
    if m.attribution.nonneutral:
        info.append("stance-taking verb")
    if m.hedges:
        info.append("hedges: " + "; ".join(m.hedges))
    if m.figures:
        info.append("figures: " + "; ".join(f"{f.text} ({f.kind or 'count'})" for f in m.figures))
    second = " class='second' title='this sentence also reports another fact'" if not m.primary else ""
    return (
        f"<div{second}><span class='idx'>[{m.sentence}]</span> {body}"
        f"<div class='info'>{escape(' · '.join(info))}</div></div>"
    )


def _table_html(aligned: AlignedStory, facts: Sequence[Any], scores: dict[str, ArticleScore]) -> str:
    st = aligned.story
    head = "".join(
        f"<th>{escape(o or 'unknown outlet')}<br><span class='meta'>{escape(d or 'no date')} · {escape(a)}</span></th>"
        for a, o, d in zip(st.articles, st.outlets or (None,) * st.size, st.dates or (None,) * st.size, strict=True)
    )
    rows = []
    for f in facts:
        by_kind: dict[str, list[str]] = {}
        for d in aligned.discrepancies_of(f.id):
            by_kind.setdefault(d.kind, []).append(d.summary)
        flag = "".join(
            f"<div class='flag' title='{escape(' | '.join(sums), quote=True)}'>&#9888; {escape(kind)}</div>"
            for kind, sums in by_kind.items()
        )
        cells = [f"<td><b>{escape(f.id)}</b> {escape(f.label)}{flag}</td>"]
        for a in st.articles:
            ms = f.mentions_in(a)
            if ms:
                cells.append("<td>" + "".join(_mention_html(m, scores.get(a)) for m in ms) + "</td>")
            else:
                cells.append("<td class='missing'>not covered</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='sbs'><tr><th>fact</th>{head}</tr>{''.join(rows)}</table>"


def _discrepancy_list(aligned: AlignedStory) -> str:
    if not aligned.discrepancies:
        return "<p class='meta'>No discrepancy found between the articles' versions.</p>"
    items = []
    for d in aligned.discrepancies:
        where = f" ({escape(d.fact)})" if d.fact else ""
        detail = "; ".join(f"{a}: {t}" for a, t in d.details)
        items.append(f"<li><b>{escape(d.kind)}</b>{where}: {escape(d.summary)} <span class='meta'>{escape(detail)}"
                     "</span></li>")  # fmt: skip
    return f"<ul>{''.join(items)}</ul>"


def story_html(aligned: AlignedStory, scores: dict[str, ArticleScore]) -> str:
    """One story's tables (facts told by two or more articles, then those told by one) and its discrepancies."""
    st = aligned.story
    shared = [f for f in aligned.facts if len(f.articles) >= 2]
    single = [f for f in aligned.facts if len(f.articles) == 1]
    parts = [
        f"<h3>{escape(st.id)}: {escape(st.label)} <span class='meta'>({st.size} articles, {len(shared)} facts "
        f"shared, {len(single)} told by one article)</span></h3>"
    ]
    parts.append(_table_html(aligned, shared, scores) if shared else "<p class='meta'>No fact is shared.</p>")
    if single:
        shown = single[:MAX_SINGLE_FACTS]
        more = f"; {len(single) - len(shown)} more in coverage.csv" if len(single) > len(shown) else ""
        parts.append(
            f"<details><summary>Facts only one article reports ({len(single)}{escape(more)}): what the others "
            f"leave out</summary>{_table_html(aligned, shown, scores)}</details>"
        )
    parts.append("<h4>Where the versions differ</h4>" + _discrepancy_list(aligned))
    return "".join(parts)


def stories_section(
    aligned: Sequence[AlignedStory], scores: Sequence[ArticleScore], figures: Sequence[Figure], *, grouped: str
) -> ReportSection:
    """The "Same story, side by side" section.

    Args:
        aligned: The stories with their facts (largest first).
        scores: The scored articles (their evidence is highlighted).
        figures: Coverage figures, one per story shown.
        grouped: How the stories were found, said in the first paragraph.
    """
    by_id = {s.article.id: s for s in scores}
    shown = list(aligned)[:MAX_STORIES]
    paragraphs = [
        f"{grouped} For each story of two or more articles: its facts as rows (the sentences of different "
        "articles that report the same thing, aligned on shared words, names, figures and dates), its articles "
        "as columns. Each cell is the article's sentence with its evidence highlighted (naming and other word "
        "choices among it), then who it is attributed to, its hedges and figures; 'not covered' marks a fact the "
        "article leaves out. "
        "A flag marks a fact whose versions differ: figures no single number fits, a date one slip from the "
        "others, different kinds of source, a neutral cue against a stance-taking verb, hedged against flat, "
        "or different names for one actor.",
        "Every story is in stories.csv, every fact's coverage in coverage.csv, every discrepancy in discrepancies.csv.",
    ]
    if not shown:
        paragraphs.insert(1, "No two articles were found to report the same story.")
    html = [_CSS] + [story_html(a, by_id) for a in shown]
    if len(aligned) > len(shown):
        paragraphs.append(f"{len(aligned) - len(shown)} smaller stories are not shown here (see the CSV files).")
    return ReportSection("Same story, side by side", paragraphs, {}, list(figures), html=html)

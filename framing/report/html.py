"""A self-contained HTML report of a corpus comparison.

The report is one file (``index.html``) with figures embedded as base64 PNG, summary tables, term contrasts,
the actor table and an article viewer in which each sentence's evidence is highlighted. Every piece of
article text and every table cell is HTML-escaped: article text can never inject markup or script.

This module only assembles what earlier stages computed (scores, comparison tables, rendered figures); it does
no statistics and imports no plotting library.
"""

from __future__ import annotations

import base64
import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._version import __version__
from framing.evidence import MODEL_DIMENSION

if TYPE_CHECKING:
    import pandas as pd

    from framing.scoring import ArticleScore

__all__ = ["Figure", "ReportSection", "render_report"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1.5rem;
color:#1f2937;line-height:1.45}
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #e5e7eb;padding-bottom:.2rem;margin-top:2.2rem}
.meta{color:#6b7280;font-size:.9rem} .note{background:#fff7ed;border-left:4px solid #f59e0b;padding:.4rem .8rem;
margin:.6rem 0} table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #e5e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top} th{background:#f3f4f6}
figure{margin:1rem 0} figure img{max-width:100%;border:1px solid #e5e7eb} figcaption{color:#4b5563;font-size:.9rem}
mark{padding:0 .1rem;border-radius:2px} mark.hedging{background:#fde68a} mark.attribution{background:#bfdbfe}
mark.word_choice{background:#fecaca} mark.framing{background:#ddd6fe} details{margin:.4rem 0}
summary{cursor:pointer;font-weight:600}
.sent{margin:.15rem 0} .sent .idx{color:#9ca3af;font-size:.75rem;margin-right:.3rem}
.legend mark{margin-right:.6rem} nav a{margin-right:1rem}
"""


@dataclass(frozen=True)
class Figure:
    """A rendered figure: PNG bytes and a caption saying what to see in it."""

    name: str
    png: bytes
    caption: str


@dataclass
class ReportSection:
    """A titled section: text paragraphs, then HTML fragments, then tables (title -> DataFrame), then figures.

    ``html`` fragments go into the page as they are: only the report's own builders make them, and they escape
    every piece of text they hold (:mod:`framing.report.stories`).
    """

    title: str
    paragraphs: Sequence[str] = ()
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    figures: Sequence[Figure] = ()
    html: Sequence[str] = ()


def _table_html(df: pd.DataFrame, max_rows: int = 200) -> str:
    shown = df.head(max_rows)
    html = shown.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:.3g}", border=0)
    more = f"<p class='meta'>{len(df) - max_rows} more rows in the CSV files.</p>" if len(df) > max_rows else ""
    return html + more


def _figure_html(fig: Figure) -> str:
    data = base64.b64encode(fig.png).decode("ascii")
    return (
        f"<figure id='fig-{escape(fig.name)}'><img alt='{escape(fig.caption)}' src='data:image/png;base64,{data}'>"
        f"<figcaption>{escape(fig.caption)}</figcaption></figure>"
    )


def _article_html(s: ArticleScore) -> str:
    from framing.scoring import highlight_html

    a = s.article
    o = a.outlet
    outlet = o.name or "unknown outlet"
    head = (
        f"<summary>{escape(a.title or a.id)} <span class='meta'>— {escape(outlet)}"
        f"{' (wire: ' + escape(o.wire) + ')' if o.wire and o.wire != o.name else ''} · {escape(a.date or 'no date')}"
        f" · {escape(a.id)}</span></summary>"
    )
    if s.error:
        return f"<details>{head}<p class='note'>{escape(s.error)}</p></details>"
    how = "; ".join(o.how) or "; ".join(o.hints) or "no clue found"
    lines = [f"<p class='meta'>outlet found by: {escape(how)} · source: {escape(a.source_path or '')}</p>"]
    for sent in s.sentences:
        items = [e for e in s.evidence if e.sentence == sent.index and e.category not in {"source_span", "content"}]
        tips = "; ".join(
            f"{e.category}: {e.note}"
            if e.dimension == MODEL_DIMENSION or e.category.startswith(("frame_sentence.", "role."))
            else f"{e.category}: {e.text}"
            for e in items
            if e.dimension != "word_choice" or e.weight
        )
        lines.append(
            f"<p class='sent' title='{escape(tips)}'><span class='idx'>[{sent.index}]</span>"
            f"{highlight_html(a.text, sent, items, css_classes=True)}</p>"
        )
    return f"<details>{head}{''.join(lines)}</details>"


def render_report(
    out: Path,
    *,
    title: str,
    sections: Sequence[ReportSection],
    scores: Sequence[ArticleScore],
    notes: Sequence[str] = (),
    command: str = "",
) -> Path:
    """Write ``out/index.html`` and return its path.

    Args:
        out: Output folder (created).
        title: Report title.
        sections: Sections in order (summary, term contrasts, actors, figures ...).
        scores: Scored articles for the article viewer.
        notes: Warnings shown at the top (small groups, failed inputs).
        command: The command that produced the report, shown for reproducibility.
    """
    out.mkdir(parents=True, exist_ok=True)
    toc = (
        "".join(f"<a href='#s{i}'>{escape(sec.title)}</a>" for i, sec in enumerate(sections))
        + "<a href='#articles'>Articles</a>"
    )
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        # no script may run in the report, whatever an article contains
        "<meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='meta'>framing {escape(__version__)} · {escape(_dt.date.today().isoformat())}"
        f"{' · ' + escape(command) if command else ''}</p>",
        f"<nav>{toc}</nav>",
    ]
    parts += [f"<p class='note'>{escape(n)}</p>" for n in notes]
    for i, sec in enumerate(sections):
        parts.append(f"<h2 id='s{i}'>{escape(sec.title)}</h2>")
        parts += [f"<p>{escape(p)}</p>" for p in sec.paragraphs]
        parts += list(sec.html)
        for name, df in sec.tables.items():
            parts.append(f"<h3>{escape(name)}</h3>{_table_html(df)}")
        parts += [_figure_html(f) for f in sec.figures]
    parts.append("<h2 id='articles'>Articles</h2>")
    parts.append(
        "<p class='legend'>Evidence: <mark class='hedging'>hedging</mark><mark class='attribution'>attribution"
        "</mark><mark class='word_choice'>word choice</mark><mark class='framing'>framing</mark> — hover a "
        "highlight for its category and lexicon "
        "entry.</p>"
    )
    parts += [_article_html(s) for s in scores]
    parts.append("</body></html>")
    path = out / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def frame_or_empty(obj: Any) -> pd.DataFrame:
    """A DataFrame from a comparison result or a DataFrame (empty when None)."""
    import pandas as pd

    if obj is None:
        return pd.DataFrame()
    return obj if isinstance(obj, pd.DataFrame) else obj.frame

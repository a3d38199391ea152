"""``framing frames``: each article's frame profile (policy frames, generic news frames, roles)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from framing.cli._common import _OUTLETS, _console, _count
from framing.errors import FramingError

_EXAMPLES = """
\b
Examples:
  framing frames ../shared/seeds/*.txt
  framing frames corpus/ --format csv > frames.csv
  framing frames article.txt --sentences      # each sentence's frame and the cues behind it
  framing frames corpus/ --no-models          # the frame lexicon alone
"""


def profile_row(s: Any) -> dict[str, Any]:
    """One article's frame profile as a flat record (the CSV/JSON row of ``framing frames``)."""
    from framing.text.frames import FRAMES, NEWS_FRAMES, ROLES

    a = s.article
    row: dict[str, Any] = {"id": a.id, "outlet": a.outlet.name, "n_sentences": len(s.sentences), "error": s.error}
    f = s.frames
    if f is None:
        return row
    row["primary_frame"] = f["primary"]["id"]
    row["primary_share"] = round(f["primary"]["share"], 4)
    row.update({f"{fr.id}_share": round(s.metrics.get(f"frames.{fr.id}_share", 0.0), 4) for fr in FRAMES})
    row.update({f"news_{nf.id}": s.metrics.get(f"news_frames.{nf.id}", 0.0) for nf in NEWS_FRAMES})
    cast = _cast(s)
    row.update({r: "; ".join(f"{actor} ({n})" for actor, n in cast[r]) for r in ROLES})
    return row


def _cast(s: Any) -> dict[str, list[tuple[str, int]]]:
    """role -> [(actor or participant, count)], most often cast first."""
    from collections import Counter

    counts: dict[str, Counter[str]] = {"victim": Counter(), "villain": Counter(), "hero": Counter()}
    for e in s.evidence:
        if e.category.startswith("role."):
            who = e.note.rpartition("actors: ")[2] if "actors: " in e.note else e.text
            counts[e.category.removeprefix("role.")][who] += 1
    return {r: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for r, c in counts.items()}


@click.command("frames", epilog=_EXAMPLES)
@click.argument("paths", nargs=-1, required=True)
@_OUTLETS
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--sentences", "with_sentences", is_flag=True, help="Also print each sentence's frame and its cues.")
@click.option("--top", type=click.IntRange(min=1), default=3, show_default=True, help="Frames shown per article.")
@click.option("--models/--no-models", "use_models", default=True, show_default=True,
              help="Use the frame model and the other models; --no-models: the frame lexicon alone.")  # fmt: skip
def frames_cmd(
    paths: Sequence[str], outlet_tables: Sequence[str], fmt: str, with_sentences: bool, top: int, use_models: bool
) -> None:
    """Print each article's frame profile: its primary frame and top frames (share of sentences), its generic
    news-frame scores and who it casts as victim, villain or hero."""
    from framing.io import read_articles
    from framing.scoring import Scorer

    try:
        scorer = Scorer(outlet_tables=outlet_tables, models=use_models)
        scores = list(scorer.score_stream(read_articles(list(paths), outlet_tables=outlet_tables)))
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    failures = sum(_count(s) for s in scores)
    rows = [profile_row(s) for s in scores]
    if fmt == "json":
        out = []
        for s, row in zip(scores, rows, strict=True):
            rec = {**row, "frames": s.frames}
            if with_sentences:
                rec["sentences"] = _sentence_frames(s)
            out.append(rec)
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import pandas as pd

        click.echo(pd.DataFrame(rows).to_csv(index=False), nl=False)
    else:
        _print_table(scores, rows, top, with_sentences)
    sys.exit(1 if failures else 0)


def _sentence_frames(s: Any) -> list[dict[str, Any]]:
    items = {e.sentence: e for e in s.evidence if e.category.startswith("frame_sentence.")}
    out = []
    for sent in s.sentences:
        e = items.get(sent.index)
        out.append({"sentence": sent.index, "text": sent.text,
                    "frame": e.category.removeprefix("frame_sentence.") if e else "other",
                    "confidence": e.weight if e else None, "why": e.note if e else ""})  # fmt: skip
    return out


def _print_table(scores: Sequence[Any], rows: Sequence[dict[str, Any]], top: int, with_sentences: bool) -> None:
    from rich.table import Table

    from framing.text.frames import FRAMES, FRAMES_BY_ID, NEWS_FRAMES

    console = _console()
    table = Table(title="frame profile per article")
    for col in ("article", "outlet", "primary frame", f"top {top} frames (share of sentences)", "news frames",
                "victim", "villain", "hero"):  # fmt: skip
        table.add_column(col, overflow="fold")
    for s, row in zip(scores, rows, strict=True):
        if s.error is not None:
            table.add_row(s.article.id, s.article.outlet.name or "", "error", s.error, "", "", "", "")
            continue
        shares = sorted(((row[f"{f.id}_share"], f.id) for f in FRAMES if row.get(f"{f.id}_share", 0) > 0), reverse=True)
        primary = FRAMES_BY_ID[row["primary_frame"]]
        table.add_row(
            s.article.id,
            s.article.outlet.name or "unknown",
            f"{primary.label} ({row['primary_share']:.2f})",
            ", ".join(f"{fid} {v:.2f}" for v, fid in shares[:top]),
            ", ".join(f"{nf.id} {row[f'news_{nf.id}']:.2f}" for nf in NEWS_FRAMES if row[f"news_{nf.id}"] > 0),
            row["victim"],
            row["villain"],
            row["hero"],
        )
    console.print(table)
    if with_sentences:
        for s in scores:
            if s.error is not None:
                continue
            console.print(f"\n[bold]{s.article.id}[/bold]")
            for item in _sentence_frames(s):
                console.print(f"  [{item['sentence']}] {item['frame']}: {item['text']}", markup=False)
                if item["why"]:
                    console.print(f"      {item['why']}", markup=False)

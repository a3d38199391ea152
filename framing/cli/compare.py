"""``framing compare``: compare groups of articles and write the HTML report."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from framing.cli._common import (
    _ACTORS,
    _OUTLETS,
    _TERMPACKS,
    DAYS,
    _count,
    _err_console,
    _parse_columns,
    _record_columns,
)
from framing.errors import FramingError


@click.command(
    "compare",
    epilog="\b\nExamples:\n  framing compare ../shared/seeds/*.txt --out report/\n"
    "  framing compare corpus/ --by outlet_country --out report/\n"
    "  framing compare data.jsonl --column outlet=site --by outlet --out report/",
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--by",
    default="outlet",
    show_default=True,
    help="Group by this article-table column: outlet, outlet_country, outlet_ownership, outlet_wire, "
    "meta.<record field>, or date_month (also date_week, date_year ...).",
)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the report.")
@_OUTLETS
@_record_columns
@_ACTORS
@_TERMPACKS
@click.option(
    "--n-boot",
    type=click.IntRange(min=100),
    default=2000,
    show_default=True,
    help="Bootstrap resamples for confidence intervals.",
)
@click.option(
    "--story-window",
    type=DAYS,
    default="3",
    show_default=True,
    help="Days within which articles can be one story ('none': dates ignored). A corpus of 12 articles or fewer "
    "is grouped without a window.",
)
@click.option("--title", default=None, help="Report title.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr.")
def compare_cmd(
    paths: Sequence[str],
    by: str,
    out_dir: str,
    outlet_tables: Sequence[str],
    column_map: Sequence[str],
    text_column: str | None,
    actor_files: Sequence[str],
    termpacks: Sequence[str],
    n_boot: int,
    story_window: float | None,
    title: str | None,
    progress: bool,
) -> None:
    """Compare framing across groups of articles and write an HTML report with CSVs and figures."""
    from pathlib import Path

    from framing.io import read_articles
    from framing.report.comparison import build_comparison_report
    from framing.scoring import Scorer
    from framing.text.actors import load_actor_set

    columns = _parse_columns(column_map, text_column)
    try:
        actor_sets = [load_actor_set(p) for p in actor_files] or None
        scorer = Scorer(outlet_tables=outlet_tables, termpacks=termpacks)
        articles = read_articles(list(paths), columns=columns, outlet_tables=outlet_tables)
        scores = []
        if progress:
            from rich.progress import Progress

            with Progress(transient=True, console=_err_console()) as bar:
                task = bar.add_task("scoring", total=None)
                for s in scorer.score_stream(articles):
                    scores.append(s)
                    bar.advance(task)
        else:
            scores = list(scorer.score_stream(articles))
        failures = sum(_count(s) for s in scores)
        command = "framing compare " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else ""
        index = build_comparison_report(
            scores,
            Path(out_dir),
            by=by,
            title=title,
            command=command,
            n_boot=n_boot,
            actor_sets=actor_sets,
            story_window=story_window,
        )
    except (FramingError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"report: {index}")
    folder = Path(out_dir)
    click.echo(f"tables: {folder / 'articles.csv'}, {folder / 'evidence.csv'}; figures: {folder / 'figures'}")
    sys.exit(1 if failures else 0)

"""``framing actors``: who is named how, who speaks, in what terms."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from framing.cli._common import _ACTORS, _OUTLETS, _console, _count
from framing.errors import FramingError


@click.command(
    "actors",
    epilog="\b\nExamples:\n  framing actors ../shared/seeds/\n"
    "  framing actors corpus/ --actors my_actors.yaml --format csv > actors.csv",
)
@click.argument("paths", nargs=-1, required=True)
@_ACTORS
@_OUTLETS
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def actors_cmd(paths: Sequence[str], actor_files: Sequence[str], outlet_tables: Sequence[str], fmt: str) -> None:
    """Per article and actor: how it is named, its statements, non-neutral and hedged shares."""
    from framing.compare.actors import actor_table
    from framing.io import read_articles
    from framing.scoring import Scorer
    from framing.text.actors import load_actor_set

    try:
        sets = [load_actor_set(p) for p in actor_files] or None
        scorer = Scorer(outlet_tables=outlet_tables)
        scores = list(scorer.score_stream(read_articles(list(paths), outlet_tables=outlet_tables)))
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    failures = sum(_count(s) for s in scores)
    df = actor_table(scores, sets)
    if fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=2))
    else:
        from rich.table import Table

        cols = ["article_id", "outlet", "actor", "mentions", "naming", "statements", "nonneutral_share", "hedged_share"]
        table = Table(title="actors per article")
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in df[cols].itertuples(index=False):
            table.add_row(*("" if v is None or v != v else f"{v:.2f}" if isinstance(v, float) else str(v) for v in row))
        _console().print(table)
    sys.exit(1 if failures else 0)

"""``framing outlets``: the outlet table with ownership and citations."""

from __future__ import annotations

from collections.abc import Sequence

import click

from framing.cli._common import _OUTLETS, _console
from framing.errors import FramingError


@click.command(
    "outlets",
    epilog="\b\nExamples:\n  framing outlets\n  framing outlets --country RU\n"
    "  framing outlets --outlets mine.yaml --format csv",
)
@_OUTLETS
@click.option("--country", default=None, help="Only outlets of this ISO country code.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def outlets_cmd(outlet_tables: Sequence[str], country: str | None, fmt: str) -> None:
    """List the outlet table (bundled plus --outlets), with ownership and the source of each fact."""
    from framing.outlets import load_outlet_table

    try:
        df = load_outlet_table(outlet_tables).to_frame()
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    if country:
        df = df[df["country"].fillna("").str.upper() == country.upper()]
    if fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=2))
    else:
        from rich.table import Table

        table = Table(title=f"{len(df)} outlets")
        for col in ("id", "name", "domains", "kind", "country", "ownership", "parent"):
            table.add_column(col, overflow="fold")
        for row in df.itertuples():
            table.add_row(
                *(
                    str(getattr(row, c) or "")
                    for c in ("id", "name", "domains", "kind", "country", "ownership", "parent")
                )
            )
        _console().print(table)

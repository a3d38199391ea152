"""``framing validate``: measure every scorer on the annotated dev sets and rewrite the report."""

from __future__ import annotations

import sys

import click


@click.command(
    "validate",
    epilog="\b\nExamples:\n  framing validate --data ../shared/data\n"
    "  framing validate --data ~/datasets --out /tmp/report\n"
    "  framing validate --data ../shared/data --only hedging",
)
@click.option(
    "--data",
    "data_root",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the annotated datasets (polnear/, wikiweasel/, babe/, newssd/, ...).",
)
@click.option(
    "--out",
    "out_dir",
    default="reports",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where to write validation.md and validation.json.",
)
@click.option(
    "--only",
    multiple=True,
    metavar="MODULE",
    help="Rerun only this evaluation (e.g. hedging or framing.validation.models) and keep the report's other "
    "sections as they are. Repeatable.",
)
def validate_cmd(data_root: str, out_dir: str, only: tuple[str, ...]) -> None:
    """Measure every scorer against human annotations (dev portions) and write the validation report."""
    from pathlib import Path

    from framing.validation.report import run_validation

    try:
        ok = run_validation(Path(data_root), Path(out_dir), only=only)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(
        f"wrote {Path(out_dir) / 'validation.md'}" + ("" if ok else " (some evaluations failed: see the report)")
    )
    sys.exit(0 if ok else 1)

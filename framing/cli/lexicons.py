"""``framing lexicons list|show|validate``: the bundled data files and checks of your own."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from framing.cli._common import _console
from framing.errors import FramingError


@click.group(
    "lexicons",
    epilog="\b\nExamples:\n  framing lexicons list\n  framing lexicons show hedges\n"
    "  framing lexicons validate my_hedges.tsv my_pack.yaml",
)
def lexicons_group() -> None:
    """List, show and validate lexicons, term packs, actor sets and outlet tables."""


@lexicons_group.command("list", epilog="\b\nExamples:\n  framing lexicons list\n  framing lexicons list --format json")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def lexicons_list(fmt: str) -> None:
    """List the bundled data files with kind, version, licence, entry count and sha256."""
    from framing.text.catalog import build_manifest

    files = build_manifest()["files"]
    if fmt == "json":
        click.echo(json.dumps(files, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{len(files)} bundled data files")
    for col in ("name", "version", "kind", "entries", "licence", "file", "sha256"):
        table.add_column(col, overflow="fold")
    for f in files:
        table.add_row(f["name"], f["version"], f["kind"], str(f["entries"]), f["licence"], f["file"], f["sha256"][:12])
    _console().print(table)


@lexicons_group.command(
    "show",
    epilog="\b\nExamples:\n  framing lexicons show hedges\n"
    "  framing lexicons show israel-palestine\n  framing lexicons show ./my_hedges.tsv",
)
@click.argument("name")
def lexicons_show(name: str) -> None:
    """Show the entries of a bundled data file (by name) or of a file (by path)."""
    from pathlib import Path

    from framing.text.catalog import iter_bundled, load_any

    try:
        found = load_any(name) if Path(name).is_file() else next((f for f in iter_bundled() if f.name == name), None)
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    if found is None:
        names = ", ".join(f.name for f in iter_bundled())
        raise click.UsageError(f"no data file named {name!r}; available: {names}")
    from rich.table import Table

    if found.kind == "phrase-lexicon":
        table = Table(title=f"{found.obj.ref} ({found.path.name}) - {found.obj.description}")
        for col in ("term", "category", "weight", "pos", "source"):
            table.add_column(col)
        for e in found.obj.entries:
            table.add_row(e.term, e.category, f"{e.weight:g}", e.pos, e.source)
    elif found.kind == "termpack":
        table = Table(title=f"{found.obj.ref} ({found.path.name})")
        for col in ("concept", "variant", "label", "patterns", "context"):
            table.add_column(col, overflow="fold")
        for c in found.obj.concepts:
            for v in c.variants:
                table.add_row(
                    c.id,
                    v.id,
                    v.label,
                    "; ".join(v.patterns),
                    "; ".join(v.context) + (" (metonym)" if v.metonym else ""),
                )
    elif found.kind == "actors":
        table = Table(title=f"{found.obj.ref} ({found.path.name})")
        for col in ("actor", "label", "aliases", "term-pack concept"):
            table.add_column(col, overflow="fold")
        for a in found.obj.actors:
            table.add_row(a.id, a.label, "; ".join(a.aliases), a.termpack_concept or "")
    else:
        raise click.UsageError(f"{name} is an outlet table: use `framing outlets`")
    _console().print(table)


@lexicons_group.command(
    "validate",
    epilog="\b\nExamples:\n  framing lexicons validate my_hedges.tsv\n"
    "  framing lexicons validate lexicons/*.tsv lexicons/termpacks/*.yaml",
)
@click.argument("paths", nargs=-1, required=True)
def lexicons_validate(paths: Sequence[str]) -> None:
    """Check lexicon / term-pack / actor / outlet files; print file:line and the reason for each problem."""
    from framing.text.catalog import load_any

    bad = 0
    for p in paths:
        try:
            f = load_any(p)
        except FramingError as exc:
            bad += 1
            click.echo(f"error: {exc}", err=True)
            continue
        click.echo(f"ok: {p}: {f.kind} {f.name}@{f.version}, {f.entries} entries")
    sys.exit(1 if bad else 0)

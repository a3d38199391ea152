"""Command-line interface: ``framing score``, ``framing outlets``.

Exit codes: 0 when every input was scored, 1 when some failed (the others are still scored and each failure
is named on stderr), 2 on usage errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

import click

from framing._version import __version__
from framing.errors import FramingError
from framing.evidence import MODEL_DIMENSION

__all__ = ["main"]

_SCORE_EXAMPLES = """
\b
Examples:
  framing score article.txt
  framing score corpus/ --format json > scores.json
  framing score 'news/**/*.html' --format csv > scores.csv
  framing score ../shared/seeds/000_f98a85b1e89d166b.txt --explain
  cat page.html | framing score - --input-format html
  framing score data.csv --text-column body --column outlet=site --outlets my_outlets.yaml
  framing score corpus/ --no-models --format csv   # lexicons and rules only
"""

_TABLE_COLUMNS = (
    ("hedges/100s", "hedging.hedges_per_100_sentences"),
    ("boost/100s", "hedging.boosters_per_100_sentences"),
    ("attrib", "attribution.attributed_sentence_share"),
    ("anon", "attribution.anonymous_share"),
    ("non-neutral", "attribution.nonneutral_cue_share"),
    ("loaded/1kw", "word_choice.loaded_per_1000_words"),
    ("FRE", "readability.flesch_reading_ease"),
    ("subj", "models.subjective.mean"),
)
_STYLES = {"hedging": "black on yellow", "attribution": "black on cyan", "word_choice": "black on red"}


def _files_option(flag: str, dest: str, help: str) -> Callable[[Any], Any]:
    return click.option(flag, dest, multiple=True, type=click.Path(exists=True, dir_okay=False), help=help)


_OUTLETS = _files_option(
    "--outlets", "outlet_tables", "Extra outlet table (YAML, schema framing-outlets/1). Repeatable."
)
_TERMPACKS = _files_option("--termpack", "termpacks", "Extra or replacement term pack (YAML). Repeatable.")
_ACTORS = _files_option("--actors", "actor_files", "Actor set (YAML) instead of the bundled ones. Repeatable.")


def _record_columns(f: Any) -> Any:
    """``--text-column`` and ``--column ATTR=NAME``: field names of JSON/CSV records."""
    help_column = "Field of JSON/CSV records for title, url, date, outlet, byline or id, e.g. outlet=site."
    f = click.option("--column", "column_map", multiple=True, metavar="ATTR=NAME", help=help_column)(f)
    return click.option(
        "--text-column", default=None, help="Text field of JSON/CSV records (default: text, body ...)."
    )(f)


class _LazyGroup(click.Group):
    """A group whose heavy commands (model training imports scikit-learn) load only when used."""

    lazy: ClassVar[dict[str, str]] = {"train": "framing.models.cli:train", "evaluate": "framing.models.cli:evaluate"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module, _, attr = self.lazy[cmd_name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="framing")
def main() -> None:
    """Measure source bias and framing in news articles: word choice, attribution and hedging.

    \b
    Examples:
      framing score article.txt --explain
      framing score corpus/ --format json
      framing outlets --country RU
      framing lexicons list
    """


@main.command("score", epilog=_SCORE_EXAMPLES)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="Output format: a summary table, a JSON array of article records, JSON lines, or CSV.",
)
@click.option("--explain", is_flag=True, help="Print each sentence with its evidence highlighted (replaces --format).")
@_OUTLETS
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra or replacement lexicon (TSV, same schema as the bundled ones). Repeatable.",
)
@_record_columns
@click.option(
    "--input-format",
    type=click.Choice(["txt", "html", "jsonl", "json", "csv"]),
    default=None,
    help="Read every input in this format instead of guessing from the file suffix.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest single article in bytes (default 20000000 or $FRAMING_MAX_BYTES).",
)
@_TERMPACKS
@click.option("--sentences", "with_sentences", is_flag=True, help="Include the sentences and their offsets in JSON.")
@click.option(
    "--models/--no-models",
    "use_models",
    default=True,
    show_default=True,
    help="Add the trained classifiers available here: sentence probabilities as evidence, the article's lean "
    "when a lean model was trained (framing/models/data/MANIFEST.json lists them and their dev numbers).",
)
def score_cmd(
    paths: Sequence[str],
    fmt: str,
    explain: bool,
    outlet_tables: Sequence[str],
    lexicons: Sequence[str],
    text_column: str | None,
    column_map: Sequence[str],
    input_format: str | None,
    max_bytes: int | None,
    termpacks: Sequence[str],
    with_sentences: bool,
    use_models: bool,
) -> None:
    """Score news articles in PATHS (files, directories, globs, or - for stdin).

    With models on (the default), every sentence also gets the probability of each available sentence
    classifier (shipped: subjective; `framing train biased|hedged|attributed|lean` adds the others) and the article
    gets its lean estimate when a lean model exists. A damaged model file stops the run with its name.
    """
    from framing.reading import read_articles
    from framing.scoring import Scorer

    columns = _parse_columns(column_map, text_column)
    try:
        scorer = Scorer(lexicons=lexicons, outlet_tables=outlet_tables, termpacks=termpacks, models=use_models)
        scorer.lexicons_  # noqa: B018 - load now so a malformed lexicon is a usage error, before any output
        scorer.models_  # noqa: B018 - and a damaged model file too
        articles = read_articles(
            list(paths),
            columns=columns,
            max_bytes=max_bytes,
            outlet_tables=outlet_tables,
            format=input_format,
        )
        results = (scorer.score(a) for a in articles)
        failures = _emit(results, "explain" if explain else fmt, with_sentences)
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(1 if failures else 0)


def _parse_columns(items: Sequence[str], text_column: str | None = None) -> dict[str, str]:
    """``--column ATTR=NAME`` options (and ``--text-column``) as the reader's column mapping."""
    from framing.reading import DEFAULT_COLUMNS

    out: dict[str, str] = {"text": text_column} if text_column else {}
    for item in items:
        attr, sep, name = item.partition("=")
        if not sep or not name or attr not in DEFAULT_COLUMNS:
            raise click.BadParameter(
                f"{item!r}: expected ATTR=NAME with ATTR one of {', '.join(DEFAULT_COLUMNS)}", param_hint="--column"
            )
        out[attr] = name
    return out


def _report_failure(s: Any) -> None:
    click.echo(f"error: {s.error}", err=True)


def _emit(results: Iterator[Any], fmt: str, with_sentences: bool) -> int:
    failures = 0
    if fmt == "jsonl":
        for s in results:
            failures += _count(s)
            click.echo(json.dumps(s.to_dict(sentences=with_sentences), ensure_ascii=False))
        return failures
    if fmt == "explain":
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
        for s in results:
            failures += _count(s)
            if s.error is None:
                _explain(console, s)
        return failures
    collected = []
    for s in results:
        failures += _count(s)
        collected.append(s)
    if fmt == "json":
        click.echo(json.dumps([s.to_dict(sentences=with_sentences) for s in collected], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import pandas as pd

        from framing.scoring import _article_row

        click.echo(pd.DataFrame([_article_row(s) for s in collected]).to_csv(index=False), nl=False)
    else:
        _table(collected)
    return failures


def _count(s: Any) -> int:
    if s.error is not None:
        _report_failure(s)
        return 1
    return 0


def _console() -> Any:
    from rich.console import Console

    console = Console(highlight=False)
    # files and pipes get 80 columns by default, which folds every id; tables there get room instead
    return console if console.is_terminal else Console(highlight=False, width=200)


def _table(scores: Sequence[Any]) -> None:
    from rich.table import Table

    table = Table(title="framing scores", show_lines=False)
    for col in ("id", "outlet", "date", "sent", *(c for c, _ in _TABLE_COLUMNS)):
        table.add_column(col, justify="right" if col not in {"id", "outlet", "date"} else "left", overflow="fold")
    for s in scores:
        if s.error is not None:
            continue
        a = s.article
        outlet = a.outlet.name or "unknown"
        if a.outlet.wire and a.outlet.wire != a.outlet.name:
            outlet += f" ({a.outlet.wire} copy)"
        table.add_row(a.id, outlet, a.date or "", str(len(s.sentences)),
                      *(f"{s.metrics[k]:.2f}" if k in s.metrics else "-" for _, k in _TABLE_COLUMNS))  # fmt: skip
    _console().print(table)


def _explain(console: Any, s: Any) -> None:
    from rich.rule import Rule
    from rich.text import Text

    a = s.article
    o = a.outlet
    console.print(Rule(Text(a.title or a.id, style="bold")))
    outlet = o.name or "unknown outlet"
    details = "; ".join(o.how) if o.how else "; ".join(o.hints) or "no clue found"
    console.print(Text(f"{a.id} · {a.source_path} · {a.date or 'date unknown'}"))
    console.print(
        Text(f"outlet: {outlet}" + (f" (wire: {o.wire})" if o.wire else "") + f" [{o.confidence}: {details}]")
    )
    if s.lean is not None:
        probs = ", ".join(f"{k} {v:.2f}" for k, v in s.lean["probabilities"].items())
        console.print(Text(f"lean estimate: {s.lean['label']} ({probs}) [{s.lean['model']}]"))
        console.print(Text(f"  caveat: {s.lean['caveat']}", style="dim"))
    console.print(Text(f"legend: hedging / attribution / word choice; {len(s.evidence)} evidence items", style="dim"))
    for sent in s.sentences:
        items = [e for e in s.evidence if e.sentence == sent.index and e.dimension != MODEL_DIMENSION]
        line = Text(f"[{sent.index}] ", style="dim")
        body = Text(sent.text)
        for e in items:
            body.stylize(_STYLES.get(e.dimension, "reverse"), e.start - sent.start, e.end - sent.start)
        line.append_text(body)
        console.print(line)
        probs = [e for e in s.evidence if e.sentence == sent.index and e.dimension == MODEL_DIMENSION]
        if probs:
            console.print(Text("      model       " + "; ".join(f"{e.category} {e.note}" for e in probs), style="dim"))
        for e in items:
            flag = " (negated)" if e.negated else ""
            console.print(Text(f"      {e.dimension:<11} {e.category:<20} {e.text!r} w={e.weight:g} [{e.entry}]{flag}",
                               style="dim" if e.weight == 0 else ""))  # fmt: skip
    console.print()


@main.command(
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


@main.command(
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
    title: str | None,
    progress: bool,
) -> None:
    """Compare framing across groups of articles and write an HTML report with CSVs and figures."""
    from pathlib import Path

    from framing.actors import load_actor_set
    from framing.comparison_report import build_comparison_report
    from framing.reading import read_articles
    from framing.scoring import Scorer

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
                for a in articles:
                    scores.append(scorer.score(a))
                    bar.advance(task)
        else:
            scores = [scorer.score(a) for a in articles]
        failures = sum(_count(s) for s in scores)
        command = "framing compare " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else ""
        index = build_comparison_report(
            scores, Path(out_dir), by=by, title=title, command=command, n_boot=n_boot, actor_sets=actor_sets
        )
    except (FramingError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"report: {index}")
    folder = Path(out_dir)
    click.echo(f"tables: {folder / 'articles.csv'}, {folder / 'evidence.csv'}; figures: {folder / 'figures'}")
    sys.exit(1 if failures else 0)


def _err_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@main.command(
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
    from framing.actors import actor_table, load_actor_set
    from framing.reading import read_articles
    from framing.scoring import Scorer

    try:
        sets = [load_actor_set(p) for p in actor_files] or None
        scorer = Scorer(outlet_tables=outlet_tables)
        scores = [scorer.score(a) for a in read_articles(list(paths), outlet_tables=outlet_tables)]
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


@main.group(
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
    from framing.catalog import build_manifest

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

    from framing.catalog import iter_bundled, load_any

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
    from framing.catalog import load_any

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


@main.command(
    "validate",
    epilog="\b\nExamples:\n  framing validate --data ../shared/data\n"
    "  framing validate --data ~/datasets --out /tmp/report",
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
def validate_cmd(data_root: str, out_dir: str) -> None:
    """Measure every scorer against human annotations (dev portions) and write the validation report."""
    from pathlib import Path

    from framing.validation.report import run_validation

    ok = run_validation(Path(data_root), Path(out_dir))
    click.echo(
        f"wrote {Path(out_dir) / 'validation.md'}" + ("" if ok else " (some evaluations failed: see the report)")
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":  # pragma: no cover
    main()

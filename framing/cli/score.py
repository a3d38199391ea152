"""``framing score``: score articles and print a table, JSON, JSON lines, CSV or each sentence with its evidence."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

import click

from framing.cli._common import (
    _OUTLETS,
    _REPEAT_OPTIONS,
    _RUN_OPTIONS,
    _STORE_OPTIONS,
    _TERMPACKS,
    _batch_job,
    _check_repeats,
    _cluster,
    _console,
    _parse_columns,
    _peek,
    _record_columns,
    _show_progress,
    _writable_folder,
)
from framing.errors import FramingError
from framing.evidence import MODEL_DIMENSION

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
  framing score archive.jsonl --jobs 2 --format jsonl > scores.jsonl   # (all cores is the default)
  framing score archive.jsonl --store results/          # into a store: only what it does not hold yet
  framing score archive.jsonl --store results/ --resume # finish a run that was interrupted
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

_STYLES = {"hedging": "black on yellow", "attribution": "black on cyan", "word_choice": "black on red",
           "framing": "black on magenta"}  # fmt: skip


@click.command("score", epilog=_SCORE_EXAMPLES)
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
@_REPEAT_OPTIONS
@_RUN_OPTIONS
@_STORE_OPTIONS
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
    repeats: bool,
    stock: bool,
    jobs: int,
    scheduler: str | None,
    quiet: bool,
    chunk_size: int,
    store: str | None,
    resume: bool,
    commit_every: int,
) -> None:
    """Score news articles in PATHS (files, directories, globs, or - for stdin).

    With models on (the default), every sentence also gets the probability of each available sentence
    classifier (shipped: subjective; `framing train biased|hedged|attributed|lean` adds the others) and the article
    gets its lean estimate when a lean model exists. A damaged model file stops the run with its name.
    """
    from framing.io.read import iter_units, read_options
    from framing.runs.pool import ScoreJob, runner
    from framing.runs.progress import count_units, progress_bar
    from framing.scoring import Scorer

    columns = _parse_columns(column_map, text_column)
    fmt = "explain" if explain else fmt
    try:
        scorer = Scorer(
            lexicons=lexicons, outlet_tables=outlet_tables, termpacks=termpacks, models=use_models, stock=stock
        )
        scorer.lexicons_  # noqa: B018 - load now so a malformed lexicon is a usage error, before any output
        scorer.models_  # noqa: B018 - and a damaged model file too
        opts = read_options(columns=columns, max_bytes=max_bytes, outlet_tables=outlet_tables, format=input_format)
        repeats = _check_repeats(repeats, stock, store)
        if resume and store is None:
            raise click.UsageError("--resume finishes an interrupted run into a store: give --store PATH")
        if store is not None:
            _writable_folder(store, "--store")
        job = ScoreJob(scorer, opts, partial(_payload, fmt=fmt, sentences=with_sentences))
        with _cluster(scheduler, job) as (executor, depth):
            if store is not None:
                read = {"columns": columns, "max_bytes": max_bytes, "format": input_format}
                run_opts = {"n_jobs": jobs, "executor": executor, "depth": depth, "chunk_size": chunk_size}
                sys.exit(_into_store(list(paths), store, scorer, read, run_opts, quiet, resume, commit_every))
            show = _show_progress(quiet)
            total = count_units(list(paths), opts) if show else None
            # the pool starts first: its workers are forked before the bar's thread exists
            units, jobs = _peek(iter_units(list(paths), opts), chunk_size, jobs)
            with runner(job, n_jobs=jobs, executor=executor, depth=depth, chunk_size=chunk_size) as run:
                batch_job = _batch_job(run, paths, opts, repeats)
                with progress_bar(total, enabled=show) as bar:
                    failures = _emit(_tally(run(units, batch_job), bar), fmt)
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(1 if failures else 0)


def _into_store(
    paths: list[str],
    store: str,
    scorer: Any,
    read: dict[str, Any],
    run_opts: dict[str, Any],
    quiet: bool,
    resume: bool,
    commit_every: int,
) -> int:
    """Score into the store and print what was done; the exit status (1 when some articles failed)."""
    from framing.runs.archive import score_into_store

    done = score_into_store(
        paths, store, scorer=scorer, read=read, resume=resume, progress=_show_progress(quiet),
        commit_every=commit_every, **run_opts,
    )  # fmt: skip
    for error in done.errors:  # each input without scores, this run's or reused, named as in the other formats
        click.echo(f"error: {error}", err=True)
    reused_failed = len(done.errors) - done.failed
    click.echo(
        f"store {store}: {done.stored} articles; this run scored {done.scored} ({done.failed} failed), reused "
        f"{done.reused}" + (f" ({reused_failed} failed before)" if reused_failed else "")
        + (f", kept {done.migrated} that a lexicon change cannot alter" if done.migrated else "")
    )
    return 1 if done.errors else 0


def _payload(s: Any, *, fmt: str, sentences: bool) -> tuple[str | None, Any]:
    """What a worker sends back for one article: its error and what the format prints (runs in the worker)."""
    if fmt == "jsonl":
        return s.error, json.dumps(s.to_dict(sentences=sentences), ensure_ascii=False)
    if fmt == "json":
        return s.error, s.to_dict(sentences=sentences)
    if fmt == "csv":
        from framing.corpus import article_row

        return s.error, article_row(s)
    return s.error, s


def _tally(results: Iterator[tuple[str | None, Any]], bar: Any) -> Iterator[tuple[str | None, Any]]:
    for error, payload in results:
        if error is not None:
            click.echo(f"error: {error}", err=True)
        bar.advance(error is not None)
        yield error, payload


def _emit(results: Iterator[tuple[str | None, Any]], fmt: str) -> int:
    """Print the results in ``fmt``; return how many articles failed (their errors went to stderr)."""
    failures = 0
    if fmt == "jsonl":
        for error, line in results:
            failures += error is not None
            click.echo(line)
        return failures
    if fmt == "explain":
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True, markup=False)
        for error, s in results:
            failures += error is not None
            if error is None:
                _explain(console, s)
        return failures
    collected = []
    for error, payload in results:
        failures += error is not None
        collected.append(payload)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import pandas as pd

        click.echo(pd.DataFrame(collected).to_csv(index=False), nl=False)
    else:
        _table(collected)
    return failures


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
    console.print(
        Text(f"legend: hedging / attribution / word choice / framing; {len(s.evidence)} evidence items", style="dim")
    )
    for sent in s.sentences:
        here = [e for e in s.evidence if e.sentence == sent.index and e.dimension != MODEL_DIMENSION]
        items = [e for e in here if not e.category.startswith("frame_sentence.")]
        line = Text(f"[{sent.index}] ", style="dim")
        body = Text(sent.text)
        for e in items:
            body.stylize(_STYLES.get(e.dimension, "reverse"), e.start - sent.start, e.end - sent.start)
        line.append_text(body)
        console.print(line)
        probs = [e for e in s.evidence if e.sentence == sent.index and e.dimension == MODEL_DIMENSION]
        if probs:
            console.print(Text("      model       " + "; ".join(f"{e.category} {e.note}" for e in probs), style="dim"))
        for e in here:
            if e.category.startswith("frame_sentence."):
                console.print(Text(f"      frame       {e.note} [{e.entry}]", style="dim"))
        for e in items:
            flag = " (negated)" if e.negated else ""
            console.print(Text(f"      {e.dimension:<11} {e.category:<20} {e.text!r} w={e.weight:g} [{e.entry}]{flag}",
                               style="dim" if e.weight == 0 else ""))  # fmt: skip
    console.print()

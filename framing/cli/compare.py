"""``framing compare``: compare groups of articles and write the HTML report."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from framing.cli._common import (
    _ACTORS,
    _OUTLETS,
    _REPEAT_OPTIONS,
    _RUN_OPTIONS,
    _STORE_OPTIONS,
    _TERMPACKS,
    DAYS,
    _batch_job,
    _check_repeats,
    _cluster,
    _count,
    _parse_columns,
    _peek,
    _record_columns,
    _show_progress,
    _writable_folder,
)
from framing.errors import FramingError


@click.command(
    "compare",
    epilog="\b\nExamples:\n  framing compare ../shared/seeds/*.txt --out report/\n"
    "  framing compare corpus/ --by outlet_country --out report/\n"
    "  framing compare data.jsonl --column outlet=site --by outlet --out report/\n"
    "  framing compare archive.jsonl --store results/ --out report/   # scores what the store lacks, then compares\n"
    "  framing compare --store results/ --by meta.lean --out report2/  # from the store alone, nothing scored",
)
@click.argument("paths", nargs=-1, required=False)
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
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr (--quiet: none)."
)
@_REPEAT_OPTIONS
@_RUN_OPTIONS
@_STORE_OPTIONS
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
    """Compare framing across groups of articles in PATHS (or in --store) and write an HTML report with CSVs
    and figures."""
    from pathlib import Path

    from framing.io.read import iter_units, read_options
    from framing.report.comparison import build_comparison_report
    from framing.runs.pool import ScoreJob, runner
    from framing.runs.progress import count_units, progress_bar
    from framing.scoring import Scorer
    from framing.text.actors import load_actor_set

    columns = _parse_columns(column_map, text_column)
    try:
        actor_sets = [load_actor_set(p) for p in actor_files] or None
        scorer = Scorer(outlet_tables=outlet_tables, termpacks=termpacks, stock=stock)
        opts = read_options(columns=columns, outlet_tables=outlet_tables)
        show = progress and _show_progress(quiet)
        repeats = _check_repeats(repeats, stock, store)
        if not paths and store is None:
            raise click.UsageError("give the articles to compare (PATHS), or a results store (--store PATH)")
        _writable_folder(out_dir, "--out")
        if store is not None and paths:
            _writable_folder(store, "--store")
        job = ScoreJob(scorer, opts)
        with _cluster(scheduler if paths else None, job) as (executor, depth):
            run_opts = {"n_jobs": jobs, "executor": executor, "depth": depth, "chunk_size": chunk_size}
            if store is not None:
                scores = _from_store(list(paths), store, scorer, columns, run_opts, show, resume, commit_every)
            else:
                total = count_units(list(paths), opts) if show else None
                scores = []
                units, run_opts["n_jobs"] = _peek(iter_units(list(paths), opts), chunk_size, jobs)
                with runner(job, **run_opts) as run:
                    batch_job = _batch_job(run, paths, opts, repeats)
                    with progress_bar(total, enabled=show) as bar:
                        for s in run(units, batch_job):
                            scores.append(s)
                            bar.advance(s.error is not None)
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


def _from_store(
    paths: list[str],
    store: str,
    scorer: Any,
    columns: dict[str, str],
    run_opts: dict[str, Any],
    show: bool,
    resume: bool,
    commit_every: int,
) -> list[Any]:
    """The scored articles of the store, after scoring into it what PATHS hold and it does not."""
    from framing.runs.archive import score_into_store
    from framing.runs.store import Store

    if paths:
        done = score_into_store(
            paths, store, scorer=scorer, read={"columns": columns}, resume=resume, progress=show,
            commit_every=commit_every, **run_opts,
        )  # fmt: skip
        click.echo(f"store {store}: {done.stored} articles; scored {done.scored}, reused {done.reused}", err=True)
    with Store(store, read_only=True) as s:
        n_settings = s.sql("select count(distinct settings_id) from articles").fetchall()[0][0]
        if n_settings > 1:
            click.echo(
                f"note: the store's articles were scored with {n_settings} different settings (lexicons, models "
                "...); score them into the store again with the settings you want to compare them under",
                err=True,
            )
        return list(s.scores())

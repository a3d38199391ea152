"""Options and helpers shared by the commands: file options, record columns, consoles, failure counting."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click


def _files_option(flag: str, dest: str, help: str) -> Callable[[Any], Any]:
    return click.option(flag, dest, multiple=True, type=click.Path(exists=True, dir_okay=False), help=help)


_OUTLETS = _files_option(
    "--outlets", "outlet_tables", "Extra outlet table (YAML, schema framing-outlets/1). Repeatable."
)

_TERMPACKS = _files_option("--termpack", "termpacks", "Extra or replacement term pack (YAML). Repeatable.")

_ACTORS = _files_option("--actors", "actor_files", "Actor set (YAML) instead of the bundled ones. Repeatable.")


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:  # read where the error records are built, workers included; the group restores it afterwards
        import os

        from framing.errors import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"


def _RUN_OPTIONS(f: Any) -> Any:
    """``--jobs``, ``--quiet``, ``--debug`` (and the hidden ``--chunk-size``) of the commands that score a corpus."""
    f = click.option("--chunk-size", type=click.IntRange(min=1), default=32, hidden=True, help="Articles per task.")(f)
    debug_help = "Print the traceback of every internal error (a bug) on stderr (as framing --debug)."
    f = click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug, is_eager=True,
                     help=debug_help)(f)  # fmt: skip
    f = click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Run on this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local processes (needs framing[dask]).",
    )(f)
    quiet_help = "No progress bar (there is none when stderr is not a terminal)."
    f = click.option("--quiet", "-q", is_flag=True, help=quiet_help)(f)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=_default_jobs,
        show_default="all cores",
        help="Processes that read and score (1: this process only). The output is the same whatever the number.",
    )(f)


def _REPEAT_OPTIONS(f: Any) -> Any:
    """``--repeats/--no-repeats`` and ``--stock/--no-stock``: what recurs across the outlet's articles of a run."""
    f = click.option(
        "--stock/--no-stock",
        default=True,
        show_default=True,
        help="Score the stock paragraphs (background text recycled across an outlet's articles) with the rest, "
        "or leave them out of scoring (--no-stock looks for repeats, as --repeats).",
    )(f)
    return click.option(
        "--repeats/--no-repeats",
        default=False,
        show_default=True,
        help="Look for paragraphs recurring in 3 stories or more of one outlet among the inputs: furniture is "
        "removed as boilerplate, background prose marked as stock (a first pass reads the inputs; an article's "
        "result then depends on the others, so not with --store; not on standard input).",
    )(f)


def _check_repeats(repeats: bool, stock: bool, store: str | None) -> bool:
    """Whether to look for repeats; a usage error with a store, whose results are kept per input."""
    wanted = repeats or not stock
    if wanted and store is not None:
        flag = "--repeats" if repeats else "--no-stock"
        raise click.UsageError(f"{flag} cannot be used with --store: a stored result is kept per input, and with "
                               "repeats an article's result depends on the other inputs")  # fmt: skip
    return wanted


def _batch_job(run: Any, paths: Sequence[str], opts: Any, enabled: bool) -> Any:
    """The run's job, carrying the repeats of the inputs when they are looked for (a first pass)."""
    from itertools import islice

    from framing.io.read import iter_units
    from framing.io.repeats import MIN_STORIES
    from framing.runs.pool import find_batch_repeats

    if not enabled or "-" in paths:  # standard input cannot be read twice
        return run.job
    if sum(1 for _ in islice(iter_units(list(paths), opts), MIN_STORIES)) < MIN_STORIES:
        return run.job  # too few articles for anything to recur
    return find_batch_repeats(run, iter_units(list(paths), opts))


def _STORE_OPTIONS(f: Any) -> Any:
    """``--store PATH``, ``--resume`` (and the hidden ``--commit-every``)."""
    f = click.option("--commit-every", type=click.IntRange(min=1), default=128, hidden=True,
                     help="Articles per part of the store.")(f)  # fmt: skip
    f = click.option(
        "--resume", is_flag=True, help="Finish the interrupted last run into --store (the same settings)."
    )(f)
    return click.option(
        "--store",
        type=click.Path(file_okay=False),
        default=None,
        help="Write the results into this store folder (Parquet parts), scoring only articles it does not hold under "
        "the same settings; read it with framing.open_store or framing compare --store.",
    )(f)


@contextmanager
def _cluster(scheduler: str | None, job: Any) -> Iterator[tuple[Any, int | None]]:
    """``(executor, chunks in flight)`` of the Dask cluster at ``scheduler`` (``(None, None)`` without one)."""
    if scheduler is None:
        yield None, None
        return
    try:
        from distributed import Client
    except ImportError:
        raise click.UsageError("--scheduler needs Dask: pip install 'framing[dask]'") from None
    from framing.runs.pool import warm

    try:
        client = Client(scheduler, timeout=30)
    except OSError as exc:
        raise click.UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        client.run(warm, job)  # every worker loads the lexicons, outlet tables and models now, in parallel
        yield client.get_executor(), 2 * max(1, sum(client.nthreads().values()))


def _peek(units: Iterator[Any], chunk_size: int, jobs: int) -> tuple[Iterator[Any], int]:
    """The units again, and 1 job when they fit in one chunk (no pool to start for a few articles; the chunks,
    and so the output, are the same)."""
    from itertools import chain, islice

    first = list(islice(units, chunk_size + 1))
    return chain(first, units), (1 if len(first) <= chunk_size else jobs)


def _default_jobs() -> int:
    from framing.runs.pool import default_jobs

    return default_jobs()


def _show_progress(quiet: bool) -> bool:
    """A progress bar unless --quiet or stderr is not a terminal (a pipe, a log, CI)."""
    import os

    return not quiet and os.isatty(2)


def _record_columns(f: Any) -> Any:
    """``--text-column`` and ``--column ATTR=NAME``: field names of JSON/CSV records."""
    help_column = "Field of JSON/CSV records for title, url, date, outlet, byline or id, e.g. outlet=site."
    f = click.option("--column", "column_map", multiple=True, metavar="ATTR=NAME", help=help_column)(f)
    return click.option(
        "--text-column", default=None, help="Text field of JSON/CSV records (default: text, body ...)."
    )(f)


def _parse_columns(items: Sequence[str], text_column: str | None = None) -> dict[str, str]:
    """``--column ATTR=NAME`` options (and ``--text-column``) as the reader's column mapping."""
    from framing.io import DEFAULT_COLUMNS

    out: dict[str, str] = {"text": text_column} if text_column else {}
    for item in items:
        attr, sep, name = item.partition("=")
        if not sep or not name or attr not in DEFAULT_COLUMNS:
            raise click.BadParameter(
                f"{item!r}: expected ATTR=NAME with ATTR one of {', '.join(DEFAULT_COLUMNS)}", param_hint="--column"
            )
        out[attr] = name
    return out


def _writable_folder(path: str, option: str) -> None:
    """Make sure the folder of ``--out`` / ``--store`` can be written before any article is scored (a folder
    that cannot be made was found only after the whole run, and reported as a bug)."""
    import tempfile
    from pathlib import Path

    try:
        Path(path).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise click.UsageError(f"{option} {path}: cannot write there ({exc.strerror or exc})") from None


def _report_failure(s: Any) -> None:
    click.echo(f"error: {s.error}", err=True)


def _count(s: Any) -> int:
    if s.error is not None:
        _report_failure(s)
        return 1
    return 0


def _console() -> Any:
    from rich.console import Console

    # markup off: an id, title or outlet name such as "[/] Daily" is article text, not rich's markup
    console = Console(highlight=False, markup=False)
    # files and pipes get 80 columns by default, which folds every id; tables there get room instead
    return console if console.is_terminal else Console(highlight=False, markup=False, width=200)


def _err_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, markup=False)


class _Days(click.ParamType):
    """A number of days, or ``none`` for no date window."""

    name = "DAYS|none"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float | None:
        if value is None or isinstance(value, float | int):
            return value
        if str(value).strip().lower() in {"none", "off", "no"}:
            return None
        try:
            days = float(value)
        except ValueError:
            self.fail(f"{value!r} is neither a number of days nor 'none'", param, ctx)
        if days < 0:
            self.fail(f"{value!r}: days cannot be negative", param, ctx)
        return days


DAYS = _Days()

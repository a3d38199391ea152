"""Command-line interface: one module per command, each imported only when that command runs.

Exit codes: 0 when every input was scored, 1 when some failed (the others are still scored and each failure
is named on stderr, one line each), 2 on usage errors, 3 when an internal error (a bug) stopped the command.
No traceback reaches the user unless ``framing --debug``: then every internal error, an article's or the
command's, prints its traceback on stderr.
"""

from __future__ import annotations

import importlib
import os
import warnings
from functools import partial
from typing import Any, ClassVar

import click

from framing._version import __version__
from framing.errors import DEBUG_ENV, SkippedFilesWarning, debug_enabled

__all__ = ["main"]


class _LazyGroup(click.Group):
    """The top-level group: a command's module (and what it imports, e.g. scikit-learn) loads only when used."""

    lazy: ClassVar[dict[str, str]] = {
        "score": "framing.cli.score:score_cmd",
        "outlets": "framing.cli.outlets:outlets_cmd",
        "compare": "framing.cli.compare:compare_cmd",
        "actors": "framing.cli.actors:actors_cmd",
        "frames": "framing.cli.frames:frames_cmd",
        "stories": "framing.cli.stories:stories_cmd",
        "lexicons": "framing.cli.lexicons:lexicons_group",
        "validate": "framing.cli.validate:validate_cmd",
        "train": "framing.cli.train:train",
        "evaluate": "framing.cli.train:evaluate",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, attr = self.lazy[cmd_name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        before = os.environ.get(DEBUG_ENV)
        if ctx.params.get("debug"):
            os.environ[DEBUG_ENV] = "1"  # the workers of a process pool inherit it
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", SkippedFilesWarning)
                warnings.showwarning = partial(_show_warning, warnings.showwarning)
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if debug_enabled():
                raise
            lines = str(exc).strip().splitlines()
            click.echo(f"error: internal error: {type(exc).__name__}" + (f": {lines[0][:300]}" if lines else "")
                       + " (a bug in framing; rerun with framing --debug for the traceback)", err=True)  # fmt: skip
            ctx.exit(3)
        finally:
            if before is None:
                os.environ.pop(DEBUG_ENV, None)
            else:
                os.environ[DEBUG_ENV] = before


def _show_warning(shown: Any, message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:  # fmt: skip
    """framing's own warnings as one ``warning:`` line on stderr; any other as ``shown`` (Python's) shows it."""
    if issubclass(category, SkippedFilesWarning):
        click.echo(f"warning: {message}", err=True)
    else:
        shown(message, category, filename, lineno, file, line)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="framing")
@click.option("--debug", is_flag=True, help="Print the traceback of every internal error (a bug) on stderr.")
def main(debug: bool) -> None:
    """Measure source bias and framing in news articles: word choice, attribution, hedging and frames.

    \b
    Examples:
      framing score article.txt --explain
      framing score corpus/ --format json
      framing frames ../shared/seeds/*.txt
      framing outlets --country RU
      framing stories corpus/ --window 3
      framing lexicons list
    """

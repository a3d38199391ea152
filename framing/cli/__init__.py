"""Command-line interface: one module per command, each imported only when that command runs.

Exit codes: 0 when every input was scored, 1 when some failed (the others are still scored and each failure
is named on stderr), 2 on usage errors.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import click

from framing._version import __version__

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


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="framing")
def main() -> None:
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

"""A progress bar people can read: articles done, articles per second, failures so far and the time left.

On a terminal it is a rich bar on stderr (the results on stdout stay as they are); it stays off when stderr is
not a terminal (a pipe, a log file, CI) or when asked to. In a notebook (:func:`framing.score_corpus` with
``progress=True``) it is tqdm's notebook bar (``tqdm.auto``: a text bar outside Jupyter).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from framing.io.options import ReadOptions

__all__ = ["Progress", "count_units", "progress_bar"]


class Progress:
    """Counts articles as they finish and shows them (a do-nothing bar when off)."""

    def __init__(self) -> None:
        self.done = 0
        self.failed = 0

    def advance(self, failed: bool = False) -> None:
        """One more article done (``failed``: it got an error instead of scores)."""
        self.done += 1
        self.failed += failed


class _RichProgress(Progress):
    def __init__(self, bar: Any, task: Any) -> None:
        super().__init__()
        self._bar, self._task = bar, task

    def advance(self, failed: bool = False) -> None:
        super().advance(failed)
        if failed:
            self._bar.update(self._task, advance=1, failed=self.failed)
        else:
            self._bar.advance(self._task)


class _TqdmProgress(Progress):
    def __init__(self, bar: Any) -> None:
        super().__init__()
        self._bar = bar

    def advance(self, failed: bool = False) -> None:
        super().advance(failed)
        if failed:
            self._bar.set_postfix(failed=self.failed, refresh=False)
        self._bar.update(1)


def _rich_columns() -> list[Any]:
    from rich.progress import BarColumn, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:,.1f} articles/s" if task.speed else "- articles/s", style="progress.data.speed")

    return [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}{task.fields[of]} articles"),
        Rate(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    ]


@contextmanager
def progress_bar(
    total: int | None = None,
    *,
    enabled: bool = True,
    notebook: bool = False,
    description: str = "scoring",
    console: Any = None,
) -> Iterator[Progress]:
    """A progress bar for a run of ``total`` articles (``None``: unknown, no time left shown).

    Args:
        total: Articles expected.
        enabled: ``False`` counts without showing anything.
        notebook: tqdm's bar (``tqdm.auto``) instead of rich's; shown wherever stderr goes.
        description: Text before the bar.
        console: The rich console to draw on (default: stderr's).

    Example:
        >>> with progress_bar(3, enabled=False) as bar:
        ...     for failed in (False, True, False):
        ...         bar.advance(failed)
        >>> bar.done, bar.failed
        (3, 1)
    """
    if not enabled:
        yield Progress()
        return
    if notebook:
        from tqdm.auto import tqdm

        with tqdm(total=total, desc=description, unit=" articles", smoothing=0.1) as t:
            yield _TqdmProgress(t)
        return
    from rich.console import Console
    from rich.progress import Progress as RichBar

    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield Progress()
        return
    # stderr lines (a failed article's message) print above the bar; stdout is left alone unless it is the
    # same terminal, where the bar has to know about it to stay at the bottom
    stdout_tty = os.isatty(1)
    with RichBar(*_rich_columns(), console=console, redirect_stdout=stdout_tty, transient=False) as bar:
        task = bar.add_task(description, total=total, failed=0, of=f" / {total:,}" if total is not None else "")
        yield _RichProgress(bar, task)


def count_units(sources: Any, opts: ReadOptions) -> int | None:
    """How many articles ``sources`` hold, by walking them without reading (``None`` for stdin or an iterator)."""
    from framing.io.read import iter_units

    if type(sources).__name__ == "DataFrame":
        return len(sources)
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    if not isinstance(sources, list | tuple) or any(os.fspath(s) == "-" for s in sources):
        return None
    return sum(1 for _ in iter_units(sources, opts))

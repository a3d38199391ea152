"""Read and score many articles on every core, in input order, with the same output as one process.

The parent walks the inputs (:func:`framing.io.read.iter_units`: file names, JSONL lines, CSV rows) and sends
them in chunks to a :class:`concurrent.futures.ProcessPoolExecutor` (or any executor with ``submit``, e.g. a Dask
``Client.get_executor()``); each worker reads its units into articles, scores them and sends back what the caller
asked for (``transform``: a JSON line, a table row ...), which is much smaller than the article and cheaper to
send. Lexicons, outlet tables and models are loaded once per worker. A bounded number of chunks is in flight, so
memory does not grow with the corpus.

Example:
    >>> from framing.io.read import iter_units, read_options
    >>> from framing.resources import example_corpus_dir
    >>> from framing.scoring import Scorer
    >>> d = example_corpus_dir()
    >>> job = ScoreJob(Scorer(models=False), read_options(outlet_tables=[d / "outlets.yaml"]))
    >>> scores = list(map_units(iter_units(d, job.opts), job, n_jobs=2, chunk_size=4))
    >>> len(scores), scores[0].article.id
    (9, 'frontline_voice#fv-2025-04-03-sarnel')
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from framing.errors import internal_error
from framing.io.build import failed_article
from framing.io.options import ReadOptions
from framing.io.read import read_unit
from framing.io.repeats import Fingerprint, RepeatIndex, find_repeats, safe_apply, safe_fingerprint
from framing.io.units import Unit
from framing.outlets import OutletTable, load_outlet_table
from framing.scoring import BATCH, ArticleScore, Scorer

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ScoreJob",
    "ScoringPool",
    "default_jobs",
    "find_batch_repeats",
    "fingerprints",
    "map_units",
    "resolve_jobs",
    "runner",
    "warm",
    "work",
]

#: Units per task sent to a worker: large enough that sending costs little against ~10 ms of work per article and
#: that the models score a chunk's sentences in one batch (:meth:`Scorer.score_many`, as ``score_stream`` does),
#: small enough that two workers stay busy on a small corpus.
DEFAULT_CHUNK_SIZE = BATCH


def _same(s: ArticleScore) -> ArticleScore:
    return s


@dataclass(frozen=True)
class ScoreJob:
    """What a worker needs: how to score, how to read, and what to send back for each article.

    Attributes:
        scorer: The configured scorer (settings only; each process builds its resources once).
        opts: The reader's settings.
        transform: Applied to each :class:`~framing.ArticleScore` in the worker; its result is what the caller
            receives. A module-level function (or :func:`functools.partial` of one), so it can be sent.
        repeats: The batch's repeated paragraphs (:mod:`framing.io.repeats`), applied to each article as it is
            read: found by a first pass over the inputs (:func:`find_batch_repeats`).
    """

    scorer: Scorer
    opts: ReadOptions
    transform: Callable[[ArticleScore], Any] = _same
    repeats: RepeatIndex | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(n_jobs: int | None) -> int:
    """As in scikit-learn and joblib: ``None`` is 1, -1 all cores, -2 all but one; else ``n_jobs``."""
    if n_jobs is None:
        return 1
    if n_jobs == 0:
        raise ValueError("n_jobs must be a positive number of processes, or -1 for all cores; got 0")
    if n_jobs < 0:
        return max(1, default_jobs() + 1 + n_jobs)
    return n_jobs


_TABLES: dict[tuple[Any, ...], OutletTable] = {}


def _table(opts: ReadOptions) -> OutletTable:
    key = tuple(str(p) for p in opts.outlet_tables)
    if key not in _TABLES:
        _TABLES[key] = load_outlet_table(opts.outlet_tables)
    return _TABLES[key]


def warm(job: ScoreJob) -> None:
    """Load everything the job needs in this process (lexicons, outlet tables, models)."""
    job.scorer.lexicons_  # noqa: B018 - builds and caches the resources
    job.scorer.models_  # noqa: B018
    _table(job.opts)


def _worker_init(job: ScoreJob) -> None:
    """A pool worker's start: die with the parent (a killed run leaves no orphan), then load the job."""
    if sys.platform == "linux":
        import ctypes
        import signal

        prctl = getattr(ctypes.CDLL(None), "prctl", None)
        if prctl is not None:  # glibc and musl have it
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    warm(job)


def work(job: ScoreJob, units: list[Unit]) -> list[Any]:
    """Read, score and transform a chunk of units (what a worker runs); one result per unit, whatever fails."""
    table = _table(job.opts)
    articles = [read_unit(u, job.opts, table) for u in units]
    if job.repeats is not None:
        articles = [safe_apply(job.repeats, a) for a in articles]
    return [_transform(job, s) for s in job.scorer.score_many(articles)]


def fingerprints(job: ScoreJob, units: list[Unit]) -> list[Fingerprint]:
    """Read a chunk of units and return their paragraph fingerprints (the first pass of repeat detection)."""
    table = _table(job.opts)
    return [safe_fingerprint(read_unit(u, job.opts, table)) for u in units]


def _transform(job: ScoreJob, s: ArticleScore) -> Any:
    """The job's result for one score; when the transform itself fails (a bug), that of an error score."""
    try:
        return job.transform(s)
    except Exception as exc:
        a = s.article
        error = internal_error(a.source_path or a.id, "writing the result", exc)
        return job.transform(ArticleScore(failed_article(a.id, a.source_path, error), error=error))


def _chunks(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    it = iter(units)
    while chunk := list(islice(it, size)):
        yield chunk


class ScoringPool:
    """A pool of worker processes that read and score, started eagerly (use it as a context manager).

    Start it before any thread of the parent (a progress bar, a database) exists: on Linux the workers are
    forked, after the parent loaded the job's resources, so they share them and start at once.

    Args:
        job: What every worker runs.
        n_jobs: Worker processes (-1: all cores).
    """

    def __init__(self, job: ScoreJob, n_jobs: int | None = None) -> None:
        self.job = job
        self.n_jobs = resolve_jobs(n_jobs)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ScoringPool:
        fork = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
        if fork:
            warm(self.job)  # inherited by the forked workers
            gc.freeze()  # the workers' collector then leaves the shared pages alone (fewer copies on write)
        self._executor = ProcessPoolExecutor(
            self.n_jobs,
            mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
            initializer=_worker_init,
            initargs=(self.job,),
        )
        # start every worker now, while the parent has no other thread
        for f in [self._executor.submit(os.getpid) for _ in range(self.n_jobs)]:
            f.result()
        if fork:
            gc.unfreeze()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map(self, units: Iterable[Unit], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[Any]:
        """The job's result for each unit, in input order."""
        if self._executor is None:
            raise RuntimeError("start the pool first: with ScoringPool(job, n_jobs) as pool: ...")
        return _ordered(self._executor, self.job, units, chunk_size, depth=2 * self.n_jobs)


def _ordered(
    executor: Executor, job: ScoreJob, units: Iterable[Unit], chunk_size: int, depth: int, fn: Any = work
) -> Iterator[Any]:
    """Submit chunks, at most ``depth`` in flight, and yield their results in the order of the input."""
    pending: deque[Future[list[Any]]] = deque()
    try:
        for chunk in _chunks(units, chunk_size):
            pending.append(executor.submit(fn, job, chunk))
            while len(pending) >= depth:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()


@contextmanager
def runner(
    job: ScoreJob,
    *,
    n_jobs: int | None = None,
    executor: Executor | None = None,
    depth: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Callable[[Iterable[Unit]], Iterator[Any]]]:
    """A started runner: ``with runner(job, n_jobs=2) as run: for result in run(units): ...``.

    The pool (if any) starts on entering, before the caller starts a progress bar or opens a database.

    Args:
        job: The scorer, the reader's settings and the transform.
        n_jobs: Worker processes (``None`` or 1: this process; -1: all cores).
        executor: Run the chunks there instead (e.g. ``distributed.Client(...).get_executor()``).
        depth: Chunks in flight on ``executor`` (default 4).
        chunk_size: Units per task.
    """
    if executor is not None:
        yield _Run(job, chunk_size, executor, depth or 4)
    elif resolve_jobs(n_jobs) == 1:
        yield _Run(job, chunk_size)
    else:
        with ScoringPool(job, n_jobs) as pool:
            yield _Run(job, chunk_size, pool._executor, 2 * pool.n_jobs)


@dataclass
class _Run:
    """What :func:`runner` yields: ``run(units)`` scores (``run(units, job)`` with another job of the same
    scorer, e.g. one that carries the batch's repeats); ``run.fingerprints(units)`` is repeat detection's
    first pass on the same processes."""

    job: ScoreJob
    chunk_size: int
    executor: Executor | None = None
    depth: int = 4

    def __call__(self, units: Iterable[Unit], job: ScoreJob | None = None) -> Iterator[Any]:
        return self._map(work, units, job or self.job)

    def fingerprints(self, units: Iterable[Unit]) -> Iterator[Fingerprint]:
        return self._map(fingerprints, units, self.job)

    def _map(self, fn: Any, units: Iterable[Unit], job: ScoreJob) -> Iterator[Any]:
        if self.executor is None:
            return (r for chunk in _chunks(units, self.chunk_size) for r in fn(job, chunk))
        return _ordered(self.executor, job, units, self.chunk_size, self.depth, fn)


def find_batch_repeats(run: _Run, units: Iterable[Unit]) -> ScoreJob:
    """The run's job carrying the repeats of the batch ``units`` (the job itself when there are none): a first
    pass that reads every unit on the run's processes and keeps only paragraph hashes."""
    try:
        index = find_repeats(run.fingerprints(units))
    except Exception as exc:  # a bug: the run goes on without repeats, and says so
        warnings.warn(internal_error("the batch", "looking for repeats", exc), stacklevel=2)
        return run.job
    return replace(run.job, repeats=index) if len(index) else run.job


def map_units(
    units: Iterable[Unit],
    job: ScoreJob,
    *,
    n_jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    executor: Executor | None = None,
    depth: int | None = None,
) -> Iterator[Any]:
    """Read, score and transform every unit, in input order, on ``n_jobs`` processes or an executor.

    With one job, or an input smaller than one chunk, everything runs in this process (no pool to start).

    Args:
        units: From :func:`framing.io.read.iter_units` (consumed lazily).
        job: The scorer, the reader's settings and the transform.
        n_jobs: Worker processes (``None`` or 1: this process; -1: all cores).
        chunk_size: Units per task.
        executor: Run the chunks there instead (e.g. ``distributed.Client(...).get_executor()``).
        depth: Chunks in flight on ``executor`` (default 4).
    """
    it = iter(units)
    first = list(islice(it, chunk_size))
    if executor is None and len(first) < chunk_size:
        n_jobs = 1
    with runner(job, n_jobs=n_jobs, executor=executor, depth=depth, chunk_size=chunk_size) as run:
        yield from run(_prepend(first, it))


def _prepend(first: list[Unit], rest: Iterator[Unit]) -> Iterator[Unit]:
    yield from first
    yield from rest

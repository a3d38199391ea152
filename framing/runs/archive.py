"""Score a corpus into a results store: only what is not there yet, on every core or a cluster, resumable.

The parent walks the inputs, computes each unit's input key (:meth:`framing.io.units.Unit.content_key`) and
sends on only the units the store does not hold under the current settings; the workers read and score them
and send back the rows (:func:`framing.runs.store.store_payload`), which the parent commits every
``commit_every`` articles. Before that, the articles stored under settings that differ only in lexicon entries
are moved to the new settings when the change cannot alter them (:mod:`framing.runs.keys`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from framing.io.read import iter_units, read_options
from framing.io.units import Unit
from framing.runs.keys import lexicon_migration, run_settings, settings_id
from framing.runs.pool import DEFAULT_CHUNK_SIZE, ScoreJob, runner
from framing.runs.progress import count_units, progress_bar
from framing.runs.store import Store, store_payload
from framing.scoring import Scorer

__all__ = ["RunSummary", "score_into_store"]

#: Articles per part: a kill loses at most this many scored articles (they are scored again on resume).
DEFAULT_COMMIT_EVERY = 128


@dataclass(frozen=True)
class RunSummary:
    """What a run into a store did.

    Attributes:
        scored: Articles read and scored by this run.
        reused: Articles already in the store under the same settings, not scored again.
        migrated: Articles kept from a run with other lexicon entries that cannot change them.
        failed: Articles scored by this run that got an error instead of scores.
        stored: Articles in the store at the end.
        errors: The error of each input of this run that has no scores, in input order: those scored by this
            run and those reused from the store (an input that failed before fails again).
    """

    scored: int
    reused: int
    migrated: int
    failed: int
    stored: int
    errors: tuple[str, ...] = ()


def score_into_store(
    sources: Any,
    path: str | os.PathLike[str],
    *,
    scorer: Scorer | None = None,
    read: Mapping[str, Any] | None = None,
    n_jobs: int | None = None,
    executor: Executor | None = None,
    depth: int | None = None,
    resume: bool = False,
    progress: bool = False,
    commit_every: int = DEFAULT_COMMIT_EVERY,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> RunSummary:
    """Score what :func:`framing.read_articles` reads from ``sources`` into the store at ``path``.

    Args:
        sources: Paths, a directory, a glob or a DataFrame, as for :func:`framing.read_articles`.
        path: The store's folder (created when missing).
        scorer: A configured :class:`~framing.Scorer`.
        read: Keyword arguments of :func:`framing.read_articles` (``columns``, ``max_bytes``, ``format``).
        n_jobs: Worker processes (``None`` or 1: this process; -1: all cores).
        executor: Score on this executor instead (``distributed.Client(...).get_executor()``).
        depth: Chunks in flight on ``executor`` (default 4; twice the cluster's threads keeps it busy).
        resume: Finish the store's interrupted last run (same settings required).
        progress: Show the progress bar on stderr (when it is a terminal).
        commit_every: Articles per transaction.
        chunk_size: Units per task sent to a worker.

    Raises:
        StoreError: The store is locked by another run, its last run did not finish and ``resume`` is off,
            or ``resume`` is on and the settings differ.
    """
    scorer = scorer or Scorer()
    opts = read_options(outlet_tables=scorer.outlet_tables, **(read or {}))
    job = ScoreJob(scorer, opts, store_payload)
    settings = run_settings(scorer, opts)
    sid = settings_id(settings)
    total = count_units(sources, opts) if progress else None
    # the pool first: its workers are forked before DuckDB or the bar start threads
    started = runner(job, n_jobs=n_jobs, executor=executor, depth=depth, chunk_size=chunk_size)
    with started as run, Store(path, create=True) as store:
        inputs = [str(s) for s in sources] if isinstance(sources, list | tuple) else [str(type(sources).__name__)]
        if isinstance(sources, str | os.PathLike):
            inputs = [os.fspath(sources)]
        run_id = store.begin_run(settings, sid, inputs, resume=resume)
        migrated = _migrate(store, settings, sid)
        known, stored_errors = store.keys_and_errors()
        pending: deque[tuple[str, int]] = deque()
        counts = {"reused": 0, "scored": 0, "failed": 0}
        errors: dict[int, str] = {}  # input position -> error

        def todo(bar: Any) -> Iterator[Unit]:
            for seq, unit in enumerate(iter_units(sources, opts)):
                key = unit.content_key()
                if known.get(key) == sid:  # stored, or met earlier in this input (the same bytes twice)
                    counts["reused"] += 1
                    if (error := stored_errors.get(key)) is not None:
                        errors[seq] = error
                    bar.advance(error is not None)
                    continue
                known[key] = sid
                pending.append((key, seq))
                yield unit

        with progress_bar(total, enabled=progress, description="scoring into the store") as bar:
            for payload in run(todo(bar)):
                key, seq = pending.popleft()
                store.add(key, seq, sid, payload)  # a key stored under other settings: the new part supersedes
                counts["scored"] += 1
                failed = payload["error"] is not None
                counts["failed"] += failed
                if failed:
                    errors[seq] = stored_errors[key] = payload["error"]
                bar.advance(failed)
                if store.pending >= commit_every:
                    store.commit()
            store.commit()
        store.finish_run(run_id, migrated=migrated, **counts)
        named = tuple(errors[k] for k in sorted(errors))
        return RunSummary(counts["scored"], counts["reused"], migrated, counts["failed"], len(store), named)


def _migrate(store: Store, settings: Mapping[str, Any], sid: str) -> int:
    kept = 0
    for old_sid, old in store.stored_settings().items():
        if old_sid == sid:
            continue
        migration = lexicon_migration(old, settings)
        if migration is not None:
            kept += store.migrate(old_sid, sid, migration)[0]
    return kept

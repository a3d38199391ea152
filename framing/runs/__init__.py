"""Runs over whole archives: every core (:mod:`~framing.runs.pool`), a Dask cluster (:mod:`~framing.runs.dask`),
a results store that survives interruption (:mod:`~framing.runs.store`) and a progress bar people can read
(:mod:`~framing.runs.progress`).

All of them walk the inputs in order with :func:`framing.io.read.iter_units` and read and score the units
elsewhere (a worker process, a Dask worker), so the corpus is never loaded first and the output is in input
order, the same as in one process.
"""

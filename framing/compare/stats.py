"""Statistics with honest uncertainty: bootstrap intervals, permutation tests, Holm correction, Cliff's delta."""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["bootstrap_ci", "cliffs_delta", "cliffs_magnitude", "holm", "permutation_test"]


def _rng(seed: int, *keys: object) -> np.random.Generator:
    """A generator seeded by ``seed`` and a stable hash of ``keys`` (independent of other groups/metrics)."""
    h = zlib.crc32("\x1f".join(map(str, keys)).encode("utf-8"))
    return np.random.default_rng([int(seed), h])


def _finite(x: Iterable[float]) -> np.ndarray:
    a = np.asarray(list(x) if not isinstance(x, np.ndarray | pd.Series) else x, dtype=float)
    return a[~np.isnan(a)]


def bootstrap_ci(
    values: Iterable[float], *, n_boot: int = 2000, seed: int = 0, level: float = 0.95, key: object = ""
) -> tuple[float, float]:
    """Percentile-bootstrap confidence interval of the mean.

    Args:
        values: Observations (NaN are dropped).
        n_boot: Bootstrap resamples.
        seed: Random seed; the same seed (and ``key``) gives the same interval.
        level: Confidence level.
        key: Extra seed material (the group and metric), so streams differ between groups.

    Returns:
        ``(low, high)``; ``(nan, nan)`` for fewer than two values.

    Example:
        >>> lo, hi = bootstrap_ci([1, 2, 3, 4, 5, 6], n_boot=1000, seed=1)
        >>> lo < 3.5 < hi, (lo, hi) == bootstrap_ci([1, 2, 3, 4, 5, 6], n_boot=1000, seed=1)
        (True, True)
    """
    x = _finite(values)
    n = len(x)
    if n < 2:
        return (math.nan, math.nan)
    rng = _rng(seed, "bootstrap", key)
    means = np.empty(n_boot)
    step = max(1, 2_000_000 // n)  # bounded memory for large groups
    for start in range(0, n_boot, step):
        k = min(step, n_boot - start)
        means[start : start + k] = x[rng.integers(0, n, size=(k, n))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(means, [tail, 100 - tail])
    return (float(lo), float(hi))


def permutation_test(
    a: Iterable[float], b: Iterable[float], *, n_permutations: int = 5000, seed: int = 0, key: object = ""
) -> tuple[float, str]:
    """Two-sided permutation test of the difference in means.

    When the number of distinct splits of the pooled values is at most ``n_permutations`` every split is
    enumerated and the p-value is exact; otherwise ``n_permutations`` random splits are drawn and
    ``p = (1 + #{|d*| >= |d|}) / (1 + n_permutations)`` (never zero).

    Returns:
        ``(p_value, method)`` with method ``"exact (k splits)"`` or ``"monte carlo (n permutations)"``;
        ``(nan, "not tested")`` when a side is empty or there are fewer than three values in all.

    Example:
        >>> p, method = permutation_test([1, 2, 3], [7, 8, 9])
        >>> round(p, 3), method
        (0.1, 'exact (20 splits)')
    """
    xa, xb = _finite(a), _finite(b)
    if len(xa) == 0 or len(xb) == 0 or len(xa) + len(xb) < 3:
        return (math.nan, "not tested")
    p, method = _permutation_pvalues(xa[:, None], xb[:, None], n_permutations, _rng(seed, "permutation", key))
    return (float(p[0]), method)


def _permutation_pvalues(
    xa: np.ndarray, xb: np.ndarray, n_permutations: int, rng: np.random.Generator
) -> tuple[np.ndarray, str]:
    """Permutation p-values for several metrics at once (columns of ``xa``/``xb``), sharing the splits."""
    na, nb = len(xa), len(xb)
    pooled = np.concatenate([xa, xb])
    n = na + nb
    total = pooled.sum(axis=0)
    observed = np.abs(xa.mean(axis=0) - xb.mean(axis=0))
    threshold = observed - 1e-9 * np.maximum(1.0, observed)

    def hits(sum_a: np.ndarray) -> np.ndarray:
        return np.count_nonzero(np.abs(sum_a / na - (total - sum_a) / nb) >= threshold, axis=0)

    splits = math.comb(n, na)
    if splits <= n_permutations:
        idx = np.array(list(itertools.combinations(range(n), na)), dtype=np.intp)
        return hits(pooled[idx].sum(axis=1)) / splits, f"exact ({splits} splits)"
    labels = np.zeros(n, dtype=np.int8)
    labels[:na] = 1
    count = np.zeros(pooled.shape[1], dtype=np.int64)
    step = max(1, 4_000_000 // n)
    for start in range(0, n_permutations, step):
        k = min(step, n_permutations - start)
        masks = rng.permuted(np.broadcast_to(labels, (k, n)), axis=1)
        count += hits(masks @ pooled)
    return (1 + count) / (1 + n_permutations), f"monte carlo ({n_permutations} permutations)"


def holm(pvalues: Iterable[float]) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values; NaN entries stay NaN and do not count as tests.

    Example:
        >>> holm([0.01, 0.04, 0.03, 0.005]).round(3).tolist()
        [0.03, 0.06, 0.06, 0.02]
    """
    p = np.asarray(list(pvalues), dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out[order] = adj
    return out


def cliffs_delta(a: Iterable[float], b: Iterable[float]) -> float:
    """Cliff's delta: ``P(A > B) - P(A < B)`` over all pairs (NaN dropped); in [-1, 1], NaN if a side is empty.

    Example:
        >>> cliffs_delta([1, 2, 3], [1, 2, 3]), cliffs_delta([4, 5], [1, 2]), cliffs_delta([1, 3], [2])
        (0.0, 1.0, 0.0)
    """
    xa, xb = _finite(a), np.sort(_finite(b))
    if len(xa) == 0 or len(xb) == 0:
        return math.nan
    less = np.searchsorted(xb, xa, side="left")  # b values below each a
    greater = len(xb) - np.searchsorted(xb, xa, side="right")  # b values above each a
    return float((less.sum() - greater.sum()) / (len(xa) * len(xb)))


def cliffs_magnitude(delta: float) -> str:
    """Conventional label of ``|delta|`` (Romano et al. 2006).

    negligible < 0.147 <= small < 0.33 <= medium < 0.474 <= large.

    Example:
        >>> [cliffs_magnitude(d) for d in (0.1, -0.2, 0.4, 0.9)]
        ['negligible', 'small', 'medium', 'large']
    """
    if delta is None or math.isnan(delta):
        return ""
    d = abs(delta)
    return "negligible" if d < 0.147 else "small" if d < 0.33 else "medium" if d < 0.474 else "large"

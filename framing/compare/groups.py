"""Group statistics: per group and metric the mean with a bootstrap 95% interval; pairwise tests."""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.base import _DIMENSIONS, DEFAULT_METRICS, MISSING_GROUP, GroupComparison
from framing.compare.stats import (
    _finite,
    _permutation_pvalues,
    _rng,
    bootstrap_ci,
    cliffs_delta,
    cliffs_magnitude,
    holm,
)

__all__ = ["GroupStats", "compare_groups", "date_bucket", "summarise_groups", "with_date_bucket"]


def date_bucket(dates: Iterable[Any], freq: str = "month") -> pd.Series:
    """Bucket dates into periods, as sortable strings.

    Args:
        dates: Dates (``YYYY-MM-DD`` strings, datetimes); unparseable or missing ones give NaN.
        freq: ``"day"``, ``"week"`` (ISO weeks, labelled by their Monday, ``2025-03-31``), ``"month"``
            (``2025-04``), ``"quarter"`` (``2025Q2``) or ``"year"``.

    Example:
        >>> date_bucket(["2025-04-03", "2025-04-30", None, "2025-06-17"]).tolist()
        ['2025-04', '2025-04', nan, '2025-06']
        >>> date_bucket(["2025-04-03"], freq="week").tolist()
        ['2025-03-31']
    """
    codes = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
    if freq not in codes:
        raise ValueError(f"freq must be one of {sorted(codes)}, not {freq!r}")
    values = dates.tolist() if isinstance(dates, pd.Series | pd.Index) else list(dates)
    index = dates.index if isinstance(dates, pd.Series) else None
    ts = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", utc=True, format="mixed")
    ts = ts.dt.tz_localize(None)
    periods = ts.dt.to_period(codes[freq])
    if freq == "week":
        labels = periods.dt.start_time.dt.strftime("%Y-%m-%d")
    elif freq == "day":
        labels = periods.dt.strftime("%Y-%m-%d")
    else:
        labels = periods.astype(str)
    out = pd.Series(np.where(ts.isna(), np.nan, labels.astype(object)), dtype=object, name=f"date_{freq}")
    if index is not None:
        out.index = index
    return out


def with_date_bucket(
    df: pd.DataFrame, freq: str = "month", *, column: str = "date", name: str | None = None
) -> pd.DataFrame:
    """Return a copy of ``df`` with a date-bucket column (default name ``date_<freq>``) to group by.

    Example:
        >>> import pandas as pd
        >>> with_date_bucket(pd.DataFrame({"date": ["2025-04-03", "2025-06-17"]})).date_month.tolist()
        ['2025-04', '2025-06']
    """
    out = df.copy()
    out[name or f"date_{freq}"] = date_bucket(df[column], freq).to_numpy()
    return out


def _usable(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Drop failed articles (``error`` not null) with a note."""
    notes: list[str] = []
    if "error" in df.columns:
        failed = df["error"].notna() & (df["error"].astype(object) != "")
        if failed.any():
            ids = df.loc[failed, "id"].astype(str).tolist() if "id" in df.columns else []
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            detail = f": {shown}" if ids else ""
            notes.append(f"{int(failed.sum())} failed article(s) excluded (error not null){detail}")
            df = df.loc[~failed]
    return df, notes


def _group_labels(df: pd.DataFrame, by: str) -> tuple[pd.Series, list[str]]:
    if by not in df.columns:
        raise KeyError(f"no column {by!r} to group by; columns: {', '.join(map(str, df.columns))}")
    col = df[by]
    missing = col.isna()
    labels = col.astype(object).where(~missing, MISSING_GROUP).map(str)
    notes = [f"{int(missing.sum())} article(s) with no {by} grouped as {MISSING_GROUP!r}"] if missing.any() else []
    return labels, notes


def _resolve_metrics(df: pd.DataFrame, metrics: Sequence[str] | str | None) -> list[str]:
    if metrics is None:
        chosen = [m for m in DEFAULT_METRICS if m in df.columns]
        if not chosen:
            raise ValueError("none of the default metrics is in the frame; pass metrics=[...] or metrics='all'")
        return chosen
    if isinstance(metrics, str):
        if metrics != "all":
            metrics = [metrics]
        else:
            return [c for c in df.columns if str(c).startswith(_DIMENSIONS) and pd.api.types.is_numeric_dtype(df[c])]
    absent = [m for m in metrics if m not in df.columns]
    if absent:
        raise KeyError(f"metric(s) not in the frame: {', '.join(absent)}")
    bad = [m for m in metrics if not pd.api.types.is_numeric_dtype(df[m])]
    if bad:
        raise ValueError(f"metric(s) are not numeric: {', '.join(bad)}")
    return list(metrics)


def _sorted_groups(labels: Iterable[str]) -> list[str]:
    return sorted(set(labels), key=lambda g: (g == MISSING_GROUP, g.casefold(), g))


def summarise_groups(
    articles_df: pd.DataFrame,
    by: str = "outlet",
    metrics: Sequence[str] | str | None = None,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    min_n: int = 5,
) -> pd.DataFrame:
    """Per group and metric: n, mean, sd, median and a percentile-bootstrap CI (the ``summary`` table).

    Groups with fewer than ``min_n`` values get no CI and a ``warning``. Failed articles are excluded; the
    notes are in ``result.attrs["notes"]``. See :func:`compare_groups` for the arguments.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 2, "x": [1, 2, 3, 4, 5, 6, 1, 2]})
        >>> s = summarise_groups(df, metrics=["x"], n_boot=500)
        >>> s[["group", "n", "mean", "warning"]].values.tolist()
        [['A', 6, 3.5, ''], ['B', 2, 1.5, 'n=2: too few articles for a CI']]
    """
    df, notes = _usable(articles_df)
    labels, more = _group_labels(df, by)
    notes += more
    cols = _resolve_metrics(df, metrics)
    rows = []
    for metric in cols:
        values = df[metric].to_numpy(dtype=float, na_value=np.nan)
        for g in _sorted_groups(labels):
            x = values[(labels == g).to_numpy()]
            ok = x[~np.isnan(x)]
            n = len(ok)
            warning = ""
            lo = hi = math.nan
            if n == 0:
                warning = "no values"
            elif n < min_n:
                warning = f"n={n}: too few articles for a CI"
            else:
                lo, hi = bootstrap_ci(ok, n_boot=n_boot, seed=seed, level=level, key=(g, metric))
            rows.append(
                {
                    "group": g,
                    "metric": metric,
                    "n": n,
                    "n_missing": int(len(x) - n),
                    "mean": float(ok.mean()) if n else math.nan,
                    "sd": float(ok.std(ddof=1)) if n > 1 else math.nan,
                    "median": float(np.median(ok)) if n else math.nan,
                    "ci_low": lo,
                    "ci_high": hi,
                    "warning": warning,
                }
            )
    small = sorted({r["group"] for r in rows if r["warning"]})
    if small:
        notes.append(f"no CI for groups with fewer than {min_n} values: {', '.join(small)}")
    out = pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)
    out.attrs = {"by": by, "notes": notes, "level": level}
    return out


_SUMMARY_COLUMNS = ["group", "metric", "n", "n_missing", "mean", "sd", "median", "ci_low", "ci_high", "warning"]

_PAIR_COLUMNS = [
    "metric", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "mean_diff", "p_value", "p_holm", "significant",
    "cliffs_delta", "magnitude", "test", "warning",
]  # fmt: skip


def compare_groups(
    articles_df: pd.DataFrame,
    by: str = "outlet",
    metrics: Sequence[str] | str | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    *,
    n_permutations: int = 5000,
    min_n: int = 5,
    level: float = 0.95,
    alpha: float = 0.05,
) -> GroupComparison:
    """Compare metric means between groups with bootstrap CIs, permutation tests, Holm and Cliff's delta.

    Args:
        articles_df: The article table from :func:`framing.score_corpus` (not modified). Rows whose ``error``
            is not null are excluded, with a note.
        by: Column to group by: ``outlet``, ``outlet_country``, ``outlet_ownership``, a lean column you added,
            or a date bucket from :func:`with_date_bucket`. Missing values form the group ``"(missing)"``.
        metrics: Metric columns; ``None`` for :data:`DEFAULT_METRICS` (those present), ``"all"`` for every
            numeric ``hedging.``/``attribution.``/``word_choice.``/``readability.`` column.
        n_boot: Bootstrap resamples per group and metric (percentile interval).
        seed: Seed for bootstrap and permutations; results are deterministic for a given seed.
        n_permutations: Random splits per test; when the groups are so small that there are at most this
            many distinct splits, all are enumerated (exact test).
        min_n: Groups with fewer values get no CI and a warning ("n=3: too few articles for a CI").
        level: Confidence level of the intervals.
        alpha: Level for the ``significant`` column (Holm-adjusted p < alpha).

    Returns:
        A :class:`GroupComparison` with ``summary`` (``group, metric, n, n_missing, mean, sd, median, ci_low,
        ci_high, warning``) and ``pairwise`` (``metric, group_a, group_b, n_a, n_b, mean_a, mean_b, mean_diff,
        p_value, p_holm, significant, cliffs_delta, magnitude, test, warning``; ``mean_diff = mean_a - mean_b`` and
        ``cliffs_delta = P(a > b) - P(a < b)``). Holm's correction runs over all pairs x metrics tested.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"outlet": list("AAAAAABBBBBB"), "m": [5, 6, 7, 5, 6, 7, 1, 2, 1, 2, 1, 2]})
        >>> r = compare_groups(df, metrics=["m"], n_boot=200)
        >>> row = r.pairwise.iloc[0]
        >>> row.group_a, row.group_b, float(row.mean_diff), float(row.cliffs_delta), row.magnitude
        ('A', 'B', 4.5, 1.0, 'large')
        >>> bool(row.p_value < 0.01)
        True
    """
    summary = summarise_groups(articles_df, by, metrics, n_boot=n_boot, seed=seed, level=level, min_n=min_n)
    notes = list(summary.attrs.get("notes", []))
    df, _ = _usable(articles_df)
    labels, _ = _group_labels(df, by)
    cols = list(dict.fromkeys(summary["metric"]))
    groups = _sorted_groups(labels)
    values = df[cols].to_numpy(dtype=float, na_value=np.nan)
    tests: dict[tuple[str, str, str], tuple[float, str]] = {}
    for ga, gb in itertools.combinations(groups, 2):
        in_a, in_b = (labels == ga).to_numpy(), (labels == gb).to_numpy()
        va, vb = values[in_a], values[in_b]
        # metrics with the same available values share one set of random splits (much faster, same seed stream)
        patterns: dict[bytes, list[int]] = {}
        for j in range(len(cols)):
            pattern = np.concatenate([~np.isnan(va[:, j]), ~np.isnan(vb[:, j])])
            patterns.setdefault(np.packbits(pattern).tobytes() + bytes([len(pattern) % 8]), []).append(j)
        for pattern_key, js in patterns.items():
            ok_a, ok_b = ~np.isnan(va[:, js[0]]), ~np.isnan(vb[:, js[0]])
            xa, xb = va[ok_a][:, js], vb[ok_b][:, js]
            if len(xa) == 0 or len(xb) == 0 or len(xa) + len(xb) < 3:
                ps, test = np.full(len(js), math.nan), "not tested"
            else:
                rng = _rng(seed, "permutation", ga, gb, zlib.crc32(pattern_key))
                ps, test = _permutation_pvalues(xa, xb, n_permutations, rng)
            for j, p in zip(js, ps, strict=True):
                tests[(ga, gb, cols[j])] = (float(p), test)
    rows = []
    for k, metric in enumerate(cols):
        for ga, gb in itertools.combinations(groups, 2):
            xa = _finite(values[(labels == ga).to_numpy(), k])
            xb = _finite(values[(labels == gb).to_numpy(), k])
            na, nb = len(xa), len(xb)
            p, test = tests[(ga, gb, metric)]
            warning = ""
            if test == "not tested":
                warning = f"n={na} vs {nb}: too few values to test"
            elif test.startswith("exact"):
                splits = math.comb(na + nb, na)
                p_min = (2 if na == nb else 1) / splits
                if p_min >= alpha:
                    warning = f"n={na} vs {nb}: smallest attainable p is {p_min:.2g}, so p < {alpha:g} is impossible"
            if not warning and min(na, nb) < min_n:
                warning = f"n={na} vs {nb}: small groups, low power"
            delta = cliffs_delta(xa, xb)
            rows.append(
                {
                    "metric": metric,
                    "group_a": ga,
                    "group_b": gb,
                    "n_a": na,
                    "n_b": nb,
                    "mean_a": float(xa.mean()) if na else math.nan,
                    "mean_b": float(xb.mean()) if nb else math.nan,
                    "mean_diff": float(xa.mean() - xb.mean()) if na and nb else math.nan,
                    "p_value": p,
                    "p_holm": math.nan,
                    "significant": False,
                    "cliffs_delta": delta,
                    "magnitude": cliffs_magnitude(delta),
                    "test": test,
                    "warning": warning,
                }
            )
    pairwise = pd.DataFrame(rows, columns=_PAIR_COLUMNS)
    if len(pairwise):
        pairwise["p_holm"] = holm(pairwise["p_value"])
        pairwise["significant"] = (pairwise["p_holm"] < alpha).to_numpy(dtype=bool)
        n_tests = int(pairwise["p_value"].notna().sum())
        notes.append(f"Holm correction over {n_tests} tests ({len(groups)} groups, {len(cols)} metrics)")
    if len(groups) < 2:
        notes.append(f"only one group ({', '.join(groups) or 'none'}): nothing to test")
    params = {"by": by, "n_boot": n_boot, "n_permutations": n_permutations, "seed": seed, "min_n": min_n,
              "level": level, "alpha": alpha}  # fmt: skip
    return GroupComparison(
        name=f"Metrics by {by}",
        tables={"summary": summary, "pairwise": pairwise},
        notes=tuple(notes),
        params=params,
        by=by,
    )


@dataclass(frozen=True)
class GroupStats:
    """Comparer form of :func:`compare_groups` (same parameters).

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"lean": ["left"] * 3 + ["right"] * 3, "m": [1.0, 2, 3, 4, 5, 6]})
        >>> GroupStats(by="lean", metrics=("m",), n_boot=100).compare(df).pairwise.p_value.round(2).tolist()
        [0.1]
    """

    by: str = "outlet"
    metrics: Sequence[str] | str | None = None
    n_boot: int = 2000
    seed: int = 0
    n_permutations: int = 5000
    min_n: int = 5
    level: float = 0.95
    alpha: float = 0.05
    name: str = "group_stats"

    def compare(self, data: pd.DataFrame) -> GroupComparison:
        """Run :func:`compare_groups` on an article table."""
        return compare_groups(
            data, self.by, self.metrics, self.n_boot, self.seed, n_permutations=self.n_permutations,
            min_n=self.min_n, level=self.level, alpha=self.alpha,
        )  # fmt: skip

"""Compare framing across groups of articles: statistics with honest uncertainty, term contrasts, actors.

Three comparers share one small interface (:class:`Comparer`: a ``name`` and ``compare(data)`` returning a
:class:`ComparisonResult` of pandas DataFrames with notes and an HTML view for Jupyter). Each also has a
function form:

* :func:`compare_groups` / :class:`GroupStats`: per group (outlet, lean, country, a date bucket ...) and
  metric, the mean with a percentile-bootstrap 95% confidence interval; pairwise permutation tests of the
  difference in means with Holm correction across all pairs and metrics, and Cliff's delta as effect size.
  A group too small to say anything gets a ``warning`` instead of a confidence interval.
* :func:`term_contrast`, :func:`term_contrast_one_vs_rest` / :class:`TermContrast`: words that distinguish
  two sets of texts, by the weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi &
  Quinn (2008), "Fightin' Words" (Political Analysis 16(4)), with the background corpus as prior.
* :func:`actor_comparison` / :class:`ActorComparison`: per actor and group, the naming variants used, the
  actor's share of the group's attributed statements ("voice share"), and the non-neutral-verb and hedged
  shares of the actor's statements (from :func:`framing.actors.actor_table`).

Nothing here imports matplotlib (plots live in :mod:`framing.plot`) and nothing mutates the caller's data.
Randomness is seeded from ``seed`` and the names involved (bootstrap: group and metric; permutations: the pair
of groups and which articles have a value), so results are reproducible and do not change when other groups or
metrics are added. Metrics without missing values share one set of random splits per pair, which makes the
tests fast on thousands of articles (about 2 s for 3,000 articles, 3 groups and 12 metrics).

Example:
    >>> import framing
    >>> from framing.compare import compare_groups, term_contrast_one_vs_rest, text_frame
    >>> from framing.resources import example_corpus_dir
    >>> d = example_corpus_dir()
    >>> arts = list(framing.read_articles(d, outlet_tables=[d / "outlets.yaml"]))
    >>> articles_df, _ = framing.score_corpus(arts)
    >>> res = compare_groups(articles_df, by="outlet", metrics=["hedging.hedges_per_100_sentences"], n_boot=200)
    >>> first = res.summary.iloc[0]
    >>> first.group, int(first.n), first.warning
    ('Capital Pulse', 3, 'n=3: too few articles for a CI')
    >>> terms = term_contrast_one_vs_rest(text_frame(arts), by="outlet")
    >>> "regime" in terms.query("group == 'Frontline Voice'").head(10).term.tolist()
    True
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_METRICS",
    "MISSING_GROUP",
    "SMALL_STOP_WORDS",
    "ActorComparison",
    "Comparer",
    "ComparisonResult",
    "GroupComparison",
    "GroupStats",
    "TermContrast",
    "actor_comparison",
    "bootstrap_ci",
    "cliffs_delta",
    "cliffs_magnitude",
    "compare_groups",
    "date_bucket",
    "holm",
    "metric_label",
    "metric_unit",
    "permutation_test",
    "summarise_groups",
    "term_contrast",
    "term_contrast_one_vs_rest",
    "term_counts",
    "text_frame",
    "tokenize",
    "with_date_bucket",
]

#: Label given to rows whose grouping value is missing (e.g. an unidentified outlet).
MISSING_GROUP = "(missing)"

#: Metrics compared when ``metrics=None``: the normalised metric of each aspect (raw counts are left out
#: because they grow with article length; pass ``metrics="all"`` for every numeric metric column).
DEFAULT_METRICS: tuple[str, ...] = (
    "hedging.hedges_per_100_sentences",
    "hedging.boosters_per_100_sentences",
    "hedging.hedged_sentence_share",
    "attribution.attributed_sentence_share",
    "attribution.anonymous_share",
    "attribution.nonneutral_cue_share",
    "attribution.direct_quote_share",
    "word_choice.loaded_per_1000_words",
    "word_choice.loaded_sentence_share",
    "word_choice.sentiment_mean",
    "readability.flesch_reading_ease",
    "readability.words_per_sentence",
)

_DIMENSIONS = ("hedging.", "attribution.", "word_choice.", "readability.", "models.")

# metric -> (short label, unit); the unit is what an axis is measured in.
_LABELS: dict[str, tuple[str, str]] = {
    "hedging.hedges_per_100_sentences": ("Hedges", "hedges per 100 sentences"),
    "hedging.boosters_per_100_sentences": ("Boosters", "boosters per 100 sentences"),
    "hedging.hedge_weight_per_100_sentences": ("Hedge weight", "weighted hedges per 100 sentences"),
    "hedging.hedged_sentence_share": ("Hedged sentences", "share of sentences (0-1)"),
    "attribution.attributed_sentence_share": ("Attributed sentences", "share of sentences (0-1)"),
    "attribution.anonymous_share": ("Anonymous sourcing", "share of attributed sentences (0-1)"),
    "attribution.nonneutral_cue_share": ("Non-neutral reporting verbs", "share of reporting cues (0-1)"),
    "attribution.direct_quote_share": ("Direct quotes", "share of attributed sentences (0-1)"),
    "attribution.distinct_sources": ("Distinct sources", "sources per article"),
    "word_choice.loaded_per_1000_words": ("Loaded language", "loaded terms per 1,000 words"),
    "word_choice.loaded_weight_per_1000_words": ("Loaded weight", "weighted loaded terms per 1,000 words"),
    "word_choice.loaded_sentence_share": ("Sentences with loaded terms", "share of sentences (0-1)"),
    "word_choice.sentiment_mean": ("Sentiment", "mean VADER compound per sentence (-1 to 1)"),
    "word_choice.sentiment_negative_share": ("Negative sentences", "share of sentences (0-1)"),
    "word_choice.sentiment_positive_share": ("Positive sentences", "share of sentences (0-1)"),
    "readability.flesch_reading_ease": ("Reading ease", "Flesch reading ease (higher = easier)"),
    "readability.flesch_kincaid_grade": ("Grade level", "Flesch-Kincaid grade"),
    "readability.words_per_sentence": ("Sentence length", "words per sentence"),
    "models.subjective.mean": ("Subjectivity (model)", "mean P(subjective) per sentence (0-1)"),
    "models.subjective.share": ("Subjective sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "models.biased.mean": ("Bias (model)", "mean P(biased) per sentence (0-1)"),
    "models.biased.share": ("Biased sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "models.hedged.mean": ("Uncertainty (model)", "mean P(uncertain) per sentence (0-1)"),
    "models.hedged.share": ("Uncertain sentences (model)", "share of sentences with P >= 0.5 (0-1)"),
    "n_words": ("Length", "words per article"),
    "n_sentences": ("Sentences", "sentences per article"),
}


def metric_label(metric: str) -> str:
    """Short human-readable name of a metric column.

    Example:
        >>> metric_label("hedging.hedges_per_100_sentences"), metric_label("word_choice.loaded.emotive_count")
        ('Hedges', 'Loaded emotive count')
    """
    if metric in _LABELS:
        return _LABELS[metric][0]
    name = metric.split(".", 1)[1] if metric.startswith(_DIMENSIONS) else metric
    name = name.replace(".", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:]


def metric_unit(metric: str) -> str:
    """Unit of a metric column, for axis labels.

    Example:
        >>> metric_unit("word_choice.loaded_per_1000_words"), metric_unit("hedging.hedge_count")
        ('loaded terms per 1,000 words', 'count per article')
    """
    if metric in _LABELS:
        return _LABELS[metric][1]
    if metric.endswith("_count") or metric.endswith("_sentences"):
        return "count per article"
    if metric.endswith("_share"):
        return "share (0-1)"
    m = re.search(r"per_(\d+)_(\w+)$", metric)
    if m:
        return f"per {int(m.group(1)):,} {m.group(2).replace('_', ' ')}"
    return "value"


# --------------------------------------------------------------------------------------------- results


@runtime_checkable
class Comparer(Protocol):
    """What every comparer offers: a ``name`` and ``compare(data) -> ComparisonResult``.

    ``data`` is the article table from :func:`framing.score_corpus` for :class:`GroupStats`, a frame with a
    text column for :class:`TermContrast` and scored articles for :class:`ActorComparison`. ``compare`` never
    mutates ``data``.
    """

    name: str

    def compare(self, data: Any) -> ComparisonResult:  # pragma: no cover - protocol
        """Compare the groups in ``data``."""
        ...


@dataclass(frozen=True)
class ComparisonResult:
    """Tables produced by a comparer, with notes on what was excluded or is uncertain.

    Attributes:
        name: The comparer's name.
        tables: Named DataFrames; the first is the main one (:attr:`frame`).
        notes: Human-readable notes (excluded articles, small groups, pseudo-counts ...).
        params: The parameters used, for the record.
    """

    name: str
    tables: Mapping[str, pd.DataFrame]
    notes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def frame(self) -> pd.DataFrame:
        """The main table."""
        return next(iter(self.tables.values()))

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def _repr_html_(self, max_rows: int = 60) -> str:
        parts = [f"<div><h4>{escape(self.name)}</h4>"]
        if self.params:
            shown = ", ".join(f"{escape(str(k))}={escape(repr(v))}" for k, v in self.params.items())
            parts.append(f"<p><small>{shown}</small></p>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in self.notes) + "</ul>")
        for key, table in self.tables.items():
            more = len(table) - max_rows
            parts.append(f"<h5>{escape(key)} ({len(table)} rows)</h5>")
            parts.append(_html_table(table.head(max_rows)))
            if more > 0:
                parts.append(f"<p><small>{more} more rows not shown</small></p>")
        parts.append("</div>")
        return "".join(parts)


def _html_table(df: pd.DataFrame) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, float | np.floating):
            return "" if math.isnan(v) else f"{v:.4g}"
        if v is None or (not isinstance(v, dict | list | tuple) and pd.isna(v)):
            return ""
        return escape(str(v))

    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


@dataclass(frozen=True)
class GroupComparison(ComparisonResult):
    """Result of :func:`compare_groups`: ``summary`` (per group and metric) and ``pairwise`` (tests)."""

    by: str = "outlet"

    @property
    def summary(self) -> pd.DataFrame:
        """Per group and metric: ``group, metric, n, n_missing, mean, sd, median, ci_low, ci_high, warning``."""
        return self.tables["summary"]

    @property
    def pairwise(self) -> pd.DataFrame:
        """Per metric and pair of groups: difference, permutation p-value, Holm-adjusted p, Cliff's delta."""
        return self.tables["pairwise"]


# ----------------------------------------------------------------------------------------- statistics


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


# ------------------------------------------------------------------------------------------ grouping


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


# ------------------------------------------------------------------------------------- term contrast

#: A small English stop-list (articles, pronouns, auxiliaries, prepositions, conjunctions); not used unless
#: passed as ``stop_words=SMALL_STOP_WORDS``. Reporting verbs, modals and hedges are deliberately absent.
SMALL_STOP_WORDS: frozenset[str] = frozenset(
    """a an the and or but if of to in on at by for from with as into onto over under about than then so
    this that these those it its it's he him his she her hers they them their theirs we us our you your i me my
    is are was were be been being am has have had do does did not no nor there here which who whom whose what
    when where while also just""".split()
)

# dotted acronyms ("U.S.", "U.N.") are one token, not "u" and "s"
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’-][^\W_]+)*|[.!?;:,()\[\]\"“”]")


def tokenize(
    text: str, *, bigrams: bool = False, stop_words: Iterable[str] | None = None, keep_numbers: bool = False
) -> list[str]:
    """Split text into lower-case word tokens (and, optionally, bigrams).

    A token is a run of letters/digits, with inner apostrophes or hyphens kept (``so-called``, ``don't``); a
    possessive ``'s`` is dropped (``brask's`` -> ``brask``); curly apostrophes become straight ones. Tokens
    without a letter (numbers) are dropped unless ``keep_numbers``. Stop words (none by default; see
    :data:`SMALL_STOP_WORDS`) are removed. Bigrams join adjacent words within a clause (punctuation breaks
    them) and are dropped when either word is a stop word.

    Example:
        >>> tokenize("The regime's so-called recount, in 2025.")
        ['the', 'regime', 'so-called', 'recount', 'in']
        >>> tokenize("U.S. envoys met U.N. staff.")
        ['u.s.', 'envoys', 'met', 'u.n.', 'staff']
        >>> tokenize("The so-called recount, in 2025.", bigrams=True, stop_words={"the", "in"})
        ['so-called', 'recount', 'so-called recount']
    """
    stops = frozenset(stop_words or ())
    words: list[str] = []
    pairs: list[str] = []
    prev: str | None = None
    for m in _TOKEN.finditer(text.lower()):
        tok = m.group(0).replace("’", "'")
        if not (tok[0].isalnum()):  # punctuation: a clause break
            prev = None
            continue
        if tok.endswith("'s"):
            tok = tok[:-2]
        if not keep_numbers and not any(c.isalpha() for c in tok):
            prev = None
            continue
        if bigrams and prev is not None and prev not in stops and tok not in stops:
            pairs.append(f"{prev} {tok}")
        prev = tok
        if tok not in stops:
            words.append(tok)
    return words + pairs


def term_counts(texts: str | Iterable[str], **options: Any) -> Counter[str]:
    """Token counts over texts (a single string counts as one text); options as in :func:`tokenize`."""
    if isinstance(texts, str):
        texts = [texts]
    c: Counter[str] = Counter()
    for t in texts:
        if isinstance(t, str):
            c.update(tokenize(t, **options))
    return c


_TERM_COLUMNS = ["term", "count_a", "count_b", "freq_a", "freq_b", "log_odds", "z", "prior"]


def _log_odds(
    ca: Counter[str], cb: Counter[str], prior: Counter[str], *, min_count: int, prior_scale: float
) -> tuple[pd.DataFrame, list[str]]:
    notes: list[str] = []
    na, nb = sum(ca.values()), sum(cb.values())
    vocab = sorted(set(ca) | set(cb))
    if min_count > 1:
        kept = [w for w in vocab if ca[w] + cb[w] >= min_count]
        notes.append(f"min_count={min_count}: {len(vocab) - len(kept)} of {len(vocab)} terms dropped")
        vocab = kept
    unseen = [w for w in set(ca) | set(cb) if prior[w] == 0]
    alpha_all = {w: prior_scale * c for w, c in prior.items() if c > 0}
    if unseen:
        notes.append(f"{len(unseen)} term(s) absent from the prior corpus got a prior pseudo-count of 1")
        for w in unseen:
            alpha_all[w] = 1.0
    a0 = float(sum(alpha_all.values()))
    ya = np.array([ca[w] for w in vocab], dtype=float)
    yb = np.array([cb[w] for w in vocab], dtype=float)
    aw = np.array([alpha_all[w] for w in vocab], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((ya + aw) / (na + a0 - ya - aw)) - np.log((yb + aw) / (nb + a0 - yb - aw))
        z = delta / np.sqrt(1.0 / (ya + aw) + 1.0 / (yb + aw))
        fa = ya / na if na else np.full_like(ya, np.nan)
        fb = yb / nb if nb else np.full_like(yb, np.nan)
    out = pd.DataFrame(
        {
            "term": vocab,
            "count_a": ya.astype(int),
            "count_b": yb.astype(int),
            "freq_a": fa,
            "freq_b": fb,
            "log_odds": delta,
            "z": z,
            "prior": aw,
        }
    )
    out = out.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs = {"n_tokens_a": na, "n_tokens_b": nb, "alpha0": a0, "notes": notes}
    return out, notes


def term_contrast(
    texts_a: str | Iterable[str],
    texts_b: str | Iterable[str],
    prior_texts: str | Iterable[str] | None = None,
    *,
    bigrams: bool = False,
    stop_words: Iterable[str] | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Words that distinguish texts A from texts B: weighted log-odds with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), eq. 16 and 18, with ``y`` the term's count in a group, ``n`` the group's
    token total, ``alpha_w`` the prior count of the term and ``alpha_0`` the prior total::

        log_odds = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
                 - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
        z        = log_odds / sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w))

    The prior is the background corpus: ``alpha_w = prior_scale * count of w in prior_texts`` (default: all
    texts of the comparison, A and B). A term of A or B that never occurs in ``prior_texts`` gets a
    pseudo-count of 1 (with a note). Positive z: typical of A; negative: typical of B; |z| > 1.96 is the usual
    threshold. Every term is kept: there is no vocabulary cap (``min_count`` is 1 by default; a higher value
    drops rarer terms and says how many in the notes).

    Args:
        texts_a: Texts of group A (a single string is one text).
        texts_b: Texts of group B.
        prior_texts: Background corpus for the prior; ``None`` for A and B together.
        bigrams: Add two-word terms (see :func:`tokenize`).
        stop_words: Words to drop (none by default; :data:`SMALL_STOP_WORDS` is a small English list).
        keep_numbers: Keep tokens without letters.
        min_count: Drop terms with fewer occurrences in A and B together (default 1: keep all).
        prior_scale: Multiplier of the prior counts (smaller = weaker prior).

    Returns:
        DataFrame sorted by z (descending) with ``term, count_a, count_b, freq_a, freq_b, log_odds, z, prior``
        (``freq`` = count / tokens of the group; ``prior`` = alpha_w). ``attrs`` holds ``n_tokens_a``,
        ``n_tokens_b``, ``alpha0`` and ``notes``.

    Example:
        >>> t = term_contrast(["the regime struck", "the regime lied"], ["the government said"])
        >>> t.iloc[0].term, int(t.iloc[0].count_a), sorted(t.term.tail(2))
        ('regime', 2, ['government', 'said'])
    """
    options = {"bigrams": bigrams, "stop_words": stop_words, "keep_numbers": keep_numbers}
    ca, cb = term_counts(texts_a, **options), term_counts(texts_b, **options)
    prior = ca + cb if prior_texts is None else term_counts(prior_texts, **options)
    out, _ = _log_odds(ca, cb, prior, min_count=min_count, prior_scale=prior_scale)
    out = out[_TERM_COLUMNS]
    return out


def _text_rows(df: pd.DataFrame, text: str) -> tuple[pd.DataFrame, list[str]]:
    if text not in df.columns:
        raise KeyError(
            f"no text column {text!r}; columns: {', '.join(map(str, df.columns))} (build one with text_frame())"
        )
    df, notes = _usable(df)
    empty = df[text].isna()
    if empty.any():
        notes.append(f"{int(empty.sum())} row(s) without text skipped")
        df = df.loc[~empty]
    return df, notes


def term_contrast_one_vs_rest(
    df: pd.DataFrame,
    by: str = "outlet",
    text: str = "text",
    *,
    prior_texts: Iterable[str] | None = None,
    bigrams: bool = False,
    stop_words: Iterable[str] | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Each group against all other texts (see :func:`term_contrast` for the method and options).

    Args:
        df: A frame with a grouping column and a text column, e.g. from :func:`text_frame` (not modified;
            rows with an ``error`` are excluded).
        by: Grouping column.
        text: Text column.
        prior_texts: Background corpus; ``None`` for all texts of ``df``.

    Returns:
        Long DataFrame: ``group`` then the :func:`term_contrast` columns (``_a`` = the group, ``_b`` = the
        rest), sorted by group and descending z. ``attrs["n_tokens"]`` maps group -> (tokens in group,
        tokens in the rest); ``attrs["notes"]`` lists exclusions.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "text": ["regime regime said", "regime", "government said"]})
        >>> t = term_contrast_one_vs_rest(df)
        >>> t.groupby("group").head(1)[["group", "term"]].values.tolist()
        [['A', 'regime'], ['B', 'government']]
    """
    df, notes = _text_rows(df, text)
    labels, more = _group_labels(df, by)
    notes += more
    options = {"bigrams": bigrams, "stop_words": stop_words, "keep_numbers": keep_numbers}
    per_group = {g: term_counts(df.loc[(labels == g).to_numpy(), text], **options) for g in _sorted_groups(labels)}
    everything: Counter[str] = Counter()
    for c in per_group.values():
        everything.update(c)
    prior = everything if prior_texts is None else term_counts(prior_texts, **options)
    frames, tokens = [], {}
    for g, cg in per_group.items():
        rest = everything - cg
        out, more_notes = _log_odds(cg, rest, prior, min_count=min_count, prior_scale=prior_scale)
        tokens[g] = (out.attrs["n_tokens_a"], out.attrs["n_tokens_b"])
        notes += [f"{g}: {n}" for n in more_notes]
        frames.append(out[_TERM_COLUMNS].assign(group=g))
    if not frames:
        result = pd.DataFrame(columns=["group", *_TERM_COLUMNS])
    else:
        result = pd.concat(frames, ignore_index=True)[["group", *_TERM_COLUMNS]]
    result.attrs = {"by": by, "n_tokens": tokens, "notes": notes}
    return result


@dataclass(frozen=True)
class TermContrast:
    """Comparer form of the term contrast: two groups of ``by`` (``groups=(a, b)``) or one-vs-rest.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"lean": ["l", "r"], "text": ["regime says", "government says"]})
        >>> TermContrast(by="lean", groups=("l", "r")).compare(df).frame.term.tolist()
        ['regime', 'says', 'government']
    """

    by: str = "outlet"
    text: str = "text"
    groups: tuple[str, str] | None = None
    bigrams: bool = False
    stop_words: frozenset[str] | None = None
    keep_numbers: bool = False
    min_count: int = 1
    prior_scale: float = 1.0
    name: str = "term_contrast"

    def compare(self, data: pd.DataFrame) -> ComparisonResult:
        """Contrast the texts of ``data`` (a frame with ``by`` and ``text`` columns)."""
        opts = {"bigrams": self.bigrams, "stop_words": self.stop_words, "keep_numbers": self.keep_numbers,
                "min_count": self.min_count, "prior_scale": self.prior_scale}  # fmt: skip
        params = {"by": self.by, "groups": self.groups, **opts}
        if self.groups is None:
            frame = term_contrast_one_vs_rest(data, self.by, self.text, **opts)
            return ComparisonResult(f"Distinctive terms by {self.by} (one vs rest)", {"terms": frame},
                                    tuple(frame.attrs["notes"]), params)  # fmt: skip
        df, notes = _text_rows(data, self.text)
        labels, _ = _group_labels(df, self.by)
        a, b = self.groups
        for g in (a, b):
            if not (labels == g).any():
                raise ValueError(f"no texts for {self.by} = {g!r}; groups: {', '.join(_sorted_groups(labels))}")
        frame = term_contrast(
            df.loc[(labels == a).to_numpy(), self.text], df.loc[(labels == b).to_numpy(), self.text],
            df[self.text], **opts,
        )  # fmt: skip
        frame.attrs.update({"group_a": a, "group_b": b})
        return ComparisonResult(f"Distinctive terms: {a} vs {b}", {"terms": frame}, tuple(notes), params)


def text_frame(items: Iterable[Any]) -> pd.DataFrame:
    """Articles or scored articles as a frame with their cleaned text, for the term contrasts.

    Args:
        items: :class:`~framing.Article` or :class:`~framing.ArticleScore` objects.

    Returns:
        Columns ``id, outlet, outlet_country, outlet_ownership, date, title, text, error``.
    """
    rows = []
    for it in items:
        art = getattr(it, "article", it)
        error = getattr(it, "error", None) or art.error
        o = art.outlet
        rows.append({"id": art.id, "outlet": o.name, "outlet_country": o.country, "outlet_ownership": o.ownership,
                     "date": art.date, "title": art.title, "text": art.text, "error": error})  # fmt: skip
    return pd.DataFrame(rows, columns=["id", "outlet", "outlet_country", "outlet_ownership", "date", "title",
                                       "text", "error"])  # fmt: skip


# ---------------------------------------------------------------------------------------------- actors

_ACTOR_COLUMNS = [
    "group", "actor", "actor_label", "articles", "mentions", "naming", "naming_label", "naming_variants",
    "naming_counts", "statements", "group_statements", "voice_share", "nonneutral_statements", "nonneutral_share",
    "hedged_statements", "hedged_share", "direct_quote_statements",
]  # fmt: skip


def _group_of(by: str | Mapping[str, Any] | pd.Series | Callable[[Any], Any]) -> Callable[[Any], Any]:
    if isinstance(by, pd.Series):
        by = by.to_dict()
    if callable(by):
        return by
    if isinstance(by, Mapping):
        return lambda s: by.get(s.article.id)
    key = by.removeprefix("outlet_")

    def get(s: Any) -> Any:
        if by == "outlet":
            return s.article.outlet.name
        if hasattr(s.article.outlet, key) and by != "date":
            return getattr(s.article.outlet, key)
        if hasattr(s.article, by):
            return getattr(s.article, by)
        raise KeyError(f"cannot group articles by {by!r}: pass an outlet field, an article field, a mapping "
                       "article id -> group or a function")  # fmt: skip

    return get


def actor_comparison(
    scores: Iterable[Any],
    by: str | Mapping[str, Any] | pd.Series | Callable[[Any], Any] = "outlet",
    actor_sets: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """Per actor and group: naming variants, voice share, non-neutral-verb share and hedged-claim share.

    Built on :func:`framing.actors.actor_table` and :func:`framing.actors.statements`.

    Args:
        scores: Scored articles (:class:`~framing.ArticleScore`); failed ones are skipped.
        by: ``"outlet"``, another outlet field (``"country"``/``"outlet_country"``, ``"ownership"``), an
            article field, a mapping or Series article id -> group (e.g. ``articles_df.set_index("id")["lean"]``
            for a column of the article table), or a function of the score. Articles whose group is None go to
            ``"(missing)"``.
        actor_sets: Actor sets (:func:`framing.actors.load_actor_set`); the bundled ones by default.

    Returns:
        One row per group and actor mentioned or quoted there: ``group, actor, actor_label, articles`` (articles
        of the group naming or quoting the actor), ``mentions``, ``naming`` (dominant naming variant id over the
        group), ``naming_label``, ``naming_variants`` ("label (n), ..."), ``naming_counts`` (dict),
        ``statements`` (attributed statements whose source is the actor), ``group_statements`` (all attributed
        statements — sentences with a reporting cue — in the group's articles), ``voice_share`` (statements /
        group_statements), ``nonneutral_statements``, ``nonneutral_share`` and ``hedged_statements``,
        ``hedged_share`` (over the actor's statements; NaN when it has none) and ``direct_quote_statements``.
        A statement with two actor sources counts for both, so voice shares of a group can sum above 1.
    """
    from framing.actors import actor_table, statements

    group_of = _group_of(by)
    everything = list(scores)
    scored = [s for s in everything if s.error is None]
    n_failed = len(everything) - len(scored)
    group: dict[str, str] = {}
    totals: Counter[str] = Counter()
    for s in scored:
        g = group_of(s)
        g = MISSING_GROUP if g is None or (isinstance(g, float) and math.isnan(g)) else str(g)
        group[s.article.id] = g
        totals[g] += len(statements(s))
    table = actor_table(scored, actor_sets)
    rows = []
    if len(table):
        table = table.assign(group=table["article_id"].map(group))
        labels = _variant_labels(scored)
        for (g, actor), part in table.groupby(["group", "actor"], sort=True):
            counts: Counter[str] = Counter()
            for c in part["naming_counts"]:
                counts.update(c or {})
            dominant = _dominant(counts)
            n = int(part["statements"].sum())
            nn, hh = int(part["nonneutral_statements"].sum()), int(part["hedged_statements"].sum())
            total = totals[g]
            rows.append(
                {
                    "group": g,
                    "actor": actor,
                    "actor_label": part["actor_label"].iloc[0],
                    "articles": len(part),
                    "mentions": int(part["mentions"].sum()),
                    "naming": dominant,
                    "naming_label": labels.get(dominant, dominant) if dominant else None,
                    "naming_variants": ", ".join(
                        f"{labels.get(v, v)} ({k})" for v, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                    ),
                    "naming_counts": dict(counts),
                    "statements": n,
                    "group_statements": total,
                    "voice_share": n / total if total else math.nan,
                    "nonneutral_statements": nn,
                    "nonneutral_share": nn / n if n else math.nan,
                    "hedged_statements": hh,
                    "hedged_share": hh / n if n else math.nan,
                    "direct_quote_statements": int(part["direct_quote_statements"].sum()),
                }
            )
    out = pd.DataFrame(rows, columns=_ACTOR_COLUMNS)
    notes = [f"{n_failed} failed article(s) excluded"] if n_failed else []
    out.attrs = {"by": by if isinstance(by, str) else "group", "group_statements": dict(totals), "notes": notes}
    return out


def _variant_labels(scores: Iterable[Any]) -> dict[str, str]:
    """variant id -> label, from naming evidence (``entry`` = ``pack@version:concept/variant``, ``note`` = label)."""
    labels: dict[str, str] = {}
    for s in scores:
        for e in s.evidence:
            if e.category.startswith("naming.") and e.note:
                labels.setdefault(e.entry.rpartition("/")[2], e.note)
    return labels


def _dominant(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v in counts if counts[v] == top)


@dataclass(frozen=True)
class ActorComparison:
    """Comparer form of :func:`actor_comparison`; ``compare`` takes scored articles."""

    by: str | Mapping[str, Any] | Callable[[Any], Any] = "outlet"
    actor_sets: Sequence[Any] | None = None
    name: str = "actor_comparison"

    def compare(self, data: Iterable[Any]) -> ComparisonResult:
        """Compare actors across groups of scored articles."""
        frame = actor_comparison(data, self.by, self.actor_sets)
        notes = tuple(frame.attrs["notes"])
        by = self.by if isinstance(self.by, str) else "group"
        return ComparisonResult(f"Actors by {by}", {"actors": frame}, notes, {"by": by})

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
  actor's share of the group's attributed statements ("voice share"), the roles it is cast in (victim, villain,
  hero: share of the group's articles), and the non-neutral-verb and hedged
  shares of the actor's statements (from :func:`framing.compare.actors.actor_table`).

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

from framing.compare.actors import ActorComparison, actor_comparison
from framing.compare.base import (
    DEFAULT_METRICS,
    MISSING_GROUP,
    Comparer,
    ComparisonResult,
    GroupComparison,
    metric_label,
    metric_unit,
)
from framing.compare.contrast import (
    SMALL_STOP_WORDS,
    TermContrast,
    term_contrast,
    term_contrast_one_vs_rest,
    term_counts,
    text_frame,
    tokenize,
)
from framing.compare.frames import FRAME_METRICS, NEWS_FRAME_METRICS, FrameComparison, frame_comparison
from framing.compare.groups import GroupStats, compare_groups, date_bucket, summarise_groups, with_date_bucket
from framing.compare.stats import bootstrap_ci, cliffs_delta, cliffs_magnitude, holm, permutation_test

__all__ = [
    "DEFAULT_METRICS",
    "FRAME_METRICS",
    "MISSING_GROUP",
    "NEWS_FRAME_METRICS",
    "SMALL_STOP_WORDS",
    "ActorComparison",
    "Comparer",
    "ComparisonResult",
    "FrameComparison",
    "GroupComparison",
    "GroupStats",
    "TermContrast",
    "actor_comparison",
    "bootstrap_ci",
    "cliffs_delta",
    "cliffs_magnitude",
    "compare_groups",
    "date_bucket",
    "frame_comparison",
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

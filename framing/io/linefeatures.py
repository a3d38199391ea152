"""Shallow features of the lines of a page flattened to text, for the line model of :mod:`framing.io.blocks`.

Each line of a dump is described the way boilerpipe (Kohlschütter et al. 2010) describes an HTML text block,
with what a dump still has in place of markup: its length, stop-word share, punctuation and capitals, jusText's
class (Pomikálek 2011), its position in the page and in the run of prose, the blank lines around it (a dump
written with its layout keeps one block of the page per group of lines) and the same features of its
neighbours. Every feature has a name (:data:`FEATURES`) so that a model's weights can be read off them.
A line's words are split at white space and its stop words counted as jusText counts them for its classes, so
that the page's words are split and looked up once for both.

Example:
    >>> lines = ["Home", "The mayor said on Monday that the bridge would reopen next week after two years.", "Share"]
    >>> x = line_features(lines, prose=[False, True, False], gaps=[1, 2, 2], cf=["bad", "good", "short"],
    ...                   revised=["bad", "good", "bad"], stop_counts=[0, 7, 0])
    >>> x.shape == (3, len(FEATURES))
    True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

import numpy as np

__all__ = ["FEATURES", "line_features"]

_NOT_DIGITS = re.compile(r"\D+")
_FIRST = itemgetter(0)
_SENTENCE_END = frozenset({".", "!", "?", '"', "”"})
_SEPARATOR = re.compile(r"\s[|»›•·]\s|\s[-–—]\s.*\s[-–—]\s")
_SEPARATOR_CHAR = re.compile(r"[|»›•·\-–—]")  # most lines have none: the separator search is skipped

# The features of a line itself, then of its neighbours and its surroundings.
_OWN = (
    "log_words", "prose", "terminal", "stop_share", "cf_good", "cf_neargood", "cf_short", "cf_bad",
    "revised_good", "capital_share", "digit_share", "ends_colon", "separator", "question", "repeated",
)  # fmt: skip
_NEIGHBOURS = ("prev", "next", "prev2", "next2")
_NEIGHBOUR_OWN = ("log_words", "prose", "cf_good", "stop_share")
_CONTEXT = (
    "position", "prose_words_before", "prose_words_after", "blank_before", "blank_after", "log_group_size",
    "window_prose", "window_log_words", "log_prose_run", "log_lines_to_long_prose", "below_title_repeat",
)  # fmt: skip

#: Names of the columns of :func:`line_features`, in order.
FEATURES: tuple[str, ...] = (
    *_OWN,
    *(f"{side}_{name}" for side in _NEIGHBOURS for name in _NEIGHBOUR_OWN),
    *_CONTEXT,
)

_WINDOW = 3  # lines each side for the window features
_LONG_PROSE = 20  # words of a sentence line that is surely a paragraph of something


def _own(
    texts: Sequence[str],
    tokens: list[list[str]],
    prose: Sequence[bool],
    cf: Sequence[str],
    revised: Sequence[str],
    stop_counts: Sequence[int],
) -> np.ndarray:
    """The columns of :data:`_OWN`, column by column (a row of Python floats per line cost twice as much)."""
    n = np.array([len(w) for w in tokens], dtype=float)
    per_word = np.maximum(n, 1.0)
    ends = [t.rstrip()[-1:] for t in texts]
    cf_a = np.array(cf)
    counts = Counter(texts)
    columns = [
        np.log1p(n),
        np.array(prose, dtype=float),
        np.array([e in _SENTENCE_END for e in ends], dtype=float) * (n > 0),
        np.array(stop_counts, dtype=float) / per_word,
        cf_a == "good",
        cf_a == "neargood",
        cf_a == "short",
        cf_a == "bad",
        np.array(revised) == "good",
        np.array([sum(map(str.isupper, map(_FIRST, w))) for w in tokens]) / per_word,
        np.array([len(_NOT_DIGITS.sub("", t)) / max(len(t) - t.count(" "), 1) for t in texts]),
        np.array([e == ":" for e in ends]),
        np.array([bool(_SEPARATOR_CHAR.search(t) and _SEPARATOR.search(t)) for t in texts]),
        np.array([e == "?" for e in ends]),
        np.array([counts[t] > 1 for t in texts]),
    ]
    return np.column_stack(columns).astype(float)


def line_features(
    texts: Sequence[str],
    *,
    prose: Sequence[bool],
    gaps: Sequence[int],
    cf: Sequence[str],
    revised: Sequence[str],
    stop_counts: Sequence[int],
) -> np.ndarray:
    """The feature matrix (one row per line, columns :data:`FEATURES`) of a page's lines.

    Args:
        texts: The page's lines, in order (empty lines and lines the line rules removed left out).
        prose: Which lines are sentences (the cleaner's test).
        gaps: For each line, how many raw lines separate it from the previous one (1: none; more: a blank line or a
            removed line between them, which a dump written with its layout puts between blocks).
        cf: jusText's context-free class of each line.
        revised: jusText's class after its context revision.
        stop_counts: How many of each line's words (split at white space, as jusText splits them) are in the stop
            list of the page's language (jusText's count, which its classes come from).
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    tokens = [t.split() for t in texts]  # words as jusText counts them
    own = _own(texts, tokens, prose, cf, revised, stop_counts)
    words = np.array([len(w) for w in tokens], dtype=float)
    prose_a = np.array(prose, dtype=bool)
    prose_words = np.where(prose_a, words, 0.0)
    total = prose_words.sum() or 1.0
    before = (np.cumsum(prose_words) - prose_words) / total
    after = 1.0 - before - prose_words / total

    picks = [_OWN.index(name) for name in _NEIGHBOUR_OWN]
    pad = np.zeros((2, len(picks)))
    padded = np.vstack([pad, own[:, picks], pad])
    neighbours = [padded[1:-3], padded[3:-1], padded[0:-4], padded[4:]]

    gap = np.array(gaps, dtype=float)
    blank_before = gap > 1
    blank_after = np.append(blank_before[1:], True)
    group = np.cumsum(blank_before)
    group_size = np.bincount(group)[group]

    def window_mean(v: np.ndarray) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(v)])
        lo = np.clip(np.arange(n) - _WINDOW, 0, n)
        hi = np.clip(np.arange(n) + _WINDOW + 1, 0, n)
        return (c[hi] - c[lo]) / (hi - lo)

    run = np.zeros(n)  # length of the run of consecutive prose lines the line is in (0 for other lines)
    k = 0
    while k < n:
        if prose_a[k]:
            j = k
            while j + 1 < n and prose_a[j + 1]:
                j += 1
            run[k : j + 1] = j - k + 1
            k = j + 1
        else:
            k += 1
    long_idx = np.flatnonzero(prose_a & (words >= _LONG_PROSE))
    if len(long_idx):
        pos = np.searchsorted(long_idx, np.arange(n))
        left = np.abs(np.arange(n) - long_idx[np.clip(pos - 1, 0, len(long_idx) - 1)])
        right = np.abs(long_idx[np.clip(pos, 0, len(long_idx) - 1)] - np.arange(n))
        to_long = np.minimum(left, right).astype(float)
    else:
        to_long = np.full(n, float(n))
    first = texts[0]
    title_repeat = next((k for k in range(1, n) if len(texts[k].split()) >= 3 and first.startswith(texts[k])), None)
    below = np.arange(n) > title_repeat if title_repeat is not None else np.ones(n, dtype=bool)

    context = np.column_stack(
        [
            np.arange(n) / max(n - 1, 1),
            before,
            after,
            blank_before,
            blank_after,
            np.log(group_size),
            window_mean(prose_a.astype(float)),
            window_mean(np.log1p(words)),
            np.log1p(run),
            np.log1p(to_long),
            below,
        ]
    )
    return np.column_stack([own, *neighbours, context]).astype(float)

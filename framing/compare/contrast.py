"""Term contrasts: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.base import ComparisonResult
from framing.compare.groups import _group_labels, _sorted_groups, _usable

__all__ = [
    "SMALL_STOP_WORDS",
    "TermContrast",
    "term_contrast",
    "term_contrast_one_vs_rest",
    "term_counts",
    "text_frame",
    "tokenize",
]


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

"""Group articles that report the same event into stories.

Each article becomes a TF-IDF vector over the terms of its title (counted twice) and its lead (content-word
stems, names, numbers; :func:`framing.stories.text.terms`). Candidate pairs come from an inverted index over
each article's most characteristic terms (its ``top_terms`` highest TF-IDF weights among terms found in 2 to
``max_block`` articles), so the number of pairs grows with the corpus, not with its square; pairs further apart
than ``window`` days (when both dates are known) are dropped. The exact cosine of each candidate pair decides
whether it links; linked articles form components, and complete-linkage clustering inside each component
(scikit-learn) cuts them into stories whose every pair of articles is at least ``threshold`` similar, so one
story cannot chain through loosely related ones.

Example:
    >>> from framing.io import article_from_text
    >>> docs = [article_from_text(t, id=i, meta={"date": "2025-04-03"}) for i, t in (
    ...     ("a", "Troops exchanged fire at the Sarnel River crossing near Hesk on Thursday."),
    ...     ("b", "Fighting broke out at the Sarnel River crossing near Hesk, officials said."),
    ...     ("c", "The Port Callan recount confirmed Lena Marr's lead in the mayoral election."))]
    >>> [s.articles for s in group_stories(docs)]
    [('a', 'b'), ('c',)]
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.stories.text import label_terms, terms

__all__ = ["Story", "StoryGrouper", "group_stories", "one_story", "story_table"]

#: Defaults chosen on the roundups dev portion (framing.validation.stories); see reports/validation.md.
DEFAULT_THRESHOLD = 0.12
DEFAULT_WINDOW = 3


@dataclass(frozen=True)
class Story:
    """Articles that report one event.

    Attributes:
        id: ``S1``, ``S2`` ... in order of the stories' first article in the input.
        label: Its most characteristic terms, joined by `` · ``.
        articles: Ids of its articles, in input order.
        outlets: Outlet of each article (``None`` when unknown), aligned with ``articles``.
        dates: Date of each article (``None`` when unknown), aligned with ``articles``.
    """

    id: str
    label: str
    articles: tuple[str, ...]
    outlets: tuple[str | None, ...] = ()
    dates: tuple[str | None, ...] = ()

    @property
    def size(self) -> int:
        """Number of articles."""
        return len(self.articles)

    @property
    def first_date(self) -> str | None:
        """Earliest known date."""
        known = [d for d in self.dates if d]
        return min(known) if known else None

    @property
    def last_date(self) -> str | None:
        """Latest known date."""
        known = [d for d in self.dates if d]
        return max(known) if known else None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "dates": list(self.dates),
            "first_date": self.first_date,
            "last_date": self.last_date,
        }


def _fields(item: Any) -> tuple[str, str, str, str | None, str | None]:
    """(id, title, text, date, outlet) of an Article, an ArticleScore or any object with those attributes."""
    art = getattr(item, "article", item)
    outlet = getattr(art, "outlet", None)
    name = outlet if isinstance(outlet, str) or outlet is None else getattr(outlet, "name", None)
    return str(art.id), getattr(art, "title", None) or "", art.text or "", getattr(art, "date", None), name


def _day(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return _dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


class StoryGrouper:
    """Group articles into stories (scikit-learn style: settings in ``__init__``, results after ``fit``).

    Args:
        threshold: Least cosine similarity between every two articles of a story.
        window: Most days between two articles of a story when both dates are known; ``None`` ignores dates.
        top_terms: Terms per article that propose candidate pairs.
        max_block: Terms found in more articles than this propose no pairs (they still count in the cosine).
        lead_words: Words of the body used after the title (the lead carries the event; ``None`` for all).

    Attributes:
        vectorizer_: The fitted TF-IDF vectoriser.
        labels_: Story index of each article (input order).
        stories_: The stories, in order of their first article.
        n_candidates_: Candidate pairs looked at.
        n_links_: Pairs at or above the threshold.
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        window: float | None = DEFAULT_WINDOW,
        top_terms: int = 20,
        max_block: int = 200,
        lead_words: int | None = 300,
    ) -> None:
        self.threshold = threshold
        self.window = window
        self.top_terms = top_terms
        self.max_block = max_block
        self.lead_words = lead_words

    def _document(self, title: str, text: str) -> list[str]:
        if self.lead_words is not None:
            parts = text.split(maxsplit=self.lead_words)
            text = " ".join(parts[: self.lead_words])
        head = terms(title) if title else []
        return head + head + terms(text)

    def vectorize(self, items: Sequence[Any]) -> Any:
        """Fit the TF-IDF vectoriser on the items and return their L2-normalised vectors (CSR)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.window is not None and self.window < 0:
            raise ValueError(f"window must be >= 0 days or None, got {self.window}")
        self.vectorizer_ = TfidfVectorizer(analyzer=lambda t: t, sublinear_tf=True, dtype=np.float32)
        docs = [self._document(title, text) for _, title, text, _, _ in (_fields(i) for i in items)]
        return self.vectorizer_.fit_transform(docs).tocsr()

    def fit(self, items: Iterable[Any], vectors: Any = None) -> StoryGrouper:
        """Group the items (:class:`~framing.Article`, :class:`~framing.ArticleScore`, or any object with ``id``,
        ``title``, ``text`` and ``date``).

        Args:
            items: The articles.
            vectors: Their vectors from :meth:`vectorize` (computed here when omitted).
        """
        items = list(items)
        meta = [_fields(i) for i in items]
        ids = [m[0] for m in meta]
        dup = [k for k, n in Counter(ids).items() if n > 1]
        if dup:
            raise ValueError(f"article ids must be unique; repeated: {', '.join(dup[:5])}")
        X = self.vectorize(items) if vectors is None else vectors
        n = X.shape[0]
        days = np.array([d if d is not None else -(10**9) for d in (_day(m[3]) for m in meta)], dtype=np.int64)
        known = np.array([_day(m[3]) is not None for m in meta])
        i, j = self._candidates(X)
        if self.window is not None and len(i):
            ok = ~(known[i] & known[j]) | (np.abs(days[i] - days[j]) <= self.window)
            i, j = i[ok], j[ok]
        sims = _pair_cosines(X, i, j)
        link = sims >= self.threshold
        self.n_candidates_ = len(i)
        self.n_links_ = int(link.sum())
        labels = self._cluster(i[link], j[link], sims[link], n)
        self.labels_ = labels
        self.stories_ = self._stories(X, labels, meta)
        return self

    def fit_predict(self, items: Iterable[Any]) -> list[str]:
        """Story id of each article, in input order."""
        self.fit(items)
        by_index = {k: s.id for k, s in enumerate(self.stories_)}
        return [by_index[int(lab)] for lab in self.labels_]

    def _candidates(self, X: Any) -> tuple[Any, Any]:
        """Pairs (i < j) sharing one of their top terms (terms in 2..max_block articles only)."""
        import scipy.sparse as sp

        n, m = X.shape
        if n < 2:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        df = np.bincount(X.indices, minlength=m)
        usable = (df >= 2) & (df <= self.max_block)
        data = np.where(usable[X.indices], X.data, 0).astype(np.float32)
        masked = sp.csr_matrix((data, X.indices.copy(), X.indptr.copy()), shape=X.shape)  # X stays intact
        masked.eliminate_zeros()
        rows, cols = [], []
        k = self.top_terms
        for r in range(n):
            a, b = masked.indptr[r], masked.indptr[r + 1]
            if a == b:
                continue
            idx = masked.indices[a:b]
            if b - a > k:
                idx = idx[np.argpartition(-masked.data[a:b], k)[:k]]
            rows.append(np.full(len(idx), r))
            cols.append(idx)
        if not rows:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        r_all, c_all = np.concatenate(rows), np.concatenate(cols)
        B = sp.csr_matrix((np.ones(len(r_all), np.float32), (r_all, c_all)), shape=X.shape)
        pairs = sp.triu(B @ B.T, k=1).tocoo()
        order = np.lexsort((pairs.col, pairs.row))
        return pairs.row[order].astype(np.int64), pairs.col[order].astype(np.int64)

    def _cluster(self, i: Any, j: Any, sims: Any, n: int) -> Any:
        """Complete linkage over the linked pairs (:func:`_complete_linkage`)."""
        return _complete_linkage(n, i, j, sims)

    def _stories(self, X: Any, labels: Any, meta: list[tuple[str, str, str, str | None, str | None]]) -> list[Story]:
        names = self.vectorizer_.get_feature_names_out()
        order: dict[int, list[int]] = {}
        for k, lab in enumerate(labels):
            order.setdefault(int(lab), []).append(k)
        stories = []
        for pos, lab in enumerate(sorted(order, key=lambda c: order[c][0])):
            mem = order[lab]
            titles = [meta[k][1] for k in mem]
            ranked = [str(names[t]) for t in _top_terms(X, mem, names)]
            stories.append(
                Story(
                    id=f"S{pos + 1}",
                    label=label_terms(ranked, titles, more=[" ".join(meta[k][2].split(maxsplit=60)[:60]) for k in mem]),
                    articles=tuple(meta[k][0] for k in mem),
                    outlets=tuple(meta[k][4] for k in mem),
                    dates=tuple(meta[k][3] for k in mem),
                )
            )
            labels[np.array(mem)] = pos
        return stories


def _complete_linkage(n: int, i: Any, j: Any, sims: Any) -> Any:
    """Complete-linkage clusters of ``n`` items given only their linked pairs (similarity >= the threshold).

    Two clusters merge when every pair across them is linked, the pair of clusters whose weakest cross link is
    strongest first: complete linkage with every unlinked pair below the threshold. It runs on the links alone
    (a heap over cluster pairs, O(links log links)), so a corpus of loosely chained stories costs no dense
    matrix; scipy's and scikit-learn's complete linkage need all pairwise distances, and scikit-learn's
    connectivity-constrained variant ignores unlinked pairs instead of forbidding the merge.
    """
    import heapq

    parent = list(range(n))
    size = [1] * n
    # per cluster: neighbour cluster -> (number of linked cross pairs, weakest of them)
    cross: list[dict[int, list[float]]] = [{} for _ in range(n)]
    for a, b, s in zip(i.tolist(), j.tolist(), sims.tolist(), strict=True):
        cross[a][b] = [1.0, s]
        cross[b][a] = [1.0, s]
    heap = [(-s, a, b) for a, b, s in zip(i.tolist(), j.tolist(), sims.tolist(), strict=True)]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in cross[a]:
            continue
        count, weakest = cross[a][b]
        if -neg != weakest or count < size[a] * size[b]:
            continue  # stale entry, or some pair across is not linked
        if size[a] < size[b]:
            a, b = b, a
        alive[b] = False
        parent[b] = a
        size[a] += size[b]
        del cross[a][b]
        for c, (cnt, w) in cross[b].items():
            if c == a:
                continue
            del cross[c][b]
            old = cross[a].get(c)
            merged = [cnt + old[0], min(w, old[1])] if old else [cnt, w]
            cross[a][c] = merged
            cross[c][a] = merged
            if merged[0] == size[a] * size[c]:
                heapq.heappush(heap, (-merged[1], min(a, c), max(a, c)))
        cross[b] = {}
    labels = np.empty(n, dtype=np.int64)
    for k in range(n):
        root = k
        while parent[root] != root:
            root = parent[root]
        labels[k] = root
    return labels


def _top_terms(X: Any, rows: Sequence[int], names: Any, k: int = 16) -> Any:
    """Column indices of the ``k`` heaviest terms of the rows' summed vectors (sparse: no dense centroid);
    at equal weight a name ("sarnel river") comes before single words."""
    idx = np.concatenate([X.indices[X.indptr[r] : X.indptr[r + 1]] for r in rows])
    val = np.concatenate([X.data[X.indptr[r] : X.indptr[r + 1]] for r in rows])
    if len(rows) > 1:
        idx, inv = np.unique(idx, return_inverse=True)
        val = np.bincount(inv, weights=val)
    if len(idx) > k:
        part = np.argpartition(-val, k)[:k]
        idx, val = idx[part], val[part]
    single = np.array([" " not in names[t] for t in idx])
    order = np.lexsort((idx, single, -np.round(val, 6)))  # heaviest first, then names, then by column
    return idx[order]


def _pair_cosines(X: Any, i: Any, j: Any, chunk: int = 50_000) -> Any:
    """Cosine of each pair of rows of an L2-normalised CSR matrix, in chunks (memory stays bounded)."""
    out = np.empty(len(i), dtype=np.float32)
    for a in range(0, len(i), chunk):
        b = min(a + chunk, len(i))
        out[a:b] = np.asarray(X[i[a:b]].multiply(X[j[a:b]]).sum(axis=1)).ravel()
    return out


def group_stories(
    articles: Iterable[Any], *, window: float | None = DEFAULT_WINDOW, threshold: float = DEFAULT_THRESHOLD
) -> list[Story]:
    """Group articles that report the same event.

    Args:
        articles: :class:`~framing.Article` or :class:`~framing.ArticleScore` objects (ids must be unique).
        window: Most days between two articles of one story when both dates are known; ``None`` ignores dates.
        threshold: Least TF-IDF cosine between every two articles of a story (chosen on the roundups dev
            portion; see ``reports/validation.md``).

    Returns:
        The stories in order of their first article; an article like no other is a story of its own.
    """
    return StoryGrouper(threshold=threshold, window=window).fit(articles).stories_


def one_story(articles: Iterable[Any], id: str = "S1") -> Story:
    """All the articles as one story (a set the user picked to compare), labelled by its characteristic terms."""
    items = list(articles)
    if not items:
        raise ValueError("no articles to make a story of")
    grouper = StoryGrouper()
    X = grouper.vectorize(items)
    (story,) = grouper._stories(X, np.zeros(X.shape[0], dtype=np.int64), [_fields(i) for i in items])
    return Story(id, story.label, story.articles, story.outlets, story.dates)


def story_table(stories: Iterable[Story]) -> Any:
    """One row per article: ``article_id, story, label, size, outlet, date`` (a pandas DataFrame)."""
    import pandas as pd

    rows = [
        {"article_id": a, "story": s.id, "label": s.label, "size": s.size, "outlet": o, "date": d}
        for s in stories
        for a, o, d in zip(s.articles, s.outlets or (None,) * s.size, s.dates or (None,) * s.size, strict=True)
    ]
    return pd.DataFrame(rows, columns=["article_id", "story", "label", "size", "outlet", "date"])

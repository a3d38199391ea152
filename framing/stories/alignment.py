"""Align the sentences that report the same fact across the articles of a story.

Two sentences report the same fact when they share what is specific to it: content words (stemmed), names,
the term-pack concept they name ("the October 7 attack" / "the cross-border attack" are one concept), dates and
figures. Each sentence becomes a TF-IDF vector over those terms (IDF over the sentences being aligned, so
words every sentence uses, "Hamas" in a Hamas story, weigh little); the similarity of two sentences is the
cosine of their vectors, plus :data:`FIGURE_MATCH` when they give agreeing figures of the same kind ("some
1,200 ... killed" / "killed 1,195"), plus :data:`FIGURE_NEAR` when the figures differ by less than half (a
count reported at two dates), minus :data:`FIGURE_CLASH` when they count the same kind an order of magnitude
apart (the attack's toll is not the war's). Sentences of one article weigh half, so an article's own
repetition cannot make a fact alone.

Average-linkage clustering (scikit-learn) at :data:`DEFAULT_THRESHOLD` makes the facts. A sentence that
reports two facts ("since an Oct. 7 attack ... in which some 1,200 Israelis were killed") is also listed under
a second fact when its article has no sentence there and it is, on average, as similar to that fact's
sentences as the threshold asks (``primary=False``). A fact told by one article only stays a fact of its own.

Each mention keeps what the scorer found in its sentence: the naming variants (term packs), who it is
attributed to (source kinds, cue, non-neutral verb, hedged), its hedges (with an "impossible to confirm" in the
next sentence), figures and dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.compare.actors import statements
from framing.stories.numbers import DateMention, Figure, figures_agree, find_dates, find_figures
from framing.stories.text import fold_demonyms, label_terms, place_names, stem, terms

if TYPE_CHECKING:
    from framing.scoring import ArticleScore

__all__ = ["Attribution", "Fact", "FactMention", "Quantity", "align_facts"]

#: Least average similarity between the sentences of a fact (set by reading the seeds and the example corpus;
#: no annotated alignment data exists to tune it on).
DEFAULT_THRESHOLD = 0.25
FIGURE_MATCH = 0.25
FIGURE_NEAR = 0.1
FIGURE_CLASH = 0.2
DATE_MATCH = 0.15
SAME_ARTICLE = 0.5
#: Sentences aligned per article (the rest of a long article is background the lead already gave).
MAX_SENTENCES = 80


@dataclass(frozen=True)
class Attribution:
    """Who a sentence is attributed to, and how.

    Attributes:
        sources: ``(kind, text)`` per source, kind one of named, named_org, anonymous, media, self, pronoun.
        cues: The reporting cues ("according to", "claims").
        nonneutral: A cue that takes a stance (claimed, alleged, insisted ...).
        hedged: Hedged in the sentence, or flagged unverifiable in the next one.
        direct_quote: The sentence quotes its source directly.
        spans: The source phrases as written ("local health authorities", "a diplomatic source").
    """

    sources: tuple[tuple[str, str], ...] = ()
    cues: tuple[str, ...] = ()
    nonneutral: bool = False
    hedged: bool = False
    direct_quote: bool = False
    spans: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        """The source kinds, each once."""
        return tuple(dict.fromkeys(k for k, _ in self.sources))

    def summary(self) -> str:
        """``"anonymous: local health authorities (according to)"``; ``"no source"`` when unattributed."""
        if not self.sources and not self.cues:
            return "no source"
        words = "; ".join(self.spans or [t for _, t in self.sources])
        who = f"{', '.join(self.kinds)}: {words}" if self.sources else "unnamed source"
        cue = ", ".join(self.cues)
        return f"{who} ({cue})" if cue else who

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "sources": [list(s) for s in self.sources],
            "cues": list(self.cues),
            "nonneutral": self.nonneutral,
            "hedged": self.hedged,
            "direct_quote": self.direct_quote,
            "spans": list(self.spans),
            "summary": self.summary(),
        }


@dataclass(frozen=True)
class FactMention:
    """One article's sentence reporting a fact, with what the scorer found in it.

    Attributes:
        article_id: The article.
        outlet: Its outlet, when known.
        date: Its date, when known.
        sentence: Sentence index in the article.
        text: The sentence.
        naming: ``(concept, variant label, text)`` per term-pack match in the sentence.
        attribution: Who it is attributed to.
        hedges: Hedge and booster words; ``"next sentence: ..."`` for an unverifiable flag after it.
        figures: Its figures.
        dates: Its dates.
        primary: False when the sentence belongs to another fact first and is listed here too.
    """

    article_id: str
    outlet: str | None
    date: str | None
    sentence: int
    text: str
    naming: tuple[tuple[str, str, str], ...] = ()
    attribution: Attribution = field(default_factory=Attribution)
    hedges: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    primary: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "date": self.date,
            "sentence": self.sentence,
            "text": self.text,
            "naming": [list(n) for n in self.naming],
            "attribution": self.attribution.to_dict(),
            "hedges": list(self.hedges),
            "figures": [f.to_dict() for f in self.figures],
            "dates": [d.to_dict() for d in self.dates],
            "primary": self.primary,
        }


@dataclass(frozen=True)
class Quantity:
    """One kind of figure across the mentions of a fact (the toll: killed), one figure per article.

    Attributes:
        kind: What is counted (``killed``, ``injured``, ``hostages`` ...).
        figures: ``(article_id, figure)``, in article order.
        agree: Whether one true value fits every figure's wording.
    """

    kind: str
    figures: tuple[tuple[str, Figure], ...]
    agree: bool

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "kind": self.kind,
            "figures": [{"article_id": a, **f.to_dict()} for a, f in self.figures],
            "agree": self.agree,
        }


@dataclass(frozen=True)
class Fact:
    """Sentences of several articles (or one) reporting the same fact.

    Attributes:
        id: ``F1``, ``F2`` ... (most widely reported first).
        label: Its most characteristic terms.
        mentions: The sentences, in article order, then sentence order.
        quantities: Figures of one kind given by two or more articles.
        story: The story the fact belongs to, when known.
    """

    id: str
    label: str
    mentions: tuple[FactMention, ...]
    quantities: tuple[Quantity, ...] = ()
    story: str | None = None

    @property
    def articles(self) -> tuple[str, ...]:
        """Articles that report it, in article order."""
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))

    def mentions_in(self, article_id: str) -> tuple[FactMention, ...]:
        """The mentions of one article."""
        return tuple(m for m in self.mentions if m.article_id == article_id)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "id": self.id,
            "story": self.story,
            "label": self.label,
            "articles": list(self.articles),
            "mentions": [m.to_dict() for m in self.mentions],
            "quantities": [q.to_dict() for q in self.quantities],
        }


@dataclass(frozen=True)
class _Sentence:
    article: int
    index: int
    text: str
    figures: tuple[Figure, ...]
    dates: tuple[DateMention, ...]
    concepts: tuple[str, ...]


def _evidence_by_sentence(score: ArticleScore) -> dict[int, list[Any]]:
    by: dict[int, list[Any]] = {}
    for e in score.evidence:
        by.setdefault(e.sentence, []).append(e)
    return by


def _mention(score: ArticleScore, s: _Sentence, by: dict[int, list[Any]], said: dict[int, Any], primary: bool) -> Any:
    here = by.get(s.index, [])
    naming = tuple(
        (e.category.removeprefix("naming."), e.note, e.text) for e in here if e.category.startswith("naming.")
    )
    hedges = [e.text for e in here if e.dimension == "hedging"]
    hedges += [f"next sentence: {e.text}" for e in by.get(s.index + 1, []) if e.category == "hedge.unverified"]
    st = said.get(s.index)
    attribution = (
        Attribution(
            sources=tuple((c.removeprefix("source."), t) for c, t in st.sources),
            cues=st.cues,
            nonneutral=st.nonneutral,
            hedged=st.hedged,
            direct_quote=st.direct_quote,
            spans=tuple(dict.fromkeys(e.text for e in here if e.category == "source_span")),
        )
        if st is not None
        else Attribution()
    )
    a = score.article
    return FactMention(
        article_id=a.id,
        outlet=a.outlet.name,
        date=a.date,
        sentence=s.index,
        text=s.text,
        naming=naming,
        attribution=attribution,
        hedges=tuple(dict.fromkeys(hedges)),
        figures=s.figures,
        dates=s.dates,
        primary=primary,
    )


def _figure_bonus(a: Sequence[Figure], b: Sequence[Figure]) -> float:
    """Agreement of two sentences' figures of the same kind: the best pair decides, a clash only counts alone."""
    best: float | None = None
    for fa in a:
        for fb in b:
            if not fa.kind or fa.kind != fb.kind or min(fa.value, fb.value) <= 0:
                continue
            ratio = max(fa.value, fb.value) / min(fa.value, fb.value)
            if figures_agree([fa, fb]):
                # "More than 100" is a common round figure; "1,195" or "39,445" is not
                score = FIGURE_MATCH if _specific(fa) or _specific(fb) else FIGURE_MATCH / 2
            elif ratio <= 1.5:
                score = FIGURE_NEAR
            elif ratio >= 3:
                score = -FIGURE_CLASH
            else:
                score = 0.0
            best = score if best is None else max(best, score)
    return best or 0.0


def _same_date(a: Sequence[DateMention], b: Sequence[DateMention]) -> bool:
    """Whether two sentences give one calendar date (month and day; the years too when both give one)."""
    return any(x.key == y.key and (x.year is None or y.year is None or x.year == y.year) for x in a for y in b)


#: Words about who says something rather than what happened ("a diplomatic source", "officials said").
_ATTRIBUTION_TERMS = frozenset(
    stem(w)
    for w in "source sources official officials spokesman spokeswoman spokesperson statement report "
    "reports reported publication media outlet outlets citing cited quoted claimed claims added".split()
)


def _specific(f: Figure) -> bool:
    return f.value >= 1000 or f.value % 10 != 0


def _similarities(sents: Sequence[_Sentence]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    places = place_names(s.text for s in sents)
    vocab = {w.lower().rstrip("s'’") for s in sents for w in s.text.split() if w[:1].isupper()}
    vocab |= {w.lower().removesuffix("'s") for s in sents for w in s.text.split() if w[:1].isupper()}
    demonyms = fold_demonyms({v.strip(".,;:\"'()") for v in vocab}, places)
    docs = [
        [t for t in terms(s.text, demonyms, names=False) if not t.startswith("#") and t not in _ATTRIBUTION_TERMS]
        + [f"§{c}" for c in s.concepts]
        + [f"@{d.key}" for d in s.dates]
        for s in sents
    ]
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True)
    X = vec.fit_transform(docs)
    S = (X @ X.T).toarray()
    n = len(sents)
    for i in range(n):
        a = sents[i]
        if not (a.figures or a.dates):
            continue
        for j in range(i + 1, n):
            b = sents[j]
            bonus = _figure_bonus(a.figures, b.figures) if a.figures and b.figures else 0.0
            if a.dates and b.dates and _same_date(a.dates, b.dates):
                bonus += DATE_MATCH
            S[i, j] += bonus
            S[j, i] += bonus
    art = np.array([s.article for s in sents])
    same = art[:, None] == art[None, :]
    S[same] *= SAME_ARTICLE
    np.fill_diagonal(S, 1.0)
    return S, X, vec.get_feature_names_out()


def align_facts(
    scores: Iterable[ArticleScore], *, threshold: float = DEFAULT_THRESHOLD, story: str | None = None
) -> list[Fact]:
    """Align the sentences of scored articles that report the same fact.

    Args:
        scores: Scored articles of one story (or any set to compare); failed ones are skipped.
        threshold: Least average similarity of a fact's sentences (:data:`DEFAULT_THRESHOLD`).
        story: Story id written on each fact.

    Returns:
        The facts, most widely reported first (then in order of first mention); facts of one article included.
    """
    scored = [s for s in scores if s.error is None]
    sents: list[_Sentence] = []
    for k, s in enumerate(scored):
        by = _evidence_by_sentence(s)
        for sent in s.sentences[:MAX_SENTENCES]:
            dates = tuple(find_dates(sent.text))
            concepts = tuple(
                dict.fromkeys(e.category.removeprefix("naming.") for e in by.get(sent.index, ())
                              if e.category.startswith("naming."))
            )  # fmt: skip
            sents.append(_Sentence(k, sent.index, sent.text, tuple(find_figures(sent.text, dates)), dates, concepts))
    if not sents:
        return []
    S, X, names = _similarities(sents)
    groups = _average_linkage(S, threshold)
    extra = _second_facts(S, groups, [s.article for s in sents], threshold)
    by_article = [_evidence_by_sentence(s) for s in scored]
    said = [{st.sentence: st for st in statements(s)} for s in scored]
    facts = []
    for g, members in enumerate(groups):
        rows = sorted(set(members) | extra.get(g, set()), key=lambda r: (sents[r].article, sents[r].index))
        mentions = tuple(
            _mention(scored[sents[r].article], sents[r], by_article[sents[r].article], said[sents[r].article],
                     r in members)
            for r in rows
        )  # fmt: skip
        centroid = np.asarray(X[members].sum(axis=0)).ravel()
        ranked = [str(names[t]) for t in np.argsort(-centroid, kind="stable")[:16] if centroid[t] > 0]
        label = label_terms(ranked, [sents[r].text for r in rows])
        facts.append((mentions, label))
    facts.sort(key=lambda f: (-len({m.article_id for m in f[0]}), _position(f[0], scored)))
    return [
        Fact(f"F{k + 1}", label, mentions, _quantities(mentions), story) for k, (mentions, label) in enumerate(facts)
    ]


def _position(mentions: Sequence[FactMention], scored: Sequence[ArticleScore]) -> tuple[int, int]:
    order = {s.article.id: k for k, s in enumerate(scored)}
    first = min(mentions, key=lambda m: (order[m.article_id], m.sentence))
    return order[first.article_id], first.sentence


def _average_linkage(S: Any, threshold: float) -> list[list[int]]:
    n = len(S)
    if n == 1:
        return [[0]]
    from sklearn.cluster import AgglomerativeClustering

    D = np.clip(1.0 - S, 0.0, None)
    np.fill_diagonal(D, 0.0)
    labels = (
        AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold + 1e-9
        )
        .fit(D)
        .labels_
    )
    groups: dict[int, list[int]] = {}
    for k, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])


def _second_facts(
    S: Any, groups: Sequence[Sequence[int]], article: Sequence[int], threshold: float
) -> dict[int, set[int]]:
    """For each fact, the best sentence of each article it lacks, when that sentence is as similar to the fact as
    the threshold asks: its best match in each of the fact's articles, averaged over those articles (a sentence
    reporting two facts)."""
    art = np.asarray(article)
    extra: dict[int, set[int]] = {}
    for g, members in enumerate(groups):
        present = sorted({article[m] for m in members})
        cols = np.asarray(members)
        # best similarity of every sentence to each article's mentions, averaged over the fact's articles
        per_article = np.stack([S[:, cols[art[cols] == a]].max(axis=1) for a in present], axis=1)
        fit = per_article.mean(axis=1)
        best: dict[int, tuple[float, int]] = {}
        for r in np.flatnonzero(fit >= threshold):
            a = int(art[r])
            if a in present:
                continue
            if a not in best or fit[r] > best[a][0]:
                best[a] = (float(fit[r]), int(r))
        if best:
            extra[g] = {r for _, r in best.values()}
    return extra


def _quantities(mentions: Sequence[FactMention]) -> tuple[Quantity, ...]:
    """Per figure kind given by two or more articles: the first figure of that kind in each article."""
    per_kind: dict[str, dict[str, Figure]] = {}
    for m in mentions:
        for f in m.figures:
            if f.kind and f.kind not in {"percent", "money"} and not f.kind.isdigit():
                per_kind.setdefault(f.kind, {}).setdefault(m.article_id, f)
    out = []
    for kind, figs in per_kind.items():
        if len(figs) >= 2:
            out.append(Quantity(kind, tuple(figs.items()), figures_agree(list(figs.values()))))
    return tuple(out)

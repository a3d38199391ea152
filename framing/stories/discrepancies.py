"""Where the articles of a story disagree: figures, dates, sources, verbs, hedges and names of one fact.

For each aligned fact (:func:`framing.stories.alignment.align_facts`) told by two or more articles:

* ``figures``: figures of one kind that no single true value fits ("Nearly 32,000" / "Over 34,000" / "At
  least 39,445" / "more than 40 000" killed), with each article's date, since a toll grows over time;
* ``sources``: the fact attributed to different kinds of source, or attributed by some and not by others
  ("according to local health authorities" / "Hamas claims" / no source);
* ``verbs``: a neutral cue in one article ("according to") and a stance-taking one in another ("claims");
* ``hedging``: hedged (or flagged unverifiable in the next sentence) in some articles and not in others;
* ``naming``: one term-pack concept named with different variants ("surprise attack" / "cross-border attack").

Across the whole story, ``date``: a date one slip away from a date the other mentions of the same event give
(another month, day or year) in the same words' company ("the war ... since November 7, 2023" where every
other mention says October 7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from framing.stories.numbers import DateMention, find_dates
from framing.stories.text import fold_demonyms, place_names, terms, words

if TYPE_CHECKING:
    from framing.scoring import ArticleScore
    from framing.stories.alignment import Fact

__all__ = ["Discrepancy", "date_slips", "fact_discrepancies"]

#: Words around a date that say which event it dates.
DATE_CONTEXT = 6
#: A term shared by date contexts must be rarer than this share of the story's sentences to tie them.
COMMON_SHARE = 0.25
_NEAR = 50  # characters: about six words


@dataclass(frozen=True)
class Discrepancy:
    """A way in which the articles of a story differ on one fact (or, for ``date``, on one event).

    Attributes:
        kind: ``figures``, ``sources``, ``verbs``, ``hedging``, ``naming`` or ``date``.
        fact: The fact's id (``None`` for a story-wide date slip).
        summary: One sentence saying what differs.
        details: ``(article_id, what it says)`` per article involved.
        story: The story's id, when known.
    """

    kind: str
    fact: str | None
    summary: str
    details: tuple[tuple[str, str], ...] = ()
    story: str | None = None

    @property
    def articles(self) -> tuple[str, ...]:
        """The articles involved."""
        return tuple(dict.fromkeys(a for a, _ in self.details))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "kind": self.kind,
            "story": self.story,
            "fact": self.fact,
            "summary": self.summary,
            "details": [{"article_id": a, "text": t} for a, t in self.details],
        }


def _source_kind(m: Any) -> str:
    kinds = sorted({k for k, _ in m.attribution.sources if k not in {"self"}})
    if kinds:
        return "+".join(kinds)
    return "unnamed source" if m.attribution.cues else "no source"


def _first_by_article(fact: Fact) -> dict[str, Any]:
    """Per article, its attributed mention if it has one, else its first."""
    out: dict[str, Any] = {}
    for m in fact.mentions:
        if m.article_id not in out or (not out[m.article_id].attribution.cues and m.attribution.cues):
            out[m.article_id] = m
    return out


def fact_discrepancies(fact: Fact, story: str | None = None) -> list[Discrepancy]:
    """The figures, sources, verbs, hedges and names on which a fact's articles differ."""
    if len(fact.articles) < 2:
        return []
    out: list[Discrepancy] = []
    dates = {m.article_id: m.date for m in fact.mentions}
    for q in fact.quantities:
        if q.agree:
            continue
        figs = [(a, f) for a, f in q.figures]
        known = [(dates[a], f.value) for a, f in figs if dates.get(a)]
        trend = ""
        if len(known) >= 2 and len({d for d, _ in known}) == len(known):
            ordered = [v for _, v in sorted(known)]
            if all(x <= y for x, y in pairwise(ordered)):
                trend = " The figures grow with the articles' dates (a running count)."
        out.append(
            Discrepancy(
                "figures",
                fact.id,
                f"{q.kind}: {len(figs)} articles give figures that no single number fits.{trend}",
                tuple((a, f"{f.text} ({dates.get(a) or 'no date'})") for a, f in figs),
                story,
            )
        )
    first = _first_by_article(fact)
    kinds = {a: _source_kind(m) for a, m in first.items()}
    if len(set(kinds.values())) > 1:
        out.append(
            Discrepancy(
                "sources",
                fact.id,
                "The articles attribute it differently: " + ", ".join(sorted(set(kinds.values()))) + ".",
                tuple((a, m.attribution.summary()) for a, m in first.items()),
                story,
            )
        )
    stance = {
        a: ("stance-taking" if m.attribution.nonneutral else "neutral") for a, m in first.items() if m.attribution.cues
    }
    if len(set(stance.values())) > 1:
        out.append(
            Discrepancy(
                "verbs",
                fact.id,
                "Some articles report it with a neutral cue, others with a verb that takes a stance.",
                tuple((a, f"{', '.join(first[a].attribution.cues)} ({s})") for a, s in stance.items()),
                story,
            )
        )
    hedged = {a: bool(m.hedges and any(_real_hedge(h) for h in m.hedges)) for a, m in first.items()}
    if len(set(hedged.values())) > 1:
        out.append(
            Discrepancy(
                "hedging",
                fact.id,
                "Hedged or flagged unverifiable in some articles, stated flatly in others.",
                tuple((a, "; ".join(h for h in first[a].hedges if _real_hedge(h)) or "not hedged") for a in hedged),
                story,
            )
        )
    variants: dict[str, dict[str, str]] = {}
    for m in fact.mentions:
        for concept, label, _text in m.naming:
            variants.setdefault(concept, {}).setdefault(m.article_id, label)
    for concept, per_article in variants.items():
        if len(per_article) >= 2 and len(set(per_article.values())) > 1:
            out.append(
                Discrepancy(
                    "naming",
                    fact.id,
                    f"{concept}: named {len(set(per_article.values()))} ways.",
                    tuple(per_article.items()),
                    story,
                )
            )
    return out


def _real_hedge(h: str) -> bool:
    """Approximators ("nearly", "some") soften a figure rather than the claim; they do not count here."""
    return h.lower() not in _APPROXIMATORS


_APPROXIMATORS = frozenset(
    {"nearly", "almost", "about", "around", "some", "roughly", "approximately", "over", "more than", "at least",
     "up to", "less than", "fewer than", "under", "an estimated", "estimated", "close to"}
)  # fmt: skip


@dataclass(frozen=True)
class _Dated:
    article: str
    sentence: int
    mention: DateMention
    context: frozenset[str]


def _slip(a: DateMention, b: DateMention) -> bool:
    """One field apart: another month with the same day, another day in the same month, or another year."""
    same_year = a.year is None or b.year is None or a.year == b.year
    if a.key == b.key:
        return not same_year
    return same_year and ((a.day == b.day) != (a.month == b.month))


def date_slips(scores: Sequence[ArticleScore], story: str | None = None) -> list[Discrepancy]:
    """Dates one slip away from the date that the other mentions of the same event give.

    A date mention is tied to another when they differ in one field only (month, day or year) and the words
    around them (:data:`DATE_CONTEXT` content words each side) share a word that is not among the story's
    commonest (used in more than :data:`COMMON_SHARE` of its sentences, and in more sentences than it has
    articles). The date with fewer mentions is flagged
    when the other has at least two.
    """
    sents = [(s, sent) for s in scores if s.error is None for sent in s.sentences]
    if not sents:
        return []
    places = place_names(sent.text for _, sent in sents)
    vocab = {w.lower() for _, sent in sents for w in words(sent.text) if w[:1].isupper()}
    demonyms = fold_demonyms(vocab, places)
    df: Counter[str] = Counter()
    dated: list[_Dated] = []
    for s, sent in sents:
        df.update(set(terms(sent.text, demonyms, names=False)))
        named = [
            (e.start - sent.start, e.end - sent.start, "§" + e.category.removeprefix("naming."))
            for e in s.evidence
            if e.sentence == sent.index and e.category.startswith("naming.")
        ]
        for m in find_dates(sent.text):
            # term-pack concepts named near the date (within about the same six words each side)
            concepts = {c for a, b, c in named if b > m.start - _NEAR and a < m.end + _NEAR}
            before = [t for t in terms(sent.text[: m.start], demonyms, names=False) if not t.startswith("#")]
            after = [t for t in terms(sent.text[m.end :], demonyms, names=False) if not t.startswith("#")]
            ctx = set(before[-DATE_CONTEXT:]) | set(after[:DATE_CONTEXT])
            # a year left unwritten stays unknown: "October 7" in a 2024 article still means 2023
            dated.append(_Dated(s.article.id, sent.index, m, frozenset(ctx | concepts)))
    n = len(sents)
    # in a small story a word of the shared fact is in one sentence per article and still counts as rare
    cap = max(len({s.article.id for s, _ in sents}), COMMON_SHARE * n)
    rare = {t for t, k in df.items() if k <= cap} | {t for d in dated for t in d.context if t[0] == "§"}
    support = Counter(d.mention.key for d in dated)
    out: list[Discrepancy] = []
    for d in dated:
        # a shared word is needed: a term-pack concept alone can be a false match ("Israeli-Hamas talks")
        rivals = [
            o
            for o in dated
            if o is not d and _slip(d.mention, o.mention) and any(t[0] != "§" for t in d.context & o.context & rare)
        ]
        if not rivals:
            continue
        best = max({o.mention.key for o in rivals}, key=lambda k: (support[k], k))
        if best == d.mention.key or support[best] < 2 or support[best] <= support[d.mention.key]:
            continue
        same = [o for o in dated if o.mention.key == best]
        arts = sorted({o.article for o in same})
        own = ", its own included" if d.article in arts else ""
        written = Counter(o.mention.text.split(",")[0] for o in same).most_common(1)[0][0]
        shared = sorted({t for o in rivals if o.mention.key == best for t in d.context & o.context & rare})
        out.append(
            Discrepancy(
                "date",
                None,
                f"{d.article} gives {d.mention.text} where {len(same)} other mention(s) in {len(arts)} article(s)"
                f"{own}, in the same words' company ({', '.join(t.lstrip('§') for t in shared)}), give {written}.",
                (
                    (d.article, f"sentence {d.sentence}: {d.mention.text}"),
                    *((o.article, f"sentence {o.sentence}: {o.mention.text}") for o in same),
                ),
                story,
            )
        )
    return out

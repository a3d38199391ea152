"""Actors: who is named how, who gets to speak, and in what terms — per article and actor.

An actor set (``lexicons/actors/*.yaml``, schema ``framing-actors/1``) lists actors with the aliases that
refer to them and, optionally, the term-pack concept that names them. From scored articles this module
derives attributed *statements* (a sentence with a reporting cue and its sources) and a tidy table with one row
per article and actor:

* ``mentions``: alias mentions in the body;
* ``naming`` / ``naming_counts``: the dominant term-pack variant used for the actor and all variant counts;
* ``statements``: attributed statements whose source is the actor (pronoun sources inherit the previous
  statement's actor);
* ``nonneutral_share``: share of those carried by a non-neutral reporting verb (claimed, alleged, insisted ...);
* ``hedged_share``: share hedged in the same sentence or flagged unverifiable in the next one ("Hamas claims
  ... It is impossible to confirm these data");
* ``victim``, ``villain``, ``hero``: how often the article casts the actor in each role (role evidence of
  :mod:`framing.measures.roles` whose participant is the actor: the last alias of the span, its head, so "the
  Palestinian group Hamas" is Hamas), and ``role``, the role it is cast in most (``None`` when none).

Example:
    >>> import framing
    >>> from framing.io import article_from_text
    >>> s = framing.score(article_from_text(
    ...     "Hamas claims that 40 people were killed. It is impossible to confirm these data.", id="a"))
    >>> row = actor_table([s]).query("actor == 'hamas'").iloc[0]
    >>> int(row.statements), float(row.nonneutral_share), float(row.hedged_share)
    (1, 1.0, 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.compare.base import MISSING_GROUP, ComparisonResult
from framing.measures.naming import summarise_naming
from framing.text.actors import ActorSet, AliasMatcher, bundled_actor_sets

if TYPE_CHECKING:
    from framing.scoring import ArticleScore

__all__ = ["ActorComparison", "Statement", "actor_comparison", "actor_table", "figure_claims", "statements"]


@dataclass(frozen=True)
class Statement:
    """An attributed statement: a sentence with a reporting cue, its sources and its stance."""

    sentence: int
    cues: tuple[str, ...]
    nonneutral: bool
    sources: tuple[tuple[str, str], ...]  # (category, text)
    direct_quote: bool
    hedged: bool


def statements(score: ArticleScore) -> list[Statement]:
    """Group a scored article's attribution evidence into statements, one per sentence with a cue."""
    by_sentence: dict[int, list[Any]] = {}
    for e in score.evidence:
        by_sentence.setdefault(e.sentence, []).append(e)
    out: list[Statement] = []
    for idx in sorted(by_sentence):
        items = by_sentence[idx]
        cues = [e for e in items if e.category.startswith("cue.")]
        if not cues:
            continue
        nxt = by_sentence.get(idx + 1, [])
        hedged = any(e.category.startswith("hedge.") and e.weight >= 0.5 and e.category != "hedge.approximator"
                     for e in items) or any(e.category == "hedge.unverified" for e in nxt)  # fmt: skip
        out.append(
            Statement(
                sentence=idx,
                cues=tuple(e.text for e in cues),
                nonneutral=any(e.category == "cue.nonneutral" for e in cues),
                sources=tuple((e.category, e.text) for e in items if e.category.startswith("source.")),
                direct_quote=any(e.category == "quote.direct" for e in items),
                hedged=hedged,
            )
        )
    return out


def actor_table(scores: Iterable[ArticleScore], actor_sets: Sequence[ActorSet] | None = None) -> Any:
    """One row per article and actor: mentions, naming, statements, non-neutral and hedged shares.

    Args:
        scores: Scored articles (failed ones are skipped).
        actor_sets: Actor sets to use; the bundled ones by default.

    Returns:
        A pandas DataFrame with columns ``article_id, outlet, actor, actor_label, mentions, naming,
        naming_counts, statements, nonneutral_statements, nonneutral_share, hedged_statements, hedged_share,
        direct_quote_statements, victim, villain, hero, role``. Actors neither mentioned nor quoted in an
        article get no row.
    """
    import pandas as pd

    sets = tuple(actor_sets) if actor_sets is not None else bundled_actor_sets()
    matcher = AliasMatcher(sets)
    rows: list[dict[str, Any]] = []
    for s in scores:
        if s.error is not None:
            continue
        rows.extend(_article_rows(s, matcher))
    return pd.DataFrame(rows, columns=list(_COLUMNS))


_COLUMNS = (
    "article_id", "outlet", "actor", "actor_label", "mentions", "naming", "naming_counts", "statements",
    "nonneutral_statements", "nonneutral_share", "hedged_statements", "hedged_share", "direct_quote_statements",
    "victim", "villain", "hero", "role",
)  # fmt: skip
_ROLES = ("victim", "villain", "hero")


def _roles_of(s: ArticleScore, matcher: AliasMatcher) -> dict[str, Counter[str]]:
    """actor -> role -> count, from the article's role evidence (the head alias of each participant span)."""
    out: dict[str, Counter[str]] = {}
    for e in s.evidence:
        if not e.category.startswith("role."):
            continue
        found = matcher.matches(e.text)
        if not found:
            continue
        for aid in dict.fromkeys(x.category.removeprefix("actor.") for x in found[-1].entries):
            out.setdefault(aid, Counter())[e.category.removeprefix("role.")] += 1
    return out


def _article_rows(s: ArticleScore, matcher: AliasMatcher) -> list[dict[str, Any]]:
    text = s.article.text
    mentions: dict[str, int] = {}
    for m in matcher.matches(text):
        for aid in {e.category.removeprefix("actor.") for e in m.entries}:
            mentions[aid] = mentions.get(aid, 0) + 1
    said: dict[str, list[Statement]] = {}
    last: list[str] = []
    for st in statements(s):
        speakers: list[str] = []
        for cat, src in st.sources:
            if cat == "source.pronoun":
                speakers.extend(a for a in last if a not in speakers)
            elif cat != "source.self":
                speakers.extend(a for a in matcher.actors_in(src) if a not in speakers)
        for a in speakers:
            said.setdefault(a, []).append(st)
        if speakers:
            last = speakers
    naming = summarise_naming(s.evidence)
    roles = _roles_of(s, matcher)
    rows = []
    for aid in sorted(set(mentions) | set(said) | set(roles)):
        actor = matcher.actors[aid]
        concept = next(
            (v for k, v in naming.items() if actor.termpack_concept and k.endswith(f":{actor.termpack_concept}")), None
        )
        sts = said.get(aid, [])
        n = len(sts)
        rows.append(
            {
                "article_id": s.article.id,
                "outlet": s.article.outlet.name,
                "actor": aid,
                "actor_label": actor.label,
                "mentions": mentions.get(aid, 0),
                "naming": concept["label"] if concept else None,
                "naming_counts": concept["counts"] if concept else {},
                "statements": n,
                "nonneutral_statements": sum(st.nonneutral for st in sts),
                "nonneutral_share": sum(st.nonneutral for st in sts) / n if n else float("nan"),
                "hedged_statements": sum(st.hedged for st in sts),
                "hedged_share": sum(st.hedged for st in sts) / n if n else float("nan"),
                "direct_quote_statements": sum(st.direct_quote for st in sts),
                **{r: roles.get(aid, Counter())[r] for r in _ROLES},
                "role": _dominant_role(roles.get(aid, Counter())),
            }
        )
    return rows


def _dominant_role(counts: Counter[str]) -> str | None:
    """The role cast most often (a tie goes to victim, then villain, then hero), ``None`` when none."""
    if not counts or max(counts.values()) == 0:
        return None
    return max(_ROLES, key=lambda r: (counts[r], -_ROLES.index(r)))


_CASUALTY = re.compile(
    r"\b(?:killed|dead|died|deaths?|injured|wounded|martyred|lost their lives|perished|displaced|abducted|"
    r"hostages?|casualt(?:y|ies)|massacred|slaughtered)\b",
    re.I,
)
_NUMBER = re.compile(r"\b\d[\d,.\s]*\d\b|\b\d\b|\b(?:dozens|hundreds|thousands|millions)\b", re.I)


def figure_claims(scores: Iterable[ArticleScore]) -> Any:
    """Sentences giving a casualty figure, with who vouches for it and whether it is hedged.

    A sentence qualifies when it holds a number and a casualty word (killed, injured, hostages ...). For each:
    the sources attributed in that sentence (kind: text), and whether it or the next sentence hedges it or
    flags it unverifiable ("It is impossible to confirm these data").

    Returns:
        A DataFrame with columns ``article_id, outlet, sentence, text, sources, attributed, hedged, hedges``.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for s in scores:
        if s.error is not None:
            continue
        by_sentence: dict[int, list[Any]] = {}
        for e in s.evidence:
            by_sentence.setdefault(e.sentence, []).append(e)
        for sent in s.sentences:
            if not (_CASUALTY.search(sent.text) and _NUMBER.search(sent.text)):
                continue
            here = by_sentence.get(sent.index, [])
            nxt = [e for e in by_sentence.get(sent.index + 1, []) if e.category == "hedge.unverified"]
            sources = [
                f"{e.category.removeprefix('source.')}: {e.text}" for e in here if e.category.startswith("source.")
            ]
            hedges = [e.text for e in here if e.category.startswith("hedge.") and e.category != "hedge.approximator"]
            hedges += [f"next sentence: {e.text}" for e in nxt]
            rows.append(
                {
                    "article_id": s.article.id,
                    "outlet": s.article.outlet.name,
                    "sentence": sent.index,
                    "text": sent.text,
                    "sources": "; ".join(sources),
                    "attributed": bool(sources) or any(e.category.startswith("cue.") for e in here),
                    "hedged": bool(hedges),
                    "hedges": "; ".join(hedges),
                }
            )
    cols = ["article_id", "outlet", "sentence", "text", "sources", "attributed", "hedged", "hedges"]
    return pd.DataFrame(rows, columns=cols)


_ACTOR_COLUMNS = [
    "group", "actor", "actor_label", "articles", "mentions", "naming", "naming_label", "naming_variants",
    "naming_counts", "statements", "group_statements", "voice_share", "nonneutral_statements", "nonneutral_share",
    "hedged_statements", "hedged_share", "direct_quote_statements", "victim", "villain", "hero", "victim_articles",
    "villain_articles", "hero_articles", "victim_share", "villain_share", "hero_share",
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

    Built on :func:`actor_table` and :func:`statements`.

    Args:
        scores: Scored articles (:class:`~framing.ArticleScore`); failed ones are skipped.
        by: ``"outlet"``, another outlet field (``"country"``/``"outlet_country"``, ``"ownership"``), an
            article field, a mapping or Series article id -> group (e.g. ``articles_df.set_index("id")["lean"]``
            for a column of the article table), or a function of the score. Articles whose group is None go to
            ``"(missing)"``.
        actor_sets: Actor sets (:func:`framing.text.actors.load_actor_set`); the bundled ones by default.

    Returns:
        One row per group and actor mentioned or quoted there: ``group, actor, actor_label, articles`` (articles
        of the group naming or quoting the actor), ``mentions``, ``naming`` (dominant naming variant id over the
        group), ``naming_label``, ``naming_variants`` ("label (n), ..."), ``naming_counts`` (dict),
        ``statements`` (attributed statements whose source is the actor), ``group_statements`` (all attributed
        statements — sentences with a reporting cue — in the group's articles), ``voice_share`` (statements /
        group_statements), ``nonneutral_statements``, ``nonneutral_share`` and ``hedged_statements``,
        ``hedged_share`` (over the actor's statements; NaN when it has none), ``direct_quote_statements``, the
        role counts ``victim``, ``villain``, ``hero`` over the group's articles, ``<role>_articles`` (articles
        casting the actor in the role at least once) and ``<role>_share`` (those articles over the group's
        articles naming the actor). A statement with two actor sources counts for both, so voice shares of a
        group can sum above 1; an article may cast one actor in several roles.
    """

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
                    **{r: int(part[r].sum()) for r in _ROLES},
                    **{f"{r}_articles": int((part[r] > 0).sum()) for r in _ROLES},
                    **{f"{r}_share": float((part[r] > 0).sum()) / len(part) for r in _ROLES},
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

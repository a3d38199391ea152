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
  ... It is impossible to confirm these data").

Example:
    >>> import framing
    >>> from framing.reading import article_from_text
    >>> s = framing.score(article_from_text(
    ...     "Hamas claims that 40 people were killed. It is impossible to confirm these data.", id="a"))
    >>> row = actor_table([s]).query("actor == 'hamas'").iloc[0]
    >>> int(row.statements), float(row.nonneutral_share), float(row.hedged_share)
    (1, 1.0, 1.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._yaml import load_yaml_with_lines
from framing.errors import LexiconError
from framing.lexicon import Lexicon, LexiconEntry, PhraseMatcher
from framing.termpacks import summarise_naming

if TYPE_CHECKING:
    from framing.scoring import ArticleScore

__all__ = [
    "Actor", "ActorSet", "Statement", "actor_table", "bundled_actor_sets", "figure_claims", "load_actor_set",
    "statements",
]  # fmt: skip

SCHEMA = "framing-actors/1"
_ID = re.compile(r"[a-z0-9_]+")
_ALIAS = re.compile(r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?(?: [a-z0-9](?:[a-z0-9'-]*[a-z0-9])?)*")


@dataclass(frozen=True)
class Actor:
    """An actor with the aliases that refer to it."""

    id: str
    label: str
    aliases: tuple[str, ...]
    termpack_concept: str | None = None


@dataclass(frozen=True)
class ActorSet:
    """A loaded actor set."""

    name: str
    version: str
    path: str
    actors: tuple[Actor, ...]

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


def load_actor_set(path: str | Path) -> ActorSet:
    """Load and validate an actor set.

    Raises:
        LexiconError: With file, line and reason for any malformed field.
    """
    p = Path(path)
    name = str(p)
    data = load_yaml_with_lines(p, SCHEMA)
    rows = data.get("actors")
    if not isinstance(rows, list) or not rows:
        raise LexiconError(name, None, "'actors' must be a non-empty list")
    actors: list[Actor] = []
    seen: set[str] = set()
    for row in rows:
        line = row.get("__line__") if isinstance(row, dict) else None
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not _ID.fullmatch(row["id"]):
            raise LexiconError(name, line, "each actor needs an id matching [a-z0-9_]+")
        if row["id"] in seen:
            raise LexiconError(name, line, f"duplicate actor id {row['id']!r}")
        seen.add(row["id"])
        aliases = row.get("aliases")
        if not isinstance(aliases, list) or not aliases:
            raise LexiconError(name, line, f"actor {row['id']!r}: aliases must be a non-empty list")
        for a in aliases:
            if not isinstance(a, str) or not _ALIAS.fullmatch(a):
                raise LexiconError(name, line, f"actor {row['id']!r}: alias {a!r} must be lower-case words")
        actors.append(Actor(row["id"], str(row.get("label") or row["id"]), tuple(aliases), row.get("termpack_concept")))
    return ActorSet(str(data["name"]), str(data["version"]), name, tuple(actors))


@cache
def bundled_actor_sets() -> tuple[ActorSet, ...]:
    """All actor sets shipped in ``lexicons/actors`` (sorted by file name)."""
    from framing.resources import lexicon_dir

    folder = lexicon_dir() / "actors"
    return tuple(load_actor_set(p) for p in sorted(folder.glob("*.yaml"))) if folder.is_dir() else ()


class _AliasMatcher:
    def __init__(self, sets: Sequence[ActorSet]) -> None:
        entries = [
            LexiconEntry(alias, f"actor.{a.id}", 1.0, "", s.name, s.ref, 0)
            for s in sets
            for a in s.actors
            for alias in a.aliases
        ]
        self.actors = {a.id: a for s in sets for a in s.actors}
        self._m = PhraseMatcher([Lexicon("actors", "1", "MIT", "", "", "", tuple(entries))])

    def matches(self, text: str) -> list[Any]:
        """Alias matches; aliases of three letters or fewer (us, un, eu, idf) only in capitals."""
        return [m for m in self._m.find(text) if len(m.text) > 3 or m.text.isupper()]

    def actors_in(self, text: str) -> list[str]:
        out: list[str] = []
        for m in self.matches(text):
            for e in m.entries:
                aid = e.category.removeprefix("actor.")
                if aid not in out:
                    out.append(aid)
        return out


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
        direct_quote_statements``. Actors neither mentioned nor quoted in an article get no row.
    """
    import pandas as pd

    sets = tuple(actor_sets) if actor_sets is not None else bundled_actor_sets()
    matcher = _AliasMatcher(sets)
    rows: list[dict[str, Any]] = []
    for s in scores:
        if s.error is not None:
            continue
        rows.extend(_article_rows(s, matcher))
    return pd.DataFrame(rows, columns=list(_COLUMNS))


_COLUMNS = (
    "article_id", "outlet", "actor", "actor_label", "mentions", "naming", "naming_counts", "statements",
    "nonneutral_statements", "nonneutral_share", "hedged_statements", "hedged_share", "direct_quote_statements",
)  # fmt: skip


def _article_rows(s: ArticleScore, matcher: _AliasMatcher) -> list[dict[str, Any]]:
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
    rows = []
    for aid in sorted(set(mentions) | set(said)):
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
            }
        )
    return rows


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

"""Actor sets: actors with the aliases that refer to them (``lexicons/actors/*.yaml``, schema ``framing-actors/1``).

An actor set lists actors with the aliases that refer to them and, optionally, the term-pack concept that names
them; :mod:`framing.compare.actors` builds the actor table from them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing._yaml import load_yaml_with_lines
from framing.errors import LexiconError
from framing.text.lexicon import Lexicon, LexiconEntry
from framing.text.matcher import PhraseMatcher

__all__ = [
    "Actor",
    "ActorSet",
    "AliasMatcher",
    "alias_lexicon",
    "bundled_actor_sets",
    "is_alias_match",
    "load_actor_set",
]


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


def alias_lexicon(sets: Sequence[ActorSet]) -> Lexicon:
    """The aliases of some actor sets as one phrase lexicon named ``actors`` (category ``actor.<id>``)."""
    entries = [
        LexiconEntry(alias, f"actor.{a.id}", 1.0, "", s.name, s.ref, 0)
        for s in sets
        for a in s.actors
        for alias in a.aliases
    ]
    return Lexicon("actors", "1", "MIT", "", "", "", tuple(entries))


def is_alias_match(text: str) -> bool:
    """Whether a matched alias counts: aliases of three letters or fewer (us, un, eu, idf) only in capitals."""
    return len(text) > 3 or text.isupper()


class AliasMatcher:
    def __init__(self, sets: Sequence[ActorSet]) -> None:
        self.actors = {a.id: a for s in sets for a in s.actors}
        self._m = PhraseMatcher([alias_lexicon(sets)])

    def matches(self, text: str) -> list[Any]:
        """Alias matches; aliases of three letters or fewer (us, un, eu, idf) only in capitals."""
        return [m for m in self._m.find(text) if is_alias_match(m.text)]

    def actors_in(self, text: str) -> list[str]:
        out: list[str] = []
        for m in self.matches(text):
            for e in m.entries:
                aid = e.category.removeprefix("actor.")
                if aid not in out:
                    out.append(aid)
        return out

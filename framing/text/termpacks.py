"""Naming choices: term packs of the alternative names outlets use for the same actor, event or act.

A term pack (``lexicons/termpacks/*.yaml``, schema ``framing-termpack/1``) lists concepts (e.g. how Hamas is
described) and, for each, the variants (militant group, terrorist organisation, resistance movement, ...) with
the phrases that realise them. Each article then reports which variant it uses for each concept. The format is
documented in ``lexicons/termpacks/README.md`` so users can write packs for other topics.

Example:
    >>> from framing.text.termpacks import bundled_termpacks
    >>> sorted(p.name for p in bundled_termpacks())
    ['israel-palestine', 'russia-ukraine']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing._yaml import load_yaml_with_lines
from framing.errors import LexiconError
from framing.resources import lexicon_dir
from framing.text.lexicon import Lexicon, LexiconEntry
from framing.text.matcher import MultiPhraseMatcher

__all__ = ["Concept", "NamingMatcher", "TermPack", "Variant", "bundled_termpacks", "load_termpack"]

SCHEMA = "framing-termpack/1"
_ID = re.compile(r"[a-z0-9_]+")
_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?(?: [a-z0-9](?:[a-z0-9'-]*[a-z0-9])?)*")
# a capital named after one of these is a place, not a government ("flew to Tel Aviv")
_PLACE_WORDS = frozenset({"in", "to", "from", "near", "at", "of", "into", "visit", "visited", "visiting", "outside"})
_WORDS = re.compile(r"[a-z0-9][a-z0-9'-]*")


@dataclass(frozen=True)
class Variant:
    """One way of naming a concept."""

    id: str
    label: str
    patterns: tuple[str, ...]
    context: tuple[str, ...] = ()
    metonym: bool = False
    note: str = ""


@dataclass(frozen=True)
class Concept:
    """An actor, event or act that outlets name differently."""

    id: str
    label: str
    variants: tuple[Variant, ...]
    actor: str | None = None


@dataclass(frozen=True)
class TermPack:
    """A loaded term pack."""

    name: str
    version: str
    licence: str
    description: str
    path: str
    concepts: tuple[Concept, ...]

    @property
    def ref(self) -> str:
        """Versioned name, e.g. ``israel-palestine@1.0.0``."""
        return f"{self.name}@{self.version}"

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with this id, if any."""
        return next((c for c in self.concepts if c.id == concept_id), None)


def _ids(path: str, line: int | None, value: Any, what: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise LexiconError(path, line, f"{what} id {value!r} must match [a-z0-9_]+")
    return value


def _phrases(path: str, line: int | None, values: Any, what: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise LexiconError(path, line, f"{what} must be a non-empty list of phrases")
    for v in values:
        if not isinstance(v, str) or not _PATTERN.fullmatch(v):
            raise LexiconError(
                path,
                line,
                f"{what} entry {v!r} must be lower-case words (letters, digits, ' and -) separated by spaces",
            )
    return tuple(values)


def load_termpack(path: str | Path) -> TermPack:
    """Load and validate a term pack.

    Raises:
        LexiconError: With file, line and reason for any malformed field.
    """
    p = Path(path)
    name = str(p)
    data = load_yaml_with_lines(p, SCHEMA)
    raw_concepts = data.get("concepts")
    if not isinstance(raw_concepts, list) or not raw_concepts:
        raise LexiconError(name, None, "'concepts' must be a non-empty list")
    concepts: list[Concept] = []
    seen: set[str] = set()
    for c in raw_concepts:
        line = c.get("__line__") if isinstance(c, dict) else None
        if not isinstance(c, dict):
            raise LexiconError(name, line, "each concept must be a mapping")
        cid = _ids(name, line, c.get("id"), "concept")
        if cid in seen:
            raise LexiconError(name, line, f"duplicate concept id {cid!r}")
        seen.add(cid)
        variants: list[Variant] = []
        vseen: set[str] = set()
        for v in c.get("variants") or []:
            vline = v.get("__line__") if isinstance(v, dict) else line
            if not isinstance(v, dict):
                raise LexiconError(name, vline, f"concept {cid!r}: each variant must be a mapping")
            vid = _ids(name, vline, v.get("id"), "variant")
            if vid in vseen:
                raise LexiconError(name, vline, f"concept {cid!r}: duplicate variant id {vid!r}")
            vseen.add(vid)
            ctx = v.get("context") or []
            variants.append(
                Variant(
                    id=vid,
                    label=str(v.get("label") or vid),
                    patterns=_phrases(name, vline, v.get("patterns"), f"variant {cid}/{vid} patterns"),
                    context=_phrases(name, vline, ctx, f"variant {cid}/{vid} context") if ctx else (),
                    metonym=bool(v.get("metonym", False)),
                    note=str(v.get("note") or ""),
                )
            )
        if not variants:
            raise LexiconError(name, line, f"concept {cid!r} has no variants")
        concepts.append(Concept(cid, str(c.get("label") or cid), tuple(variants), c.get("actor")))
    return TermPack(
        name=str(data["name"]),
        version=str(data["version"]),
        licence=str(data["licence"]),
        description=str(data.get("description") or ""),
        path=name,
        concepts=tuple(concepts),
    )


@cache
def bundled_termpacks() -> tuple[TermPack, ...]:
    """All term packs shipped in ``lexicons/termpacks`` (sorted by file name)."""
    folder = lexicon_dir() / "termpacks"
    return tuple(load_termpack(p) for p in sorted(folder.glob("*.yaml"))) if folder.is_dir() else ()


class NamingMatcher:
    """Find naming variants of every concept of some term packs in a text.

    Args:
        packs: Term packs to match (one Aho-Corasick pass for all of them).
    """

    def __init__(self, packs: Iterable[TermPack]) -> None:
        self.packs = tuple(packs)
        self.variants: dict[tuple[str, str, str], tuple[TermPack, Concept, Variant]] = {}
        # one lexicon per pack, matched as separate groups (packs must not shadow each other's longer matches)
        # but in one automaton pass
        lexicons = []
        for pack in self.packs:
            entries = []
            for concept in pack.concepts:
                for variant in concept.variants:
                    category = f"naming.{concept.id}.{variant.id}"
                    for pattern in variant.patterns:
                        entries.append(LexiconEntry(pattern, category, 1.0, "", pack.name, pack.ref, 0))
                        self.variants[(pack.ref, category, pattern)] = (pack, concept, variant)
            lexicons.append(Lexicon(pack.name, pack.version, pack.licence, pack.description, "", pack.path,
                                    tuple(entries)))  # fmt: skip
        self.matcher = MultiPhraseMatcher([lex] for lex in lexicons)
        #: Automaton key -> value of all packs, for a :class:`framing.text.matcher.SharedScan` with other matchers.
        self.table = self.matcher.table

"""Naming choices: term packs of the alternative names outlets use for the same actor, event or act.

A term pack (``lexicons/termpacks/*.yaml``, schema ``framing-termpack/1``) lists concepts (e.g. how Hamas is
described) and, for each, the variants (militant group, terrorist organisation, resistance movement, ...) with
the phrases that realise them. Each article then reports which variant it uses for each concept. The format is
documented in ``lexicons/termpacks/README.md`` so users can write packs for other topics.

Example:
    >>> from framing.termpacks import NamingMatcher, load_termpack
    >>> from framing.sentences import split_sentences
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
    >>> _ = p.write_text('''schema: framing-termpack/1
    ... name: demo
    ... version: 1.0.0
    ... licence: MIT
    ... concepts:
    ...   - id: group
    ...     label: How the group is named
    ...     variants:
    ...       - {id: militants, label: militants, patterns: [militants], context: [hamas]}
    ...       - {id: terrorists, label: terrorists, patterns: [terrorists, terror group]}
    ... ''')
    >>> text = "Hamas militants attacked. The terror group said so. Other militants left."
    >>> ev = NamingMatcher([load_termpack(p)]).find(text, split_sentences(text))
    >>> [(e.text, e.entry) for e in ev]
    [('militants', 'demo@1.0.0:group/militants'), ('terror group', 'demo@1.0.0:group/terrorists')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing._yaml import load_yaml_with_lines
from framing.errors import LexiconError
from framing.evidence import Evidence
from framing.lexicon import Lexicon, LexiconEntry, MultiPhraseMatcher
from framing.measures._common import SentenceIndex, prev_tokens
from framing.resources import lexicon_dir
from framing.sentences import Sentence

__all__ = ["Concept", "NamingMatcher", "TermPack", "Variant", "bundled_termpacks", "load_termpack", "summarise_naming"]

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
        self._variants: dict[tuple[str, str, str], tuple[TermPack, Concept, Variant]] = {}
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
                        self._variants[(pack.ref, category, pattern)] = (pack, concept, variant)
            lexicons.append(Lexicon(pack.name, pack.version, pack.licence, pack.description, "", pack.path,
                                    tuple(entries)))  # fmt: skip
        self._matcher = MultiPhraseMatcher([lex] for lex in lexicons)
        #: Automaton key -> value of all packs, for a :class:`framing.lexicon.SharedScan` with other matchers.
        self.table = self._matcher.table

    def find(
        self,
        text: str,
        sentences: Sequence[Sentence],
        prepared: str | None = None,
        *,
        hits: Iterable[tuple[int, Any]] | None = None,
    ) -> list[Evidence]:
        """Return one evidence item per naming match (dimension ``word_choice``, category ``naming.<concept>``).

        Args:
            text: The article text.
            sentences: Its sentences.
            prepared: ``prepare_text(text)`` when the caller already has it.
            hits: The hits of :attr:`table` in ``prepared`` from a :class:`framing.lexicon.SharedScan` (the text
                is scanned here otherwise).
        """
        groups = self._matcher.find(text, prepared) if hits is None else self._matcher.from_hits(text, hits)
        matches = [m for group in groups for m in group]
        if not matches:
            return []
        index = SentenceIndex(sentences)
        tokens_of: dict[int, tuple[str, ...]] = {}
        out: list[Evidence] = []
        for m in sorted(matches, key=lambda m: (m.start, m.end)):
            sent = index.at(m.start)
            if sent is None:
                continue
            for entry in m.entries:
                pack, concept, variant = self._variants[(entry.lexicon, entry.category, entry.term)]
                if variant.context:
                    if sent.index not in tokens_of:
                        tokens_of[sent.index] = tuple(_WORDS.findall(sent.text.lower()))
                    # str.startswith takes a tuple: one test per token instead of one per token and context word
                    if not any(t.startswith(tuple(variant.context)) for t in tokens_of[sent.index]):
                        continue
                if variant.metonym:
                    before = prev_tokens(text, sent.start, m.start)
                    if before and before[-1].lower() in _PLACE_WORDS:
                        continue
                out.append(
                    Evidence(sent.index, m.start, m.end, m.text, "word_choice", f"naming.{concept.id}", 1.0,
                             f"{pack.ref}:{concept.id}/{variant.id}", note=variant.label)
                )  # fmt: skip
                break
        return out


def summarise_naming(evidence: Iterable[Evidence]) -> dict[str, dict[str, Any]]:
    """Per concept: variant counts and the dominant variant (most frequent, ties by first occurrence).

    Returns:
        ``{"<pack>:<concept>": {"dominant": variant_id, "label": variant_label, "counts": {variant_id: n}}}``
    """
    counts: dict[str, Counter[str]] = {}
    labels: dict[tuple[str, str], str] = {}
    for e in evidence:
        if not e.category.startswith("naming."):
            continue
        ref, _, cv = e.entry.partition(":")
        concept, _, variant = cv.partition("/")
        key = f"{ref.partition('@')[0]}:{concept}"
        counts.setdefault(key, Counter())[variant] += 1
        labels.setdefault((key, variant), e.note)
    out: dict[str, dict[str, Any]] = {}
    for key, c in counts.items():
        top = max(c.values())
        dominant = next(v for v in c if c[v] == top)  # Counter keeps first-seen order
        out[key] = {"dominant": dominant, "label": labels[(key, dominant)], "counts": dict(c)}
    return out

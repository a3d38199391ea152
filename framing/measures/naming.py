"""Naming choices: which term-pack variant an article uses for each concept (militants, terrorists, ...).

Example:
    >>> from framing.text.termpacks import NamingMatcher, load_termpack
    >>> from framing.text.analysed import Analyser
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
    >>> ev = find_naming(NamingMatcher([load_termpack(p)]), Analyser().analyse(text))
    >>> [(e.text, e.entry) for e in ev]
    [('militants', 'demo@1.0.0:group/militants'), ('terror group', 'demo@1.0.0:group/terrorists')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from framing.evidence import Evidence
from framing.measures._common import prev_tokens
from framing.text.analysed import AnalysedText
from framing.text.termpacks import NamingMatcher

__all__ = ["find_naming", "summarise_naming"]

# a capital named after one of these is a place, not a government ("flew to Tel Aviv")
_PLACE_WORDS = frozenset({"in", "to", "from", "near", "at", "of", "into", "visit", "visited", "visiting", "outside"})


def find_naming(naming: NamingMatcher, at: AnalysedText) -> list[Evidence]:
    """Return one evidence item per naming match (dimension ``word_choice``, category ``naming.<concept>``).

    Args:
        naming: The term packs' matcher.
        at: The analysed article; its ``naming_hits`` are used when its analyser scanned the term packs too, else
            the text is scanned here.
    """
    text = at.text
    hits = at.naming_hits
    groups = naming.matcher.find(text, at.prepared) if hits is None else naming.matcher.from_hits(text, hits)
    matches = [m for group in groups for m in group]
    if not matches:
        return []
    tokens_of: dict[int, tuple[str, ...]] = {}
    out: list[Evidence] = []
    for m in sorted(matches, key=lambda m: (m.start, m.end)):
        sent = at.sentence_at(m.start)
        if sent is None:
            continue
        for entry in m.entries:
            pack, concept, variant = naming.variants[(entry.lexicon, entry.category, entry.term)]
            if variant.context:
                if sent.index not in tokens_of:
                    words = at.tokens.within(sent.start, sent.end)
                    tokens_of[sent.index] = tuple(t.lower().lstrip("'-_") for t in words)
                # str.startswith takes a tuple: one test per token instead of one per token and context word
                if not any(t.startswith(tuple(variant.context)) for t in tokens_of[sent.index]):
                    continue
            if variant.metonym:
                before = prev_tokens(at, sent.start, m.start)
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

"""Word choice: loaded language (pejoratives, emotive words, intensifiers, contested accusations, euphemisms)."""

from __future__ import annotations

from collections.abc import Sequence

from framing.evidence import Evidence
from framing.lexicon import Match
from framing.measures._common import SentenceIndex, negated
from framing.sentences import Sentence

__all__ = ["measure_word_choice"]


def measure_word_choice(
    text: str, sentences: Sequence[Sentence], matches: Sequence[Match], n_words: int
) -> tuple[list[Evidence], dict[str, float]]:
    """Return loaded-language evidence and metrics for one article.

    Metrics: ``loaded_count``, ``loaded_per_1000_words``, ``loaded_weight_per_1000_words``,
    ``loaded_sentence_share`` and one ``loaded.<category>_count`` per category found.
    """
    index = SentenceIndex(sentences)
    evidence: list[Evidence] = []
    for m in matches:
        entry = m.entry_in("loaded_language")
        sent = index.at(m.start)
        if entry is None or sent is None:
            continue
        evidence.append(Evidence(sent.index, m.start, m.end, m.text, "word_choice", entry.category, entry.weight,
                                 f"{entry.lexicon}:{entry.term}", negated(text, sent.start, m.start)))  # fmt: skip
    words = max(n_words, 1)
    metrics: dict[str, float] = {
        "loaded_count": float(len(evidence)),
        "loaded_per_1000_words": 1000 * len(evidence) / words,
        "loaded_weight_per_1000_words": 1000 * sum(e.weight for e in evidence) / words,
        "loaded_sentence_share": len({e.sentence for e in evidence}) / max(len(sentences), 1),
    }
    for e in evidence:
        key = f"{e.category}_count"
        metrics[key] = metrics.get(key, 0.0) + 1
    return evidence, metrics

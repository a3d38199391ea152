"""Word choice: loaded language (pejoratives, emotive words, intensifiers, contested accusations, euphemisms)
and subjectivity clues (evaluative, emotion and stance words)."""

from __future__ import annotations

from collections.abc import Iterable

from framing.evidence import Evidence
from framing.measures._common import negated
from framing.text.analysed import AnalysedText

__all__ = ["WORD_CHOICE_LEXICONS", "measure_word_choice"]

#: Lexicon name -> metric prefix.
WORD_CHOICE_LEXICONS = {"loaded_language": "loaded", "subjectivity": "subjective"}


def measure_word_choice(at: AnalysedText, categories: Iterable[str] = ()) -> tuple[list[Evidence], dict[str, float]]:
    """Return loaded-language and subjectivity evidence and metrics for one article.

    Metrics, for ``loaded`` and ``subjective``: ``<p>_count``, ``<p>_per_1000_words``,
    ``<p>_weight_per_1000_words``, ``<p>_sentence_share``; and ``<category>_count`` for every category in
    ``categories`` (zero when absent, so every article has the same columns).
    """
    evidence: list[Evidence] = []
    for m in at.matches:
        entry = m.by_lexicon.get("loaded_language") or m.by_lexicon.get("subjectivity")
        if entry is None:
            continue
        sent = at.sentence_at(m.start)
        if sent is None:
            continue
        evidence.append(Evidence(sent.index, m.start, m.end, m.text, "word_choice", entry.category, entry.weight,
                                 f"{entry.lexicon}:{entry.term}", negated(at, sent.start, m.start)))  # fmt: skip
    words = max(at.n_words, 1)
    metrics: dict[str, float] = {}
    for prefix, head in (("loaded", "loaded."), ("subjective", "subjective.")):
        items = [e for e in evidence if e.category.startswith(head)]
        metrics[f"{prefix}_count"] = float(len(items))
        metrics[f"{prefix}_per_1000_words"] = 1000 * len(items) / words
        metrics[f"{prefix}_weight_per_1000_words"] = 1000 * sum(e.weight for e in items) / words
        metrics[f"{prefix}_sentence_share"] = len({e.sentence for e in items}) / max(len(at.sentences), 1)
    for category in categories:
        metrics[f"{category}_count"] = 0.0
    for e in evidence:
        key = f"{e.category}_count"
        metrics[key] = metrics.get(key, 0.0) + 1
    return evidence, metrics

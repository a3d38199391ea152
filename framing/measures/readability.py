"""Readability of the cleaned body (textstat, pinned to a version that works offline)."""

from __future__ import annotations

from collections.abc import Sequence

from framing.sentences import Sentence

__all__ = ["measure_readability"]


def measure_readability(text: str, sentences: Sequence[Sentence], n_words: int) -> dict[str, float]:
    """Return ``flesch_reading_ease``, ``flesch_kincaid_grade`` and ``words_per_sentence``."""
    import textstat

    return {
        "flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
        "flesch_kincaid_grade": float(textstat.flesch_kincaid_grade(text)),
        "words_per_sentence": n_words / max(len(sentences), 1),
    }

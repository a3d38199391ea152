"""Helpers shared by the measures: sentence lookup for matches, negation windows, number detection."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from framing.text.sentences import Sentence

_NEGATORS = frozenset({"not", "no", "never", "n't", "without", "hardly", "neither", "nor", "cannot", "none", "nobody"})
_TOKEN = re.compile(r"n't|[\w'-]+")
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "dozen",
        "dozens",
        "half",
        "all",
        "every",
        "a",
        "an",
    ]
)


class SentenceIndex:
    """Find the sentence containing a character offset."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        return s if offset < s.end else None


def _tail_tokens(text: str, lo: int, hi: int, n: int) -> list[str]:
    """The last ``n`` tokens of ``text[lo:hi]``, reading only a bounded window before ``hi``.

    Slicing from the sentence start made every lookup cost the length of the sentence so far.
    """
    start = max(lo, hi - 30 * n)
    tokens = _TOKEN.findall(text, start, hi)
    if start > lo and tokens and (text[start - 1].isalnum() or text[start - 1] in "'-_"):
        tokens = tokens[1:]  # the window cut a word in two
    return tokens[-n:]


def negated(text: str, sentence_start: int, match_start: int, window: int = 3) -> bool:
    """True when one of the ``window`` tokens before the match (same sentence) is a negator."""
    return has_negator(_tail_tokens(text, sentence_start, match_start, window))


def has_negator(tokens: Iterable[str]) -> bool:
    """True when one of the tokens (words without spaces) is a negator (not, never, n't, ...), in any case."""
    low = " ".join(tokens).lower()  # one string: a few C calls instead of a loop
    return "n't " in low + " " or not _NEGATORS.isdisjoint(low.split(" "))


def next_token(text: str, end: int) -> str:
    m = _TOKEN.search(text, end)
    return m.group(0) if m and text[end : m.start()].strip(" ,") == "" else ""


def prev_tokens(text: str, sentence_start: int, start: int, n: int = 1) -> list[str]:
    return _tail_tokens(text, sentence_start, start, n)


def is_number(token: str) -> bool:
    return bool(token) and (token[0].isdigit() or token.lower() in _NUMBER_WORDS)

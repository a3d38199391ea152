"""Helpers shared by the measures: negation windows and number words, read from the analysed text."""

from __future__ import annotations

from collections.abc import Iterable

from framing.text.analysed import AnalysedText

_NEGATORS = frozenset({"not", "no", "never", "n't", "without", "hardly", "neither", "nor", "cannot", "none", "nobody"})
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred
    hundreds thousand thousands million millions billion dozen dozens half all every a an""".split()
)


def negated(at: AnalysedText, sentence_start: int, match_start: int, window: int = 3) -> bool:
    """True when one of the ``window`` tokens before the match (same sentence) is a negator."""
    return has_negator(at.tokens.tail(sentence_start, match_start, window))


def has_negator(tokens: Iterable[str]) -> bool:
    """True when one of the tokens (words without spaces) is a negator (not, never, n't, ...), in any case."""
    low = " ".join(tokens).lower()  # one string: a few C calls instead of a loop
    return "n't " in low + " " or not _NEGATORS.isdisjoint(low.split(" "))


def next_token(at: AnalysedText, end: int) -> str:
    """The token right after ``end`` (across spaces and commas), else ``""``."""
    return at.tokens.after(end)


def prev_tokens(at: AnalysedText, sentence_start: int, start: int, n: int = 1) -> list[str]:
    """The ``n`` tokens before ``start`` in its sentence (a bounded window; see :meth:`TokenIndex.tail`)."""
    return at.tokens.tail(sentence_start, start, n)


def is_number(token: str) -> bool:
    """A numeral or a number word ("40", "dozens", "a")."""
    return bool(token) and (token[0].isdigit() or token.lower() in _NUMBER_WORDS)

"""Evidence items: the words behind every score."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["DIMENSIONS", "Evidence"]

DIMENSIONS = ("word_choice", "attribution", "hedging")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for a score.

    Attributes:
        sentence: 0-based sentence index in the article.
        start: Character offset in the cleaned article text.
        end: Offset one past the end.
        text: The matched text (``article.text[start:end]``).
        dimension: ``word_choice``, ``attribution`` or ``hedging``.
        category: Fine category such as ``hedge.attribution`` or ``source.anonymous``.
        weight: Contribution to the dimension's weighted score (0 when the item is only informative, e.g. a
            negated booster).
        entry: The lexicon entry (``hedges@1.0.0:allegedly``) or rule (``rule:direct-quote``) that fired.
        negated: Whether a negation word precedes the match within the sentence.
        note: Short explanation for rule-based items.
    """

    sentence: int
    start: int
    end: int
    text: str
    dimension: str
    category: str
    weight: float
    entry: str
    negated: bool = False
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)

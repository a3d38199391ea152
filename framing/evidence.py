"""Evidence items: the words behind every score."""

from __future__ import annotations

from dataclasses import dataclass
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

    # Hand-written: the generated frozen __init__ sets each field through object.__setattr__, which made creating
    # the ~115 items of an article cost about as much as some of the measures. Same signature and defaults.
    def __init__(
        self,
        sentence: int,
        start: int,
        end: int,
        text: str,
        dimension: str,
        category: str,
        weight: float,
        entry: str,
        negated: bool = False,
        note: str = "",
    ) -> None:
        d = self.__dict__
        d["sentence"] = sentence
        d["start"] = start
        d["end"] = end
        d["text"] = text
        d["dimension"] = dimension
        d["category"] = category
        d["weight"] = weight
        d["entry"] = entry
        d["negated"] = negated
        d["note"] = note

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (field order; every value is immutable, so no deep copy is needed)."""
        return dict(self.__dict__)

"""Evidence items: the words behind every score."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["DIMENSIONS", "EVIDENCE_COLUMNS", "FRAMING_DIMENSION", "MODEL_DIMENSION", "Evidence"]

#: Dimension of the frame evidence: policy-frame cues and sentence frames, generic news-frame indicators, roles.
FRAMING_DIMENSION = "framing"
DIMENSIONS = ("word_choice", "attribution", "hedging", FRAMING_DIMENSION)
#: Dimension of the trained models' sentence probabilities (weight = probability, not a lexicon weight).
MODEL_DIMENSION = "model"
#: Columns of an evidence table: the article id, then the fields of :class:`Evidence`.
EVIDENCE_COLUMNS = [
    "article_id",
    "sentence",
    "start",
    "end",
    "text",
    "dimension",
    "category",
    "weight",
    "entry",
    "negated",
    "note",
]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence for a score.

    Attributes:
        sentence: 0-based sentence index in the article.
        start: Character offset in the cleaned article text.
        end: Offset one past the end.
        text: The matched text (``article.text[start:end]``).
        dimension: ``word_choice``, ``attribution``, ``hedging`` or ``framing`` (``model`` for a trained model's
            sentence probability).
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

    # The generated frozen __init__ goes through object.__setattr__, which looks every name up on the class; the
    # slots' own setters (bound below the class) make the ~115 items of an article half as costly to create.
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
        _set_sentence(self, sentence)
        _set_start(self, start)
        _set_end(self, end)
        _set_text(self, text)
        _set_dimension(self, dimension)
        _set_category(self, category)
        _set_weight(self, weight)
        _set_entry(self, entry)
        _set_negated(self, negated)
        _set_note(self, note)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "dimension": self.dimension,
            "category": self.category,
            "weight": self.weight,
            "entry": self.entry,
            "negated": self.negated,
            "note": self.note,
        }


(
    _set_sentence, _set_start, _set_end, _set_text, _set_dimension, _set_category, _set_weight, _set_entry,
    _set_negated, _set_note,
) = (Evidence.__dict__[f.name].__set__ for f in fields(Evidence))  # fmt: skip

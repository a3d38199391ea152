"""Reader for BABE (Spinde et al. 2021) sentence-level media-bias labels.

Files: ``final_labels_SG2.csv`` (and SG1 / MBIC) with columns ``text, news_link, outlet, topic, type,
label_bias, label_opinion, biased_words``. Licence AGPL-3.0: the data may be used for development and
evaluation; models trained on it are not redistributed by this project.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.datasets._split import in_dev
from framing.errors import InputError

__all__ = ["BabeSentence", "read_babe"]

_REQUIRED = ("text", "label_bias", "biased_words")


@dataclass(frozen=True)
class BabeSentence:
    """One labelled sentence."""

    text: str
    biased: bool
    biased_words: tuple[str, ...]
    outlet: str
    lean: str
    topic: str
    opinion: str
    link: str = ""  # the article's news_link: sentences of one article share it (cross-validation groups)


def read_babe(root: Path, subset: str = "SG2", part: str = "all") -> Iterator[BabeSentence]:
    """Read BABE sentences with an agreed label ("No agreement" rows are skipped).

    Args:
        root: The ``babe`` folder.
        subset: ``SG2``, ``SG1`` or ``MBIC``.
        part: ``all``, ``train`` or ``dev`` — the project's deterministic 80/20 split by sentence text
            (:func:`framing.datasets._split.in_dev`); the official test part is held out and not used.

    Raises:
        InputError: Missing file or columns, or a malformed ``biased_words`` cell (file and line named).
    """
    path = Path(root) / f"final_labels_{subset}.csv"
    if not path.is_file():
        raise InputError(str(path), "BABE file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(str(path), f"missing columns {missing}; found {reader.fieldnames}")
        for no, row in enumerate(reader, start=2):
            label = row["label_bias"].strip()
            if label not in {"Biased", "Non-biased"}:
                continue
            text = row["text"].strip()
            if part != "all" and in_dev(text) != (part == "dev"):
                continue
            try:
                words = ast.literal_eval(row["biased_words"] or "[]")
            except (ValueError, SyntaxError):
                raise InputError(
                    f"{path}:{no}", f"biased_words is not a list literal: {row['biased_words']!r}"
                ) from None
            yield BabeSentence(text, label == "Biased", tuple(str(w) for w in words), row.get("outlet", ""),
                               row.get("type", ""), row.get("topic", ""), row.get("label_opinion", ""),
                               (row.get("news_link") or "").strip())  # fmt: skip

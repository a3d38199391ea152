"""Reader for NewsSD-ENG (Antici et al. 2024) subjective / objective news sentences (CC BY 4.0)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

__all__ = ["NewsSDSentence", "read_newssd"]


@dataclass(frozen=True)
class NewsSDSentence:
    """One labelled sentence."""

    text: str
    subjective: bool


def read_newssd(root: Path, split: str = "val") -> Iterator[NewsSDSentence]:
    """Read ``train.csv`` or ``val.csv`` (the official dev set).

    Raises:
        InputError: Missing file, missing columns or an unknown label (file and line named).
    """
    path = Path(root) / f"{split}.csv"
    if not path.is_file():
        raise InputError(str(path), "NewsSD file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"Sentence", "Label"} <= set(reader.fieldnames or []):
            raise InputError(str(path), f"expected columns Sentence, Label; found {reader.fieldnames}")
        for no, row in enumerate(reader, start=2):
            label = row["Label"].strip()
            if label not in {"SUBJ", "OBJ"}:
                raise InputError(f"{path}:{no}", f"label {label!r} is neither SUBJ nor OBJ")
            yield NewsSDSentence(row["Sentence"].strip(), label == "SUBJ")

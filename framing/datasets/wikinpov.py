"""WikiNPOV (Hube & Fetahu 2019, via MBIB task 003): Wikipedia statements flagged as biased or neutral.

Used only to measure whether it helps the ``biased`` model as extra training data
(:mod:`framing.validation.extra_data`); GPL-3.0 (MBIB), so nothing trained on it ships.
"""

from __future__ import annotations

import csv
from pathlib import Path

from framing.errors import InputError

__all__ = ["read_wikinpov"]


def read_wikinpov(root: Path) -> tuple[list[str], list[str]]:
    """Texts and labels (``biased`` / ``non-biased``) of ``003-NPOV.csv`` in ``root`` (or its ``wikinpov/``).

    Raises:
        InputError: The file is missing or a row has no text or an unknown label (the message names the row).
    """
    base = Path(root)
    path = base / "003-NPOV.csv" if (base / "003-NPOV.csv").is_file() else base / "wikinpov" / "003-NPOV.csv"
    if not path.is_file():
        raise InputError(str(path), "WikiNPOV file not found")
    texts: list[str] = []
    labels: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
            if not text or label not in {"0", "1"}:
                raise InputError(f"{path}:{n}", f"row without text or with label {label!r} (expected 0 or 1)")
            texts.append(text)
            labels.append("biased" if label == "1" else "non-biased")
    return texts, labels

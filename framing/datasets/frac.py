"""Readers for the frame datasets: FrAC sentence frames and GVFC headline frames.

* **FrAC** (Guida, Otmakhova, Hovy and Frermann 2025, *Retain or reframe?*, arXiv:2507.04612):
  ``gold_standard_single_label_all.csv`` (``sentence,label``), 523 sentences of Globe and Mail opinion
  articles and reader comments (the SFU Opinion and Comments Corpus, CC BY 4.0), one frame each in the Media
  Frames Corpus numbering. FrAC codes nine frames and *Other*: legality includes crime and punishment (7) and
  policy includes the political frame (13); capacity (2), quality of life (10) and external regulation (14)
  are not among its labels. No official split: :func:`read_frac` cuts a deterministic dev split.
* **GVFC** (Liu, Guo, Mays, Betke and Wijaya 2019, CoNLL): US headlines on gun violence with up to two
  issue-specific frames (``Q3 Theme1``); :data:`GVFC_TO_CODEBOOK` maps them onto the codebook for transfer
  checks (the mapping is this project's reading of the two codebooks). Licence: none stated (development and
  evaluation only).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.datasets._split import in_dev
from framing.errors import InputError

__all__ = [
    "FRAC_CODES",
    "FRAC_DEV_FRACTION",
    "FRAC_FILE",
    "GVFC_FILE",
    "GVFC_TO_CODEBOOK",
    "FramedText",
    "frac_code",
    "read_frac",
    "read_gvfc",
]

FRAC_FILE = "gold_standard_single_label_all.csv"
GVFC_FILE = "GVFC_headlines_and_annotations.csv"
#: The codebook numbers FrAC labels with (its nine frames and Other).
FRAC_CODES: tuple[int, ...] = (1, 3, 4, 5, 6, 8, 9, 11, 12, 15)
#: Share of FrAC sentences in the project's dev split.
FRAC_DEV_FRACTION = 0.25
_FRAC_SALT = "framing-frac-dev-v1"
_GVFC_SALT = "framing-gvfc-dev-v1"
#: GVFC frame number -> codebook number (this project's mapping, see the module docstring).
GVFC_TO_CODEBOOK: dict[int, int] = {
    1: 5,  # gun and second-amendment rights -> legality, constitutionality
    2: 6,  # gun control and regulation -> policy prescription
    3: 13,  # politics -> political
    4: 9,  # mental health -> health and safety
    5: 9,  # school or public-space safety -> health and safety
    6: 11,  # race and ethnicity -> cultural identity
    7: 12,  # public opinion -> public opinion
    8: 11,  # society and culture -> cultural identity
    9: 1,  # economic consequences -> economic
}
#: A codebook frame FrAC does not label -> the FrAC label it falls under.
_TO_FRAC = {7: 5, 13: 6, 2: 15, 10: 15, 14: 15}


@dataclass(frozen=True)
class FramedText:
    """A sentence or headline with its frame (codebook number)."""

    text: str
    code: int


def frac_code(code: int) -> int:
    """The FrAC label of a codebook frame (crime is legality, political is policy, 2/10/14 are Other).

    Example:
        >>> frac_code(7), frac_code(13), frac_code(14), frac_code(8)
        (5, 6, 15, 8)
    """
    return _TO_FRAC.get(code, code)


def _check(path: Path, what: str) -> None:
    if not path.is_file():
        raise InputError(str(path), f"{what} file not found")


def read_frac(root: Path, part: str = "all") -> Iterator[FramedText]:
    """Read FrAC's gold sentences.

    Args:
        root: The ``frac`` folder (or the CSV file itself).
        part: ``all``, ``train`` or ``dev``: the project's split, a quarter of the sentences by salted SHA-1 of
            the normalised text (:func:`framing.datasets._split.in_dev`).

    Raises:
        InputError: Missing file or columns, or a label outside FrAC's codes (file and line named).
    """
    if part not in {"all", "train", "dev"}:
        raise ValueError(f"part must be 'all', 'train' or 'dev', got {part!r}")
    root = Path(root)
    path = root / FRAC_FILE if root.is_dir() else root
    _check(path, "FrAC")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"sentence", "label"} <= set(reader.fieldnames or []):
            raise InputError(str(path), f"expected columns sentence, label; found {reader.fieldnames}")
        for no, row in enumerate(reader, start=2):
            text = (row["sentence"] or "").strip()
            try:
                code = int(row["label"])
            except (TypeError, ValueError):
                raise InputError(f"{path}:{no}", f"label {row['label']!r} is not a frame number") from None
            if code not in FRAC_CODES:
                raise InputError(f"{path}:{no}", f"label {code} is not one of FrAC's codes {FRAC_CODES}")
            if not text or (part != "all" and in_dev(text, FRAC_DEV_FRACTION, _FRAC_SALT) != (part == "dev")):
                continue
            yield FramedText(text, code)


def read_gvfc(root: Path, part: str = "all") -> Iterator[FramedText]:
    """Read GVFC headlines relevant to gun violence that have a first frame, mapped to the codebook.

    Args:
        root: The ``gvfc`` folder (or the CSV file itself).
        part: ``all``, ``train`` or ``dev`` (a fifth of the headlines by salted SHA-1 of the text).

    Raises:
        InputError: Missing file or columns, or a frame number GVFC does not define (file and line named).
    """
    if part not in {"all", "train", "dev"}:
        raise ValueError(f"part must be 'all', 'train' or 'dev', got {part!r}")
    root = Path(root)
    path = root / GVFC_FILE if root.is_dir() else root
    _check(path, "GVFC")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"news_title", "Q1 Relevant", "Q3 Theme1"}
        if not need <= set(reader.fieldnames or []):
            raise InputError(str(path), f"expected columns {sorted(need)}; found {reader.fieldnames}")
        for no, row in enumerate(reader, start=2):
            text = (row["news_title"] or "").strip()
            theme = (row["Q3 Theme1"] or "").strip()
            if (row["Q1 Relevant"] or "").strip() != "1" or theme in {"", "99"} or not text:
                continue
            try:
                code = GVFC_TO_CODEBOOK[int(theme)]
            except (ValueError, KeyError):
                raise InputError(f"{path}:{no}", f"Q3 Theme1 {theme!r} is not a GVFC frame (1-9 or 99)") from None
            if part != "all" and in_dev(text, 0.2, _GVFC_SALT) != (part == "dev"):
                continue
            yield FramedText(text, code)

"""BioScope (Vincze et al. 2008): biomedical sentences with speculation and negation cues.

Used only to measure whether it helps the ``hedged`` model as extra training data
(:mod:`framing.validation.extra_data`); no licence stated, so nothing trained on it ships. A sentence is
``uncertain`` when it holds a speculation cue, as CoNLL-2010 Task 1 labels them.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from framing.errors import InputError

__all__ = ["read_bioscope"]

FILES = ("abstracts.xml", "full_papers.xml")


def read_bioscope(root: Path) -> tuple[list[str], list[str]]:
    """Texts and labels (``uncertain`` / ``certain``) of every sentence of BioScope's abstracts and full papers.

    Raises:
        InputError: A file is missing or is not well-formed XML.
    """
    base = Path(root)
    base = base if (base / FILES[0]).is_file() else base / "bioscope"
    texts: list[str] = []
    labels: list[str] = []
    for name in FILES:
        path = base / name
        if not path.is_file():
            raise InputError(str(path), "BioScope file not found")
        try:
            # the DTD is not fetched: ElementTree does not resolve external entities
            tree = ElementTree.parse(path)
        except ElementTree.ParseError as exc:
            raise InputError(str(path), f"not well-formed XML ({exc})") from None
        for sent in tree.iter("sentence"):
            text = " ".join("".join(sent.itertext()).split())
            if not text:
                continue
            texts.append(text)
            spec = any(c.get("type") == "speculation" for c in sent.iter("cue"))
            labels.append("uncertain" if spec else "certain")
    return texts, labels

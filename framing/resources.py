"""Where framing finds its data files.

Lexicons live in the top-level ``lexicons/`` folder of the source tree and are installed as
``framing/lexicons`` inside the wheel; both layouts are supported so an editable install and a wheel install
behave the same. User data (downloaded datasets, trained models) goes under :func:`data_home`, never inside
site-packages.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["data_home", "example_corpus_dir", "lexicon_dir", "lexicon_path"]

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def lexicon_dir() -> Path:
    """Return the directory holding the bundled lexicons.

    Returns:
        ``framing/lexicons`` in an installed wheel, else ``<repo>/lexicons`` in a source checkout.

    Raises:
        FileNotFoundError: If neither location exists (a broken install).
    """
    for candidate in (_PACKAGE_DIR / "lexicons", _PACKAGE_DIR.parent / "lexicons"):
        if (candidate / "outlets.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        f"framing's lexicon folder was not found next to {_PACKAGE_DIR}; the installation is incomplete"
    )


def lexicon_path(name: str) -> Path:
    """Return the path of a bundled lexicon file such as ``"hedges.tsv"``."""
    return lexicon_dir() / name


def example_corpus_dir() -> Path:
    """Return the directory of the bundled example corpus (three fictional outlets, three events)."""
    return _PACKAGE_DIR / "datasets" / "example"


def data_home() -> Path:
    """Return the per-user data directory (``$FRAMING_DATA`` or ``~/.cache/framing``).

    It is not created here: looking a user model up must work without a writable home (a container, a CI user);
    what writes into it creates the folders it writes.
    """
    root = os.environ.get("FRAMING_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "framing"
    )
    return Path(root)

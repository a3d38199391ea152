"""Deterministic dev splits for datasets that ship only a training portion."""

from __future__ import annotations

import hashlib
import re

__all__ = ["in_dev", "normalise_key"]

_SPACE = re.compile(r"\s+")


def normalise_key(text: str) -> str:
    """Lower-case, whitespace-collapsed text: near-identical duplicates land on the same side of a split."""
    return _SPACE.sub(" ", text).strip().lower()


def in_dev(key: str, fraction: float = 0.2, salt: str = "framing-dev-v1") -> bool:
    """True when ``key`` belongs to the dev part (``fraction`` of keys), by a salted SHA-1 of the key.

    The split depends only on the text, so it is stable across runs, machines and file orders, and the same
    sentence in two files (BABE SG1/SG2/MBIC) always falls on the same side.

    Example:
        >>> in_dev("A sentence.") == in_dev("  a   SENTENCE. ")
        True
    """
    digest = hashlib.sha1(f"{salt}:{normalise_key(key)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction

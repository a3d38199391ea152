"""Paths and helpers shared by the tests (importable as ``helpers`` because pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLE = REPO / "framing" / "datasets" / "example"
SKIP_REASON = f"../shared not found at {SHARED}: the seed articles and datasets are only in the project's CI checkout"


def seed_path(prefix: str) -> Path:
    """Path of the seed article whose file name starts with ``prefix`` (e.g. "000"); skip when absent."""
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}_*.txt in {SEEDS}")
    return matches[0]


#: Keys every article record of ``framing score --format json`` / ``ArticleScore.to_dict()`` must have (issue 2).
RECORD_KEYS = frozenset(
    {"id", "source_path", "title", "date", "url", "outlet", "language", "n_sentences", "n_words", "scores",
     "evidence", "error"}
)  # fmt: skip
OUTLET_KEYS = frozenset({"name", "domain", "country", "ownership", "wire", "how"})

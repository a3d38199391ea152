"""Shared fixtures. Data in ../shared is found relative to the repository root; tests that need it skip
with a clear reason when it is absent (a user's fresh clone), and run in CI where it is present."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EXAMPLE, SEEDS, SKIP_REASON


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    return SEEDS


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE

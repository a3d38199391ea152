"""Shared fixtures. Data in ../shared is found relative to the repository root; tests that need it skip
with a clear reason when it is absent (a user's fresh clone), and run in CI where it is present."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import EXAMPLE, SEEDS, SKIP_REASON


@pytest.fixture(autouse=True, scope="session")
def _private_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Models a developer trained into ~/.cache/framing must not change what the tests score."""
    mp = pytest.MonkeyPatch()
    mp.setenv("FRAMING_DATA", str(tmp_path_factory.mktemp("framing-data")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    return SEEDS


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE

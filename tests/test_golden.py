"""The full JSON record of the golden articles is what tests/golden/records.json says (issue 13).

A change meant to alter output reruns ``tests/golden/snapshot.py`` and says why in its commit; any other
difference is a regression. The seeds and AllSides sets need ../shared; the bundled corpus always runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from helpers import SHARED, SKIP_REASON

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
import snapshot

EXPECTED = json.loads(snapshot.OUT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", snapshot.SETS)
def test_golden_records_unchanged(which: str) -> None:
    if which != "example" and not SHARED.is_dir():
        pytest.skip(SKIP_REASON)
    got = snapshot.snapshot(which)
    want = EXPECTED[which]
    assert sorted(got) == sorted(want), "the set of golden articles changed"
    changed = {key: [p for p in snapshot.PARTS if got[key][p] != want[key][p]] for key in want}
    changed = {k: v for k, v in changed.items() if v}
    assert not changed, (
        f"{len(changed)} of {len(want)} records differ (record: parts): {dict(list(changed.items())[:10])}"
    )


def test_digest_sees_a_change() -> None:
    rec = {"id": "a", "text": "x", "scores": {"hedging.hedge_count": 1.0}, "evidence": [], "naming": {}, "lean": None}
    other = {**rec, "scores": {"hedging.hedge_count": 2.0}}
    assert snapshot.parts(rec)["scores"] != snapshot.parts(other)["scores"]
    assert snapshot.parts(rec)["article"] == snapshot.parts(other)["article"]
    # float noise below 12 significant digits is not a change
    noisy = {**rec, "scores": {"hedging.hedge_count": 1.0 + 1e-14}}
    assert snapshot.parts(rec)["scores"] == snapshot.parts(noisy)["scores"]

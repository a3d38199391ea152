"""``framing validate --only``: one section is rerun, the others are kept exactly as the report had them."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from framing.validation.base import PRF, EvalResult, MacroPRF
from framing.validation.report import run_validation


def _module(name: str, f1_counts: tuple[int, int, int], macro: bool = False) -> str:
    mod = types.ModuleType(name)

    def evaluate(data_root: Path) -> list[EvalResult]:
        tp, fp, fn = f1_counts
        score = MacroPRF(tp, fp, fn, 0.61, 0.62, 0.615) if macro else PRF(tp, fp, fn)
        return [EvalResult(f"{name}.task", "dev", {"headline": score}, {"n": tp + fn}, 0.5, ["a note"])]

    mod.evaluate = evaluate  # type: ignore[attr-defined]
    sys.modules[name] = mod
    return name


def test_only_reruns_one_section_and_keeps_the_others(tmp_path: Path) -> None:
    a = _module("framing_test_eval_a", (8, 2, 2), macro=True)
    b = _module("framing_test_eval_b", (5, 5, 5))
    assert run_validation(tmp_path, tmp_path, (a, b))
    first_md = (tmp_path / "validation.md").read_text()
    _module(b, (9, 1, 1))  # section b now scores better; a must stay as written, macro figures included
    assert run_validation(tmp_path, tmp_path, (a, b), only=(b,))
    data = json.loads((tmp_path / "validation.json").read_text())
    sections = {e["module"]: e["results"][0]["scores"]["headline"] for e in data["evaluations"]}
    assert sections[a]["f1"] == 0.615 and sections[a]["macro_f1"] == 0.615
    assert sections[b]["f1"] == pytest.approx(0.9)
    md = (tmp_path / "validation.md").read_text()
    assert md != first_md and "**0.615**" in md and "**0.900**" in md


def test_only_refuses_an_unknown_section(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no evaluation module"):
        run_validation(tmp_path, tmp_path, ("framing.validation.hedging",), only=("nonsense",))

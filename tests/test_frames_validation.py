"""The frames section of the validation report (issue 15): its pieces, and the committed numbers it produced."""

from __future__ import annotations

import json

import pytest
from helpers import REPO, SHARED, SKIP_REASON

from framing.datasets.frac import GVFC_TO_CODEBOOK, frac_code, read_frac, read_gvfc
from framing.errors import InputError
from framing.validation.frames import bootstrap_macro_f1, rules_predict
from framing.validation.report import TASKS


def test_rules_predict_uses_fracs_labels() -> None:
    got = rules_predict(["Police arrested the suspect.", "The opposition party won the election.", "He left."])
    assert got == ["legality", "policy", "other"]  # crime is legality and political is policy in FrAC


def test_paired_bootstrap_sees_a_difference() -> None:
    gold = ["a", "b", "c"] * 30
    perfect, bad = gold, ["a"] * 90
    lo_hi_p, lo_hi_b, diff = bootstrap_macro_f1(gold, [perfect, bad], ["a", "b", "c"], n_boot=200)
    assert lo_hi_p == (1.0, 1.0) and lo_hi_b[1] < 0.3 and diff[0] > 0.6


def test_the_codebook_mappings() -> None:
    assert {frac_code(c) for c in range(1, 16)} == {1, 3, 4, 5, 6, 8, 9, 11, 12, 15}
    assert set(GVFC_TO_CODEBOOK) == set(range(1, 10)) and GVFC_TO_CODEBOOK[3] == 13


def test_readers_name_bad_rows(tmp_path) -> None:
    bad = tmp_path / "frac.csv"
    bad.write_text("sentence,label\nA sentence.,7\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"frac\.csv:2.*not one of FrAC's codes"):
        list(read_frac(bad))
    bad.write_text("news_title,Q1 Relevant,Q3 Theme1\nGuns,1,12\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"frac\.csv:2.*not a GVFC frame"):
        list(read_gvfc(bad))


def test_gvfc_split_when_present() -> None:
    root = SHARED / "data" / "gvfc"
    if not root.is_dir():
        pytest.skip(SKIP_REASON)
    train, dev = list(read_gvfc(root, "train")), list(read_gvfc(root, "dev"))
    assert (len(train), len(dev)) == (1039, 262) and not {r.text for r in train} & {r.text for r in dev}


def test_committed_report_has_the_frame_rows_and_the_aim_holds() -> None:
    assert "framing.validation.frames" in TASKS
    data = json.loads((REPO / "reports" / "validation.json").read_text(encoding="utf-8"))
    section = next(e for e in data["evaluations"] if e["module"] == "framing.validation.frames")
    assert section["error"] is None
    frac = next(r for r in section["results"] if r["task"] == "frames.policy_frame")
    scores = frac["scores"]
    model = scores["model (macro-F1)"]["macro_f1"]
    plain = scores["baseline: plain TF-IDF LR (word + char n-grams)"]["macro_f1"]
    assert frac["target"] == pytest.approx(plain + 0.10, abs=1e-4) and model >= frac["target"]
    assert sum(1 for k in scores if k.startswith("model, frame '")) == 10
    assert any(r["task"] == "frames.transfer" for r in section["results"])

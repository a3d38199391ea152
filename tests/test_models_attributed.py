"""The ``attributed`` sentence task built from PolNeAR (issue 4, task 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli.train import evaluate, train
from framing.datasets.polnear import attributed_sentences
from framing.models.tasks import TASKS, load_split

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# three sentences; only the first and the last hold an annotated cue ("said", and "said" after the quote)
TEXT = 'Officials said the vote was fair. Turnout was low in the north.\n\n"We won," said Dana Rusk.\n'


def _sample(root: Path) -> Path:
    said1 = TEXT.index("said")
    said2 = TEXT.index("said", said1 + 1)
    ann = (f"T1\tCue {said1} {said1 + 4}\tsaid\nT2\tSource 0 9\tOfficials\nE1\tAttribution:T1 Cue:T1 Source:T2\n"
           f"T3\tCue {said2} {said2 + 4}\tsaid\nE2\tAttribution:T3 Cue:T3\n")  # fmt: skip
    for split in ("train", "dev"):
        base = root / "polnear" / split
        (base / "text").mkdir(parents=True)
        (base / "attributions").mkdir()
        (base / "text" / "nyt_x.txt").write_text(TEXT, encoding="utf-8")
        (base / "attributions" / "nyt_x_ab.ann").write_text(ann, encoding="utf-8")
    return root


def test_sentences_are_labelled_by_the_gold_cues_they_hold(tmp_path: Path) -> None:
    (art,) = attributed_sentences(_sample(tmp_path) / "polnear", "dev")
    assert [art.text[a:b] for a, b in art.spans] == [
        "Officials said the vote was fair.",
        "Turnout was low in the north.",
        '"We won," said Dana Rusk.',
    ]
    assert art.attributed == (True, False, True)
    texts, labels = load_split(TASKS["attributed"], tmp_path, "dev")
    assert labels == ["attributed", "none", "attributed"] and texts[1] == "Turnout was low in the north."


def test_task_is_not_shipped_and_names_its_licence() -> None:
    from framing.models.build import LICENCE_DECISIONS

    t = TASKS["attributed"]
    assert not t.shippable and t.licence == "none stated" and t.positive_class == "attributed"
    assert "framing train attributed" in LICENCE_DECISIONS["attributed"]


@pytest.mark.skipif(not (SHARED / "polnear" / "dev").is_dir(), reason=f"PolNeAR not found at {SHARED / 'polnear'}")
def test_cli_trains_and_evaluates_on_a_polnear_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_DATA", str(tmp_path / "home"))
    runner = CliRunner()
    out = tmp_path / "attributed.npz"
    res = runner.invoke(train, ["attributed", "--data", str(SHARED), "--out", str(out), "--limit", "400",
                                "--no-tune"])  # fmt: skip
    assert res.exit_code == 0, res.output
    res = runner.invoke(evaluate, ["attributed", "--data", str(SHARED / "polnear"), "--model", str(out),
                                   "--format", "json", "--limit", "200"])  # fmt: skip
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["n"] == 200 and set(rep["per_class"]) == {"none", "attributed"}
    # 400 training sentences already learn "said"; always answering the majority class gives macro-F1 about 0.34
    assert rep["macro_f1"] > 0.75, rep


@pytest.mark.skipif(not (SHARED / "polnear" / "dev").is_dir(), reason=f"PolNeAR not found at {SHARED / 'polnear'}")
def test_rules_baseline_is_aligned_with_the_dev_sentences() -> None:
    from framing.validation.models import _rules_attributed

    task = TASKS["attributed"]
    rep = _rules_attributed(task, SHARED)
    _, labels = load_split(task, SHARED, "dev")
    assert rep["n"] == len(labels)
    support = rep["per_class"]["attributed"]["support"]
    assert support == labels.count("attributed")
    # the rules flag sentences with a cue: far better than chance, and they are precise
    assert rep["per_class"]["attributed"]["precision"] > 0.85 and rep["per_class"]["attributed"]["f1"] > 0.75

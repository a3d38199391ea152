"""The frame model (issue 15): FrAC task, lexicon features with frame cues, cross-validated selection that never
reads dev, the shipped model and its manifest entry, and its sentence probabilities inside scoring."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import SHARED, SKIP_REASON

from framing.article import Article
from framing.models import find_model, load_default_models, load_model, shipped_dir
from framing.models import frames as frames_model
from framing.models.features import LexiconFeatures
from framing.models.tasks import get_task, load_split
from framing.scoring import Scorer
from framing.text.frames import FRAMES_BY_ID

FRAC = SHARED / "data" / "frac"


def test_frame_features_add_the_frame_cues_and_leave_the_default_alone() -> None:
    plain = LexiconFeatures().fit([])
    framed = LexiconFeatures(frames=True).fit([])
    assert not any(c.startswith("frame.") for c in plain.categories_)
    assert {f"frame.{f}" for f in ("security", "economic", "health")} <= set(framed.categories_)
    row = framed.transform(["Troops and tanks crossed the border."])[0]
    col = list(framed.get_feature_names_out()).index("lex__frame.security__count")
    assert row[col] > 0
    assert "frames@1.0.0" in framed.lexicons_


def test_frames_task_is_frac_in_codebook_ids() -> None:
    t = get_task("frames")
    assert t.folder == "frac" and t.shippable and t.licence == "CC BY 4.0" and t.headline == "macro_f1"
    assert all(c in FRAMES_BY_ID for c in t.classes) and len(t.classes) == 10


def test_frac_split_is_disjoint_and_labelled() -> None:
    if not FRAC.is_dir():
        pytest.skip(SKIP_REASON)
    t = get_task("frames")
    train, dev = load_split(t, FRAC, "train"), load_split(t, FRAC, "dev")
    assert (len(train[0]), len(dev[0])) == (394, 129)
    assert not set(train[0]) & set(dev[0])
    assert set(train[1]) == set(dev[1]) == set(t.classes)


def _toy(n: int = 6) -> tuple[list[str], list[str]]:
    words = {"economic": "taxes budget prices", "morality": "moral sin conscience", "fairness": "equality racism",
             "legality": "court judge ruling", "policy": "policy reform proposal", "security": "troops war army",
             "health": "hospital doctors virus", "cultural_identity": "culture heritage language",
             "public_opinion": "poll voters survey", "other": "he left early"}  # fmt: skip
    texts, labels = [], []
    for label, w in words.items():
        for k in range(n):
            texts.append(f"{w} item{k} here")
            labels.append(label)
    return texts, labels


def test_selection_is_cross_validated_on_train_and_never_reads_dev(monkeypatch: pytest.MonkeyPatch) -> None:
    train = _toy()
    dev = (["nothing to see"] * 10, ["other"] * 10)
    calls: list[str] = []

    def fake_split(task, data, part, limit=None):
        calls.append(part)
        return train if part == "train" else dev

    monkeypatch.setattr(frames_model, "load_split", fake_split)
    seen_dev: list[bool] = []
    real = frames_model.train_model

    def spy(texts, labels, **kw):
        seen_dev.append(kw.get("dev") is not None and set(kw["dev"][0]) & set(dev[0]) != set())
        return real(texts, labels, **kw)

    monkeypatch.setattr(frames_model, "train_model", spy)
    grid = ({"lexicon": {"frames": True, "weight": 1.0}, "char": None}, {"lexicon": None, "char": None})
    model, info = frames_model.train_frames(Path("unused"), folds=3, feature_grid=grid, c_grid=(1.0, 10.0))
    assert not any(seen_dev), "the dev sentences were given to a fit"
    assert len(info["grid"]) == 4 and all(r["folds"] == 3 for r in info["grid"])
    best = max(info["grid"], key=lambda r: r["cv_macro_f1"])
    assert info["settings"] == best["settings"]
    assert model.meta["tuned_on_dev"] is False and "cross-validation" in model.meta["selection"]
    assert model.meta["dev_metrics"]["n"] == 10
    assert list(model.classes_) == list(get_task("frames").classes)


def test_shipped_model_and_its_manifest_entry() -> None:
    path = shipped_dir() / "frames.npz"
    assert path.is_file(), "the frame model ships (FrAC is CC BY 4.0)"
    manifest = json.loads((shipped_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["models"] if e["task"] == "frames")
    assert entry["ships"] and entry["licence"] == "CC BY 4.0" and entry["file"] == "frames.npz"
    assert "build" in entry["rebuild"] and "cross-validation" in entry["selection"]
    import hashlib

    assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    m = load_model(path)
    assert m.meta["training_data"].startswith("FrAC") and m.meta["tuned_on_dev"] is False
    assert m.meta["dev_metrics"]["n"] == 129
    assert find_model("frames") is not None


def test_frame_model_inside_scoring() -> None:
    text = ("Troops shelled the border town overnight. The central bank raised interest rates again. "
            "A new poll shows most voters oppose the plan.")  # fmt: skip
    s = Scorer().score(Article(id="m", text=text, language="en"))
    model_items = [e for e in s.evidence if e.dimension == "model" and e.category == "frames"]
    assert len(model_items) == len(s.sentences) == 3
    assert all(e.note.count("P(") == 3 and 0 < e.weight <= 1 for e in model_items)
    decided = [e for e in s.evidence if e.category.startswith("frame_sentence.")]
    assert decided and all(e.entry.startswith("model:frames@") and "rule:frame-cues" in e.entry for e in decided)
    probs = [v for k, v in s.metrics.items() if k.startswith("models.frames.p_")]
    assert len(probs) == 10 and abs(sum(probs) - 1) < 1e-9
    shares = sum(s.metrics[f"frames.{f}_share"] for f in FRAMES_BY_ID)
    assert abs(shares - 1) < 1e-9
    # the in-article probabilities are the stand-alone model's (no attribution context in these sentences)
    m = load_default_models()["frames"]
    alone = m.predict_proba([x.text for x in s.sentences])
    top = np.max(alone, axis=1)
    assert np.allclose([e.weight for e in model_items], top, atol=1e-4)


def test_without_models_the_cues_decide() -> None:
    s = Scorer(models=False).score(Article(id="n", text="Troops shelled the border town.", language="en"))
    assert not [e for e in s.evidence if e.dimension == "model"]
    item = next(e for e in s.evidence if e.category.startswith("frame_sentence."))
    assert item.category == "frame_sentence.security" and item.entry == "rule:frame-cues"

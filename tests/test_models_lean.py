"""The lean task's outlet handling: outlet keys, groups from the AllSides loader, per-outlet sample weights and
the outlet-share n-gram filter (on tiny synthetic data; no ../shared needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from framing.models import load_model, save_model
from framing.models.tasks import get_task, load_split, load_split_groups, outlet_key
from framing.models.train import group_weights, outlet_share, train_model


def test_outlet_key_groups_the_names_of_one_outlet() -> None:
    fox = {outlet_key(o) for o in ("Fox News", "Fox Online News", "Fox News (Online)", "Fox News Opinion")}
    assert fox == {"fox"}
    assert outlet_key("New York Times - News") == outlet_key("New York Times (Online News)") == "new york times"
    assert outlet_key("The Hill") == "hill" and outlet_key("Vox") == "vox"
    assert outlet_key("") == "" and outlet_key(None) == ""
    assert outlet_key("News") == "news"  # never empties a name


def _allsides(folder: Path) -> Path:
    recs = [
        {"id": "a1", "source": "Outlet One - News", "bias": 0, "title": "T1", "content_original": "Taxes rose."},
        {"id": "a2", "source": "Outlet One (Online News)", "bias": 0, "title": "", "content_original": "Rain."},
        {"id": "b1", "source": "Outlet Two", "bias": 2, "title": "T3", "content_original": "Markets fell."},
        {"id": "c1", "source": "Outlet Three", "bias": 1, "title": "T4", "content_original": "Budget passed."},
    ]
    (folder / "splits" / "media").mkdir(parents=True)
    with gzip.open(folder / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in recs)
    (folder / "splits" / "media" / "train.tsv").write_text("ID\tbias\na1\t0\na2\t0\nb1\t2\n", encoding="utf-8")
    (folder / "splits" / "media" / "valid.tsv").write_text("ID\tbias\nc1\t1\n", encoding="utf-8")
    return folder


def test_loader_returns_outlet_groups_aligned_with_texts(tmp_path: Path) -> None:
    data = _allsides(tmp_path / "allsides")
    task = get_task("lean")
    texts, labels, groups = load_split_groups(task, data, "train")
    assert labels == ["left", "left", "right"] and groups == ["outlet one", "outlet one", "outlet two"]
    assert texts[0].startswith("T1") and "Taxes rose." in texts[0]
    assert load_split(task, data, "train") == (texts, labels)
    assert load_split_groups(task, data, "dev")[1:] == (["center"], ["outlet three"])
    assert load_split_groups(task, data, "train", limit=1)[2] == ["outlet one"]


def test_group_weights_give_every_outlet_and_class_the_same_weight() -> None:
    labels = ["left"] * 6 + ["right"] * 2
    groups = ["a"] * 4 + ["b"] * 2 + ["c", "d"]
    w = group_weights(labels, groups, 1.0, balanced=False)
    assert np.isclose(w.mean(), 1.0)
    assert np.isclose(w[:4].sum(), w[4:6].sum()) and np.isclose(w[4:6].sum(), w[6])
    wb = group_weights(labels, groups, 1.0, balanced=True)
    assert np.isclose(wb[:6].sum(), wb[6:].sum()) and np.isclose(wb[:4].sum(), wb[4:6].sum())
    assert np.allclose(group_weights(labels, groups, 0.0, balanced=False), 1.0)


def test_outlet_share_is_the_top_outlets_share_of_documents() -> None:
    X = sparse.csr_matrix(np.array([[1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0]], dtype=float))
    share = outlet_share(X, ["a", "a", "b", "c"])
    assert np.allclose(share, [1.0, 1 / 3, 1.0])  # an unused column counts as outlet-specific


def _corpus() -> tuple[list[str], list[str], list[str]]:
    texts, labels, groups = [], [], []
    for i in range(4):
        for outlet, lean, words in (
            ("l1", "left", "workers union climate"),
            ("l2", "left", "workers union climate"),
            ("r1", "right", "taxes markets freedom"),
            ("r2", "right", "taxes markets freedom"),
            ("c1", "center", "budget committee report"),
            ("c2", "center", "budget committee report"),
        ):
            texts.append(f"{words} {outlet}signoff item{i}")
            labels.append(lean)
            groups.append(outlet)
    return texts, labels, groups


def test_outlet_share_filter_drops_outlet_specific_terms_and_round_trips(tmp_path: Path) -> None:
    texts, labels, groups = _corpus()
    settings = {"char": None, "lexicon": None, "word": {"ngram_range": [1, 1], "min_df": 1},
                "class_weight": "balanced", "outlet_weight": 1.0, "max_outlet_share": 0.5}  # fmt: skip
    model, info = train_model(texts, labels, task="lean", settings=settings, groups=groups)
    vocab = model.blocks[0].vocabulary
    assert "union" in vocab and "taxes" in vocab and "item0" in vocab
    assert not any(t.endswith("signoff") for t in vocab)  # each used by one outlet only
    assert info["settings"]["max_outlet_share"] == 0.5 and info["settings"]["outlet_weight"] == 1.0
    assert model.predict(["the union and climate"])[0] == "left"
    assert model.predict(["budget report"])[0] == "center"
    loaded = load_model(save_model(model, tmp_path / "lean.npz"))
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


def test_filtered_dev_features_match_the_saved_model(tmp_path: Path) -> None:
    texts, labels, groups = _corpus()
    dev = (["workers union r1signoff", "taxes budget", "climate report l2signoff"], ["left", "right", "center"])
    grid = [{"C": 1.0}, {"C": 10.0}]
    settings = {"char": None, "lexicon": None, "word": {"ngram_range": [1, 2], "min_df": 1},
                "max_outlet_share": 0.5, "outlet_weight": 1.0}  # fmt: skip
    model, info = train_model(texts, labels, task="lean", settings=settings, groups=groups, dev=dev, grid=grid)
    assert len(info["grid"]) == 2
    loaded = load_model(save_model(model, tmp_path / "lean.npz"))
    assert loaded.meta["dev_metrics"] == info["dev"]
    assert np.allclose(loaded.predict_proba(dev[0]), model.predict_proba(dev[0]))


def test_group_settings_need_groups() -> None:
    texts, labels, groups = _corpus()
    with pytest.raises(ValueError, match="groups"):
        train_model(texts, labels, task="lean", settings={"char": None, "lexicon": None, "max_outlet_share": 0.5})
    with pytest.raises(ValueError, match="groups for"):
        train_model(texts, labels, task="lean", settings={"char": None, "lexicon": None}, groups=groups[:3])

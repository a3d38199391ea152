"""Model selection inside train (cross-validation), bootstrap intervals, and the shipped word vectors."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.cli.train import train
from framing.models import ModelFileError, load_model, save_model
from framing.models import select as select_mod
from framing.models.select import bootstrap_ci, cv_folds, select_and_train
from framing.models.train import train_model, train_task
from framing.models.vectors import SentenceVectors, build_vectors, load_vectors, save_vectors, shipped_vectors

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

HEDGED = ["Critics argue the plan may fail.", "It is possibly the largest.", "Observers believe it could collapse.",
          "The cause might be a valve.", "Some suggest it is unclear.", "Perhaps the deal will hold."]  # fmt: skip
CERTAIN = ["The council approved the budget.", "The bridge opened in 1932.", "He was born in Ohio.",
           "The team won the match.", "Prices rose 3 percent.", "The museum holds 4,000 paintings."]  # fmt: skip


def _sample(n: int = 6) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for i in range(n):
        for a, b in zip(HEDGED, CERTAIN, strict=True):
            texts += [f"{a} ({i})", f"{b} ({i})"]
            labels += ["uncertain", "certain"]
    return texts, labels


# --- bootstrap ---------------------------------------------------------------------------------------------------


def test_bootstrap_interval_brackets_the_figure_and_is_deterministic() -> None:
    gold = ["a"] * 50 + ["b"] * 50
    pred = ["a"] * 40 + ["b"] * 10 + ["b"] * 40 + ["a"] * 10  # 80 % right: macro-F1 0.8
    lo, hi = bootstrap_ci(gold, pred, ("a", "b"), "macro_f1")
    assert lo < 0.8 < hi and hi - lo < 0.25
    assert (lo, hi) == bootstrap_ci(gold, pred, ("a", "b"), "macro_f1")
    assert bootstrap_ci(gold, gold, ("a", "b"), "f1:b") == (1.0, 1.0)
    # the F1 of one class: "b" is never predicted -> 0 in every resample
    assert bootstrap_ci(gold, ["a"] * 100, ("a", "b"), "f1:b") == (0.0, 0.0)


# --- cross-validation never reads dev -------------------------------------------------------------------------


def test_grouped_folds_keep_a_group_on_one_side() -> None:
    labels = ["x", "y"] * 20
    groups = [f"g{i // 4}" for i in range(40)]
    for tr, va in cv_folds(labels, groups, 5):
        assert not {groups[i] for i in tr} & {groups[i] for i in va}


def test_selection_fits_and_scores_only_train_items(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, labels = _sample()
    dev = ([f"{h} dev" for h in HEDGED] + [f"{c} dev" for c in CERTAIN], ["uncertain"] * 6 + ["certain"] * 6)
    seen: list[set[str]] = []
    real = select_mod.train_model

    def spy(tx, ly, **kw):
        seen.append(set(tx) | (set(kw["dev"][0]) if kw.get("dev") else set()))
        return real(tx, ly, **kw)

    monkeypatch.setattr(select_mod, "train_model", spy)
    model, info = select_and_train(texts, labels, task="hedged", grid=[{"C": 0.1}, {"C": 3.0}], dev=dev,
                                   settings={"char": None, "lexicon": None}, folds=3)  # fmt: skip
    assert len(seen) == 3 + 1  # three folds, one refit on all of train
    for items in seen:
        assert not items & set(dev[0]), "a dev item reached a fit or a fold"
    assert info["grid_size"] == 2 and info["folds"] == 3
    best = max(info["grid"], key=lambda r: r["cv"])
    assert info["settings"] == best["settings"] and info["cv"] == best["cv"]
    assert model.meta["tuned_on_dev"] is False and "cross-validation" in model.meta["selection"]
    lo, hi = info["dev"]["ci95"]
    assert lo <= info["dev"]["macro_f1"] <= hi


def test_extra_items_never_hold_a_held_out_text(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, labels = _sample(3)
    dev = (["Officials may resign.", "The bridge closed."], ["uncertain", "certain"])
    extra = (texts[:6] + dev[0], labels[:6] + dev[1], "copies")  # second labels of train items, and dev texts
    fits: list[tuple[list[str], list[str] | None]] = []
    real = select_mod.train_model

    def spy(tx, ly, **kw):
        fits.append((list(tx), list(kw["dev"][0]) if kw.get("dev") else None))
        return real(tx, ly, **kw)

    monkeypatch.setattr(select_mod, "train_model", spy)
    _, info = select_and_train(texts, labels, task="hedged", grid=[{"C": 1.0}], dev=dev, extra=extra,
                               settings={"char": None, "lexicon": None}, folds=3)  # fmt: skip
    assert info["grid_size"] == 2  # the point without and with the extra items
    for tx, held in fits:
        assert not set(tx) & set(dev[0])
        if held is not None:
            assert not set(tx) & set(held), "a fold was trained on a copy of one of its held-out items"


@pytest.mark.skipif(not (SHARED / "babe").is_dir(), reason=f"BABE data not found at {SHARED / 'babe'}")
def test_babe_folds_are_disjoint_from_dev_and_grouped_by_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.models.tasks import get_task, load_split_cv

    t = get_task("biased")
    texts, labels, _, links = load_split_cv(t, SHARED, "train")
    dev_texts = set(load_split_cv(t, SHARED, "dev")[0])
    assert links is not None and len(set(links)) < len(links)  # several sentences per article
    assert not set(texts) & dev_texts
    folds = cv_folds(labels, links, 5)
    for tr, va in folds:
        assert not {links[i] for i in tr} & {links[i] for i in va}
        assert not {texts[i] for i in va} & dev_texts and not {texts[i] for i in tr} & dev_texts


@pytest.mark.skipif(not (SHARED / "newssd").is_dir(), reason=f"NewsSD data not found at {SHARED / 'newssd'}")
def test_train_task_selects_inside_train(monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.models import train as train_mod

    monkeypatch.setitem(train_mod.GRIDS, "subjective", [{"C": 1.0, "char": None}, {"C": 10.0, "char": None}])
    dev_texts = set(train_mod.load_split_cv(train_mod.get_task("subjective"), SHARED, "dev", 80)[0])
    seen: list[set[str]] = []
    real = select_mod.train_model

    def spy(tx, ly, **kw):
        seen.append(set(tx) | (set(kw["dev"][0]) if kw.get("dev") else set()))
        return real(tx, ly, **kw)

    monkeypatch.setattr(select_mod, "train_model", spy)
    _, info = train_task("subjective", SHARED, limit=80)
    assert seen and all(not s & dev_texts for s in seen)
    assert info["grid_size"] == 2 and info["dev"]["n"] == 80 and len(info["dev"]["ci95"]) == 2


@pytest.mark.skipif(not (SHARED / "newssd").is_dir(), reason=f"NewsSD data not found at {SHARED / 'newssd'}")
def test_train_task_with_given_settings_searches_nothing() -> None:
    # the shipped subjective model predates CV selection: its manifest rebuild passes its own settings
    import json

    from framing.models import shipped_dir

    entry = next(e for e in json.loads((shipped_dir() / "MANIFEST.json").read_text())["models"] if e["task"] ==
                 "subjective")  # fmt: skip
    settings = json.loads(entry["rebuild"].split("--settings ", 1)[1].strip("'"))
    model, info = train_task("subjective", SHARED, limit=80, settings=settings)
    assert info["grid_size"] == 1
    assert model.meta["settings"]["C"] == settings["C"] == 10.0
    assert model.meta["settings"]["class_weight"] == "balanced"


# --- word vectors -----------------------------------------------------------------------------------------------

CORPUS = ["The senate passed the tax bill on Monday.", "The house passed the budget bill.",
          "Taxes rose and the budget grew.", "The senate and the house voted.", "Voters backed the tax cut."] * 4  # fmt: skip


@pytest.fixture(scope="module")
def toy_vectors(tmp_path_factory: pytest.TempPathFactory):
    vec = build_vectors(CORPUS, vocab=10, dim=4, window=2, source="toy")
    path = save_vectors(vec, tmp_path_factory.mktemp("v") / "vectors.npz")
    return vec, path


def test_vectors_round_trip_and_are_deterministic(toy_vectors, tmp_path: Path) -> None:
    vec, path = toy_vectors
    loaded = load_vectors(path)
    assert loaded.vocabulary == vec.vocabulary and np.array_equal(loaded.codes, vec.codes)
    assert len(vec.vocabulary) == 10 and vec.codes.dtype == np.int8 and vec.dim == 4
    again = save_vectors(build_vectors(CORPUS, vocab=10, dim=4, window=2, source="toy"), tmp_path / "again.npz")
    assert again.read_bytes() == path.read_bytes()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rewrite(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)


def test_tampered_vectors_are_refused(toy_vectors, tmp_path: Path) -> None:
    _, path = toy_vectors
    members = _members(path)
    raw = bytearray(members["codes.npy"])
    raw[-1] ^= 0x01  # one vector component changes; the zip and the npy stay valid
    bad = tmp_path / "flipped.npz"
    _rewrite(bad, {**members, "codes.npy": bytes(raw)})
    with pytest.raises(ModelFileError, match=r"flipped\.npz: checksum mismatch"):
        load_vectors(bad)
    header = json.loads(np.load(io.BytesIO(members["header.npy"])).tobytes())
    header["training_data"] = "something else"
    buf = io.BytesIO()
    np.save(buf, np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
    edited = tmp_path / "edited.npz"
    _rewrite(edited, {**members, "header.npy": buf.getvalue()})
    with pytest.raises(ModelFileError, match="checksum mismatch"):
        load_vectors(edited)
    cut = tmp_path / "cut.npz"
    cut.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ModelFileError, match=r"cut\.npz"):
        load_vectors(cut)


def test_pooling_is_the_mean_of_the_word_rows() -> None:
    vec = shipped_vectors()
    # by hand: "Tax cuts, again!" has the tokens tax, cuts, again (lower-cased; punctuation is no token)
    rows = [vec.codes[vec.index[w]].astype(np.float64) * vec.scale for w in ("tax", "cuts", "again")]
    want = (rows[0] + rows[1] + rows[2]) / 3
    got = SentenceVectors().fit([]).transform(["Tax cuts, again!", "qqqzzz xxyyq"])
    assert np.allclose(got[0], want, atol=1e-12)
    assert np.array_equal(got[1], np.zeros(vec.dim))  # no known word: zeros
    # the same row in any batch
    alone = SentenceVectors().fit([]).transform(["Tax cuts, again!"])
    assert np.array_equal(alone[0], got[0])
    assert SentenceVectors().fit([]).get_feature_names_out()[0] == "vec__0"


def test_shipped_vectors_and_manifest_entry() -> None:
    from framing.models import shipped_dir

    vec = shipped_vectors()
    assert len(vec.vocabulary) == 30000 and vec.dim <= 300
    entry = next(e for e in json.loads((shipped_dir() / "MANIFEST.json").read_text())["models"]
                 if e["task"] == "vectors")  # fmt: skip
    assert entry["licence"] == "Apache-2.0" and entry["sha256"]
    assert entry["bytes"] == (shipped_dir() / "vectors.npz").stat().st_size
    assert "framing train vectors" in entry["rebuild"]


def test_model_with_a_vectors_block_round_trips(tmp_path: Path) -> None:
    texts, labels = _sample()
    model, _ = train_model(texts, labels, task="hedged",
                           settings={"char": None, "lexicon": None, "vectors": {"weight": 0.3}})  # fmt: skip
    assert [b.kind for b in model.blocks] == ["word", "vectors"]
    path = save_model(model, tmp_path / "m.npz")
    loaded = load_model(path)
    probes = ["It may rain.", "The bridge opened.", ""]
    assert np.array_equal(loaded.predict_proba(probes), model.predict_proba(probes))
    from framing.models.apply import CompiledModel

    assert np.allclose(CompiledModel(loaded).predict_proba(probes), loaded.predict_proba(probes), atol=1e-12)
    assert loaded.feature_names[-1] == f"vec__{shipped_vectors().dim - 1}"


def test_cli_builds_vectors_from_allsides_train_only(tmp_path: Path) -> None:
    root = tmp_path / "allsides"
    (root / "splits" / "media").mkdir(parents=True)
    rows = [{"id": f"a{i}", "source": "Outlet", "topic": "t", "bias": i % 3, "bias_text": ["left", "center", "right"][i % 3],
             "date": "", "title": f"Title {i}", "url": "", "authors": "", "content_original": CORPUS[i]}
            for i in range(6)]  # fmt: skip
    rows[5]["content_original"] = "Devword appears only in the valid article."
    with gzip.open(root / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    (root / "splits" / "media" / "train.tsv").write_text("ID\tbias\n" + "".join(f"a{i}\t{i % 3}\n" for i in range(5)))
    (root / "splits" / "media" / "valid.tsv").write_text("ID\tbias\na5\t2\n")
    out = tmp_path / "v.npz"
    res = CliRunner().invoke(train, ["vectors", "--data", str(root), "--out", str(out)])
    assert res.exit_code == 0, res.output
    vec = load_vectors(out)
    assert "devword" not in vec.index and "senate" in vec.index
    assert vec.header["n_documents"] == 5


def test_lean_text_drops_the_outlet_domain_too() -> None:
    from framing.models.tasks import lean_text

    text = "Taxes rose, Fox News reported. Read more at foxnews.com or www.foxnews.com today."
    out = lean_text(text, outlet="Fox News (Online News)", clean=False)
    assert out == "Taxes rose, reported. Read more at or today."


def test_two_trainings_give_identical_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    texts, labels = _sample()
    paths = []
    for k in range(2):
        model, _ = select_and_train(texts, labels, task="hedged", grid=[{"C": 1.0}, {"C": 3.0}], dev=None,
                                    settings={"char": None, "vectors": {"weight": 0.3}}, folds=3)  # fmt: skip
        paths.append(save_model(model, tmp_path / f"m{k}.npz"))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert load_model(paths[0]).meta["trained"] == "2023-11-14T22:13:20Z"

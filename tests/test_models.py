"""Trained classifiers: training on a small sample, the pickle-free format, LexiconFeatures, the commands."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from framing.cli.train import evaluate, train
from framing.errors import FramingError
from framing.models import LexiconFeatures, ModelFileError, load_default_models, load_model, save_model
from framing.models.format import read_header
from framing.models.tasks import detokenize, lean_text
from framing.models.train import train_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

HEDGED = [
    "Some critics argue the plan may fail.",
    "It is possibly the largest such project.",
    "Many observers believe the deal could collapse.",
    "The outcome remains unclear, officials suggested.",
    "It is widely regarded as one of the best albums.",
    "The cause might be a faulty valve.",
]
CERTAIN = [
    "The council approved the budget on Monday.",
    "The bridge opened in 1932.",
    "He was born in Ohio and studied law.",
    "The team won the match by two goals.",
    "Prices rose 3 percent in March.",
    "The museum holds 4,000 paintings.",
]


def _sample(n: int = 8) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for i in range(n):
        for a, b in zip(HEDGED, CERTAIN, strict=True):
            texts += [f"{a} ({i})", f"{b} ({i})"]
            labels += ["uncertain", "certain"]
    return texts, labels


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory):
    texts, labels = _sample()
    model, info = train_model(texts, labels, task="hedged", dev=(HEDGED + CERTAIN, ["uncertain"] * 6 + ["certain"] * 6),
                              grid=[{"C": 1.0}, {"C": 3.0}])  # fmt: skip
    path = save_model(model, tmp_path_factory.mktemp("m") / "hedged.npz")
    return model, info, path


PROBES = ["The plan may allegedly fail.", "The bridge opened.", "", "Critics said it was a disaster!", "x" * 3000]


def test_training_learns_and_records_metadata(trained) -> None:
    model, info, path = trained
    assert list(model.classes_) == ["certain", "uncertain"] and model.positive_class == "uncertain"
    p = model.predict_proba(PROBES)
    assert p.shape == (len(PROBES), 2) and np.allclose(p.sum(axis=1), 1.0)
    assert model.predict(["Some experts believe it may be possible."])[0] == "uncertain"
    assert model.predict(["The council approved the budget in 1932."])[0] == "certain"
    header = read_header(path)
    for key in ("training_data", "licence", "trained", "dev_metrics", "lexicons", "sha256", "settings", "command"):
        assert key in header, key
    assert header["licence"] == "none stated" and len(info["grid"]) == 2
    assert header["dev_metrics"]["confusion_matrix"]["labels"] == ["certain", "uncertain"]


def test_training_is_deterministic(trained) -> None:
    model, _, _ = trained
    texts, labels = _sample()
    again, _ = train_model(texts, labels, task="hedged", dev=(HEDGED + CERTAIN, ["uncertain"] * 6 + ["certain"] * 6),
                           grid=[{"C": 1.0}, {"C": 3.0}])  # fmt: skip
    assert np.array_equal(again.coef_, model.coef_)
    assert np.array_equal(again.predict_proba(PROBES), model.predict_proba(PROBES))


def test_round_trip_gives_identical_predictions(trained) -> None:
    model, _, path = trained
    loaded = load_model(path)
    assert loaded.feature_names == model.feature_names
    assert np.array_equal(loaded.predict_proba(PROBES), model.predict_proba(PROBES))
    assert np.array_equal(loaded.coef_, model.coef_)


def test_model_matches_sklearn_logistic_regression() -> None:
    texts, labels = _sample(4)
    model, _ = train_model(texts, labels, task="hedged", settings={"lexicon": None, "char": None, "C": 2.0})
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    lr = LogisticRegression(C=2.0, max_iter=3000, random_state=0).fit(vec.fit_transform(texts), labels)
    ours = model.predict_proba(PROBES[:4])
    ref = lr.predict_proba(vec.transform(PROBES[:4]))
    assert np.allclose(ours, ref, atol=1e-10)


def test_multiclass_round_trip(tmp_path: Path) -> None:
    texts = ["taxes cut markets free"] * 5 + ["workers union climate"] * 5 + ["budget report committee"] * 5
    labels = ["right"] * 5 + ["left"] * 5 + ["center"] * 5
    model, _ = train_model(texts, labels, task="lean", settings={"char": None, "lexicon": {"scale": "per_sentence"},
                                                                  "word": {"ngram_range": [1, 1], "min_df": 1}})  # fmt: skip
    assert list(model.classes_) == ["left", "center", "right"]
    assert model.predict(["the union and climate"])[0] == "left"
    loaded = load_model(save_model(model, tmp_path / "lean.npz"))
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


# --- rejection of damaged and tampered files ------------------------------------------------------------------


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=True)
    return buf.getvalue()


def test_truncated_file_is_refused(trained, tmp_path: Path) -> None:
    _, _, path = trained
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 10):
        bad = tmp_path / f"cut{cut}.npz"
        bad.write_bytes(data[:cut])
        with pytest.raises(ModelFileError, match=re.escape(str(bad))):
            load_model(bad)


def test_flipped_byte_is_refused(trained, tmp_path: Path) -> None:
    _, _, path = trained
    members = _members(path)
    raw = bytearray(members["coef.npy"])
    raw[-3] ^= 0x01  # a weight changes, the file stays a valid zip and npy
    members["coef.npy"] = bytes(raw)
    bad = tmp_path / "flipped.npz"
    _write(bad, members)
    with pytest.raises(ModelFileError, match="checksum mismatch"):
        load_model(bad)
    # a flipped byte in the compressed stream is caught too (zip CRC or checksum)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    bad2 = tmp_path / "flipped2.npz"
    bad2.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match=r"flipped2\.npz"):
        load_model(bad2)


def test_edited_header_is_refused(trained, tmp_path: Path) -> None:
    _, _, path = trained
    members = _members(path)
    header = json.loads(np.load(io.BytesIO(members["header.npy"])).tobytes())
    header["dev_metrics"]["macro_f1"] = 0.99
    members["header.npy"] = _npy(np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
    bad = tmp_path / "edited.npz"
    _write(bad, members)
    with pytest.raises(ModelFileError, match="checksum mismatch"):
        load_model(bad)


def test_pickled_object_array_is_refused(trained, tmp_path: Path) -> None:
    _, _, path = trained
    members = _members(path)
    members["evil.npy"] = _npy(np.array([{"__reduce__": "os.system"}, print], dtype=object))
    bad = tmp_path / "pickled.npz"
    _write(bad, members)
    with pytest.raises(ModelFileError, match="pickle"):
        load_model(bad)
    members = _members(path)
    members["coef.npy"] = _npy(np.array([1, "x"], dtype=object))
    _write(bad, members)
    with pytest.raises(ModelFileError, match="pickle"):
        load_model(bad)


def test_other_bad_files_are_refused(tmp_path: Path) -> None:
    missing = tmp_path / "none.npz"
    with pytest.raises(ModelFileError, match="not found"):
        load_model(missing)
    text = tmp_path / "text.npz"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match=r"text\.npz"):
        load_model(text)
    plain = tmp_path / "plain.npz"
    np.savez(plain, a=np.zeros(3))
    with pytest.raises(ModelFileError, match="not a framing model"):
        load_model(plain)
    assert issubclass(ModelFileError, FramingError)


# --- LexiconFeatures follows the scikit-learn contract ----------------------------------------------------------


def test_lexicon_features_contract() -> None:
    lf = LexiconFeatures(scale="log1p", surface=True)
    assert lf.get_params() == {"scale": "log1p", "surface": True, "weights": True, "frames": False}
    twin = clone(lf)
    assert twin.get_params() == lf.get_params() and not hasattr(twin, "categories_")
    assert lf.fit(["a"]) is lf
    names = lf.get_feature_names_out()
    X = lf.transform(["It may allegedly be a vile scheme, critics claimed.", "The vote was held."])
    assert X.shape == (2, len(names)) == (2, lf.n_features_out_)
    row = dict(zip(names, X[0], strict=True))
    assert row["lex__hedge.modal__count"] > 0 and row["lex__loaded.emotive__count"] > 0
    assert X[1, : len(names) - 12].sum() == 0  # no evidence in the neutral sentence
    assert LexiconFeatures(weights=False, surface=False).fit([]).get_feature_names_out()[0].endswith("__count")
    with pytest.raises(ValueError):
        LexiconFeatures(scale="bad").fit([])


def test_lexicon_features_in_a_user_pipeline() -> None:
    texts, labels = _sample(3)
    pipe = make_pipeline(make_union(TfidfVectorizer(), LexiconFeatures()), LogisticRegression(max_iter=1000))
    pipe.fit(texts, labels)
    assert pipe.predict(["Some say it may fail."])[0] == "uncertain"
    assert len(pipe[0].get_feature_names_out()) == pipe[-1].coef_.shape[1]
    clone(pipe).fit(texts, labels)


def test_text_preparation() -> None:
    assert detokenize("It does n't work , he said ( allegedly ) .") == "It doesn't work, he said (allegedly)."
    out = lean_text("By Jane Roe\nThe Daily Planet reported that taxes rose. Follow @planet at https://x.y/z.",
                    title="Taxes rise", outlet="Daily Planet - News", authors="Jane Roe")  # fmt: skip
    assert "Planet" not in out and "Jane" not in out and "http" not in out and out.startswith("Taxes rise")


def test_default_models_are_loadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_DATA", str(tmp_path))  # the shipped models only, not the user's
    import framing.models

    framing.models.clear_cache()
    models = load_default_models()
    assert "subjective" in models
    for name, m in models.items():
        assert m.task == name
        p = m.predict_proba(["The senator said the bill may pass.", "Critics slammed the disgraceful plan."])
        assert p.shape == (2, len(m.classes_))
    framing.models.clear_cache()


# --- commands ---------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "newssd").is_dir(), reason=f"NewsSD data not found at {SHARED / 'newssd'}")
def test_cli_train_and_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_DATA", str(tmp_path / "home"))
    runner = CliRunner()
    out = tmp_path / "subj.npz"
    res = runner.invoke(train, ["subjective", "--data", str(SHARED), "--out", str(out), "--limit", "150",
                                "--no-tune"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "macro-F1" in res.output and out.is_file()
    res = runner.invoke(evaluate, ["subjective", "--data", str(SHARED / "newssd"), "--model", str(out),
                                   "--format", "json", "--limit", "40"])  # fmt: skip
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["n"] == 40 and set(rep["per_class"]) == {"objective", "subjective"}
    assert {"macro_f1", "accuracy", "confusion_matrix"} <= set(rep)


def test_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(train, ["nosuchtask", "--data", str(tmp_path)]).exit_code == 2
    assert runner.invoke(train, ["biased"]).exit_code == 2
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 broken")
    res = runner.invoke(evaluate, ["subjective", "--data", str(tmp_path), "--model", str(bad)])
    assert res.exit_code == 1 and "bad.npz" in res.output
    res = runner.invoke(train, ["subjective", "--data", str(tmp_path), "--out", str(tmp_path / "m.npz")])
    assert res.exit_code == 1 and "not found" in res.output
    assert "Examples" in runner.invoke(train, ["--help"]).output
    assert "Examples" in runner.invoke(evaluate, ["--help"]).output


def test_a_data_home_that_cannot_exist_holds_no_user_model(tmp_path, monkeypatch):
    """Looking a user model up never creates or needs the data home (an unwritable HOME stopped every run)."""
    from framing.models import find_model, shipped_dir
    from framing.resources import data_home

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FRAMING_DATA", str(blocker / "framing"))
    assert data_home() == blocker / "framing" and blocker.is_file()
    assert find_model("subjective") == shipped_dir() / "subjective.npz"


def test_a_model_file_of_another_task_is_refused(tmp_path, monkeypatch):
    """frames.npz copied over a user's subjective.npz loads as a valid file, but its frame scores would be
    reported as 'subjective': refused, naming the file and both tasks."""
    import shutil

    from framing.models import clear_cache, shipped_dir

    (tmp_path / "models").mkdir()
    shutil.copy(shipped_dir() / "frames.npz", tmp_path / "models" / "subjective.npz")
    monkeypatch.setenv("FRAMING_DATA", str(tmp_path))
    clear_cache()
    try:
        with pytest.raises(ModelFileError, match=r"subjective\.npz: holds a model for the task 'frames', not 'subjective'"):
            load_default_models()
    finally:
        clear_cache()

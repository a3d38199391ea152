"""The trained models inside `framing score`: sentence probabilities as evidence, aggregates, lean, --no-models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from helpers import seed_path

from framing.article import Article
from framing.cli import main
from framing.models import load_default_models, save_model
from framing.models.apply import LEAN_CAVEAT, CompiledModel
from framing.models.features import rows_from_evidence
from framing.models.train import train_model
from framing.scoring import Scorer, clear_model_cache

SENTENCES = [
    "Officials said the talks ended on Monday.",
    "This is a disgraceful, shameful betrayal of everything we stand for!",
    "I think you're wrong, and frankly it's the worst deal ever.",
    "",
    "The council approved the 2025 budget, according to the BBC.",
    "x" * 3000,
]


def _article(text: str, id: str = "a1") -> Article:
    return Article(id=id, text=text, language="en")


@pytest.fixture
def user_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data home whose models/ folder a test may fill; the model caches are reset around it."""
    monkeypatch.setenv("FRAMING_DATA", str(tmp_path))
    (tmp_path / "models").mkdir()
    clear_model_cache()
    yield tmp_path / "models"
    clear_model_cache()


def _tiny_lean(path: Path) -> None:
    texts = ["taxes cut markets free enterprise"] * 6 + ["workers union climate justice"] * 6
    texts += ["budget report committee hearing"] * 6
    labels = ["right"] * 6 + ["left"] * 6 + ["center"] * 6
    model, _ = train_model(texts, labels, task="lean", settings={
        "char": {"analyzer": "char_wb", "ngram_range": [2, 3], "min_df": 1},
        "lexicon": {"scale": "per_sentence"}, "word": {"ngram_range": [1, 1], "min_df": 1}})  # fmt: skip
    save_model(model, path)


def test_compiled_model_equals_predict_proba() -> None:
    m = load_default_models()["subjective"]
    assert np.allclose(CompiledModel(m).predict_proba(SENTENCES), m.predict_proba(SENTENCES), atol=1e-12)


def test_compiled_multiclass_with_char_block(tmp_path: Path) -> None:
    from framing.models import load_model

    _tiny_lean(tmp_path / "lean.npz")
    m = load_model(tmp_path / "lean.npz")
    probe = ["Union workers rallied for climate justice.", "Tax cuts for free markets.", "The committee met."]
    assert np.allclose(CompiledModel(m).predict_proba(probe), m.predict_proba(probe), atol=1e-12)


def test_rows_from_evidence_match_the_transformer_on_single_sentences() -> None:
    """A one-sentence article has no neighbours, so the scorer's evidence gives exactly the model's features."""
    m = load_default_models()["subjective"]
    features = CompiledModel(m)._lexicon[0]
    from framing.measures.sentiment import sentence_compound

    for text in SENTENCES[:3] + SENTENCES[4:5] + ['"We will not leave," the mayor insisted, allegedly.']:
        s = Scorer(models=False).score(_article(text))
        assert len(s.sentences) == 1, text
        got = rows_from_evidence(features, s.sentences, s.evidence, [sentence_compound(text)])
        assert np.allclose(got, features.transform([text])), text


def test_sentence_probabilities_are_evidence_and_aggregated(seeds_dir: Path) -> None:
    from framing.io import read_articles

    art = next(read_articles([seed_path("004")]))
    on, off = Scorer().score(art), Scorer(models=False).score(art)
    model_items = [e for e in on.evidence if e.dimension == "model" and e.category == "subjective"]
    # one subjective probability per sentence, spanning the sentence, in [0, 1]
    assert [e.sentence for e in model_items] == [s.index for s in on.sentences]
    assert all(e.category == "subjective" and 0.0 <= e.weight <= 1.0 for e in model_items)
    assert all((e.start, e.end) == (on.sentences[e.sentence].start, on.sentences[e.sentence].end) for e in model_items)
    assert all(e.entry.startswith("model:subjective@") for e in model_items)
    weights = np.array([e.weight for e in model_items])
    assert on.metrics["models.subjective.mean"] == pytest.approx(weights.mean(), abs=1e-4)
    assert on.metrics["models.subjective.share"] == pytest.approx((weights >= 0.5).mean())
    # the models add to the lexicon and rule output and change nothing in it, but each sentence's frame, which the
    # frame model decides when it is there (issue 15)
    decided = ("frame_sentence.",)
    assert [e for e in on.evidence if e.dimension != "model" and not e.category.startswith(decided)] == [
        e for e in off.evidence if not e.category.startswith(decided)
    ]
    on_m = {k: v for k, v in on.metrics.items() if not k.startswith("models.")}
    assert {k: v for k, v in on_m.items() if not k.startswith("frames.")} == {
        k: v for k, v in off.metrics.items() if not k.startswith("frames.")
    }
    assert on_m["frames.cue_count"] == off.metrics["frames.cue_count"] and set(on_m) == set(off.metrics)
    assert not any(e.dimension == "model" for e in off.evidence)
    assert not any(k.startswith("models.") for k in off.metrics) and off.lean is None
    assert any(r.startswith("model:subjective@") for r in on.lexicons)
    # the probabilities are the model's: a context-free sentence gets what predict_proba gives it
    m = load_default_models()["subjective"]
    first = model_items[0]
    assert first.weight == pytest.approx(m.predict_proba([first.text])[0, 1], abs=1e-4)


def test_no_lean_without_a_lean_model(user_models: Path) -> None:
    s = Scorer().score(_article("The senator said the bill may pass. Critics slammed it."))
    assert s.lean is None and s.to_dict()["lean"] is None
    assert "models.subjective.mean" in s.metrics


def test_lean_estimate_with_probabilities_and_caveat(user_models: Path) -> None:
    _tiny_lean(user_models / "lean.npz")
    s = Scorer().score(_article("Union workers rallied for climate justice. The workers union marched."))
    assert s.lean is not None
    assert s.lean["label"] == "left"
    assert set(s.lean["probabilities"]) == {"left", "center", "right"}
    assert sum(s.lean["probabilities"].values()) == pytest.approx(1.0, abs=1e-3)
    assert s.lean["caveat"] == LEAN_CAVEAT and "text-based estimate" in LEAN_CAVEAT
    assert s.metrics["models.lean.p_left"] == s.lean["probabilities"]["left"]
    assert json.loads(json.dumps(s.to_dict()))["lean"]["label"] == "left"


def test_cli_models_and_no_models(user_models: Path, seeds_dir: Path) -> None:
    _tiny_lean(user_models / "lean.npz")
    runner = CliRunner()
    seed = str(seed_path("000"))
    res = runner.invoke(main, ["score", seed, "--format", "json"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output)[0]
    assert rec["lean"]["caveat"] == LEAN_CAVEAT
    assert any(e["dimension"] == "model" and e["category"] == "subjective" for e in rec["evidence"])
    res = runner.invoke(main, ["score", seed, "--format", "json", "--no-models"])
    rec = json.loads(res.output)[0]
    assert rec["lean"] is None and not any(e["dimension"] == "model" for e in rec["evidence"])
    assert not any(k.startswith("models.") for k in rec["scores"])
    res = runner.invoke(main, ["score", seed, "--explain"])
    assert "lean estimate:" in res.output and "text-based estimate" in res.output
    assert "subjective P(subjective) = " in res.output


def test_cli_refuses_a_tampered_model(user_models: Path, seeds_dir: Path) -> None:
    from framing.models import find_model

    good = find_model("subjective")
    assert good is not None
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    (user_models / "subjective.npz").write_bytes(bytes(data))
    res = CliRunner().invoke(main, ["score", str(seed_path("000"))])
    assert res.exit_code == 2 and "subjective.npz" in res.output
    res = CliRunner().invoke(main, ["score", str(seed_path("000")), "--no-models"])
    assert res.exit_code == 0, res.output


def test_surface_rows_equal_surface_per_text() -> None:
    from framing.models.features import _surface, _surface_rows

    texts = [*(t for t in SENTENCES if t), "İstanbul: MOST of us, I'm sure, ABC 123 quickly! You're the greatest?"]
    tones = [0.1 * i for i in range(len(texts))]
    expected = np.array([_surface(t, tone) for t, tone in zip(texts, tones, strict=True)])
    assert np.allclose(_surface_rows(texts, tones), expected)
    assert np.allclose(_surface_rows(texts[:-1], tones[:-1]), expected[:-1])  # without the offset-shifting İ


def test_surface_rows_edge_words_equal_surface_per_text() -> None:
    """The per-pattern scans (literal-first, suffixes on the reversed text) at the edges of their patterns:
    words that only contain a pattern, run into a digit or underscore, or sit at a text's start or end."""
    from framing.models.features import _surface, _surface_rows

    texts = [
        "mostest lest ourselves ours our_ usb i' I'm mine, mines, me. my1 we'll us-led",
        "only fly oddly quickly.QUICKLY Quickly _quickly quickly_ sadly1 greatest biggest_ best est",
        "ABC ABCd _ABC ABC_ AB NATO's UN-led 12a ٣٤ a1b2 x 2024",
        "yours youre you! \u201cquoted\u201d \u2018single\u2019 \u00abguillemets\u00bb?! Least most",
        "",
        "surely",
    ]
    tones = [0.0] * len(texts)
    expected = np.array([_surface(t, 0.0) for t in texts])
    got = _surface_rows(texts, tones)
    assert np.allclose(got[:, 0], expected[:, 0])  # log1p: numpy's and math's may differ in the last bit
    assert np.array_equal(got[:, 1:], expected[:, 1:])
    # counted by hand: ours, i', I'm, mine, me, we'll, us-led (not ourselves, our_, usb, mines, my1) | mostest
    assert got[0, 6] == 7 and got[0, 11] == 1
    # oddly, quickly. (not only, fly, Quickly, _quickly, quickly_, sadly1) | greatest (not biggest_, best)
    assert got[1, 10] == 2 and got[1, 11] == 1
    assert got[2, 9] == 2 and got[2, 8] == 5  # ABC, NATO | 12, ٣٤, 1, 2, 2024
    assert got[5, 10] == 1


def test_a_batch_scores_each_article_as_it_scores_alone(example_dir):
    """score_many (what corpus runs and the process pool use) gives every article exactly the record score gives
    it, whatever the batch: the models' sums must not depend on how many sentences are scored together."""
    import framing

    arts = list(framing.read_articles(example_dir, outlet_tables=[example_dir / "outlets.yaml"]))
    scorer = framing.Scorer()
    assert scorer.models_, "the shipped model should be loaded"
    alone = [scorer.score(a).to_dict() for a in arts]
    for size in (2, 4, len(arts)):
        batched = [s.to_dict() for i in range(0, len(arts), size) for s in scorer.score_many(arts[i : i + size])]
        assert batched == alone, size

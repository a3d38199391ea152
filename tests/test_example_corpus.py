"""The bundled example corpus: differences known by construction (see framing/datasets/example/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import framing


@pytest.fixture(scope="module")
def corpus(example_dir: Path):
    planted = {a["file"]: a for a in yaml.safe_load((example_dir / "planted.yaml").read_text())["articles"]}
    arts = list(framing.read_articles(example_dir, outlet_tables=[example_dir / "outlets.yaml"]))
    out = []
    for a in arts:
        key = Path(a.source_path).relative_to(example_dir).as_posix()
        if "#" in a.id:
            key += "#" + a.id.split("#", 1)[1]
        out.append((a, framing.score(a), planted[key]))
    return out


def test_formats_outlets_dates_titles(corpus):
    assert len(corpus) == 9
    formats = {Path(a.source_path).suffix for a, _, _ in corpus}
    assert formats == {".txt", ".html", ".jsonl"}
    for a, s, p in corpus:
        assert a.error is None and s.error is None
        assert a.outlet.outlet_id == p["outlet"]
        assert a.date == p["date"]
        assert a.title == p["title"]


def found(s, prefix: str) -> list[str]:
    return [e.text.lower() for e in s.evidence if e.category.startswith(prefix) and e.weight > 0]


@pytest.mark.parametrize(
    ("field", "prefix", "min_recall"),
    [
        ("hedges", "hedge", 0.95),
        ("boosters", "booster", 0.9),
        ("loaded_terms", "loaded", 0.85),
        ("anonymous_sources", "source.anonymous", 0.75),
        ("nonneutral_verbs", "cue.nonneutral", 1.0),
    ],
)
def test_planted_items_are_found(corpus, field, prefix, min_recall):
    planted = hit = 0
    for _, s, p in corpus:
        got = found(s, prefix)
        for item in p[field]:
            planted += 1
            hit += any(item.lower() in g or g in item.lower() for g in got)
    assert planted > 0 and hit / planted >= min_recall, f"{field}: {hit}/{planted}"


def by_outlet(corpus, metric: str) -> dict[str, float]:
    vals: dict[str, list[float]] = {}
    for a, s, _ in corpus:
        vals.setdefault(a.outlet.outlet_id, []).append(s.metrics[metric])
    return {k: sum(v) / len(v) for k, v in vals.items()}


def test_orderings_by_construction(corpus):
    hedges = by_outlet(corpus, "hedging.hedges_per_100_sentences")
    assert hedges["capital_pulse"] > hedges["frontline_voice"] >= hedges["harbor_ledger"]
    anon = by_outlet(corpus, "attribution.anonymous_share")
    assert anon["capital_pulse"] > anon["frontline_voice"] > anon["harbor_ledger"] == 0
    loaded = by_outlet(corpus, "word_choice.loaded_per_1000_words")
    assert loaded["frontline_voice"] > 5 * max(loaded["capital_pulse"], loaded["harbor_ledger"], 1)
    boosters = by_outlet(corpus, "hedging.boosters_per_100_sentences")
    assert boosters["frontline_voice"] > 0 == boosters["harbor_ledger"] == boosters["capital_pulse"]
    assert by_outlet(corpus, "attribution.nonneutral_cue_count")["harbor_ledger"] == 0

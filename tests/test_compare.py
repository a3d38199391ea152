"""framing.compare: group statistics, term contrasts and actor comparison."""

from __future__ import annotations

import copy
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.compare import (
    DEFAULT_METRICS,
    MISSING_GROUP,
    SMALL_STOP_WORDS,
    ActorComparison,
    Comparer,
    ComparisonResult,
    GroupStats,
    TermContrast,
    actor_comparison,
    bootstrap_ci,
    cliffs_delta,
    cliffs_magnitude,
    compare_groups,
    date_bucket,
    holm,
    metric_label,
    metric_unit,
    permutation_test,
    term_contrast,
    term_contrast_one_vs_rest,
    text_frame,
    tokenize,
    with_date_bucket,
)
from framing.compare.actors import statements
from framing.resources import example_corpus_dir
from framing.text.actors import load_actor_set

# An actor set and a term pack for the fictional actors of the bundled example corpus.
EXAMPLE_ACTORS = """schema: framing-actors/1
name: example-actors
version: 1.0.0
licence: MIT
actors:
  - id: velmora_gov
    label: Velmoran government
    aliases: [velmoran government, velmoran leadership, velmoran regime, regime in drast, orla venn, ruth calder,
              velmoran ministry of defence, velmoran state water agency]
    termpack_concept: government
  - {id: brask, label: Teodor Brask, aliases: [teodor brask, brask, brask's campaign, brask machine], termpack_concept: incumbent}
  - {id: marr, label: Lena Marr, aliases: [lena marr, marr, marr's team]}
  - {id: commission, label: Electoral Commission, aliases: [electoral commission]}
  - {id: hesk_front, label: Hesk Valley Front, aliases: [hesk valley front, militia, freedom fighters, armed group]}
"""
EXAMPLE_PACK = """schema: framing-termpack/1
name: example-naming
version: 1.0.0
licence: MIT
concepts:
  - id: government
    label: How Velmora's government is named
    variants:
      - {id: government, label: the Velmoran government, patterns: [velmoran government]}
      - {id: leadership, label: the Velmoran leadership, patterns: [velmoran leadership]}
      - {id: regime, label: the regime, patterns: [velmoran regime, regime in drast]}
  - id: incumbent
    label: How the incumbent mayor is named
    variants:
      - {id: mayor, label: Mayor Teodor Brask, patterns: [mayor teodor brask]}
      - {id: incumbent, label: the incumbent, patterns: [the incumbent]}
      - {id: machine, label: the Brask machine, patterns: [brask machine]}
"""

LOADED = {"regime", "brutal", "outrageous", "shameful", "reckless", "cowardly", "massacre", "slaughter", "thugs",
          "callous", "catastrophic", "mob"}  # fmt: skip


def score_example(folder: Path) -> dict:
    """The example corpus scored with the test actor set and term pack: articles, scores, table, actor set."""
    (folder / "actors.yaml").write_text(EXAMPLE_ACTORS)
    (folder / "pack.yaml").write_text(EXAMPLE_PACK)
    d = example_corpus_dir()
    arts = list(framing.read_articles(d, outlet_tables=[d / "outlets.yaml"]))
    scorer = framing.Scorer(termpacks=[folder / "pack.yaml"], outlet_tables=[d / "outlets.yaml"])
    scores = [scorer.score(a) for a in arts]
    articles_df, _ = framing.score_corpus(arts)
    return {"arts": arts, "scores": scores, "df": articles_df, "actors": load_actor_set(folder / "actors.yaml")}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The example corpus scored once."""
    return score_example(tmp_path_factory.mktemp("example_actors"))


def _frame(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 40
    return pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(n)],
            "outlet": ["A"] * 15 + ["B"] * 15 + ["C"] * 7 + ["D"] * 3,
            "date": ["2025-01-05"] * 20 + ["2025-02-10"] * 20,
            "hedging.hedges_per_100_sentences": np.r_[
                rng.normal(10, 2, 15), rng.normal(20, 2, 15), rng.normal(10, 2, 10)
            ],
            "word_choice.loaded_per_1000_words": rng.gamma(2, 2, n),
            "error": [None] * n,
        }
    )


# ------------------------------------------------------------------------------------------ statistics


def test_bootstrap_is_deterministic_and_covers_the_mean():
    x = np.arange(20, dtype=float)
    a = bootstrap_ci(x, n_boot=500, seed=3, key="k")
    assert a == bootstrap_ci(x, n_boot=500, seed=3, key="k")
    assert a != bootstrap_ci(x, n_boot=500, seed=4, key="k")
    assert a[0] < x.mean() < a[1]
    assert all(math.isnan(v) for v in bootstrap_ci([1.0]))


def test_compare_groups_is_deterministic():
    df = _frame()
    r1 = compare_groups(df, metrics="all", n_boot=300, seed=7)
    r2 = compare_groups(df, metrics="all", n_boot=300, seed=7)
    pd.testing.assert_frame_equal(r1.summary, r2.summary)
    pd.testing.assert_frame_equal(r1.pairwise, r2.pairwise)
    # a group's interval does not depend on which other metrics are compared
    one = compare_groups(df, metrics=["hedging.hedges_per_100_sentences"], n_boot=300, seed=7).summary
    both = r1.summary[r1.summary.metric == "hedging.hedges_per_100_sentences"].reset_index(drop=True)
    pd.testing.assert_frame_equal(one, both)


def test_holm_on_known_pvalues():
    # sorted: .005*4=.02, .01*3=.03, .03*2=.06, .04*1=.04 -> monotone .06
    assert np.allclose(holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02])
    assert np.allclose(holm([0.5, 0.9]), [1.0, 1.0])  # capped at 1
    out = holm([0.01, np.nan, 0.02])  # NaN is not a test: m = 2
    assert np.isnan(out[1]) and np.allclose(out[[0, 2]], [0.02, 0.02])
    assert holm([]).size == 0


def test_cliffs_delta_hand_examples():
    assert cliffs_delta([1, 2, 3], [2]) == 0.0  # one below, one tie, one above
    # a=3: 2 below, 1 above; a=4: 3 below, 1 above; a=5: 3 below, 1 above -> (8 - 3) / 12
    assert cliffs_delta([3, 4, 5], [1, 2, 3, 6]) == pytest.approx(5 / 12)
    assert cliffs_delta([1, 2], [3, 4]) == -1.0 and cliffs_delta([3, 4], [1, 2]) == 1.0
    assert math.isnan(cliffs_delta([], [1]))
    assert [cliffs_magnitude(d) for d in (0.1, 0.147, -0.33, 0.474, math.nan)] == [
        "negligible",
        "small",
        "medium",
        "large",
        "",
    ]


def test_permutation_test_exact_and_monte_carlo():
    p, method = permutation_test([1, 2, 3], [7, 8, 9])
    assert method == "exact (20 splits)" and p == pytest.approx(2 / 20)
    assert permutation_test([7, 8, 9], [1, 2, 3])[0] == p
    assert permutation_test([1, 2, 3], [1, 2, 3])[0] == 1.0
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, 60), rng.normal(1.5, 1, 60)
    p, method = permutation_test(a, b, n_permutations=2000, seed=1)
    assert method.startswith("monte carlo") and 0 < p < 0.001  # never exactly 0
    assert permutation_test(a, b, n_permutations=2000, seed=1)[0] == p
    assert math.isnan(permutation_test([1.0], [])[0])


def test_small_groups_get_warnings_and_no_ci():
    res = compare_groups(_frame(), n_boot=200, metrics=["hedging.hedges_per_100_sentences"])
    s = res.summary.set_index("group")
    assert s.loc["D", "warning"] == "n=3: too few articles for a CI"
    assert math.isnan(s.loc["D", "ci_low"]) and math.isnan(s.loc["D", "ci_high"])
    assert s.loc["A", "warning"] == "" and s.loc["A", "ci_low"] < s.loc["A", "mean"] < s.loc["A", "ci_high"]
    pw = res.pairwise.set_index(["group_a", "group_b"])
    assert pw.loc[("C", "D"), "warning"] == "n=7 vs 3: small groups, low power"  # 120 splits: p >= 1/120
    assert pw.loc[("C", "D"), "test"] == "exact (120 splits)"
    tiny = compare_groups(
        _frame().query("outlet in ['D', 'A']").iloc[-5:], metrics=["hedging.hedges_per_100_sentences"]
    )
    assert tiny.pairwise.warning.iloc[0] == "n=2 vs 3: smallest attainable p is 0.1, so p < 0.05 is impossible"
    assert pw.loc[("A", "B"), "warning"] == "" and pw.loc[("A", "B"), "significant"]
    assert pw.loc[("A", "B"), "cliffs_delta"] < -0.9 and pw.loc[("A", "B"), "magnitude"] == "large"
    assert any("no CI for groups" in n for n in res.notes)


def test_holm_is_applied_across_pairs_and_metrics():
    res = compare_groups(_frame(), n_boot=100, metrics="all")
    pw = res.pairwise
    assert len(pw) == 6 * 2  # 4 groups -> 6 pairs, 2 metrics
    assert np.allclose(pw["p_holm"], holm(pw["p_value"]))
    assert (pw["p_holm"] >= pw["p_value"]).all()


def test_failed_and_ungrouped_articles(example):
    df = _frame()
    df.loc[0, "error"] = "boom: unreadable"
    df.loc[1, "outlet"] = None
    res = compare_groups(df, n_boot=100, metrics=["hedging.hedges_per_100_sentences"])
    assert any("1 failed article(s) excluded" in n and "a0" in n for n in res.notes)
    assert MISSING_GROUP in set(res.summary.group)
    assert res.summary.set_index("group").loc["A", "n"] == 13


def test_no_mutation_of_the_callers_frame(example):
    df = _frame()
    df.loc[3, "error"] = "x"
    before = copy.deepcopy(df)
    compare_groups(df, n_boot=50)
    with_date_bucket(df, "week")
    GroupStats(by="outlet", n_boot=50).compare(df)
    pd.testing.assert_frame_equal(df, before)
    tf = text_frame(example["arts"])
    tf_before = copy.deepcopy(tf)
    term_contrast_one_vs_rest(tf, bigrams=True, stop_words=SMALL_STOP_WORDS)
    TermContrast(groups=("Capital Pulse", "Frontline Voice")).compare(tf)
    pd.testing.assert_frame_equal(tf, tf_before)


def test_date_buckets():
    dates = ["2025-04-03", "2025-04-30T12:00:00Z", None, "not a date", "2025-06-17"]
    assert date_bucket(dates).tolist()[:2] == ["2025-04", "2025-04"]
    assert pd.isna(date_bucket(dates)[2]) and pd.isna(date_bucket(dates)[3])
    assert date_bucket(["2025-04-03", "2025-04-06", "2025-04-07"], "week").tolist() == [
        "2025-03-31",
        "2025-03-31",
        "2025-04-07",
    ]  # ISO weeks start on Monday
    assert date_bucket(["2025-05-01"], "quarter").tolist() == ["2025Q2"]
    with pytest.raises(ValueError, match="freq"):
        date_bucket(["2025-01-01"], "fortnight")
    res = compare_groups(
        with_date_bucket(_frame()), by="date_month", n_boot=50, metrics=["hedging.hedges_per_100_sentences"]
    )
    assert res.summary.group.tolist() == ["2025-01", "2025-02"]


def test_metric_names_and_units():
    assert metric_unit("hedging.hedges_per_100_sentences") == "hedges per 100 sentences"
    assert metric_unit("word_choice.loaded.accusation_count") == "count per article"
    assert metric_label("attribution.anonymous_share") == "Anonymous sourcing"
    assert all(metric_unit(m) != "value" for m in DEFAULT_METRICS)


def test_bad_arguments():
    with pytest.raises(KeyError, match="lean"):
        compare_groups(_frame(), by="lean")
    with pytest.raises(KeyError, match="nope"):
        compare_groups(_frame(), metrics=["nope"])


# --------------------------------------------------------------------------------------- term contrast


def test_tokenizer():
    assert tokenize("The regime’s so-called recount, in 2025!") == ["the", "regime", "so-called", "recount", "in"]
    assert tokenize("Clearly shameful. Clearly", bigrams=True) == ["clearly", "shameful", "clearly", "clearly shameful"]
    assert tokenize("the mob of 400", keep_numbers=True, stop_words={"the", "of"}) == ["mob", "400"]


def test_monroe_formula_on_a_hand_computed_example():
    # A: a a b (n_a = 3); B: a b b c (n_b = 4); prior = A + B: alpha = {a: 3, b: 3, c: 1}, alpha_0 = 7
    t = term_contrast("a a b", "a b b c").set_index("term")
    want_a = math.log((2 + 3) / (3 + 7 - 2 - 3)) - math.log((1 + 3) / (4 + 7 - 1 - 3))
    want_c = math.log((0 + 1) / (3 + 7 - 0 - 1)) - math.log((1 + 1) / (4 + 7 - 1 - 1))
    assert t.loc["a", "log_odds"] == pytest.approx(want_a)
    assert t.loc["a", "z"] == pytest.approx(want_a / math.sqrt(1 / 5 + 1 / 4))
    assert t.loc["c", "log_odds"] == pytest.approx(want_c)
    assert t.loc["c", "z"] == pytest.approx(want_c / math.sqrt(1 / 1 + 1 / 2))
    assert t.loc["b", "count_a"] == 1 and t.loc["b", "count_b"] == 2
    assert t.loc["a", "freq_a"] == pytest.approx(2 / 3) and t.loc["c", "prior"] == 1
    full = term_contrast("a a b", "a b b c")
    assert full.columns.tolist()[:7] == ["term", "count_a", "count_b", "freq_a", "freq_b", "log_odds", "z"]
    assert full.z.is_monotonic_decreasing and full.term.tolist() == ["a", "b", "c"]


def test_explicit_prior_and_min_count():
    # prior from another corpus: alpha = {a: 2, b: 1}; 'c' is unseen -> pseudo-count 1, alpha_0 = 4
    t = term_contrast("a a b", "a b b c", prior_texts=["a a b"])
    row = t.set_index("term").loc["a"]
    assert row.log_odds == pytest.approx(math.log(4 / (3 + 4 - 4)) - math.log(3 / (4 + 4 - 3)))
    assert any("pseudo-count" in n for n in t.attrs["notes"])
    assert len(term_contrast("a a b", "a b b c")) == 3  # min_count=1 keeps every term
    t2 = term_contrast("a a b", "a b b c", min_count=2)
    assert t2.term.tolist() == ["a", "b"] and "1 of 3 terms dropped" in t2.attrs["notes"][0]


def test_one_vs_rest_on_the_example_corpus(example):
    terms = term_contrast_one_vs_rest(text_frame(example["arts"]))
    assert set(terms.group) == {"Capital Pulse", "Frontline Voice", "The Harbor Ledger"}
    fv = terms[terms.group == "Frontline Voice"]
    assert fv.term.iloc[0] == "regime"  # the most distinctive word of the emotive outlet
    top = set(fv.term.head(15))
    assert len(top & LOADED) >= 3, top
    assert fv.set_index("term").loc["regime", "count_b"] == 0
    cp = set(terms[terms.group == "Capital Pulse"].term.head(20))
    assert {"may", "appears", "could"} <= cp  # the hedging outlet
    hl = terms[terms.group == "The Harbor Ledger"].set_index("term")
    assert (hl.loc[hl.index.intersection(list(LOADED)), "z"] < 0).all()  # the careful outlet avoids them
    # every term of the corpus is there: no vocabulary cap
    assert len(fv) == len(set().union(*(tokenize(a.text) for a in example["arts"])))


def test_term_contrast_comparer_two_groups(example):
    res = TermContrast(groups=("Frontline Voice", "The Harbor Ledger"), bigrams=True).compare(
        text_frame(example["arts"])
    )
    assert isinstance(res, ComparisonResult) and res.frame.term.iloc[0] in LOADED | {"regime"}
    assert res.frame.attrs["group_a"] == "Frontline Voice"
    with pytest.raises(ValueError, match="no texts"):
        TermContrast(groups=("Frontline Voice", "Nobody")).compare(text_frame(example["arts"]))


# ----------------------------------------------------------------------------------------------- actors


def test_actor_comparison_on_the_example_corpus(example):
    t = actor_comparison(example["scores"], actor_sets=[example["actors"]]).set_index(["group", "actor"])
    gov = t.xs("velmora_gov", level="actor")
    # naming: each outlet's own choice for Velmora's government
    assert gov.loc["Frontline Voice", "naming"] == "regime"
    assert gov.loc["The Harbor Ledger", "naming"] == "government"
    assert gov.loc["Capital Pulse", "naming"] == "leadership"
    assert gov.loc["Frontline Voice", "naming_variants"].startswith("the regime (")
    # voice share = actor's statements / all attributed statements of the outlet
    for _key, row in t.iterrows():
        assert row.voice_share == pytest.approx(row.statements / row.group_statements)
    fv_total = sum(len(statements(s)) for s in example["scores"] if s.article.outlet.name == "Frontline Voice")
    assert gov.loc["Frontline Voice", "group_statements"] == fv_total
    # the hedging outlet hedges the government's claims; the careful one does not. Read by hand: Capital Pulse
    # quotes Orla Venn directly (not hedged) and Ruth Calder, whose statement is followed by "it is impossible to
    # confirm" (the rule counts a next-sentence unverifiable flag); "The Water Agency appears to have delayed
    # ..., according to a person who has seen it" is said about the agency, not by it
    assert gov.loc["Capital Pulse", "statements"] == 2 and gov.loc["Capital Pulse", "hedged_share"] == 0.5
    assert gov.loc["The Harbor Ledger", "hedged_share"] == 0
    # non-neutral verbs (boasted, claimed ...) never in the careful outlet
    assert gov.loc["The Harbor Ledger", "nonneutral_share"] == 0 and gov.loc["Frontline Voice", "nonneutral_share"] > 0
    assert math.isnan(t.loc[("Capital Pulse", "hesk_front"), "hedged_share"])  # mentioned, never quoted


def test_actor_comparison_grouping_options(example):
    by_map = {s.article.id: ("pair" if s.article.outlet.name != "Capital Pulse" else "solo") for s in example["scores"]}
    t = actor_comparison(example["scores"], by=by_map, actor_sets=[example["actors"]])
    assert set(t.group) == {"pair", "solo"}
    lean = pd.Series(by_map).rename("lean")  # a column of the article table, indexed by id
    pd.testing.assert_frame_equal(actor_comparison(example["scores"], by=lean, actor_sets=[example["actors"]]), t)
    res = ActorComparison(by="ownership", actor_sets=[example["actors"]]).compare(example["scores"])
    assert set(res.frame.group) == {"private"}


# ------------------------------------------------------------------------------------------- interface


def test_comparers_share_one_interface_and_escape_html(example):
    for comparer in (GroupStats(), TermContrast(), ActorComparison()):
        assert isinstance(comparer, Comparer) and comparer.name
    df = _frame()
    df.loc[df.outlet == "D", "outlet"] = "<script>alert(1)</script>"
    html = compare_groups(df, n_boot=50)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    res = ActorComparison(actor_sets=[example["actors"]]).compare(example["scores"])
    assert "<table>" in res._repr_html_() and res["actors"] is res.frame


def test_compare_does_not_import_matplotlib():
    code = "import sys, framing.compare; assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)

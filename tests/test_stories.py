"""Stories (issue 14): grouping, figures and dates, alignment, coverage, discrepancies on inputs built by hand."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import EXAMPLE, SHARED, SKIP_REASON

import framing
from framing.io import article_from_text
from framing.stories import (
    StoryGrouper,
    align_facts,
    align_story,
    coverage,
    figures_agree,
    find_dates,
    find_figures,
    group_stories,
    side_by_side,
    story_table,
)
from framing.stories.grouping import _complete_linkage
from framing.stories.text import fold_demonyms, terms
from framing.validation.stories import bcubed


def _art(id: str, text: str, date: str | None = None, title: str | None = None, outlet: str | None = None):
    meta = {k: v for k, v in (("date", date), ("title", title), ("outlet", outlet)) if v}
    return article_from_text(text, id=id, meta=meta)


# --- figures and dates ------------------------------------------------------------------------------------------


def test_figures_read_approximators_separators_and_kinds() -> None:
    figs = find_figures("Hamas claims that more than 40 000 Gazans were killed, and 1,500 were injured.")
    assert [(f.text, f.value, f.qualifier, f.kind) for f in figs] == [
        ("more than 40 000", 40000.0, "more than", "killed"),
        ("1,500", 1500.0, "", "injured"),
    ]
    # the casualty word may come first: "killed 1,195 civilians"
    assert find_figures("militants killed 1,195 civilians")[0].kind == "killed"
    assert find_figures("some 240 others abducted")[0].kind == "hostages"


def test_dates_and_years_are_not_figures() -> None:
    text = "On Oct. 7, 2023, and again in 2019, 12 people were hurt."
    assert [f.text for f in find_figures(text)] == ["12"]
    (d,) = find_dates(text)
    assert (d.month, d.day, d.year, d.key) == (10, 7, 2023, "10-07")
    assert [x.key for x in find_dates("on 7 October 2023 and on 2024-11-09")] == ["10-07", "11-09"]
    assert not find_dates("she may 7")  # not a date
    assert [f.text for f in find_figures("Our units came under fire at 06:40 and at 11:30, 3 were hurt")] == ["3"]


def test_figure_ranges_agree_as_a_reader_would() -> None:
    def fig(s: str):
        return find_figures(s)[0]

    # "some 1,200", "nearly 1,200" and a bare 1,195 can all be the same count
    assert figures_agree([fig("some 1,200 killed"), fig("Nearly 1,200 killed"), fig("1,195 killed")])
    # "nearly 32,000" is below 32,000; "over 34,000" above 34,000: no count fits both
    assert not figures_agree([fig("Nearly 32,000 killed"), fig("Over 34,000 killed")])
    # a bare round figure stands for its rounding, a precise one for itself
    assert fig("1,200 killed").interval() == (1150.0, 1250.0)
    assert fig("1,195 killed").interval() == (1195.0, 1195.0)
    assert not figures_agree([fig("1,195 killed"), fig("1,300 killed")])


def test_demonyms_fold_onto_places_of_the_same_texts() -> None:
    got = fold_demonyms(
        ["israelis", "gazans", "palestinians", "egyptian", "courts"], ["israel", "gaza", "palestine", "egypt"]
    )
    assert got == {"israelis": "israel", "gazans": "gaza", "palestinians": "palestine", "egyptian": "egypt"}
    assert "israel" in terms("Israelis fled", {"israelis": "israel"})


# --- grouping ---------------------------------------------------------------------------------------------------

SARNEL = "Troops exchanged fire at the Sarnel River crossing near Hesk on Thursday, killing six people."
SARNEL_2 = "Six people died when fighting broke out at the Sarnel River crossing near Hesk, officials said."
RECOUNT = "The Port Callan recount confirmed that Lena Marr kept her lead in the mayoral election."
RECOUNT_2 = "Lena Marr keeps her lead after the Port Callan mayoral recount, the electoral commission said."


def test_grouping_puts_paraphrases_together_and_events_apart() -> None:
    arts = [
        _art("a", SARNEL, "2025-04-03"),
        _art("b", RECOUNT, "2025-06-17"),
        _art("c", SARNEL_2, "2025-04-04"),
        _art("d", RECOUNT_2, "2025-06-18"),
    ]
    stories = group_stories(arts)
    assert [s.articles for s in stories] == [("a", "c"), ("b", "d")]
    assert [s.id for s in stories] == ["S1", "S2"]
    assert "Sarnel" in stories[0].label and stories[0].first_date == "2025-04-03"
    table = story_table(stories)
    assert table.set_index("article_id").loc["c", "story"] == "S1"


def test_date_window_splits_the_same_words_months_apart() -> None:
    arts = [_art("a", SARNEL, "2025-04-03"), _art("b", SARNEL_2, "2025-09-03"), _art("c", SARNEL_2)]
    # the undated c may join either; a and b, five months apart, never share a story
    assert all({"a", "b"} - set(s.articles) for s in group_stories(arts, window=3))
    assert [s.articles for s in group_stories(arts, window=None)] == [("a", "b", "c")]


def test_grouping_rejects_bad_settings_and_repeated_ids() -> None:
    with pytest.raises(ValueError, match="unique"):
        group_stories([_art("a", SARNEL), _art("a", RECOUNT)])
    with pytest.raises(ValueError, match="threshold"):
        StoryGrouper(threshold=0).fit([_art("a", SARNEL)])
    with pytest.raises(ValueError, match="window"):
        StoryGrouper(window=-1).fit([_art("a", SARNEL)])


def test_complete_linkage_needs_every_pair_linked() -> None:
    # 0-1, 1-2 linked but not 0-2: a chain is not one cluster; 3-4-5 all linked: one cluster
    i = np.array([0, 1, 3, 3, 4])
    j = np.array([1, 2, 4, 5, 5])
    sims = np.array([0.9, 0.5, 0.4, 0.4, 0.4])
    labels = _complete_linkage(6, i, j, sims)
    assert labels[0] == labels[1] != labels[2]  # the strongest link wins, 2 stays out
    assert labels[3] == labels[4] == labels[5]


def test_bcubed_by_hand() -> None:
    # items 1,2 in gold A, 3 in gold B; predicted {1,2,3}: precision (2/3+2/3+1/3)/3, recall 1
    p, r, _ = bcubed(["x", "x", "x"], ["A", "A", "B"])
    assert (round(p, 4), r) == (round(5 / 9, 4), 1.0)
    assert bcubed(["x", "y"], ["A", "B"]) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        bcubed(["x"], ["A", "B"])


def test_example_corpus_groups_into_its_three_events() -> None:
    articles = list(framing.read_articles(EXAMPLE, outlet_tables=[EXAMPLE / "outlets.yaml"]))
    stories = group_stories(articles)
    # by construction (datasets/example/README.md): three events, each covered once by each of three outlets
    assert sorted(len(set(s.outlets)) for s in stories) == [3, 3, 3]
    assert all(len(set(s.dates)) == 1 for s in stories)


@pytest.mark.skipif(not (SHARED / "data" / "roundups").is_dir(), reason=SKIP_REASON)
def test_candidate_search_is_sparse_and_misses_little() -> None:
    from framing.datasets.roundups import iter_roundups
    from framing.validation.stories import _search_recall, portions

    dev = portions(list(iter_roundups(SHARED / "data" / "roundups")))["dev"]
    grouper = StoryGrouper().fit(dev)
    pairs = len(dev) * (len(dev) - 1) // 2
    assert grouper.n_candidates_ < 0.05 * pairs
    found, every = (int(x) for x in _search_recall(grouper, dev).split(" / "))
    assert found <= every and found >= 0.95 * every


# --- alignment, coverage, discrepancies -------------------------------------------------------------------------

A = (
    "On March 3, rebels stormed the Dorvik power station, killing 212 workers. "
    "The government said the plant would reopen within a month. "
    "Officials in Dorvik declared three days of mourning."
)
B = (
    "Rebels stormed the Dorvik power station on March 3, and nearly 200 workers were killed, the rebels claimed. "
    "Aid agencies began sending food to the region."
)
C = (
    "The Dorvik power station was stormed on April 3 by rebels, and about 1,400 workers were killed. "
    "The government said the plant would reopen within a month."
)


@pytest.fixture(scope="module")
def dorvik():
    scores = [framing.score(_art(i, t, "2025-03-04", outlet=o)) for i, t, o in
              (("a", A, "Alpha News"), ("b", B, "Beta Post"), ("c", C, "Gamma Daily"))]  # fmt: skip
    return align_story(scores)


def test_alignment_lines_up_the_shared_fact_and_keeps_singletons(dorvik) -> None:
    attack = next(f for f in dorvik.facts if any("stormed" in m.text for m in f.mentions))
    assert attack.articles == ("a", "b", "c")
    reopen = next(f for f in dorvik.facts if any("reopen" in m.text for m in f.mentions))
    assert reopen.articles == ("a", "c")
    singles = [f for f in dorvik.facts if len(f.articles) == 1]
    assert {m.text for f in singles for m in f.mentions} == {
        "Officials in Dorvik declared three days of mourning.",
        "Aid agencies began sending food to the region.",
    }
    assert dorvik.facts[0] is attack  # most widely reported first


def test_mentions_carry_attribution_hedges_and_figures(dorvik) -> None:
    attack = dorvik.facts[0]
    b = attack.mentions_in("b")[0]
    assert "claimed" in b.attribution.cues and b.attribution.nonneutral
    assert [(f.qualifier, f.value, f.kind) for f in b.figures] == [("nearly", 200.0, "killed")]
    a = attack.mentions_in("a")[0]
    assert a.attribution.summary() == "no source" and a.outlet == "Alpha News"
    assert [d.key for d in a.dates] == ["03-03"]


def test_discrepancies_of_the_attack(dorvik) -> None:
    attack = dorvik.facts[0]
    found = {d.kind: d for d in dorvik.discrepancies_of(attack.id)}
    # 212 / nearly 200 / about 1,400 killed: no single count fits
    assert "figures" in found and {a for a, _ in found["figures"].details} == {"a", "b", "c"}
    assert "sources" in found  # the rebels' claim against no source at all
    # c's April 3 against March 3 in a and b, in the same words' company
    slips = [d for d in dorvik.discrepancies if d.kind == "date"]
    assert len(slips) == 1 and slips[0].details[0] == ("c", "sentence 0: April 3")


def test_coverage_table(dorvik) -> None:
    table = coverage(dorvik)
    assert list(table.columns[:5]) == ["story", "fact", "label", "n_articles", "discrepancies"]
    assert list(table.columns[5:]) == ["a", "b", "c"]
    reopen = next(f for f in dorvik.facts if any("reopen" in m.text for m in f.mentions))
    row = table.set_index("fact").loc[reopen.id]
    assert (row["a"], row["b"], row["c"]) == (True, False, True)
    assert table.attrs["outlets"]["b"] == "Beta Post"


def test_coverage_across_stories_leaves_other_stories_blank() -> None:
    scores = [framing.score(_art(i, t, d)) for i, t, d in
              (("a", SARNEL, "2025-04-03"), ("b", SARNEL_2, "2025-04-03"), ("c", RECOUNT, "2025-06-17"),
               ("d", RECOUNT_2, "2025-06-17"))]  # fmt: skip
    stories = side_by_side(scores)
    assert [s.story.articles for s in stories] == [("a", "b"), ("c", "d")]
    table = coverage(stories)
    first = table[table["story"] == "S1"].iloc[0]
    assert bool(first["a"]) and bool(first["b"])
    assert first["c"] is None and first["d"] is None


def test_alignment_of_nothing_and_of_failed_articles() -> None:
    assert align_facts([]) == []
    failed = framing.score(article_from_text("Bonjour tout le monde, ceci est un article en français.", id="fr"))
    assert failed.error is not None
    assert align_facts([failed]) == []
    story = align_story([failed])
    assert story.facts == () and story.story.articles == ()


def test_to_dict_is_json(dorvik) -> None:
    import json

    d = json.loads(json.dumps(dorvik.to_dict()))
    assert d["facts"][0]["mentions"][0]["article_id"] == "a"
    assert {x["kind"] for x in d["discrepancies"]} >= {"figures", "date"}


def test_roundups_reader_items_and_errors(tmp_path) -> None:
    import json

    from framing.datasets.roundups import iter_roundups
    from framing.errors import InputError

    good = {"id": 7, "issue": "X", "topic": "T", "date": "2021-10-18T16:15:00-07:00",
            "news": {"left": {"newsSource": "CNN", "newsTitle": "Court rules", "newBody": ["One.", "Two."]},
                     "right": {"newsSource": "Fox", "newsTitle": "", "newBody": []}}}  # fmt: skip
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(good) + "\n")
    (item,) = iter_roundups(path)  # the empty right item is left out
    assert (item.id, item.roundup, item.side, item.outlet, item.text, item.date) == (
        "7-left", "7", "left", "CNN", "One. Two.", "2021-10-18",
    )  # fmt: skip
    assert item.record()["roundup"] == "7"
    path.write_text(json.dumps(good) + "\n{not json\n")
    with pytest.raises(InputError, match=r"r\.jsonl:2"):
        list(iter_roundups(path))
    with pytest.raises(InputError, match="not found"):
        list(iter_roundups(tmp_path / "missing"))

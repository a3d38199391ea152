"""The seeds side by side (issue 14, point 5).

Expectations written from reading the five seed articles (../shared/seeds), not from the code's output:

* the October 7 attack is told by all five (000 twice: sentences 0 and 9; 001 "since an Oct. 7 cross-border
  attack"; 002 "On October 7, 2023, Hamas launched"; 003 "since an Oct. 7, 2023 attack by Palestinian group
  Hamas"; 004 "since October 7, 2023, when Hamas militants launched");
* its death toll by three: 001 "some 1,200 Israelis were killed", 002 "Nearly 1,200 people in Israel were
  killed", 004 "killed 1,195 civilians" (figures that agree once the approximators are read); 000 and 003 give
  none;
* the Gaza death toll by 001 ("Nearly 32,000", no source), 002 ("Over 34,000", "according to local
  authorities"), 003 ("At least 39,445", "according to local health authorities") and 004 ("Hamas claims that
  more than 40 000", and the next sentence says "It is impossible to confirm these data"); the figures differ;
* the genocide accusation at the International Court of Justice in 001 and 003 only;
* Qatar's mediation of the indirect talks in 001 ("mediated by Qatar and Egypt") and 003 ("mediated by the
  U.S., Qatar, and Egypt");
* 004 dates the start of the war "November 7, 2023" where every other mention, 004's own sentence 12 included,
  says October 7; no other date in the seeds is wrong (March 5, November 24, December 1, April 7, May 6 are
  other events);
* 000's "a diplomatic source told Sputnik" (US contact with Hamas via Qatar) has no counterpart.
"""

from __future__ import annotations

import pytest
from helpers import SEEDS, SKIP_REASON

import framing
from framing.stories import AlignedStory, align_story, coverage, group_stories

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=SKIP_REASON)


@pytest.fixture(scope="module")
def story() -> AlignedStory:
    articles = list(framing.read_articles(sorted(SEEDS.glob("*.txt"))))
    return align_story([framing.score(a) for a in articles])


def _prefix(article_id: str) -> str:
    return article_id[:3]


def _facts_with(story: AlignedStory, seed: str, words: str) -> list:
    return [
        f for f in story.facts for m in f.mentions if _prefix(m.article_id) == seed and words.lower() in m.text.lower()
    ]


def _one_fact(story: AlignedStory, *needles: tuple[str, str]):
    """The fact holding every (seed, words) mention."""
    common = None
    for seed, words in needles:
        ids = {f.id for f in _facts_with(story, seed, words)}
        common = ids if common is None else common & ids
    assert common, f"no fact holds all of {needles}"
    return next(f for f in story.facts if f.id in sorted(common))


def _seeds(fact) -> set[str]:
    return {_prefix(a) for a in fact.articles}


def test_october_7_attack_is_one_fact_told_by_all_five(story: AlignedStory) -> None:
    fact = _one_fact(
        story,
        ("000", "Hamas launched a surprise large-scale attack on Israel"),
        ("001", "Oct. 7 cross-border attack"),
        ("002", "On October 7, 2023, Hamas launched"),
        ("003", "Oct. 7, 2023 attack by Palestinian group Hamas"),
        ("004", "when Hamas militants launched a massive rocket attack"),
    )
    assert _seeds(fact) == {"000", "001", "002", "003", "004"}


def test_attack_death_toll_lines_up_in_001_002_004(story: AlignedStory) -> None:
    fact = _one_fact(
        story,
        ("001", "some 1,200 Israelis were killed"),
        ("002", "Nearly 1,200 people in Israel were killed"),
        ("004", "killed 1,195 civilians"),
    )
    killed = next(q for q in fact.quantities if q.kind == "killed")
    assert {_prefix(a) for a, _ in killed.figures} == {"001", "002", "004"}
    assert sorted(f.value for _, f in killed.figures) == [1195.0, 1200.0, 1200.0]
    assert killed.agree  # "some 1,200" and "nearly 1,200" allow 1,195
    assert not [d for d in story.discrepancies_of(fact.id) if d.kind == "figures" and "killed" in d.summary]


def test_gaza_death_toll_with_its_sources(story: AlignedStory) -> None:
    fact = _one_fact(
        story,
        ("001", "Nearly 32,000 Palestinians"),
        ("002", "Over 34,000 people have been killed"),
        ("003", "At least 39,445 Palestinians"),
        ("004", "more than 40 000 Gazans were killed"),
    )
    assert _seeds(fact) == {"001", "002", "003", "004"}
    by = {_prefix(m.article_id): m for m in fact.mentions if m.primary}
    assert by["001"].attribution.summary() == "no source"
    assert "local authorities" in by["002"].attribution.spans
    assert "local health authorities" in by["003"].attribution.spans
    hamas = by["004"].attribution
    assert ("named", "Hamas") in hamas.sources and "claims" in hamas.cues
    assert hamas.nonneutral and hamas.hedged  # "It is impossible to confirm these data" follows
    assert any(h.startswith("next sentence: It is impossible to confirm") for h in by["004"].hedges)
    killed = next(q for q in fact.quantities if q.kind == "killed")
    assert not killed.agree
    assert [f.text for _, f in killed.figures] == [
        "Nearly 32,000",
        "Over 34,000",
        "At least 39,445",
        "more than 40 000",
    ]
    kinds = {d.kind for d in story.discrepancies_of(fact.id)}
    assert {"figures", "sources", "verbs", "hedging"} <= kinds


def test_genocide_accusation_only_in_001_and_003(story: AlignedStory) -> None:
    fact = _one_fact(story, ("001", "accused of genocide"), ("003", "accused of genocide"))
    assert _seeds(fact) == {"001", "003"}
    assert not [
        f for f in story.facts if any("genocid" in m.text.lower() for m in f.mentions) and _seeds(f) - {"001", "003"}
    ]


def test_qatar_mediation_lines_up(story: AlignedStory) -> None:
    fact = _one_fact(story, ("001", "mediated by Qatar and Egypt"), ("003", "mediated by the U.S., Qatar, and Egypt"))
    assert {"001", "003"} <= _seeds(fact)


def test_november_7_flagged_against_october_7(story: AlignedStory) -> None:
    slips = [d for d in story.discrepancies if d.kind == "date"]
    assert len(slips) == 1, [d.summary for d in slips]
    (slip,) = slips
    assert _prefix(slip.details[0][0]) == "004" and "November 7, 2023" in slip.details[0][1]
    assert "October 7" in slip.summary and "its own included" in slip.summary
    assert {_prefix(a) for a, _ in slip.details[1:]} == {"000", "001", "002", "003", "004"}


def test_anonymous_diplomatic_source_has_no_counterpart(story: AlignedStory) -> None:
    (fact,) = {f.id: f for f in _facts_with(story, "000", "a diplomatic source told Sputnik")}.values()
    assert _seeds(fact) == {"000"}
    mention = fact.mentions[0]
    assert "anonymous" in mention.attribution.kinds and "a diplomatic source" in mention.attribution.spans


def test_coverage_table_marks_what_each_seed_leaves_out(story: AlignedStory) -> None:
    table = coverage(story)
    genocide = _one_fact(story, ("001", "accused of genocide"), ("003", "accused of genocide"))
    row = table.set_index("fact").loc[genocide.id]
    ids = {_prefix(a): a for a in story.story.articles}
    assert row[ids["001"]] and row[ids["003"]]
    assert not row[ids["000"]] and not row[ids["002"]] and not row[ids["004"]]
    assert int(row["n_articles"]) == 2


def test_seeds_are_one_story_without_a_date_window() -> None:
    # five articles on the US, Qatar and Hamas over thirteen months: one story once dates are set aside
    articles = list(framing.read_articles(sorted(SEEDS.glob("*.txt"))))
    stories = group_stories(articles, window=None)
    assert [s.size for s in stories] == [5]
    # with the default three-day window, articles a year apart cannot be one story
    dated = group_stories(articles)
    assert all(len({d for d in s.dates if d}) <= 1 for s in dated)

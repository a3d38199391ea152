"""One hand-written sentence per evidence category: each category of each scorer must be able to fire."""

from __future__ import annotations

import pytest

import framing
from framing.article import Article

CASES = [
    ("The deal may collapse.", "hedge.modal", "may"),
    ("The talks appear to have stalled.", "hedge.verb", "appear to"),
    ("The ceasefire will probably hold.", "hedge.adverb", "probably"),
    ("About 40 people were hurt in the blast.", "hedge.approximator", "About"),
    ("The envoy was allegedly detained at the border.", "hedge.attribution", "allegedly"),
    ("It remains to be seen whether the truce holds.", "hedge.unverified", "It remains to be seen"),
    ("Some historians believe the treaty was a mistake.", "hedge.weasel", None),
    ("The plan is clearly unworkable.", "booster", "clearly"),
    ("The regime arrested dozens of students.", "loaded.pejorative", "regime"),
    ("Soldiers carried out a brutal raid.", "loaded.emotive", "brutal"),
    ("The result was an utterly different map.", "loaded.intensifier", "utterly"),
    ("Critics called the campaign genocide.", "loaded.accusation", "genocide"),
    ("The strike caused collateral damage in the town.", "loaded.euphemism", "collateral damage"),
    ("The minister said the talks would resume.", "cue.neutral", "said"),
    ("The minister claimed the talks would resume.", "cue.nonneutral", "claimed"),
    ("Officials said the talks would resume on Monday.", "source.anonymous", "Officials"),
    ("The talks stalled, CNN reported on Monday.", "source.media", "CNN"),
    ("John Kirby said the talks would resume on Monday.", "source.named", "John Kirby"),
    ("The Foreign Ministry said the talks would resume.", "source.named_org", "The Foreign Ministry"),
    ('"We will return to the table," he said on Monday.', "source.pronoun", "he"),
    ('"We will return to the table," he said on Monday.', "quote.direct", None),
    ("The minister said that the talks would resume on Monday.", "content", "the talks would resume on Monday"),
    ("The attack killed dozens of civilians and wounded hundreds.", "sentiment.negative", None),
    ("The festival was a wonderful and joyful success.", "sentiment.positive", None),
]


@pytest.mark.parametrize(("sentence", "category", "text"), CASES, ids=[c[1] + ":" + c[0][:20] for c in CASES])
def test_category_fires(sentence: str, category: str, text: str | None):
    s = framing.score(Article(id="t", text=sentence, language="en"))
    got = [(e.category, e.text) for e in s.evidence]
    if text is None:
        assert any(c == category for c, _ in got), got
    else:
        assert (category, text) in got, got


def test_self_reference_needs_the_articles_outlet():
    from framing.io import article_from_text

    art = article_from_text(
        "The talks stalled, a diplomatic source told Sputnik on Monday.", id="t", meta={"outlet": "Sputnik"}
    )
    assert ("source.self", "Sputnik") in [(e.category, e.text) for e in framing.score(art).evidence]


def test_subjectivity_categories_fire():
    lex = {e.category for e in framing.scoring.bundled_lexicon("subjectivity").entries}
    assert {"subjective.evaluative", "subjective.emotion", "subjective.stance"} <= lex
    s = framing.score(Article(id="t", text="Residents were furious and the response was disgraceful.", language="en"))
    cats = {e.category for e in s.evidence}
    assert cats & {"subjective.emotion", "subjective.evaluative"}, cats


@pytest.mark.parametrize(
    ("sentence", "speaker", "outlet"),
    [
        ("Jane Rawlings told USA TODAY that the plan had failed.", ("source.named", "Jane Rawlings"), "USA TODAY"),
        ('"It is a sad morning," Sherman told MSNBC on Thursday.', ("source.named", "Sherman"), "MSNBC"),
        ('"We need to look at it," he told Fox News on Monday.', ("source.pronoun", "he"), "Fox News"),
    ],
)
def test_who_told_an_outlet_is_the_source(sentence: str, speaker: tuple[str, str], outlet: str):
    # the outlet after "told" is who was told: it is evidence (media or self), and the speaker stays the source
    got = [(e.category, e.text) for e in framing.score(Article(id="t", text=sentence, language="en")).evidence]
    assert speaker in got, got
    assert any(c in {"source.media", "source.self"} and t == outlet for c, t in got), got


def test_an_outlet_in_the_by_phrase_is_the_source():
    got = [(e.category, e.text) for e in framing.score(Article(id="t", text="The plan failed, according to a report "
                                                              "by the Financial Times.", language="en")).evidence]  # fmt: skip
    assert ("source.media", "Financial Times") in got, got
    assert not any(c in {"source.named", "source.pronoun"} for c, _ in got), got

"""Issue 3's hand reading of the seeds: the evidence each article must show (tests written from it)."""

from __future__ import annotations

import pytest
from helpers import seed_path

import framing
from framing.compare.actors import actor_table


@pytest.fixture(scope="module")
def scored():
    def get(prefix: str) -> framing.ArticleScore:
        (article,) = list(framing.read_articles(seed_path(prefix)))
        return framing.score(article)

    return get


def in_sentence(s: framing.ArticleScore, fragment: str) -> list[tuple[str, str]]:
    """(category, text) of the evidence in the sentence containing ``fragment``."""
    (sent,) = [x for x in s.sentences if fragment in x.text]
    return [(e.category, e.text) for e in s.evidence if e.sentence == sent.index]


def test_000_anonymous_self_referenced_source_and_allegedly(scored):
    s = scored("000")
    ev = in_sentence(s, "a diplomatic source told Sputnik")
    assert ("source.anonymous", "diplomatic source") in ev and ("source.self", "Sputnik") in ev
    ev = in_sentence(s, "it would allegedly benefit Hamas")
    assert ("hedge.attribution", "allegedly") in ev and ("source.named", "John Kirby") in ev
    assert s.metrics["attribution.self_reference_count"] == 1


def test_001_anonymous_officials_and_media_source(scored):
    s = scored("001")
    assert ("source.anonymous", "US officials") in in_sentence(s, "Citing two US officials")
    assert ("source.media", "CNN") in in_sentence(s, "CNN reported Thursday")
    assert ("hedge.unverified", "It remains to be seen") in in_sentence(s, "It remains to be seen")
    # the casualty figure carries no attribution at all
    assert not [c for c, _ in in_sentence(s, "Nearly 32,000 Palestinians") if c.startswith(("source.", "cue."))]


def test_003_loaded_terms_and_named_officials(scored):
    s = scored("003")
    assert ("loaded.emotive", "brutal") in in_sentence(s, "continued brutal offensive")
    assert ("loaded.accusation", "genocide") in in_sentence(s, "Israel stands accused of genocide")
    assert ("source.named_org", "Qatari Foreign Ministry") in in_sentence(s, "the Qatari Foreign Ministry said")
    assert ("source.anonymous", "authorities") in in_sentence(s, "according to local health authorities")


def test_004_claims_hedged_and_anonymous_publication_sources(scored):
    s = scored("004")
    claim = in_sentence(s, "Hamas claims that more than 40 000 Gazans")
    assert ("cue.nonneutral", "claims") in claim and ("source.named", "Hamas") in claim
    assert ("hedge.unverified", "It is impossible to confirm") in in_sentence(
        s, "It is impossible to confirm these data"
    )
    pub = in_sentence(s, "Sources of the publication say")
    assert ("source.anonymous", "Sources") in pub and ("source.media", "the publication") in pub
    assert ("source.anonymous", "White House official") in in_sentence(s, "a White House official told the FT")
    row = actor_table([s]).set_index("actor").loc["hamas"]
    assert row.statements == 1 and row.nonneutral_share == 1.0 and row.hedged_share == 1.0


@pytest.mark.parametrize(
    ("prefix", "variant", "label_fragment"),
    [
        ("000", "militant_group", "militant group"),
        ("001", "palestinian_group", "Palestinian group"),
        ("002", "palestinian_movement", "Palestinian movement"),
        ("003", "palestinian_group", "Palestinian group"),
        ("004", "militants", "militants"),
    ],
)
def test_how_hamas_is_named(scored, prefix, variant, label_fragment):
    naming = scored(prefix).naming["israel-palestine:hamas"]
    assert naming["dominant"] == variant and label_fragment in naming["label"]


def test_002_and_003_attribute_casualties_to_local_authorities(scored):
    assert ("source.anonymous", "authorities") in in_sentence(scored("002"), "according to local authorities")

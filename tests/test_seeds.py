"""The five real seed articles in ../shared/seeds, read as they are.

Expectations below come from reading each file by hand: which lines are news sentences, which are page
furniture, and what the publication date and outlet are.
"""

from __future__ import annotations

import pytest
from helpers import seed_path

import framing
from framing.text.sentences import split_sentences

# Opening words of every news paragraph (each must survive cleaning) and boilerplate that must not.
NEWS = {
    "000": [
        "The Palestine-Israel conflict escalated on October 7",
        "The US is in contact with the leadership",
        "This comes after White House spokesman John Kirby",
        "For his part, Mousa Mohammed Abu Marzook",
        "In a separate development, the Commissioner-General",
        'According to him, this "surpasses',
        "He spoke as the Israel Defense Forces",
        "On October 7, Hamas launched a surprise large-scale attack on Israel from Gaza",  # rejoined across lines
        "home to more than two million people.",
    ],
    "001": [
        "US Secretary of State Antony Blinken called on Qatar",
        "Citing two US officials, the report revealed",
        "The officials said that Qatar comprehended",
        "It remains to be seen whether Qatari officials",
        "Indirect negotiations continue in Doha",
        "Israel has waged a deadly military offensive",
        "Nearly 32,000 Palestinians, mostly women and children",
        "The Israeli war has pushed 85% of Gaza's population",
        "Israel stands accused of genocide at the International Court of Justice, which in January",
    ],
    "002": [
        "Ismail Haniyeh, the chief of the political office",
        "In early February, Turkish newspaper Sabah reported",
        "Hamas largely rejected the proposal",
    ],
    "003": [
        "Qatari Prime Minister Mohammed bin Abdulrahman Al Thani and U.S. Secretary",
        "Bin Abdulrahman, who is also a foreign minister",
        "While Hamas and Iran blamed Israel",
        "The discussions between the Qatari and U.S. officials",
        "They also discussed the latest developments",
        'The two diplomats "stressed the need',
        "Earlier on Wednesday, bin Abdulrahman expressed concerns",
        '"The approach of political assassinations',
        '"Regional and international peace requires',
        "Indirect talks between Israel and Hamas",
        "So far, efforts by the three countries",
        "Flouting a UN Security Council resolution",
        "At least 39,445 Palestinians have since been killed",
        "Nearly ten months into the Israeli war",
        "Israel stands accused of genocide at the International Court of Justice, which ordered",
    ],
    "004": [
        "Qatar has told Hamas leaders to leave the country",
        "This is reported by the Financial Times",
        "More than 100 Israeli hostages were freed",
        '"We made that clear to Qatar',
        "Sources of the publication say",
        "The Ministry of Foreign Affairs of Turkey did not comment",
        "Meanwhile, an Arab diplomat said",
        "Hamas leaders have been in Qatar since 2012",
        "The new escalation of the war has been ongoing",
        "Hamas claims that more than 40 000 Gazans",
        "It is impossible to confirm these data",
    ],
}
BOILERPLATE = {
    "000": [
        "date 2023-10-31",
        "sputnikglobe.com",
        "2023-10-31T11:48",
        "11:48 GMT",
        "Updated:",
        "US in Contact With Hamas Leadership via Qatar - Source",
    ],
    "001": [
        "Dark Mode",
        "Friday, 22 November 2024",
        "Logo",
        "Advertisement",
        "AdSense",
        "By Serdar Dincel",
        "ISTANBUL (AA)",
        "Comment / Reply",
        "Archive",
        "Please select a date",
        "Newsletter",
        "mailing list",
        "US tells Qatar to threaten Hamas with expulsion",
    ],
    "002": [
        "date 2024-04-21",
        "Sputnik International",
        "2024-04-21T08:17",
        "palestine-israel conflict",
        "gaza strip\n",
        "https://",
        "feedback@sputniknews.com",
        "Rosiya Segodnya",
        "en_EN",
        "1920 1080 true",
        "1920 1440",
        "hamas politburo chief, ismail haniyeh",
        "Hamas Politburo Chief Says",
        "\n\nNews\n",
        "\n2024\n",
    ],
    "003": [
        "Middle East\n",
        "- Anadolu Agency",
        "Published Date",
        "Modified Date",
        "Illegal Israeli settlers",
        "ready for every scenario",
        "dragging region into further turmoil",
        "White House cannot confirm",
        "still 'achievable'",
        "Qatar, U.S. call for continuing",
    ],
    "004": ["date 2024-11-09", "follow us on X", "For more news", "The war between Israel and Hamas\n"],
}
DATES = {"000": "2023-10-31", "002": "2024-04-21", "003": "2024-07-31", "004": "2024-11-09"}
TITLES = {
    "000": "US in Contact With Hamas Leadership via Qatar - Source",
    "001": "US tells Qatar to threaten Hamas with expulsion amid cease-fire talks impasse",
    "002": "Hamas Politburo Chief Says Wants to See Russia Among Security Guarantors for Gaza Strip",
    "003": "Qatar, U.S. call for continuing Gaza cease-fire talks after Hamas leader's assassination",
    "004": None,
}


def read_seed(prefix: str) -> framing.Article:
    (article,) = list(framing.read_articles(seed_path(prefix)))
    assert article.error is None
    return article


@pytest.mark.parametrize("prefix", sorted(NEWS))
def test_every_news_paragraph_kept(prefix):
    text = read_seed(prefix).text
    for fragment in NEWS[prefix]:
        assert fragment in text, f"{prefix}: news text lost: {fragment!r}"


@pytest.mark.parametrize("prefix", sorted(BOILERPLATE))
def test_no_boilerplate_left(prefix):
    text = "\n" + read_seed(prefix).text + "\n"
    for junk in BOILERPLATE[prefix]:
        assert junk not in text, f"{prefix}: boilerplate kept: {junk!r}"


@pytest.mark.parametrize("prefix", sorted(NEWS))
def test_paragraph_count_and_sentence_ends(prefix):
    article = read_seed(prefix)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == {"000": 8, "001": 9, "002": 2, "003": 15, "004": 10}[prefix]
    for sent in split_sentences(article.text):
        assert sent.text[-1] in '.?!"', f"{prefix}: sentence does not end a sentence: {sent.text!r}"


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_titles(prefix):
    assert read_seed(prefix).title == TITLES[prefix]


@pytest.mark.parametrize("prefix", sorted(DATES))
def test_publication_dates(prefix):
    assert read_seed(prefix).date == DATES[prefix]


def test_001_render_date_not_taken():
    article = read_seed("001")
    assert article.date != "2024-11-22"
    assert article.date is None  # the page shows no publication date at all
    assert any(r.reason == "page-render date" and "22 November 2024" in r.text for r in article.removed)


def test_sputnik_outlets_by_url():
    for prefix in ("000", "002"):
        o = read_seed(prefix).outlet
        assert o.name == "Sputnik" and o.publisher == "Sputnik"
        assert o.country == "RU" and o.ownership == "state-owned"
        assert o.confidence == "high"
        assert any(h.startswith("url domain") for h in o.how)
        assert o.sources.get("ownership", "").startswith("http")


def test_anadolu_as_wire_source():
    a1, a3 = read_seed("001"), read_seed("003")
    assert a1.outlet.wire == "Anadolu Agency" and a3.outlet.wire == "Anadolu Agency"
    assert a1.outlet.publisher is None and a3.outlet.publisher is None  # the publishing site is not identified
    assert any("dateline marker (AA)" in h for h in a1.outlet.how)
    assert any("credit line" in h for h in a3.outlet.how)
    assert a1.dateline == "Istanbul"
    assert a1.byline == "Serdar Dincel"
    assert a1.outlet.country == "TR"


def test_004_unknown_outlet_with_hints_not_the_cited_ft():
    o = read_seed("004").outlet
    assert o.name is None and o.publisher is None and o.wire is None
    assert o.confidence == "none"
    assert o.name != "Financial Times"
    hints = " ".join(o.hints)
    assert "Ukraine" in hints
    assert "Financial Times" in hints and "cited outlet" in hints


def test_all_seeds_english_and_scored(seeds_dir):
    articles = list(framing.read_articles(seeds_dir))
    assert [a.id[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    for a in articles:
        assert a.language == "en"
        assert framing.score(a).error is None

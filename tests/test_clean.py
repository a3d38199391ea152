from framing.io.clean import clean_text
from framing.io.dates import parse_date
from framing.io.normalise import normalise_text


def removed_reasons(c):
    return {r.text: r.reason for r in c.removed}


def test_normalise_quotes_apostrophes_spaces():
    raw = "\u201cWe\u2019re here,\u201d he said.\u00a0It\u02bcs \u201elow\u201c and ''closing'' and \u2018single\u2019."
    assert normalise_text(raw) == '"We\'re here," he said. It\'s "low" and "closing" and \'single\'.'


def test_header_line_with_url_and_glued_paragraph():
    c = clean_text(
        " date 2024-11-09 Qatar has told the envoys to leave after talks. It happened last week.\n\nMore text follows here."
    )
    assert c.date == "2024-11-09"
    assert c.url is None
    assert c.text.startswith("Qatar has told the envoys to leave after talks.")
    c2 = clean_text(
        "date 2023-10-31 https://example.org/a/b.html\nHeadline Of The Story\nThe minister said the talks had ended."
    )
    assert (c2.date, c2.url, c2.title) == ("2023-10-31", "https://example.org/a/b.html", "Headline Of The Story")
    assert c2.text == "The minister said the talks had ended."


def test_page_render_date_above_headline_is_not_publication_date():
    raw = (
        "Dark Mode\nFriday, 22 November 2024\nLogo\nAdvertisement\nBridge Reopens After Repairs\nBridge Reopens After Repairs\n"
        "The mayor said the bridge would reopen on Monday.\n"
    )
    c = clean_text(raw)
    assert c.date is None
    assert removed_reasons(c)["Friday, 22 November 2024"] == "page-render date"
    assert c.title == "Bridge Reopens After Repairs"
    assert "Bridge Reopens" not in c.text


def test_timestamps_and_published_label():
    raw = (
        "Talks Resume In Doha\n- Published Date: 09:19 | 31 July 2024\n- Modified Date: 09:24 | 1 August 2024\n"
        "2024-07-30T08:17+0000\n11:48 GMT 29.07.2024 (Updated: 12:33 GMT 29.07.2024)\n"
        "The ministers called for continued negotiations on Wednesday.\n"
    )
    c = clean_text(raw)
    assert c.date == "2024-07-31"  # the labelled publication date beats other timestamps
    assert c.text == "The ministers called for continued negotiations on Wednesday."


def test_metadata_dump_tags_urls_contacts_locale():
    raw = (
        "A Headline For The Test\n\nThe first paragraph of the story says the talks resumed on Sunday.\n\n"
        "world\n\ngaza strip\n\nhttps://cdn1.img.example.com/img/07e8/04/09/1_1920x0_80.jpg\n\n"
        "The second paragraph adds that the ceasefire was extended several times.\n\n"
        "https://example.com/20240420/another-story.html\n\npalestine\n\n"
        "Example News feedback@example.com +74956456601\n\n2024\n\nen_EN\n\n1920 1080 true\n\n"
        "kw one, kw two, kw three\n"
    )
    c = clean_text(raw)
    assert c.text == (
        "The first paragraph of the story says the talks resumed on Sunday.\n\n"
        "The second paragraph adds that the ceasefire was extended several times."
    )
    reasons = removed_reasons(c)
    assert reasons["gaza strip"] == "keyword tag"
    assert reasons["1920 1080 true"] == "metadata dump"
    assert reasons["en_EN"] == "metadata dump"
    assert reasons["Example News feedback@example.com +74956456601"] == "contact line"
    assert reasons["https://cdn1.img.example.com/img/07e8/04/09/1_1920x0_80.jpg"] == "image url"
    assert "Example News feedback@example.com +74956456601" in c.signature_lines


def test_related_headlines_social_footer_and_widgets():
    raw = (
        "Headline Of A Story Here\nThe minister said the agreement was signed on Tuesday in the capital.\n"
        "- Related headline number one: Spokesman\n- Another related headline about the talks\n"
        "Comment / Reply From\nArchive\nPlease select a date!\nNewsletter\nSubscribe to our mailing list to get the new updates!\n"
        "For more news and in-depth stories please follow us on X.\n"
    )
    c = clean_text(raw)
    assert c.text == "The minister said the agreement was signed on Tuesday in the capital."
    reasons = removed_reasons(c)
    assert reasons["Another related headline about the talks"] == "related headline"
    assert reasons["For more news and in-depth stories please follow us on X."] == "social footer"
    # in any case: the cheap test before the social pattern is made on the lower-cased line
    assert reasons["Subscribe to our mailing list to get the new updates!"] == "social footer"
    shouted = clean_text("The minister said the agreement was signed.\nFOLLOW US ON FACEBOOK\n© 2024 Example Media\n")
    assert removed_reasons(shouted) == {
        "FOLLOW US ON FACEBOOK": "social footer",
        "© 2024 Example Media": "social footer",
    }
    assert shouted.signature_lines == ["FOLLOW US ON FACEBOOK", "© 2024 Example Media"]


def test_broken_sentence_rejoined_and_short_last_paragraph_kept():
    raw = "Storm Hits Coast\nOn Monday, the storm hit the coastal town of Nerin\nand cut power to thousands of homes.\n\nHe declined to comment.\n"
    c = clean_text(raw)
    assert (
        c.text
        == "On Monday, the storm hit the coastal town of Nerin and cut power to thousands of homes.\n\nHe declined to comment."
    )


def test_byline_dateline_deck_and_subheading():
    raw = (
        "US Urges Qatar On Talks\n\n- The secretary conveyed the message during a meeting in Washington, according to report\n\n"
        "By Jane Roe\n\nISTANBUL (AA) - The secretary called on Qatar to press the group, CNN reported Thursday.\n\n"
        "Background of the war\n\nThe war began in October and has killed thousands, officials said.\n"
    )
    c = clean_text(raw)
    assert c.byline == "Jane Roe"
    assert (c.dateline, c.dateline_marker) == ("Istanbul", "(AA)")
    assert c.summary == ["The secretary conveyed the message during a meeting in Washington, according to report"]
    assert c.headings == ["Background of the war"]
    assert c.text.startswith("The secretary called on Qatar")
    assert "Background of the war" not in c.text


def test_parse_date_formats():
    assert parse_date("31.10.2023") == "2023-10-31"
    assert parse_date("November 9, 2024") == "2024-11-09"
    assert parse_date("9 Nov 2024") == "2024-11-09"
    assert parse_date("2024/04/21") == "2024-04-21"
    assert parse_date("31.02.2023") is None
    assert parse_date("no date here") is None


def test_changes_words_is_exact_where_it_says_no_change():
    """Whenever changes_words says False, the normalised text has the same words; it says True for each kind
    of change (random texts over an alphabet of every character normalise_text touches)."""
    import random

    from framing.io.normalise import _CHAR_MAP, changes_words

    touched = [chr(c) for c in _CHAR_MAP] + ["\r", "\n", "\x0c", "\x1d", "\x85", "\x00", "`", "'", " "]
    alphabet = touched + list("ab .\u00e9\u2014\u2028")
    rng = random.Random(0)
    said_no, said_yes = 0, 0
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        if changes_words(text):
            said_yes += 1
        else:
            said_no += 1
            assert normalise_text(text).split() == text.split(), repr(text)
    assert said_no > 500 and said_yes > 500  # both branches were exercised
    for text in ("it\u2019s", "\u201cno\u201d", "a''b", "``a", "so\u00adft", "a\x0cb", "a\x85b", "\ufeffx"):
        assert changes_words(text), repr(text)
        assert normalise_text(text).split() != text.split(), repr(text)
    for text in ("plain words", "caf\u00e9 \u2014 bar", "a\u00a0b", "a\tb\r\nc", "  x  "):
        assert not changes_words(text), repr(text)


# Slots of timestamp lines, each filled or not (or with a word in place of the number), in order or shuffled.
_STAMP_SLOTS = [["", "Published", "Updated:", "Posted on", "last updated", "Date:", "First published at"],
                ["", "Monday,", "Tues", "Sun.", "Friday"], ["", "31", "3rd", "07", "three", "٣"],
                ["", "March", "Sept.", "Mar", "may"], ["", ",", "|", "-", "/", "."],
                ["", "2024", "1999", "twenty", "2024-05-06", "2024/5/6"], ["", "12:30", "9:05 p.m.", "noon"],
                ["", "GMT", "UTC", "EST", "(updated", ")", "Z", "+02:00"]]  # fmt: skip
_PROMO_PIECES = ["sign", "signing", "up", "subscribe", "Subscribers", "newsletter", "follow", "us", "on", "the",
                 "download", "our", "app", "apps", "for", "iOS", "android", "©", "Copyright", "copyrighted", "all",
                 "rights", "reserved", "click", "here", "share", "like", "this", "whatsapp", "unlimited", "digital",
                 "access", "never", "miss", "by", "email", "send", "advertise", "with", "happen", "likely", "X",
                 "Facebook", ",", ".", "-"]  # fmt: skip


def _soups(pieces: list[str], seed: int, n: int = 20000) -> list[str]:
    import random

    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "  "]) for _ in range(rng.randint(1, 8))).strip()
        for _ in range(n)
    ]


def test_timestamp_shortcut_loses_no_stamp():
    """_timestamp_kind answers None for a line without a digit before trying its patterns: no digit-free line is
    a timestamp by the patterns themselves, and with digits the answers are the patterns' own."""
    import random

    from framing.io import clean

    rng = random.Random(1)
    lines = []
    for _ in range(20000):
        parts = [rng.choice(slot) for slot in _STAMP_SLOTS]
        if rng.random() < 0.2:
            rng.shuffle(parts)
        lines.append(" ".join(p for p in parts if p))
    stamps = [s for s in lines if clean._stamp_rules(s) is not None]
    assert len(stamps) > 200  # the soup does hold stamps
    assert all(any(c.isdigit() for c in s) for s in stamps), [s for s in stamps if not any(map(str.isdigit, s))]
    assert [clean._timestamp_kind(s) for s in lines] == [clean._stamp_rules(s) for s in lines]


def test_promotion_hints_are_in_every_promotion_line():
    """The substring test before _PROMO lets through every ASCII line that _PROMO matches."""
    from framing.io import extracted

    lines = _soups(_PROMO_PIECES, 2)
    promos = [s for s in lines if extracted._PROMO.search(s)]
    assert len(promos) > 2000
    missed = [s for s in promos if not any(h in s.lower() for h in extracted._PROMO_HINTS)]
    assert not missed, missed[:5]
    assert extracted.paragraph_reason("Happily, it is likely to happen soon.") is None
    assert extracted.paragraph_reason("Like us on Facebook") == "promotion"

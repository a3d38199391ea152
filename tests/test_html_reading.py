"""HTML pages: the page's own metadata with its provenance, light cleaning of the extractor's text, the page's
publisher as outlet when the table does not know it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing
from framing.io.extracted import clean_extracted
from framing.io.pagemeta import page_metadata
from framing.outlets import OutletEvidence, detect_outlet, load_outlet_table

PARAS = (
    "<p>The mayor of Nerin said on Monday that the old bridge over the river would reopen next week after two "
    "years of repairs that cost the city about 40 million dollars.</p>"
    "<p>Officials said the work had been delayed by floods in the spring, according to the city council, which "
    "met on Friday to approve the final payment to the builders.</p>"
    "<p>Residents who live near the bridge said they were glad the long detour through the hills would end, "
    "though some worried about the heavier traffic it would bring back to their street.</p>"
)


def _page(head: str, body_extra: str = "") -> str:
    return f"<html><head>{head}</head><body><article><h1>Bridge Reopens</h1>{PARAS}{body_extra}</article></body></html>"


def _ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_json_ld_wins_and_says_so():
    head = (
        "<title>Site title | Nerin Post</title><meta property='og:title' content='OG title'>"
        "<meta property='og:site_name' content='Nerin Post OG'><meta name='author' content='Meta Author'>"
        "<link rel='canonical' href='https://nerinpost.example/2024/bridge'>"
        + _ld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "Not the article", "headline": "Wrong headline"},
                    {
                        "@type": "NewsArticle",
                        "headline": "Bridge Reopens",
                        "datePublished": "2024-05-02T08:00:00Z",
                        "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Kim"}],
                        "publisher": {"@type": "Organization", "name": "The Nerin Post"},
                    },
                ],
            }
        )
    )
    m = page_metadata(_page(head))
    assert m.values == {
        "title": "Bridge Reopens",
        "date": "2024-05-02T08:00:00Z",
        "byline": "Ann Lee, Bo Kim",
        "outlet": "The Nerin Post",
        "url": "https://nerinpost.example/2024/bridge",
    }
    assert m.provenance == {
        "title": "json-ld headline",
        "date": "json-ld datePublished",
        "byline": "json-ld author",
        "outlet": "json-ld publisher",
        "url": "link canonical",
    }


def test_opengraph_and_meta_when_no_json_ld_and_broken_json_ld_ignored():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", broken</script>'
        "<meta property='og:title' content='OG title'><meta property='og:site_name' content='Nerin Post'>"
        "<meta property='article:published_time' content='2024-05-02'>"
        "<meta property='article:author' content='https://facebook.com/someone'>"
        "<meta name='author' content='Meta Author'><meta property='og:url' content='https://nerinpost.example/b'>"
    )
    m = page_metadata(_page(head))
    assert m.values["title"] == "OG title" and m.provenance["title"] == "og:title"
    assert m.values["outlet"] == "Nerin Post" and m.provenance["outlet"] == "og:site_name"
    assert m.values["date"] == "2024-05-02" and m.provenance["date"] == "article:published_time"
    # an author URL is a profile page, not a byline: the next source is used
    assert m.values["byline"] == "Meta Author" and m.provenance["byline"] == "meta author"
    assert m.values["url"] == "https://nerinpost.example/b" and m.provenance["url"] == "og:url"


def test_page_metadata_of_nothing():
    assert page_metadata("").values == {}
    assert page_metadata("<html><body><p>x</p></body></html>").values == {}


def test_html_article_provenance_and_unknown_publisher(tmp_path: Path):
    head = _ld(
        {
            "@type": "NewsArticle",
            "headline": "Bridge Reopens",
            "datePublished": "2024-05-02",
            "author": {"name": "Ann Lee"},
            "publisher": {"name": "The Nerin Post"},
        }
    )
    page = tmp_path / "p.html"
    page.write_text(_page(head + "<link rel='canonical' href='https://nerinpost.example/a'>"))
    (a,) = list(framing.read_articles(page))
    assert a.error is None
    assert (a.title, a.date, a.byline, a.url) == (
        "Bridge Reopens",
        "2024-05-02",
        "Ann Lee",
        "https://nerinpost.example/a",
    )
    assert a.meta["provenance"]["title"] == "json-ld headline"
    assert a.meta["provenance"]["outlet"] == "json-ld publisher"
    assert a.outlet.name == "The Nerin Post"
    assert a.outlet.confidence == "medium"
    assert a.outlet.country is None and a.outlet.outlet_id is None
    assert any("not in the outlet table" in h for h in a.outlet.hints)
    assert any("json-ld publisher" in h for h in a.outlet.how)
    # the headline is the title, not a paragraph of the text; every paragraph is kept
    assert a.text.startswith("The mayor of Nerin") and a.text.count("\n\n") == 2


def test_known_publisher_name_is_high_and_takes_table_facts():
    table = load_outlet_table()
    info = detect_outlet(OutletEvidence(page_publisher="Reuters", page_publisher_field="og:site_name"), table)
    assert info.name == "Reuters" and info.confidence == "high" and info.country == "GB"
    # a user-given outlet field (a record's column) keeps its high confidence, page publisher or not
    info = detect_outlet(OutletEvidence(site_name="Nerin Post", page_publisher="Other Name"), table)
    assert info.name == "Nerin Post" and info.confidence == "high"
    # a known domain beats the page's publisher name
    info = detect_outlet(
        OutletEvidence(url="https://www.bbc.co.uk/news/x", page_publisher="Nerin Post", page_publisher_field="x"),
        table,
    )
    assert info.outlet_id is not None and info.name != "Nerin Post" and info.confidence == "high"


def test_light_cleaning_removes_boxes_keeps_article():
    text = "\n".join(
        [
            "Bridge Reopens",
            "NERIN (Reuters) - The mayor said the bridge would reopen on Monday after two years of repairs.",
            "Nerin Post Newsletter",
            "Sign up to get the best stories of the week in your inbox.",
            "Officials said the work had been delayed by floods, according to the council.",
            '"You should follow us on this," the mayor told reporters, asking residents to sign up for updates.',
            "Category : Local News",
            "Contact the newsroom at news@nerinpost.example",
            "Аdvеrtіѕе with the most visited site in the region.",
            "nerinpost.example",
            "Ann Lee is a reporter at the Nerin Post covering city hall.",
        ]
    )
    c = clean_extracted(text, title="Bridge Reopens")
    assert c.text.split("\n\n") == [
        "NERIN (Reuters) - The mayor said the bridge would reopen on Monday after two years of repairs.",
        "Officials said the work had been delayed by floods, according to the council.",
        '"You should follow us on this," the mayor told reporters, asking residents to sign up for updates.',
    ]
    reasons = {r.text[:20]: r.reason for r in c.removed}
    assert reasons["Bridge Reopens"] == "headline"
    assert reasons["Nerin Post Newslette"] == "promotion"
    assert reasons["Category : Local New"] == "metadata label"
    assert reasons["Contact the newsroom"] == "contact line"
    assert reasons["Аdvеrtіѕе with the m"] == "look-alike letters"
    assert reasons["nerinpost.example"] == "url"
    assert reasons["Ann Lee is a reporte"] == "author bio"
    # the dateline is read (its wire marker names the agency) but left in the text
    assert c.dateline == "Nerin" and c.dateline_marker == "(Reuters)"


@pytest.mark.skipif(
    not (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "realpages").is_dir(),
    reason="../shared/data/realpages is not available",
)
def test_realpages_html_targets():
    """Issue 12's HTML targets on all realpages pages: kept >= 0.95, removed >= 0.95, nothing lost."""
    from framing.validation import reading

    data = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    scores = reading.run_reader(reading.load_pages(data), reading._framing_reader("html"), "html_path")
    t = reading.tally(scores)
    assert t["crashes"] == 0 and t["lost"] == 0
    assert t["kept"] >= 0.95 and t["removed"] >= 0.95, t

"""The bundled outlet table (lexicons/outlets.yaml, 2.0.0): its rows are well formed, cited and unambiguous, and
its dateline/signature patterns do not fire on ordinary prose."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict

import pytest
import yaml
from helpers import EXAMPLE, SHARED, SKIP_REASON

from framing.outlets import OWNERSHIP_TYPES, OutletEvidence, detect_outlet, load_outlet_table
from framing.resources import lexicon_path
from framing.text.sentences import split_sentences

FACTS = ("country", "ownership", "parent")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}")


@pytest.fixture(scope="module")
def table():
    return load_outlet_table()


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    # The raw rows: OutletTable keeps the last row of a repeated id, so duplicates are only visible here.
    return yaml.safe_load(lexicon_path("outlets.yaml").read_text(encoding="utf-8"))["outlets"]


def test_table_loads_with_its_size_and_version(table, rows):
    data = yaml.safe_load(lexicon_path("outlets.yaml").read_text(encoding="utf-8"))
    assert data["version"] == "2.0.0"
    assert len(table) == len(rows) >= 300
    kinds = Counter(o.kind for o in table.outlets)
    assert kinds["news agency"] >= 50 and kinds["broadcaster"] >= 80
    assert Counter(o.ownership for o in table.outlets)["state-owned"] >= 50
    # every region the table claims to cover has outlets
    countries = {o.country for o in table.outlets}
    regions = {
        "North America": {"US", "CA", "MX"}, "South America": {"BR", "AR", "CO", "CL", "PE", "VE"},
        "Caribbean": {"CU", "JM", "TT"}, "Western Europe": {"GB", "DE", "FR", "ES", "IT", "NL", "SE"},
        "Eastern Europe": {"PL", "CZ", "HU", "RO", "RS", "EE", "BY"}, "Russia/Ukraine": {"RU", "UA"},
        "Middle East": {"IL", "SA", "AE", "QA", "IR", "LB", "TR"}, "Africa": {"ZA", "NG", "KE", "EG", "GH", "ET"},
        "South Asia": {"IN", "PK", "BD", "LK", "NP"}, "East Asia": {"CN", "JP", "KR", "KP", "TW", "HK"},
        "Southeast Asia": {"SG", "MY", "ID", "PH", "TH", "VN"}, "Oceania": {"AU", "NZ", "FJ"},
    }  # fmt: skip
    for region, codes in regions.items():
        assert codes <= countries, f"{region}: no outlet from {sorted(codes - countries)}"


def test_ids_unique_and_well_formed(rows):
    ids = [r["id"] for r in rows]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)


def test_every_fact_has_a_citation_and_every_gap_a_note(table):
    for o in table.outlets:
        assert o.ownership is None or o.ownership in OWNERSHIP_TYPES, o.id
        for fact in FACTS:
            if getattr(o, fact) is not None:
                assert re.match(r"https://\S+$", o.sources.get(fact, "")), f"{o.id}: no citation URL for {fact}"
        # a fact left null must say why (the brief: null + a note rather than a guess)
        if o.ownership is None or o.country is None:
            assert len(o.notes) > 20, f"{o.id}: null ownership/country without a note"
        assert set(o.sources) <= set(FACTS), f"{o.id}: citation for an unknown fact {set(o.sources) - set(FACTS)}"


def test_no_domain_under_two_outlets_and_domains_are_hosts(rows):
    owner: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        for d in r["domains"]:
            owner[str(d).lower().removeprefix("www.")].append(r["id"])
            assert _HOST.fullmatch(d), f"{r['id']}: {d!r} is not a bare host name"
    assert {d: ids for d, ids in owner.items() if len(ids) > 1} == {}


def test_no_name_or_alias_under_two_outlets(table):
    # by_name() keeps one outlet per case-folded name: a shared alias would silently name the wrong outlet.
    owner: dict[str, set[str]] = defaultdict(set)
    for o in table.outlets:
        for n in o.names:
            owner[n.casefold()].add(o.id)
    assert {n: ids for n, ids in owner.items() if len(ids) > 1} == {}


def test_countries_are_iso_3166_alpha_2(table):
    pycountry = pytest.importorskip("pycountry")
    bad = {o.id: o.country for o in table.outlets if o.country and pycountry.countries.get(alpha_2=o.country) is None}
    assert bad == {}
    assert pycountry.countries.get(alpha_2="XX") is None  # the check itself can fail


@pytest.mark.parametrize(
    ("url", "outlet_id"),
    [
        ("https://edition.cnn.com/2024/01/01/politics/x/index.html", "cnn"),
        ("https://www.bbc.co.uk/news/world-europe-1", "bbc"),
        ("https://amp.theguardian.com/world/2024/a", "guardian"),
        ("https://economictimes.indiatimes.com/news/x.cms", "economic_times"),
        ("https://timesofindia.indiatimes.com/india/x.cms", "times_of_india"),
        ("https://asia.nikkei.com/Politics/x", "nikkei_asia"),
        ("https://www.nikkei.com/article/x", "nikkei"),
        ("https://folha.uol.com.br/mundo/x.shtml", "folha"),
        ("https://noticias.uol.com.br/x.htm", "uol"),
        ("https://g1.globo.com/mundo/x.ghtml", "g1"),
        ("https://oglobo.globo.com/mundo/x", "o_globo"),
        ("https://ici.radio-canada.ca/nouvelle/1", "radio_canada"),
        ("https://www.cbc.ca/news/world/x", "cbc"),
        ("https://news.yahoo.com/x.html", "yahoo_news"),
        ("https://www.svoboda.org/a/x.html", "rferl"),
        ("https://pagesix.com/2024/x/", "ny_post"),
        ("https://www.tagesschau.de/ausland/x.html", "tagesschau"),
        ("https://english.kyodonews.net/news/x", "kyodo"),
        ("http://www.xinhuanet.com/english/x.htm", "xinhua"),
        ("https://www.aa.com.tr/en/x", "anadolu"),
    ],
)
def test_real_domains_resolve_to_their_outlet(table, url, outlet_id):
    o = table.by_domain(url)
    assert o is not None and o.id == outlet_id, (url, o and o.id)


@pytest.mark.parametrize(
    "url", ["https://www.yahoo.com/entertainment/x", "https://indiatimes.com/", "https://globo.com/", "https://example.org"]
)
def test_portals_and_unknown_hosts_are_not_claimed(table, url):
    assert table.by_domain(url) is None


@pytest.mark.parametrize(
    "body",
    [
        "The senator told Vice President Harris that the bill would pass.",
        "Officials told DR Congo's president the talks were over.",
        "Banks told SME owners to expect higher rates.",
        "The witness told Stern, the defence lawyer, that he had left early.",
        "The guide told Petra she could stay another night.",
    ],
)
def test_common_words_are_not_taken_as_self_references(table, body):
    info = detect_outlet(OutletEvidence(body=body), table)
    assert info.name is None, (body, info.name, info.how)


def _pattern_hits(table, sentences_by_article):
    """(outlet id, kind, pattern) -> number of sentences of *other* outlets' articles the pattern matches."""
    pats = [(o, kind, p) for o in table.outlets for kind in ("datelines", "signatures") for p in getattr(o, kind)]
    hits: Counter = Counter()
    for own, sentences in sentences_by_article:
        for s in sentences:
            for o, kind, p in pats:
                if o is not own and p.search(s):
                    hits[(o.id, kind, p.pattern)] += 1
    return hits


def test_patterns_do_not_fire_on_the_example_corpus(table):
    articles = []
    for path in sorted((EXAMPLE / "txt").glob("*.txt")):
        articles.append((None, [s.text for s in split_sentences(path.read_text(encoding="utf-8"))]))
    assert sum(len(s) for _, s in articles) > 50
    assert _pattern_hits(table, articles) == {}


def test_patterns_do_not_fire_on_other_outlets_allsides_articles(table):
    path = SHARED / "data" / "allsides" / "articles.jsonl.gz"
    split = SHARED / "data" / "allsides" / "splits" / "media" / "valid.tsv"
    if not (path.is_file() and split.is_file()):
        pytest.skip(SKIP_REASON)
    dev = {line.split("\t")[0] for line in split.read_text(encoding="utf-8").splitlines()[1:]}
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in dev:
                own = table.by_domain(a["url"]) if a.get("url") else None
                articles.append((own, [s.text for s in split_sentences(a["content_original"] or "")]))
            if len(articles) == 500:
                break
    assert len(articles) == 500
    hits = _pattern_hits(table, articles)
    # Checked by hand: the only hits are AP's own dateline and credit line in AP copy that RealClearPolitics
    # republished ("COLUMBIA, S.C. (AP) —", "Associated Press writer ... contributed"): the wire is right.
    # No pattern of a non-wire outlet may fire on another outlet's article.
    wires = {o.id for o in table.outlets if o.wire}
    assert {k: n for k, n in hits.items() if k[0] not in wires} == {}
    assert sum(hits.values()) <= 3, hits

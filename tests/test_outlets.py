from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.outlets import OWNERSHIP_TYPES, OutletEvidence, detect_outlet, load_outlet_table, registered_domain


@pytest.fixture(scope="module")
def table():
    return load_outlet_table()


def test_table_coverage_and_citations(table):
    assert len(table) >= 60
    kinds = Counter(o.kind for o in table.outlets)
    assert kinds["news agency"] >= 10 and kinds["broadcaster"] >= 10 and kinds["newspaper"] >= 10
    countries = {o.country for o in table.outlets}
    assert {"RU", "TR", "UA", "GB", "US", "CN", "QA", "IL", "FR", "DE", "IN", "JP"} <= countries
    assert Counter(o.ownership for o in table.outlets)["state-owned"] >= 8
    for o in table.outlets:
        assert o.ownership is None or o.ownership in OWNERSHIP_TYPES  # null only with a note (test_outlets_table)
        for fact in ("country", "ownership", "parent"):
            if getattr(o, fact):
                assert o.sources.get(fact, "").startswith("http"), f"{o.id}: no citation for {fact}"
    for name in ("Sputnik", "Anadolu Agency", "Financial Times", "CNN", "Reuters", "Kyiv Independent"):
        assert table.by_name(name) is not None, name


def test_domains_unique(table):
    doms = [d for o in table.outlets for d in o.domains]
    assert len(doms) == len(set(doms))


def test_detect_by_domain_subdomain_and_registered_domain(table):
    assert table.by_domain("https://cdn1.img.sputnikglobe.com/x.jpg").name == "Sputnik"
    assert table.by_domain("www.aa.com.tr").name == "Anadolu Agency"
    assert table.by_domain("https://example.org") is None
    assert registered_domain("https://www.bbc.co.uk/news/world") == "bbc.co.uk"  # offline public suffix list


def test_dateline_signature_and_self_reference(table):
    wire = detect_outlet(OutletEvidence(dateline_marker="(Reuters)", body="x"), table)
    assert wire.wire == "Reuters" and wire.name == "Reuters" and wire.publisher is None
    sig = detect_outlet(OutletEvidence(signature_lines=["Contact feedback@sputniknews.com"], body="x"), table)
    assert sig.name == "Sputnik" and sig.confidence == "high"
    self_ref = detect_outlet(
        OutletEvidence(body="The US is in contact with Hamas, a diplomatic source told Sputnik."), table
    )
    assert self_ref.name == "Sputnik" and self_ref.confidence == "low" and "self-reference" in self_ref.how[0]


def test_cited_outlet_is_not_taken_as_publisher(table):
    body = "This is reported by the Financial Times with reference to sources. An official told the FT it was true."
    info = detect_outlet(OutletEvidence(body=body), table)
    assert info.name is None and info.confidence == "none"
    assert any("Financial Times" in h for h in info.hints)


def test_unknown_domain_gives_hint_not_name(table):
    info = detect_outlet(OutletEvidence(url="https://news.unknown-site.example/a", body="x"), table)
    assert info.name is None and any("not in the outlet table" in h for h in info.hints)


def test_user_table_overrides_and_adds(tmp_path: Path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "schema: framing-outlets/1\nname: mine\nversion: 1.0.0\nlicence: MIT\noutlets:\n"
        "  - id: sputnik\n    name: Sputnik (renamed)\n    domains: [sputnikglobe.com]\n    country: RU\n"
        "    ownership: state-owned\n    sources: {country: https://example.org, ownership: https://example.org}\n"
        "  - id: town_crier\n    name: Town Crier\n    domains: [towncrier.example]\n    ownership: private\n"
    )
    t = load_outlet_table([user])
    assert t.by_domain("https://sputnikglobe.com/a").name == "Sputnik (renamed)"
    assert t.by_domain("https://towncrier.example/a").name == "Town Crier"
    # the user's table does not leak into the bundled one, which is built once and shared
    assert load_outlet_table().by_domain("https://sputnikglobe.com/a").name == "Sputnik"
    assert load_outlet_table() is load_outlet_table() is not t
    assert load_outlet_table(bundled=False) is not load_outlet_table(bundled=False)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("schema: nope\noutlets: []\n", "expected 'schema: framing-outlets/1'"),
        ("schema: framing-outlets/1\noutlets:\n  - id: x\n    name: X\n", "lacks required field 'domains'"),
        ("schema: framing-outlets/1\noutlets:\n  - id: Bad Id\n    name: X\n    domains: [x.org]\n", "must match"),
        (
            "schema: framing-outlets/1\noutlets:\n  - id: x\n    name: X\n    domains: [x.org]\n    ownership: gov\n",
            "ownership 'gov'",
        ),
        (
            "schema: framing-outlets/1\noutlets:\n  - id: x\n    name: X\n    domains: [x.org]\n    datelines: ['(']\n",
            "not a valid regular expression",
        ),
        ("schema: framing-outlets/1\noutlets: [\n", "invalid YAML"),
    ],
)
def test_malformed_user_table(tmp_path: Path, body, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body)
    with pytest.raises(LexiconError, match=message) as info:
        load_outlet_table([bad])
    assert str(bad) in str(info.value)


def test_malformed_table_error_has_line(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: framing-outlets/1\noutlets:\n  - id: ok\n    name: OK\n    domains: [ok.org]\n"
        "  - id: x\n    name: X\n    domains: [x.org]\n    kind: blog\n"
    )
    with pytest.raises(LexiconError) as info:
        load_outlet_table([bad])
    assert info.value.line == 6 and f"{bad}:6" in str(info.value)

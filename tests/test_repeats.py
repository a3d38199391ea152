"""Issue 12, point 4: what repeats across an outlet's articles is boilerplate (removed) or stock text (marked).

The corpus: the bundled example corpus (three outlets, three stories each) and the seeds (given one made-up
outlet, five stories), with footer lines the cleaner does not know and a recycled background paragraph added to
some articles of each outlet. Expected values are written by hand from that construction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLE, SEEDS, SKIP_REASON

import framing
from framing.article import Article, OutletInfo
from framing.cli import main
from framing.io.repeats import MIN_STORIES, find_repeats, fingerprint, mark_repeats

# Footers that no line rule of the cleaner can know (no "follow us", no ©): only their recurrence gives them away.
FOOTERS = {
    "Frontline Voice": "This story was produced with support from the Hesk Valley Journalism Fund.",
    "Capital Pulse": "Reporting by the Capital Pulse newsroom; editing by the night desk.",
    "The Harbor Ledger": "The Harbor Ledger's river coverage is made possible by readers like you.",
    "Seed Wire": "Seed Wire is an independent news service covering the region.",
}
STOCK = {
    "Frontline Voice": "The Hesk Valley Front has fought for the eastern bank since the Corvane Accord was signed, "
    "and the ceasefire that began in January has been broken many times by both sides according to monitors "
    "who patrol the river.",
    "Capital Pulse": "Velmora and Ostrand signed the Corvane Accord after two years of fighting along the Sarnel "
    "River, and a monitoring mission led by Helga Marsh has reported on every clash since the ceasefire took "
    "effect in January.",
    "The Harbor Ledger": "Port Callan, the largest harbour on the eastern coast, has been at the centre of the "
    "dispute over the valley for a decade, and its trade with both capitals fell by half after the first "
    "clashes on the river.",
    "Seed Wire": "The conflict in the region escalated sharply this year, drawing in neighbouring states and "
    "prompting repeated calls from the United Nations for a ceasefire, humanitarian access and the release of "
    "every hostage held by either side.",
}


def _records() -> list[dict]:
    """Every example-corpus article and every seed as a JSONL record; some articles of each outlet get the
    outlet's footer (in the middle of the body) and stock paragraph (at its end): see _changed."""
    example = list(framing.read_articles(EXAMPLE, outlet_tables=[EXAMPLE / "outlets.yaml"]))
    seeds = list(framing.read_articles(sorted(SEEDS.glob("*.txt"))))
    recs = []
    for a in example + seeds:
        outlet = a.outlet.name if a in example else "Seed Wire"
        recs.append({"id": a.id.replace("#", "-"), "title": a.title, "outlet": outlet, "text": a.text})
    by_outlet: dict[str, list[dict]] = {}
    for r in recs:
        by_outlet.setdefault(r["outlet"], []).append(r)
    for outlet, group in by_outlet.items():
        for r in _changed(group):
            paras = r["text"].split("\n\n")
            half = len(paras) // 2
            r["text"] = "\n\n".join([*paras[:half], FOOTERS[outlet], *paras[half:], STOCK[outlet]])
    return recs


SEED_WIRE = """schema: framing-outlets/1
name: test-outlets
version: 1.0.0
licence: MIT
description: The made-up outlet the seeds are given in this test.
outlets:
  - id: seed_wire
    name: Seed Wire
    domains: [seedwire.example]
    kind: news agency
    sources: {kind: "made up for tests/test_repeats.py"}
"""


def _changed(group: list) -> list:
    """The articles of an outlet that get the footer and stock paragraph: all three of an example outlet (three
    is the least that counts as recurring), four of the five seeds (the fifth shows an article left alone)."""
    return group if len(group) == MIN_STORIES else group[:-1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(SKIP_REASON)
    folder = tmp_path_factory.mktemp("repeats")
    (folder / "outlets.yaml").write_text(SEED_WIRE, encoding="utf-8")
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    return path


def _tables(corpus: Path) -> list[Path]:
    return [EXAMPLE / "outlets.yaml", corpus.parent / "outlets.yaml"]


def _read(path: Path, **kw) -> list[Article]:
    return list(framing.read_articles(path, outlet_tables=_tables(path), **kw))


def test_footers_removed_stock_marked_with_where_else(corpus):
    plain, marked = _read(corpus), _read(corpus, repeats=True)
    assert [a.id for a in plain] == [a.id for a in marked]
    by_outlet: dict[str, list[int]] = {}
    for k, a in enumerate(plain):
        by_outlet.setdefault(a.outlet.name, []).append(k)
    assert sorted(len(v) for v in by_outlet.values()) == [3, 3, 3, 5]
    for outlet, ks in by_outlet.items():
        key = "Seed Wire" if outlet not in FOOTERS else outlet
        changed = _changed(ks)
        for k in changed:
            p, m = plain[k], marked[k]
            assert FOOTERS[key] in p.text and FOOTERS[key] not in m.text
            reasons = [r.reason for r in m.removed if r.text == FOOTERS[key]]
            assert reasons == [f"repeated in {len(changed)} articles ({len(changed)} stories) of this outlet: "
                               "boilerplate"]  # fmt: skip
            assert len(m.stock) == 1
            s = m.stock[0]
            assert m.text[s.start : s.end] == STOCK[key]
            assert m.text.split("\n\n")[s.index] == STOCK[key]
            assert set(s.also_in) == {plain[j].id for j in changed if j != k}
            # everything else is as it was
            assert m.text == p.text.replace(FOOTERS[key] + "\n\n", "")
            assert m.to_dict()["stock"] == [s.to_dict()]
        for k in set(ks) - set(changed):
            assert marked[k].to_dict(raw=True) == plain[k].to_dict(raw=True), "an article without repeats changed"


def test_no_stock_scores_exactly_without_the_stock_paragraphs(corpus):
    tables = [x for t in _tables(corpus) for x in ("--outlets", str(t))]
    args = ["score", str(corpus), *tables, "--format", "json", "--jobs", "1"]
    with_stock = json.loads(CliRunner().invoke(main, [*args, "--repeats"], catch_exceptions=False).stdout)
    without = json.loads(CliRunner().invoke(main, [*args, "--no-stock"], catch_exceptions=False).stdout)  # implies it
    marked = _read(corpus, repeats=True)
    scorer = framing.Scorer(outlet_tables=_tables(corpus))
    changed = 0
    for a, ws, wo in zip(marked, with_stock, without, strict=True):
        assert ws["id"] == wo["id"] == a.id
        assert ws["scores"] == scorer.score(a).to_dict()["scores"]
        by_hand = Article(**{**a.__dict__, "text": "\n\n".join(p for p in a.text.split("\n\n") if p not in STOCK.values()),
                             "stock": ()})  # fmt: skip
        assert wo["scores"] == scorer.score(by_hand).to_dict()["scores"]
        assert wo["text"] == by_hand.text and "stock" not in wo
        if a.stock:
            changed += 1
            assert ws["stock"] and ws["scores"] != wo["scores"]
            assert wo["n_sentences"] < ws["n_sentences"]
            assert any("stock paragraphs left out of scoring" in w for w in wo["warnings"])
        else:
            assert ws == wo
    assert changed == 13


def test_same_output_on_two_processes(corpus):
    tables = [x for t in _tables(corpus) for x in ("--outlets", str(t))]
    args = ["score", str(corpus), *tables, "--format", "jsonl", "--no-models"]
    one = CliRunner().invoke(main, [*args, "--repeats", "--jobs", "1"], catch_exceptions=False).stdout
    two = CliRunner().invoke(main, [*args, "--repeats", "--jobs", "2", "--chunk-size", "3"]).stdout
    assert one == two
    assert sum('"stock"' in line for line in one.splitlines()) == 13
    off = CliRunner().invoke(main, [*args, "--jobs", "1"], catch_exceptions=False).stdout  # the default
    assert '"stock"' not in off and off != one
    assert off == CliRunner().invoke(main, [*args, "--jobs", "1", "--no-repeats"]).stdout


@pytest.mark.parametrize("flag", ["--repeats", "--no-stock"])
def test_repeats_and_a_store_do_not_mix(corpus, tmp_path, flag):
    r = CliRunner().invoke(main, ["score", str(corpus), flag, "--store", str(tmp_path / "s")])
    assert r.exit_code == 2 and "cannot be used with --store" in r.output


def test_compare_with_repeats(corpus, tmp_path):
    tables = [x for t in _tables(corpus) for x in ("--outlets", str(t))]
    out = tmp_path / "report"
    r = CliRunner().invoke(main, ["compare", str(corpus), *tables, "--repeats", "--out", str(out), "--jobs", "1",
                                  "--quiet", "--n-boot", "100", "--no-progress"], catch_exceptions=False)  # fmt: skip
    assert r.exit_code == 0, r.output
    import pandas as pd

    table = pd.read_csv(out / "articles.csv").set_index("id")
    scorer = framing.Scorer(outlet_tables=_tables(corpus))
    marked, plain = _read(corpus, repeats=True), _read(corpus)
    assert sorted(table.index) == sorted(a.id for a in marked)
    for m, p in zip(marked, plain, strict=True):  # the footers were not compared
        assert table.loc[m.id, "n_words"] == scorer.score(m).n_words
        assert (m.text == p.text) == (table.loc[m.id, "n_words"] == scorer.score(p).n_words)


def test_corpora_without_repeats_and_single_articles_are_unchanged(seeds_dir):
    for kw in ({"outlet_tables": [EXAMPLE / "outlets.yaml"]}, {}):
        src = EXAMPLE if kw else sorted(seeds_dir.glob("*.txt"))
        plain, marked = list(framing.read_articles(src, **kw)), list(framing.read_articles(src, repeats=True, **kw))
        assert [a.to_dict(raw=True) for a in plain] == [a.to_dict(raw=True) for a in marked]
    one = next(framing.read_articles(EXAMPLE / "txt"))
    assert mark_repeats([one]) == [one]


def _art(i: int, text: str, outlet: str = "Daily Example") -> Article:
    return Article(id=f"a{i}", text=text, outlet=OutletInfo(name=outlet, publisher=outlet, confidence="high"))


LONG = ("The regional council has debated the bridge for a decade, and three earlier plans to replace it were "
        "abandoned after their costs doubled, according to the council's own records of the project.")  # fmt: skip


def test_thresholds():
    stories = ["Roads closed after the storm.", "Schools reopen next week.", "Rain is due on Friday.",
               "The mayor resigned.", "A new park opened."]  # fmt: skip
    two = [_art(i, f"{s}\n\n{LONG}") for i, s in enumerate(stories[: MIN_STORIES - 1])]
    assert len(find_repeats(fingerprint(a) for a in two)) == 0, "two stories are not a pattern"
    three = [_art(i, f"{s}\n\n{LONG}") for i, s in enumerate(stories[:MIN_STORIES])]
    assert find_repeats(fingerprint(a) for a in three).counts() == {"boilerplate": 0, "stock": 1}
    # other outlets do not count
    mixed = [_art(i, f"{s}\n\n{LONG}", outlet=f"Outlet {i}") for i, s in enumerate(stories)]
    assert len(find_repeats(fingerprint(a) for a in mixed)) == 0
    # a short quote repeated is stock (kept), not boilerplate
    quote = '"We will not back down," the mayor said.'
    quoted = [_art(i, f"{s}\n\n{quote}") for i, s in enumerate(stories[:3])]
    assert find_repeats(fingerprint(a) for a in quoted).counts() == {"boilerplate": 0, "stock": 1}
    # case, punctuation and digits do not hide a repeat
    variants = [_art(i, f"{s}\n\n{LONG.replace('decade', 'DECADE' if i else 'decade')} {i}") for i, s in
                enumerate(stories[:3])]  # fmt: skip
    assert find_repeats(fingerprint(a) for a in variants).counts()["stock"] == 1


def test_versions_of_one_story_count_once():
    """An updated story read three times shares its paragraphs: they are the story's, not the outlet's."""
    body = [f"Paragraph {w} of the flood story, with details that only this story has about the {w} river."
            for w in ("first", "second", "third", "fourth")]  # fmt: skip
    versions = [_art(i, "\n\n".join([*body, f"Update {i}: the water is falling."])) for i in range(3)]
    assert len(find_repeats(fingerprint(a) for a in versions)) == 0


def test_an_article_all_boilerplate_is_kept_with_a_warning():
    furniture = "Subscribe now.\n\nRead our policy."
    arts = [_art(0, f"Roads closed after the storm.\n\n{furniture}"), _art(1, f"Schools reopen.\n\n{furniture}"),
            _art(2, furniture)]  # fmt: skip
    out = mark_repeats(arts)
    assert [a.text for a in out] == ["Roads closed after the storm.", "Schools reopen.", furniture]
    assert "kept as it is" in out[2].warnings[-1]

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.text.lexicon import BUNDLED, bundled_lexicon, inflect, load_lexicon
from framing.text.matcher import PhraseMatcher

HEAD = "# name: mine\n# version: 0.1.0\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\n"


def write(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    p = tmp_path / "mine.tsv"
    p.write_text(head + body)
    return p


def test_bundled_lexicons_load_with_versions():
    for name in BUNDLED:
        lex = bundled_lexicon(name)
        assert lex.ref.startswith(f"{name}@") and len(lex.entries) >= 50
        assert lex.licence == "MIT"
        assert all(e.source for e in lex.entries)


def test_inflections():
    assert inflect("claim") == ("claim", "claims", "claimed", "claiming")
    assert inflect("deny") == ("deny", "denies", "denied", "denying")
    assert inflect("stress") == ("stress", "stresses", "stressed", "stressing")
    assert inflect("argue") == ("argue", "argues", "argued", "arguing")


def test_matcher_word_boundaries_longest_match_case(tmp_path):
    lex = load_lexicon(
        write(
            tmp_path,
            "may\th.m\t0.5\t\tp\nit remains to be seen\th.u\t1\t\tp\nremains\tx.y\t0.2\t\tp\n"
            "claim\tc.n\t1\tverb\tp\nso-called\tl.p\t1\t\tp\n",
        )
    )
    m = PhraseMatcher([lex])
    found = [
        (x.text, x.entries[0].category)
        for x in m.find(
            "The mayor may say: It remains to be seen. He claimed, she claims; so-called talks, called off."
        )
    ]
    assert found == [
        ("may", "h.m"),
        ("It remains to be seen", "h.u"),
        ("claimed", "c.n"),
        ("claims", "c.n"),
        ("so-called", "l.p"),
    ]
    assert m.find("mayor dismay claimant") == []


def test_spans_are_exact_offsets(tmp_path):
    lex = load_lexicon(write(tmp_path, "allegedly\th.a\t1\t\tp\n"))
    text = '"Allegedly," he said, İstanbul allegedly.'
    for x in PhraseMatcher([lex]).find(text):
        assert text[x.start : x.end] == x.text and x.text.lower() == "allegedly"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("may\th.m\t0.5\tp\n", 5, "expected 5 tab-separated columns"),
        ("May\th.m\t0.5\t\tp\n", 5, "must be lower-case"),
        ("may\tHedge\t0.5\t\tp\n", 5, "category"),
        ("may\th.m\theavy\t\tp\n", 5, "not a number"),
        ("may\th.m\t1.5\t\tp\n", 5, "must be in (0, 1]"),
        ("may\th.m\t0.5\tverbish\tp\n", 5, "pos 'verbish'"),
        ("may\th.m\t0.5\t\t\n", 5, "source is empty"),
        ("may\th.m\t0.5\t\tp\nmay\th.m\t0.5\t\tp\n", 6, "duplicate entry 'may' (first on line 5)"),
    ],
)
def test_malformed_rows_refused_with_file_and_line(tmp_path, body, line, message):
    p = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        load_lexicon(p)
    assert info.value.line == line
    assert f"{p}:{line}" in str(info.value) and message in str(info.value)


def test_malformed_header_and_meta(tmp_path):
    with pytest.raises(LexiconError, match="header row must be"):
        load_lexicon(write(tmp_path, "", head="# name: a\n# version: 1\n# licence: MIT\nword\tcat\n"))
    with pytest.raises(LexiconError, match="missing '# licence"):
        load_lexicon(
            write(
                tmp_path, "may\th.m\t0.5\t\tp\n", head="# name: a\n# version: 1\nterm\tcategory\tweight\tpos\tsource\n"
            )
        )
    with pytest.raises(LexiconError, match="no entries"):
        load_lexicon(write(tmp_path, ""))
    (tmp_path / "bin.tsv").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(LexiconError, match="not UTF-8"):
        load_lexicon(tmp_path / "bin.tsv")

"""Each kind of bad input gets a clear error naming the file and the problem, and never stops the batch."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

import framing
from framing.errors import InputError

GOOD = "The mayor said the bridge would reopen on Monday after two years of repairs, officials said.\n"


def batch(tmp_path: Path, name: str, content: bytes) -> list[framing.Article]:
    """Read the bad file between two good ones; return all three."""
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / name).write_bytes(content)
    (tmp_path / "z_good.txt").write_text(GOOD)
    arts = list(framing.read_articles([tmp_path / "a_good.txt", tmp_path / name, tmp_path / "z_good.txt"]))
    assert len(arts) == 3
    assert arts[0].error is None and arts[2].error is None, "a bad file stopped or spoiled the batch"
    return arts


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"  \n\n\t  \n", "only whitespace"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file (PNG image)"),
        ("nul.txt", b"abc\x00def" * 20, "binary file"),
        ("furniture.txt", b"Advertisement\nDark Mode\nLogo\n", "no article text left"),
    ],
)
def test_unreadable_inputs(tmp_path, name, content, message):
    bad = batch(tmp_path, name, content)[1]
    assert bad.error is not None and message in bad.error and name in bad.error
    s = framing.score(bad)
    assert s.error == bad.error and s.metrics == {} and s.evidence == ()


def test_cp1252_bytes_are_decoded_with_a_warning(tmp_path):
    raw = "The minister said the caf\u00e9 would reopen \u201csoon\u201d, officials said.".encode("cp1252")
    art = batch(tmp_path, "legacy.txt", raw)[1]
    assert art.error is None
    assert 'café would reopen "soon"' in art.text
    assert any("decoded as cp1252" in w for w in art.warnings)


def test_latin1_only_bytes(tmp_path):
    raw = "The minister said the caf\u00e9 would reopen on Monday, officials said.".encode("latin-1") + b"\x81"
    art = batch(tmp_path, "latin.txt", raw)[1]
    assert art.error is None and "café" in art.text
    assert any("decoded as latin-1" in w for w in art.warnings)


def test_huge_file_refused_with_limit_and_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    line = GOOD.encode()
    with big.open("wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50_000_000
    (tmp_path / "ok.txt").write_text(GOOD)
    tracemalloc.start()
    arts = list(framing.read_articles([big, tmp_path / "ok.txt"]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert arts[1].error is None
    err = arts[0].error
    assert err is not None and "huge.txt" in err and "50.0 MB" in err and "20 MB limit" in err and "--max-bytes" in err
    assert peak < 10_000_000, f"reading a refused 50 MB file used {peak / 1e6:.1f} MB"
    (ok,) = list(framing.read_articles(tmp_path / "ok.txt", max_bytes=200))
    assert ok.error is None
    (small,) = list(framing.read_articles(tmp_path / "ok.txt", max_bytes=10))
    assert small.error is not None and "limit" in small.error


def test_non_english_is_reported_not_scored(tmp_path):
    german = (
        "Der Minister sagte am Montag, dass die Gespräche in der Hauptstadt fortgesetzt werden, "
        "weil die Lage ernst ist und die Regierung schnell handeln muss."
    ).encode()
    art = batch(tmp_path, "de.txt", german)[1]
    assert art.language == "de"
    s = framing.score(art)
    assert s.error is not None and "'de'" in s.error and "only English" in s.error and "de.txt" in s.error
    assert s.metrics == {} and s.evidence == ()


def test_html_with_script(tmp_path):
    html = (
        b"<html><body><script>alert('allegedly reportedly sources said')</script><article><h1>Talks</h1>"
        b"<p>The minister said the talks would resume on Monday in the capital.</p></article></body></html>"
    )
    art = batch(tmp_path, "page.html", html)[1]
    assert art.error is None
    assert "alert" not in art.text and "allegedly" not in art.text
    assert "The minister said the talks would resume on Monday" in art.text


def test_jsonl_with_one_broken_line(tmp_path):
    lines = [json.dumps({"text": GOOD}), '{"text": "unterminated', json.dumps({"text": GOOD}), json.dumps([1, 2])]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    arts = list(framing.read_articles(tmp_path / "c.jsonl"))
    assert [a.error is None for a in arts] == [True, False, True, False]
    assert "c.jsonl:2" in arts[1].error and "malformed JSON" in arts[1].error
    assert "c.jsonl:4" in arts[3].error and "not an object" in arts[3].error


def test_jsonl_record_without_text_lists_fields(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"headline": "x", "body_html": "y"}) + "\n")
    (a,) = list(framing.read_articles(tmp_path / "d.jsonl"))
    assert "d.jsonl:1" in a.error and "fields found: headline, body_html" in a.error


def test_csv_without_text_column_lists_columns(tmp_path):
    (tmp_path / "e.csv").write_text("headline,url\nA,https://x.org\n")
    (tmp_path / "f.txt").write_text(GOOD)
    arts = list(framing.read_articles([tmp_path / "e.csv", tmp_path / "f.txt"]))
    assert "e.csv" in arts[0].error and "columns found: headline, url" in arts[0].error
    assert arts[1].error is None


def test_csv_malformed_row(tmp_path):
    (tmp_path / "g.csv").write_text(f'text,outlet\n"{GOOD.strip()}",CNN\n"{GOOD.strip()}",CNN,extra,cells\n')
    arts = list(framing.read_articles(tmp_path / "g.csv"))
    assert arts[0].error is None
    assert "g.csv:3" in arts[1].error and "fields" in arts[1].error


def test_raise_mode_names_the_file(tmp_path):
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    with pytest.raises(InputError, match=r"img\.png: binary file"):
        list(framing.read_articles(tmp_path / "img.png", errors="raise"))

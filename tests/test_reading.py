from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.errors import InputError

ARTICLE = "Bridge Reopens In Nerin\n\nThe mayor said the bridge would reopen on Monday after two years of repairs.\n"


def test_directory_is_recursive_and_sorted(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "x.txt").write_text(ARTICLE)
    (tmp_path / "a" / "z.txt").write_text(ARTICLE)
    (tmp_path / "c.txt").write_text(ARTICLE)
    (tmp_path / "notes.yaml").write_text("not an article")
    ids = [a.source_path for a in framing.read_articles(tmp_path)]
    assert ids == [str(tmp_path / "a" / "z.txt"), str(tmp_path / "b" / "x.txt"), str(tmp_path / "c.txt")]


def test_several_paths_glob_and_missing(tmp_path: Path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(ARTICLE)
    arts = list(framing.read_articles([tmp_path / "two.txt", str(tmp_path / "o*.txt"), tmp_path / "nope.txt"]))
    assert [a.id for a in arts] == ["two", "one", "nope"]
    assert arts[2].error is not None and "file not found" in arts[2].error and "nope.txt" in arts[2].error


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    (a,) = list(framing.read_articles("-"))
    assert a.source_path == "<stdin>" and a.title == "Bridge Reopens In Nerin"


def test_html_uses_trafilatura_and_drops_script(tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Bridge Reopens</title><meta property='og:site_name' content='Reuters'>"
        "<meta property='article:published_time' content='2024-05-02'>"
        "<link rel='canonical' href='https://www.reuters.com/world/bridge'>"
        "<script>var teaser = 'allegedly sources said';</script></head><body><nav>Home World</nav>"
        "<article><h1>Bridge Reopens</h1><p>The mayor said the bridge would reopen on Monday after two years.</p>"
        "<p>Officials said the repairs cost about 40 million dollars, according to the city council.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    (a,) = list(framing.read_articles(page))
    assert a.error is None
    assert "allegedly" not in a.text and "teaser" not in a.text
    assert a.text.startswith("The mayor said")
    assert a.title == "Bridge Reopens"
    assert a.date == "2024-05-02"
    assert a.outlet.name == "Reuters"
    assert a.raw.startswith("<html>")


def test_jsonl_json_csv_and_columns(tmp_path: Path):
    rec = {
        "id": "r1",
        "body": "The mayor said the bridge would reopen on Monday.",
        "headline": "Bridge",
        "link": "https://www.bbc.co.uk/news/x",
        "published": "2024-03-01",
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n")
    (tmp_path / "b.json").write_text(json.dumps([rec, rec]))
    pd.DataFrame([rec]).to_csv(tmp_path / "c.csv", index=False)
    arts = list(framing.read_articles(sorted(tmp_path.iterdir())))
    assert [a.id for a in arts] == ["a#r1", "b#r1", "b#r1", "c#r1"]
    for a in arts:
        assert a.error is None
        assert (a.title, a.date, a.outlet.name) == ("Bridge", "2024-03-01", "BBC News")
    custom = tmp_path / "d.csv"
    pd.DataFrame({"story": ["The mayor said the bridge would reopen on Monday."], "site": ["CNN"]}).to_csv(
        custom, index=False
    )
    (a,) = list(framing.read_articles(custom, columns={"text": "story", "outlet": "site"}))
    assert a.error is None and a.outlet.name == "CNN"


def test_dataframe_input_not_mutated():
    df = pd.DataFrame(
        {
            "text": ["The mayor said the bridge would reopen on Monday.", "Officials said it was late."],
            "outlet": ["Reuters", None],
        }
    )
    before = df.copy(deep=True)
    arts = list(framing.read_articles(df))
    pd.testing.assert_frame_equal(df, before)
    assert [a.id for a in arts] == ["0", "1"]
    assert arts[0].outlet.name == "Reuters" and arts[1].outlet.name is None


def test_errors_raise_mode(tmp_path: Path):
    (tmp_path / "e.txt").write_text("")
    with pytest.raises(InputError, match=r"e\.txt"):
        list(framing.read_articles(tmp_path / "e.txt", errors="raise"))


def test_user_outlet_table(example_dir: Path):
    arts = list(framing.read_articles(example_dir / "txt", outlet_tables=[example_dir / "outlets.yaml"]))
    assert {a.outlet.name for a in arts} == {"The Harbor Ledger"}
    bare = list(framing.read_articles(example_dir / "txt"))
    assert {a.outlet.name for a in bare} == {None}
    assert all("harborledger.example is not in the outlet table" in " ".join(a.outlet.hints) for a in bare)


def test_directory_names_the_files_it_does_not_read(tmp_path: Path):
    from framing.errors import SkippedFilesWarning

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.php").write_text(ARTICLE)  # a saved page under its server's suffix
    (tmp_path / "noext").write_text(ARTICLE)
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01")
    (tmp_path / "termpack.yaml").write_text("settings, not an article")  # settings: left out quietly
    with pytest.warns(SkippedFilesWarning) as caught:
        arts = list(framing.read_articles(tmp_path))
    assert [a.id for a in arts] == ["a"]
    (w,) = caught
    msg = str(w.message)
    assert str(tmp_path) in msg and "3 file(s)" in msg and "sub/page.php" in msg and "blob.bin" in msg
    assert ".bin (1)" in msg and ".php (1)" in msg and "no suffix (1)" in msg and "termpack" not in msg
    # named, such a file is read as text
    (named,) = list(framing.read_articles(tmp_path / "sub" / "page.php"))
    assert named.error is None and "bridge would reopen" in named.text


def test_directory_of_articles_and_settings_warns_nothing(tmp_path: Path):
    import warnings

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "outlets.yaml").write_text("outlets: []")
    (tmp_path / "actors.yml").write_text("x")
    (tmp_path / ".hidden.bin").write_bytes(b"\x00")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [a.id for a in framing.read_articles(tmp_path)] == ["a"]


def test_folders_that_cannot_be_opened_get_a_record_and_the_batch_goes_on(tmp_path: Path, monkeypatch):
    """A sub-folder that cannot be listed, and a file inside a folder that cannot be opened, are error records
    naming them; the other inputs are read (the permission errors are made by hand: tests may run as root)."""
    import os as _os

    (tmp_path / "ok.txt").write_text(ARTICLE)
    (tmp_path / "corpus" / "locked").mkdir(parents=True)
    (tmp_path / "corpus" / "c.txt").write_text(ARTICLE)
    locked = tmp_path / "corpus" / "locked"
    real_walk, real_is_dir = _os.walk, Path.is_dir

    def walk(top, onerror=None, **kw):
        for folder, dirs, names in real_walk(top, onerror=onerror, **kw):
            if Path(folder) == locked:
                onerror(PermissionError(13, "Permission denied", str(locked)))
                continue
            yield folder, dirs, names

    def is_dir(self):
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr("framing.io.read.os.walk", walk)
    monkeypatch.setattr(Path, "is_dir", is_dir)
    arts = list(framing.read_articles([tmp_path / "corpus", locked / "in.txt", tmp_path / "ok.txt"]))
    assert [a.error is None for a in arts] == [False, True, False, True]
    assert str(locked) in arts[0].error and "folder cannot be read" in arts[0].error
    assert arts[1].id == "c" and arts[3].id == "ok"
    assert str(locked / "in.txt") in arts[2].error and "Permission denied" in arts[2].error


def test_stdin_records_with_a_forced_format(monkeypatch):
    lines = [json.dumps({"id": "a", "text": ARTICLE}), "not json", json.dumps({"id": "b", "text": ARTICLE})]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    arts = list(framing.read_articles("-", format="jsonl"))
    assert [a.id for a in arts] == ["stdin#a", "stdin:2", "stdin#b"]
    assert arts[1].error.startswith("<stdin>:2: malformed JSON") and arts[0].source_path == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'id,text\nx,"' + ARTICLE.encode() + b'"\n')))
    (row,) = list(framing.read_articles("-", format="csv"))
    assert row.id == "stdin#x" and row.error is None and "bridge would reopen" in row.text


@pytest.mark.parametrize(("name", "content"), [("e.jsonl", "\n\n"), ("e.json", "[]"), ("e.csv", "id,text\n")])
def test_a_file_without_records_is_an_error_record(tmp_path: Path, name: str, content: str):
    (tmp_path / name).write_text(content)
    (tmp_path / "ok.txt").write_text(ARTICLE)
    arts = list(framing.read_articles([tmp_path / name, tmp_path / "ok.txt"]))
    assert len(arts) == 2 and "no article records" in arts[0].error and name in arts[0].error
    assert arts[1].error is None


def test_gzipped_tsv_is_tab_separated(tmp_path: Path):
    import gzip

    with gzip.open(tmp_path / "t.tsv.gz", "wt") as fh:
        fh.write("id\ttitle\ttext\nr1\tBridge\tThe mayor said the bridge would reopen on Monday after repairs.\n")
    (a,) = list(framing.read_articles(tmp_path / "t.tsv.gz"))
    assert a.error is None and a.title == "Bridge" and "bridge would reopen" in a.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be-bom"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str):
    data = b"\xfe\xff" + ARTICLE.encode("utf-16-be") if encoding.endswith("bom") else ARTICLE.encode(encoding)
    (tmp_path / "u.txt").write_bytes(data)
    (a,) = list(framing.read_articles(tmp_path / "u.txt"))
    assert a.error is None and "bridge would reopen" in a.text
    assert any("byte order mark" in w for w in a.warnings)


def test_a_cut_gzip_keeps_the_records_before_the_cut(tmp_path: Path):
    import gzip

    lines = "".join(json.dumps({"id": f"r{i}", "text": f"{ARTICLE.strip()} {i}"}) + "\n" for i in range(3000))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    arts = list(framing.read_articles(tmp_path / "cut.jsonl.gz"))
    assert len(arts) > 100 and all(a.error is None for a in arts[:-1])
    assert "compressed file is damaged or cut short" in arts[-1].error and "internal error" not in arts[-1].error

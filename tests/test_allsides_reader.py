"""The AllSides reader, on a tiny synthetic gzip file written to tmp_path (no ../shared needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from framing.datasets.allsides import AllSidesArticle, iter_allsides, read_split_ids
from framing.errors import InputError

RECORDS = [
    {
        "id": "a1",
        "source": "Outlet One - News",
        "topic": "elections",
        "bias": 0,
        "bias_text": "left",
        "date": "2019-05-01",
        "title": "First headline",
        "url": "https://one.example/a1",
        "authors": "A. Writer",
        "content_original": "The mayor said the plan may work. Critics claimed otherwise.",
    },
    {
        "id": "b2",
        "source": "Outlet Two",
        "topic": "economy",
        "bias": 1,
        "bias_text": "center",
        "date": "",
        "title": "Second headline",
        "url": "",
        "authors": "",
        "content_original": "Prices rose, officials said.",
    },
    {
        "id": "c3",
        "source": "Outlet Three",
        "bias": 2,
        "title": "Third",
        "content_original": "Ünïcödé “quotes” survive the round trip.",
    },
]


def _write(folder: Path, lines: list[str], *, splits: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    for name, body in (splits or {}).items():
        (folder / "splits" / "media").mkdir(parents=True, exist_ok=True)
        (folder / "splits" / "media" / f"{name}.tsv").write_text(body, encoding="utf-8")
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "allsides",
        [json.dumps(r, ensure_ascii=False) for r in RECORDS],
        splits={"train": "ID\tbias\na1\t0\nc3\t2\n", "valid": "ID\tbias\nb2\t1\n"},
    )


def test_reads_all_fields_in_file_order(data: Path) -> None:
    arts = list(iter_allsides(data))
    assert [a.id for a in arts] == ["a1", "b2", "c3"]
    a1, b2, c3 = arts
    assert a1 == AllSidesArticle(
        id="a1",
        outlet="Outlet One - News",
        lean="left",
        title="First headline",
        text=RECORDS[0]["content_original"],
        date="2019-05-01",
        url="https://one.example/a1",
        topic="elections",
        authors="A. Writer",
    )
    assert a1.label == 0
    assert (b2.lean, b2.date, b2.url, b2.authors) == ("center", None, None, None)
    assert (c3.lean, c3.topic, c3.text) == ("right", None, RECORDS[2]["content_original"])


def test_meta_drops_empty_values(data: Path) -> None:
    a1, b2, _ = iter_allsides(data)
    assert a1.meta() == {
        "title": "First headline",
        "url": "https://one.example/a1",
        "date": "2019-05-01",
        "outlet": "Outlet One - News",
        "byline": "A. Writer",
    }
    assert b2.meta() == {"title": "Second headline", "outlet": "Outlet Two"}


def test_limit_and_file_path(data: Path) -> None:
    assert [a.id for a in iter_allsides(data, limit=2)] == ["a1", "b2"]
    assert list(iter_allsides(data, limit=0)) == []
    assert [a.id for a in iter_allsides(data / "articles.jsonl.gz")] == ["a1", "b2", "c3"]
    with pytest.raises(ValueError, match="limit"):
        list(iter_allsides(data, limit=-1))


def test_splits(data: Path) -> None:
    assert read_split_ids(data, "train") == {"a1", "c3"}
    assert [a.id for a in iter_allsides(data, split="train")] == ["a1", "c3"]
    assert [a.id for a in iter_allsides(data, split="valid")] == ["b2"]
    assert [a.id for a in iter_allsides(data, split="train", limit=1)] == ["a1"]
    with pytest.raises(ValueError, match="unknown AllSides split 'test'"):
        list(iter_allsides(data, split="test"))


def test_is_lazy(data: Path) -> None:
    it = iter_allsides(data)
    assert next(it).id == "a1"  # one record parsed without reading the rest
    it.close()


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('{"id": "x", "source": "S", "bias": 1, "content_original": "t"', "malformed JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "bias": 1, "content_original": "t"}', "missing field(s) source"),
        ('{"id": "x", "source": "S", "bias": 5, "content_original": "t"}', "'bias' must be 0, 1 or 2"),
        ('{"id": "x", "source": "S", "bias": 1, "content_original": 3}', "'content_original' must be a string"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, bad: str, reason: str) -> None:
    good = json.dumps(RECORDS[0])
    folder = _write(tmp_path / "d", [good, "", bad, good])
    it = iter_allsides(folder)
    assert next(it).id == "a1"  # lines before the bad one are still yielded
    with pytest.raises(InputError) as info:
        next(it)
    path = folder / "articles.jsonl.gz"
    assert info.value.source == f"{path}:3"
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{path}:3: ")


def test_missing_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        list(iter_allsides(tmp_path))
    (tmp_path / "articles.jsonl.gz").write_bytes(b"this is not gzip\n")
    with pytest.raises(InputError, match="gzip"):
        list(iter_allsides(tmp_path))
    with pytest.raises(InputError, match="cannot read split file"):
        list(iter_allsides(tmp_path, split="valid"))


def test_malformed_split_line(tmp_path: Path) -> None:
    folder = _write(tmp_path / "d", [json.dumps(RECORDS[0])], splits={"valid": "ID\tbias\na1\t0\nb2 only\n"})
    with pytest.raises(InputError) as info:
        list(iter_allsides(folder, split="valid"))
    assert info.value.source.endswith("valid.tsv:3")

"""A Dask cluster (issue 16, point 2): a LocalCluster started here gives the single-process tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import EXAMPLE, SHARED, SKIP_REASON

import framing
from framing.cli import main

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
from framing.runs.cluster import score_bag, score_dataframe, write_parquet  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    if not SHARED.is_dir():
        pytest.skip(SKIP_REASON)
    from framing.datasets.allsides import iter_allsides

    recs = [{"id": r.id, "text": r.text, **r.meta()} for r in iter_allsides(SHARED / "data" / "allsides", limit=30)]
    recs.append(
        {"id": "broken", "text": "  ", "title": "nothing", "outlet": "x", "date": None, "url": None, "byline": None}
    )
    return pd.DataFrame(recs)


def _norm(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None and text as Python objects (Dask stores text as Arrow strings, missing as NA)."""
    df = df.reset_index(drop=True).astype(object)
    return df.where(df.notna(), None)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """The Dask table has every naming concept as a column: the ones the corpus uses equal the pandas table's."""
    extra = [c for c in got.columns if c not in want.columns]
    assert all(c.startswith("naming.") for c in extra)
    assert got[extra].isna().all().all()
    pd.testing.assert_frame_equal(_norm(got[list(want.columns)]), _norm(want))


def test_score_dataframe_on_a_local_cluster_equals_one_process(client, records: pd.DataFrame, tmp_path: Path) -> None:
    want_articles, want_evidence = framing.score_corpus(records)
    articles, evidence = score_dataframe(dd.from_pandas(records, npartitions=4))
    import dask

    got_articles, got_evidence = dask.compute(articles, evidence)
    _same(got_articles, want_articles)
    pd.testing.assert_frame_equal(_norm(got_evidence), _norm(want_evidence))
    assert got_articles["error"].notna().sum() == 1
    # both tables as Parquet partitions, read back whole
    write_parquet(articles, evidence, tmp_path / "pq")
    back = pd.read_parquet(tmp_path / "pq" / "evidence")
    assert len(back) == len(want_evidence) and len(list((tmp_path / "pq" / "articles").glob("*.parquet"))) == 4
    _same(pd.read_parquet(tmp_path / "pq" / "articles"), want_articles)


def test_score_bag_of_jsonl_records(client, records: pd.DataFrame, tmp_path: Path) -> None:
    records = records[records["id"] != "broken"]  # a failed record is named by its position, which differs here
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records.to_dict("records")), encoding="utf-8")
    bag = db.read_text(str(path), blocksize=40_000).map(json.loads)
    assert bag.npartitions > 1
    import dask

    got_articles, got_evidence = dask.compute(*score_bag(bag))
    want_articles, want_evidence = framing.score_corpus(records)
    assert (got_articles["source_path"] == "<bag>").all()
    _same(got_articles, want_articles.assign(source_path="<bag>"))  # the provenance names the bag, not a frame
    pd.testing.assert_frame_equal(_norm(got_evidence), _norm(want_evidence))


def test_score_corpus_and_the_cli_on_the_cluster(client, tmp_path: Path) -> None:
    scorer = framing.Scorer(outlet_tables=[EXAMPLE / "outlets.yaml"])
    want = framing.score_corpus(EXAMPLE, scorer=scorer)
    got = framing.score_corpus(EXAMPLE, scorer=scorer, client=client)
    pd.testing.assert_frame_equal(got[0], want[0])
    pd.testing.assert_frame_equal(got[1], want[1])
    args = ["score", str(EXAMPLE), "--outlets", str(EXAMPLE / "outlets.yaml"), "--format", "jsonl", "--chunk-size", "2"]
    here = CliRunner().invoke(main, [*args, "--jobs", "1"])
    there = CliRunner().invoke(main, [*args, "--scheduler", client.scheduler.address])
    assert there.exit_code == 0 and there.stdout == here.stdout
    r = CliRunner().invoke(main, [*args, "--scheduler", client.scheduler.address, "--store", str(tmp_path / "s")])
    assert r.exit_code == 0 and "scored 9" in r.output

"""The results store (issue 16, point 3): the same tables as score_corpus, nothing scored twice, a changed
lexicon re-scores exactly the articles it can change, and a run killed with SIGKILL resumes to 0 lost and 0
duplicated rows."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import EXAMPLE, REPO

import framing
from framing.cli import main
from framing.runs.store import StoreError

OUTLETS = EXAMPLE / "outlets.yaml"


def _records(scores) -> list[dict]:
    return [s.to_dict(sentences=True) for s in scores]


def _fresh(scorer: framing.Scorer, sources) -> list[dict]:
    # score(), one article at a time: an article scores the same in any batch, and the store scores the articles
    # it lacks in other batches than a fresh run would
    return _records(scorer.score(a) for a in framing.read_articles(sources, outlet_tables=scorer.outlet_tables))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 articles in one JSONL file: the bundled corpus' texts, each with its own closing sentence, plus a
    record that fails."""
    arts = [a for a in framing.read_articles(EXAMPLE, outlet_tables=[OUTLETS])]
    path = tmp_path_factory.mktemp("store-corpus") / "archive.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(59):
            a = arts[i % len(arts)]
            text = a.text + f"\n\nThe council will meet again on day {i} of the session, officials said."
            fh.write(json.dumps({"id": f"a{i}", "title": a.title, "text": text, "outlet": a.outlet.name,
                                 "date": a.date, "desk": f"desk{i % 3}"}) + "\n")  # fmt: skip
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    return path


def test_store_tables_equal_score_corpus_and_records_come_back(corpus: Path, tmp_path: Path) -> None:
    scorer = framing.Scorer(outlet_tables=[OUTLETS])
    done = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer, n_jobs=2, chunk_size=4, commit_every=8)
    assert (done.scored, done.reused, done.failed, done.stored) == (60, 0, 1, 60)
    articles, evidence = framing.score_corpus(corpus, scorer=scorer)
    with framing.open_store(tmp_path / "s") as store:
        got = store.articles()
        assert list(got.columns) == list(articles.columns)
        pd.testing.assert_frame_equal(got, articles, check_dtype=False)
        pd.testing.assert_frame_equal(store.evidence(), evidence, check_dtype=False)
        sentences = store.sentences()
        assert len(sentences) == int(articles["n_sentences"].sum())
        assert _records(store.scores()) == _fresh(scorer, corpus)
        # a DuckDB relation for queries that need not fit in memory
        per_desk = store.sql(
            'select "meta.desk", count(*) as n from articles where error is null group by 1 order by 1'
        ).df()
        assert per_desk["n"].tolist() == [20, 20, 19]
        assert store.relation("evidence").aggregate("count(*)").fetchall()[0][0] == len(evidence)


def test_rerun_scores_nothing_and_new_input_only_the_new(corpus: Path, tmp_path: Path) -> None:
    scorer = framing.Scorer(outlet_tables=[OUTLETS], models=False)
    first = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer)
    again = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer)
    assert (first.scored, again.scored, again.reused, again.stored) == (60, 0, 60, 60)
    extra = tmp_path / "extra.txt"
    extra.write_text("The minister said on Monday that the talks would probably resume next week.\n")
    more = framing.score_into_store([corpus, extra], tmp_path / "s", scorer=scorer)
    assert (more.scored, more.reused, more.stored) == (1, 60, 61)
    # other settings (models on): every article again, replacing its rows, none duplicated
    other = framing.score_into_store(corpus, tmp_path / "s", scorer=framing.Scorer(outlet_tables=[OUTLETS]))
    assert (other.scored, other.migrated, other.stored) == (60, 0, 61)
    with framing.open_store(tmp_path / "s") as store:
        assert store.sql("select count(*) - count(distinct key) from articles").fetchall()[0][0] == 0
        ev = store.sql("select count(*) from evidence").fetchall()[0][0]
        runs = store.runs()
    assert ev == len(framing.score_corpus(corpus, scorer=framing.Scorer(outlet_tables=[OUTLETS]))[1]) + len(
        framing.score_corpus([str(extra)], scorer=scorer)[1]
    )
    assert runs["finished"].notna().all() and runs["scored"].tolist() == [60, 0, 1, 60]


def test_a_changed_lexicon_rescores_exactly_what_it_can_change(corpus: Path, tmp_path: Path) -> None:
    bundled = (REPO / "lexicons" / "loaded_language.tsv").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"].lower() for line in corpus.read_text().splitlines()]
    head = [line for line in bundled if line.startswith("#") or line.startswith("term\t")]
    rows = [line for line in bundled if line not in head and line.strip()]
    # v1: the bundled lexicon as a user file; v2 bumps the version, adds "ceasefire" (in some articles) and
    # drops an entry that no article holds (not the first of its category, so the categories stay the same)
    seen: set[str] = set()
    dropped = None
    for line in rows:
        term, category = line.split("\t")[:2]
        if category in seen and dropped is None and not any(f" {term}" in t for t in texts) and " " not in term:
            dropped = line
        seen.add(category)
    assert dropped is not None
    v1 = tmp_path / "v1.tsv"
    v1.write_text("\n".join(bundled) + "\n", encoding="utf-8")
    v2 = tmp_path / "v2.tsv"
    v2_rows = [r for r in rows if r != dropped] + ["ceasefire\tloaded.emotive\t0.5\tnoun\ttest"]
    v2.write_text("\n".join([h.replace("1.0.0", "1.1.0") for h in head] + v2_rows) + "\n", encoding="utf-8")
    framing.score_into_store(corpus, tmp_path / "s", scorer=framing.Scorer(lexicons=[v1], outlet_tables=[OUTLETS]))
    affected = sum(" ceasefire" in t for t in texts)
    assert 0 < affected < 59
    scorer2 = framing.Scorer(lexicons=[v2], outlet_tables=[OUTLETS])
    done = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer2)
    assert (done.scored, done.migrated, done.reused) == (affected, 60 - affected, 60 - affected)
    with framing.open_store(tmp_path / "s") as store:
        got = _records(store.scores())
    want = _fresh(scorer2, corpus)
    assert got == want  # the kept articles carry loaded_language@1.1.0 in records and evidence, as if scored anew
    kept = [r for r, t in zip(want, texts, strict=True) if " ceasefire" not in t and r["error"] is None]
    assert kept and all("loaded_language@1.1.0" in r["lexicons"] for r in kept)
    assert any("loaded_language@1.1.0:" in json.dumps(r["evidence"]) for r in kept)
    # a new category adds a metric to every article: all of them are scored again
    v3 = tmp_path / "v3.tsv"
    v3.write_text(v2.read_text(encoding="utf-8") + "zzyzx\tloaded.test\t1.0\t\ttest\n", encoding="utf-8")
    done = framing.score_into_store(
        corpus, tmp_path / "s", scorer=framing.Scorer(lexicons=[v3], outlet_tables=[OUTLETS])
    )
    assert (done.scored, done.migrated) == (60, 0)


def _committed(store: Path) -> int:
    try:
        with framing.open_store(store) as s:  # readers may read while a run writes
            return len(s)
    except StoreError:  # not created yet
        return 0


def test_kill_9_mid_run_then_resume_loses_and_duplicates_nothing(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    args = [str(corpus), "--outlets", str(OUTLETS), "--store", str(store), "--jobs", "2", "--chunk-size", "2",
            "--commit-every", "4", "--no-models"]  # fmt: skip
    cmd = [sys.executable, "-m", "framing", "score", *args]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _committed(store) < 8:  # the store holds 8 committed articles: kill -9 the run
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with framing.open_store(store) as s:
        stored = len(s)
        assert s.runs()["finished"].isna().all()
    assert 8 <= stored < 60  # killed in the middle
    # without --resume the unfinished run is not silently mixed with another
    r = CliRunner().invoke(main, ["score", *args])
    assert r.exit_code == 2 and "--resume" in r.output
    r = CliRunner().invoke(main, ["score", *args, "--resume"])
    assert r.exit_code == 1, r.output  # the empty record fails (and is stored with its error)
    assert f"this run scored {60 - stored} (1 failed), reused {stored}" in r.output
    scorer = framing.Scorer(outlet_tables=[OUTLETS], models=False)
    articles, evidence = framing.score_corpus(corpus, scorer=scorer)
    with framing.open_store(store) as s:
        # every article once in the parts themselves, not only in the latest-rows view
        assert s.sql("select count(*), count(distinct key), count(distinct id) from _all_articles").fetchall()[0] == (
            60,
            60,
            60,
        )
        assert s.sql("select count(*) from _all_evidence").fetchall()[0][0] == len(evidence)
        pd.testing.assert_frame_equal(s.articles(), articles, check_dtype=False)
        pd.testing.assert_frame_equal(s.evidence(), evidence, check_dtype=False)
        assert s.sql("select count(*) from _all_sentences").fetchall()[0][0] == int(articles["n_sentences"].sum())


def test_resume_needs_an_unfinished_run_with_the_same_settings(corpus: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["score", str(corpus), "--store", str(tmp_path / "s"), "--resume", "--no-models"])
    assert r.exit_code == 2 and "nothing to resume" in r.output
    with pytest.raises(StoreError, match="no results store"):
        framing.open_store(tmp_path / "nowhere")


def test_compare_from_the_store_writes_the_same_report_tables_without_scoring(corpus: Path, tmp_path: Path) -> None:
    moved = tmp_path / "archive.jsonl"
    moved.write_bytes(corpus.read_bytes())
    common = ["--outlets", str(OUTLETS), "--n-boot", "200", "--by", "meta.desk", "--quiet"]
    r = CliRunner().invoke(main, ["compare", str(moved), *common, "--out", str(tmp_path / "direct")])
    assert r.exit_code == 1, r.output  # the empty record is listed as not compared
    r = CliRunner().invoke(
        main, ["compare", str(moved), *common, "--store", str(tmp_path / "s"), "--out", str(tmp_path / "a")]
    )
    assert r.exit_code == 1 and "scored 60, reused 0" in r.output
    moved.unlink()  # the store alone: nothing is read or scored
    r = CliRunner().invoke(main, ["compare", *common, "--store", str(tmp_path / "s"), "--out", str(tmp_path / "b")])
    assert r.exit_code == 1 and "scored" not in r.output
    for name in ("articles.csv", "evidence.csv", "group_summary.csv", "pairwise.csv", "terms.csv", "actors.csv"):
        want = (tmp_path / "direct" / name).read_text(encoding="utf-8")
        assert (tmp_path / "a" / name).read_text(encoding="utf-8") == want, name
        assert (tmp_path / "b" / name).read_text(encoding="utf-8") == want, name
    r = CliRunner().invoke(main, ["compare", "--out", str(tmp_path / "c")])
    assert r.exit_code == 2 and "--store" in r.output


def test_failed_inputs_are_named_on_every_run_into_the_store(corpus: Path, tmp_path: Path) -> None:
    """An input without scores is named by the run that scores it and by every rerun that reuses it, and the
    CLI's exit code says so each time (a rerun said '0 failed', exit 0)."""
    scorer = framing.Scorer(outlet_tables=[OUTLETS], models=False)
    first = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer)
    again = framing.score_into_store(corpus, tmp_path / "s", scorer=scorer)
    assert first.failed == 1 and len(first.errors) == 1 and str(corpus) in first.errors[0]
    assert again.failed == 0 and again.errors == first.errors
    args = ["score", str(corpus), "--store", str(tmp_path / "c"), "--outlets", str(OUTLETS), "--no-models"]
    for _ in range(2):
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 1, r.output
        assert r.stderr.splitlines() == [f"error: {first.errors[0]}"]

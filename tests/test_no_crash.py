"""Issue 12, point 1: no input crashes a run, and no failure loses the rest of the batch.

An unexpected exception (a bug) while reading, cleaning, identifying the outlet or scoring one article becomes
that article's error record, named as an internal error with the file (and line) and the exception; the other
articles are scored as if it were not there; the CLI prints one line per failure (a traceback only with
``--debug``) and exits 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import framing
import framing.io.build as build
import framing.scoring as scoring
from framing.cli import main
from framing.errors import DEBUG_ENV
from framing.runs.pool import ScoreJob, map_units

GOOD = "The mayor said the bridge would reopen on Monday after two years of repairs, officials said.\n"
BOMB = "This sentence sets off the planted bug in the tests, officials said on Monday.\n"

# A BBC News page saved as all its visible text, menus and links included (the page of issue 12's report): the
# link to bbc.co.uk sent outlet detection into a set of unhashable outlets.
BBC_DUMP = """Skip to content
BBC Homepage
Home
News
Sport
Business
Menu
Search BBC

Ministers announce new flood defences after winter storms

3 hours ago
By Jane Smith, Environment correspondent

Ministers have announced a new programme of flood defences after a winter of storms that damaged thousands \
of homes across the north of England.

The Environment Agency said the programme would protect more than 50,000 properties by 2030, according to \
officials who spoke at a briefing on Tuesday.

Critics said the funding was too little, too late, and that many communities had been left waiting for years.

Read more: https://www.bbc.co.uk/news/uk-12345678

Related
Home
News
Terms of Use
About the BBC
Privacy Policy
https://www.bbc.co.uk/usingthebbc/terms
"""


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv(DEBUG_ENV, raising=False)


def _trio(tmp_path: Path, middle: str = BBC_DUMP, name: str = "bbc.txt") -> list[Path]:
    paths = [tmp_path / "a.txt", tmp_path / name, tmp_path / "b.txt"]
    paths[0].write_text(GOOD)
    paths[1].write_text(middle)
    paths[2].write_text(GOOD.replace("Monday", "Tuesday"))
    return paths


def test_bbc_text_dump_is_scored_with_its_neighbours(tmp_path):
    """The reported crash: ``framing score a.txt bbc.txt b.txt`` scores all three, no traceback."""
    paths = _trio(tmp_path)
    r = _run("score", *map(str, paths), "--format", "json", "--no-models", "--jobs", "1")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    records = json.loads(r.stdout)
    assert [rec["id"] for rec in records] == ["a", "bbc", "b"]
    assert all(rec["error"] is None and rec["n_sentences"] >= 1 for rec in records)
    bbc = records[1]["outlet"]
    assert bbc["name"] == "BBC News"
    assert any("links on the page point to bbc" in h for h in bbc["how"])


def test_links_to_two_outlets_name_none(tmp_path):
    """Links to two different known outlets are no evidence of either (and no crash)."""
    text = BBC_DUMP + "\nhttps://www.reuters.com/world/some-story-2024-01-01/\n"
    art = next(framing.read_articles(_write(tmp_path / "two.txt", text)))
    assert art.error is None
    assert art.outlet.name is None


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _planted(stage_name: str):
    """A function that raises on the planted text and otherwise does what ``stage_name`` does."""
    real = getattr(build, stage_name)

    def fake(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)] + [getattr(a, "body", "") for a in args]
        if any("planted bug" in t for t in texts):
            raise RuntimeError("boom\nsecond line not shown")
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("stage_name", "doing"),
    [("clean_text", "cleaning"), ("detect_outlet", "identifying the outlet"), ("detect_language", "reading the date")],
)
def test_a_bug_in_one_stage_is_that_articles_error(tmp_path, monkeypatch, stage_name, doing):
    monkeypatch.setattr(build, stage_name, _planted(stage_name))
    arts = list(framing.read_articles(_trio(tmp_path, BOMB, "bomb.txt")))
    assert [a.id for a in arts] == ["a", "bomb", "b"]
    assert arts[0].ok and arts[2].ok
    err = arts[1].error
    assert err.startswith(f"{tmp_path / 'bomb.txt'}: internal error while {doing}")
    assert "RuntimeError: boom" in err and "second line" not in err and "\n" not in err


def test_a_bug_in_a_record_names_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (GOOD, BOMB, GOOD, "   ")) + "\n")
    arts = list(framing.read_articles(path))
    assert [a.ok for a in arts] == [True, False, True, False]
    assert arts[1].error.startswith(f"{path}:2: internal error while identifying the outlet: RuntimeError: boom")
    assert arts[3].error == f"{path}:4: input holds only whitespace"  # the line, not only the file


def test_a_bug_while_scoring_one_article_leaves_the_others(tmp_path, monkeypatch):
    arts = list(framing.read_articles(_trio(tmp_path, BOMB, "bomb.txt")))
    scorer = framing.Scorer(models=False)
    before = scorer.score_many(arts)
    real = scoring.measure_hedging

    def fake(at):
        if "planted bug" in at.text:
            raise ZeroDivisionError("division by zero")
        return real(at)

    monkeypatch.setattr(scoring, "measure_hedging", fake)
    after = scorer.score_many(arts)
    assert [s.error is None for s in after] == [True, False, True]
    assert "internal error while scoring: ZeroDivisionError: division by zero" in after[1].error
    assert str(tmp_path / "bomb.txt") in after[1].error
    assert after[0].to_dict() == before[0].to_dict() and after[2].to_dict() == before[2].to_dict()


def test_a_model_failing_on_one_article_fails_only_that_one(tmp_path, monkeypatch):
    import framing.models.apply as apply

    arts = list(framing.read_articles(_trio(tmp_path, BOMB, "bomb.txt")))
    scorer = framing.Scorer()
    if not scorer.models_:
        pytest.skip("no model available")
    before = scorer.score_many(arts)
    real = apply.measure_models

    def fake(inputs, models):
        if any("planted bug" in s.text for m in inputs for s in m.sentences):
            raise ValueError("bad input to the model")
        return real(inputs, models)

    monkeypatch.setattr(apply, "measure_models", fake)
    after = scorer.score_many(arts)
    assert [s.error is None for s in after] == [True, False, True]
    assert "internal error while running the models: ValueError" in after[1].error
    assert after[0].to_dict() == before[0].to_dict() and after[2].to_dict() == before[2].to_dict()


def test_the_cli_prints_one_line_per_failure_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    paths = _trio(tmp_path, BOMB, "bomb.txt")
    r = _run("score", *map(str, paths), "--format", "jsonl", "--no-models", "--jobs", "1")
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "bomb.txt: internal error while identifying the outlet: RuntimeError" in errors[0]
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [rec["error"] is None for rec in records] == [True, False, True]


@pytest.mark.parametrize("where", ["group", "command"])
def test_debug_shows_the_traceback(tmp_path, monkeypatch, where):
    import os

    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    paths = list(map(str, _trio(tmp_path, BOMB, "bomb.txt")))
    args = ["--debug", "score", *paths] if where == "group" else ["score", "--debug", *paths]
    r = _run(*args, "--no-models", "--jobs", "1", "--format", "jsonl")
    assert r.exit_code == 1
    assert "Traceback" in r.stderr and "RuntimeError: boom" in r.stderr
    assert DEBUG_ENV not in os.environ  # the flag does not outlive the command


def test_the_pool_and_score_corpus_keep_going(tmp_path, monkeypatch):
    """In worker processes too (forked after the bug was planted): each unit gets its record, in order."""
    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    for i, text in enumerate([GOOD, BOMB, GOOD, BOMB, GOOD]):
        (tmp_path / f"{i}.txt").write_text(text)
    job = ScoreJob(framing.Scorer(models=False), framing.io.read.read_options())
    units = framing.io.read.iter_units(tmp_path, job.opts)
    scores = list(map_units(units, job, n_jobs=2, chunk_size=1))
    assert [s.article.id for s in scores] == ["0", "1", "2", "3", "4"]
    assert [s.error is None for s in scores] == [True, False, True, False, True]
    assert all("internal error while identifying the outlet" in s.error for s in scores if s.error)
    articles_df, _ = framing.score_corpus(tmp_path, scorer=framing.Scorer(models=False))
    assert list(articles_df.error.isna()) == [True, False, True, False, True]


def test_a_failing_transform_is_an_error_record(tmp_path):
    from framing.runs.pool import work

    def transform(s):
        if s.error is None and "planted bug" in s.article.text:
            raise KeyError("missing")
        return s.article.id, s.error

    paths = _trio(tmp_path, BOMB, "bomb.txt")
    job = ScoreJob(framing.Scorer(models=False), framing.io.read.read_options(), transform)
    out = work(job, list(framing.io.read.iter_units(paths, job.opts)))
    assert [o[0] for o in out] == ["a", "bomb", "b"]
    assert out[0][1] is None and out[2][1] is None
    assert "internal error while writing the result: KeyError" in out[1][1]


def test_compare_goes_on_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    paths = _trio(tmp_path, BOMB, "bomb.txt")
    out = tmp_path / "report"
    r = _run("compare", *map(str, paths), "--out", str(out), "--jobs", "1", "--quiet", "--n-boot", "100")
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.stderr and "internal error while identifying the outlet" in r.stderr
    assert (out / "index.html").is_file()


def test_a_bug_outside_the_articles_is_one_line_and_exit_3(tmp_path, monkeypatch):
    import framing.report.comparison as comparison

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(comparison, "build_comparison_report", broken)
    paths = _trio(tmp_path, GOOD, "c.txt")
    r = CliRunner().invoke(main, ["compare", *map(str, paths), "--out", str(tmp_path / "r"), "--jobs", "1"])
    assert r.exit_code == 3
    assert "error: internal error: AttributeError" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("url", ["[", "https://[broken/page", "http://]x.com/"])
def test_a_url_with_a_stray_bracket_is_no_host(tmp_path, url):
    """Found by the fuzz campaign: urlsplit raises ValueError ("Invalid IPv6 URL") on such a URL field."""
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps({"text": GOOD, "url": url}) + "\n")
    (art,) = framing.read_articles(path)
    assert art.ok and art.outlet.domain is None


def test_the_store_keeps_the_error_records(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "detect_outlet", _planted("detect_outlet"))
    paths = _trio(tmp_path, BOMB, "bomb.txt")
    done = framing.score_into_store(paths, tmp_path / "store", scorer=framing.Scorer(models=False), n_jobs=1)
    assert (done.scored, done.failed, done.stored) == (3, 1, 3)
    with framing.open_store(tmp_path / "store") as store:
        table = store.articles().set_index("id")
    assert table.loc[["a", "b"], "error"].isna().all()
    assert "internal error while identifying the outlet: RuntimeError: boom" in table.loc["bomb", "error"]

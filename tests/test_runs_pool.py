"""All cores (issue 16, point 1) and the progress bar (point 4): the same output whatever the number of jobs."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import EXAMPLE, SHARED, SKIP_REASON

import framing
from framing.cli import main
from framing.io.read import iter_units, read_options
from framing.runs.pool import ScoreJob, map_units, resolve_jobs
from framing.runs.progress import count_units, progress_bar
from framing.scoring import Scorer


def _pid(s: object) -> int:
    return os.getpid()


def _score(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["score", *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus inputs that fail (an empty file, a malformed JSON line), to check the order."""
    d = tmp_path_factory.mktemp("corpus")
    for f in EXAMPLE.rglob("*"):
        if f.is_file() and f.name not in {"README.md", "outlets.yaml"}:
            (d / f.name).write_bytes(f.read_bytes())
    (d / "empty.txt").write_text("")
    (d / "broken.jsonl").write_text('{"text": "The minister said the talks would resume on Monday."}\n{oops\n')
    return d


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_jobs_2_prints_what_jobs_1_prints_byte_for_byte(corpus: Path, fmt: str) -> None:
    common = [str(corpus), "--outlets", str(EXAMPLE / "outlets.yaml"), "--format", fmt, "--chunk-size", "2"]
    one = _score(*common, "--jobs", "1")
    two = _score(*common, "--jobs", "2")
    assert one[0] == 1  # the empty file and the broken line fail; the others are still scored
    assert one[1].count("sarnel") >= 1
    assert two == one  # exit code, stdout and the failures on stderr, in the same order
    assert one[2].count("error: ") == 2


def test_jobs_default_is_all_cores_and_output_is_unchanged(corpus: Path) -> None:
    args = [str(corpus / "frontline_voice.jsonl"), "--format", "jsonl", "--chunk-size", "1"]
    assert _score(*args) == _score(*args, "--jobs", "1")


def test_the_pool_really_uses_other_processes() -> None:
    job = ScoreJob(Scorer(models=False), read_options(), _pid)
    pids = list(map_units(iter_units(EXAMPLE, job.opts), job, n_jobs=2, chunk_size=1))
    assert len(pids) == 9
    assert os.getpid() not in pids
    assert len(set(pids)) == 2  # nine one-article chunks over two workers


def test_map_units_keeps_input_order_and_records() -> None:
    scorer = Scorer()
    opts = read_options(outlet_tables=[EXAMPLE / "outlets.yaml"])
    arts = list(framing.read_articles(EXAMPLE, outlet_tables=opts.outlet_tables))
    here = [scorer.score(a).to_dict(sentences=True) for a in arts]
    job = ScoreJob(scorer, opts)
    there = [s.to_dict(sentences=True) for s in map_units(iter_units(EXAMPLE, opts), job, n_jobs=2, chunk_size=2)]
    assert json.dumps(there) == json.dumps(here)


def test_resolve_jobs() -> None:
    assert resolve_jobs(None) == 1
    assert resolve_jobs(3) == 3
    assert resolve_jobs(-1) >= 1
    with pytest.raises(ValueError, match="n_jobs"):
        resolve_jobs(0)


def test_score_corpus_n_jobs_reads_in_the_workers_and_gives_the_same_tables() -> None:
    if not SHARED.is_dir():
        pytest.skip(SKIP_REASON)
    from framing.datasets.allsides import iter_allsides

    recs = [{"id": r.id, "text": r.text, **r.meta()} for r in iter_allsides(SHARED / "data" / "allsides", limit=40)]
    df = pd.DataFrame(recs)
    one = framing.score_corpus(framing.read_articles(df))
    two = framing.score_corpus(df, n_jobs=2)  # 40 rows: more than one chunk, so the pool runs
    pd.testing.assert_frame_equal(two[0], one[0])
    pd.testing.assert_frame_equal(two[1], one[1])
    assert len(one[0]) == 40 and len(one[1]) > 40


def test_count_units_walks_without_reading(corpus: Path) -> None:
    opts = read_options()
    assert count_units(str(corpus), opts) == 9 + 2 + 1  # the example's articles, the empty file, two JSONL lines
    assert count_units(["-"], opts) is None
    assert count_units(pd.DataFrame({"text": ["a", "b"]}), opts) == 2


def test_rich_bar_shows_done_rate_failures_and_time_left() -> None:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    with progress_bar(4, console=console) as bar:
        for failed in (False, True, False, False):
            bar.advance(failed)
    text = out.getvalue()
    assert "4 / 4 articles" in text
    assert "1 failed" in text
    assert "articles/s" in text and "left" in text
    assert (bar.done, bar.failed) == (4, 1)


def test_no_bar_when_stderr_is_not_a_terminal_or_quiet(corpus: Path) -> None:
    from rich.console import Console

    out = io.StringIO()
    with progress_bar(2, console=Console(file=out)) as bar:  # a file, not a terminal
        bar.advance()
    assert out.getvalue() == "" and bar.done == 1
    code, _, err = _score(str(corpus / "frontline_voice.jsonl"), "--format", "jsonl")
    assert code == 0 and err == ""
    code, _, err = _score(str(corpus / "frontline_voice.jsonl"), "--format", "jsonl", "--quiet")
    assert code == 0 and err == ""


def test_notebook_bar_is_tqdm(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar(3, notebook=True) as bar:
        for failed in (False, True, False):
            bar.advance(failed)
    err = capsys.readouterr().err
    assert "3/3" in err and "failed=1" in err

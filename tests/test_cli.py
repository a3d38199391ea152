from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import OUTLET_KEYS, RECORD_KEYS, seed_path

from framing import __version__
from framing.cli import main

GOOD = "The mayor said the bridge would reopen on Monday after two years of repairs.\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_version_and_help_with_examples():
    r = run("--version")
    assert r.exit_code == 0 and __version__ in r.output
    for cmd in ([], ["score"], ["outlets"]):
        h = run(*cmd, "--help")
        assert h.exit_code == 0 and "Examples:" in h.output


def test_json_record_keys(example_dir: Path):
    r = run("score", str(example_dir / "html"), "--format", "json")
    assert r.exit_code == 0, r.output
    records = json.loads(r.output)
    assert len(records) == 3
    for rec in records:
        assert set(rec) >= RECORD_KEYS
        assert set(rec["outlet"]) >= OUTLET_KEYS
        assert rec["error"] is None and rec["outlet"]["name"] == "Capital Pulse"
        for ev in rec["evidence"]:
            assert set(ev) >= {"sentence", "start", "end", "text", "dimension", "category", "weight"}
        assert all(isinstance(v, float) for v in rec["scores"].values())


def test_formats_jsonl_csv_table(example_dir: Path):
    paths = [str(example_dir / "frontline_voice.jsonl")]
    jl = run("score", *paths, "--format", "jsonl")
    assert jl.exit_code == 0 and len(jl.output.strip().splitlines()) == 3
    csv = run("score", *paths, "--format", "csv")
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("id,source_path,title")
    assert len(csv.output.strip().splitlines()) == 4
    table = run("score", *paths)
    assert table.exit_code == 0 and "Frontline Voice" in table.output


def test_exit_1_when_some_fail_and_others_still_scored(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    r = CliRunner().invoke(
        main,
        [
            "score",
            str(tmp_path / "good.txt"),
            str(tmp_path / "empty.txt"),
            str(tmp_path / "missing.txt"),
            "--format",
            "json",
        ],
    )
    assert r.exit_code == 1
    records = json.loads(r.stdout)
    assert [rec["error"] is None for rec in records] == [True, False, False]
    assert "empty.txt: empty input" in r.stderr and "missing.txt: file not found" in r.stderr


def test_exit_2_on_usage_errors(tmp_path: Path):
    assert run("score").exit_code == 2
    assert run("score", "x.txt", "--format", "xml").exit_code == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "# name: hedges\n# version: 1\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\nmay\th\t7\t\tp\n"
    )
    (tmp_path / "a.txt").write_text(GOOD)
    r = CliRunner().invoke(main, ["score", str(tmp_path / "a.txt"), "--lexicon", str(bad)])
    assert r.exit_code == 2 and f"{bad}:5" in r.output


def test_stdin(tmp_path: Path):
    r = run("score", "-", "--format", "json", input=GOOD)
    assert r.exit_code == 0 and json.loads(r.output)[0]["source_path"] == "<stdin>"


def test_explain_seed_000_shows_anonymous_source_and_hedge():
    r = run("score", str(seed_path("000")), "--explain")
    assert r.exit_code == 0
    out = r.output
    assert (
        "The US is in contact with the leadership of the Palestinian militant group Hamas via Qatar, a diplomatic source told Sputnik."
        in out
    )
    assert "source.anonymous" in out and "'diplomatic source'" in out
    assert "source.self" in out and "'Sputnik'" in out
    assert "hedge.attribution" in out and "'allegedly'" in out
    assert "outlet: Sputnik" in out


def test_seeds_json(seeds_dir: Path):
    r = run("score", *sorted(str(p) for p in seeds_dir.glob("*.txt")), "--format", "json")
    assert r.exit_code == 0
    recs = {rec["id"][:3]: rec for rec in json.loads(r.output)}
    assert {k: v["date"] for k, v in recs.items()} == {
        "000": "2023-10-31",
        "001": None,
        "002": "2024-04-21",
        "003": "2024-07-31",
        "004": "2024-11-09",
    }
    assert recs["000"]["outlet"]["name"] == recs["002"]["outlet"]["name"] == "Sputnik"
    assert recs["001"]["outlet"]["wire"] == recs["003"]["outlet"]["wire"] == "Anadolu Agency"
    assert recs["004"]["outlet"]["name"] is None and recs["004"]["outlet"]["hints"]
    assert recs["000"]["text"].startswith("The Palestine-Israel conflict escalated")  # the clean body
    assert "Advertisement" not in recs["001"]["text"] and "feedback@" not in recs["002"]["text"]


@pytest.mark.parametrize("country", ["RU", "UA"])
def test_outlets_command(country: str):
    r = run("outlets", "--country", country, "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert rows and all(row["country"] == country for row in rows)


def test_column_mapping(tmp_path: Path):
    (tmp_path / "d.csv").write_text(
        'story,site,when\n"The mayor said the bridge would reopen on Monday.",CNN,2024-02-03\n'
    )
    r = run(
        "score",
        str(tmp_path / "d.csv"),
        "--text-column",
        "story",
        "--column",
        "outlet=site",
        "--column",
        "date=when",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)[0]
    assert rec["outlet"]["name"] == "CNN" and rec["date"] == "2024-02-03"
    assert run("score", str(tmp_path / "d.csv"), "--column", "colour=site").exit_code == 2


def test_explain_every_seed(seeds_dir: Path):
    for path in sorted(seeds_dir.glob("*.txt")):
        r = run("score", str(path), "--explain")
        assert r.exit_code == 0
        lines = [ln for ln in r.output.splitlines() if ln.startswith("      ")]
        assert len(lines) >= 10, f"{path.name}: too little evidence shown"
        assert any("attribution" in ln for ln in lines) and any("hedging" in ln for ln in lines)


def test_lexicons_commands(tmp_path: Path):
    listed = run("lexicons", "list", "--format", "json")
    assert listed.exit_code == 0
    names = {f["name"] for f in json.loads(listed.output)}
    assert {
        "hedges",
        "boosters",
        "reporting_verbs",
        "source_nouns",
        "loaded_language",
        "subjectivity",
        "outlets",
        "israel-palestine",
        "russia-ukraine",
    } <= names
    shown = run("lexicons", "show", "hedges")
    assert shown.exit_code == 0 and "allegedly" in shown.output
    assert run("lexicons", "show", "nope").exit_code == 2
    good = tmp_path / "mine.tsv"
    good.write_text(
        "# name: mine\n# version: 1.0.0\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\nperchance\thedge.adverb\t1\t\tme\n"
    )
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "# name: bad\n# version: 1.0.0\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\nperchance\thedge.adverb\tlots\t\tme\n"
    )
    r = CliRunner().invoke(main, ["lexicons", "validate", str(good), str(bad)])
    assert r.exit_code == 1
    assert "ok: " in r.stdout and f"{bad}:5" in r.stderr and "not a number" in r.stderr


def test_actors_command(seeds_dir: Path):
    r = run("actors", str(seeds_dir), "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    hamas_004 = [x for x in rows if x["article_id"].startswith("004") and x["actor"] == "hamas"]
    assert hamas_004 and hamas_004[0]["hedged_share"] == 1.0 and hamas_004[0]["naming"]


def test_score_directory_says_which_files_it_left_unread(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    r = CliRunner().invoke(main, ["score", str(tmp_path), "--format", "jsonl"])
    assert r.exit_code == 0, r.output  # a file left unread is not a failed input
    assert len([ln for ln in r.stdout.splitlines() if ln.startswith("{")]) == 1
    (line,) = [ln for ln in r.stderr.splitlines() if "not read" in ln]
    assert line.startswith("warning: ") and "b.pdf" in line and "Warning" not in line


@pytest.mark.parametrize("cmd", [["score", "--no-models"], ["frames", "--no-models"], ["stories"]])
def test_bracketed_text_is_printed_as_it_is(tmp_path: Path, cmd: list[str]):
    """rich's markup is off: an outlet or id in square brackets neither crashes a table nor vanishes."""
    rows = [{"id": f"[red]x{i}[/red]", "outlet": "[/] Daily", "text": GOOD.strip()} for i in range(2)]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    r = CliRunner().invoke(main, [cmd[0], str(path), *cmd[1:]])
    assert r.exit_code == 0, r.output
    assert "[/] Daily" in r.stdout and "[red]x0[/red]" in r.stdout


@pytest.mark.parametrize("cmd", [["score", "--store"], ["compare", "--out"]])
def test_a_folder_that_cannot_be_written_is_a_usage_error_before_scoring(tmp_path: Path, cmd: list[str]):
    (tmp_path / "a.txt").write_text(GOOD)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    r = CliRunner().invoke(main, [cmd[0], str(tmp_path / "a.txt"), cmd[1], str(blocker / "out")])
    assert r.exit_code == 2, r.output
    assert f"{cmd[1]} {blocker / 'out'}: cannot write there" in r.output and "internal error" not in r.output

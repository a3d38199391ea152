"""``framing stories`` on the bundled corpus, the seeds and a small JSONL corpus with a known answer."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from framing.cli import main


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["stories", *args], catch_exceptions=False)
    return r.exit_code, r.output


def test_example_corpus_prints_its_three_stories(example_dir: Path) -> None:
    code, out = run(str(example_dir), "--outlets", str(example_dir / "outlets.yaml"), "--format", "json")
    assert code == 0
    stories = json.loads(out)
    assert [s["id"] for s in stories] == ["S1", "S2", "S3"]
    assert all(s["size"] == 3 and len(set(s["dates"])) == 1 for s in stories)
    assert any("Keldar" in s["label"] for s in stories)


def test_seeds_as_one_story_with_their_facts(seeds_dir: Path) -> None:
    code, out = run(str(seeds_dir), "--window", "none", "--facts")
    assert code == 0
    assert "1 story in 5 articles (1 of two or more articles)" in out
    assert "date: 004_47cd22b97e75be95 gives November 7, 2023" in out
    assert "source: anonymous: local health authorities (according to)" in out
    code, out = run(str(seeds_dir), "--window", "none", "--facts", "--format", "json")
    (story,) = json.loads(out)
    assert len(story["story"]["articles"]) == 5 and story["facts"]


def test_truth_field_gives_bcubed(tmp_path: Path) -> None:
    rows = [
        ("a", "Troops exchanged fire at the Sarnel River crossing near Hesk.", "2025-04-03", "x"),
        ("b", "Fighting broke out at the Sarnel River crossing near Hesk, officials said.", "2025-04-03", "x"),
        ("c", "The Port Callan recount confirmed Lena Marr's lead in the mayoral election.", "2025-04-03", "y"),
        ("d", "Lena Marr keeps her lead after the Port Callan mayoral recount.", "2025-04-03", "y"),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t, "date": d, "event": e}) + "\n" for i, t, d, e in rows))
    code, out = run(str(path), "--truth", "meta.event", "--format", "csv")
    assert code == 0
    assert "B-cubed against meta.event: precision 1.000, recall 1.000, F1 1.000 on 4 articles" in out
    assert out.splitlines()[0] == "article_id,story,label,size,outlet,date"


def test_bad_window_and_unknown_truth_field(example_dir: Path) -> None:
    code, out = run(str(example_dir), "--window", "soon")
    assert code == 2 and "neither a number of days nor 'none'" in out
    code, out = run(str(example_dir), "--truth", "meta.nothing")
    assert code == 2 and "no article has a value for 'meta.nothing'" in out

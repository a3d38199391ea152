"""Frames across outlets (issue 15): the comparer, roles in the actor table and comparison, the frame displays,
the report's Frames section and ``framing frames``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.cli import main
from framing.compare import FRAME_METRICS, FrameComparison, actor_comparison, frame_comparison
from framing.compare.actors import actor_table
from framing.plot import FrameHeatmapDisplay, FrameProfileDisplay
from framing.text.frames import FRAMES


@pytest.fixture(scope="module")
def example(example_dir: Path) -> tuple[list[framing.ArticleScore], pd.DataFrame]:
    arts = list(framing.read_articles(example_dir, outlet_tables=[example_dir / "outlets.yaml"]))
    scores = framing.Scorer(outlet_tables=[example_dir / "outlets.yaml"]).score_many(arts)
    df, _ = framing.score_corpus(arts, scorer=framing.Scorer(outlet_tables=[example_dir / "outlets.yaml"]))
    return scores, df


def test_frame_comparison_on_the_bundled_corpus(example: tuple[list, pd.DataFrame]) -> None:
    _, df = example
    before = df.copy()
    res = frame_comparison(df, by="outlet", n_boot=300)
    pd.testing.assert_frame_equal(df, before)  # the caller's table is not touched
    assert set(res["profile"].index) == set(df["outlet"])
    summary = res["summary"]
    assert {"ci_low", "ci_high", "mean", "n"} <= set(summary.columns)
    assert set(summary["metric"]) >= {m for m in FRAME_METRICS if m in df.columns}
    # each group's shares of sentences sum to 1 over the 15 frames (Other included)
    means = summary[summary["metric"].isin(FRAME_METRICS)].groupby("group")["mean"].sum()
    assert means.round(6).eq(1.0).all()
    primary = res["primary"]
    assert primary.groupby("group")["articles"].sum().to_dict() == df.groupby("outlet").size().to_dict()
    assert FrameComparison(n_boot=100).compare(df).name == "Frames by outlet"


def test_roles_in_the_actor_table_and_comparison(seeds_dir: Path) -> None:
    arts = list(framing.read_articles(sorted(seeds_dir.glob("*.txt"))))
    scores = framing.Scorer(models=False).score_many(arts)
    table = actor_table(scores)
    assert {"victim", "villain", "hero", "role"} <= set(table.columns)
    by = table.set_index(["article_id", "actor"])
    aid = {a.id[:3]: a.id for a in arts}
    assert by.loc[(aid["001"], "palestinians"), "victim"] >= 1
    assert by.loc[(aid["003"], "palestinians"), "role"] == "victim"
    assert by.loc[(aid["004"], "hamas"), "villain"] >= 1 and by.loc[(aid["004"], "hamas"), "role"] == "villain"
    assert by.loc[(aid["004"], "qatar"), "role"] == "hero"
    comp = actor_comparison(scores, by="outlet")
    row = comp.set_index(["group", "actor"]).loc[("Anadolu Agency", "palestinians")]
    assert row["victim_share"] == 1.0 and row["villain_share"] == 0.0  # both Anadolu articles (001, 003)
    assert row["victim_articles"] == 2


def test_frame_displays(example: tuple[list, pd.DataFrame]) -> None:
    _, df = example
    heat = FrameHeatmapDisplay.from_frame(df, by="outlet")
    labels = [t.get_text() for t in heat.ax_.get_yticklabels()]
    order = [f.label for f in FRAMES]
    assert labels == sorted(labels, key=order.index)  # codebook order
    assert heat.shares.shape[0] == df["outlet"].nunique()
    prof = FrameProfileDisplay.from_frame(frame_comparison(df, n_boot=200))
    assert len(prof.ax_) == df["outlet"].nunique()
    assert prof.ax_[0].get_xlim() == (0.0, 1.0)
    assert prof._repr_png_()[:4] == b"\x89PNG"


def test_report_has_a_frames_section(example: tuple[list, pd.DataFrame], tmp_path: Path) -> None:
    from framing.report.comparison import build_comparison_report

    scores, _ = example
    index = build_comparison_report(scores, tmp_path, n_boot=200)
    html = index.read_text(encoding="utf-8")
    assert ">Frames</h2>" in html and "Share of sentences per frame" in html
    assert "fig-frame_heatmap" in html and "fig-frame_profile" in html and "mark class='framing'" in html
    for name in ("frame_summary.csv", "frame_pairwise.csv", "frame_primary.csv", "figures/frame_heatmap.png"):
        assert (tmp_path / name).is_file(), name


def test_frames_command(example_dir: Path) -> None:
    run = CliRunner().invoke
    args = ["frames", str(example_dir / "html"), "--outlets", str(example_dir / "outlets.yaml")]
    r = run(main, [*args, "--no-models"], catch_exceptions=False)
    assert r.exit_code == 0 and "primary frame" in r.output
    r = run(main, [*args, "--format", "json", "--sentences"], catch_exceptions=False)
    recs = json.loads(r.output)
    assert recs and all(rec["frames"]["primary"]["id"] == rec["primary_frame"] for rec in recs)
    assert all(len(rec["sentences"]) == rec["n_sentences"] for rec in recs)
    r = run(main, [*args, "--format", "csv"], catch_exceptions=False)
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert rows and {"primary_frame", "security_share", "news_conflict", "victim", "villain", "hero"} <= set(rows[0])
    r = run(main, [*args, "--sentences", "--no-models"], catch_exceptions=False)
    assert "cues:" in r.output


def test_score_json_carries_frames_news_frames_and_roles(seeds_dir: Path) -> None:
    path = sorted(seeds_dir.glob("004_*.txt"))[0]
    r = CliRunner().invoke(main, ["score", str(path), "--format", "json"], catch_exceptions=False)
    rec = json.loads(r.output)[0]
    assert rec["frames"]["primary"]["id"] in {f.id for f in FRAMES}
    assert {"frames.primary_code", "news_frames.conflict", "roles.villain_count"} <= set(rec["scores"])
    cats = {e["category"].split(".")[0] for e in rec["evidence"] if e["dimension"] == "framing"}
    assert cats == {"frame", "frame_sentence", "news_frame", "role"}
    assert any(e["category"] == "frames" and e["dimension"] == "model" for e in rec["evidence"])
    villain = [e for e in rec["evidence"] if e["category"] == "role.villain" and "hamas" in e["note"]]
    assert villain and villain[0]["entry"].startswith("roles@1.0.0:")

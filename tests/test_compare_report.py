"""``framing compare``: the report folder, HTML escaping, rendering in headless Chromium, and the seed findings."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main


def compare(*args: str) -> None:
    r = CliRunner().invoke(main, ["compare", *args, "--n-boot", "200", "--no-progress"], catch_exceptions=False)
    assert r.exit_code == 0, r.output


@pytest.fixture(scope="module")
def example_report(tmp_path_factory, example_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("report")
    compare(
        str(example_dir),
        "--outlets",
        str(example_dir / "outlets.yaml"),
        "--actors",
        str(example_dir / "actors.yaml"),
        "--termpack",
        str(example_dir / "termpack.yaml"),
        "--out",
        str(out),
    )
    return out


def test_report_folder(example_report: Path):
    for name in (
        "index.html",
        "articles.csv",
        "evidence.csv",
        "group_summary.csv",
        "pairwise.csv",
        "terms.csv",
        "actors.csv",
        "figure_claims.csv",
    ):
        assert (example_report / name).is_file(), name
    figures = sorted(p.name for p in (example_report / "figures").glob("*.png"))
    assert {"outlet_profile.png", "metric_heatmap.png", "voice_share.png", "hedged_claims.png"} <= set(figures)
    assert sum(f.startswith("terms_") for f in figures) == 3
    with (example_report / "articles.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 9
    html = (example_report / "index.html").read_text()
    for outlet in ("Capital Pulse", "Frontline Voice", "The Harbor Ledger"):
        assert outlet in html
    assert html.count("data:image/png;base64,") == len(figures)


def test_report_escapes_article_text(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "Evil Headline Here\n\nThe mayor said <script>alert('pwned')</script> the bridge would reopen on Monday.\n\n"
        "Officials said <img src=x onerror=alert(1)> it was late, according to the council.\n"
    )
    (corpus / "good.txt").write_text("Good Headline Here\n\nThe minister said the talks would resume on Monday.\n")
    compare(str(corpus), "--out", str(tmp_path / "out"))
    html = (tmp_path / "out" / "index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium package")
    if found is None:
        pytest.skip("chromium not installed (Debian package 'chromium'; .ci/run installs it in CI)")
    return found


_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_report_renders_in_chromium(example_report: Path, tmp_path: Path):
    chromium = _chromium()
    html = (example_report / "index.html").read_text()
    # the report forbids scripts; a probe copy without that rule counts the images that failed to load
    probe = re.sub(r"<meta http-equiv='Content-Security-Policy'[^>]*>", "", html).replace(
        "</body>",
        "<script>window.addEventListener('load',()=>{const i=[...document.images];"
        "document.body.setAttribute('data-images',i.length);"
        "document.body.setAttribute('data-broken',i.filter(x=>!x.complete||x.naturalWidth===0).length);});</script></body>",
    )
    (example_report / "probe.html").write_text(probe)
    base = [chromium, *_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*base, "--virtual-time-budget=10000", "--dump-dom", (example_report / "probe.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None, "chromium printed no DOM"
    images = int(re.search(r'data-images="(\d+)"', body.group()).group(1))
    broken = int(re.search(r'data-broken="(\d+)"', body.group()).group(1))
    assert images >= 7 and broken == 0
    # the side-by-side tables came through the browser's parser intact: one per story, cells and flags
    assert dom.count('<table class="sbs">') >= 3 and "not covered" in dom and "⚠" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [*base, "--window-size=1300,4000", f"--screenshot={shot}", (example_report / "index.html").as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 100_000


def test_seed_report_shows_the_framing_differences(seeds_dir: Path, tmp_path: Path):
    compare(*sorted(str(p) for p in seeds_dir.glob("*.txt")), "--out", str(tmp_path / "seeds"))
    html = (tmp_path / "seeds" / "index.html").read_text()
    assert "Naming choices" in html and "Casualty figures and who vouches for them" in html
    with (tmp_path / "seeds" / "figure_claims.csv").open() as fh:
        claims = list(csv.DictReader(fh))
    by = {(c["article_id"][:3], c["text"][:25]): c for c in claims}
    hamas = by[("004", "Hamas claims that more th")]
    assert hamas["sources"] == "named: Hamas" and "It is impossible to confirm" in hamas["hedges"]
    assert by[("002", "Over 34,000 people have b")]["sources"] == "anonymous: authorities"
    assert by[("003", "At least 39,445 Palestini")]["sources"] == "anonymous: authorities"
    assert by[("001", "Nearly 32,000 Palestinian")]["sources"] == ""
    with (tmp_path / "seeds" / "articles.csv").open() as fh:
        naming = {r["id"][:3]: r["naming.israel-palestine:hamas"] for r in csv.DictReader(fh)}
    assert naming == {
        "000": "militant_group",
        "001": "palestinian_group",
        "002": "palestinian_movement",
        "003": "palestinian_group",
        "004": "militants",
    }
    assert "diplomatic source" in html


def test_group_by_date_bucket_and_unknown_column(tmp_path: Path, example_dir: Path):
    compare(str(example_dir / "txt"), "--by", "date_month", "--out", str(tmp_path / "m"))
    with (tmp_path / "m" / "articles.csv").open() as fh:
        months = {r["date_month"] for r in csv.DictReader(fh)}
    assert months == {"2025-04", "2025-06", "2025-09"}
    r = CliRunner().invoke(
        main, ["compare", str(example_dir / "txt"), "--by", "colour", "--out", str(tmp_path / "x"), "--no-progress"]
    )
    assert r.exit_code == 2 and "cannot group by 'colour'" in r.output
    assert not (tmp_path / "x" / "articles.csv").exists()


def test_side_by_side_section_comes_first_for_a_small_corpus(example_report: Path):
    html = (example_report / "index.html").read_text()
    assert html.index("<h2 id='s0'>Same story, side by side</h2>") < html.index("Profile by outlet</h2>")
    with (example_report / "stories.csv").open() as fh:
        stories = list(csv.DictReader(fh))
    # three events, each told by the three outlets (datasets/example/README.md)
    assert sorted(int(r["size"]) for r in stories) == [3] * 9
    with (example_report / "coverage.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["story"] for r in rows} == {"S1", "S2", "S3"}
    assert {"coverage_S1.png", "coverage_S2.png", "coverage_S3.png"} <= {
        p.name for p in (example_report / "figures").glob("*.png")
    }
    assert (example_report / "discrepancies.csv").is_file()


def test_side_by_side_escapes_article_text(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Dam Breaks In Almen\n\nThe Keldar Dam broke on Tuesday and <script>alert(1)</script> 12 villages were flooded, "
        "officials said.\n"
    )
    (corpus / "b.txt").write_text(
        "Keldar Dam Fails\n\nTwelve villages were flooded when the Keldar Dam <b onmouseover=x>broke</b> on Tuesday.\n"
    )
    compare(str(corpus), "--out", str(tmp_path / "out"))
    html = (tmp_path / "out" / "index.html").read_text()
    section = html[html.index("Same story, side by side</h2>") : html.index("Profile by outlet</h2>")]
    assert "class='sbs'" in section and "Keldar" in section
    assert "<script>" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in section and "&lt;b onmouseover=x&gt;" in section


def test_seed_report_side_by_side(seeds_dir: Path, tmp_path: Path):
    compare(*sorted(str(p) for p in seeds_dir.glob("*.txt")), "--out", str(tmp_path / "seeds"))
    with (tmp_path / "seeds" / "discrepancies.csv").open() as fh:
        found = list(csv.DictReader(fh))
    (date,) = [d for d in found if d["kind"] == "date"]
    assert date["details"].startswith("004_") and "November 7, 2023" in date["details"]
    assert any(
        d["kind"] == "figures" and "Nearly 32,000" in d["details"] and "more than 40 000" in d["details"] for d in found
    )
    html = (tmp_path / "seeds" / "index.html").read_text()
    assert "not covered" in html and "source: anonymous: local health authorities (according to)" in html

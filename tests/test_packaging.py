"""The wheel carries the lexicons and the example corpus, and works outside the source tree (no network)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: hatchling comes from the dev extras, so the build needs no download.
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("framing-*.whl")
    return whl


def test_wheel_contents(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "framing/py.typed",
        "framing/lexicons/outlets.yaml",
        "framing/lexicons/hedges.tsv",
        "framing/lexicons/NOTICE.md",
        "framing/datasets/example/outlets.yaml",
        "framing/datasets/example/frontline_voice.jsonl",
        "framing/io/data/dumplines.json",
    ):
        assert required in names, f"{required} missing from the wheel"


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import framing.resources as r; from framing.text.lexicon import bundled_lexicon;"
        "from framing.outlets import load_outlet_table;"
        f"assert str(r.lexicon_dir()).startswith({str(site)!r}), r.lexicon_dir();"
        "print(bundled_lexicon('hedges').ref, len(load_outlet_table()))"
    )
    probe = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("hedges@")
    example = site / "framing" / "datasets" / "example"
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "framing",
            "score",
            str(example),
            "--outlets",
            str(example / "outlets.yaml"),
            "--format",
            "csv",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 0, cli.stderr
    assert len(cli.stdout.strip().splitlines()) == 10 and "Capital Pulse" in cli.stdout

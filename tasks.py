#!/usr/bin/env python3
"""Set-up tasks that need nothing but Python 3.11+ and pip (no make, no shell tricks).

    python3 tasks.py demo   # create .venv, install framing, score the bundled example corpus
    python3 tasks.py test   # create .venv, install framing with dev extras, run ruff and the whole test suite

The virtual environment lives in ``.venv`` (override with FRAMING_VENV). Installation is skipped when
pyproject.toml has not changed since the last install into that environment.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("FRAMING_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
EXAMPLE = ROOT / "framing" / "datasets" / "example"


def run(*cmd: str | Path) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def ensure_env(extras: str = "") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        sys.exit(f"framing needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".framing-installed{extras or '-base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".{extras}" if extras else "."
    if run(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target) != 0:
        sys.exit("installation failed (see pip's message above)")
    stamp.write_text(digest)


def demo() -> int:
    ensure_env()
    print("\nScoring the bundled example corpus (3 fictional outlets x 3 events, .txt/.html/.jsonl):\n", flush=True)
    code = run(BIN / "framing", "score", EXAMPLE, "--outlets", EXAMPLE / "outlets.yaml")
    if code != 0:
        return code
    print("\nComparing the outlets (statistics, term contrasts, actors, figures):\n", flush=True)
    return run(
        BIN / "framing", "compare", EXAMPLE, "--by", "outlet", "--out", ROOT / "out" / "example-report",
        "--outlets", EXAMPLE / "outlets.yaml", "--actors", EXAMPLE / "actors.yaml", "--termpack",
        EXAMPLE / "termpack.yaml", "--no-progress",
    )  # fmt: skip


def test() -> int:
    ensure_env("[dev]")
    if run(PY, "-m", "ruff", "check", "framing", "tests", "tasks.py") != 0:
        return 1
    code = run(PY, "-m", "pytest", "-q")
    if code == 5:
        print("pytest collected no tests: that is a failure here", file=sys.stderr)
        return 1
    return code


def validate() -> int:
    """Measure every scorer on the dev portions in ../shared/data and rewrite reports/validation.*."""
    ensure_env()
    data = Path(os.environ.get("FRAMING_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not data.is_dir():
        print(f"datasets not found at {data}; set FRAMING_SHARED_DATA", file=sys.stderr)
        return 1
    return run(BIN / "framing", "validate", "--data", data, "--out", ROOT / "reports")


if __name__ == "__main__":
    tasks = {"demo": demo, "test": test, "validate": validate}
    if len(sys.argv) != 2 or sys.argv[1] not in tasks:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{'|'.join(tasks)}}}")
    sys.exit(tasks[sys.argv[1]]())

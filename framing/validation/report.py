"""Run every evaluation on the dev portions and write the committed validation report.

    python -m framing.validation.report --data ../shared/data --out reports/
    framing validate --data ../shared/data            # the same, from the CLI
    framing validate --data ../shared/data --only framing.validation.hedging   # rerun one section, keep the rest

Writes ``reports/validation.md`` (tables) and ``reports/validation.json`` (every number). An evaluation that
fails is reported as failed in both files and makes the command exit 1: no silent gaps.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.validation.base import EvalResult

__all__ = ["TASKS", "run_validation"]

#: Evaluation modules, each with ``evaluate(data_root) -> list[EvalResult]``, in report order.
TASKS = (
    "framing.validation.attribution",
    "framing.validation.hedging",
    "framing.validation.word_choice",
    "framing.validation.sentiment",
    "framing.validation.models",
    "framing.validation.frames",
    "framing.validation.stories",
    "framing.validation.reading",
)


def run_validation(
    data_root: Path, out_dir: Path, tasks: tuple[str, ...] = TASKS, *, only: tuple[str, ...] = ()
) -> bool:
    """Run the evaluations and write the report; return True when all of them ran.

    Args:
        data_root: The folder holding the datasets.
        out_dir: Where ``validation.md`` and ``validation.json`` are written.
        tasks: Evaluation modules, in report order.
        only: Rerun just these modules (names or their last part, e.g. ``hedging``) and keep every other section
            as the existing ``validation.json`` in ``out_dir`` has it.
    """
    wanted = {_qualified(n, tasks) for n in only}
    unknown = wanted - set(tasks)
    if unknown:
        raise ValueError(f"no evaluation module {', '.join(sorted(unknown))}; known: {', '.join(tasks)}")
    kept = _previous(out_dir / "validation.json") if wanted else {}
    results: list[tuple[str, list[EvalResult] | None, str | None, float]] = []
    for name in tasks:
        if wanted and name not in wanted:
            if name in kept:
                results.append(kept[name])
            continue
        start = time.perf_counter()
        try:
            res = importlib.import_module(name).evaluate(Path(data_root))
            results.append((name, res, None, time.perf_counter() - start))
        except Exception:  # every failure is written to the report and fails the command
            results.append((name, None, traceback.format_exc(limit=3), time.perf_counter() - start))
    out_dir.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "framing_version": __version__,
        "python": platform.python_version(),
        "command": "framing validate --data <shared>/data",
        "evaluations": [
            {"module": n, "seconds": round(t, 1), "error": err, "results": [r.to_dict() for r in res or []]}
            for n, res, err, t in results
        ],
    }
    (out_dir / "validation.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (out_dir / "validation.md").write_text(_markdown(results), encoding="utf-8")
    return all(err is None for _, _, err, _ in results)


def _qualified(name: str, tasks: tuple[str, ...]) -> str:
    return name if name in tasks or name.startswith("framing.") else f"framing.validation.{name}"


def _previous(path: Path) -> dict[str, tuple[str, list[EvalResult] | None, str | None, float]]:
    """The sections of an existing report, by module."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        e["module"]: (e["module"], [EvalResult.from_dict(r) for r in e["results"]], e["error"], float(e["seconds"]))
        for e in data.get("evaluations", [])
    }


def _markdown(results: list[tuple[str, list[EvalResult] | None, str | None, float]]) -> str:
    lines = [
        "# Validation report",
        "",
        f"framing {__version__}. Every number below was produced by `framing validate --data ../shared/data` "
        "(or `python3 tasks.py validate`) from the code in this repository, on **dev portions only**: the "
        "held-out test portions of these datasets are not available to the project. Targets are the "
        "project's; where one is not met, the notes say what limits it.",
        "",
        "| evaluation | headline score | P | R | F1 | target |",
        "|---|---|---|---|---|---|",
    ]
    for _, res, _, _ in results:
        for r in res or []:
            name, s = next(iter(r.scores.items()))
            target = f"{r.target:.2f}" if r.target is not None else "-"
            lines.append(
                f"| {r.task} ({r.dataset}) | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {target} |"
            )
    lines.append("")
    for name, res, err, secs in results:
        lines += [f"## {name} ({secs:.1f} s)", ""]
        if err is not None:
            lines += ["**FAILED**", "", "```", err.strip(), "```", ""]
            continue
        for r in res or []:
            lines += [r.to_markdown()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder holding the datasets (../shared/data)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    parser.add_argument("--only", action="append", default=[], help="rerun only this evaluation module (repeatable)")
    args = parser.parse_args(argv)
    ok = run_validation(args.data, args.out, only=tuple(args.only))
    print(f"wrote {args.out / 'validation.md'} and {args.out / 'validation.json'}" + ("" if ok else " (with failures)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

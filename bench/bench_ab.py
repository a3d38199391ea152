#!/usr/bin/env python3
"""Same-process A/B of framing's speed: this checkout against an earlier commit (a script, not a test).

    .venv/bin/python bench/bench_ab.py d3efc6f               # 400 AllSides articles, best of 5 interleaved runs
    .venv/bin/python bench/bench_ab.py d3efc6f --n 300 --repeat 3 --json /tmp/ab.json

The earlier commit's ``framing/`` (and its ``lexicons/``) is exported with ``git archive`` into a temporary folder
and imported under another package name, ``framing_ab``, so both versions run in one process, on the same
articles, interleaved chunk by chunk (the machine's speed drifts by up to 1.5x within minutes on a shared VM;
rows timed one after another would measure the drift). Rows, for each version:

    read        article_from_text on the raw text (cleaning, metadata, outlet, language)
    rules       Scorer(models=False) on the pre-read articles (lexicons, rules, evidence)
    rules+models  Scorer() on the pre-read articles: the rules plus the models available on this machine
    full        read + rules + models

A version's scorer is called the way that version's corpus runs call it (``score_many`` on each chunk when it
has one, ``score`` per article before). The ratio old / new of each row is printed: above 1 the change is
faster. Both versions use the models in the same data home, so set FRAMING_DATA to an empty folder to compare
the shipped models only.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "allsides"
CHUNK = 25


def export(rev: str, dest: Path, name: str = "framing_ab") -> None:
    """Write ``rev``'s framing package to ``dest/name`` with every ``framing`` import renamed."""
    tar = subprocess.run(
        ["git", "archive", rev, "framing", "lexicons"], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(dest, filter="data")
    (dest / "framing").rename(dest / name)
    (dest / "lexicons").rename(dest / name / "lexicons")
    pattern = re.compile(r"\bframing(?=[.\s:])|\bframing$", re.M)
    for path in (dest / name).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(name, text), encoding="utf-8")


def _has(pkg: Any, sub: str) -> bool:
    return (Path(pkg.__file__).parent / sub).is_dir()


def _reader(pkg: Any) -> Any:
    mod = f"{pkg.__name__}.io" if _has(pkg, "io") else f"{pkg.__name__}.reading"
    return importlib.import_module(mod).article_from_text


def _batch(scorer: Any) -> Any:
    if hasattr(scorer, "score_many"):
        return scorer.score_many
    return lambda arts: [scorer.score(a) for a in arts]


def run(rev: str, n: int, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    import framing
    import framing.scoring
    from framing.datasets.allsides import iter_allsides

    with tempfile.TemporaryDirectory() as tmp:
        export(rev, Path(tmp))
        sys.path.insert(0, tmp)
        old = importlib.import_module("framing_ab")
        records = []
        for rec in iter_allsides(DATA):
            records.append(rec)
            if len(records) >= n:
                break
        versions = {"old": old, "new": framing}
        readers = {k: _reader(v) for k, v in versions.items()}
        arts = {k: [readers[k](r.text, id=r.id, meta=r.meta()) for r in records] for k in versions}
        keep = [i for i, a in enumerate(arts["new"]) if a.error is None and a.language == "en"]
        arts = {k: [v[i] for i in keep] for k, v in arts.items()}
        recs = [records[i] for i in keep]
        rules = {k: _batch(v.Scorer(models=False)) for k, v in versions.items()}
        full = {k: _batch(v.Scorer()) for k, v in versions.items()}
        for k in versions:  # warm-up: lexicons, automata, models, caches
            rules[k](arts[k][:2])
            full[k](arts[k][:2])
        times: dict[str, list[float]] = {}
        for _ in range(repeat):
            run_t = dict.fromkeys(
                (f"{k} {row}" for k in versions for row in ("read", "rules", "rules+models", "full")), 0.0
            )
            for lo in range(0, len(recs), CHUNK):
                chunk = recs[lo : lo + CHUNK]
                for k in versions:
                    t0 = time.perf_counter()
                    read = [readers[k](r.text, id=r.id, meta=r.meta()) for r in chunk]
                    t1 = time.perf_counter()
                    rules[k](arts[k][lo : lo + CHUNK])
                    t2 = time.perf_counter()
                    full[k](arts[k][lo : lo + CHUNK])
                    t3 = time.perf_counter()
                    full[k](read)
                    t4 = time.perf_counter()
                    run_t[f"{k} read"] += t1 - t0
                    run_t[f"{k} rules"] += t2 - t1
                    run_t[f"{k} rules+models"] += t3 - t2
                    run_t[f"{k} full"] += (t1 - t0) + (t4 - t3)
            for key, v in run_t.items():
                times.setdefault(key, []).append(v)
    n_art = len(recs)
    best = {k: min(v) for k, v in times.items()}
    out = {
        "rev": rev,
        "n_articles": n_art,
        "repeat": repeat,
        "ms_per_article": {k: round(1000 * v / n_art, 3) for k, v in best.items()},
        "old_over_new": {
            row: round(best[f"old {row}"] / best[f"new {row}"], 3) for row in ("read", "rules", "rules+models", "full")
        },
        "runs_s": times,
    }
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("rev", help="the earlier commit (anything git understands)")
    p.add_argument("--n", type=int, default=400, help="AllSides articles (default 400)")
    p.add_argument("--repeat", type=int, default=5, help="interleaved runs; the best of each row is kept (default 5)")
    p.add_argument("--json", metavar="PATH", help="also write the result as JSON")
    args = p.parse_args(argv)
    if not DATA.is_dir():
        sys.exit(f"bench_ab: AllSides data not found at {DATA}")
    r = run(args.rev, args.n, args.repeat)
    print(f"{r['n_articles']} AllSides articles, best of {r['repeat']} interleaved runs; ms per article")
    print(f"| row | {args.rev} | this checkout | old / new |")
    print("|---|---:|---:|---:|")
    for row in ("read", "rules", "rules+models", "full"):
        ms = r["ms_per_article"]
        print(f"| {row} | {ms[f'old {row}']:.3f} | {ms[f'new {row}']:.3f} | {r['old_over_new'][row]:.2f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

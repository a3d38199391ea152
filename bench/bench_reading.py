#!/usr/bin/env python3
"""Same-process A/B of reading real pages: this checkout against an earlier commit (a script, not a test).

    .venv/bin/python bench/bench_reading.py 74bc793                  # best of 3 interleaved runs
    .venv/bin/python bench/bench_reading.py 74bc793 --repeat 5 --json /tmp/reading.json

The earlier commit is imported as ``framing_ab`` next to this checkout (as in ``bench/bench_ab.py``), and each
set is read by both versions in turn, chunk by chunk, so machine drift hits both alike. Sets and rows:

    realpages HTML    the 138 saved pages (../shared/data/realpages/pages): read, read + score
    realpages dumps   their plain-text dumps: read, read + score
    AllSides texts    the first --n AllSides articles: read, read + score

"read" is the version's reader on the decoded text (``html_article`` or ``article_from_text``), "read + score"
adds ``Scorer(models=False)`` (lexicons, rules, evidence) on what it read. A page a version cannot read
counts its reading time only. The ratio old / new of each row is printed: above 1 the change is faster.

Both versions in one process share its garbage collector: the objects one version keeps alive (a dictionary of
250,000 lists, say) are walked by every full collection while the other version runs too, so a change to what
stays in memory does not show. ``--processes`` runs each version alone in a fresh process instead, old and new
in turn, ``--repeat`` times each (the best run of each row is kept), as a user's process would run it:

    .venv/bin/python bench/bench_reading.py 74bc793 --processes --repeat 5
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
CHUNK = 10
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ab import export  # noqa: E402  (the same export of an earlier commit)


def _readers(pkg: Any) -> dict[str, Any]:
    html = importlib.import_module(f"{pkg.__name__}.io.html").html_article
    text = importlib.import_module(f"{pkg.__name__}.io").article_from_text
    table = importlib.import_module(f"{pkg.__name__}.outlets").load_outlet_table()
    return {
        "html": lambda s, i: html(s, id=i, source_path=i, table=table, warnings=[]),
        "text": lambda s, i: text(s, id=i, source_path=i, table=table),
    }


def _sets(n: int) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    from framing.datasets.allsides import iter_allsides

    root = SHARED / "realpages"
    pages = sorted((root / "pages").glob("*.html"))
    dumps = sorted((root / "dumps").glob("*.txt"))
    allsides = []
    for rec in iter_allsides(SHARED / "allsides"):
        allsides.append((rec.id, rec.text))
        if len(allsides) >= n:
            break
    return {
        "realpages HTML": ("html", [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in pages]),
        "realpages dumps": ("text", [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in dumps]),
        "AllSides texts": ("text", allsides),
    }


def _read_and_score(read: Any, scorer: Any, items: list[tuple[str, str]]) -> tuple[float, float]:
    t0 = time.perf_counter()
    arts = []
    for i, s in items:
        try:
            arts.append(read(s, i))
        except Exception:  # a page this version cannot read (or crashes on) costs its reading time only
            continue
    t1 = time.perf_counter()
    for a in arts:
        if a.error is None and a.text:
            scorer.score(a)
    return t1 - t0, time.perf_counter() - t0


def run(rev: str, n: int, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    import framing
    import framing.scoring

    with tempfile.TemporaryDirectory() as tmp:
        export(rev, Path(tmp))
        sys.path.insert(0, tmp)
        old = importlib.import_module("framing_ab")
        versions = {"old": old, "new": framing}
        readers = {k: _readers(v) for k, v in versions.items()}
        scorers = {
            k: importlib.import_module(f"{v.__name__}.scoring").Scorer(models=False) for k, v in versions.items()
        }
        sets = _sets(n)
        for k in versions:  # warm-up: lexicons, automata, trafilatura, jusText
            for kind, items in sets.values():
                _read_and_score(readers[k][kind], scorers[k], items[:2])
        times: dict[str, list[float]] = {}
        for _ in range(repeat):
            run_t: dict[str, float] = {}
            for name, (kind, items) in sets.items():
                for lo in range(0, len(items), CHUNK):
                    for k in versions:
                        r, rs = _read_and_score(readers[k][kind], scorers[k], items[lo : lo + CHUNK])
                        run_t[f"{k}|{name}|read"] = run_t.get(f"{k}|{name}|read", 0.0) + r
                        run_t[f"{k}|{name}|read + score"] = run_t.get(f"{k}|{name}|read + score", 0.0) + rs
            for key, v in run_t.items():
                times.setdefault(key, []).append(v)
    counts = {name: len(items) for name, (_, items) in sets.items()}
    return _summary(rev, repeat, counts, times)


def _child(where: str, n: int) -> dict[str, float]:
    """One version's seconds per set and row, alone in this process (``where``: its package's parent)."""
    name = "framing" if Path(where).resolve() == REPO else "framing_ab"
    sys.path.insert(0, where)
    pkg = importlib.import_module(name)
    readers = _readers(pkg)
    scorer = importlib.import_module(f"{name}.scoring").Scorer(models=False)
    sets = _sets(n)
    for kind, items in sets.values():  # warm-up: lexicons, automata, trafilatura, jusText
        _read_and_score(readers[kind], scorer, items[:2])
    out: dict[str, float] = {}
    for set_name, (kind, items) in sets.items():
        r, rs = _read_and_score(readers[kind], scorer, items)
        out[f"{set_name}|read"], out[f"{set_name}|read + score"] = r, rs
    return out


def run_processes(rev: str, n: int, repeat: int) -> dict[str, Any]:
    """``run``'s result, each version measured alone in a fresh process, old and new in turn."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        export(rev, Path(tmp))
        times: dict[str, list[float]] = {}
        for _ in range(repeat):
            for k, where in (("old", tmp), ("new", str(REPO))):
                cmd = [sys.executable, __file__, rev, "--n", str(n), "--child", where]
                res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
                for key, v in res.items():
                    times.setdefault(f"{k}|{key}", []).append(v)
    sets = _sets(n)
    counts = {name: len(items) for name, (_, items) in sets.items()}
    return _summary(rev, repeat, counts, times)


def _summary(rev: str, repeat: int, counts: dict[str, int], times: dict[str, list[float]]) -> dict[str, Any]:
    best = {k: min(v) for k, v in times.items()}
    rows = [(name, row) for name in counts for row in ("read", "read + score")]
    versions = ("old", "new")
    return {
        "rev": rev,
        "repeat": repeat,
        "items": counts,
        "ms_per_item": {
            f"{name}|{row}": {k: round(1000 * best[f"{k}|{name}|{row}"] / counts[name], 2) for k in versions}
            for name, row in rows
        },
        "old_over_new": {
            f"{name}|{row}": round(best[f"old|{name}|{row}"] / best[f"new|{name}|{row}"], 3) for name, row in rows
        },
        "runs_s": times,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("rev", help="the earlier commit (anything git understands)")
    p.add_argument("--n", type=int, default=300, help="AllSides articles (default 300)")
    p.add_argument("--repeat", type=int, default=3, help="interleaved runs; the best of each row is kept (default 3)")
    p.add_argument("--json", metavar="PATH", help="also write the result as JSON")
    p.add_argument("--processes", action="store_true", help="each version alone in its own process, in turn")
    p.add_argument("--child", metavar="PKG_DIR", help=argparse.SUPPRESS)  # one version's run (--processes)
    args = p.parse_args(argv)
    if not (SHARED / "realpages").is_dir() or not (SHARED / "allsides").is_dir():
        sys.exit(f"bench_reading: realpages or AllSides data not found under {SHARED}")
    if args.child:
        print(json.dumps(_child(args.child, args.n)))
        return 0
    r = run_processes(args.rev, args.n, args.repeat) if args.processes else run(args.rev, args.n, args.repeat)
    how = "processes, one version each, in turn" if args.processes else "interleaved runs"
    print(f"best of {r['repeat']} {how}; ms per page / article")
    print(f"| set | row | {args.rev} | this checkout | old / new |")
    print("|---|---|---:|---:|---:|")
    for key, ms in r["ms_per_item"].items():
        name, row = key.split("|")
        ratio = r["old_over_new"][key]
        print(f"| {name} ({r['items'][name]}) | {row} | {ms['old']:.2f} | {ms['new']:.2f} | {ratio:.2f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

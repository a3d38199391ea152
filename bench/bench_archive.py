#!/usr/bin/env python3
"""Whole-archive benchmarks (issue 16, point 6): processes, a Dask LocalCluster and the results store.

    .venv/bin/python bench/bench_archive.py parallel --n 1200          # 2 processes against 1
    .venv/bin/python bench/bench_archive.py dask --n 1200              # LocalCluster, 2 workers against 1
    .venv/bin/python bench/bench_archive.py store --sizes 10000 50000 100000   # into the store; then a re-run
    .venv/bin/python bench/bench_archive.py formats --n 3000           # DuckDB against Parquet partitions

A script, not a test. Data: the AllSides articles in ../shared/data/allsides (the first ``--n`` records in
file order, written once as a JSONL corpus under ``--work``). The store benchmark replicates them to the size
asked with varied text (article i is AllSides article i mod n with its paragraphs rotated and a closing line
naming i), so every input has its own content hash and no score is reused by accident.

How it measures: every row reads and scores with the shipped models (what ``framing score`` does by default).
``parallel`` and ``dask`` run the compared rows interleaved (1, 2, 1, 2 ...), ``--repeat`` times each, and keep
the best of each: the machine is shared, and the load average before and after each run is printed so a figure
can be judged. The pool's start (the fork, a few ms) is timed; loading the lexicons and models in the parent
(once per command, also with one process) is not. ``store`` runs ``framing score FILE --store DIR --jobs 2
--quiet`` as a subprocess over the largest size, notes the time at which the store's manifest holds each of the
sizes (the growth of the time with the size), samples the resident memory of the command and its workers every
0.5 s (RSS, and PSS, which counts the pages the forked workers share with the parent once), then runs the same
command again over the unchanged store.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "allsides"


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def corpus(work: Path, n: int) -> Path:
    """The first ``n`` AllSides articles as JSONL (written once)."""
    from framing.datasets.allsides import iter_allsides

    path = work / f"allsides_{n}.jsonl"
    if not path.is_file():
        work.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for a in iter_allsides(DATA, limit=n):
                fh.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet,
                                     "date": a.date, "url": a.url, "lean": a.lean}) + "\n")  # fmt: skip
    return path


def replicated(work: Path, base: Path, size: int) -> Path:
    """``size`` articles from ``base`` with varied text (see the module docs)."""
    path = work / f"replicated_{size}.jsonl"
    if path.is_file():
        return path
    recs = [json.loads(line) for line in base.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            r = dict(recs[i % len(recs)])
            paras = [p for p in r["text"].split("\n") if p.strip()]
            k = (i // len(recs)) % max(1, len(paras))
            r["text"] = "\n".join(paras[k:] + paras[:k]) + f"\nThis is copy {i} of the article, the archive said."
            r["id"] = f"{r['id']}-{i}"
            fh.write(json.dumps(r) + "\n")
    return path


def _units(path: Path) -> list[Any]:
    from framing.io.read import iter_units, read_options

    return list(iter_units([path], read_options()))


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ceiling() -> float:
    """What two processes give on this machine now: a pure-Python loop in 1 and 2 processes (the other jobs
    on a shared machine take cores; this says how many are left)."""
    from concurrent.futures import ProcessPoolExecutor

    work = [3_000_000] * 8
    t = time.perf_counter()
    for w in work:
        _spin(w)
    one = time.perf_counter() - t
    with ProcessPoolExecutor(2) as ex:
        list(ex.map(_spin, [1000, 1000]))
        t = time.perf_counter()
        list(ex.map(_spin, work))
        two = time.perf_counter() - t
    return one / two


def bench_parallel(args: argparse.Namespace) -> dict[str, Any]:
    from functools import partial

    from framing.cli.score import _payload
    from framing.io.read import read_options
    from framing.runs.pool import ScoreJob, map_units, warm
    from framing.scoring import Scorer

    units = _units(corpus(args.work, args.n))
    job = ScoreJob(Scorer(), read_options(), partial(_payload, fmt="jsonl", sentences=False))
    warm(job)
    runs: dict[int, list[float]] = {1: [], 2: []}
    ceilings = []
    for r in range(args.repeat):
        ceilings.append(ceiling())
        print(f"repeat {r}: a pure-Python loop in 2 processes against 1: {ceilings[-1]:.2f}x")
        for jobs in (1, 2):
            before = load()
            t = time.perf_counter()
            n = sum(1 for _ in map_units(units, job, n_jobs=jobs))
            dt = time.perf_counter() - t
            runs[jobs].append(dt)
            print(f"repeat {r}: {jobs} process(es): {n / dt:7.1f} articles/s ({dt:.1f} s), load {before} -> {load()}")
    best = {j: min(v) for j, v in runs.items()}
    out = {"articles": len(units), "seconds": runs, "best_per_s": {j: len(units) / b for j, b in best.items()},
           "speedup": best[1] / best[2], "loop_ceiling": ceilings}  # fmt: skip
    print(f"2 processes against 1: {out['speedup']:.2f}x (best of {args.repeat}); the loop's: "
          f"{', '.join(f'{c:.2f}x' for c in ceilings)}")  # fmt: skip
    return out


def bench_dask(args: argparse.Namespace) -> dict[str, Any]:
    import dask
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from framing.io.read import read_options
    from framing.runs.cluster import score_dataframe
    from framing.runs.pool import ScoreJob, warm
    from framing.scoring import Scorer

    path = corpus(args.work, args.n)
    frame = pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])
    parts = dd.from_pandas(frame, npartitions=args.partitions)
    runs: dict[int, list[float]] = {1: [], 2: []}
    clusters = {w: LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None)
                for w in (1, 2)}  # fmt: skip
    try:
        clients = {w: Client(c) for w, c in clusters.items()}
        job = ScoreJob(Scorer(), read_options())
        for c in clients.values():
            c.run(warm, job)
        warm(job)  # and this process, which scores a probe article for the tables' columns
        ceilings = []
        for r in range(args.repeat):
            ceilings.append(ceiling())
            print(f"repeat {r}: a pure-Python loop in 2 processes against 1: {ceilings[-1]:.2f}x")
            for w in (1, 2):
                before = load()
                t = time.perf_counter()
                articles, evidence = dask.compute(*score_dataframe(parts), scheduler=clients[w].get)
                dt = time.perf_counter() - t
                runs[w].append(dt)
                print(f"repeat {r}: {w} worker(s): {len(articles) / dt:7.1f} articles/s ({dt:.1f} s), "
                      f"{len(evidence)} evidence rows, load {before} -> {load()}")  # fmt: skip
    finally:
        for c in clients.values():
            c.close()
        for cl in clusters.values():
            cl.close()
    best = {w: min(v) for w, v in runs.items()}
    out = {"articles": len(frame), "partitions": args.partitions, "seconds": runs,
           "best_per_s": {w: len(frame) / b for w, b in best.items()}, "speedup": best[1] / best[2],
           "loop_ceiling": ceilings}  # fmt: skip
    print(f"LocalCluster 2 workers against 1: {out['speedup']:.2f}x (best of {args.repeat}); the loop's: "
          f"{', '.join(f'{c:.2f}x' for c in ceilings)}")  # fmt: skip
    return out


def _tree(pid: int) -> list[Any]:
    import psutil

    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _committed(store: Path) -> int:
    manifest = store / "manifest.jsonl"
    if not manifest.is_file():
        return 0
    n = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        try:
            n += json.loads(line)["articles"]
        except (json.JSONDecodeError, KeyError):
            break
    return n


def _run_store(path: Path, store: Path, jobs: int, marks: list[int] = ()) -> dict[str, Any]:
    import psutil

    cmd = [str(REPO / ".venv" / "bin" / "framing"), "score", str(path), "--store", str(store), "--jobs", str(jobs),
           "--quiet"]  # fmt: skip
    before = load()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"parent_rss": 0, "worker_rss": 0, "sum_rss": 0, "sum_pss": 0}
    reached: dict[int, float] = {}
    while proc.poll() is None:
        done = _committed(store) if marks else 0
        for m in marks:
            if m not in reached and done >= m:
                reached[m] = time.perf_counter() - t
        procs = _tree(proc.pid)
        rss, pss = [], []
        for p in procs:
            try:
                info = p.memory_full_info()
                rss.append(info.rss)
                pss.append(info.pss)
            except psutil.Error:
                continue
        if rss:
            peak["parent_rss"] = max(peak["parent_rss"], rss[0])
            peak["worker_rss"] = max([peak["worker_rss"], *rss[1:]])
            peak["sum_rss"] = max(peak["sum_rss"], sum(rss))
            peak["sum_pss"] = max(peak["sum_pss"], sum(pss))
        time.sleep(0.5)
    dt = time.perf_counter() - t
    out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    mb = {k: round(v / 2**20, 1) for k, v in peak.items()}
    return {"seconds": dt, "load": f"{before} -> {load()}", "peak_mb": mb, "summary": out.strip(),
            "reached_s": reached}  # fmt: skip


def bench_store(args: argparse.Namespace) -> dict[str, Any]:
    """One run of the largest size into a new store, timed when the store holds each size; then a re-run."""
    import shutil

    base = corpus(args.work, args.n)
    size = max(args.sizes)
    path = replicated(args.work, base, size)
    store = args.work / f"store_{size}"
    shutil.rmtree(store, ignore_errors=True)
    first = _run_store(path, store, args.jobs, marks=sorted(args.sizes))
    again = _run_store(path, store, args.jobs)
    size_mb = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20
    marks = first["reached_s"]
    print(f"{size} articles: {first['seconds']:.1f} s, peak MB {first['peak_mb']}, load {first['load']}")
    for m in sorted(marks):
        print(f"  {m:>7} committed after {marks[m]:8.1f} s: {1000 * marks[m] / m:.2f} ms/article")
    share = 100 * again["seconds"] / first["seconds"]
    print(f"  re-run over the unchanged store: {again['seconds']:.1f} s ({share:.2f} %), peak MB {again['peak_mb']}"
          f"; store {size_mb:.0f} MB")  # fmt: skip
    print(f"  {first['summary']}\n  {again['summary']}")
    if not args.keep:
        shutil.rmtree(store, ignore_errors=True)
    return {"size": size, "first": first, "rerun": again, "rerun_share": again["seconds"] / first["seconds"],
            "store_mb": round(size_mb, 1)}  # fmt: skip


def _duckdb_store(folder: Path, payloads: list[Any], n: int, batch: int) -> None:
    """The first version of the store: DuckDB tables, one transaction per batch (articles, evidence, sentences)."""
    import duckdb
    import pandas as pd
    import pyarrow as pa

    from framing.runs.store import _EV_COLUMNS, _SENT_COLUMNS

    folder.mkdir(parents=True)
    con = duckdb.connect(str(folder / "store.duckdb"), config={"threads": 1, "memory_limit": "256MB"})
    con.execute("create table articles (key varchar primary key, seq bigint, settings_id varchar, record json)")
    columns = {"key", "seq", "settings_id", "record"}
    for start in range(0, n, batch):
        chunk = [(f"k{i}", i, payloads[i % len(payloads)]) for i in range(start, min(n, start + batch))]
        rows = pd.DataFrame([{"key": k, "seq": s, "settings_id": "s", "record": p["record"], **p["row"]}
                             for k, s, p in chunk])  # fmt: skip
        ev_rows = [(k, 0, *e) for k, _, p in chunk for e in p["evidence"]]
        st_rows = [(k, 0, *x) for k, _, p in chunk for x in p["sentences"]]
        con.register("ev", pa.table({c: [r[j] for r in ev_rows] for j, c in enumerate(_EV_COLUMNS)}))
        con.register("st", pa.table({c: [r[j] for r in st_rows] for j, c in enumerate(_SENT_COLUMNS)}))
        con.register("rows", rows)
        if start == 0:
            con.execute("create table evidence as select * from ev limit 0")
            con.execute("create table sentences as select * from st limit 0")
        con.execute("begin transaction")
        for c in rows.columns:
            if c not in columns:
                kind = {"f": "double", "i": "bigint", "b": "boolean"}.get(rows[c].dtype.kind, "varchar")
                con.execute(f'alter table articles add column "{c}" {kind}')
                columns.add(c)
        con.execute("insert into articles by name select * from rows")
        con.execute("insert into evidence select * from ev")
        con.execute("insert into sentences select * from st")
        con.execute("commit")
    con.close()


def bench_formats(args: argparse.Namespace) -> dict[str, Any]:
    """Writing the same payloads into DuckDB tables and into the store's Parquet parts, and reading them back."""
    import shutil

    import duckdb

    from framing.io.read import read_options
    from framing.runs.pool import ScoreJob, map_units
    from framing.runs.store import Store, store_payload
    from framing.scoring import Scorer

    units = _units(corpus(args.work, args.n_score))
    payloads = list(map_units(units, ScoreJob(Scorer(), read_options(), store_payload), n_jobs=2))
    n, batch = args.n, 64
    out: dict[str, Any] = {"articles": n, "batch": batch, "load_before": load()}
    folder = args.work / "fmt_duckdb"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    _duckdb_store(folder, payloads, n, batch)
    out["duckdb_write_ms_per_article"] = 1000 * (time.perf_counter() - t) / n
    con = duckdb.connect(str(folder / "store.duckdb"), read_only=True)
    t = time.perf_counter()
    dkeys = con.execute("select key, settings_id from articles").fetchall()
    out["duckdb_keys_s"] = time.perf_counter() - t
    t = time.perf_counter()
    dev = con.sql("select e.* exclude (key, part, pos) from evidence e join articles a using (key) "
                  "order by a.seq, e.pos").df()  # fmt: skip
    out["duckdb_evidence_s"] = time.perf_counter() - t
    con.close()
    out["duckdb_mb"] = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
    folder = args.work / "fmt_parquet"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    with Store(folder, create=True) as store:
        for i in range(n):
            store.add(f"k{i}", i, "s", payloads[i % len(payloads)])
            if store.pending >= batch:
                store.commit()
        store.commit()
    out["parquet_write_ms_per_article"] = 1000 * (time.perf_counter() - t) / n
    with Store(folder, read_only=True) as store:
        t = time.perf_counter()
        pkeys = store.keys()
        out["parquet_keys_s"] = time.perf_counter() - t
        t = time.perf_counter()
        pev = store.evidence()
        out["parquet_evidence_s"] = time.perf_counter() - t
    out["parquet_mb"] = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
    assert len(dkeys) == len(pkeys) == n and len(dev) == len(pev)
    out.update(evidence_rows=len(pev), load_after=load())
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}, indent=1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["parallel", "dask", "store", "formats"])
    ap.add_argument("--n", type=int, default=1200, help="AllSides articles (formats: articles written)")
    ap.add_argument("--n-score", type=int, default=300, help="formats: articles scored, then repeated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--partitions", type=int, default=24, help="dask: partitions of the DataFrame")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--jobs", type=int, default=2, help="store: --jobs of the runs")
    ap.add_argument("--keep", action="store_true", help="store: keep the stores")
    ap.add_argument("--work", type=Path, default=Path("/tmp/framing-bench"))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"AllSides data not found at {DATA}", file=sys.stderr)
        return 1
    fn = {"parallel": bench_parallel, "dask": bench_dask, "store": bench_store, "formats": bench_formats}
    print(f"{args.what}: {os.cpu_count()} CPUs, load {load()}, {time.strftime('%Y-%m-%d %H:%M')}")
    result = fn[args.what](args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

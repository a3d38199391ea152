#!/usr/bin/env python3
"""Golden records: a digest of the full ``framing score --format json`` record of fixed articles.

The refactors of the pipeline (issue 13) must not change what a user sees. This script scores the seed
articles, the bundled example corpus and the first 300 AllSides articles (file order) with the default scorer
(models included) and writes, per article, the SHA-256 of each part of its JSON record to
``tests/golden/records.json``; ``tests/test_golden.py`` recomputes them and fails on any difference. Only
digests are committed (the seeds and AllSides texts stay in ../shared).

    .venv/bin/python tests/golden/snapshot.py            # rewrite records.json from this code
    .venv/bin/python tests/golden/snapshot.py --dump D   # also write every full record to D/<set>.jsonl

Run it, and commit the new file with the reason, whenever a change is meant to alter output.
Floats are rounded to 12 significant digits before hashing, so a summation done in another order does not
count as a change; anything a user could see at 12 digits does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
OUT = Path(__file__).resolve().parent / "records.json"
N_ALLSIDES = 300
#: Parts of a record hashed separately, so a failure says where the change is.
PARTS = ("article", "scores", "evidence", "naming", "lean", "rest")
_ARTICLE_KEYS = ("id", "source_path", "title", "date", "url", "outlet", "byline", "dateline", "language", "text",
                 "meta", "warnings", "error")  # fmt: skip


def _round(v: Any) -> Any:
    if isinstance(v, float):
        return float(f"{v:.12g}")
    if isinstance(v, dict):
        return {k: _round(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_round(x) for x in v]
    return v


def _digest(v: Any) -> str:
    return hashlib.sha256(json.dumps(_round(v), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def parts(record: dict[str, Any]) -> dict[str, str]:
    """Digest of each part of one record."""
    rest = {k: v for k, v in record.items() if k not in {*_ARTICLE_KEYS, "scores", "evidence", "naming", "lean"}}
    return {
        "article": _digest({k: record.get(k) for k in _ARTICLE_KEYS}),
        "scores": _digest(record.get("scores")),
        "evidence": _digest(record.get("evidence")),
        "naming": _digest(record.get("naming")),
        "lean": _digest(record.get("lean")),
        "rest": _digest(rest),
    }


def _articles(which: str) -> Iterator[Any]:
    from framing import read_articles
    from framing.resources import example_corpus_dir

    if which == "seeds":
        yield from read_articles(sorted((SHARED / "seeds").glob("*.txt")))
    elif which == "example":
        corpus = example_corpus_dir()
        yield from read_articles(corpus, outlet_tables=[corpus / "outlets.yaml"])
    else:
        import pandas as pd

        from framing.datasets.allsides import iter_allsides

        recs = []
        for rec in iter_allsides(SHARED / "data" / "allsides", limit=N_ALLSIDES):
            recs.append({"id": rec.id, "text": rec.text, **rec.meta()})
        yield from read_articles(pd.DataFrame(recs))


def records(which: str) -> Iterator[dict[str, Any]]:
    """Full JSON records (``--format json --sentences``) of one golden set: seeds, example or allsides."""
    from framing.scoring import Scorer

    scorer = Scorer()
    for art in _articles(which):
        yield scorer.score(art).to_dict(sentences=True)


def snapshot(which: str, dump: Path | None = None) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    fh = (dump / f"{which}.jsonl").open("w", encoding="utf-8") if dump else None
    for rec in records(which):
        rec = _portable(rec)
        key = f"{rec['source_path']}|{rec['id']}"
        out[key] = parts(rec)
        if fh:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    if fh:
        fh.close()
    return out


def _portable(rec: dict[str, Any]) -> dict[str, Any]:
    """The record with a path inside this checkout written as ``<repo>/...`` and one inside ``../shared`` as
    ``<shared>/...``, so every worktree (``/work/main``, ``/work/wNN``) and CI (wherever it clones) computes the
    same digests."""
    path = rec.get("source_path")
    if isinstance(path, str):
        for root, tag in ((SHARED, "<shared>/"), (REPO, "<repo>/")):
            prefix = f"{root}/"
            if path.startswith(prefix):
                return {**rec, "source_path": tag + path[len(prefix) :]}
    return rec


SETS = ("seeds", "example", "allsides")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", type=Path, help="also write the full records to DIR/<set>.jsonl")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"../shared not found at {SHARED}", file=sys.stderr)
        return 1
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    data = {which: snapshot(which, args.dump) for which in SETS}
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({', '.join(f'{k}: {len(v)}' for k, v in data.items())} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

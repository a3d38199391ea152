#!/usr/bin/env python3
"""Write the AllSides media-split dev articles as a JSONL corpus for `framing compare` (a script, not a test).

    .venv/bin/python bench/allsides_dev_corpus.py /tmp/allsides_valid.jsonl
    .venv/bin/framing compare /tmp/allsides_valid.jsonl --by meta.lean --out /tmp/allsides-report

Each line holds id, title, text, outlet, date, url and ``lean`` (AllSides' rating of the outlet), which the
reader keeps as ``meta.lean``. The data stays outside the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from framing.datasets.allsides import iter_allsides  # noqa: E402


def main(out: str, data: str = str(REPO.parent / "shared" / "data" / "allsides")) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for a in iter_allsides(Path(data), split="valid"):
            fh.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet, "date": a.date,
                                 "url": a.url, "lean": a.lean}) + "\n")  # fmt: skip
            n += 1
    print(f"wrote {n} articles to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

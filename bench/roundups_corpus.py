#!/usr/bin/env python3
"""Write the AllSides headline roundups as a flat JSONL corpus for `framing stories` (a script, not a test).

    .venv/bin/python bench/roundups_corpus.py /tmp/roundups.jsonl
    .venv/bin/framing stories /tmp/roundups.jsonl --truth meta.roundup

Each line is one outlet item of a roundup: id (``<roundup>-<side>``), title, text (its first sentences),
outlet, date (the roundup's), url, and ``roundup`` / ``side`` / ``issue``, which the reader keeps as
``meta.<name>``. The data stays outside the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from framing.datasets.roundups import iter_roundups  # noqa: E402


def main(out: str, data: str = str(REPO.parent / "shared" / "data" / "roundups")) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for item in iter_roundups(Path(data)):
            fh.write(json.dumps(item.record(), ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} items to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

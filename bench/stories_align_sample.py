#!/usr/bin/env python3
"""Print the facts aligned in a fixed sample of held-out roundups, for a hand check (a script, not a test).

    .venv/bin/python bench/stories_align_sample.py

The sample: test-portion roundups (framing.validation.stories.portions) with three items, every 20th by
roundup id, the first ten. Each roundup's items are scored and aligned as one story; the facts told by two or
more items are printed with their sentences, to be judged by reading (no annotated alignment data exists).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import framing  # noqa: E402
from framing.datasets.roundups import iter_roundups  # noqa: E402
from framing.io import article_from_text  # noqa: E402
from framing.stories import align_story  # noqa: E402
from framing.validation.stories import portions  # noqa: E402


def main() -> int:
    items = portions(list(iter_roundups(REPO.parent / "shared" / "data" / "roundups")))["test"]
    by: dict[str, list] = {}
    for i in items:
        by.setdefault(i.roundup, []).append(i)
    chosen = [r for r in sorted(by) if len(by[r]) == 3][::20][:10]
    for r in chosen:
        meta = [{"title": i.title, "date": i.date, "outlet": i.outlet} for i in by[r]]
        scores = [framing.score(article_from_text(i.text, id=i.id, meta=m)) for i, m in zip(by[r], meta, strict=True)]
        story = align_story(scores)
        print("=====", r, by[r][0].issue)
        for f in story.facts:
            if len(f.articles) < 2:
                continue
            print(" ", f.id, f.label, sorted({d.kind for d in story.discrepancies_of(f.id)}))
            for m in f.mentions:
                print("     ", m.article_id.rpartition("-")[2], m.sentence, m.text[:150])
        print("  facts of one item:", sum(len(f.articles) == 1 for f in story.facts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

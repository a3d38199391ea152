#!/usr/bin/env python3
"""How much the models' in-article scoring differs from scoring each sentence alone (a script, not a test).

Inside ``framing score`` a sentence model's lexicon features come from the evidence the scorer found in the
whole article (:func:`framing.models.features.rows_from_evidence`); ``model.predict_proba([sentence])`` scores
the sentence alone. They differ where context matters (a quote opened in the previous sentence, "told Fox
News" in a Fox News article). This prints, per available sentence model, the mean and largest absolute
difference in probability and the share of sentences whose 0.5 decision flips, on the first N AllSides
articles (file order).

Usage:
    .venv/bin/python bench/models_in_context.py            # 200 articles
    .venv/bin/python bench/models_in_context.py --n 500
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scoring import DEFAULT_DATA, load


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--data", default=str(DEFAULT_DATA))
    args = p.parse_args()
    from framing.scoring import Scorer

    _, articles, _ = load(Path(args.data), args.n)
    scorer = Scorer()
    models = scorer.models_
    sentence_models = {t: m for t, m in models.items() if t != "lean"}
    if not sentence_models:
        sys.exit("no sentence model available")
    scores = [scorer.score(a) for a in articles]
    for task, model in sorted(sentence_models.items()):
        items = [e for s in scores for e in s.evidence if e.dimension == "model" and e.category == task]
        in_article = np.array([e.weight for e in items])
        pos = list(model.classes_).index(model.positive_class)
        alone = model.predict_proba([e.text for e in items])[:, pos]
        diff = np.abs(in_article - alone)
        flips = ((in_article >= 0.5) != (alone >= 0.5)).mean()
        print(
            f"{task}: {len(items)} sentences of {len(articles)} articles; |P(in article) - P(alone)| mean "
            f"{diff.mean():.3f}, max {diff.max():.3f}; 0.5 decision flips {100 * flips:.1f} %"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

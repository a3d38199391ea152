#!/usr/bin/env python3
"""Per-article cost of the word-vector block in scoring (a script, not a test).

On the first N usable AllSides articles (file order, as bench_scoring.py loads them), times on one core, in the
same run and alternating, best of ``--repeat``:

    rules         Scorer(models=False).score(article)
    models        Scorer().score(article) with the shipped models (subjective and frames; no vectors block)
    models+vec    the same with a subjective model that also has the vectors block (the shipped model's settings
                  plus ``vectors: {weight: W}``, trained here on NewsSD train, put in a temporary data home)

and the pooling alone on the articles' sentences: one ``Vectors.pool`` call per article (batched, as the
scorer does) against one call per sentence.

Usage:
    .venv/bin/python bench/bench_vectors.py --n 300 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scoring import DEFAULT_DATA, load

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def _time(fn, items) -> float:
    start = time.perf_counter()
    for it in items:
        fn(it)
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--weight", type=float, default=0.3)
    p.add_argument("--data", default=str(DEFAULT_DATA))
    args = p.parse_args()
    home = tempfile.mkdtemp(prefix="framing-bench-")
    os.environ["FRAMING_DATA"] = home  # no user-trained model: the shipped ones
    from framing.models import find_model, load_model, save_model
    from framing.models.tasks import get_task, load_split
    from framing.models.train import train_model
    from framing.models.vectors import shipped_vectors
    from framing.scoring import Scorer, clear_model_cache

    _, articles, _ = load(Path(args.data), args.n)
    shipped = load_model(find_model("subjective"))
    settings = {k: v for k, v in shipped.meta["settings"].items() if k != "intercept_shift"}
    texts, labels = load_split(get_task("subjective"), SHARED, "train")
    vec_settings = {**settings, "vectors": {"weight": args.weight}}
    with_vec, _ = train_model(texts, labels, task="subjective", settings=vec_settings)
    vec_path = Path(home) / "models" / "subjective.npz"

    def use(vectors: bool) -> Scorer:
        if vectors:
            save_model(with_vec, vec_path)
        elif vec_path.exists():
            vec_path.unlink()
        clear_model_cache()
        s = Scorer()
        s.score(articles[0])  # load the models outside the timed region
        return s

    rules = Scorer(models=False)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, scorer in (("rules", rules), ("models", use(False)), ("models+vec", use(True))):
            best[name] = min(best.get(name, float("inf")), _time(scorer.score, articles))
    vec = shipped_vectors()
    from framing.text.sentences import split_sentences

    sentences = [[a.text[s.start : s.end] for s in split_sentences(a.text)] for a in articles]
    batched = min(_time(vec.pool, sentences) for _ in range(args.repeat))
    single = min(_time(lambda ss: [vec.pool([x]) for x in ss], sentences) for _ in range(args.repeat))
    n = len(articles)
    n_sent = sum(len(s) for s in sentences)
    print(f"{n} articles, {n_sent} sentences, best of {args.repeat}, ms per article:")
    for name, secs in best.items():
        print(f"  {name:<11} {1000 * secs / n:7.2f}")
    print(f"  models+vec - models: {1000 * (best['models+vec'] - best['models']) / n:+.2f}")
    print(f"  pooling, one call per article: {1000 * batched / n:.3f}; one call per sentence: {1000 * single / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

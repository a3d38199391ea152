"""Word-choice lexicons against human annotations.

* Loaded-language sentence flag vs BABE SG2 expert labels (Biased / Non-biased), on the project's dev split
  (20 % of the provided sentences by a hash of their text; the official test part is held out). The weight
  threshold is chosen on the train part.
* Loaded-language words vs the words BABE annotators marked as carrying the bias (biased dev sentences).
* Subjective-sentence flag (subjectivity + loaded + booster lexicons) vs NewsSD-ENG val (the official dev
  set); threshold chosen on NewsSD train.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from framing.article import Article
from framing.datasets.babe import read_babe
from framing.datasets.newssd import read_newssd
from framing.evidence import Evidence
from framing.scoring import Scorer
from framing.validation.base import PRF, EvalResult

__all__ = ["evaluate"]

_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
_WORD = re.compile(r"[\w'-]+")


def sentence_evidence(texts: Iterable[str], scorer: Scorer | None = None) -> list[list[Evidence]]:
    """Evidence for each text scored as a one-article body (no cleaning, language taken as English)."""
    sc = scorer or Scorer()
    return [list(sc.score(Article(id=str(i), text=t, language="en")).evidence) for i, t in enumerate(texts)]


def _prf(gold: Sequence[bool], pred: Sequence[bool]) -> PRF:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return PRF(tp, fp, fn)


def _max_weight(ev: list[Evidence], keep: Callable[[Evidence], bool]) -> float:
    return max((e.weight for e in ev if keep(e)), default=0.0)


def _tune(gold: Sequence[bool], weights: Sequence[float]) -> float:
    return max(_THRESHOLDS, key=lambda t: (_prf(gold, [w >= t for w in weights]).f1, -t))


def _loaded(e: Evidence) -> bool:
    return e.category.startswith("loaded.")


def _subjective(e: Evidence) -> bool:
    return e.category.startswith(("loaded.", "subjective.", "sentiment.")) or e.category == "booster"


def evaluate(data_root: Path) -> list[EvalResult]:
    """Run the word-choice evaluations on the dev portions in ``data_root`` (the folder holding ``babe/``)."""
    root = Path(data_root)
    results: list[EvalResult] = []
    train = list(read_babe(root / "babe", "SG2", "train"))
    dev = list(read_babe(root / "babe", "SG2", "dev"))
    tr_ev = sentence_evidence(s.text for s in train)
    dev_ev = sentence_evidence(s.text for s in dev)
    t = _tune([s.biased for s in train], [_max_weight(ev, _loaded) for ev in tr_ev])
    gold = [s.biased for s in dev]
    pred = [_max_weight(ev, _loaded) >= t for ev in dev_ev]
    always = _prf(gold, [True] * len(gold))
    # word level: annotated biased words vs loaded-language matches, on biased dev sentences
    tp = fp = fn = 0
    for s, ev in zip(dev, dev_ev, strict=True):
        if not s.biased:
            continue
        gold_words = {w.lower() for phrase in s.biased_words for w in _WORD.findall(phrase)}
        found = {w.lower() for e in ev if _loaded(e) for w in _WORD.findall(e.text)}
        tp += len(gold_words & found)
        fp += len(found - gold_words)
        fn += len(gold_words - found)
    results.append(
        EvalResult(
            task="word_choice.loaded_sentence",
            dataset=f"BABE SG2, project dev split ({len(dev)} sentences; {sum(gold)} biased)",
            scores={
                "biased-sentence flag (any loaded term >= threshold)": _prf(gold, pred),
                "annotated biased words found (tokens, biased sentences)": PRF(tp, fp, fn),
            },
            extra={
                "weight threshold (tuned on the train part)": t,
                "baseline: always 'biased' F1": round(always.f1, 3),
                "published (BABE, Spinde et al. 2021, BERT-based classifier)": "macro-F1 0.804 on the full test set",
            },
            notes=[
                "A lexicon flag sees only words from a fixed list: BABE's bias is often in framing and selection, "
                "which a word list cannot see, so recall is limited by design; the classifier milestone adds models.",
                "Dev split: 20 % of the provided SG2 sentences by salted SHA-1 of the normalised text "
                "(framing.datasets._split.in_dev); never used for tuning.",
            ],
        )
    )
    ntrain = list(read_newssd(root / "newssd", "train"))
    nval = list(read_newssd(root / "newssd", "val"))
    t2 = _tune(
        [s.subjective for s in ntrain],
        [_max_weight(ev, _subjective) for ev in sentence_evidence(s.text for s in ntrain)],
    )
    ngold = [s.subjective for s in nval]
    npred = [_max_weight(ev, _subjective) >= t2 for ev in sentence_evidence(s.text for s in nval)]
    results.append(
        EvalResult(
            task="word_choice.subjective_sentence",
            dataset=f"NewsSD-ENG val ({len(nval)} sentences; {sum(ngold)} subjective)",
            scores={"subjective-sentence flag (subjectivity/loaded/booster/sentiment)": _prf(ngold, npred)},
            extra={
                "weight threshold (tuned on NewsSD train)": t2,
                "baseline: always 'subjective' F1": round(_prf(ngold, [True] * len(ngold)).f1, 3),
            },
            notes=["NewsSD val has 99 sentences: one sentence moves F1 by about 0.01-0.02."],
        )
    )
    return results

"""Validity of the trained classifiers on the dev portions, beside baselines and published figures.

For every task (``biased``, ``hedged``, ``subjective``, ``lean``, ``attributed``) the report gives, on the same dev
items:

* the model ``framing train`` makes, trained here (deterministic): its settings chosen by cross-validation inside
  the train portion (:mod:`framing.models.select`), the choice, its cross-validated score and the grid size;
* a majority-class baseline;
* a lexicon-only baseline: logistic regression on :class:`~framing.models.features.LexiconFeatures` alone;
* a plain TF-IDF baseline: logistic regression (C=1, no tuning) on word 1-2-grams + char_wb 2-5-grams
  (word n-grams only for ``lean``, whose 23,000 long training articles make char n-grams too slow here);
* a bootstrap 95 % interval of every dev figure (model and baselines);
* the published figures (measured on the official test sets, which the project does not have);
* for ``attributed``, framing's attribution rules as a sentence flag, whose F1 is that task's target.

Example:
    >>> from pathlib import Path
    >>> results = evaluate(Path("../shared/data"))  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from framing.models.features import LexiconFeatures
from framing.models.model import Model, normalise_for_model
from framing.models.select import BOOTSTRAP, bootstrap_ci
from framing.models.tasks import TASKS, Task, dataset_dir, load_split
from framing.models.train import classification_report, headline, train_model, train_task
from framing.validation.base import PRF, EvalResult, MacroPRF

__all__ = ["MacroPRF", "evaluate", "evaluate_task"]

#: Training items used for the lean lexicon-only baseline (every k-th article): LexiconFeatures costs ~9 ms per
#: long article.
_LEAN_LEXICON_STRIDE = 4


def _score(task: Task, rep: dict[str, Any]) -> PRF:
    if task.headline == "macro_f1":
        per = rep["per_class"].values()
        correct = round(rep["accuracy"] * rep["n"])
        return MacroPRF(correct, rep["n"] - correct, rep["n"] - correct,
                        round(float(np.mean([m["precision"] for m in per])), 4),
                        round(float(np.mean([m["recall"] for m in per])), 4), rep["macro_f1"])  # fmt: skip
    c = task.headline.split(":", 1)[1]
    labels = rep["confusion_matrix"]["labels"]
    cm = np.asarray(rep["confusion_matrix"]["rows_gold_cols_pred"])
    i = labels.index(c)
    return PRF(int(cm[i, i]), int(cm[:, i].sum() - cm[i, i]), int(cm[i, :].sum() - cm[i, i]))


def _report(task: Task, gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """:func:`classification_report` plus ``ci95``: the bootstrap 95 % interval of the headline score."""
    rep = classification_report(list(gold), list(pred), task.classes)
    rep["ci95"] = list(bootstrap_ci(list(gold), list(pred), task.classes, task.headline))
    return rep


def _majority(task: Task, train_y: Sequence[str], dev_y: Sequence[str]) -> dict[str, Any]:
    values, counts = np.unique(np.asarray(train_y, dtype=object), return_counts=True)
    major = str(values[np.argmax(counts)])
    return _report(task, dev_y, [major] * len(dev_y))


def _dev_majority(task: Task, dev_y: Sequence[str]) -> dict[str, str]:
    """For ``lean`` only: the accuracy of always answering the dev portion's own majority class (a reference that
    peeks at the dev labels, not a baseline): train and dev class priors differ widely on the media split."""
    if task.name != "lean" or not dev_y:
        return {}
    values, counts = np.unique(np.asarray(dev_y, dtype=object), return_counts=True)
    major = str(values[np.argmax(counts)])
    rep = classification_report(list(dev_y), [major] * len(dev_y), task.classes)
    key = f"reference: always '{major}' (the dev majority) accuracy / macro-F1"
    return {key: f"{rep['accuracy']} / {rep['macro_f1']}"}


def _lexicon_only(task: Task, train: tuple[list[str], list[str]], dev: tuple[list[str], list[str]]) -> dict[str, Any]:
    scale = "per_sentence" if task.unit == "article" else "log1p"
    texts, labels = train
    if task.unit == "article":
        texts, labels = texts[::_LEAN_LEXICON_STRIDE], labels[::_LEAN_LEXICON_STRIDE]
    lf = LexiconFeatures(scale=scale).fit(texts)
    sc = StandardScaler()
    Xtr = sc.fit_transform(lf.transform([normalise_for_model(t) for t in texts]))
    Xdv = sc.transform(lf.transform([normalise_for_model(t) for t in dev[0]]))
    lr = LogisticRegression(C=1.0, max_iter=3000, random_state=0).fit(Xtr, labels)
    return _report(task, dev[1], lr.predict(Xdv).tolist())


def _plain_tfidf(task: Task, train: tuple[list[str], list[str]], dev: tuple[list[str], list[str]]) -> dict[str, Any]:
    settings: dict[str, Any] = {"lexicon": None, "C": 1.0}
    if task.unit == "article":
        settings.update(char=None, word={"ngram_range": [1, 2], "min_df": 5, "max_df": 0.5, "max_features": 60000})
    model, _ = train_model(train[0], train[1], task=task.name, settings=settings)
    return _report(task, dev[1], model.predict([normalise_for_model(t) for t in dev[0]]).tolist())


def _rules_attributed(task: Task, data_root: Path) -> dict[str, Any]:
    """framing's attribution rules as a sentence flag on the ``attributed`` dev sentences: a sentence is
    attributed when the rules find a cue in it (the rules run on whole articles, as in scoring)."""
    from framing.datasets.polnear import attributed_sentences
    from framing.validation.attribution import predict

    gold, pred = [], []
    for art in attributed_sentences(dataset_dir(task, data_root), "dev"):
        cued = {e.sentence for e in predict(art.doc.text) if e.category.startswith("cue.")}
        gold += ["attributed" if f else "none" for f in art.attributed]
        pred += ["attributed" if i in cued else "none" for i in art.indices]
    return _report(task, gold, pred)


def _model_for(task: Task, data: Path) -> tuple[Model, dict[str, Any], str]:
    """The model ``framing train`` makes (settings chosen by cross-validation inside train), trained here: a
    shipped or user-trained file may have been chosen otherwise."""
    model, info = train_task(task.name, data, command=f"framing train {task.name} --data <data>/{task.folder}")
    return model, info, "trained here as framing train does (deterministic)"


def _steps(info: dict[str, Any]) -> dict[str, float]:
    """The best cross-validated score of the grid rows without and with the vectors block and the extra data."""
    out: dict[str, float] = {}
    for row in info.get("grid") or []:
        s = row["settings"]
        name = "n-grams + lexicon" + (" + vectors" if s.get("vectors") else "") + (
            f" + {s['extra_data']}" if s.get("extra_data") else "")  # fmt: skip
        out[name] = max(out.get(name, 0.0), float(row["cv"]))
    return out


def _ci(rep: dict[str, Any]) -> str:
    lo, hi = rep["ci95"]
    return f"{lo:.3f} - {hi:.3f}"


def evaluate_task(name: str, data_root: Path) -> EvalResult:
    """Evaluate one task's model and baselines on its dev portion (see the module docstring)."""
    task = TASKS[name]
    start = time.perf_counter()
    train = load_split(task, data_root, "train")
    dev = load_split(task, data_root, "dev")
    model, info, origin = _model_for(task, data_root)
    rep = info["dev"]
    major = _majority(task, train[1], dev[1])
    lex = _lexicon_only(task, train, dev)
    plain = _plain_tfidf(task, train, dev)
    metric = "macro-F1" if task.headline == "macro_f1" else f"F1 of '{task.headline.split(':', 1)[1]}'"
    scores = {
        f"model ({metric})": _score(task, rep),
        "baseline: majority class": _score(task, major),
        "baseline: lexicon features only (LR)": _score(task, lex),
        "baseline: plain TF-IDF LR" + (" (word 1-2-grams)" if task.unit == "article" else " (word + char n-grams)"):
            _score(task, plain),
    }  # fmt: skip
    target = task.target
    rules: dict[str, Any] | None = None
    if task.name == "attributed":
        rules = _rules_attributed(task, data_root)
        scores["baseline: framing's attribution rules (a cue in the sentence)"] = _score(task, rules)
        target = _score(task, rules).f1  # the bar: beat the rules
    meta = model.meta
    extra: dict[str, Any] = {
        "model file": origin,
        f"best cross-validated {metric} per feature set (what each step adds, train folds)": _steps(info),
        "selection": info.get("selection"),
        "settings tried (grid size)": info.get("grid_size"),
        f"cross-validated {metric} of the choice (train folds)": info.get("cv"),
        "model settings": meta.get("settings"),
        f"dev {metric}, bootstrap 95 % interval ({BOOTSTRAP} resamples of the dev items)": {
            "model": _ci(rep),
            "majority": _ci(major),
            "lexicon-only LR": _ci(lex),
            "plain TF-IDF LR": _ci(plain),
            **({"rules": _ci(rules)} if rules else {}),
        },
        "training data / licence": f"{meta.get('training_data', task.dataset)} / {task.licence}",
        "train items": len(train[0]),
        f"model {metric}": round(headline(task, rep), 4),
        "model macro-F1": rep["macro_f1"],
        "model accuracy": rep["accuracy"],
        "model per class": rep["per_class"],
        "model confusion matrix (rows gold, cols predicted)": rep["confusion_matrix"],
        "majority baseline accuracy / macro-F1": f"{major['accuracy']} / {major['macro_f1']}",
        **_dev_majority(task, dev[1]),
        "lexicon-only baseline accuracy / macro-F1": f"{lex['accuracy']} / {lex['macro_f1']}",
        "plain TF-IDF baseline accuracy / macro-F1": f"{plain['accuracy']} / {plain['macro_f1']}",
        **({"rules baseline accuracy / macro-F1": f"{rules['accuracy']} / {rules['macro_f1']}"} if rules else {}),
        **{f"published: {k}": v for k, v in task.published.items()},
        "seconds": round(time.perf_counter() - start, 1),
    }
    notes = [
        f"Dev portion: {task.dev_name}. The model's settings were chosen by cross-validation inside the train "
        "portion (framing.models.select; dev used once, for these figures); the baselines are untuned.",
        "Published figures were measured on official test sets the project does not have: compare with care.",
    ]
    if task.name == "lean":
        notes.append(
            "Labels are the outlet's AllSides rating; dev outlets never appear in train (New York Times pages "
            "are about 65 % of dev; 'right' has 89 articles from 11 outlet names). The majority baseline answers "
            "the train majority ('right', 42 % of train), which is the rarest dev class. Outlet self-mentions, "
            "bylines, author names, URLs, handles and credit lines are removed before training and prediction "
            "(framing.models.tasks.lean_text). The model weighs every training outlet the same and drops n-grams "
            "whose documents come mostly from one outlet (framing.models.train.GROUP_SETTINGS). The lexicon-only "
            f"baseline is trained on every {_LEAN_LEXICON_STRIDE}th training article to keep the report under ten "
            "minutes."
        )
    if task.name == "hedged":
        notes.append("WikiWeasel text is Penn-Treebank tokenised; it is detokenised before training "
                     "(framing.models.tasks.detokenize). Labels come from a third-party CSV conversion.")  # fmt: skip
    if task.name == "subjective":
        notes.append(
            "NewsSD val has 99 sentences (55 % subjective, train 33 %): one sentence moves macro-F1 by about 0.01, "
            "and the class-prior shift between train and val penalises every trained model."
        )
    if task.name == "attributed":
        notes.append(
            "PolNeAR's licence is not stated, so this model is not shipped (framing train attributed). Its target "
            "is the F1 of framing's rules on the same sentences: the model is only worth using if it beats them. "
            "The rules run on whole articles (quotes that span sentences included); the model sees one sentence."
        )
    return EvalResult(
        task=f"models.{task.name}",
        dataset=f"{task.dataset}, {task.dev_name} ({len(dev[0])} items)",
        scores=scores,
        extra=extra,
        target=target,
        notes=notes,
    )


def evaluate(data_root: Path) -> list[EvalResult]:
    """Evaluate every task whose data is present under ``data_root`` (the shared data folder)."""
    root = Path(data_root)
    # the frame model has its own section (framing.validation.frames: per-frame rows, the lexicon, GVFC transfer)
    return [evaluate_task(name, root) for name, task in TASKS.items() if (root / task.folder).is_dir() and
            name != "frames"]  # fmt: skip

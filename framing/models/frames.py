"""The frame model: FrAC's ten frame labels from word and character TF-IDF plus the frame-lexicon features, with
its settings chosen by cross-validation inside the train portion (the dev portion only measures the result).

FrAC has 523 sentences (394 in the project's train portion, 129 in dev), too few to tune on dev and still
report dev honestly. :func:`train_frames` therefore scores every setting of :data:`FEATURE_GRID` x
:data:`C_GRID` by stratified 5-fold cross-validation on train (fixed folds), keeps the best mean macro-F1 (ties
go to the earlier, simpler setting), refits it on the whole train portion and records the dev report of that
model in its header, with every setting's cross-validated score. Classes are weighted to balance them (FrAC's
are unequal and the headline is macro-F1), chosen before any run.

Example:
    >>> from framing.models.frames import GRID_SIZE
    >>> GRID_SIZE
    18
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.model import Model, normalise_for_model
from framing.models.tasks import get_task, load_split
from framing.models.train import evaluate_model, train_model

__all__ = ["BASE", "C_GRID", "FEATURE_GRID", "FOLDS", "GRID_SIZE", "cross_validate", "train_frames"]

#: Settings every point shares (over :data:`framing.models.train.DEFAULTS`).
BASE: dict[str, Any] = {"class_weight": "balanced", "lexicon": {"frames": True}}
#: Feature settings tried (each with every C of :data:`C_GRID`).
FEATURE_GRID: tuple[dict[str, Any], ...] = tuple(
    {"lexicon": {"frames": True, "weight": w}, **({} if char else {"char": None})}
    for char in (True, False)
    for w in (0.3, 1.0, 3.0)
)
#: Inverse regularisation strengths tried.
C_GRID: tuple[float, ...] = (1.0, 3.0, 10.0)
GRID_SIZE = len(FEATURE_GRID) * len(C_GRID)
#: Cross-validation folds.
FOLDS = 5


def _folds(labels: Sequence[str], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedKFold

    n_min = min(np.unique(np.asarray(labels, dtype=object), return_counts=True)[1])
    splitter = StratifiedKFold(n_splits=max(2, min(k, int(n_min))), shuffle=True, random_state=0)
    return list(splitter.split(np.zeros(len(labels)), labels))


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    folds: int = FOLDS,
    feature_grid: Sequence[dict[str, Any]] = FEATURE_GRID,
    c_grid: Sequence[float] = C_GRID,
) -> list[dict[str, Any]]:
    """Mean and spread of the macro-F1 of every setting over stratified folds of ``texts`` (train items only).

    Returns:
        One row per setting, in grid order: ``{"settings", "cv_macro_f1", "cv_sd", "folds"}``.
    """
    scores: dict[int, list[float]] = {}
    points: list[dict[str, Any]] = []
    for f_no, features in enumerate(feature_grid):
        points.extend({**BASE, **features, "C": c} for c in c_grid)
        for tr, va in _folds(labels, folds):
            # one call per feature setting and fold: the features are built once for all Cs (train_model's grid)
            _, info = train_model([texts[i] for i in tr], [labels[i] for i in tr], task="frames",
                                  settings={**BASE, **features}, dev=([texts[i] for i in va], [labels[i] for i in va]),
                                  grid=[{"C": c} for c in c_grid])  # fmt: skip
            for c_no, row in enumerate(info["grid"]):
                scores.setdefault(f_no * len(c_grid) + c_no, []).append(float(row["dev_macro_f1"]))
    return [
        {"settings": points[i], "cv_macro_f1": round(float(np.mean(scores[i])), 4),
         "cv_sd": round(float(np.std(scores[i])), 4), "folds": len(scores[i])}
        for i in range(len(points))
    ]  # fmt: skip


def train_frames(
    data: Path, *, limit: int | None = None, command: str | None = None, folds: int = FOLDS,
    feature_grid: Sequence[dict[str, Any]] = FEATURE_GRID, c_grid: Sequence[float] = C_GRID,
) -> tuple[Model, dict[str, Any]]:  # fmt: skip
    """Train the frame model on FrAC's train portion with cross-validated settings (see the module docstring).

    Args:
        data: The ``frac`` folder or the folder holding it.
        limit: Use only the first ``limit`` train and dev sentences (for tests).
        command: The command line recorded in the header.
        folds: Cross-validation folds.
        feature_grid: Feature settings to try.
        c_grid: C values to try.

    Returns:
        ``(model, info)``: ``info`` holds the chosen settings, every setting's cross-validated score, the dev
        report of the chosen model and the seconds taken.
    """
    task = get_task("frames")
    start = time.perf_counter()
    texts, labels = load_split(task, data, "train", limit)
    dev_texts, dev_labels = load_split(task, data, "dev", limit)
    rows = cross_validate(texts, labels, folds=folds, feature_grid=feature_grid, c_grid=c_grid)
    best = max(range(len(rows)), key=lambda i: (rows[i]["cv_macro_f1"], -i))
    chosen = rows[best]["settings"]
    model, _ = train_model(texts, labels, task="frames", settings=chosen)
    dev_docs = [normalise_for_model(t) for t in dev_texts]
    dev = evaluate_model(model, dev_docs, dev_labels)
    from framing.models.select import bootstrap_ci

    dev["ci95"] = list(bootstrap_ci(dev_labels, model.predict(dev_docs).tolist() if dev_docs else [],
                                    task.classes, task.headline))  # fmt: skip
    model.meta.update(
        {
            "dev_metrics": dev,
            "n_dev": len(dev_texts),
            "tuned_on_dev": False,
            "selection": f"{len(rows)} settings by stratified {rows[best]['folds']}-fold cross-validation on the "
            f"train portion (mean macro-F1 {rows[best]['cv_macro_f1']}); dev not used to choose",
            "cv_grid": rows,
            "command": command or f"framing train frames --data <data>/{task.folder}",
        }
    )
    info = {
        "settings": chosen,
        "grid": rows,
        "dev": dev,
        "seconds": round(time.perf_counter() - start, 1),
        "grid_size": len(rows),
        "folds": rows[best]["folds"],
        "cv": rows[best]["cv_macro_f1"],
        "fold_kind": "stratified",
        "selection": model.meta["selection"],
    }
    return model, info

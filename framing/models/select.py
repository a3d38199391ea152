"""Model selection that never reads dev: cross-validation inside the train portion, and bootstrap intervals.

:func:`cross_validate` scores every point of a task's grid (:data:`framing.models.train.GRIDS`, with its
intercept shifts) on folds of the *train* items only: :class:`~sklearn.model_selection.GroupKFold` when the
items have groups (the article of a BABE or PolNeAR sentence, the outlet of an AllSides article, so no group
is on both sides of a fold), else :class:`~sklearn.model_selection.StratifiedKFold` (shuffled, fixed seed).
:func:`select_and_train` keeps the point with the best mean fold score (ties go to the earlier, simpler point),
refits it on the whole train portion and reports it once on dev, with a bootstrap 95 % interval
(:func:`bootstrap_ci`). The dev portion is passed only to that final report.

Example:
    >>> lo, hi = bootstrap_ci(["a", "b"] * 50, ["a", "b"] * 45 + ["b", "a"] * 5, ("a", "b"), "macro_f1")
    >>> 0.8 < lo < 0.9 < hi < 1.0
    True
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.models.model import Model, normalise_for_model
from framing.models.tasks import get_task
from framing.models.train import DEFAULTS, _merge, evaluate_model, train_model

__all__ = ["BOOTSTRAP", "FOLDS", "bootstrap_ci", "cross_validate", "cv_folds", "select_and_train"]

#: Cross-validation folds (fewer when a class or the groups are too few).
FOLDS = 5
#: Bootstrap resamples of the dev items for the 95 % intervals.
BOOTSTRAP = 1000


def cv_folds(
    labels: Sequence[str], groups: Sequence[str] | None = None, k: int = FOLDS
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Deterministic folds of the train items: grouped when ``groups`` are given, else stratified."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    y = np.asarray(labels, dtype=object)
    if groups is not None:
        n_groups = len(set(groups))
        splitter = GroupKFold(n_splits=max(2, min(k, n_groups)))
        return [(tr, va) for tr, va in splitter.split(np.zeros(len(y)), y, np.asarray(groups, dtype=object))]
    n_min = int(min(np.unique(y, return_counts=True)[1]))
    splitter2 = StratifiedKFold(n_splits=max(2, min(k, n_min)), shuffle=True, random_state=0)
    return list(splitter2.split(np.zeros(len(y)), y))


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    task: str,
    grid: Sequence[dict[str, Any]],
    settings: dict[str, Any] | None = None,
    groups: Sequence[str] | None = None,
    cv_groups: Sequence[str] | None = None,
    folds: int = FOLDS,
    extra: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """The mean and spread of the task's headline score of every grid point over folds of the train items.

    Args:
        texts: Train texts only.
        labels: Their labels.
        task: Task name.
        grid: Setting overrides (as :func:`~framing.models.train.train_model` takes them).
        settings: Base settings under every grid point.
        groups: Outlet of each item, for the outlet-weight settings.
        cv_groups: Group of each item for the folds (article or outlet), or ``None`` (stratified folds).
        folds: Number of folds.
        extra: Extra training items added to every fold's training part, except those whose text is one of the
            fold's held-out items (no item is scored by a model that saw its text).

    Returns:
        One row per tried setting (grid points times their intercept shifts), in grid order:
        ``{"settings", "cv", "cv_sd", "folds"}``.
    """
    t = get_task(task)
    key = "dev_" + t.headline
    per_row: list[list[float]] = []
    rows_settings: list[dict[str, Any]] = []
    if extra is not None and groups is not None:
        raise ValueError("extra training items cannot be combined with outlet-weight groups")
    for tr, va in cv_folds(labels, cv_groups, folds):
        tr_x, tr_y = [texts[i] for i in tr], [labels[i] for i in tr]
        if extra is not None:
            held = {_key(texts[i]) for i in va}
            add = [j for j, x in enumerate(extra[0]) if _key(x) not in held]
            tr_x, tr_y = tr_x + [extra[0][j] for j in add], tr_y + [extra[1][j] for j in add]
        _, info = train_model(tr_x, tr_y, task=task, settings=settings,
                              dev=([texts[i] for i in va], [labels[i] for i in va]), grid=grid,
                              groups=None if groups is None else [groups[i] for i in tr])  # fmt: skip
        if not rows_settings:
            rows_settings = [r["settings"] for r in info["grid"]]
            per_row = [[] for _ in rows_settings]
        for i, r in enumerate(info["grid"]):
            per_row[i].append(float(r[key]))
    return [
        {"settings": s, "cv": round(float(np.mean(v)), 4), "cv_sd": round(float(np.std(v)), 4), "folds": len(v)}
        for s, v in zip(rows_settings, per_row, strict=True)
    ]


def _key(text: str) -> str:
    """What makes two items the same sentence: the normalised, lower-cased text."""
    return normalise_for_model(text).lower()


def bootstrap_ci(
    gold: Sequence[str], pred: Sequence[str], classes: Sequence[str], metric: str, *, n: int = BOOTSTRAP, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap 95 % interval of ``metric`` (``macro_f1`` or ``f1:<class>``) over the items.

    Each resample draws ``len(gold)`` items with replacement (numpy ``default_rng(seed)``: deterministic).
    """
    if not len(gold):
        return (0.0, 0.0)
    index = {c: i for i, c in enumerate(classes)}
    g = np.asarray([index[x] for x in gold])
    p = np.asarray([index.get(x, -1) for x in pred])
    draws = np.random.default_rng(seed).integers(0, len(g), size=(n, len(g)))
    G, P = g[draws], p[draws]
    wanted = range(len(classes)) if metric == "macro_f1" else [index[metric.split(":", 1)[1]]]
    f1s = []
    for c in wanted:
        tp = ((c == G) & (c == P)).sum(axis=1)
        fp = ((c != G) & (c == P)).sum(axis=1)
        fn = ((c == G) & (c != P)).sum(axis=1)
        denom = 2 * tp + fp + fn
        f1s.append(np.divide(2 * tp, denom, out=np.zeros(n), where=denom > 0))
    scores = np.mean(f1s, axis=0)
    lo, hi = np.percentile(scores, [2.5, 97.5])
    return (round(float(lo), 4), round(float(hi), 4))


def select_and_train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    task: str,
    grid: Sequence[dict[str, Any]] | None,
    dev: tuple[Sequence[str], Sequence[str]] | None,
    settings: dict[str, Any] | None = None,
    groups: Sequence[str] | None = None,
    cv_groups: Sequence[str] | None = None,
    folds: int = FOLDS,
    meta: dict[str, Any] | None = None,
    extra: tuple[Sequence[str], Sequence[str], str] | None = None,
) -> tuple[Model, dict[str, Any]]:
    """Choose the grid point by cross-validation on the train items, refit it on all of them, report it on dev.

    With ``extra`` (texts, labels, name), every grid point is also tried with those items added to the training
    folds; they are kept (``"extra_data"`` in the settings) only if a point with them has the best fold score.
    Extra items whose text is a dev item are never used.

    Returns:
        ``(model, info)``: ``info`` holds ``settings`` (the choice), ``cv`` (its mean fold score), ``grid`` (every
        tried setting's row), ``grid_size``, ``folds``, ``dev`` (the report of the refitted model on dev, with
        ``ci95`` of the headline score) and ``seconds``.
    """
    t = get_task(task)
    start = time.perf_counter()
    rows: list[dict[str, Any]] = []
    chosen: dict[str, Any] = dict(settings or {})
    extra_items: tuple[list[str], list[str]] | None = None
    if extra is not None:
        dev_keys = {_key(x) for x in dev[0]} if dev is not None else set()
        keep = [j for j, x in enumerate(extra[0]) if _key(x) not in dev_keys]
        extra_items = ([extra[0][j] for j in keep], [extra[1][j] for j in keep])
    if grid and (len(grid) > 1 or extra_items is not None):
        rows = cross_validate(texts, labels, task=task, grid=grid, settings=settings, groups=groups,
                              cv_groups=cv_groups, folds=folds)  # fmt: skip
        if extra_items is not None and extra is not None:
            rows += [{**r, "settings": {**r["settings"], "extra_data": extra[2]}}
                     for r in cross_validate(texts, labels, task=task, grid=grid, settings=settings,
                                             cv_groups=cv_groups, folds=folds, extra=extra_items)]  # fmt: skip
        best = max(range(len(rows)), key=lambda i: (rows[i]["cv"], -i))
        chosen = rows[best]["settings"]
    elif grid:
        chosen = _merge(_merge(DEFAULTS, settings or {}), grid[0])
    shift = float(chosen.get("intercept_shift", 0.0))
    fit = {k: v for k, v in chosen.items() if k not in {"intercept_shift", "extra_data"}}
    fit_x, fit_y = list(texts), list(labels)
    if chosen.get("extra_data") and extra_items is not None:
        fit_x, fit_y = fit_x + extra_items[0], fit_y + extra_items[1]
    model, _ = train_model(fit_x, fit_y, task=task, settings=fit, groups=groups)
    if shift:
        model.intercept_ = model.intercept_ + shift
    info: dict[str, Any] = {"settings": chosen, "grid": rows, "grid_size": max(1, len(rows)),
                            "folds": rows[0]["folds"] if rows else 0,
                            "cv": max((r["cv"] for r in rows), default=None),
                            "fold_kind": "grouped" if cv_groups is not None else "stratified"}  # fmt: skip
    selection = (
        f"{info['grid_size']} settings by {info['fold_kind']} {info['folds']}-fold cross-validation on the train "
        f"portion (mean {t.headline} {info['cv']}); dev not used to choose"
        if rows
        else "fixed settings (no grid search)"
    )
    rep: dict[str, Any] | None = None
    if dev is not None:
        dev_docs = [normalise_for_model(x) for x in dev[0]]
        rep = evaluate_model(model, dev_docs, dev[1])
        pred = model.predict(dev_docs).tolist() if dev_docs else []
        rep["ci95"] = list(bootstrap_ci(list(dev[1]), pred, t.classes, t.headline))
    model.meta.update({"settings": chosen, "dev_metrics": rep, "tuned_on_dev": False, "selection": selection,
                       "cv_grid": rows, "n_dev": len(dev[0]) if dev is not None else 0, **(meta or {})})  # fmt: skip
    info.update(dev=rep, selection=selection, seconds=round(time.perf_counter() - start, 1))
    return model, info

"""Train and evaluate the task models: TF-IDF word + char n-grams + lexicon features -> logistic regression.

Training is deterministic (fixed ``random_state``, lbfgs solver, no shuffling, sorted vocabularies).
:func:`train_task` (``framing train``) chooses among the small grid of settings in :data:`GRIDS` by
cross-validation inside the train portion (:mod:`framing.models.select`) and reports the chosen model once on
dev. :func:`train_model` with ``dev`` and ``grid`` picks the point with the best score on the items given as
``dev``: the selection uses it with a fold of train items, never with the dev portion.

Example:
    >>> model, report = train_model(["a may b", "a b", "c might d", "c d"] * 5,
    ...     ["uncertain", "certain"] * 10, task="hedged", settings={"char": None, "lexicon": None, "C": 1.0})
    >>> model.predict(["x may y"]).tolist()
    ['uncertain']
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
from sklearn.preprocessing import StandardScaler, normalize

from framing._version import __version__
from framing.models.features import LexiconFeatures, lexicon_refs
from framing.models.model import Block, Model, normalise_for_model
from framing.models.tasks import TASKS, Task, get_task, load_extra, load_split_cv

__all__ = [
    "CV_FOLDS",
    "DEFAULTS",
    "GRIDS",
    "GROUP_SETTINGS",
    "classification_report",
    "evaluate_model",
    "group_weights",
    "headline",
    "outlet_share",
    "train_model",
    "train_task",
]

#: Base settings; a grid point overrides some of them. ``None`` turns a block off.
DEFAULTS: dict[str, Any] = {
    "word": {"analyzer": "word", "ngram_range": [1, 2], "lowercase": True, "sublinear_tf": True, "min_df": 1},
    "char": {"analyzer": "char_wb", "ngram_range": [2, 5], "lowercase": True, "sublinear_tf": True, "min_df": 2},
    "lexicon": {"scale": "log1p", "surface": True, "weights": True, "weight": 0.05},
    "vectors": None,
    "C": 3.0,
    "class_weight": None,
    "max_iter": 3000,
    "tune_intercept": False,
    "outlet_weight": None,
    "max_outlet_share": None,
}  # fmt: skip

#: Settings that need the training items' groups (outlets):
#:
#: * ``outlet_weight`` (exponent ``p``): an item of a group with ``n`` training items weighs ``n ** -p`` (``1.0``:
#:   every outlet weighs the same, whatever its number of articles); with ``class_weight="balanced"`` the weights
#:   are then rescaled so that every class weighs the same;
#: * ``max_outlet_share`` (``s``): an n-gram is dropped when more than ``s`` of the training documents holding it
#:   come from one outlet (outlet names, bylines, newsletter boxes, house style), so the model learns words
#:   several outlets use.
GROUP_SETTINGS = ("outlet_weight", "max_outlet_share")

#: The vectors block: off, or on at weight 0.3 (chosen by 5-fold CV on BABE train: 0.736 off, 0.738 / 0.740 /
#: 0.735 at 0.1 / 0.3 / 1.0; framing.models.vectors).
_VEC: tuple[dict[str, float] | None, ...] = (None, {"weight": 0.3})

#: Grids per task, searched by cross-validation inside train. The subjective grid was cut from 24 points (with
#: char n-grams on/off, class weights, three lexicon weights) to the C values around its first CV choice (char
#: n-grams on, no class weights, lexicon weight 0.1; 120 settings with the intercept shifts); the hedged grid keeps
#: the lexicon weight 0.05 of its dev-tuned model (each entry overrides DEFAULTS; nested dicts are merged).
GRIDS: dict[str, list[dict[str, Any]]] = {
    "biased": [
        {"C": c, "lexicon": {"weight": w}, "vectors": v} for v in _VEC for w in (0.05, 0.1) for c in (1.0, 3.0)
    ],
    "hedged": [
        {"C": c, "lexicon": {"weight": 0.05}, "class_weight": cw, "tune_intercept": True, "vectors": v}
        for v in _VEC for cw in (None, "balanced") for c in (3.0, 10.0)
    ],
    "subjective": [
        {"C": c, "lexicon": {"weight": 0.1}, "class_weight": None, "tune_intercept": True, "vectors": v}
        for v in _VEC for c in (1.0, 10.0)
    ],
    "attributed": [
        {"C": c, "lexicon": {"weight": w}, "vectors": v} for v in _VEC for w in (0.05, 0.3) for c in (1.0, 3.0)
    ],
    "lean": [
        {"word": {"ngram_range": [1, 2], "min_df": 5, "max_df": 0.5, "max_features": 60000}, "char": None,
         "lexicon": None, "C": c, "class_weight": "balanced", "outlet_weight": ow, "max_outlet_share": 0.3}
        for ow in (None, 1.0) for c in (1.0, 3.0)
    ],
}  # fmt: skip


#: Cross-validation folds per task (5 unless listed): fewer for the two large training sets (23k AllSides articles,
#: 30k PolNeAR sentences) to keep ``framing train`` within minutes on two cores.
CV_FOLDS: dict[str, int] = {"lean": 3, "attributed": 3}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = {**out[k], **v}
        else:
            out[k] = v
    return out


def _vectorizer(cfg: dict[str, Any]) -> TfidfVectorizer:
    kw = {k: (tuple(v) if k == "ngram_range" else v) for k, v in cfg.items()}
    return TfidfVectorizer(dtype=np.float64, **kw)


def outlet_share(X: Any, groups: Sequence[str]) -> np.ndarray:
    """Per column of ``X``: the share of the documents holding the term that come from its most frequent group."""
    names, inv = np.unique(np.asarray(groups, dtype=object), return_inverse=True)
    G = sparse.csr_matrix((np.ones(len(inv)), (inv, np.arange(len(inv)))), shape=(len(names), len(inv)))
    B = sparse.csr_matrix(X, copy=True)
    B.data = (B.data != 0).astype(np.float64)
    D = (G @ B).toarray()
    total = D.sum(axis=0)
    return np.divide(D.max(axis=0), total, out=np.ones_like(total), where=total > 0)


def group_weights(labels: Sequence[str], groups: Sequence[str], power: float, balanced: bool) -> np.ndarray:
    """Sample weights ``n_group ** -power``, rescaled to equal class totals when ``balanced``; mean 1."""
    g = np.asarray(groups, dtype=object)
    _, inv, counts = np.unique(g, return_inverse=True, return_counts=True)
    w = counts[inv].astype(np.float64) ** -float(power)
    if balanced:
        y = np.asarray(labels, dtype=object)
        for c in np.unique(y):
            w[y == c] /= w[y == c].sum()
    return w * (len(w) / w.sum())


class _Features:
    """Fitted feature blocks, kept so a grid can reuse them across C values."""

    def __init__(self, settings: dict[str, Any], texts: Sequence[str], groups: Sequence[str] | None = None) -> None:
        self.blocks: list[Block] = []
        self.train_mats: list[Any] = []
        self._fitted: list[Any] = []
        self._columns: list[np.ndarray | None] = []
        share = settings.get("max_outlet_share")
        for kind in ("word", "char"):
            cfg = settings.get(kind)
            if not cfg:
                continue
            vec = _vectorizer(cfg)
            X = vec.fit_transform(texts)
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
            idf = np.asarray(vec.idf_, dtype=np.float64)
            cols = None
            if share is not None and groups is not None:
                cols = np.flatnonzero(outlet_share(X, groups) <= float(share))
                X = self._restrict(X, cols, cfg)
                vocab, idf = [vocab[i] for i in cols], idf[cols]
            self.blocks.append(Block(kind, dict(cfg), vocabulary=vocab, idf=idf))
            self.train_mats.append(X)
            self._fitted.append(vec)
            self._columns.append(cols)
        lex = settings.get("lexicon")
        if lex and float(lex.get("weight", 1.0)) > 0:
            lf = LexiconFeatures(**{k: v for k, v in lex.items() if k != "weight"}).fit(texts)
            L = lf.transform(texts)
            sc = StandardScaler().fit(L)
            scale = np.where(sc.scale_ > 0, sc.scale_, 1.0)
            self.blocks.append(Block("lexicon", dict(lex), mean=sc.mean_.copy(), scale=scale,
                                     categories=list(lf.categories_)))  # fmt: skip
            self.train_mats.append(sparse.csr_matrix((L - sc.mean_) / scale * float(lex.get("weight", 1.0))))
            self._fitted.append(lf)
            self._columns.append(None)
        vec_cfg = settings.get("vectors")
        if vec_cfg and float(vec_cfg.get("weight", 1.0)) > 0:
            from framing.models.vectors import shipped_vectors

            vectors = shipped_vectors()
            P = vectors.pool(texts)
            mean, sd = P.mean(axis=0), P.std(axis=0)
            sd = np.where(sd > 0, sd, 1.0)
            cfg = {"weight": float(vec_cfg.get("weight", 1.0)), "sha256": vectors.sha256, "dim": vectors.dim}
            self.blocks.append(Block("vectors", cfg, mean=mean, scale=sd))
            self.train_mats.append(sparse.csr_matrix((P - mean) / sd * cfg["weight"]))
            self._fitted.append(vectors)
            self._columns.append(None)

    @staticmethod
    def _restrict(X: Any, cols: np.ndarray, cfg: dict[str, Any]) -> Any:
        """Keep ``cols`` and renormalise the rows: what a vectorizer with the reduced vocabulary and the same idf
        (the model file's form) computes."""
        X = sparse.csr_matrix(X)[:, cols]
        norm = cfg.get("norm", "l2")
        return normalize(X, norm=norm, copy=False) if norm else X

    def matrix(self) -> sparse.csr_matrix:
        return sparse.hstack(self.train_mats, format="csr")

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        mats = []
        for b, obj, cols in zip(self.blocks, self._fitted, self._columns, strict=True):
            if b.kind in {"lexicon", "vectors"}:
                assert b.mean is not None and b.scale is not None
                w = float(b.config.get("weight", 1.0))
                raw = obj.transform(texts) if b.kind == "lexicon" else obj.pool(texts)
                mats.append(sparse.csr_matrix((raw - b.mean) / b.scale * w))
            elif cols is not None:
                mats.append(self._restrict(obj.transform(texts), cols, b.config))
            else:
                mats.append(obj.transform(texts))
        return sparse.hstack(mats, format="csr")


def _fit_lr(X: Any, y: Sequence[str], classes: Sequence[str], C: float, class_weight: Any, max_iter: int,
            sample_weight: np.ndarray | None = None) -> Any:  # fmt: skip
    lr = LogisticRegression(C=C, class_weight=class_weight, max_iter=max_iter, random_state=0, solver="lbfgs")
    lr.fit(X, np.asarray(y, dtype=object), sample_weight=sample_weight)
    missing = set(classes) - set(lr.classes_)
    if missing:
        raise ValueError(f"training data has no examples of class(es) {sorted(missing)}")
    return lr


def _to_model(task: Task | None, name: str, classes: Sequence[str], positive: str | None, feats: _Features, lr: Any,
              meta: dict[str, Any]) -> Model:  # fmt: skip
    order = [list(lr.classes_).index(c) for c in classes]
    coef, intercept = lr.coef_, lr.intercept_
    if len(classes) == 2:
        if list(lr.classes_) != list(classes):  # lr orders classes alphabetically: flip to our order
            coef, intercept = -coef, -intercept
    else:
        coef, intercept = coef[order], intercept[order]
    return Model(name, classes, positive, feats.blocks, coef, intercept, meta)


def classification_report(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> dict[str, Any]:
    """Precision, recall, F1 and support per class, macro-F1, accuracy and the confusion matrix
    (rows = gold, columns = predicted, in ``classes`` order)."""
    labels = list(classes)
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    cm = confusion_matrix(gold, pred, labels=labels)
    return {
        "n": len(gold),
        "per_class": {
            c: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, c in enumerate(labels)
        },
        "macro_f1": round(float(np.mean(f)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4) if len(gold) else 0.0,
        "confusion_matrix": {"labels": labels, "rows_gold_cols_pred": cm.tolist()},
    }


def headline(task: Task, report: dict[str, Any]) -> float:
    """The task's headline number from a :func:`classification_report`."""
    if task.headline == "macro_f1":
        return float(report["macro_f1"])
    return float(report["per_class"][task.headline.split(":", 1)[1]]["f1"])


def evaluate_model(model: Model, texts: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """:func:`classification_report` of ``model`` on labelled texts."""
    pred = model.predict(texts).tolist() if texts else []
    return classification_report(list(labels), pred, [str(c) for c in model.classes_])


def train_model(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    task: str,
    settings: dict[str, Any] | None = None,
    dev: tuple[Sequence[str], Sequence[str]] | None = None,
    grid: Sequence[dict[str, Any]] | None = None,
    meta: dict[str, Any] | None = None,
    groups: Sequence[str] | None = None,
) -> tuple[Model, dict[str, Any]]:
    """Train one model; with ``dev`` and ``grid``, pick the grid point with the best dev headline score.

    Args:
        texts: Training texts.
        labels: Their labels (strings of the task's classes).
        task: Task name (decides classes and the headline metric).
        settings: Overrides of :data:`DEFAULTS` (used alone, or as the base of every grid point).
        dev: ``(texts, labels)`` used to choose among grid points and reported in the model header.
        grid: Setting overrides to try.
        meta: Extra header fields.
        groups: Each training item's group (outlet), needed by the :data:`GROUP_SETTINGS`.

    Returns:
        ``(model, info)`` where ``info`` holds the chosen settings, every grid point's dev score and the dev
        report of the chosen model.
    """
    t = get_task(task)
    base = _merge(DEFAULTS, settings or {})
    points = [_merge(base, g) for g in (grid or [{}])] if dev is not None else [base]
    if groups is not None and len(groups) != len(texts):
        raise ValueError(f"{len(groups)} groups for {len(texts)} texts")
    if groups is None and any(p.get(k) is not None for p in points for k in GROUP_SETTINGS):
        raise ValueError(f"settings {', '.join(GROUP_SETTINGS)} need the training items' groups")
    docs = [normalise_for_model(x) for x in texts]
    dev_docs = [normalise_for_model(x) for x in dev[0]] if dev is not None else []
    tried: list[dict[str, Any]] = []
    best: tuple[float, Model, dict[str, Any], dict[str, Any] | None] | None = None
    cache: dict[str, tuple[_Features, Any]] = {}
    start = time.perf_counter()
    for s in points:
        key = repr((s.get("word"), s.get("char"), s.get("lexicon"), s.get("vectors"), s.get("max_outlet_share")))
        if key not in cache:
            cache.clear()
            f = _Features(s, docs, groups)
            cache[key] = (f, f.transform(dev_docs) if dev is not None else None)
        feats, dev_X = cache[key]
        cw, sw = s.get("class_weight"), None
        if s.get("outlet_weight") is not None:
            assert groups is not None
            sw = group_weights(labels, groups, float(s["outlet_weight"]), balanced=cw == "balanced")
            cw = None if cw == "balanced" else cw
        lr = _fit_lr(feats.matrix(), labels, t.classes, float(s["C"]), cw, int(s["max_iter"]), sw)
        model = _to_model(t, t.name, t.classes, t.positive_class, feats, lr, {})
        if dev is None:
            best = (0.0, model, s, None)
            break
        shifts = [0.0] + ([-0.5, 0.5, -1.0, 1.0] if len(t.classes) == 2 and s.get("tune_intercept") else [])
        margin = np.asarray(dev_X @ model.coef_.T).ravel() + model.intercept_[0] if len(t.classes) == 2 else None
        for shift in shifts:
            if margin is None:
                pred = lr.predict(dev_X).tolist()
            else:
                pred = [t.classes[1] if m + shift > 0 else t.classes[0] for m in margin]
            rep = classification_report(list(dev[1]), pred, t.classes)
            score = headline(t, rep)
            point = {**s, "intercept_shift": shift} if shift else s
            tried.append({"settings": _public(point), "dev_" + t.headline: score, "dev_macro_f1": rep["macro_f1"]})
            if best is None or score > best[0] + 1e-12:
                if shift:
                    model = _to_model(t, t.name, t.classes, t.positive_class, feats, lr, {})
                    model.intercept_ = model.intercept_ + shift
                best = (score, model, point, rep)
    assert best is not None
    _, model, chosen, rep = best
    if dev is not None:  # the stored dev numbers come from the exported model itself
        rep = evaluate_model(model, dev_docs, dev[1])
    model.meta = {
        "training_data": t.dataset,
        "licence": t.licence,
        "n_train": len(texts),
        "train_class_counts": {c: int(sum(1 for y in labels if y == c)) for c in t.classes},
        "settings": _public(chosen),
        "lexicons": list(lexicon_refs()),
        "trained": _trained_at(),
        "framing_version": __version__,
        "sklearn_version": _sklearn_version(),
        "dev_split": t.dev_name,
        "dev_metrics": rep,
        "tuned_on_dev": bool(dev is not None and len(points) > 1),
        "command": f"framing train {t.name} --data <data>/{t.folder}",
        **(meta or {}),
    }
    info = {"settings": _public(chosen), "grid": tried, "dev": rep, "seconds": round(time.perf_counter() - start, 1)}
    return model, info


def _trained_at() -> str:
    """UTC time of training, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds: two trainings, one file)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch else _dt.datetime.now(_dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _public(s: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in s.items() if k not in {"max_iter", "tune_intercept"}}


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def train_task(
    name: str,
    data: Path,
    *,
    limit: int | None = None,
    tune: bool = True,
    command: str | None = None,
    settings: dict[str, Any] | None = None,
) -> tuple[Model, dict[str, Any]]:
    """Train a task's model on its train portion with settings chosen by cross-validation inside it
    (:func:`framing.models.select.select_and_train`); dev only measures the result.

    Args:
        name: Task name (:data:`framing.models.tasks.TASKS`).
        data: The dataset folder or the folder holding it.
        limit: Use only the first ``limit`` train and dev items (for tests).
        tune: Search the task's grid by cross-validation (else use the grid's first point).
        command: The command line recorded in the header.
        settings: Train with exactly these settings (no search; e.g. a shipped model's, from its manifest entry).
    """
    t = TASKS.get(name) or get_task(name)
    if settings is not None and t.name == "frames":
        raise ValueError("settings are not supported for the frames task (its grid is in framing.models.frames)")
    if t.name == "frames":  # its own grid and lexicon block (framing.models.frames), also chosen by CV in train
        from framing.models.frames import train_frames

        return train_frames(data, limit=limit, command=command, **({} if tune else {"c_grid": (3.0,), "feature_grid":
                            ({"lexicon": {"frames": True, "weight": 1.0}},)}))  # fmt: skip
    from framing.models.select import select_and_train

    texts, labels, groups, cv_groups = load_split_cv(t, data, "train", limit)
    dev_texts, dev_labels, _, _ = load_split_cv(t, data, "dev", limit)
    grid = GRIDS.get(t.name) or [{}]
    if settings is not None:
        grid, tune = [settings], False
    extra = load_extra(t, data) if tune and limit is None else None
    return select_and_train(texts, labels, task=t.name, grid=grid if tune else grid[:1], dev=(dev_texts, dev_labels),
                            groups=groups, cv_groups=cv_groups, folds=CV_FOLDS.get(t.name, 5), extra=extra,
                            meta={"command": command or f"framing train {t.name} --data <data>/{t.folder}"},
                            )  # fmt: skip

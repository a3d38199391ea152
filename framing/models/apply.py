"""The trained models inside article scoring: sentence probabilities as evidence, article aggregates, lean.

:func:`measure_models` is the stage ``framing score`` runs after the lexicon and rule measures. It needs no
second pass over the text for the lexicon-feature block: the counts come from the evidence the scorer already
found (:func:`framing.models.features.rows_from_evidence`). The n-gram blocks are evaluated per text with
plain dictionary lookups (:class:`CompiledModel`), which gives the same numbers as
:meth:`framing.models.model.Model.predict_proba` (to floating-point rounding) without building sparse
matrices for a few dozen short sentences.

The lexicon block is the one place where the article pass and a stand-alone ``predict_proba([sentence])``
can differ: inside an article, a sentence's attribution evidence may depend on its neighbours (a quote that
spans sentences), and the model was trained on sentences scored alone. The validation report measures how
often that changes a decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from framing.evidence import MODEL_DIMENSION, Evidence
from framing.models.features import rows_for_batch
from framing.models.model import Model, normalise_for_model
from framing.text.sentences import Sentence

__all__ = ["LEAN_CAVEAT", "CompiledModel", "ModelInput", "ModelResult", "measure_models", "model_ref"]

#: Shown beside every lean estimate.
LEAN_CAVEAT = (
    "text-based estimate from a classifier trained on outlet-level AllSides labels; it says which outlets' "
    "articles this text resembles, not the article's or the outlet's political position; see the model's dev "
    "metrics before relying on it"
)
#: Sentence probability at or above which a sentence counts as flagged in the article aggregates.
THRESHOLD = 0.5


def model_ref(model: Model) -> str:
    """Versioned name of a model for evidence and score records: ``model:subjective@1e0e89997b9b``."""
    digest = str(model.meta.get("sha256") or "unsaved")[:12]
    return f"model:{model.task}@{digest}"


class CompiledModel:
    """A :class:`Model`'s linear scores for a batch of short texts, without scikit-learn's per-call overhead.

    The n-gram blocks look every term of every text up in one dictionary pass (``map(dict.get, ...)``, a C
    loop), then compute term frequencies, tf-idf weights, the l2 norms and the dot products with a few numpy
    calls over the whole batch: a few dozen sentences of an article cost about as much as one sparse-matrix
    product would, instead of one Python loop per sentence and term.

    Args:
        model: A loaded or trained model.

    Example:
        >>> from framing.models import load_default_models
        >>> m = load_default_models()["subjective"]
        >>> texts = ["Officials said the talks ended.", "This is a disgraceful, shameful betrayal!"]
        >>> bool(np.allclose(CompiledModel(m).predict_proba(texts), m.predict_proba(texts)))
        True
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self._ngrams: list[_NgramBlock] = []
        self._lexicon: tuple[Any, np.ndarray, np.ndarray, np.ndarray] | None = None
        self._vectors: tuple[Any, np.ndarray, np.ndarray, np.ndarray] | None = None
        col = 0
        for block, built in zip(model.blocks, model._build(), strict=True):
            coef = model.coef_[:, col : col + block.width]
            col += block.width
            if block.kind == "lexicon":
                assert block.mean is not None and block.scale is not None
                weight = float(block.config.get("weight", 1.0))
                self._lexicon = (built, block.mean, block.scale / weight, np.ascontiguousarray(coef.T))
                continue
            if block.kind == "vectors":
                assert block.mean is not None and block.scale is not None
                weight = float(block.config.get("weight", 1.0))
                self._vectors = (built, block.mean, block.scale / weight, np.ascontiguousarray(coef.T))
                continue
            if built.norm not in {"l2", None} or built.binary:
                raise ValueError(f"{model.task}: norm={built.norm!r}, binary={built.binary} has no fast path")
            idf = block.idf if block.idf is not None else np.ones(len(block.vocabulary))
            self._ngrams.append(
                _NgramBlock(
                    analyzer=_word_analyzer(built) or built.build_analyzer(),
                    key=_analyzer_key(built),
                    index={t: j for j, t in enumerate(block.vocabulary)},
                    idf=np.asarray(idf, dtype=np.float64),
                    coef_t=np.ascontiguousarray(coef.T, dtype=np.float64),
                    sublinear=bool(built.sublinear_tf),
                    l2=built.norm == "l2",
                )
            )

    def decision_function(
        self,
        texts: Sequence[str],
        lexicon_rows: np.ndarray | None = None,
        *,
        normalised: bool = False,
        terms: dict[Any, Any] | None = None,
    ) -> np.ndarray:
        """Raw linear scores ``(n, n_rows)``.

        Args:
            texts: The texts.
            lexicon_rows: Their lexicon features (:func:`~framing.models.features.rows_from_evidence`), if known.
            normalised: The texts already went through :func:`framing.io.normalise.normalise_text` (a cleaned article's
                sentences), so only runs of whitespace need collapsing.
            terms: A dict kept across models scoring the same texts: the n-grams of an analyzer they share are
                computed once (the sentence models and the frame model all use word 1-2-grams).
        """
        docs = [" ".join(t.split()) for t in texts] if normalised else [normalise_for_model(t) for t in texts]
        out = np.tile(self.model.intercept_, (len(docs), 1))
        for block in self._ngrams:
            out += block.scores(docs, terms)
        if self._lexicon is not None and docs:
            features, mean, scale, coef_t = self._lexicon
            raw = lexicon_rows if lexicon_rows is not None else features.transform(docs)
            # one small product per row (a stack of 1 x d matrices), not one product of the whole batch, whose
            # summation order depends on how many rows there are: an article scores the same in any batch
            z = (raw - mean) / scale
            out += np.matmul(z[:, None, :], coef_t)[:, 0, :]
        if self._vectors is not None and docs:
            vectors, mean, scale, coef_t = self._vectors
            # the pooled rows of a batch, once for every model of the batch that uses the same vectors
            key = ("vectors", vectors.sha256)
            pooled = terms.get(key) if terms is not None else None
            if pooled is None or len(pooled) != len(docs):
                pooled = vectors.pool(docs)
                if terms is not None:
                    terms[key] = pooled
            z = (pooled - mean) / scale
            out += np.matmul(z[:, None, :], coef_t)[:, 0, :]
        return out

    def predict_proba(
        self,
        texts: Sequence[str],
        lexicon_rows: np.ndarray | None = None,
        *,
        normalised: bool = False,
        terms: dict[Any, Any] | None = None,
    ) -> np.ndarray:
        """Class probabilities ``(n, n_classes)`` in the order of ``model.classes_`` (arguments as for
        :meth:`decision_function`)."""
        if len(texts) == 0:
            return np.zeros((0, len(self.model.classes_)))
        scores = self.decision_function(texts, lexicon_rows, normalised=normalised, terms=terms)
        if len(self.model.classes_) == 2:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        z = np.exp(scores - scores.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class _NgramBlock:
    """One n-gram block of a model: analyzer, term -> column, idf and the weights as ``(n_terms, n_rows)``."""

    analyzer: Callable[[str], list[str]]
    key: tuple[Any, ...] | None
    index: dict[str, int]
    idf: np.ndarray
    coef_t: np.ndarray
    sublinear: bool
    l2: bool

    def scores(self, docs: Sequence[str], shared: dict[Any, Any] | None = None) -> np.ndarray:
        """The block's contribution to the linear scores of ``docs``: ``(n_docs, n_rows)``, what
        ``normalize(tf-idf rows) @ coef.T`` gives (up to floating-point summation order); ``shared`` keeps the
        n-grams of the docs for other blocks with the same analyzer."""
        n = len(docs)
        out = np.zeros((n, self.coef_t.shape[1]))
        cached = shared.get(self.key) if shared is not None and self.key is not None else None
        if cached is None:
            terms: list[str] = []
            lengths: list[int] = []
            for doc in docs:
                found = self.analyzer(doc)
                terms.extend(found)
                lengths.append(len(found))
            if shared is not None and self.key is not None:
                shared[self.key] = (terms, lengths)
        else:
            terms, lengths = cached
        if not terms:
            return out
        cols = np.fromiter(map(self.index.get, terms, repeat(-1)), dtype=np.int64, count=len(terms))
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        known = cols >= 0
        if not known.any():
            return out
        width = len(self.idf)
        # one key per (text, term): its count is the term frequency
        keys, tf = np.unique(rows[known] * width + cols[known], return_counts=True)
        row, col = np.divmod(keys, width)
        value = (1.0 + np.log(tf) if self.sublinear else tf.astype(np.float64)) * self.idf[col]
        for k in range(out.shape[1]):  # bincount sums per text at C speed (np.add.at is several times slower)
            out[:, k] = np.bincount(row, weights=value * self.coef_t[col, k], minlength=n)
        if self.l2:
            norm = np.sqrt(np.bincount(row, weights=value * value, minlength=n))
            np.divide(out, norm[:, None], out=out, where=norm[:, None] > 0)
        return out


def _analyzer_key(vec: Any) -> tuple[Any, ...] | None:
    """What makes two fast word analyzers give the same n-grams (``None``: not shared)."""
    if _word_analyzer(vec) is None:
        return None
    return ("word", tuple(vec.ngram_range), bool(vec.lowercase), vec.token_pattern)


def _word_analyzer(vec: Any) -> Callable[[str], list[str]] | None:
    """The word n-grams scikit-learn's default word analyzer would produce, without its per-call overhead;
    ``None`` for any setting this shortcut does not reproduce exactly."""
    if (
        vec.analyzer != "word"
        or vec.preprocessor is not None
        or vec.tokenizer is not None
        or vec.stop_words is not None
        or vec.strip_accents is not None
    ):
        return None
    findall = re.compile(vec.token_pattern).findall
    lowercase = bool(vec.lowercase)
    lo, hi = vec.ngram_range

    def analyze(doc: str) -> list[str]:
        tokens = findall(doc.lower() if lowercase else doc)
        out = list(tokens) if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            # the n-grams, joined at C speed (the shifted copies are shorter: zip stops at the last full n-gram)
            out.extend(map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False)))
        return out

    return analyze


@dataclass(frozen=True)
class ModelResult:
    """What the models add to one article's scores.

    Attributes:
        evidence: One item per sentence and sentence model (dimension ``model``, category the task, weight the
            probability of the positive class; for a model of more than two classes, such as ``frames``, the
            probability of the most probable class, the note giving the three most probable).
        metrics: ``models.<task>.mean`` (mean probability) and ``models.<task>.share`` (sentences at or above
            0.5); for a model of more than two classes ``models.<task>.p_<class>`` (mean probability per class);
            and for the lean model ``models.lean.p_<class>``.
        lean: ``{"label", "probabilities", "model", "caveat"}``, or ``None`` without a lean model.
        refs: Versioned names of the models used.
        sentence_frames: The frame model's ``(top class, its probability, the top probabilities as text, model
            name)`` per sentence (:func:`framing.measures.frames.decide_frames`), or ``None`` without one.
    """

    evidence: tuple[Evidence, ...]
    metrics: dict[str, float]
    lean: dict[str, Any] | None
    refs: tuple[str, ...]
    sentence_frames: tuple[list[str], list[float], list[str], str] | None = None


@dataclass(frozen=True)
class ModelInput:
    """One article as the models read it.

    Attributes:
        sentences: The article's sentences.
        evidence: The lexicon and rule evidence already found (feeds the lexicon-feature block).
        tones: Compound sentiment per sentence (the lexicon block's tone feature).
        word_counts: Words per sentence (the lexicon block's length feature), when known.
        lean_input: The article text as the lean model expects it (:func:`framing.models.tasks.lean_text`).
        normalised: The sentences come from text already passed through :func:`framing.io.normalise.normalise_text`.
    """

    sentences: Sequence[Sentence]
    evidence: Sequence[Evidence]
    tones: Sequence[float]
    word_counts: Sequence[int] | None = None
    lean_input: str | None = None
    normalised: bool = False


def measure_models(
    inputs: Sequence[ModelInput], models: Mapping[str, tuple[Model, CompiledModel]]
) -> list[ModelResult]:
    """Score the sentences (and, for ``lean``, the text) of a batch of articles with the given models.

    Each model scores all the batch's sentences in one call (one n-gram lookup pass and a few numpy operations
    over the whole batch), so a batch of articles costs about as much per sentence as one long article.

    Args:
        inputs: The articles.
        models: ``task -> (model, compiled)``; sentence models and an optional ``lean`` article model.

    Returns:
        One result per input, in order.
    """
    docs: list[str] = []
    bounds = [0]
    for inp in inputs:
        texts = [s.text for s in inp.sentences]
        if inp.normalised:
            docs.extend(" ".join(t.split()) for t in texts)
        else:
            docs.extend(map(normalise_for_model, texts))
        bounds.append(len(docs))
    evidence: list[list[Evidence]] = [[] for _ in inputs]
    metrics: list[dict[str, float]] = [{} for _ in inputs]
    frames: list[tuple[list[str], list[float], list[str], str] | None] = [None] * len(inputs)
    refs: list[str] = []
    rows_cache: dict[tuple[Any, ...], np.ndarray] = {}
    shared_rows: dict[str, np.ndarray] = {}  # the surface features, the same for every model
    terms: dict[Any, Any] = {}  # the n-grams of the sentences, per analyzer, the same for the models sharing one
    for task in sorted(models):
        model, compiled = models[task]
        if task == "lean":
            continue
        ref = model_ref(model)
        refs.append(ref)
        lexicon_rows = None
        if compiled._lexicon is not None:
            features = compiled._lexicon[0]
            key = (features.scale, features.surface, features.weights, features.categories_)
            if key not in rows_cache:
                batch = [
                    (inp.sentences, inp.evidence, inp.tones, inp.word_counts,
                     docs[bounds[k] : bounds[k + 1]] if inp.normalised else None)
                    for k, inp in enumerate(inputs)
                ]  # fmt: skip
                rows_cache[key] = rows_for_batch(features, batch, shared_rows)
            lexicon_rows = rows_cache[key]
        if len(model.classes_) > 2:
            probs_all = compiled.predict_proba(docs, lexicon_rows, normalised=True, terms=terms)
            _multiclass(task, model, ref, inputs, bounds, probs_all, evidence, metrics, frames)
            continue
        pos = list(model.classes_).index(model.positive_class) if model.positive_class else len(model.classes_) - 1
        probs = (
            compiled.predict_proba(docs, lexicon_rows, normalised=True, terms=terms)[:, pos] if docs else np.zeros(0)
        )
        label = str(model.classes_[pos])
        for k, inp in enumerate(inputs):
            mine = probs[bounds[k] : bounds[k + 1]]
            evidence[k].extend(
                Evidence(s.index, s.start, s.end, s.text, MODEL_DIMENSION, task, round(float(p), 4), ref,
                         note=f"P({label}) = {p:.3f}")
                for s, p in zip(inp.sentences, mine, strict=True)
            )  # fmt: skip
            n = max(len(mine), 1)
            metrics[k][f"models.{task}.mean"] = float(mine.sum()) / n
            metrics[k][f"models.{task}.share"] = float((mine >= THRESHOLD).sum()) / n
    leans: list[dict[str, Any] | None] = [None] * len(inputs)
    if "lean" in models:
        model, compiled = models["lean"]
        refs.append(model_ref(model))
        wanted = [k for k, inp in enumerate(inputs) if inp.lean_input is not None]
        if wanted:
            probs_all = compiled.predict_proba([inputs[k].lean_input for k in wanted])  # type: ignore[misc]
            for k, p in zip(wanted, probs_all, strict=True):
                probs = {str(c): round(float(v), 4) for c, v in zip(model.classes_, p, strict=True)}
                leans[k] = {
                    "label": str(model.classes_[int(np.argmax(p))]),
                    "probabilities": probs,
                    "model": model_ref(model),
                    "caveat": LEAN_CAVEAT,
                }
                metrics[k].update({f"models.lean.p_{c}": v for c, v in probs.items()})
    return [ModelResult(tuple(evidence[k]), metrics[k], leans[k], tuple(refs), frames[k]) for k in range(len(inputs))]


def _multiclass(
    task: str,
    model: Model,
    ref: str,
    inputs: Sequence[ModelInput],
    bounds: Sequence[int],
    probs_all: np.ndarray,
    evidence: list[list[Evidence]],
    metrics: list[dict[str, float]],
    frames: list[Any],
) -> None:
    """A sentence model of more than two classes: one item per sentence with its top class's probability and the
    three most probable in the note, ``models.<task>.p_<class>`` means, and for ``frames`` the sentence frames."""
    classes = [str(c) for c in model.classes_]
    for k, inp in enumerate(inputs):
        mine = probs_all[bounds[k] : bounds[k + 1]] if len(probs_all) else np.zeros((0, len(classes)))
        order = np.argsort(-mine, axis=1, kind="stable")[:, :3].tolist() if len(mine) else []
        rows = mine.tolist()  # Python floats: indexing a numpy row per sentence cost more than the rest
        top = [js[0] for js in order]
        texts = [
            "; ".join([f"P({classes[j]}) = {row[j]:.3f}" for j in js]) for row, js in zip(rows, order, strict=True)
        ]
        evidence[k].extend(
            Evidence(s.index, s.start, s.end, s.text, MODEL_DIMENSION, task, round(row[j], 4), ref, note=t)
            for s, row, j, t in zip(inp.sentences, rows, top, texts, strict=True)
        )
        n = max(len(mine), 1)
        metrics[k].update({f"models.{task}.p_{c}": float(mine[:, j].sum()) / n for j, c in enumerate(classes)})
        if task == "frames":
            frames[k] = ([classes[j] for j in top], [row[j] for row, j in zip(rows, top, strict=True)], texts, ref)

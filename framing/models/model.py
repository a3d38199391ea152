"""A trained linear text classifier made of plain arrays: TF-IDF n-grams + lexicon features -> linear model.

A :class:`Model` holds only numbers, strings and a JSON-able header, so it can be written to and read from the
pickle-free file format of :mod:`framing.models.format`. Its :meth:`Model.predict_proba` rebuilds the
scikit-learn vectorizers from the stored vocabulary and idf once (at load) and then scores a whole batch of
texts with sparse matrix products.

Feature blocks, in column order (each optional):

* ``word``: :class:`~sklearn.feature_extraction.text.TfidfVectorizer` over word n-grams;
* ``char``: the same over character n-grams (``char_wb``);
* ``lexicon``: :class:`framing.models.features.LexiconFeatures`, standardised (stored mean and scale) and
  multiplied by a block weight;
* ``vectors``: the mean of the sentence's word vectors (:mod:`framing.models.vectors`, the shipped file whose
  SHA-256 the block's config names), standardised and weighted the same way.

Then ``p = softmax(X @ coef.T + intercept)`` (``expit`` of the single row for two classes), exactly as
:class:`~sklearn.linear_model.LogisticRegression` computes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import expit, softmax
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.io.normalise import normalise_text
from framing.models.features import LexiconFeatures

__all__ = ["VECTORIZER_KEYS", "Block", "Model", "normalise_for_model", "vectors_for"]

#: TfidfVectorizer settings a model file may set (everything else keeps scikit-learn's default).
VECTORIZER_KEYS = (
    "analyzer",
    "ngram_range",
    "lowercase",
    "sublinear_tf",
    "min_df",
    "max_df",
    "max_features",
    "token_pattern",
    "binary",
    "norm",
    "strip_accents",
)


def normalise_for_model(text: str) -> str:
    """The text normalisation every model applies before its features: quotes/apostrophes/spaces as in
    :func:`framing.io.normalise.normalise_text`, and runs of whitespace collapsed to one space."""
    return " ".join(normalise_text(text).split())


def vectors_for(block: Block, owner: str) -> Any:
    """The shipped word vectors a ``vectors`` block was trained with (loaded once, then cached).

    Raises:
        ValueError: The shipped vectors are not the ones the model was trained with (their SHA-256 differs): the
            model's weights would be read against other dimensions. The message names the model.
    """
    from framing.models.vectors import shipped_vectors

    vectors = shipped_vectors()
    want = block.config.get("sha256")
    if want != vectors.sha256 or int(block.config.get("dim", -1)) != vectors.dim:
        raise ValueError(f"{owner}: trained with word vectors {str(want)[:12]}, but the shipped vectors are "
                         f"{vectors.sha256[:12]}; retrain the model (framing train)")  # fmt: skip
    return vectors


@dataclass
class Block:
    """One feature block: its kind, settings and fitted arrays.

    Attributes:
        kind: ``word``, ``char`` or ``lexicon``.
        config: Vectorizer settings (``word``/``char``) or LexiconFeatures settings plus ``weight``.
        vocabulary: Terms in column order (``word``/``char``).
        idf: Inverse document frequencies (``word``/``char``), or ``None`` when ``use_idf`` is off.
        mean: Standardisation mean (``lexicon``).
        scale: Standardisation scale (``lexicon``).
        categories: LexiconFeatures' evidence categories, in column order (``lexicon``).
    """

    kind: str
    config: dict[str, Any]
    vocabulary: list[str] = field(default_factory=list)
    idf: np.ndarray | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    categories: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        if self.kind in {"lexicon", "vectors"}:
            return 0 if self.mean is None else len(self.mean)
        return len(self.vocabulary)


class Model:
    """A trained classifier; see the module docstring.

    Args:
        task: Task name (``biased``, ``hedged``, ``subjective``, ``lean``, ...).
        classes: Class labels in column order of :meth:`predict_proba`.
        positive_class: The class whose probability is "the" score for a binary task (``None`` for ``lean``).
        blocks: Feature blocks in column order.
        coef: ``(n_rows, n_features)`` weights; one row for two classes.
        intercept: ``(n_rows,)`` intercepts.
        meta: Everything else recorded in the file header (training data, licence, date, dev metrics ...).
    """

    def __init__(
        self,
        task: str,
        classes: Sequence[str],
        positive_class: str | None,
        blocks: Sequence[Block],
        coef: np.ndarray,
        intercept: np.ndarray,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.task = task
        self.classes_ = np.asarray(list(classes), dtype=object)
        self.positive_class = positive_class
        self.blocks = list(blocks)
        self.coef_ = np.ascontiguousarray(coef, dtype=np.float64)
        self.intercept_ = np.ascontiguousarray(intercept, dtype=np.float64)
        self.meta: dict[str, Any] = dict(meta or {})
        self.source: str | None = None  # file the model was loaded from
        self._built: list[Any] | None = None
        n_features = sum(b.width for b in self.blocks)
        if self.coef_.ndim != 2 or self.coef_.shape[1] != n_features:
            raise ValueError(f"coef shape {self.coef_.shape} does not match {n_features} features")
        expect_rows = 1 if len(self.classes_) == 2 else len(self.classes_)
        if self.coef_.shape[0] != expect_rows or self.intercept_.shape != (expect_rows,):
            raise ValueError(
                f"coef/intercept shapes {self.coef_.shape}/{self.intercept_.shape} do not fit "
                f"{len(self.classes_)} classes"
            )

    def __repr__(self) -> str:
        widths = ", ".join(f"{b.kind}={b.width}" for b in self.blocks)
        return f"Model(task={self.task!r}, classes={list(self.classes_)}, features: {widths})"

    @property
    def n_features(self) -> int:
        return int(self.coef_.shape[1])

    @property
    def feature_names(self) -> list[str]:
        """Column names: ``word:<term>``, ``char:<ngram>``, ``lex__<category>__count`` ..."""
        out: list[str] = []
        for b in self.blocks:
            if b.kind == "lexicon":
                out.extend(self._lexicon(b).get_feature_names_out().tolist())
            elif b.kind == "vectors":
                out.extend(f"vec__{i}" for i in range(b.width))
            else:
                out.extend(f"{b.kind}:{t}" for t in b.vocabulary)
        return out

    # --- inference ------------------------------------------------------------------------------------------

    @staticmethod
    def _lexicon(b: Block) -> LexiconFeatures:
        lf = LexiconFeatures(**{k: v for k, v in b.config.items() if k != "weight"})
        lf.fit([])
        if list(lf.categories_) != list(b.categories):
            lf.categories_ = tuple(b.categories)  # keep the trained layout if the bundled lexicons changed
            lf.n_features_out_ = len(lf.get_feature_names_out())
        return lf

    def _build(self) -> list[Any]:
        if self._built is None:
            built: list[Any] = []
            for b in self.blocks:
                if b.kind == "lexicon":
                    built.append(self._lexicon(b))
                    continue
                if b.kind == "vectors":
                    built.append(vectors_for(b, self.source or self.task))
                    continue
                cfg = {k: (tuple(v) if k == "ngram_range" else v) for k, v in b.config.items() if k in VECTORIZER_KEYS}
                cfg.pop("max_features", None)
                cfg.pop("min_df", None)
                cfg.pop("max_df", None)
                use_idf = b.idf is not None
                vec = TfidfVectorizer(
                    **cfg, vocabulary={t: i for i, t in enumerate(b.vocabulary)}, use_idf=use_idf, dtype=np.float64
                )
                if use_idf:
                    vec.idf_ = b.idf
                else:
                    vec._validate_vocabulary()
                    vec.fit([])  # pragma: no cover - models always use idf today
                built.append(vec)
            self._built = built
        return self._built

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Feature matrix ``(n_texts, n_features)`` of normalised texts."""
        docs = [normalise_for_model(t) for t in texts]
        mats = []
        for b, obj in zip(self.blocks, self._build(), strict=True):
            if b.kind in {"lexicon", "vectors"}:
                assert b.mean is not None and b.scale is not None
                raw = obj.transform(docs) if b.kind == "lexicon" else obj.pool(docs)
                dense = (raw - b.mean) / b.scale * float(b.config.get("weight", 1.0))
                mats.append(sparse.csr_matrix(dense))
            else:
                mats.append(obj.transform(docs))
        if not mats:
            return sparse.csr_matrix((len(docs), 0))
        return sparse.hstack(mats, format="csr")

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores ``(n, n_rows)``."""
        X = self.transform(texts)
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, shape ``(n_texts, n_classes)``, columns in the order of ``classes_``.

        Batch every sentence of an article (or every article) in one call: the cost per call is a few
        sparse products, the cost per text is the n-gram analysis and the lexicon match.
        """
        if isinstance(texts, str):
            raise TypeError("predict_proba expects a sequence of texts, not one string")
        if len(texts) == 0:
            return np.zeros((0, len(self.classes_)))
        scores = self.decision_function(texts)
        if len(self.classes_) == 2:
            p = expit(scores[:, 0])
            return np.column_stack([1.0 - p, p])
        return softmax(scores, axis=1)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """The most probable class per text."""
        return self.classes_[np.argmax(self.predict_proba(texts), axis=1)]

    def top_features(self, n: int = 20) -> dict[str, list[tuple[str, float]]]:
        """The ``n`` largest positive weights per class (for two classes: both directions), for inspection."""
        names = np.asarray(self.feature_names, dtype=object)
        out: dict[str, list[tuple[str, float]]] = {}
        rows = (
            [(str(self.classes_[1]), self.coef_[0]), (str(self.classes_[0]), -self.coef_[0])]
            if len(self.classes_) == 2
            else [(str(c), self.coef_[i]) for i, c in enumerate(self.classes_)]
        )
        for label, w in rows:
            idx = np.argsort(-w, kind="stable")[:n]
            out[label] = [(str(names[i]), round(float(w[i]), 4)) for i in idx]
        return out

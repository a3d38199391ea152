"""In-domain word vectors (PPMI + truncated SVD of AllSides news) and their mean per sentence.

The vectors are learnt, with scipy and scikit-learn only, from the article texts of the AllSides media split's
*train* portion (Apache-2.0; Baly et al. 2020), so no dev or held-out article is read:

1. the articles' tokens are the analysed text's (:data:`framing.text.analysed.TOKEN`, lower-cased): the same
   tokens a scored sentence has, no second tokeniser;
2. the :data:`VOCAB` most frequent tokens (ties by spelling) are the vocabulary;
3. co-occurrence counts within :data:`WINDOW` tokens either side, as a sparse matrix built in chunks;
4. positive PMI with context-distribution smoothing (``0.75``, Levy, Goldberg and Dagan 2015);
5. :func:`sklearn.utils.extmath.randomized_svd` to :data:`DIM` dimensions (``random_state=0``), rows
   ``U * sqrt(S)`` scaled to unit length;
6. stored int8-quantised (one scale for the whole matrix) in ``framing/models/data/vectors.npz``: a pickle-free
   ``.npz`` with a JSON header and a SHA-256 over header and arrays, checked like a model file
   (:mod:`framing.models.format`), so an edited or damaged file is refused with a message naming it.

:class:`SentenceVectors` is the scikit-learn transformer: a text's row is the mean of its in-vocabulary tokens'
vectors (zeros when none is known), computed for a whole batch with one sparse product.

Rebuild (about ten minutes on two cores): ``framing train vectors --data ../shared/data/allsides``.

Example:
    >>> sv = SentenceVectors().fit([])
    >>> sv.transform(["Taxes rose.", "zzzz"]).shape[1] == len(sv.get_feature_names_out())
    True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from framing.models.format import ModelFileError, _digest, _verified, npz_bytes
from framing.text.analysed import TOKEN

__all__ = [
    "DIM",
    "FORMAT",
    "VOCAB",
    "WINDOW",
    "SentenceVectors",
    "Vectors",
    "build_from_allsides",
    "build_vectors",
    "load_vectors",
    "save_vectors",
    "shipped_vectors",
    "tokens",
]

FORMAT = "framing-vectors"
FORMAT_VERSION = 1
#: Vocabulary size, dimensions and co-occurrence window (tokens either side).
VOCAB, DIM, WINDOW = 30000, 100, 5
_ALLOWED = {np.dtype(np.int8), np.dtype(np.uint8), np.dtype(np.float64)}


def tokens(text: str) -> list[str]:
    """The lower-cased tokens of ``text`` as the analysed text has them (its :data:`~framing.text.analysed.TOKEN`
    pattern, run over the lower-cased text: five times faster than slicing a :class:`TokenIndex`, and the same
    tokens on every one of 8,477 AllSides sentences checked)."""
    return TOKEN.findall(text.lower())


class Vectors:
    """Word vectors: ``vocabulary`` (row order), the int8 ``codes`` and their ``scale``, the ``header``.

    Attributes:
        matrix: ``codes * scale`` as float64, ``(len(vocabulary), dim)``.
        index: token -> row.
    """

    def __init__(self, vocabulary: Sequence[str], codes: np.ndarray, scale: float, header: dict[str, Any]) -> None:
        if codes.shape[0] != len(vocabulary):
            raise ValueError(f"{codes.shape[0]} vector rows for {len(vocabulary)} words")
        self.vocabulary = list(vocabulary)
        self.codes = np.ascontiguousarray(codes, dtype=np.int8)
        self.scale = float(scale)
        self.header = dict(header)
        self.matrix = self.codes.astype(np.float64) * self.scale
        self.index = {w: i for i, w in enumerate(self.vocabulary)}

    @property
    def dim(self) -> int:
        return int(self.codes.shape[1])

    @property
    def sha256(self) -> str:
        return str(self.header.get("sha256", ""))

    def pool(self, texts: Sequence[str]) -> np.ndarray:
        """Mean vector of each text's in-vocabulary tokens, ``(len(texts), dim)``; zeros for a text with none.

        One sparse ``(texts x vocabulary)`` matrix of token shares times the vector matrix: each output row is
        computed from its own tokens only, so a text gets the same row in any batch.
        """
        n = len(texts)
        found = [tokens(t) for t in texts]
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=n)
        flat = list(chain.from_iterable(found))
        cols = np.fromiter(map(self.index.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        known = cols >= 0
        if not known.any():
            return np.zeros((n, self.dim))
        r, c = rows[known], cols[known]
        share = 1.0 / np.bincount(r, minlength=n)[r]
        M = sparse.csr_matrix((share, (r, c)), shape=(n, len(self.vocabulary)))
        return np.asarray(M @ self.matrix)


def save_vectors(vectors: Vectors, path: str | Path) -> Path:
    """Write ``vectors`` (header checksum recomputed) to ``path``."""
    p = Path(path)
    blob = "\n".join(vectors.vocabulary)
    arrays = {"vocab": np.frombuffer(blob.encode("utf-8"), dtype=np.uint8).copy(), "codes": vectors.codes,
              "scale": np.asarray([vectors.scale], dtype=np.float64)}  # fmt: skip
    header = {**{k: v for k, v in vectors.header.items() if k != "sha256"}, "format": FORMAT,
              "format_version": FORMAT_VERSION, "n_words": len(vectors.vocabulary), "dim": vectors.dim}  # fmt: skip
    header["sha256"] = _digest(header, arrays)
    raw = json.dumps(header, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
    arrays["header"] = np.frombuffer(raw, dtype=np.uint8).copy()
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(npz_bytes(arrays))
    vectors.header = header
    return p


def load_vectors(path: str | Path) -> Vectors:
    """Read a vectors file; a missing, damaged, edited or pickled file raises :class:`ModelFileError`."""
    p = Path(path)
    name = str(p)
    header, arrays = _verified(p, fmt=FORMAT, version=FORMAT_VERSION, allowed=_ALLOWED, kind="vectors")
    try:
        vocab = arrays["vocab"].tobytes().decode("utf-8").split("\n")
        return Vectors(vocab, arrays["codes"], float(arrays["scale"][0]), header)
    except (KeyError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise ModelFileError(name, f"inconsistent vectors file ({type(exc).__name__}: {exc})") from None


def shipped_path() -> Path:
    """``framing/models/data/vectors.npz``."""
    return Path(__file__).resolve().parent / "data" / "vectors.npz"


@cache
def shipped_vectors() -> Vectors:
    """The shipped vectors, loaded on first use and then kept (checksum verified once)."""
    return load_vectors(shipped_path())


class SentenceVectors(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: texts -> mean word vector (``vec__0`` ... ``vec__<dim-1>``).

    Args:
        path: A vectors file (default: the shipped one, loaded lazily and cached).
    """

    def __init__(self, path: str | None = None) -> None:
        self.path = path

    def _vectors(self) -> Vectors:
        return shipped_vectors() if self.path is None else _load_cached(str(self.path))

    def fit(self, X: Iterable[str], y: Any = None) -> SentenceVectors:
        """Nothing to learn: the vectors are fixed; records ``n_features_out_``."""
        self.n_features_out_ = self._vectors().dim
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """``(n_texts, dim)`` float64 mean vectors."""
        return self._vectors().pool(list(X))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"vec__{i}" for i in range(self._vectors().dim)], dtype=object)


@cache
def _load_cached(path: str) -> Vectors:
    return load_vectors(path)


def build_from_allsides(root: Path) -> Vectors:
    """:func:`build_vectors` on the title and text of every article of the AllSides media split's train part."""
    from framing.datasets.allsides import iter_allsides

    texts = [f"{a.title}\n{a.text}" if a.title else a.text for a in iter_allsides(Path(root), split="train")]
    return build_vectors(texts, source="AllSides article titles and texts, media split train portion "
                         f"({len(texts)} articles; Baly et al. 2020, Apache-2.0)")  # fmt: skip


def build_vectors(
    texts: Iterable[str], *, vocab: int = VOCAB, dim: int = DIM, window: int = WINDOW, source: str = "",
    chunk: int = 2000,
) -> Vectors:  # fmt: skip
    """Learn PPMI + SVD vectors from ``texts`` (see the module docstring); deterministic."""
    from sklearn.utils.extmath import randomized_svd

    docs = [tokens(t) for t in texts]
    freq = Counter(w for d in docs for w in d)
    words = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:vocab]]
    index = {w: i for i, w in enumerate(words)}
    V = len(words)
    C = sparse.csr_matrix((V, V), dtype=np.float64)
    for lo in range(0, len(docs), chunk):
        a_parts, b_parts = [], []
        for d in docs[lo : lo + chunk]:
            ids = np.fromiter((index.get(w, -1) for w in d), dtype=np.int64, count=len(d))
            for k in range(1, window + 1):
                a, b = ids[:-k], ids[k:]
                keep = (a >= 0) & (b >= 0)
                a_parts.append(a[keep])
                b_parts.append(b[keep])
        a = np.concatenate(a_parts) if a_parts else np.zeros(0, np.int64)
        b = np.concatenate(b_parts) if b_parts else np.zeros(0, np.int64)
        part = sparse.csr_matrix((np.ones(len(a)), (a, b)), shape=(V, V))
        C = C + part + part.T
    C = C.tocsr()
    row = np.asarray(C.sum(axis=1)).ravel()
    ctx = np.asarray(C.sum(axis=0)).ravel() ** 0.75
    coo = C.tocoo()
    pmi = np.log(coo.data * ctx.sum() / (row[coo.row] * ctx[coo.col]))
    keep = pmi > 0
    M = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(V, V))
    dim = max(1, min(dim, V - 1))  # a tiny corpus (tests) has fewer words than dimensions
    U, S, _ = randomized_svd(M, n_components=dim, n_iter=5, random_state=0)
    W = U * np.sqrt(S)
    # a fixed sign per dimension (randomized_svd's signs follow its random start): the largest |entry| positive
    W *= np.sign(W[np.abs(W).argmax(axis=0), np.arange(W.shape[1])])
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    W = np.divide(W, norms, out=np.zeros_like(W), where=norms > 0)
    scale = float(np.abs(W).max()) / 127.0
    codes = np.clip(np.rint(W / scale), -127, 127).astype(np.int8)
    header = {"method": f"PPMI (context smoothing 0.75, window {window}) + randomized SVD ({dim} dims, "
              "random_state 0), rows U*sqrt(S) at unit length, int8 with one scale",
              "training_data": source, "n_documents": len(docs),
              "n_tokens": int(sum(len(d) for d in docs))}  # fmt: skip
    return Vectors(words, codes, scale, header)

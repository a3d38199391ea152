"""The model file format: one ``.npz`` (a zip of ``.npy`` arrays) read with ``allow_pickle=False``.

No pickle anywhere, so nothing in a model file can execute code: every member is a plain numeric or byte
array, and the metadata is a JSON document. Any tool that reads ``.npy`` (``numpy.load(path,
allow_pickle=False)``) can inspect a model.

Members (``<i>`` is the 0-based feature block number):

=========================  ===========  =================================================================
name                       dtype        content
=========================  ===========  =================================================================
``header``                 uint8        UTF-8 JSON (see below)
``coef``                   float64      ``(n_rows, n_features)`` linear weights (one row for two classes)
``intercept``              float64      ``(n_rows,)``
``block<i>_vocab``         uint8        UTF-8 terms joined by ``\\n`` (word/char blocks)
``block<i>_idf``           float64      ``(n_terms,)`` inverse document frequencies (word/char blocks)
``block<i>_mean``          float64      standardisation mean (lexicon and vectors blocks)
``block<i>_scale``         float64      standardisation scale (lexicon and vectors blocks)
=========================  ===========  =================================================================

The header is a JSON object with ``format`` (``"framing-model"``), ``format_version`` (1), ``task``,
``classes``, ``positive_class``, ``blocks`` (per block: ``kind``, ``config``, ``n_features`` and, for the
lexicon block, its ``categories``), ``lexicons`` (versioned lexicon names), ``training_data``, ``licence``,
``trained`` (UTC timestamp), ``framing_version``, ``sklearn_version``, ``dev_metrics``, ``command`` (how to
rebuild it) and ``sha256``: the SHA-256 of the header without that field (canonical JSON, sorted keys) followed
by every array's name, dtype, shape and bytes in name order. A truncated, corrupted or edited file fails to
load with :class:`ModelFileError`, whose message names the file.

Example:
    >>> import json, numpy as np
    >>> from pathlib import Path
    >>> z = np.load(Path(__file__).parent / "data" / "subjective.npz", allow_pickle=False)
    >>> sorted(json.loads(z["header"].tobytes())["dev_metrics"])[:2]
    ['accuracy', 'confusion_matrix']
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from framing.errors import ModelFileError
from framing.models.model import VECTORIZER_KEYS, Block, Model

__all__ = ["FORMAT", "FORMAT_VERSION", "ModelFileError", "load_model", "npz_bytes", "read_header", "save_model"]

FORMAT = "framing-model"
FORMAT_VERSION = 1
_ALLOWED_DTYPES = {np.dtype(np.float64), np.dtype(np.uint8)}
_BLOCK_KINDS = {"word", "char", "lexicon", "vectors"}
_MAX_HEADER = 1 << 22


def _digest(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    body = {k: v for k, v in header.items() if k != "sha256"}
    h.update(json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(f"\0{name}\0{a.dtype.str}\0{a.shape}\0".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def _encode_terms(terms: list[str]) -> np.ndarray:
    for t in terms:
        if "\n" in t:
            raise ValueError(f"vocabulary term {t!r} contains a newline")
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8).copy()


def save_model(model: Model, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (``.npz``); returns the path. The header's ``sha256`` is (re)computed."""
    p = Path(path)
    arrays: dict[str, np.ndarray] = {"coef": model.coef_, "intercept": model.intercept_}
    blocks: list[dict[str, Any]] = []
    for i, b in enumerate(model.blocks):
        entry: dict[str, Any] = {"kind": b.kind, "config": b.config, "n_features": b.width}
        if b.kind in {"lexicon", "vectors"}:
            assert b.mean is not None and b.scale is not None
            arrays[f"block{i}_mean"] = np.asarray(b.mean, dtype=np.float64)
            arrays[f"block{i}_scale"] = np.asarray(b.scale, dtype=np.float64)
            if b.kind == "lexicon":
                entry["categories"] = list(b.categories)
        else:
            arrays[f"block{i}_vocab"] = _encode_terms(list(b.vocabulary))
            if b.idf is not None:
                arrays[f"block{i}_idf"] = np.asarray(b.idf, dtype=np.float64)
        blocks.append(entry)
    header: dict[str, Any] = {
        **{k: v for k, v in model.meta.items() if k not in {"sha256"}},
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "task": model.task,
        "classes": [str(c) for c in model.classes_],
        "positive_class": model.positive_class,
        "blocks": blocks,
    }
    header["sha256"] = _digest(header, arrays)
    raw = json.dumps(header, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
    arrays["header"] = np.frombuffer(raw, dtype=np.uint8).copy()
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(npz_bytes(arrays))
    model.meta = {k: v for k, v in header.items() if k not in {"classes", "blocks", "task", "positive_class"}}
    return p


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """What ``np.savez_compressed`` writes, with a fixed member date and name order: the same arrays give the
    same bytes (``np.load`` reads it as any ``.npz``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            zf.writestr(info, member.getvalue())
    return buf.getvalue()


def _read_arrays(p: Path) -> dict[str, np.ndarray]:
    name = str(p)
    if not p.is_file():
        raise ModelFileError(name, "model file not found")
    try:
        with np.load(p, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except ValueError as exc:
        if "allow_pickle" in str(exc) or "Object arrays" in str(exc):
            raise ModelFileError(name, "holds a pickled (object) array; model files never contain pickles, so it "
                                       "was refused unread") from None  # fmt: skip
        raise ModelFileError(name, f"not a readable model file ({exc})") from None
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise ModelFileError(name, f"truncated or corrupt model file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # zlib errors, struct errors ... from a damaged zip member
        raise ModelFileError(name, f"truncated or corrupt model file ({type(exc).__name__}: {exc})") from None
    return arrays


def read_header(path: str | Path) -> dict[str, Any]:
    """Return the verified JSON header of a model file (checksum checked)."""
    return _verified(Path(path))[0]


def _verified(
    p: Path,
    *,
    fmt: str = FORMAT,
    version: int = FORMAT_VERSION,
    allowed: frozenset[np.dtype] | set[np.dtype] | None = None,
    kind: str = "model",
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The header and arrays of a framing ``.npz`` file (a model, or word vectors with their own ``fmt``), after
    checking the members' dtypes, the header's format and version and the checksum."""
    name = str(p)
    allowed = _ALLOWED_DTYPES if allowed is None else allowed
    arrays = _read_arrays(p)
    if "header" not in arrays:
        raise ModelFileError(name, f"no 'header' member: not a framing {kind} file")
    raw = arrays.pop("header")
    for k, a in arrays.items():
        if a.dtype not in allowed:
            kinds = sorted(str(d) for d in allowed)
            names = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else kinds[0]
            raise ModelFileError(name, f"member {k!r} has dtype {a.dtype}; only {names} are allowed")
    if raw.dtype != np.uint8 or raw.ndim != 1 or raw.size > _MAX_HEADER:
        raise ModelFileError(name, "malformed header member")
    try:
        header = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(name, f"header is not valid UTF-8 JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != fmt:
        raise ModelFileError(name, f"header does not declare format {fmt!r}: not a framing {kind} file")
    if header.get("format_version") != version:
        raise ModelFileError(
            name,
            f"{'' if kind == 'model' else kind + ' '}format version {header.get('format_version')!r} is not "
            f"supported by this framing (reads version {version}); "
            + ("retrain the model with this version" if kind == "model" else "rebuild the file with this version"),
        )
    want = header.get("sha256")
    if not isinstance(want, str) or _digest(header, arrays) != want:
        raise ModelFileError(name, "checksum mismatch: the file was modified or damaged after it was written")
    return header, arrays


def load_model(path: str | Path) -> Model:
    """Read a model file written by :func:`save_model`.

    Raises:
        ModelFileError: The file is missing, truncated, not a model, holds a pickled or non-numeric array,
            fails its checksum, or its arrays do not fit its header. The message names the file.
    """
    p = Path(path)
    name = str(p)
    header, arrays = _verified(p)
    try:
        blocks: list[Block] = []
        for i, entry in enumerate(header["blocks"]):
            kind = entry["kind"]
            if kind not in _BLOCK_KINDS:
                raise ValueError(f"unknown block kind {kind!r}")
            config = dict(entry["config"])
            if kind == "lexicon":
                blocks.append(
                    Block(
                        kind,
                        config,
                        mean=arrays[f"block{i}_mean"],
                        scale=arrays[f"block{i}_scale"],
                        categories=[str(c) for c in entry["categories"]],
                    )
                )
            elif kind == "vectors":
                blocks.append(Block(kind, config, mean=arrays[f"block{i}_mean"], scale=arrays[f"block{i}_scale"]))
            else:
                bad = set(config) - set(VECTORIZER_KEYS)
                if bad:
                    raise ValueError(f"block {i} has unknown vectorizer settings {sorted(bad)}")
                blob = arrays[f"block{i}_vocab"].tobytes().decode("utf-8")
                vocab = blob.split("\n") if blob else []
                idf = arrays.get(f"block{i}_idf")
                if idf is not None and len(idf) != len(vocab):
                    raise ValueError(f"block {i}: {len(vocab)} terms but {len(idf)} idf values")
                blocks.append(Block(kind, config, vocabulary=vocab, idf=idf))
            if blocks[-1].width != entry["n_features"]:
                raise ValueError(
                    f"block {i}: header says {entry['n_features']} features, arrays hold {blocks[-1].width}"
                )
        meta = {k: v for k, v in header.items() if k not in {"classes", "blocks", "task", "positive_class"}}
        model = Model(header["task"], header["classes"], header.get("positive_class"), blocks,
                      arrays["coef"], arrays["intercept"], meta)  # fmt: skip
    except (KeyError, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise ModelFileError(name, f"inconsistent model file ({type(exc).__name__}: {exc})") from None
    model.source = name
    return model

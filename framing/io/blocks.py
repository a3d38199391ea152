"""The article's block in a page flattened to text: a line model over shallow features, then the best-scoring run.

A page saved as plain text (every visible string, menus, cookie banners, related links and footers included)
has lost its markup, so an HTML extractor cannot help. What is left are the shallow features jusText
(Pomikálek 2011) and boilerpipe (Kohlschütter et al. 2010) classify blocks by: length, stop-word density,
punctuation, capitals, position, the blank lines around a line and the classes of its neighbours
(:mod:`framing.io.linefeatures`; among them jusText's own classifier, with the stop list of the page's
language, and its context revision, the same rules run in linear time by :func:`revise_classes`). As boilerpipe
does, a small classifier learnt from annotated pages weighs them: a
logistic regression whose weights, one per named feature, are in ``data/dumplines.json`` (trained on the
tuning portion of realpages, see that file and ``python -m framing.validation.dumplines``). The article is the
run of lines with the highest total score, each line scoring ``(p - threshold) * log(1 + words)`` for its
probability ``p`` of being article text (the maximum-sum segment of Finn et al.'s Body Text Extraction,
2001): menus and link lists between a cookie banner and the article, or between the article and its footer,
cut those off.

Example:
    >>> menu = ["Home", "News", "Sport", "Weather", "Travel", "Culture"]
    >>> lines = ["We use cookies to improve your experience on our site.", *menu]
    >>> lines += ["The mayor of Nerin said on Monday that the old bridge over the river would reopen next week "
    ...           "after two years of repairs that cost the city about forty million dollars, officials said on Friday "
    ...           "when they met the builders and the families who live near the river."] * 3
    >>> lines += [*menu, "Follow us on Facebook and never miss a story."]
    >>> main_block(lines)[0]
    (7, 9)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from framing.errors import ModelFileError
from framing.io.linefeatures import FEATURES, line_features

__all__ = [
    "Block",
    "classify_lines",
    "context_free_classes",
    "line_model_override",
    "line_probabilities",
    "load_line_model",
    "main_block",
    "model_digest",
    "page_features",
    "revise_classes",
]

# jusText stop lists tried for a page (the one its words hit most is used): the languages of most news pages.
_LANGUAGES = ("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch")


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {lang: frozenset(w.lower() for w in justext.get_stoplist(lang)) for lang in _LANGUAGES}


@lru_cache(maxsize=1)
def _cf_settings() -> tuple[int, int, float, float]:
    from justext import core

    return core.LENGTH_LOW_DEFAULT, core.LENGTH_HIGH_DEFAULT, core.STOPWORDS_LOW_DEFAULT, core.STOPWORDS_HIGH_DEFAULT


def _stoplist(lowered: Sequence[list[str]], stoplists: dict[str, frozenset[str]]) -> frozenset[str]:
    """The stop list of the page's language: the one that most of its words are in (English on a tie)."""
    words = Counter(chain.from_iterable(lowered))
    seen = words.keys()
    return max(stoplists.values(), key=lambda sl: sum(map(words.__getitem__, seen & sl)))


def context_free_classes(
    texts: Sequence[str], stop_counts: Sequence[int], word_counts: Sequence[int] | None = None
) -> list[str]:
    """jusText's context-free class (``justext.core.classify_paragraphs`` with its default settings) of each line,
    each taken as a plain ``<p>`` without links, given its count of stop words and, when the caller has split the
    line already, of words (``tests/test_page_dumps.py`` checks the classes against jusText's own function).

    jusText's function asks each paragraph object for its length, words and stop words through properties that
    recompute them at every use; on a flattened page of 200 lines that cost as much as the line model itself.

    Example:
        >>> context_free_classes(["Home", "© 2024 The Times of Nerin, and all of its partners in the region"], [0, 5])
        ['short', 'bad']
    """
    low, high, stop_low, stop_high = _cf_settings()
    out = []
    counts = word_counts if word_counts is not None else [len(t.split()) for t in texts]
    for text, stops, words in zip(texts, stop_counts, counts, strict=True):
        density = stops / words if words else 0
        length = len(text)
        if "\xa9" in text or "&copy" in text:
            out.append("bad")
        elif length < low:
            out.append("short")
        elif density >= stop_high:
            out.append("good" if length > high else "neargood")
        else:
            out.append("neargood" if density >= stop_low else "bad")
    return out


def classify_lines(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """jusText's classes of each line: context-free (``good``, ``neargood``, ``short``, ``bad``) and after its
    context revision (``good`` or ``bad``)."""
    free, revised, _ = _classes(texts)
    return free, revised


def _classes(texts: Sequence[str]) -> tuple[list[str], list[str], list[int]]:
    """Context-free and revised classes, and each line's count of stop words."""
    lowered = [t.lower().split() for t in texts]
    stoplist = _stoplist(lowered, _stoplists())
    stops = [sum(map(stoplist.__contains__, w)) for w in lowered]
    free = context_free_classes(texts, stops, [len(w) for w in lowered])
    return free, revise_classes(free), stops


def _nearest(classes: Sequence[str], accept: frozenset[str], step: int) -> list[str]:
    """For each line, the class of the nearest line before it (``step`` 1) or after it (-1) whose class is in
    ``accept``; ``bad`` past the page's edge."""
    out = [""] * len(classes)
    last = "bad"
    order = range(len(classes)) if step == 1 else range(len(classes) - 1, -1, -1)
    for i in order:
        out[i] = last
        if classes[i] in accept:
            last = classes[i]
    return out


_LOG_WORDS = FEATURES.index("log_words")
_GOOD_OR_BAD = frozenset({"good", "bad"})
_NOT_SHORT = frozenset({"good", "bad", "neargood"})


def revise_classes(free: Sequence[str]) -> list[str]:
    """jusText's context revision (``justext.core.revise_paragraph_classification``) of lines that are no
    headings, in linear time: jusText looks for each short line's neighbours by walking the page, which is
    quadratic in a run of short lines (a page of menus), and was most of the time of reading a long dump. The
    rules are jusText's, step by step (``tests/test_page_dumps.py`` checks them against jusText's own code).

    Example:
        >>> revise_classes(["good", "short", "good", "short", "bad", "neargood", "bad"])
        ['good', 'good', 'good', 'bad', 'bad', 'bad', 'bad']
    """
    # a short line takes its class from the nearest good or bad lines around it (neargood and short skipped)
    prev, nxt = _nearest(free, _GOOD_OR_BAD, 1), _nearest(free, _GOOD_OR_BAD, -1)
    prev_any, next_any = _nearest(free, _NOT_SHORT, 1), _nearest(free, _NOT_SHORT, -1)
    classes = list(free)
    for i, c in enumerate(free):
        if c != "short":
            continue
        if prev[i] == nxt[i] == "good":
            classes[i] = "good"
        elif prev[i] == nxt[i] == "bad":
            classes[i] = "bad"
        elif (prev[i] == "bad" and prev_any[i] == "neargood") or (nxt[i] == "bad" and next_any[i] == "neargood"):
            classes[i] = "good"
        else:
            classes[i] = "bad"
    # a neargood line is bad between two bad ones, else good; jusText revises them in page order, so the line
    # before a neargood one has its final class already, and the next good or bad line skips later neargood ones
    after = _nearest(classes, _GOOD_OR_BAD, -1)
    for i, c in enumerate(classes):
        if c == "neargood":
            before = classes[i - 1] if i else "bad"
            classes[i] = "bad" if before == after[i] == "bad" else "good"
    return classes


_MODEL_FILE = Path(__file__).resolve().parent / "data" / "dumplines.json"
_MODEL_FORMAT = "framing-dump-line-model"
_MODEL_VERSION = 1


def model_digest(model: dict[str, Any]) -> str:
    """SHA-256 over the model file's content without its ``sha256`` field (canonical JSON)."""
    body = {k: v for k, v in model.items() if k != "sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def load_line_model(path: Path | None = None) -> dict[str, Any]:
    """The line model (weights per feature, threshold, what it was trained on), checked before use.

    Raises:
        ModelFileError: The file is missing, not JSON, not a line model, made for other features, holds
            non-finite weights or does not match its checksum (modified after it was written).
    """
    path = path or _MODEL_FILE
    name = str(path)
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(name, "line model file not found (the installation is incomplete)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(name, f"not a readable line model file ({exc})") from None
    return _checked(model, name)


def _checked(model: Any, name: str) -> dict[str, Any]:
    if not isinstance(model, dict) or model.get("format") != _MODEL_FORMAT:
        raise ModelFileError(name, f"does not declare format {_MODEL_FORMAT!r}: not a framing line model")
    if model.get("version") != _MODEL_VERSION:
        raise ModelFileError(name, f"line model version {model.get('version')!r}; this framing reads {_MODEL_VERSION}")
    if model.get("sha256") != model_digest(model):
        raise ModelFileError(name, "checksum mismatch: the file was modified or damaged after it was written")
    if model.get("features") != list(FEATURES):
        raise ModelFileError(name, "made for other line features than this framing computes: rebuild it")
    try:
        arrays = [np.asarray(model[k], dtype=float) for k in ("mean", "scale", "coef")]
        scalars = [float(model[k]) for k in ("intercept", "threshold")]
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(name, f"inconsistent line model ({type(exc).__name__}: {exc})") from None
    if any(a.shape != (len(FEATURES),) for a in arrays) or not all(np.isfinite(a).all() for a in arrays):
        raise ModelFileError(name, f"weights must be {len(FEATURES)} finite numbers each")
    if not all(np.isfinite(scalars)) or not 0 < scalars[1] < 1 or (arrays[1] <= 0).any():
        raise ModelFileError(name, "intercept, threshold (0-1) or scales out of range")
    return model


_OVERRIDES: list[dict[str, Any]] = []


@contextmanager
def line_model_override(model: dict[str, Any]) -> Iterator[None]:
    """Read with another line model (a dict as in the model file, checksum not needed) inside the block: for
    cross-validating the model in training."""
    _OVERRIDES.append(_checked({**model, "sha256": model_digest(model)}, "<line model override>"))
    try:
        yield
    finally:
        _OVERRIDES.pop()


def _weights() -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    return _unpack(_OVERRIDES[-1]) if _OVERRIDES else _shipped_weights()


@lru_cache(maxsize=1)
def _shipped_weights() -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    return _unpack(load_line_model())


def _unpack(m: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    mean, scale, coef = (np.asarray(m[k], dtype=float) for k in ("mean", "scale", "coef"))
    return mean, scale, coef, float(m["intercept"]), float(m["threshold"])


def page_features(
    texts: Sequence[str], prose: Sequence[bool], gaps: Sequence[int] | None = None
) -> tuple[np.ndarray, list[str]]:
    """The line features (:func:`~framing.io.linefeatures.line_features`) of a page and jusText's revised
    classes of its lines."""
    free, revised, stops = _classes(texts)
    x = line_features(texts, prose=prose, gaps=gaps or [2] * len(texts), cf=free, revised=revised, stop_counts=stops)
    return x, revised


def line_probabilities(x: np.ndarray) -> np.ndarray:
    """Each line's probability of being article text, by the line model, from its features."""
    mean, scale, coef, intercept, _ = _weights()
    z = ((x - mean) / scale) @ coef + intercept
    return 1.0 / (1.0 + np.exp(-z))


class Block(NamedTuple):
    """The article's block of a page: first and last line, and every line's jusText class (after the context
    revision)."""

    span: tuple[int, int]
    classes: list[str]


def main_block(
    texts: Sequence[str], prose: Sequence[bool] | None = None, gaps: Sequence[int] | None = None
) -> Block | None:
    """The best-scoring run of lines (:class:`Block`); None when no line scores above zero.

    Args:
        texts: The page's non-empty lines, in order.
        prose: Which lines are sentences (by the caller's test); by default, those ending in ``.``, ``!``, ``?``.
        gaps: For each line, the raw lines from the previous one (1: adjacent; more: a blank or removed line
            between them); by default 2 for every line (each line a block of its own, as in a dump written
            with its layout).
    """
    if not texts:
        return None
    if prose is None:
        prose = [t.rstrip()[-1:] in {".", "!", "?"} for t in texts]
    x, revised = page_features(texts, prose, gaps)
    threshold = _weights()[4]
    p = line_probabilities(x)
    scores = (p - threshold) * x[:, _LOG_WORDS]  # log(1 + words)
    best, best_span = 0.0, None
    run, run_start = 0.0, 0
    for i, s in enumerate(scores.tolist()):
        if run <= 0:
            run, run_start = 0.0, i
        run += s
        if run > best:
            best, best_span = run, (run_start, i)
    return Block(best_span, revised) if best_span is not None else None

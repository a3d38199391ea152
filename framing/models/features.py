"""The project's lexicon and rule scorers as a scikit-learn transformer.

:class:`LexiconFeatures` turns raw texts (sentences or whole articles) into a small dense matrix: for every
evidence category the scorers know (``hedge.modal``, ``booster``, ``cue.nonneutral``, ``source.anonymous``,
``loaded.pejorative`` ...) the number of evidence items and their summed weight, the VADER-style sentence
tone, and a few surface cues (length, quotation marks, first/second-person pronouns, exclamation and question
marks, digits, all-capital words). The evidence is produced by the same code ``framing score`` uses
(:class:`framing.text.matcher.PhraseMatcher` and the ``measure_*`` functions), each text scored as one sentence.

It follows the scikit-learn contract (``__init__`` only stores settings, ``fit`` returns ``self``, learned
attributes end in ``_``, :meth:`~LexiconFeatures.get_feature_names_out`), so it combines with n-gram
vectorizers in a user's own pipeline:

Example:
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline, make_union
    >>> pipe = make_pipeline(make_union(TfidfVectorizer(), LexiconFeatures()), LogisticRegression())
    >>> pipe.fit(["It may allegedly be so.", "The bill passed.", "Critics slammed the vile scheme.",
    ...           "The vote was held."], [1, 0, 1, 0]).predict(["It may rain."]).shape
    (1,)
    >>> LexiconFeatures().fit(["x"]).get_feature_names_out()[:2].tolist()
    ['lex__booster__count', 'lex__booster__weight']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from framing.evidence import MODEL_DIMENSION
from framing.measures.attribution import OutletNames, measure_attribution
from framing.measures.frames import frame_cues
from framing.measures.hedging import measure_hedging
from framing.measures.sentiment import sentence_compound
from framing.measures.word_choice import measure_word_choice
from framing.text.analysed import Analyser
from framing.text.frames import bundled_frame_lexicon, frame_groups
from framing.text.lexicon import BUNDLED, bundled_lexicon
from framing.text.matcher import PhraseMatcher
from framing.text.sentences import Sentence, count_words

__all__ = [
    "RULE_CATEGORIES",
    "SURFACE_FEATURES",
    "LexiconFeatures",
    "lexicon_refs",
    "rows_for_batch",
    "rows_from_evidence",
]

#: Evidence categories produced by rules rather than lexicon rows (always present as columns).
RULE_CATEGORIES = (
    "cue.neutral",
    "cue.nonneutral",
    "quote.direct",
    "source.anonymous",
    "source.media",
    "source.named",
    "source.pronoun",
    "source.self",
)
#: Surface features, in column order.
SURFACE_FEATURES = (
    "log_words",
    "tone",
    "abs_tone",
    "exclamations",
    "questions",
    "quote_marks",
    "first_person",
    "second_person",
    "digits",
    "all_caps_words",
    "ly_adverbs",
    "superlatives",
)

_WORDS = re.compile(r"[A-Za-z0-9][\w'-]*")
_FIRST = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours|I'm|we're|I've|we've)\b", re.IGNORECASE)
_SECOND = re.compile(r"\b(?:you|your|yours|you're|you've)\b", re.IGNORECASE)
_QUOTES = re.compile('["\u201c\u201d\u2018\u2019\u00ab\u00bb]')
_CAPS = re.compile(r"\b[A-Z]{3,}\b")
_LY = re.compile(r"\b[a-z]{3,}ly\b")
_EST = re.compile(r"\b(?:most|least|[a-z]{3,}est)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
#: The last transform's input and output: several models scoring the same sentences share one computation.
_LAST: dict[str, Any] = {}


@cache
def _resources() -> tuple[Analyser, OutletNames, tuple[str, ...], tuple[str, ...]]:
    """An analyser with the bundled lexicons, the outlet-name pattern, the lexicon categories and versioned names."""
    from framing.outlets import load_outlet_table

    lexicons = [bundled_lexicon(n) for n in BUNDLED]
    table = load_outlet_table()
    names = OutletNames.build(n for o in table.outlets for n in o.names)
    categories = tuple(dict.fromkeys(c for lex in lexicons for c in lex.categories))
    return Analyser(PhraseMatcher(lexicons)), names, categories, tuple(lex.ref for lex in lexicons)


@cache
def _frame_analyser() -> tuple[Analyser, tuple[str, ...], str]:
    """An analyser that also matches the frame lexicons, their ``frame.*`` categories and the frames lexicon's
    versioned name (for ``LexiconFeatures(frames=True)``)."""
    analyser, _, _, _ = _resources()
    groups = frame_groups()
    lex = bundled_frame_lexicon("frames")
    return Analyser(analyser.matcher, groups=groups), lex.categories, lex.ref


def lexicon_refs() -> tuple[str, ...]:
    """Versioned names of the bundled lexicons the features are computed from (``hedges@1.0.0`` ...)."""
    return _resources()[3]


def _evidence_counts(
    text: str, analyser: Analyser, names: OutletNames, frames: bool = False
) -> dict[str, tuple[int, float]]:
    """Evidence items per category (count, summed weight) for ``text`` scored as one sentence (with ``frames``,
    the frame cues too)."""
    at = analyser.one_sentence(text)
    hedge_ev, _ = measure_hedging(at)
    attr_ev, _ = measure_attribution(at, names)
    word_ev, _ = measure_word_choice(at)
    out: dict[str, tuple[int, float]] = {}
    for e in (*hedge_ev, *attr_ev, *word_ev, *(frame_cues(at) if frames else ())):
        if e.category == "source_span" or e.weight <= 0:
            continue
        n, w = out.get(e.category, (0, 0.0))
        out[e.category] = (n + 1, w + e.weight)
    return out


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Lexicon and rule evidence per text, as dense features (see the module docstring).

    Args:
        scale: ``"log1p"`` (default) applies ``log(1 + x)`` to the counts and weights, which suits sentences;
            ``"per_sentence"`` divides them by the number of sentences found by a cheap punctuation split,
            which suits whole articles of very different lengths.
        surface: Add the surface features (:data:`SURFACE_FEATURES`).
        weights: Add the summed evidence weight per category beside the count.
        frames: Add the policy-frame cues (``frame.<id>`` categories of ``lexicons/frames.tsv``), the features of
            the frame model.

    Attributes:
        categories_: Evidence categories, one or two columns each, in column order (set by :meth:`fit`).
        lexicons_: Versioned names of the lexicons the features came from at fit time.
        n_features_out_: Number of output columns.
    """

    def __init__(self, scale: str = "log1p", surface: bool = True, weights: bool = True, frames: bool = False) -> None:
        self.scale = scale
        self.surface = surface
        self.weights = weights
        self.frames = frames

    def fit(self, X: Iterable[str], y: Any = None) -> LexiconFeatures:
        """Fix the column layout from the bundled lexicons' categories; ``X`` and ``y`` are not used."""
        if self.scale not in {"log1p", "per_sentence"}:
            raise ValueError(f"scale must be 'log1p' or 'per_sentence', got {self.scale!r}")
        _, _, categories, refs = _resources()
        if self.frames:
            _, frame_categories, frame_ref = _frame_analyser()
            categories, refs = (*categories, *frame_categories), (*refs, frame_ref)
        self.categories_ = tuple(sorted(set(categories) | set(RULE_CATEGORIES)))
        self.lexicons_ = refs
        self.n_features_out_ = len(self.get_feature_names_out())
        return self

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Column names: ``lex__<category>__count`` (and ``__weight``), then ``lex__surface__<name>``."""
        if not hasattr(self, "categories_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("LexiconFeatures is not fitted yet; call fit first")
        names: list[str] = []
        for c in self.categories_:
            names.append(f"lex__{c}__count")
            if self.weights:
                names.append(f"lex__{c}__weight")
        if self.surface:
            names.extend(f"lex__surface__{s}" for s in SURFACE_FEATURES)
        return np.asarray(names, dtype=object)

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return a float64 array of shape ``(n_texts, n_features_out_)``."""
        if not hasattr(self, "categories_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("LexiconFeatures is not fitted yet; call fit first")
        texts = _as_texts(X)
        key = (self.scale, self.surface, self.weights, self.frames, self.categories_, tuple(texts))
        hit = _LAST.get("last")  # one (key, value) tuple: safe to read while another thread replaces it
        if hit is not None and hit[0] == key:
            return hit[1].copy()
        out = self._transform(texts)
        _LAST["last"] = (key, out.copy())
        return out

    def _transform(self, texts: list[str]) -> np.ndarray:
        analyser, names, _, _ = _resources()
        frames = bool(getattr(self, "frames", False))
        if frames:
            analyser = _frame_analyser()[0]
        col = {c: i for i, c in enumerate(self.categories_)}
        step = 2 if self.weights else 1
        n_cat = len(self.categories_) * step
        width = n_cat + (len(SURFACE_FEATURES) if self.surface else 0)
        out = np.zeros((len(texts), width), dtype=np.float64)
        for r, text in enumerate(texts):
            for cat, (n, w) in _evidence_counts(text, analyser, names, frames).items():
                j = col.get(cat)
                if j is None:
                    continue
                out[r, j * step] = n
                if self.weights:
                    out[r, j * step + 1] = w
            if self.surface:
                out[r, n_cat:] = _surface(text)
        return self._scaled(out, texts)

    def _scaled(self, out: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Apply :attr:`scale` to raw counts and surface values (in place) and return ``out``."""
        n_cat = len(self.categories_) * (2 if self.weights else 1)
        if self.scale == "log1p":
            out[:, :n_cat] = np.log1p(out[:, :n_cat])
            if self.surface:
                s = out[:, n_cat:]
                s[:, 3:] = np.log1p(s[:, 3:])
        else:
            n_sent = np.array([max(1, len(re.findall(r"[.!?](?:\s|$)", t))) for t in texts], dtype=np.float64)
            out[:, :n_cat] /= n_sent[:, None]
            if self.surface:
                out[:, n_cat + 3 :] /= n_sent[:, None]
        return out

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _surface(text: str, tone: float | None = None) -> list[float]:
    words = len(_WORDS.findall(text))
    if tone is None:
        tone = sentence_compound(text) if len(text) < 2000 else _long_tone(text)
    return [
        math.log1p(words),
        tone,
        abs(tone),
        text.count("!"),
        text.count("?"),
        len(_QUOTES.findall(text)),
        len(_FIRST.findall(text)),
        len(_SECOND.findall(text)),
        len(_DIGITS.findall(text)),
        len(_CAPS.findall(text)),
        len(_LY.findall(text)),
        len(_EST.findall(text)),
    ]


#: Evidence of these kinds is not produced when LexiconFeatures scores a text (naming, tone and model items).
_NOT_FEATURES = ("naming.", "sentiment.")


def rows_from_evidence(
    features: LexiconFeatures,
    sentences: Sequence[Sentence],
    evidence: Sequence[Any],
    tones: Sequence[float],
    word_counts: Sequence[int] | None = None,
    texts: Sequence[str] | None = None,
) -> np.ndarray:
    """Lexicon features per sentence from evidence an article scorer already found, without matching again.

    The layout and scaling are those of ``features.transform([s.text for s in sentences])``; the counts come
    from ``evidence`` (items of each sentence, as :func:`framing.scoring.score` found them in the whole
    article) and the tone from ``tones`` (compound sentiment per sentence).

    Args:
        features: A fitted :class:`LexiconFeatures`.
        sentences: The article's sentences.
        evidence: Evidence items with ``sentence``, ``category``, ``weight`` and ``dimension`` attributes.
        tones: One compound sentiment value per sentence.
        word_counts: Words per sentence, when the caller has them (an analysed text's ``sentence_words``).
        texts: The sentences with runs of whitespace collapsed, when the caller has them.
    """
    return rows_for_batch(features, [(sentences, evidence, tones, word_counts, texts)])


#: One article for :func:`rows_for_batch`: sentences, evidence, tones, word counts (or None), texts (or None).
BatchItem = tuple[Sequence[Sentence], Sequence[Any], Sequence[float], Sequence[int] | None, Sequence[str] | None]


def rows_for_batch(
    features: LexiconFeatures, items: Sequence[BatchItem], shared: dict[str, np.ndarray] | None = None
) -> np.ndarray:
    """:func:`rows_from_evidence` of several articles, stacked: the surface patterns scan the batch's sentences
    once, not article by article (each row is what its article alone gives).

    Args:
        features: A fitted :class:`LexiconFeatures`.
        items: The articles.
        shared: A dict kept across calls on the same items (several models of one batch): the surface block, which
            does not depend on the categories, is computed once and reused from it.
    """
    col = {c: i for i, c in enumerate(features.categories_)}
    step = 2 if features.weights else 1
    n_cat = len(features.categories_) * step
    width = n_cat + (len(SURFACE_FEATURES) if features.surface else 0)
    parts: list[np.ndarray] = []
    all_texts: list[str] = []
    all_tones: list[float] = []
    all_words: list[int] = []
    for sentences, evidence, tones, word_counts, texts in items:
        n = len(sentences)
        cells: list[int] = []  # flat index of each counted item's count column
        weights: list[float] = []
        for e in evidence:
            if e.weight <= 0 or e.category == "source_span" or e.dimension == MODEL_DIMENSION:
                continue
            if e.category.startswith(_NOT_FEATURES):
                continue
            j = col.get(e.category)
            if j is None or not 0 <= e.sentence < n:
                continue
            cells.append(e.sentence * width + j * step)
            weights.append(e.weight)
        # summed with bincount: numpy's per-element indexing costs more than the whole loop above
        flat = np.bincount(cells, minlength=n * width).astype(np.float64)
        if features.weights and cells:
            flat += np.bincount(np.asarray(cells) + 1, weights=weights, minlength=n * width)
        parts.append(flat.reshape(n, width))
        texts = [" ".join(s.text.split()) for s in sentences] if texts is None else texts
        all_texts.extend(texts)
        all_tones.extend(tones)
        all_words.extend(word_counts if word_counts is not None else map(count_words, texts))
    out = np.vstack(parts) if parts else np.zeros((0, width))
    if features.surface and all_texts:
        surface = shared.get("surface") if shared is not None else None
        if surface is None:
            surface = _surface_rows(all_texts, all_tones, all_words)
            if shared is not None:
                shared["surface"] = surface
        out[:, n_cat:] = surface
    return features._scaled(out, all_texts)


# The surface patterns, one scan each. Each starts with a literal character (or a small class), which the regex
# engine skips to by a fast search; a pattern that starts with \b is tried at every position, which cost 5x more.
# The suffix patterns (-ly, -est) run on the reversed text so that they too start with a literal. Every pattern
# matches whole runs of its own character type, so the scans find what _surface's patterns find. Texts: 0 the
# joined text, 1 lower-cased, 2 reversed, 3 lower-cased and reversed.
_SCANS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("exclamations", 0, re.compile("!")),
    ("questions", 0, re.compile(r"\?")),
    ("quote_marks", 0, _QUOTES),
    ("digits", 0, _DIGITS),
    ("all_caps_words", 0, re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,}+(?!\w)")),
    ("ly_adverbs", 2, re.compile(r"yl(?<!\wyl)[a-z]{3,}+(?!\w)")),
    ("first_person", 1, re.compile(r"i(?<!\wi)(?!\w)")),
    ("first_person", 1, re.compile(r"m(?<!\wm)(?:e|y|ine)(?!\w)")),
    ("first_person", 1, re.compile(r"we(?<!\wwe)(?!\w)")),
    ("first_person", 1, re.compile(r"us(?<!\wus)(?!\w)")),
    ("first_person", 1, re.compile(r"our(?<!\wour)s?(?!\w)")),
    ("second_person", 1, re.compile(r"you(?<!\wyou)(?:rs?)?(?!\w)")),
    ("superlatives", 1, re.compile(r"most(?<!\wmost)(?!\w)")),
    ("superlatives", 1, re.compile(r"least(?<!\wleast)(?!\w)")),
    ("superlatives", 3, re.compile(r"tse(?<!\wtse)[a-z]{3,}+(?!\w)")),
)
_COLUMN = {name: i for i, name in enumerate(SURFACE_FEATURES)}


def _surface_rows(texts: Sequence[str], tones: Sequence[float], word_counts: Sequence[int] | None = None) -> np.ndarray:
    """:func:`_surface` of every text, from one scan per pattern over all texts joined (same values: a newline
    between texts is a word boundary, as a text's start and end are)."""
    joined = "\n".join(texts)
    ends = np.cumsum([len(t) + 1 for t in texts]) - 1  # offset of each text's end in the joined text
    out = np.zeros((len(texts), len(SURFACE_FEATURES)), dtype=np.float64)
    # len(_WORDS.findall(t)), counted without the words
    out[:, 0] = np.log1p(word_counts if word_counts is not None else [count_words(t) for t in texts])
    out[:, 1] = tones
    out[:, 2] = np.abs(out[:, 1])
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a character whose lower case is longer would shift the offsets
        for r, text in enumerate(texts):
            out[r, 3:] = _surface(text, 0.0)[3:]
        return out
    n = len(joined)
    variants = (joined, lowered, joined[::-1], lowered[::-1])
    for name, which, pattern in _SCANS:
        if which < 2:
            starts = [m.start() for m in pattern.finditer(variants[which])]
        else:
            starts = [n - m.end() for m in pattern.finditer(variants[which])]
        if starts:
            # a match starting at or before a text's end belongs to that text
            out[:, _COLUMN[name]] += np.bincount(np.searchsorted(ends, starts), minlength=len(texts))
    return out


def _long_tone(text: str) -> float:
    """Mean tone of a long text's chunks (VADER's compound saturates on long texts)."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    return float(np.mean([sentence_compound(p) for p in parts])) if parts else 0.0


def _as_texts(X: Iterable[str] | Sequence[str]) -> list[str]:
    if isinstance(X, str):
        raise ValueError("LexiconFeatures expects an iterable of texts, got a single string")
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] == 1:
        X = X[:, 0]
    return ["" if t is None else str(t) for t in X]

"""Policy frames: the cue words of each sentence, each sentence's frame, and the article's frame profile.

Every cue of the frame lexicon (``lexicons/frames.tsv``; the Policy Frames Codebook's frames, see
:mod:`framing.text.frames`) becomes an evidence item (dimension ``framing``, category ``frame.<id>``, weight the
lexicon weight). A sentence's frame is then decided in one of two ways:

* **cues only** (:func:`decide_by_cues`): the frame with the largest summed cue weight, when it reaches
  :data:`MIN_CUE_WEIGHT` (a tie goes to the frame first in the codebook); else *Other*;
* **with the frame model** (:func:`decide_with_model`): the model (trained on FrAC, which labels nine frames
  and Other) gives the frame; the cues then split what FrAC merges (crime from legality, political from policy)
  and name what it leaves in Other (capacity, quality of life, external regulation).

Each decided sentence gets one sentence-level item (category ``frame_sentence.<id>``, weight the decision's
confidence: the winning share of the cue weight, or the model's probability), whose note names the cues and the
probability behind it. The article's metrics are the share of sentences in each frame, the primary frame (the
frame of most sentences, Other aside) and the count of cues.

Example:
    >>> from framing.text.analysed import Analyser
    >>> from framing.text.frames import frame_groups
    >>> at = Analyser(groups=frame_groups()).analyse("Troops shelled the border town. Voters went to the polls.")
    >>> ev, m = measure_frames(at)
    >>> [e.category for e in ev if e.category.startswith("frame_sentence.")]
    ['frame_sentence.security', 'frame_sentence.public_opinion']
    >>> m["security_share"], m["primary_code"]
    (0.5, 8.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from framing.evidence import FRAMING_DIMENSION, Evidence
from framing.text.analysed import AnalysedText
from framing.text.frames import FRAMES, FRAMES_BY_ID, OTHER, Frame
from framing.text.lexicon import LexiconEntry
from framing.text.sentences import Sentence

__all__ = [
    "CUE_FRAMES",
    "MIN_CUE_WEIGHT",
    "cue_weights",
    "decide_by_cues",
    "decide_frames",
    "decide_with_model",
    "frame_cues",
    "frame_metrics",
    "frame_summary",
    "measure_frames",
    "sentence_items",
]

#: The frames cues can point to (every frame but Other).
CUE_FRAMES: tuple[Frame, ...] = tuple(f for f in FRAMES if f is not OTHER)
#: Summed cue weight a sentence needs for a frame by cues alone (chosen on FrAC train sentences, see
#: framing/validation/frames.py).
MIN_CUE_WEIGHT = 0.6
_INDEX = {f.id: i for i, f in enumerate(CUE_FRAMES)}
_COLUMN = {f"frame.{f.id}": i for i, f in enumerate(CUE_FRAMES)}
_KNOWN_CATEGORIES = frozenset(_COLUMN)
#: What the FrAC-trained model's classes may be refined into by the cues.
_SPLITS: dict[str, tuple[str, ...]] = {
    "legality": ("legality", "crime"),
    "policy": ("policy", "political"),
    OTHER.id: ("capacity", "quality_of_life", "external_regulation"),
}


def frame_cues(at: AnalysedText) -> list[Evidence]:
    """The frame-lexicon cues of an analysed text as evidence (``frame.<id>``), in text order.

    A cue is not checked for negation (``negated`` is always False): "no economic impact" is still about the
    economy, so negation does not change the frame.
    """
    out: list[Evidence] = []
    known = _KNOWN_CATEGORIES
    sentence_at = at.sentence_at
    for m in at.grouped.get("frames", ()):
        entry = m.by_lexicon.get("frames") or m.entries[0]
        if entry.category not in known:
            continue
        sent = sentence_at(m.start)
        if sent is not None:
            out.append(Evidence(sent.index, m.start, m.end, m.text, FRAMING_DIMENSION, entry.category, entry.weight,
                                _entry_ref(entry)))  # fmt: skip
    return out


@cache
def _entry_ref(entry: LexiconEntry) -> str:
    return f"{entry.lexicon}:{entry.term}"


def cue_weights(evidence: Sequence[Any], n_sentences: int) -> list[list[float]]:
    """Summed cue weight per sentence and frame (rows: sentences; columns: :data:`CUE_FRAMES`)."""
    rows = [[0.0] * len(CUE_FRAMES) for _ in range(n_sentences)]
    column = _COLUMN
    for e in evidence:
        j = column.get(e.category)
        if j is not None and 0 <= e.sentence < n_sentences:
            rows[e.sentence][j] += e.weight
    return rows


def decide_by_cues(weights: Sequence[float], min_weight: float = MIN_CUE_WEIGHT) -> tuple[Frame, float]:
    """A sentence's frame from its cue weights: ``(frame, share of the cue weight it holds)``; Other with 0.0
    when no frame reaches ``min_weight``.

    Example:
        >>> w = [0.0] * len(CUE_FRAMES); w[_INDEX["security"]] = 1.5; w[_INDEX["health"]] = 0.5
        >>> f, share = decide_by_cues(w); f.id, share
        ('security', 0.75)
    """
    top = max(weights) if len(weights) else 0.0
    if top < min_weight or top <= 0:
        return OTHER, 0.0
    return CUE_FRAMES[list(weights).index(top)], top / sum(weights)  # the first maximum: codebook order


def decide_with_model(label: str, probability: float, weights: Sequence[float]) -> tuple[Frame, float]:
    """A sentence's frame from the frame model's label, refined by the cues where FrAC merges frames.

    Args:
        label: The model's most probable class (a frame id of FrAC's label set).
        probability: Its probability (the decision's confidence).
        weights: The sentence's cue weights (:func:`cue_weights`).

    Example:
        >>> w = [0.0] * len(CUE_FRAMES); w[_INDEX["crime"]] = 0.9; w[_INDEX["legality"]] = 0.8
        >>> decide_with_model("legality", 0.7, w)[0].id, decide_with_model("health", 0.7, w)[0].id
        ('crime', 'health')
    """
    split = _SPLITS.get(label)
    if split is None:
        return FRAMES_BY_ID[label], probability
    best = max(split, key=lambda f: (weights[_INDEX[f]], -_INDEX[f]))
    if label == OTHER.id:
        return (FRAMES_BY_ID[best], probability) if weights[_INDEX[best]] >= MIN_CUE_WEIGHT else (OTHER, probability)
    return (FRAMES_BY_ID[best] if weights[_INDEX[best]] > weights[_INDEX[label]] else FRAMES_BY_ID[label]), probability


def sentence_items(
    sentences: Sequence[Sentence],
    decisions: Sequence[tuple[Frame, float]],
    cues: Sequence[Evidence],
    entry: str,
    probabilities: Sequence[str] | None = None,
) -> list[Evidence]:
    """One ``frame_sentence.<id>`` item per sentence with a frame other than Other.

    Args:
        sentences: The sentences.
        decisions: ``(frame, confidence)`` per sentence.
        cues: The frame cues (named in each item's note).
        entry: What decided (``rule:frame-cues`` or the model's versioned name).
        probabilities: Per sentence, the model's top probabilities as text, for the note.
    """
    by_sentence: dict[int, list[Evidence]] = {}
    for e in cues:
        by_sentence.setdefault(e.sentence, []).append(e)
    out: list[Evidence] = []
    for s, (frame, confidence) in zip(sentences, decisions, strict=True):
        if frame is OTHER:
            continue
        mine = [e for e in by_sentence.get(s.index, ()) if e.category == f"frame.{frame.id}"]
        cue_text = ", ".join(dict.fromkeys(e.text for e in mine)) or "none"
        note = f"{frame.label}; cues: {cue_text}"
        if probabilities is not None:
            note += f"; {probabilities[s.index]}"
        out.append(Evidence(s.index, s.start, s.end, s.text, FRAMING_DIMENSION, f"frame_sentence.{frame.id}",
                            round(float(confidence), 4), entry, note=note))  # fmt: skip
    return out


def frame_metrics(decisions: Sequence[tuple[Frame, float]], n_cues: int) -> dict[str, float]:
    """The article's frame profile: ``<id>_share`` for every frame (Other included), ``primary_code`` (the
    codebook number of the frame of most sentences, Other aside; 15 when no sentence has a frame; a tie goes to
    the frame first in the codebook), ``primary_share``, ``framed_sentence_share`` and ``cue_count``."""
    n = max(len(decisions), 1)
    counts = {f.id: 0 for f in FRAMES}
    for frame, _ in decisions:
        counts[frame.id] += 1
    metrics = {f"{f.id}_share": counts[f.id] / n for f in FRAMES}
    primary = max(CUE_FRAMES, key=lambda f: (counts[f.id], -f.code))
    if counts[primary.id] == 0:
        primary = OTHER
    metrics["primary_code"] = float(primary.code)
    metrics["primary_share"] = counts[primary.id] / n
    metrics["framed_sentence_share"] = 1.0 - counts[OTHER.id] / n if decisions else 0.0
    metrics["cue_count"] = float(n_cues)
    return metrics


def decide_frames(
    sentences: Sequence[Sentence],
    cues: Sequence[Evidence],
    model: tuple[Sequence[str], Sequence[float], Sequence[str], str] | None = None,
) -> tuple[list[Evidence], dict[str, float]]:
    """Each sentence's frame (cues alone, or the frame model refined by the cues) as ``frame_sentence.<id>`` items,
    and the article's frame metrics (:func:`frame_metrics`).

    Args:
        sentences: The article's sentences.
        cues: Its frame cues (:func:`frame_cues`).
        model: The frame model's output, ``(top label, its probability, the top probabilities as text, the
            model's versioned name)`` per sentence, or ``None`` for cues alone.
    """
    weights = cue_weights(cues, len(sentences))
    if model is None:
        decisions = [decide_by_cues(w) for w in weights]
        return sentence_items(sentences, decisions, cues, "rule:frame-cues"), frame_metrics(decisions, len(cues))
    labels, probs, texts, ref = model
    decisions = [decide_with_model(lab, p, w) for lab, p, w in zip(labels, probs, weights, strict=True)]
    items = sentence_items(sentences, decisions, cues, f"{ref}+rule:frame-cues", texts)
    return items, frame_metrics(decisions, len(cues))


def measure_frames(at: AnalysedText) -> tuple[list[Evidence], dict[str, float]]:
    """Frame cues, each sentence's frame by cues alone and the article's frame profile (see the module docstring;
    with the frame model, :func:`decide_frames` with its output replaces the sentence decisions)."""
    cues = frame_cues(at)
    items, metrics = decide_frames(at.sentences, cues)
    return cues + items, metrics


def frame_summary(metrics: dict[str, float]) -> dict[str, Any] | None:
    """The frame profile of a scored article's metrics, for its JSON record: the primary frame, the share of
    sentences per frame (frames with none left out), the generic news-frame scores and the role counts; ``None``
    when the article has no frame metrics (failed, or scored before frames existed).

    Example:
        >>> frame_summary({"frames.primary_code": 8.0, "frames.primary_share": 0.5, "frames.security_share": 0.5,
        ...                "frames.other_share": 0.5})["primary"]
        {'code': 8, 'id': 'security', 'label': 'Security and defence', 'share': 0.5}
    """
    if "frames.primary_code" not in metrics:
        return None
    from framing.text.frames import FRAMES_BY_CODE, NEWS_FRAMES, ROLES

    primary = FRAMES_BY_CODE[int(metrics["frames.primary_code"])]
    return {
        "primary": {"code": primary.code, "id": primary.id, "label": primary.label,
                    "share": metrics.get("frames.primary_share", 0.0)},
        "shares": {f.id: v for f in FRAMES if (v := metrics.get(f"frames.{f.id}_share", 0.0)) > 0},
        "news_frames": {f.id: metrics[f"news_frames.{f.id}"] for f in NEWS_FRAMES if f"news_frames.{f.id}" in metrics},
        "roles": {r: int(metrics[f"roles.{r}_count"]) for r in ROLES if f"roles.{r}_count" in metrics},
    }  # fmt: skip

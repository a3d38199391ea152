"""Sentence sentiment with the VADER lexicon (vaderSentiment, MIT), scored through the project's matcher.

``vaderSentiment``'s own ``polarity_scores`` scores about 10,000 news sentences/s here (it rebuilds each
string character by character for emoji and re-tokenises it), about 2.5 ms for a 25-sentence article: more
than all the other scorers together. This module reads the lexicon, booster and negation lists shipped in the installed
vaderSentiment package (nothing is copied into the project) and applies VADER's main rules — negation
within three words (x -0.74), boosters and dampeners, ALL-CAPS emphasis, "but" shifting weight to the
clause after it, exclamation marks, and the compound normalisation ``s / sqrt(s^2 + 15)``. It leaves out
VADER's emoji and idiom handling. Agreement with the reference implementation is measured in the validation
report (``framing.validation.sentiment``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from framing.evidence import Evidence
from framing.lexicon import Lexicon, LexiconEntry, PhraseMatcher
from framing.sentences import Sentence

__all__ = ["SENTIMENT_THRESHOLD", "measure_sentiment", "sentence_compound"]

#: |compound| at or above which a sentence is reported as evidence of positive / negative tone.
SENTIMENT_THRESHOLD = 0.5
_TOKEN = re.compile(r"[\w'-]+|[!?]")
_TERM = re.compile(r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?")
_ALPHA = 15.0


@cache
def _vader() -> tuple[dict[str, float], dict[str, float], frozenset[str], PhraseMatcher, str]:
    import importlib.metadata
    import importlib.resources

    from vaderSentiment import vaderSentiment as v

    valence: dict[str, float] = {}
    text = (importlib.resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _TERM.fullmatch(parts[0]):
            valence[parts[0]] = float(parts[1])
    version = importlib.metadata.version("vaderSentiment")
    ref = f"vader-lexicon@{version}"
    entries = tuple(LexiconEntry(t, "sentiment", 1.0, "", "vaderSentiment (MIT)", ref, 0) for t in valence)
    matcher = PhraseMatcher([Lexicon("vader", version, "MIT", "VADER lexicon", "", "", entries)])
    boosters = {k.lower(): float(b) for k, b in v.BOOSTER_DICT.items()}
    return valence, boosters, frozenset(v.NEGATE), matcher, ref


def sentence_compound(sentence: str) -> float:
    """VADER-style compound score in [-1, 1] of one sentence.

    Example:
        >>> sentence_compound("The talks were a great success.") > 0.5
        True
        >>> sentence_compound("The talks were not a success.") < 0
        True
    """
    valence, boosters, negate, matcher, _ = _vader()
    return _compound(sentence, [m for m in matcher.find(sentence)], valence, boosters, negate)


def _compound(
    text: str, matches: Sequence[Any], valence: dict[str, float], boosters: dict[str, float], negate: frozenset[str]
) -> float:
    if not matches:
        return 0.0
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    words = [t for _, t in tokens if t not in {"!", "?"}]
    starts = {s: i for i, (s, t) in enumerate((s, t) for s, t in tokens if t not in {"!", "?"})}
    mixed_case = any(w.isupper() for w in words) and not all(w.isupper() for w in words)
    lower = [w.lower() for w in words]
    but = lower.index("but") if "but" in lower else -1
    total = 0.0
    for m in matches:
        i = starts.get(m.start)
        if i is None:
            continue
        v = valence[m.text.lower()]
        if mixed_case and m.text.isupper():
            v += 0.733 if v > 0 else -0.733
        for back, damp in ((1, 1.0), (2, 0.95), (3, 0.9)):
            if i - back < 0:
                break
            b = boosters.get(lower[i - back])
            if b is not None:
                v += (b if v > 0 else -b) * damp
        if any(i - back >= 0 and (lower[i - back] in negate or lower[i - back].endswith("n't")) for back in (1, 2, 3)):
            v *= -0.74
        if but >= 0:
            v *= 0.5 if i < but else 1.5 if i > but else 1.0
        total += v
    if total:
        bangs = min(text.count("!"), 4) * 0.292
        total += bangs if total > 0 else -bangs
    score = total / math.sqrt(total * total + _ALPHA)
    return max(-1.0, min(1.0, score))


def measure_sentiment(text: str, sentences: Sequence[Sentence]) -> tuple[list[Evidence], dict[str, float]]:
    """Per-sentence compound sentiment; strongly toned sentences become evidence.

    Metrics: ``sentiment_mean`` (mean compound over sentences), ``sentiment_negative_share`` and
    ``sentiment_positive_share`` (sentences with compound <= -0.5 / >= 0.5).
    """
    valence, boosters, negate, matcher, ref = _vader()
    by_sentence: dict[int, list[Any]] = {}
    starts = [s.start for s in sentences]
    import bisect

    for m in matcher.find(text):
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= sentences[i].end:
            by_sentence.setdefault(i, []).append(m)
    evidence: list[Evidence] = []
    scores: list[float] = []
    for s in sentences:
        ms = by_sentence.get(s.index, [])
        local = [_Shifted(m, s.start) for m in ms]
        c = _compound(s.text, local, valence, boosters, negate) if ms else 0.0
        scores.append(c)
        if abs(c) >= SENTIMENT_THRESHOLD:
            words = ", ".join(sorted({m.text.lower() for m in ms}))
            evidence.append(Evidence(s.index, s.start, s.end, s.text, "word_choice",
                                     "sentiment.negative" if c < 0 else "sentiment.positive", round(abs(c), 4),
                                     ref, note=f"compound {c:+.3f}; words: {words}"))  # fmt: skip
    n = max(len(sentences), 1)
    metrics = {
        "sentiment_mean": sum(scores) / n,
        "sentiment_negative_share": sum(c <= -SENTIMENT_THRESHOLD for c in scores) / n,
        "sentiment_positive_share": sum(c >= SENTIMENT_THRESHOLD for c in scores) / n,
    }
    return evidence, metrics


class _Shifted:
    """A match re-expressed relative to its sentence."""

    __slots__ = ("start", "text")

    def __init__(self, m: Any, offset: int) -> None:
        self.start = m.start - offset
        self.text = m.text

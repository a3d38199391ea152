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

import bisect
import math
import re
from collections.abc import Sequence
from functools import cache

from framing.evidence import Evidence
from framing.lexicon import Lexicon, LexiconEntry, Match, PhraseMatcher, prepare_text
from framing.sentences import Sentence

__all__ = ["SENTIMENT_THRESHOLD", "measure_sentiment", "sentence_compound"]

#: |compound| at or above which a sentence is reported as evidence of positive / negative tone.
SENTIMENT_THRESHOLD = 0.5
_WORDS = re.compile(r"[\w'-]+")
_BUT = re.compile(r"\bbut\b")
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
    return _compounds(sentence, [Sentence(0, 0, len(sentence), sentence, 0)])[0][0]


def _compounds(text: str, sentences: Sequence[Sentence], prepared: str | None = None) -> list[tuple[float, list[str]]]:
    """(compound, matched words) per sentence, from one matcher pass; only words near a match are looked at."""
    valence, boosters, negate, matcher, _ = _vader()
    out: list[tuple[float, list[str]]] = [(0.0, []) for _ in sentences]
    matches = matcher.find(text, prepared)
    if not matches:
        return out
    starts = [s.start for s in sentences]
    per_sentence: dict[int, list[Match]] = {}
    for m in matches:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and m.end <= sentences[k].end:
            per_sentence.setdefault(k, []).append(m)
    prep = prepared if prepared is not None else prepare_text(text)
    for k, items in per_sentence.items():
        sent = sentences[k]
        # ``prep`` is lower-cased, has spaces for punctuation and is shifted by one character
        but_at = prep.find(" but ", sent.start, sent.end + 1)
        total = 0.0
        for m in items:
            v = valence[m.text.lower()]
            if len(m.text) > 1 and m.text.isupper() and not sent.text.isupper():
                v += 0.733 if v > 0 else -0.733
            lo = max(sent.start + 1, m.start - 60)
            words = prep[lo : m.start + 1].split()
            if lo > sent.start + 1 and prep[lo - 1] != " " and words:
                words = words[1:]  # the window cut a word in two
            before = words[-3:]
            for back, damp in ((1, 1.0), (2, 0.95), (3, 0.9)):
                if back > len(before):
                    break
                b = boosters.get(before[-back])
                if b is not None:
                    v += (b if v > 0 else -b) * damp
            if any(_negates(w, negate) for w in before):
                v *= -0.74
            if but_at >= 0 and m.start != but_at:
                v *= 0.5 if m.start < but_at else 1.5
            total += v
        if total:
            bangs = min(text.count("!", sent.start, sent.end), 4) * 0.292
            total += bangs if total > 0 else -bangs
        score = total / math.sqrt(total * total + _ALPHA)
        out[k] = (max(-1.0, min(1.0, score)), [m.text.lower() for m in items])
    return out


def _negates(word: str, negate: frozenset[str]) -> bool:
    return word in negate or word.endswith("n't")


def measure_sentiment(
    text: str, sentences: Sequence[Sentence], prepared: str | None = None
) -> tuple[list[Evidence], dict[str, float]]:
    """Per-sentence compound sentiment; strongly toned sentences become evidence.

    Metrics: ``sentiment_mean`` (mean compound over sentences), ``sentiment_negative_share`` and
    ``sentiment_positive_share`` (sentences with compound <= -0.5 / >= 0.5).
    """
    ref = _vader()[4]
    scores = _compounds(text, sentences, prepared)
    evidence: list[Evidence] = []
    for s, (c, words) in zip(sentences, scores, strict=True):
        if abs(c) >= SENTIMENT_THRESHOLD:
            category = "sentiment.negative" if c < 0 else "sentiment.positive"
            note = f"compound {c:+.3f}; words: {', '.join(sorted(set(words)))}"
            evidence.append(
                Evidence(s.index, s.start, s.end, s.text, "word_choice", category, round(abs(c), 4), ref, note=note)
            )
    n = max(len(sentences), 1)
    values = [c for c, _ in scores]
    metrics = {
        "sentiment_mean": sum(values) / n,
        "sentiment_negative_share": sum(c <= -SENTIMENT_THRESHOLD for c in values) / n,
        "sentiment_positive_share": sum(c >= SENTIMENT_THRESHOLD for c in values) / n,
    }
    return evidence, metrics

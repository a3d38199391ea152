"""Sentence sentiment with the VADER lexicon (vaderSentiment, MIT), found by one Aho-Corasick pass (or a shared one).

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
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple

from framing.evidence import Evidence
from framing.text.analysed import AnalysedText
from framing.text.matcher import prepare_text
from framing.text.sentences import Sentence

__all__ = [
    "SENTIMENT_THRESHOLD",
    "measure_sentiment",
    "sentence_compound",
    "sentence_scores",
    "sentiment_table",
]

#: |compound| at or above which a sentence is reported as evidence of positive / negative tone.
SENTIMENT_THRESHOLD = 0.5
_TERM = re.compile(r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?")
_ALPHA = 15.0


class _Vader(NamedTuple):
    valence: dict[str, float]
    boosters: dict[str, float]
    negate: frozenset[str]
    table: dict[str, tuple[int, str | None, bool]]  # see sentiment_table
    automaton: Any
    ref: str


@cache
def _vader() -> _Vader:
    import importlib.metadata
    import importlib.resources

    import ahocorasick
    from vaderSentiment import vaderSentiment as v

    valence: dict[str, float] = {}
    text = (importlib.resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _TERM.fullmatch(parts[0]):
            valence[parts[0]] = float(parts[1])
    version = importlib.metadata.version("vaderSentiment")
    boosters = {k.lower(): float(b) for k, b in v.BOOSTER_DICT.items()}
    negate = frozenset(v.NEGATE)

    def modifies(word: str) -> bool:
        return word in boosters or word in negate or word.endswith("n't")

    table: dict[str, tuple[int, str | None, bool]] = {f" {w} ": (len(w), w, modifies(w)) for w in valence}
    for word in (*boosters, *negate):
        if word not in valence and " " not in word:
            table[f" {word} "] = (len(word), None, True)
    table["n't "] = (3, None, True)
    automaton = ahocorasick.Automaton()
    for key, value in table.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return _Vader(valence, boosters, negate, table, automaton, f"vader-lexicon@{version}")


def sentiment_table() -> dict[str, tuple[int, str | None, bool]]:
    """The sentiment automaton's table, for a :class:`framing.text.matcher.SharedScan` with other matchers.

    One pass finds the sentiment words and every word that can modify one (booster, negation, ``*n't``). Keys
    are `` word `` (spaces mark word boundaries in the prepared text) and ``n't `` (any word ending so); values
    are ``(len(word), word or None for a modifier only, is_modifier)``. Every VADER term is one word, so
    sentiment matches never overlap: the hits are the matches, in text order.
    """
    return _vader().table


def sentence_compound(sentence: str) -> float:
    """VADER-style compound score in [-1, 1] of one sentence.

    Example:
        >>> sentence_compound("The talks were a great success.") > 0.5
        True
        >>> sentence_compound("The talks were not a success.") < 0
        True
    """
    return _score_sentences(sentence, [Sentence(0, 0, len(sentence), sentence, 0)])[0][0]


_DAMPING = (1.0, 0.95, 0.9)  # booster weight one, two and three words before the sentiment word


def sentence_scores(at: AnalysedText) -> list[tuple[float, list[str]]]:
    """(compound, matched sentiment words) per sentence of an analysed text, from its automaton pass (or one pass
    here when its analyser did not scan the VADER words).

    Pass the result to :func:`measure_sentiment` (``scores=``) when the tones are needed elsewhere too, e.g. by
    the models' lexicon features, so the text is scored once.

    Example:
        >>> from framing.text.analysed import Analyser
        >>> [(round(c, 3), w) for c, w in sentence_scores(Analyser().analyse("What a wonderful day. It rained."))]
        [(0.572, ['wonderful']), (0.0, [])]
    """
    return _score_sentences(at.text, at.sentences, at.prepared, at.sentiment_hits)


#: The sentiment table's hits in the prepared text: (end index, value), in text order.
_Hits = Iterable[tuple[int, tuple[int, str | None, bool]]]


def _score_sentences(
    text: str, sentences: Sequence[Sentence], prepared: str | None = None, hits: _Hits | None = None
) -> list[tuple[float, list[str]]]:
    """One pass over the automaton's hits, in text order: sentiment words are summed into the sentence holding
    them (the last one starting at or before the word, if it ends after it) as they come."""
    valence, boosters, negate, _, automaton, _ = _vader()
    out: list[tuple[float, list[str]]] = [(0.0, []) for _ in sentences]
    if not text or not sentences:
        return out
    prep = prepared if prepared is not None else prepare_text(text)
    starts = [s.start for s in sentences]
    in_order = starts == sorted(starts)
    bang = "!" in text
    modifier_ends: list[int] = []
    last_modifier = -100  # modifier_ends[-1]
    # sentence k holds the words starting in [lo, hi) when the sentences are in order; else every word is looked up
    k, lo, hi = (-1, -1, starts[0]) if in_order else (-1, 0, 0)
    sent = sentences[0]
    first = but_at = 0
    limit = -1  # a word counts if it ends by sentences[k].end, i.e. its key ends at ``i <= limit``
    sent_upper: bool | None = None
    total = 0.0
    words: list[str] = []
    for i, (n, word, modifier) in automaton.iter(prep) if hits is None else hits:
        # a key ending at ``i`` in ``prep`` (shifted by its leading space) ends at ``i - 1`` in the text
        if modifier:
            modifier_ends.append(i - 1)
            last_modifier = i - 1
        if word is None:
            continue
        start = i - 1 - n
        if not lo <= start < hi:
            j = bisect.bisect_right(starts, start) - 1
            if j != k:
                if words:
                    out[k] = (_compound(total, text, sent, bang), words)
                k, words, total, sent_upper = j, [], 0.0, None
                sent = sentences[k]
                limit = sent.end + 1 if k >= 0 else -1
                first = sent.start + 1  # ``prep`` index of the sentence's first character
                # ``prep`` is lower-cased, has spaces for punctuation and is shifted by one character
                but_at = prep.find(" but ", sent.start, sent.end + 1)
                if in_order:
                    lo, hi = starts[k], starts[k + 1] if k + 1 < len(starts) else len(text) + 1
        if i > limit:
            continue
        v = valence[word]
        # ALL-CAPS emphasis (a word written as in ``prep``, lower-case, settles it without a slice)
        if not text.startswith(word, start) and len(word) > 1 and text[start : start + len(word)].isupper():
            if sent_upper is None:
                sent_upper = sent.text.isupper()
            if not sent_upper:
                v += 0.733 if v > 0 else -0.733
        # The three words before, read from a bounded window, can boost or negate. The window lies within the
        # 61 characters before the word: without a modifier word ending there, there is nothing to read.
        if last_modifier > start - 62:
            m = bisect.bisect_right(modifier_ends, start)
            if m and modifier_ends[m - 1] > start - 62:
                window = start - 60
                if window > first:
                    before = prep[window : start + 1].split()
                    if prep[window - 1] != " " and before:
                        del before[0]  # the window cut a word in two
                else:
                    before = prep[first : start + 1].split()
                negated = False
                for w, damp in zip(reversed(before[-3:]), _DAMPING, strict=False):
                    b = boosters.get(w)
                    if b is not None:
                        v += (b if v > 0 else -b) * damp
                    if w in negate or w.endswith("n't"):
                        negated = True
                if negated:
                    v *= -0.74
        if but_at >= 0 and start != but_at:
            v *= 0.5 if start < but_at else 1.5
        total += v
        words.append(word)
    if words:
        out[k] = (_compound(total, text, sent, bang), words)
    return out


def _compound(total: float, text: str, sent: Sentence, bang: bool) -> float:
    """VADER's normalisation of a sentence's summed valence, with its exclamation marks."""
    if total and bang:
        bangs = min(text.count("!", sent.start, sent.end), 4) * 0.292
        total += bangs if total > 0 else -bangs
    score = total / math.sqrt(total * total + _ALPHA)
    return max(-1.0, min(1.0, score))


def measure_sentiment(
    at: AnalysedText, scores: Sequence[tuple[float, list[str]]] | None = None
) -> tuple[list[Evidence], dict[str, float]]:
    """Per-sentence compound sentiment; strongly toned sentences become evidence.

    Metrics: ``sentiment_mean`` (mean compound over sentences), ``sentiment_negative_share`` and
    ``sentiment_positive_share`` (sentences with compound <= -0.5 / >= 0.5).

    Args:
        at: The analysed article.
        scores: :func:`sentence_scores` of the same text, when the caller already has them.
    """
    sentences = at.sentences
    ref = _vader().ref
    if scores is None:
        scores = sentence_scores(at)
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
        "sentiment_negative_share": len([c for c in values if c <= -SENTIMENT_THRESHOLD]) / n,
        "sentiment_positive_share": len([c for c in values if c >= SENTIMENT_THRESHOLD]) / n,
    }
    return evidence, metrics

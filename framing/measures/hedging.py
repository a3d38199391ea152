"""Hedging: hedges (may, allegedly, it remains to be seen, impossible to confirm) and boosters (clearly).

Non-epistemic uses are kept out: ``May`` the month, approximators that do not precede a number ("about the
talks"), and boosters under negation ("not clearly") which are recorded with weight 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.evidence import Evidence
from framing.lexicon import Match
from framing.measures._common import SentenceIndex, is_number, negated, next_token, prev_tokens
from framing.sentences import Sentence

__all__ = ["HEDGED_SENTENCE_MIN_WEIGHT", "measure_hedging"]

#: A sentence counts as hedged when it holds a (non-approximator) hedge of at least this weight.
HEDGED_SENTENCE_MIN_WEIGHT = 0.5
_MONTH_CONTEXT = frozenset(
    {"in", "on", "since", "until", "till", "of", "from", "by", "early", "late", "mid", "last", "next", "this"}
)


def _is_month(text: str, m: Match, sentence: Sentence) -> bool:
    if m.text.lower() != "may" or not m.text[0].isupper():
        return False
    following = next_token(text, m.end)
    before = prev_tokens(text, sentence.start, m.start)
    at_start = m.start == sentence.start or text[sentence.start : m.start].strip(" \"'(") == ""
    return following[:1].isdigit() or (bool(before) and before[-1].lower() in _MONTH_CONTEXT) or not at_start


def _attributive(text: str, m: Match, sentence: Sentence) -> bool:
    """'the alleged fraud', 'an alleged plot': the adjective use that hedges a claim."""
    before = prev_tokens(text, sentence.start, m.start)
    return bool(before) and before[-1].lower() in {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "of",
        "and",
        "this",
        "these",
    }


def measure_hedging(
    text: str, sentences: Sequence[Sentence], matches: Sequence[Match]
) -> tuple[list[Evidence], dict[str, float]]:
    """Return hedging evidence and metrics for one article.

    Metrics: ``hedge_count``, ``booster_count``, ``hedged_sentences``, ``hedged_sentence_share``,
    ``hedges_per_100_sentences``, ``boosters_per_100_sentences``, ``hedge_weight_per_100_sentences``.
    """
    index = SentenceIndex(sentences)
    evidence: list[Evidence] = []
    for m in matches:
        entry = m.entry_in("hedges") or m.entry_in("boosters")
        sent = index.at(m.start)
        if entry is None or sent is None:
            continue
        neg = negated(text, sent.start, m.start)
        if entry.category.startswith("hedge"):
            if _is_month(text, m, sent):
                continue
            if entry.category == "hedge.approximator" and not is_number(next_token(text, m.end)):
                continue
            if m.entry_in("reporting_verbs") is not None and not _attributive(text, m, sent):
                continue  # "he alleged that ...": a reporting verb, scored under attribution
            evidence.append(Evidence(sent.index, m.start, m.end, m.text, "hedging", entry.category, entry.weight,
                                     f"{entry.lexicon}:{entry.term}", neg))  # fmt: skip
        else:
            evidence.append(Evidence(sent.index, m.start, m.end, m.text, "hedging", "booster",
                                     0.0 if neg else entry.weight, f"{entry.lexicon}:{entry.term}", neg,
                                     "negated booster: not counted" if neg else ""))  # fmt: skip
    hedges = [e for e in evidence if e.category.startswith("hedge")]
    boosters = [e for e in evidence if e.category == "booster" and not e.negated]
    hedged = {
        e.sentence for e in hedges if e.category != "hedge.approximator" and e.weight >= HEDGED_SENTENCE_MIN_WEIGHT
    }
    n = max(len(sentences), 1)
    metrics = {
        "hedge_count": float(len(hedges)),
        "booster_count": float(len(boosters)),
        "hedged_sentences": float(len(hedged)),
        "hedged_sentence_share": len(hedged) / n,
        "hedges_per_100_sentences": 100 * len(hedges) / n,
        "boosters_per_100_sentences": 100 * len(boosters) / n,
        "hedge_weight_per_100_sentences": 100 * sum(e.weight for e in hedges) / n,
    }
    return evidence, metrics

"""Generic news frames (Semetko and Valkenburg 2000) scored per article from yes/no indicators.

Semetko and Valkenburg coded five generic frames (conflict, human interest, economic consequences, morality,
attribution of responsibility) with 18 yes/no questions ("Does the story reflect disagreement between
parties?", "Does it provide a human example or human face on the issue?", "Is there a mention of the costs?",
"Does it suggest that some level of government has the ability to alleviate the problem?" ...; see
:data:`framing.text.frames.NEWS_FRAMES`). Here each question is answered from cues:

* the cues are the rows of ``lexicons/news_frames.tsv`` (category ``news_frame.<frame>.<indicator>``);
* two shapes no word list catches are rules: an age ("a 34-year-old", human face) and a sum of money ("$4
  million", "2 billion euros", costs);
* an indicator is answered *yes* when its strongest cue weighs at least :data:`STRONG` or its cues sum to at
  least :data:`ENOUGH` (a single weak "should" does not make a moral prescription); negated cues do not count;
* each indicator answered yes is one evidence item (dimension ``framing``): the span of its strongest cue, whose
  note gives the question and every cue that counted.

Metrics per frame: ``<frame>`` (the share of its indicators answered yes, 0-1, as the questionnaire's frame
scales average their items), ``<frame>_cues`` (cue matches, negated ones included), and ``<frame>.<indicator>``
(1.0 yes, 0.0 no).

Example:
    >>> from framing.text.analysed import Analyser
    >>> from framing.text.frames import frame_groups
    >>> at = Analyser(groups=frame_groups()).analyse(
    ...     "Both sides blamed each other. The plan will cost $4 million, critics said.")
    >>> ev, m = measure_news_frames(at)
    >>> m["conflict"], m["conflict.sides"], m["economic.costs"]
    (0.75, 1.0, 1.0)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from framing.evidence import FRAMING_DIMENSION, Evidence
from framing.measures._common import negated
from framing.measures.frames import _entry_ref
from framing.text.analysed import AnalysedText
from framing.text.frames import NEWS_FRAMES

__all__ = ["ENOUGH", "STRONG", "measure_news_frames"]

#: A cue at least this heavy answers its indicator alone.
STRONG = 0.5
#: Cues summing to this much answer their indicator together.
ENOUGH = 1.0
_KNOWN = {f"news_frame.{f.id}.{i}" for f in NEWS_FRAMES for i in f.indicators}
# "a 34-year-old", "the 7-year-old's": a person described by age
_AGE = re.compile(r"\b\d{1,3}-year-olds?\b", re.IGNORECASE)
# "$4 million", "US$ 12", "€3bn", "2 billion euros", "4.5 million dollars"
_MONEY = re.compile(
    r"(?:(?<![\w$])(?:US|C|A|NZ)?\$|[€£¥₴₽₪])\s?\d[\d,.]*(?:\s?(?:bn|m|k|million|billion|trillion)\b)?"
    r"|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s(?:dollars|euros|pounds sterling|rubles|roubles|shekels|"
    r"hryvnias|yuan|yen|lira)\b",
    re.IGNORECASE,
)
_RULES = (
    (_AGE, "news_frame.human_interest.human_face", "rule:age", "a person described by age", ("year-old",)),
    (_MONEY, "news_frame.economic.costs", "rule:money", "a sum of money",
     ("$", "€", "£", "¥", "₴", "₽", "₪", "dollars", "euros", "pounds sterling", "rubles", "roubles", "shekels",
      "hryvnias", "yuan", "yen", "lira")),
)  # fmt: skip


class _Cue(NamedTuple):
    sentence: int
    sentence_start: int
    start: int
    end: int
    text: str
    weight: float
    entry: str
    rule: bool


def _cues(at: AnalysedText) -> dict[str, list[_Cue]]:
    """The news-frame cues and rule hits of an analysed text, by indicator category."""
    out: dict[str, list[_Cue]] = {}
    sentence_at = at.sentence_at
    for m in at.grouped.get("news_frames", ()):
        sent = sentence_at(m.start)
        if sent is None:
            continue
        for entry in m.entries:
            if entry.category in _KNOWN:
                out.setdefault(entry.category, []).append(
                    _Cue(sent.index, sent.start, m.start, m.end, m.text, entry.weight, _entry_ref(entry), False)
                )
    text = at.text
    for pattern, category, rule, _note, needles in _RULES:
        if not any(n in text for n in needles):  # a substring test is far cheaper than the regex scan
            continue
        for hit in pattern.finditer(text):
            sent = sentence_at(hit.start())
            if sent is not None:
                out.setdefault(category, []).append(
                    _Cue(sent.index, sent.start, hit.start(), hit.end(), hit.group(0), 1.0, rule, True)
                )
    return out


def _answer(at: AnalysedText, cues: list[_Cue]) -> tuple[_Cue | None, list[_Cue]]:
    """The indicator's deciding cue (the strongest one not negated) when the indicator is answered yes, else
    ``None``; and the cues to name (all of them after a strong cue, the ones that counted after a sum). Negation is
    checked only as far as the answer needs."""
    ranked = sorted(cues, key=lambda c: (-c.weight, c.start))
    counted: list[_Cue] = []
    for c in ranked:
        if c.rule or not negated(at, c.sentence_start, c.start):
            if c.weight >= STRONG:
                return c, ranked
            counted.append(c)
    if counted and sum(c.weight for c in counted) >= ENOUGH:
        return counted[0], counted
    return None, counted


def measure_news_frames(at: AnalysedText) -> tuple[list[Evidence], dict[str, float]]:
    """One evidence item per indicator answered yes (its strongest cue, the others named in the note) and the
    article's answers to the indicators (see the module docstring)."""
    cues = _cues(at)
    evidence: list[Evidence] = []
    metrics: dict[str, float] = {}
    for frame in NEWS_FRAMES:
        answers = []
        n_cues = 0
        for indicator in frame.indicators:
            cat = f"news_frame.{frame.id}.{indicator}"
            found = cues.get(cat, [])
            n_cues += len(found)
            best, counted = _answer(at, found) if found else (None, [])
            yes = best is not None
            metrics[f"{frame.id}.{indicator}"] = 1.0 if yes else 0.0
            answers.append(yes)
            if best is not None:
                words = list(dict.fromkeys(c.text for c in sorted(counted, key=lambda c: c.start)))
                shown = ", ".join(words[:6]) + (f" and {len(words) - 6} more" if len(words) > 6 else "")
                note = f"{frame.label}: {frame.indicators[indicator]} yes ({len(counted)} cue(s): {shown})"
                evidence.append(Evidence(best.sentence, best.start, best.end, best.text, FRAMING_DIMENSION, cat,
                                         best.weight, best.entry, note=note))  # fmt: skip
        metrics[frame.id] = sum(answers) / len(answers)
        metrics[f"{frame.id}_cues"] = float(n_cues)
    evidence.sort(key=lambda e: (e.start, e.end, e.category))
    return evidence, metrics

"""Generic news frames (Semetko and Valkenburg 2000) scored per article from yes/no indicators.

Semetko and Valkenburg coded five generic frames (conflict, human interest, economic consequences, morality,
attribution of responsibility) with 18 yes/no questions ("Does the story reflect disagreement between
parties?", "Does it provide a human example or human face on the issue?", "Is there a mention of the costs?",
"Does it suggest that some level of government has the ability to alleviate the problem?" ...; see
:data:`framing.text.frames.NEWS_FRAMES`). Here each question is answered from cues:

* every cue of ``lexicons/news_frames.tsv`` (category ``news_frame.<frame>.<indicator>``) is an evidence item
  of dimension ``framing``;
* two shapes no word list catches are rules: an age ("a 34-year-old", human face) and a sum of money ("$4
  million", "2 billion euros", costs);
* an indicator is answered *yes* when its strongest cue weighs at least :data:`STRONG` or its cues sum to at
  least :data:`ENOUGH` (a single weak "should" does not make a moral prescription); negated cues do not count.

Metrics per frame: ``<frame>`` (the share of its indicators answered yes, 0-1, as the questionnaire's frame
scales average their items), ``<frame>_cues`` (cue items), and ``<frame>.<indicator>`` (1.0 yes, 0.0 no).

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

from framing.evidence import FRAMING_DIMENSION, Evidence
from framing.measures._common import negated
from framing.text.analysed import AnalysedText
from framing.text.frames import NEWS_FRAMES

__all__ = ["ENOUGH", "STRONG", "measure_news_frames", "news_frame_cues"]

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
    (_AGE, "news_frame.human_interest.human_face", "rule:age", "a person described by age"),
    (_MONEY, "news_frame.economic.costs", "rule:money", "a sum of money"),
)


def news_frame_cues(at: AnalysedText) -> list[Evidence]:
    """The news-frame cues and rules of an analysed text as evidence, in text order."""
    out: list[Evidence] = []
    for m in at.grouped.get("news_frames", ()):
        sent = at.sentence_at(m.start)
        if sent is None:
            continue
        neg = negated(at, sent.start, m.start)
        for entry in m.entries:
            if entry.category in _KNOWN:
                out.append(Evidence(sent.index, m.start, m.end, m.text, FRAMING_DIMENSION, entry.category,
                                    entry.weight, f"{entry.lexicon}:{entry.term}", neg))  # fmt: skip
    text = at.text
    for pattern, category, rule, note in _RULES:
        for hit in pattern.finditer(text):
            sent = at.sentence_at(hit.start())
            if sent is not None:
                out.append(Evidence(sent.index, hit.start(), hit.end(), hit.group(0), FRAMING_DIMENSION, category,
                                    1.0, rule, note=note))  # fmt: skip
    out.sort(key=lambda e: (e.start, e.end, e.category))
    return out


def measure_news_frames(at: AnalysedText) -> tuple[list[Evidence], dict[str, float]]:
    """News-frame evidence and the article's answers to the indicators (see the module docstring)."""
    evidence = news_frame_cues(at)
    strongest: dict[str, float] = {}
    summed: dict[str, float] = {}
    for e in evidence:
        if e.negated:
            continue
        strongest[e.category] = max(strongest.get(e.category, 0.0), e.weight)
        summed[e.category] = summed.get(e.category, 0.0) + e.weight
    metrics: dict[str, float] = {}
    for frame in NEWS_FRAMES:
        answers = []
        for indicator in frame.indicators:
            cat = f"news_frame.{frame.id}.{indicator}"
            yes = strongest.get(cat, 0.0) >= STRONG or summed.get(cat, 0.0) >= ENOUGH
            metrics[f"{frame.id}.{indicator}"] = 1.0 if yes else 0.0
            answers.append(yes)
        metrics[frame.id] = sum(answers) / len(answers)
        metrics[f"{frame.id}_cues"] = float(sum(e.category.startswith(f"news_frame.{frame.id}.") for e in evidence))
    return evidence, metrics

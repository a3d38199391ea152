"""Sentence splitting without downloaded models.

NLTK's Punkt algorithm is used with parameters this project provides (an abbreviation list for news text),
so nothing is downloaded. Paragraph breaks are always sentence breaks.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

__all__ = ["Sentence", "split_sentences"]

# Lower-case, without the final period, as Punkt stores them.
_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n u.s.a e.u u.a.e d.c a.m p.m e.g i.e etc vs approx est dept univ assn bros inc ltd co corp
    jr sr mr mrs ms dr prof rev hon sen rep gov gen lt col maj capt cmdr adm sgt cpl pvt st mt ft no nos
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla
    ore pa tenn tex va vt wash wis wyo
    """.split()
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article body.

    Attributes:
        index: 0-based position in the article.
        start: Character offset of the first character in the cleaned text.
        end: Offset one past the last character.
        text: The sentence text (``cleaned_text[start:end]``).
        paragraph: 0-based paragraph number.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@cache
def _tokenizer() -> Any:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def split_sentences(text: str) -> list[Sentence]:
    """Split a cleaned article body into sentences with character offsets.

    Args:
        text: Body text; blank lines separate paragraphs.

    Returns:
        Sentences in order; ``text[s.start:s.end] == s.text`` for each.

    Example:
        >>> [s.text for s in split_sentences('Gen. Lee met U.S. envoys on Oct. 7. Growth was 2.5 percent.')]
        ['Gen. Lee met U.S. envoys on Oct. 7.', 'Growth was 2.5 percent.']
    """
    tok = _tokenizer()
    out: list[Sentence] = []
    for p_no, para in enumerate(m for m in _PARAGRAPH.finditer(text) if m.group().strip()):
        base = para.start()
        for start, end in tok.span_tokenize(para.group()):
            chunk = para.group()[start:end]
            # Punkt keeps a quote that follows the period with the next sentence in a few cases; and it never
            # splits inside a line break, which scraped text may hold.
            for sub_start, sub_end in _split_lines(chunk):
                s, e = base + start + sub_start, base + start + sub_end
                out.append(Sentence(len(out), s, e, text[s:e], p_no))
    return out


def _split_lines(chunk: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", chunk):
        stripped = m.group().strip()
        if stripped:
            lead = len(m.group()) - len(m.group().lstrip())
            spans.append((m.start() + lead, m.start() + lead + len(stripped)))
    return spans

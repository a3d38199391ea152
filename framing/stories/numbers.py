"""Figures and dates in a sentence, normalised so that two outlets' versions can be compared.

"some 1,200 Israelis were killed", "Nearly 1,200 people in Israel were killed" and "killed 1,195 civilians"
report one quantity. Each figure becomes a :class:`Figure` with its value, the approximator before it (some,
nearly, over, at least, more than ...) and the range of true values that wording allows
(:meth:`Figure.interval`); its *kind* is the casualty word it counts (killed, injured, hostages ...) or else
the word it counts ("prisoners"). Figures of one kind agree when their ranges share a value
(:func:`figures_agree`). Dates (``October 7``, ``Oct. 7, 2023``, ``7 October 2023``, ``2023-10-07``) become
:class:`DateMention` records; a figure inside a date is not a figure.

Example:
    >>> [f.text for f in find_figures("Nearly 32,000 Palestinians have since been killed, and 74,200 injured.")]
    ['Nearly 32,000', '74,200']
    >>> [f.kind for f in find_figures("Nearly 32,000 Palestinians have since been killed, and 74,200 injured.")]
    ['killed', 'injured']
    >>> find_dates("since an Oct. 7, 2023 attack")[0].key
    '10-07'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from framing.stories.text import stem

__all__ = ["DateMention", "Figure", "figures_agree", "find_dates", "find_figures"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # fmt: skip
_DATE = re.compile(
    rf"\b(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\b(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

#: Approximators before a figure and the range of true values each allows, as factors of the figure.
_QUALIFIERS: dict[str, tuple[float, float]] = {
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "close to": (0.9, 1.0), "just under": (0.9, 1.0),
    "about": (0.9, 1.1), "around": (0.9, 1.1), "some": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "an estimated": (0.85, 1.15), "estimated": (0.85, 1.15),
    "over": (1.0, 1.1), "more than": (1.0, 1.1), "at least": (1.0, 1.1), "upwards of": (1.0, 1.1),
    "in excess of": (1.0, 1.1), "just over": (1.0, 1.05),
    "less than": (0.9, 1.0), "fewer than": (0.9, 1.0), "under": (0.9, 1.0), "up to": (0.8, 1.0),
    "as many as": (0.8, 1.0), "at most": (0.8, 1.0),
}  # fmt: skip
_QUAL = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "a hundred": 100,
}  # fmt: skip
_NUMWORD = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?:\b(?P<q>{_QUAL})\s+)?"
    rf"(?:(?P<num>\d{{1,3}}(?:(?:,|\s(?=\d{{3}}\b))\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|\b(?P<word>{_NUMWORD})\b)"
    r"(?:\s*(?P<pct>%|per\s?cent\b|percent\b))?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion|m|bn)\b)?",
    re.I,
)
#: Casualty and captivity words, and the kind of quantity they make a figure count.
_KINDS: dict[str, str] = {
    "kill": "killed", "dead": "killed", "die": "killed", "death": "killed", "martyr": "killed",
    "perish": "killed", "massacr": "killed", "slaughter": "killed", "fatal": "killed", "murder": "killed",
    "injur": "injured", "wound": "injured", "hurt": "injured",
    "hostag": "hostages", "abduct": "hostages", "kidnap": "hostages", "captiv": "hostages",
    "displac": "displaced", "evacu": "displaced", "flee": "displaced", "fled": "displaced", "refuge": "displaced",
    "arrest": "detained", "detain": "detained", "prison": "detained", "detaine": "detained",
}  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+|\d[\d,.]*")
_CLOCK = re.compile(r"\d{1,2}:\d{2}\b")
_CLAUSE_END = re.compile(r"[;:()]|\b(?:while|but|whereas)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A calendar date in a sentence.

    Attributes:
        text: As written (``Oct. 7, 2023``).
        month: 1-12.
        day: 1-31.
        year: When written.
        start: Offset in the sentence.
        end: Offset one past its end.
    """

    text: str
    month: int
    day: int
    year: int | None
    start: int
    end: int

    @property
    def key(self) -> str:
        """``MM-DD``: what two mentions of one date share whether or not they give the year."""
        return f"{self.month:02d}-{self.day:02d}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {**asdict(self), "key": self.key}


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence with the approximator before it.

    Attributes:
        text: As written with its approximator (``Nearly 32,000``).
        value: The number (``32000.0``); percentages keep their number.
        qualifier: The approximator (``nearly``, ``more than`` ...), ``""`` for none.
        kind: What it counts: ``killed``, ``injured``, ``hostages``, ``displaced``, ``detained`` (casualty and
            captivity words), else the stem of the word after it (``children``: ``children``), ``percent``, or
            ``""``.
        start: Offset in the sentence.
        end: Offset one past its end.
    """

    text: str
    value: float
    qualifier: str
    kind: str
    start: int
    end: int

    def interval(self) -> tuple[float, float]:
        """The true values the wording allows: the approximator's range, or the rounding of a bare figure
        (``1,200`` stands for 1,150-1,250; ``1,195`` for itself)."""
        lo, hi = _QUALIFIERS.get(self.qualifier, (None, None))
        if lo is not None and hi is not None:
            return self.value * lo, self.value * hi
        v = self.value
        if v >= 100 and v == int(v):
            step = 1.0
            while v % (step * 10) == 0 and step * 10 <= v / 10:
                step *= 10
            if step > 1:
                return v - step / 2, v + step / 2
        return v, v

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


def find_dates(sentence: str) -> list[DateMention]:
    """Every month-and-day date in a sentence (years alone are not dates here)."""
    out = []
    for m in _DATE.finditer(sentence):
        if m.group("iso"):
            month, day, year = int(m.group("im")), int(m.group("id")), int(m.group("iy"))
        else:
            mon = (m.group("m1") or m.group("m2")).rstrip(".").lower()
            month, day = _MONTHS[mon], int(m.group("d1") or m.group("d2"))
            y = m.group("y1") or m.group("y2")
            year = int(y) if y else None
            if mon == "may" and m.group("d2"):  # "7 may" is rarely a date; "may 7" is
                continue
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(DateMention(m.group().rstrip(",. "), month, day, year, m.start(), m.start() + len(m.group())))
    return out


def _value(m: re.Match[str]) -> float:
    if m.group("word"):
        v = float(_WORD_NUMBERS[m.group("word").lower()])
    else:
        v = float(re.sub(r"[,\s]", "", m.group("num")))
    scale = m.group("scale")
    if scale:
        v *= _SCALE[scale.lower()]
    return v


def _kind(sentence: str, start: int, end: int) -> str:
    """The casualty kind of the figure at ``start:end``: a casualty word among the next ten words, before the
    next figure or clause break (or the word right before it: "killed 1,195 civilians"); else the stem of the
    word it counts. Vague plurals ("hundreds", "thousands") are not figures."""
    after = sentence[end:]
    stop = _CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    tokens = _TOKEN.findall(clause)[:10]
    for tok in tokens:
        if tok[0].isdigit():
            break
        kind = _casualty(tok)
        if kind:
            return kind
    before = _TOKEN.findall(sentence[:start])[-1:]
    kind = _casualty(before[0]) if before else None
    if kind:
        return kind
    for tok in tokens[:3]:
        if not tok[0].isdigit() and tok.lower() not in _FILLERS:
            return stem(tok.lower())
    return ""


_FILLERS = frozenset({"of", "the", "more", "other", "others", "some", "new", "about", "than", "and", "or"})


def _casualty(token: str) -> str | None:
    s = stem(token.lower())
    for prefix, kind in _KINDS.items():
        if s.startswith(prefix):
            return kind
    return None


def find_figures(sentence: str, dates: Sequence[DateMention] | None = None) -> list[Figure]:
    """Every figure in a sentence that is neither part of a date nor a year, with its approximator and kind."""
    dates = find_dates(sentence) if dates is None else dates
    taken = [(d.start, d.end) for d in dates] + [(m.start(), m.end()) for m in _YEAR.finditer(sentence)]
    out = []
    for m in _FIGURE.finditer(sentence):
        start, end = m.start(), m.end()
        num_start = m.start("num") if m.group("num") else m.start("word")
        if any(a <= num_start < b for a, b in taken):
            continue
        if m.group("word") and not m.group("q") and m.group("word").lower() in {"one", "two", "three"}:
            continue  # "one side", "two diplomats": counts, rarely the figures outlets dispute
        if _CLOCK.match(sentence, max(0, num_start - 3)) or _CLOCK.match(sentence, num_start):
            continue  # a time of day ("06:40"), not a figure
        if num_start > 0 and sentence[num_start - 1] in "$€£":
            kind = "money"
        elif m.group("pct"):
            kind = "percent"
        else:
            kind = _kind(sentence, start, end)
        q = (m.group("q") or "").lower()
        out.append(Figure(sentence[start:end].strip(), _value(m), q, kind, start, end))
    return out


def figures_agree(figures: Sequence[Figure]) -> bool:
    """True when one true value fits every figure's wording (their :meth:`Figure.interval` ranges overlap).

    Example:
        >>> a, b, c = (find_figures(s)[0] for s in ("some 1,200 Israelis were killed",
        ...     "Nearly 1,200 people in Israel were killed", "killed 1,195 civilians"))
        >>> figures_agree([a, b, c])
        True
        >>> figures_agree(find_figures("Nearly 32,000 killed") + find_figures("Over 34,000 killed"))
        False
    """
    if not figures:
        return True
    lows, highs = zip(*(f.interval() for f in figures), strict=True)
    return max(lows) <= min(highs) + 1e-9

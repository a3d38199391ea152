"""Publication dates as news pages write them: ``2024-07-31``, ``31 July 2024``, ``July 31, 2024``, ``31.07.2024``."""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["WEEKDAY_RE", "date_from_url", "parse_date"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})"), "ymd"),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s*,?\s+(\d{{4}})\b", re.I), "dmy_name"),
    (re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy_name"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy"),
]


def parse_date(text: str) -> str | None:
    """Find the first calendar date in ``text`` and return it as ``YYYY-MM-DD``.

    Numeric dates with dots are read day-first (``31.10.2023``), as European and Russian sites write them.

    Example:
        >>> parse_date("Published Date: 09:19 | 31 July 2024")
        '2024-07-31'
        >>> parse_date("11:48 GMT 31.10.2023") , parse_date("no date") is None
        ('2023-10-31', True)
    """
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            a, b, c = m.groups()
            try:
                if kind == "ymd":
                    d = _dt.date(int(a), int(b), int(c))
                elif kind == "dmy":
                    d = _dt.date(int(c), int(b), int(a))
                elif kind == "dmy_name":
                    d = _dt.date(int(c), _MONTHS[b.lower().rstrip(".")], int(a))
                else:
                    d = _dt.date(int(c), _MONTHS[a.lower().rstrip(".")], int(b))
            except (ValueError, KeyError):
                continue
            if 1900 <= d.year <= 2100:
                return d.isoformat()
    return None


_DATE_PRIORITY = ("header", "published", "first published", "posted", "created", "date", "iso", "clock", "url")


def date_from_url(url: str) -> str | None:
    m = re.search(r"/(20\d{2}|19\d{2})[/-]?(\d{2})[/-]?(\d{2})(?:/|\b)", url)
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None

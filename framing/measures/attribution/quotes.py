"""Quotation marks and quoted regions (a quote left open at a paragraph end closes there)."""

from __future__ import annotations

import bisect


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Quoted regions (marks included); a quote left open at a paragraph end closes there."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for start, end in _quote_marks(text):
        g = text[start]
        if g == "\n":
            if open_at >= 0:
                spans.append((open_at, start))
            open_at = -1
        elif g == "\u201c":
            if open_at < 0:
                open_at = start
        elif g == "\u201d":
            if open_at >= 0:
                spans.append((open_at, end))
                open_at = -1
        elif open_at < 0:
            open_at = start
        else:
            spans.append((open_at, end))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, len(text)))
    return spans


def _quote_marks(text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(r"''|[\\"\\u201c\\u201d]|\\n[ \\t]*\\n", text)`` gives, in order. Found with str.find:
    a regex scan costs tens of instructions a character, str.find next to nothing. Marks of different kinds never
    overlap, so the kinds are found apart and merged."""
    marks: list[tuple[int, int]] = []
    for mark in ('"', "\u201c", "\u201d", "''"):
        i = text.find(mark)
        while i >= 0:
            marks.append((i, i + len(mark)))
            i = text.find(mark, i + len(mark))
    n = len(text)
    i = text.find("\n")
    while i >= 0:  # paragraph ends: "\n[ \t]*\n"
        j = i + 1
        while j < n and text[j] in " \t":
            j += 1
        if j < n and text[j] == "\n":
            marks.append((i, j + 1))
            i = text.find("\n", j + 1)
        else:
            i = text.find("\n", i + 1)
    marks.sort()
    return marks


class _Regions:
    """Sorted, non-overlapping spans with a bisect lookup."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def containing(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] < pos < self.spans[i][1]:
            return self.spans[i]
        return None

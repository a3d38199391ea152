"""Outlet names as media sources: the names of the outlet table found in a sentence, fast."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutletNames:
    """Outlet names to recognise as media sources, and the article's own outlet names (self-references)."""

    pattern: re.Pattern[str] | None
    own: frozenset[str] = frozenset()

    @classmethod
    def build(cls, names: Iterable[str], own: Iterable[str] = ()) -> OutletNames:
        """Compile a case-sensitive pattern over outlet names (longest first)."""
        usable = sorted({n for n in names if len(n) >= 2 and any(c.isupper() for c in n)}, key=len, reverse=True)
        pattern = (
            re.compile(r"(?<![\w-])(?:the\s+)?(" + "|".join(map(re.escape, usable)) + r")(?![\w-])") if usable else None
        )
        return cls(pattern, frozenset(own))


_OUTLET_HEAD = r"(?<![\w-])(?:the\s+)?("

_OUTLET_TAIL = r")(?![\w-])"


class _OutletScan:
    """A fast way to find the matches of an outlet pattern, built once per pattern.

    The pattern built by :meth:`OutletNames.build` (a lookbehind, then every name longest first, optionally after
    "the") makes the regex engine try every name at every character: with the 674 outlets' names, about 0.35 ms
    an article. For such a pattern, the names in a span are found by an Aho-Corasick automaton (only the
    sentences with a cue are asked about, so the span, not the article), and the matches are made from them by
    the pattern's own rules: a match opens at a name that opens a word, or at a "the" opening a word followed by
    white space and a name; of the names at a place the longest that ends a word (or ends at the span's end,
    past which the regex sees nothing) is taken; matches do not overlap, the leftmost first.
    ``tests/test_scoring.py`` checks the result against the pattern's ``finditer`` on random strings. Any other
    pattern is run as it is.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._automaton: Any = None
        if (names := _outlet_names(pattern)) is not None and not any(n[0].isspace() for n in names):
            self._automaton = _automaton(names)

    @staticmethod
    def of(pattern: re.Pattern[str]) -> _OutletScan:
        """The scan of ``pattern``, cached by identity (hashing a compiled pattern hashes its whole program)."""
        scan = _OUTLET_SCANS.get(id(pattern))
        if scan is None or scan.pattern is not pattern:
            if len(_OUTLET_SCANS) >= 64:
                _OUTLET_SCANS.clear()
            scan = _OUTLET_SCANS[id(pattern)] = _OutletScan(pattern)
        return scan

    @property
    def fast(self) -> bool:
        """Whether the pattern's matches come from the automaton (else from the regex itself)."""
        return self._automaton is not None

    def matches(self, norm: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """``(start, end, name start, name end)`` of each match of ``pattern.finditer(norm, start, end)``."""
        if self._automaton is None:
            return [(m.start(), m.end(), m.start(1), m.end(1)) for m in self.pattern.finditer(norm, start, end)]
        ends_at = self._names_in(norm, start, end)
        if not ends_at:
            return []
        # where a match may open: at a name, or at the "the" before it
        opens: dict[int, int | None] = {}
        for q in sorted(ends_at):
            opens.setdefault(q, None)
            if (the := _the_before(norm, q)) is not None and the >= start:
                opens[the] = q
        out: list[tuple[int, int, int, int]] = []
        free = start  # matches do not overlap
        for at in sorted(opens):
            if at < free:
                continue
            q = opens[at]
            if q is not None and (e := _longest(norm, ends_at[q], end)) is not None:
                out.append((at, e, q, e))
                free = e
            elif at in ends_at and (e := _longest(norm, ends_at[at], end)) is not None:
                out.append((at, e, at, e))
                free = e
        return out

    def _names_in(self, norm: str, start: int, end: int) -> dict[int, list[int]]:
        """Where the names that open a word and lie in ``norm[start:end]`` start, and for each start where they
        end (longest first)."""
        ends_at: dict[int, list[int]] = {}
        # the span's own copy: pyahocorasick's iter(text, start, end) costs the whole text's length at each call
        for e, n in self._automaton.iter(norm[start:end]):
            q = start + e + 1 - len(n)
            if q == 0 or _WORDISH.match(norm, q - 1) is None:
                ends_at.setdefault(q, []).append(start + e + 1)
        for v in ends_at.values():
            v.sort(reverse=True)
        return ends_at


def _the_before(norm: str, q: int) -> int | None:
    """Where a "the" opening a word starts when it and white space alone come right before ``q``, else None."""
    j = q
    while j > 0 and norm[j - 1].isspace():
        j -= 1
    if j == q or j < 3 or norm[j - 3 : j] != "the" or (j > 3 and _WORDISH.match(norm, j - 4) is not None):
        return None
    return j - 3


def _longest(norm: str, ends: list[int], end: int) -> int | None:
    """The end of the longest name that fits before ``end`` and ends a word there, or None."""
    for e in ends:
        if e <= end and (e == end or _WORDISH.match(norm, e) is None):
            return e
    return None


_WORDISH = re.compile(r"[\w-]")


def _automaton(names: list[str]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for n in names:
        automaton.add_word(n, n)
    automaton.make_automaton()
    return automaton


_OUTLET_SCANS: dict[int, _OutletScan] = {}


def _outlet_names(pattern: re.Pattern[str]) -> list[str] | None:
    """The names of a pattern built by :meth:`OutletNames.build`, or None for any other pattern."""
    src = pattern.pattern
    if pattern.flags != re.UNICODE or not (src.startswith(_OUTLET_HEAD) and src.endswith(_OUTLET_TAIL)):
        return None
    names, cur, i, body = [], [], 0, src[len(_OUTLET_HEAD) : -len(_OUTLET_TAIL)]
    while i < len(body):  # split on unescaped "|" and undo re.escape
        c = body[i]
        if c == "\\":
            cur.append(body[i + 1])
            i += 2
            continue
        if c == "|":
            names.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    names.append("".join(cur))
    if not all(names) or src != _OUTLET_HEAD + "|".join(map(re.escape, names)) + _OUTLET_TAIL:
        return None
    return names

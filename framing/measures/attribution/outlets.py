"""Outlet names as media sources: the names of the outlet table found in a sentence, fast."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


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

    The pattern built by :meth:`OutletNames.build` (a lookbehind, then every name longest first) makes the regex
    engine try every name at every character. For such a pattern, ``fast`` is an equivalent regex: the names as a
    trie, after their first character and a lookbehind, so that every branch opens with a literal the engine skips
    to. Of the names matching at a position the trie tries the longest first, as the longest-first alternation
    does, so the matches are the same. A direct match of ``fast`` has no group (its span is the name); after "the"
    the name is group 1. ``names`` is ``fast`` without the "the" branch (tried at every "t"): where it finds no
    name, ``fast`` finds nothing either. Both are None for any other pattern.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.fast: re.Pattern[str] | None = None
        self.names: re.Pattern[str] | None = None
        if (names := _outlet_names(pattern)) is not None:
            trie = _trie(names)
            direct = "|".join(re.escape(c) + r"(?<![\w-]" + re.escape(c) + ")" + _trie_regex(node)
                              for c, node in trie.items())  # fmt: skip
            self.fast = re.compile(r"(?:t(?<![\w-]t)he\s+(" + _trie_regex(trie) + ")|" + direct + r")(?![\w-])")
            self.names = re.compile("(?:" + direct + r")(?![\w-])")

    @staticmethod
    def of(pattern: re.Pattern[str]) -> _OutletScan:
        """The scan of ``pattern``, cached by identity (hashing a compiled pattern hashes its whole program)."""
        scan = _OUTLET_SCANS.get(id(pattern))
        if scan is None or scan.pattern is not pattern:
            if len(_OUTLET_SCANS) >= 64:
                _OUTLET_SCANS.clear()
            scan = _OUTLET_SCANS[id(pattern)] = _OutletScan(pattern)
        return scan

    def matches(self, norm: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """``(start, end, name start, name end)`` of each match of ``pattern.finditer(norm, start, end)``."""
        if self.fast is None or self.names is None:
            return [(m.start(), m.end(), m.start(1), m.end(1)) for m in self.pattern.finditer(norm, start, end)]
        if self.names.search(norm, start, end) is None:
            return []
        return [(m.start(), m.end(), *m.span(m.lastindex or 0)) for m in self.fast.finditer(norm, start, end)]


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


_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> _Trie:
    """Character trie of non-empty words; the key "" marks the end of a word."""
    root: _Trie = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _trie_regex(node: _Trie) -> str:
    """A regex for the word endings below a trie node. Where a word ends and longer ones go on, the longer ones are
    an optional (greedy) group, so of the words matching at a position the longest is tried first, then the next
    longest: the order of a longest-first alternation, without trying every word at every position."""
    alts = []
    for ch, child in node.items():
        if not ch:
            continue
        run = ch
        while len(child) == 1 and "" not in child:  # a chain without branches or word ends: one literal
            ((nxt, child),) = child.items()
            run += nxt
        alts.append(re.escape(run) + _trie_regex(child))
    if not alts:
        return ""
    if "" not in node:
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + "|".join(alts) + ")?"

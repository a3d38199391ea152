"""The phrase matcher: every phrase lexicon (and the term packs and VADER words) in one Aho-Corasick pass.

Lexicon terms are matched on word boundaries in a *prepared* text (:func:`prepare_text`: lower-cased, every
non-word character a space, the same length as the text, shifted by one leading space), longest match first.

Example:
    >>> from framing.text.lexicon import bundled_lexicon
    >>> m = PhraseMatcher([bundled_lexicon("hedges")]).find("Allegedly, this happened.")
    >>> [(x.text, x.entries[0].category) for x in m]
    [('Allegedly', 'hedge.attribution')]
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import ahocorasick

from framing.text.lexicon import Lexicon, LexiconEntry, surface_forms

__all__ = [
    "ASCII_OR_SPACE",
    "Match",
    "MultiPhraseMatcher",
    "PhraseMatcher",
    "SharedScan",
    "ascii_or_space",
    "prepare_text",
]


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon match: character span in the text and every entry whose surface form it is."""

    start: int
    end: int
    text: str
    entries: tuple[LexiconEntry, ...]
    by_lexicon: dict[str, LexiconEntry] = field(default_factory=dict, compare=False, repr=False)

    # the slots' own setters (bound below) instead of the generated frozen __init__'s object.__setattr__: 2x faster
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        entries: tuple[LexiconEntry, ...],
        by_lexicon: dict[str, LexiconEntry] | None = None,
    ) -> None:
        _set_start(self, start)
        _set_end(self, end)
        _set_text(self, text)
        _set_entries(self, entries)
        _set_by_lexicon(self, {} if by_lexicon is None else by_lexicon)

    def entry_in(self, lexicon_name: str) -> LexiconEntry | None:
        """The matched entry of the named lexicon, if any."""
        return self.by_lexicon.get(lexicon_name)


_set_start, _set_end, _set_text, _set_entries, _set_by_lexicon = (Match.__dict__[f.name].__set__ for f in fields(Match))


def _spaces_for_non_word(exc: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: non-ASCII characters that are not letters or digits (dashes, curly quotes,
    ellipses) become spaces; a non-ASCII letter or digit re-raises, and the caller takes its general path."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    run = exc.object[exc.start : exc.end]
    for c in run:
        if c.isalnum():
            raise exc
    return " " * len(run), exc.end


#: ``text.encode("ascii", ASCII_OR_SPACE)``: the text as ASCII, with non-ASCII punctuation as spaces.
ASCII_OR_SPACE = "framing.ascii-or-space"
codecs.register_error(ASCII_OR_SPACE, _spaces_for_non_word)

# A-Z lower-cased, letters, digits, ' and - kept, every other byte a space: the ASCII part of prepare_text
_PREPARE_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if c < 128 and (chr(c).isalnum() or chr(c) in "'-") else 32 for c in range(256)
)
# ' and - without a letter or digit on one side (bytes of the ASCII path). Two patterns that each start with a
# literal character, which the regex engine finds with a fast scan; one for both would test every position.
_EDGE_APOSTROPHE = re.compile(rb"'(?:(?![a-z0-9])|(?<![a-z0-9].))")
_EDGE_HYPHEN = re.compile(rb"-(?:(?![a-z0-9])|(?<![a-z0-9].))")

# the general path: spaces are left out of _NON_WORD as they would be replaced by spaces (half the matches)
_NON_WORD = re.compile(r"[^\w' -]|_")
_EDGE_PUNCT = re.compile(r"['-](?:(?!\w)|(?<!\w.))")


def ascii_or_space(text: str) -> bytes | None:
    """``text`` as ASCII bytes of the same length with non-ASCII punctuation as spaces, or ``None`` when it holds a
    non-ASCII letter or digit. Usually the only non-ASCII characters in English news are punctuation, and one
    bytes operation is far cheaper than a str method or a regex on a non-ASCII text."""
    try:
        return text.encode("ascii", ASCII_OR_SPACE)
    except UnicodeEncodeError:
        return None


def prepare_text(text: str, ascii_text: bytes | None = b"") -> str:
    """Lower-case without changing length and turn every non-word character into a space.

    Args:
        text: The text.
        ascii_text: ``ascii_or_space(text)`` when the caller already has it.
    """
    if ascii_text == b"":
        ascii_text = ascii_or_space(text) if text else b""
    if ascii_text is None:
        return _prepare_unicode(text)
    low = ascii_text.translate(_PREPARE_BYTES)
    # replacing the apostrophes first does not change which hyphens are at an edge: a ' and a space are both
    # non-word neighbours
    if b"'" in low:
        low = _EDGE_APOSTROPHE.sub(b" ", low)
    if b"-" in low:
        low = _EDGE_HYPHEN.sub(b" ", low)
    return " " + low.decode("ascii") + " "


def _prepare_unicode(text: str) -> str:
    """:func:`prepare_text` of a text with non-ASCII letters or digits."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. U+0130) lower-case to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = _NON_WORD.sub(" ", low)
    if "'" in low or "-" in low:
        low = _EDGE_PUNCT.sub(" ", low)
    return " " + low + " "


#: Automaton value of a surface form: (len(key) - 1, entries, entry per lexicon name).
_Payload = tuple[int, tuple[LexiconEntry, ...], dict[str, LexiconEntry]]


def _surface_table(lexicons: Iterable[Lexicon]) -> dict[str, _Payload]:
    """Automaton key (`` form ``, spaces marking the word boundaries) -> payload, for some lexicons."""
    table: dict[str, list[LexiconEntry]] = {}
    for lex in lexicons:
        for entry in lex.entries:
            for form in surface_forms(entry):
                bucket = table.setdefault(f" {form} ", [])
                if entry not in bucket:
                    bucket.append(entry)
    out: dict[str, _Payload] = {}
    for key, entries in table.items():
        by_lexicon: dict[str, LexiconEntry] = {}
        for e in entries:
            by_lexicon.setdefault(e.lexicon.partition("@")[0], e)
        out[key] = (len(key) - 1, tuple(entries), by_lexicon)
    return out


def _automaton(table: dict[str, Any]) -> Any:
    """An Aho-Corasick automaton of ``key -> value``, or None when there are no keys."""
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in table.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


# A hit is (start, -end, entries, by_lexicon) in ``text`` coordinates: a key ending at ``i`` in the prepared text
# covers text[i - span : i - 1] (``prepared`` is shifted by its leading space; the trailing space is not matched).
_Hit = tuple[int, int, tuple[LexiconEntry, ...], dict[str, LexiconEntry]]


def _leftmost_longest(text: str, hits: list[_Hit]) -> list[Match]:
    """Non-overlapping matches, leftmost first and longest first at the same start."""
    hits.sort()  # by start, then -end; two keys never share a span, so the entries are never compared
    out: list[Match] = []
    last_end = -1
    for start, neg_end, entries, by_lexicon in hits:
        if start >= last_end:
            last_end = -neg_end
            out.append(Match(start, last_end, text[start:last_end], entries, by_lexicon))
    return out


class PhraseMatcher:
    """Match many lexicons at once with one Aho-Corasick automaton, on word boundaries.

    Args:
        lexicons: Lexicons to match; a surface form shared by several entries yields one match carrying them all.
    """

    def __init__(self, lexicons: Iterable[Lexicon]) -> None:
        self.lexicons: tuple[Lexicon, ...] = tuple(lexicons)
        #: Automaton key (`` surface form ``) -> value, for :class:`SharedScan`.
        self.table: dict[str, _Payload] = _surface_table(self.lexicons)
        self._automaton = _automaton(self.table)
        self._empty = self._automaton is None

    def find(self, text: str, prepared: str | None = None) -> list[Match]:
        """Return non-overlapping matches in ``text``, leftmost-longest first.

        Args:
            text: The text.
            prepared: ``prepare_text(text)`` when the caller already has it (several matchers, one text).
        """
        if self._empty or not text:
            return []
        return self.from_hits(text, self._automaton.iter(prepared if prepared is not None else prepare_text(text)))

    def from_hits(self, text: str, hits: Iterable[tuple[int, _Payload]]) -> list[Match]:
        """:meth:`find` from this matcher's hits in a :class:`SharedScan` of ``prepare_text(text)``."""
        return _leftmost_longest(text, [(i - span, 1 - i, entries, by_lex) for i, (span, entries, by_lex) in hits])


class MultiPhraseMatcher:
    """Several groups of lexicons matched in one automaton pass, each group as its own :class:`PhraseMatcher`.

    ``MultiPhraseMatcher(groups).find(text)`` equals ``[PhraseMatcher(g).find(text) for g in groups]``: a longer
    match of one group does not hide a match of another; a text is scanned once however many groups there are.

    Args:
        groups: The lexicons of each group.
    """

    def __init__(self, groups: Iterable[Iterable[Lexicon]]) -> None:
        self.groups: tuple[tuple[Lexicon, ...], ...] = tuple(tuple(g) for g in groups)
        merged: dict[str, list[tuple[int, int, tuple[LexiconEntry, ...], dict[str, LexiconEntry]]]] = {}
        for no, group in enumerate(self.groups):
            for key, (span, entries, by_lexicon) in _surface_table(group).items():
                merged.setdefault(key, []).append((no, span, entries, by_lexicon))
        #: Automaton key -> value (the groups holding the key), for :class:`SharedScan`.
        self.table = {key: tuple(values) for key, values in merged.items()}
        self._automaton = _automaton(self.table)

    def find(self, text: str, prepared: str | None = None) -> list[list[Match]]:
        """Return each group's matches (as :meth:`PhraseMatcher.find`), in group order."""
        if self._automaton is None or not text:
            return [[] for _ in self.groups]
        return self.from_hits(text, self._automaton.iter(prepared if prepared is not None else prepare_text(text)))

    def from_hits(self, text: str, hits: Iterable[tuple[int, Any]]) -> list[list[Match]]:
        """:meth:`find` from this matcher's hits in a :class:`SharedScan` of ``prepare_text(text)``."""
        found: list[list[_Hit]] = [[] for _ in self.groups]
        for i, values in hits:
            for no, span, entries, by_lexicon in values:
                found[no].append((i - span, 1 - i, entries, by_lexicon))
        return [_leftmost_longest(text, h) for h in found]


class SharedScan:
    """One automaton pass over a prepared text for several automaton tables (``key -> value``).

    ``SharedScan(tables).scan(prepared)[n]`` holds the ``(end index, value)`` hits that an automaton of
    ``tables[n]`` alone would report (in text order; hits ending at the same index may come in another order).
    Scanning is most of the cost of matching a lexicon, so the lexicons, the VADER words
    (:func:`framing.measures.sentiment.sentiment_table`) and the term packs are best scanned together::

        scan = SharedScan([matcher.table, sentiment_table(), naming.table])
        lexicon_hits, sentiment_hits, naming_hits = scan.scan(prepared)
        matches = matcher.from_hits(text, lexicon_hits)

    Args:
        tables: The tables, e.g. :attr:`PhraseMatcher.table`.
    """

    def __init__(self, tables: Iterable[dict[str, Any]]) -> None:
        self.tables = tuple(tables)
        merged: dict[str, list[tuple[int, Any]]] = {}
        for no, table in enumerate(self.tables):
            for key, value in table.items():
                merged.setdefault(key, []).append((no, value))
        self._automaton = _automaton({key: tuple(values) for key, values in merged.items()})

    def scan(self, prepared: str) -> list[list[tuple[int, Any]]]:
        """Each table's hits in ``prepared`` (a :func:`prepare_text` result)."""
        hits: list[list[tuple[int, Any]]] = [[] for _ in self.tables]
        if self._automaton is not None:
            for i, values in self._automaton.iter(prepared):
                for no, value in values:
                    hits[no].append((i, value))
        return hits

"""Lexicons: versioned TSV files of terms with category, weight and source, and a fast phrase matcher.

File format (UTF-8, tab-separated)::

    # name: hedges
    # version: 1.0.0
    # licence: MIT
    # description: ...
    # informed-by: ...
    term	category	weight	pos	source
    allegedly	hedge.attribution	1.0	adv	Hyland 2005
    claim	reporting.nonneutral	0.9	verb	Recasens 2013

``term`` is lower-case words separated by single spaces; ``pos == "verb"`` generates the regular inflections
(claims, claimed, claiming) of the first word. All phrase lexicons are matched in one pass by an
Aho-Corasick automaton (pyahocorasick) on word boundaries, longest match first.

Example:
    >>> lex = bundled_lexicon("hedges")
    >>> lex.ref.startswith("hedges@")
    True
    >>> m = PhraseMatcher([lex]).find("Allegedly, this happened.")
    >>> [(x.text, x.entries[0].category) for x in m]
    [('Allegedly', 'hedge.attribution')]
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from framing.errors import LexiconError
from framing.resources import lexicon_dir

__all__ = [
    "BUNDLED", "Lexicon", "LexiconEntry", "Match", "MultiPhraseMatcher", "PhraseMatcher", "SharedScan",
    "bundled_lexicon", "inflect", "load_lexicon", "prepare_text",
]  # fmt: skip

#: Bundled phrase lexicons, by name.
BUNDLED = ("hedges", "boosters", "reporting_verbs", "source_nouns", "loaded_language", "subjectivity")
HEADER = ("term", "category", "weight", "pos", "source")
POS_TAGS = frozenset({"", "verb", "modal", "adj", "adv", "noun", "phrase"})
_TERM = re.compile(r"[a-z0-9](?:[a-z0-9'-]*[a-z0-9])?(?: [a-z0-9](?:[a-z0-9'-]*[a-z0-9])?)*")
_CATEGORY = re.compile(r"[a-z_]+(?:\.[a-z_]+)*")
_REQUIRED_META = ("name", "version", "licence")


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row."""

    term: str
    category: str
    weight: float
    pos: str
    source: str
    lexicon: str  # name@version
    line: int


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon file."""

    name: str
    version: str
    licence: str
    description: str
    informed_by: str
    path: str
    entries: tuple[LexiconEntry, ...]

    @property
    def ref(self) -> str:
        """Versioned name, e.g. ``hedges@1.0.0``."""
        return f"{self.name}@{self.version}"

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories in order of first appearance."""
        return tuple(dict.fromkeys(e.category for e in self.entries))


def inflect(word: str) -> tuple[str, ...]:
    """Regular inflections of an English verb: base, -s, -ed, -ing (e-drop, y->i; no consonant doubling).

    Example:
        >>> inflect("claim")
        ('claim', 'claims', 'claimed', 'claiming')
        >>> inflect("allege"), inflect("deny")
        (('allege', 'alleges', 'alleged', 'alleging'), ('deny', 'denies', 'denied', 'denying'))
    """
    w = word
    if re.search(r"[^aeiou]y$", w):
        third, past, ing = w[:-1] + "ies", w[:-1] + "ied", w + "ing"
    elif w.endswith("ie"):
        third, past, ing = w + "s", w + "d", w[:-2] + "ying"
    elif w.endswith("e"):
        third, past = w + "s", w + "d"
        ing = w + "ing" if w.endswith(("ee", "ye", "oe")) else w[:-1] + "ing"
    else:
        third = w + "es" if re.search(r"(?:s|sh|ch|x|z|o)$", w) else w + "s"
        past, ing = w + "ed", w + "ing"
    return (w, third, past, ing)


def surface_forms(entry: LexiconEntry) -> tuple[str, ...]:
    """All surface forms an entry matches."""
    if entry.pos != "verb":
        return (entry.term,)
    first, _, rest = entry.term.partition(" ")
    return tuple(f"{f} {rest}".strip() for f in inflect(first))


def load_lexicon(path: str | Path) -> Lexicon:
    """Load and validate a lexicon TSV file.

    Raises:
        LexiconError: With ``file:line`` and the reason, for any malformed header or row.
    """
    p = Path(path)
    name = str(p)
    try:
        lines = p.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        raise LexiconError(name, None, "lexicon file not found") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    meta: dict[str, str] = {}
    entries: list[LexiconEntry] = []
    seen: dict[tuple[str, str], int] = {}
    header_seen = False
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if not header_seen and (m := re.match(r"#\s*([\w-]+)\s*:\s*(.*)$", line)):
                meta[m.group(1).lower()] = m.group(2).strip()
            continue
        cells = line.rstrip("\r").split("\t")
        if not header_seen:
            if tuple(c.strip().lower() for c in cells) != HEADER:
                raise LexiconError(name, no, f"header row must be {' <tab> '.join(HEADER)}, got {line!r}")
            missing = [k for k in _REQUIRED_META if not meta.get(k)]
            if missing:
                raise LexiconError(name, no, f"missing '# {missing[0]}: ...' comment line before the header row")
            header_seen = True
            continue
        entries.append(_parse_row(name, no, cells, meta["name"], meta["version"], seen))
    if not header_seen:
        raise LexiconError(name, None, f"no header row ({' <tab> '.join(HEADER)}) found")
    if not entries:
        raise LexiconError(name, None, "lexicon has no entries")
    return Lexicon(
        name=meta["name"],
        version=meta["version"],
        licence=meta["licence"],
        description=meta.get("description", ""),
        informed_by=meta.get("informed-by", ""),
        path=name,
        entries=tuple(entries),
    )


def _parse_row(
    path: str, no: int, cells: list[str], lex_name: str, version: str, seen: dict[tuple[str, str], int]
) -> LexiconEntry:
    if len(cells) != len(HEADER):
        raise LexiconError(path, no, f"expected {len(HEADER)} tab-separated columns, found {len(cells)}")
    term, category, weight_s, pos, source = (c.strip() for c in cells)
    if not _TERM.fullmatch(term):
        raise LexiconError(
            path, no, f"term {term!r} must be lower-case words (letters, digits, ' and -) separated by single spaces"
        )
    if not _CATEGORY.fullmatch(category):
        raise LexiconError(path, no, f"category {category!r} must be lower-case dotted words like 'hedge.modal'")
    try:
        weight = float(weight_s)
    except ValueError:
        raise LexiconError(path, no, f"weight {weight_s!r} is not a number") from None
    if not 0 < weight <= 1:
        raise LexiconError(path, no, f"weight {weight} must be in (0, 1]")
    if pos not in POS_TAGS:
        raise LexiconError(path, no, f"pos {pos!r} must be empty or one of {sorted(POS_TAGS - {''})}")
    if not source:
        raise LexiconError(path, no, "source is empty: say what informed the entry (e.g. 'Hyland 2005', 'project')")
    if (term, pos) in seen:
        raise LexiconError(path, no, f"duplicate entry {term!r} (first on line {seen[(term, pos)]})")
    seen[(term, pos)] = no
    return LexiconEntry(term, category, weight, pos, source, f"{lex_name}@{version}", no)


@cache
def bundled_lexicon(name: str) -> Lexicon:
    """Load a bundled lexicon by name (cached)."""
    if name not in BUNDLED:
        raise KeyError(f"no bundled lexicon {name!r}; available: {', '.join(BUNDLED)}")
    return load_lexicon(lexicon_dir() / f"{name}.tsv")


# --- matching ----------------------------------------------------------------------------------------------


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


def prepare_text(text: str) -> str:
    """Lower-case without changing length and turn every non-word character into a space."""
    try:
        # one bytes.translate is far cheaper than str.lower, str.translate and re.sub on a non-ASCII text, and
        # usually the only non-ASCII characters in English news are punctuation
        ascii_text = text.encode("ascii", ASCII_OR_SPACE)
    except UnicodeEncodeError:
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

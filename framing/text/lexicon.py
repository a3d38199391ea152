"""Lexicons: versioned TSV files of terms with category, weight and source (matched by :mod:`framing.text.matcher`).

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
(claims, claimed, claiming) of the first word.

Example:
    >>> lex = bundled_lexicon("hedges")
    >>> lex.ref.startswith("hedges@")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from framing.errors import LexiconError
from framing.resources import lexicon_dir

__all__ = ["BUNDLED", "Lexicon", "LexiconEntry", "bundled_lexicon", "inflect", "load_lexicon", "surface_forms"]

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

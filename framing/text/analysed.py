"""The analysed text: one article's text analysed once (sentences, tokens, lexicon hits), read by every measure.

An :class:`AnalysedText` is built by an :class:`Analyser` (which holds the lexicons' automaton, built once per
configuration) and holds everything the measures read:

* ``text``: the cleaned body the evidence offsets refer to; ``norm``: the same text with curly quotes straight
  and ``''`` as ``"``, offset for offset (what the attribution rules read);
* ``sentences``: :class:`~framing.text.sentences.Sentence` records with their paragraph numbers;
* ``prepared``: the lower-cased text every phrase lexicon is matched in (:func:`~framing.text.matcher.prepare_text`);
* ``matches``: the lexicon matches of one automaton pass over all phrase lexicons, and the raw hits of the same
  pass for the VADER words (``sentiment_hits``) and the term packs (``naming_hits``);
* ``tokens`` (and ``norm.tokens``): the words and their character offsets (:class:`TokenIndex`), from which
  the measures read negation windows, the word before or after a match and token counts;
* ``n_words`` and ``letter_words`` (the lower-cased letter words readability counts syllables of).

Measures never split the text into words themselves: they ask the analysed text (the attribution rules also
look at the shape of the characters around a cue, such as a comma or a capital, which is their logic, not a
second tokenisation).

Example:
    >>> from framing.text.lexicon import bundled_lexicon
    >>> from framing.text.matcher import PhraseMatcher, SharedScan
    >>> matcher = PhraseMatcher([bundled_lexicon("hedges")])
    >>> at = Analyser(matcher).analyse("It may rain. Officials could not confirm it.")
    >>> [s.text for s in at.sentences], [m.text for m in at.matches]
    (['It may rain.', 'Officials could not confirm it.'], ['may', 'could not confirm'])
    >>> at.tokens.tail(13, 32, 3), at.n_words
    (['Officials', 'could', 'not'], 8)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from framing.text.lexicon import Lexicon
from framing.text.matcher import Match, MultiPhraseMatcher, PhraseMatcher, SharedScan, ascii_or_space, prepare_text
from framing.text.sentences import Sentence, count_words, split_sentences

__all__ = [
    "AnalysedText",
    "Analyser",
    "IndexedText",
    "LexiconGroups",
    "TokenIndex",
    "letter_words",
    "straight_quotes",
]

#: A token: a run of word characters, apostrophes and hyphens ("don't", "state-owned"), or "n't" on its own.
TOKEN = re.compile(r"n't|[\w'-]+")


class TokenIndex:
    """The tokens of a text (:data:`TOKEN`) with their offsets, and the lookups the measures make.

    Every lookup gives what a regular expression over the same slice of the text would give, without scanning
    it again: :meth:`within` is ``TOKEN.findall(text, lo, hi)``, :meth:`count` its length.

    Args:
        text: The text.
    """

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, ascii_text: bytes | None = b"") -> None:
        self.text = text
        self.starts, self.ends = _token_spans(text, ascii_or_space(text) if ascii_text == b"" else ascii_text)

    def __len__(self) -> int:
        return len(self.starts)

    def _range(self, lo: int, hi: int) -> tuple[int, int]:
        """Indexes ``[i, j)`` of the tokens that overlap ``text[lo:hi]``."""
        return bisect.bisect_right(self.ends, lo), bisect.bisect_left(self.starts, hi)

    def count(self, lo: int, hi: int) -> int:
        """``len(TOKEN.findall(text, lo, hi))``: tokens in ``text[lo:hi]`` (a token cut by either end counts)."""
        if hi <= lo:
            return 0
        i, j = self._range(lo, hi)
        return max(j - i, 0)

    def within(self, lo: int, hi: int) -> list[str]:
        """``TOKEN.findall(text, lo, hi)``: the tokens of ``text[lo:hi]``, those cut by either end cut too."""
        if hi <= lo:
            return []
        i, j = self._range(lo, hi)
        if j <= i:
            return []
        text, starts, ends = self.text, self.starts, self.ends
        out = [text[s:e] for s, e in zip(starts[i:j], ends[i:j], strict=True)]
        if starts[i] < lo:
            out[0] = text[lo : ends[i]]
        if ends[j - 1] > hi:
            out[-1] = text[max(lo, starts[j - 1]) : hi]
        return out

    def tail(self, lo: int, hi: int, n: int) -> list[str]:
        """The last ``n`` tokens of ``text[lo:hi]`` seen through a bounded window of ``30 * n`` characters before
        ``hi``: ``TOKEN.findall(text, start, hi)[-n:]`` for ``start = max(lo, hi - 30 * n)``, without its first
        token when the window starts after ``lo`` right behind a word character (a word it may have cut)."""
        start = max(lo, hi - 30 * n)
        if hi <= start:
            return []
        i, j = self._range(start, hi)
        text = self.text
        if start > lo and i < j and (text[start - 1].isalnum() or text[start - 1] in "'-_"):
            i += 1  # the window cut a word in two
        k = max(i, j - n)
        starts, ends = self.starts, self.ends
        return [text[max(s, start) : min(e, hi)] for s, e in zip(starts[k:j], ends[k:j], strict=True)]

    def after(self, end: int) -> str:
        """The token that starts at ``end`` or follows it across spaces and commas only, else ``""`` (the rest of a
        token that ``end`` cuts counts as the next token)."""
        i = bisect.bisect_right(self.ends, end)
        if i >= len(self.starts):
            return ""
        s = self.starts[i]
        if s < end:
            return self.text[end : self.ends[i]]
        return self.text[s : self.ends[i]] if self.text[end:s].strip(" ,") == "" else ""

    def following(self, end: int, hi: int, n: int) -> list[str]:
        """Up to ``n`` lower-cased tokens after ``end`` (before ``hi``), stopping at punctuation other than a comma."""
        out: list[str] = []
        pos = end
        i = bisect.bisect_right(self.ends, end)
        text, starts, ends = self.text, self.starts, self.ends
        while i < len(starts) and max(starts[i], end) < hi and len(out) < n:
            s, e = max(starts[i], end), min(ends[i], hi)
            if text[pos:s].strip(" ,"):
                break
            out.append(text[s:e].lower())
            pos = e
            i += 1
        return out

    def pairs(self, lo: int, hi: int) -> list[tuple[str, str]]:
        """``(token, text after it up to the next token)`` for the tokens of ``text[lo:hi]``, the last gap ending at
        ``hi`` (what ``re.findall(r"([\\w'-]+)([^\\w'-]*)", text, lo, hi)`` gives)."""
        tokens = self.within(lo, hi)
        if not tokens:
            return []
        i, j = self._range(lo, hi)
        gap_ends = [*self.starts[i + 1 : j], hi]
        ends = self.ends[i:j]
        return [(t, self.text[min(e, hi) : g]) for t, e, g in zip(tokens, ends, gap_ends, strict=True)]


class IndexedText(str):
    """A text that carries its :class:`TokenIndex` (``.tokens``): rules that take the text as a plain string can
    still count its tokens without scanning it again."""

    tokens: TokenIndex

    @classmethod
    def of(cls, text: str) -> IndexedText:
        """``text`` as an indexed text."""
        out = cls(text)
        out.tokens = TokenIndex(out)
        return out


# token characters among the first 128 code points: letters, digits, "_" (what \w is), "'" and "-"
_TOKEN_CHARS = np.array([chr(c).isalnum() or chr(c) in "_'-" for c in range(128)], dtype=bool)


def _token_spans(text: str, ascii_text: bytes | None) -> tuple[list[int], list[int]]:
    """Starts and ends of ``TOKEN.finditer(text)``, found as the runs of a character mask (numpy): a regex scan
    builds a match object per token, which cost three times as much. ``ascii_text`` is
    :func:`~framing.text.matcher.ascii_or_space` of the text (its non-ASCII punctuation is no token character)."""
    if ascii_text is not None:
        mask = _TOKEN_CHARS[np.frombuffer(ascii_text, dtype=np.uint8)]
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ascii_ = codes < 128
        mask = np.zeros(len(codes), dtype=bool)
        mask[ascii_] = _TOKEN_CHARS[codes[ascii_]]
        other = np.flatnonzero(~ascii_)
        distinct, where = np.unique(codes[other], return_inverse=True)
        mask[other] = np.array([chr(c).isalnum() for c in distinct.tolist()], dtype=bool)[where]  # \w beyond ASCII
    edges = np.flatnonzero(np.diff(mask, prepend=False, append=False))
    # a run that opens with "n't" and goes on is two tokens for the regex ("n't" first): leave such rare texts to it
    at = text.find("n't")
    while at >= 0:
        if (at == 0 or not mask[at - 1]) and at + 3 < len(text) and mask[at + 3]:
            spans = [m.span() for m in TOKEN.finditer(text)]
            return [a for a, _ in spans], [b for _, b in spans]
        at = text.find("n't", at + 1)
    return edges[0::2].tolist(), edges[1::2].tolist()


def straight_quotes(text: str) -> str:
    """Curly quotes to straight ones and ``''`` to a double quote, without changing any offset.

    Example:
        >>> straight_quotes("\u201cNo,\u201d he said; ''yes''")
        '"No," he said; " yes" '
    """
    norm = text
    if not text.isascii():  # str.translate with a table is slow on non-ASCII text; a few replaces are not
        for curly, straight in _QUOTE_PAIRS:
            if curly in norm:
                norm = norm.replace(curly, straight)
    return norm.replace("''", '" ') if "''" in norm else norm


_QUOTE_PAIRS = (("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2018", "'"), ("\u2019", "'"))

# readability's words: ``[A-Za-z]+(?:'[A-Za-z]+)?`` of the lower-cased text
_LETTER_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# A-Z lower-cased, a-z and ' kept, every other byte a space
_LETTERS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c == 39 else 32 for c in range(256))
_EDGE_APOSTROPHE = re.compile(rb"'(?:(?![a-z])|(?<![a-z].))")  # starts with a literal: a fast scan
_TWO_APOSTROPHES = re.compile(rb"'[a-z]+'")


def letter_words(text: str, ascii_text: bytes | None = b"") -> list[str]:
    """``re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text.lower())``, from a split of the text reduced to letters and
    apostrophes.

    A match never spans a character other than a letter or an apostrophe, and within a run of them it is the
    whole run once apostrophes without a letter on both sides are dropped, unless two apostrophes remain
    ("rock'n'roll"): then, or when a non-ASCII letter or digit could lower-case to ASCII, the regex is used.
    Splitting costs about a fifth of the regex. ``ascii_text`` is :func:`~framing.text.matcher.ascii_or_space` of
    the text, when the caller has it.

    Example:
        >>> letter_words("Don't stop-it, O'Neill's 2 'quotes'")
        ["don't", 'stop', 'it', "o'neill", 's', 'quotes']
    """
    if ascii_text == b"":
        ascii_text = ascii_or_space(text)
    if ascii_text is None:
        return _LETTER_WORD.findall(text.lower())
    low = ascii_text.translate(_LETTERS)
    if b"'" in low:
        low = _EDGE_APOSTROPHE.sub(b" ", low)
        if _TWO_APOSTROPHES.search(low):
            return _LETTER_WORD.findall(text.lower())
    return low.decode("ascii").split()


@dataclass(frozen=True, eq=False)
class AnalysedText:
    """One text analysed once; see the module docstring.

    Attributes:
        text: The text the offsets refer to.
        sentences: Its sentences, in order.
        prepared: ``prepare_text(text)``.
        matches: The phrase-lexicon matches, leftmost-longest, in text order.
        sentiment_hits: The automaton's hits of the VADER words (``(end, value)`` in ``prepared``), when the
            analyser's scan holds the sentiment table.
        naming_hits: The same for the term packs.
        n_words: Words in the text (:func:`~framing.text.sentences.count_words`).
        grouped: The matches of the analyser's extra lexicon groups (:class:`LexiconGroups`: the frame lexicons,
            the actor aliases), by group name, each group leftmost-longest on its own, from the same pass.
    """

    text: str
    sentences: tuple[Sentence, ...]
    prepared: str
    matches: tuple[Match, ...]
    sentiment_hits: Sequence[tuple[int, Any]] | None
    naming_hits: Sequence[tuple[int, Any]] | None
    n_words: int
    #: ``ascii_or_space(text)``, shared by the lookups that read the text as bytes (``b""``: not computed).
    ascii_text: bytes | None = field(default=b"", repr=False)
    grouped: Mapping[str, tuple[Match, ...]] = field(default_factory=dict, repr=False)

    @cached_property
    def tokens(self) -> TokenIndex:
        """The tokens of :attr:`text`."""
        return TokenIndex(self.text, self.ascii_text)

    @cached_property
    def norm(self) -> IndexedText:
        """The text with straight quotes, offset for offset, carrying its tokens (``norm.tokens``; the same index
        as :attr:`tokens` when the text has no curly quotes)."""
        straight = straight_quotes(self.text)
        norm = IndexedText(straight)
        norm.tokens = self.tokens if straight == self.text else TokenIndex(norm)
        return norm

    @cached_property
    def letter_words(self) -> list[str]:
        """The lower-cased letter words of the text (:func:`letter_words`)."""
        return letter_words(self.text, self.ascii_text)

    @cached_property
    def sentence_words(self) -> list[int]:
        """Words per sentence (:func:`~framing.text.sentences.count_words` of each sentence's text)."""
        return [count_words(s.text) for s in self.sentences]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at ``offset``, if any."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        return s if offset < s.end else None


class LexiconGroups:
    """Named groups of lexicons matched in the analyser's one pass, each group leftmost-longest on its own (so a
    frame cue never hides a hedge, nor a hedge a frame cue): the table to add to the :class:`SharedScan`.

    Args:
        groups: ``name -> lexicons``, in order.

    Example:
        >>> from framing.text.lexicon import bundled_lexicon
        >>> groups = LexiconGroups({"hedges": [bundled_lexicon("hedges")]})
        >>> matcher = PhraseMatcher([])
        >>> at = Analyser(matcher, SharedScan([matcher.table, groups.table]), groups).analyse("It may rain.")
        >>> [m.text for m in at.grouped["hedges"]]
        ['may']
    """

    def __init__(self, groups: Mapping[str, Sequence[Lexicon]]) -> None:
        self.names: tuple[str, ...] = tuple(groups)
        self._lexicons = {name: tuple(groups[name]) for name in self.names}
        self.matcher = MultiPhraseMatcher(self._lexicons[name] for name in self.names)

    def lexicons(self, name: str) -> tuple[Lexicon, ...]:
        """The lexicons of one group (none for an unknown name)."""
        return self._lexicons.get(name, ())

    @property
    def table(self) -> dict[str, Any]:
        """The automaton table (:attr:`MultiPhraseMatcher.table`)."""
        return self.matcher.table

    def from_hits(self, text: str, hits: Iterable[tuple[int, Any]]) -> dict[str, tuple[Match, ...]]:
        """Each group's matches from the scan's hits of :attr:`table`."""
        return {name: tuple(found) for name, found in zip(self.names, self.matcher.from_hits(text, hits), strict=True)}


class Analyser:
    """Builds :class:`AnalysedText` records with one automaton pass over all phrase lexicons (and, when the scan
    holds them, the VADER words, the term packs and further lexicon groups).

    Args:
        matcher: The phrase lexicons' matcher (its table must be the scan's first); none: no lexicon matches.
        scan: One automaton for ``[matcher.table, sentiment table?, naming table?, groups.table?]``; by default
            the matcher's table (and the groups' table) alone.
        groups: Further lexicon groups whose table is in the scan (:attr:`AnalysedText.grouped`).
    """

    def __init__(
        self, matcher: PhraseMatcher | None = None, scan: SharedScan | None = None, groups: LexiconGroups | None = None
    ) -> None:
        self.matcher = matcher if matcher is not None else PhraseMatcher([])
        if scan is None:
            scan = SharedScan([self.matcher.table] + ([groups.table] if groups is not None else []))
        self.scan = scan
        self.groups = groups
        self._group_at: int | None = None
        if groups is not None:
            at = [i for i, t in enumerate(scan.tables) if t is groups.table]
            if not at:
                raise ValueError("the scan does not hold the lexicon groups' table")
            self._group_at = at[0]

    def analyse(self, text: str, sentences: Iterable[Sentence] | None = None) -> AnalysedText:
        """Analyse ``text``; its sentences are split by :func:`~framing.text.sentences.split_sentences` unless given."""
        ascii_text = ascii_or_space(text) if text else b""
        prepared = prepare_text(text, ascii_text)
        hits = self.scan.scan(prepared)
        matches = tuple(self.matcher.from_hits(text, hits[0])) if text else ()
        grouped: dict[str, tuple[Match, ...]] = {}
        if self.groups is not None and self._group_at is not None:
            grouped = self.groups.from_hits(text, hits[self._group_at]) if text else {n: () for n in self.groups.names}
        sentiment_hits = hits[1] if len(hits) > 1 and self._group_at != 1 else None
        naming_hits = hits[2] if len(hits) > 2 and self._group_at != 2 else None
        return AnalysedText(
            text=text,
            sentences=tuple(split_sentences(text) if sentences is None else sentences),
            prepared=prepared,
            matches=matches,
            sentiment_hits=sentiment_hits,
            naming_hits=naming_hits,
            n_words=count_words(text),
            ascii_text=ascii_text,
            grouped=grouped,
        )

    def one_sentence(self, text: str) -> AnalysedText:
        """Analyse ``text`` as a single sentence (a dataset item, a model input)."""
        return self.analyse(text, (Sentence(0, 0, len(text), text, 0),))

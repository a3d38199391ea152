"""Reader for the SFU Review Corpus annotated for negation and speculation (Konstantinova et al. 2012).

The data are not shipped with ``framing``. The corpus is one XML file per review, ``<DOMAIN>/{no,yes}<N>done.xml``
(8 domains x 50 reviews). Each ``<SENTENCE>`` holds ``<W>`` tokens; ``<cue type="speculation|negation">``
wraps cue tokens and ``<xcope>``/``<ref>``/``<C>`` elements (scopes, references, contraction groups) wrap
others. The reader rebuilds each sentence's text from its tokens and records the character span of every cue.

Split (the corpus has none): a review is ``dev`` when its number ``N`` is divisible by 5 (``no5``, ``no10``,
..., ``yes25``: 10 of the 50 reviews in every domain, 80 reviews in all); every other review is ``tune``.

Example:
    >>> split_of_review("no10done.xml"), split_of_review("yes7done.xml")
    ('dev', 'tune')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

__all__ = ["Cue", "SfuSentence", "join_tokens", "read_sfu", "read_sfu_review", "split_of_review"]

_REVIEW = re.compile(r"(?P<polarity>no|yes)(?P<number>\d+)done\.xml$", re.IGNORECASE)
_CUE_TYPES = frozenset({"speculation", "negation"})
_NO_SPACE_BEFORE = frozenset({".", ",", "!", "?", ";", ":", ")", "]", "}", "%", "...", "n't"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


@dataclass(frozen=True)
class Cue:
    """A negation or speculation cue: character span in the rebuilt sentence text."""

    start: int
    end: int
    text: str
    type: str  # "speculation" or "negation"


@dataclass(frozen=True)
class SfuSentence:
    """One sentence of an SFU review.

    Attributes:
        text: The sentence rebuilt from its tokens (single spaces; none before punctuation, ``'s`` or ``n't``).
        cues: Its cues, in text order.
        domain: Folder name, e.g. ``BOOKS``.
        review: File name, e.g. ``no10done.xml``.
        index: 0-based sentence number in the review.
        split: ``"dev"`` or ``"tune"`` (see :func:`split_of_review`).
    """

    text: str
    cues: tuple[Cue, ...]
    domain: str
    review: str
    index: int
    split: str

    @property
    def uncertain(self) -> bool:
        """Gold label: the sentence holds at least one speculation cue."""
        return any(c.type == "speculation" for c in self.cues)


def split_of_review(name: str) -> str:
    """Return ``"dev"`` for reviews numbered 5, 10, 15, 20, 25 and ``"tune"`` for the others.

    Raises:
        InputError: When ``name`` is not of the form ``{no,yes}<N>done.xml``.
    """
    m = _REVIEW.search(name)
    if m is None:
        raise InputError(name, "SFU review file names must look like 'no12done.xml' or 'yes3done.xml'")
    return "dev" if int(m.group("number")) % 5 == 0 else "tune"


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into text and return the text with each token's character span.

    Example:
        >>> join_tokens(["I", "ca", "n't", "say", "(", "yet", ")", "."])[0]
        "I ca n't say (yet)."
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for tok in tokens:
        glue = not parts or prev in _NO_SPACE_AFTER or tok in _NO_SPACE_BEFORE or tok.startswith("'")
        if tok.lower() == "n't" and prev.lower() in {"ca", "wo"}:
            glue = False  # keep "ca n't" two words so the negator stays a token of its own
        if not glue:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), spans


def _walk(el: ET.Element, tokens: list[str], cues: list[tuple[int, int, str]], where: str) -> None:
    for child in el:
        if child.tag == "W":
            if tok := (child.text or "").strip():
                tokens.append(tok)
        elif child.tag == "cue":
            kind = child.get("type", "")
            if kind not in _CUE_TYPES:
                raise InputError(
                    where, f"<cue ID={child.get('ID')!r}> has type {kind!r}; expected speculation or negation"
                )
            first = len(tokens)
            _walk(child, tokens, cues, where)
            if len(tokens) > first:
                cues.append((first, len(tokens), kind))
        else:
            _walk(child, tokens, cues, where)


def read_sfu_review(path: str | Path, *, domain: str | None = None) -> list[SfuSentence]:
    """Read one review file.

    Args:
        path: An XML file such as ``BOOKS/no10done.xml``.
        domain: Domain name; defaults to the parent folder's name.

    Raises:
        InputError: Naming the file (and line/element) when it is missing, not well-formed XML, has no
            ``<DOCUMENT>`` root, or has a cue of an unknown type.
    """
    p = Path(path)
    split = split_of_review(p.name) if _REVIEW.search(p.name) else "tune"
    try:
        root = ET.parse(p).getroot()
    except FileNotFoundError:
        raise InputError(str(p), "SFU review file not found") from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise InputError(f"{p}:{line}", f"malformed XML at column {col}: {exc}") from None
    if root.tag != "DOCUMENT":
        raise InputError(str(p), f"root element is <{root.tag}>, expected <DOCUMENT>")
    out: list[SfuSentence] = []
    for i, sent in enumerate(root.iter("SENTENCE")):
        tokens: list[str] = []
        raw_cues: list[tuple[int, int, str]] = []
        _walk(sent, tokens, raw_cues, f"{p} (SENTENCE {i + 1})")
        text, spans = join_tokens(tokens)
        cues = tuple(
            sorted(
                (
                    Cue(spans[a][0], spans[b - 1][1], text[spans[a][0] : spans[b - 1][1]], kind)
                    for a, b, kind in raw_cues
                ),
                key=lambda c: (c.start, c.end),
            )
        )
        out.append(SfuSentence(text, cues, domain or p.parent.name, p.name, i, split))
    return out


def read_sfu(root: str | Path) -> Iterator[SfuSentence]:
    """Yield every sentence of the corpus, domain by domain, review by review (sorted, so deterministic).

    Args:
        root: The corpus folder holding one sub-folder per domain (e.g. ``data/sfu_negspec``).

    Raises:
        InputError: When ``root`` holds no ``*/*done.xml`` files, or for a malformed review (see
            :func:`read_sfu_review`).
    """
    base = Path(root)
    files = sorted(base.glob("*/*done.xml"), key=lambda f: (f.parent.name, f.name.lower()))
    if not files:
        raise InputError(str(base), "no SFU review files (<DOMAIN>/{no,yes}<N>done.xml) found")
    for f in files:
        yield from read_sfu_review(f)

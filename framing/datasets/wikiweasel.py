"""Reader for WikiWeasel: Wikipedia sentences labelled certain / uncertain (CoNLL-2010 shared task, Task 1).

The data are not shipped with ``framing``. The reader expects the CSV conversion described in the project's
data README: a header ``text,label`` and one quoted sentence per record (the text may keep a trailing newline
inside its quotes); ``label`` is ``1`` for an uncertain (weasel-worded or hedged) sentence and ``0`` for a
certain one.

Only a training portion is distributed, so the project cuts its own deterministic dev split from it:
:func:`split_of` puts a sentence in ``dev`` when the first 8 hex digits of the SHA-1 of its stripped text,
read as an integer, are divisible by 5 (about 20 %); every other sentence is ``tune``. Hashing the text
(not the row position) keeps the split stable if the file is re-ordered and keeps duplicate sentences in
the same split.

Example:
    >>> split_of("The pain may be intense.") in {"dev", "tune"}
    True
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

__all__ = ["WeaselSentence", "detokenize_ptb", "read_wikiweasel", "split_of"]

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_PTB_RE = re.compile(r"-[LR][RSC]B-|``|''")


@dataclass(frozen=True)
class WeaselSentence:
    """One WikiWeasel sentence.

    Attributes:
        text: The sentence, stripped, with Penn Treebank bracket and quote tokens restored
            (``-LRB-`` -> ``(``, ````` and ``''`` -> ``"``); other tokenisation is kept as in the source.
        uncertain: Gold label: ``True`` for an uncertain (weasel/hedge) sentence.
        line: 1-based line of the file on which the record starts.
        split: ``"dev"`` or ``"tune"`` (see :func:`split_of`).
    """

    text: str
    uncertain: bool
    line: int
    split: str


def detokenize_ptb(text: str) -> str:
    """Restore Penn Treebank bracket and quote tokens (``-LRB-``, `````, ``''``) to plain characters.

    Example:
        >>> detokenize_ptb("a -LRB- b -RRB- `` c ''")
        'a ( b ) " c "'
    """
    return _PTB_RE.sub(lambda m: _PTB[m.group(0)], text)


def split_of(text: str) -> str:
    """Return the project's split for a sentence: ``"dev"`` (about 20 %) or ``"tune"``.

    Args:
        text: The sentence as stored in the CSV (it is stripped before hashing).
    """
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % 5 == 0 else "tune"


def read_wikiweasel(path: str | Path, *, skip_empty: bool = True) -> Iterator[WeaselSentence]:
    """Yield the labelled sentences of a WikiWeasel CSV file.

    Args:
        path: The CSV file (e.g. ``data/wikiweasel/train.csv``).
        skip_empty: Skip records whose text is empty or whitespace (the source has a few).

    Raises:
        InputError: Naming the file (and line) when the file is missing, not UTF-8, lacks the ``text,label``
            header, or has a record with a wrong number of fields or a label other than 0/1.
    """
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError(str(p), "WikiWeasel file not found") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None or [h.strip().lower() for h in header] != ["text", "label"]:
                raise InputError(f"{p}:1", f"header must be 'text,label', got {header!r}")
            start = reader.line_num + 1
            for row in reader:
                here = f"{p}:{start}"
                if len(row) != 2:
                    raise InputError(here, f"expected 2 fields (text, label), found {len(row)}")
                text, label = row
                if label.strip() not in {"0", "1"}:
                    raise InputError(here, f"label must be 0 or 1, got {label!r}")
                stripped = text.strip()
                line, start = start, reader.line_num + 1
                if skip_empty and not stripped:
                    continue
                yield WeaselSentence(detokenize_ptb(stripped), label.strip() == "1", line, split_of(text))
        except UnicodeDecodeError as exc:
            raise InputError(str(p), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except csv.Error as exc:
            raise InputError(f"{p}:{reader.line_num}", f"malformed CSV: {exc}") from None

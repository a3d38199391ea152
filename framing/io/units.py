"""Input units: what the reader has to read next, small enough to send to another process.

Reading has two halves. Walking the inputs (expanding directories and globs, splitting a JSONL file into lines,
a CSV file into rows) is cheap and has to happen in order; turning one unit into an :class:`~framing.Article`
(decoding, HTML extraction, cleaning, outlet and language detection) is where the time goes and can happen
anywhere. :func:`framing.io.read.iter_units` does the first half, :func:`framing.io.read.read_unit` the second;
``read_articles`` is the two in a row, and the process pool of :mod:`framing.runs` runs the second half in its
workers.

A unit has a content key (:meth:`Unit.content_key`): the hash of where it comes from and of its bytes, which the
results store uses to know an input it has already scored without reading it again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.article import Article

__all__ = ["Unit"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One article still to be read.

    Attributes:
        kind: ``file`` (a text or HTML file, read whole), ``jsonl`` (one line of a JSONL file, as bytes),
            ``record`` (a JSON item, CSV row or DataFrame row, as a dict) or ``article`` (already an
            :class:`~framing.Article`: standard input, or an input that failed as a whole).
        source: The file it comes from (``<dataframe>``, ``<stdin>``).
        id: The article id when the record names none (``file:line``, ``file[i]``, the file stem).
        where: Where to point in an error message (``file:line``).
        prefix: Prefix of a record's own id (``stem#id``); empty for DataFrame rows.
        fmt: ``txt`` or ``html`` for a file.
        payload: The line (bytes), the record (dict) or the article.
    """

    kind: str
    source: str
    id: str
    where: str = ""
    prefix: str = ""
    fmt: str = ""
    payload: Any = None

    def content_key(self) -> str:
        """SHA-256 of the unit's origin and content (a file's bytes are read for it)."""
        h = hashlib.sha256()
        for part in (self.kind, self.source, self.id, self.where, self.prefix, self.fmt):
            h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
        if self.kind == "file":
            try:
                data = Path(self.source).read_bytes()
            except OSError as exc:  # reported when the unit is read; the key only has to differ
                data = f"unreadable: {exc}".encode()
            h.update(data)
        elif self.kind == "jsonl":
            h.update(self.payload)
        elif self.kind == "record":
            # a CSV row may have a None key, so the keys are sorted as strings
            pairs = sorted(((str(k), v) for k, v in self.payload.items()), key=lambda kv: kv[0])
            h.update(json.dumps(pairs, default=repr, ensure_ascii=False).encode())
        else:
            article: Article = self.payload
            h.update(json.dumps(article.to_dict(raw=True), sort_keys=True, default=repr).encode())
        return h.hexdigest()

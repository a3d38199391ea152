"""Streaming reader for the AllSides political-bias articles (Baly et al. 2020).

The data folder holds ``articles.jsonl.gz`` (one JSON object per line: ``id``, ``source``, ``topic``, ``bias``
0/1/2, ``bias_text``, ``date``, ``title``, ``url``, ``authors``, ``content_original``) and the media-based split
files ``splits/media/{train,valid}.tsv`` (``ID<TAB>bias``). The articles file is decompressed and parsed one
line at a time, so memory stays bounded by the longest article (plus the set of IDs of a split, when one is
asked for).

Example:
    >>> from pathlib import Path
    >>> from framing.datasets.allsides import iter_allsides
    >>> for art in iter_allsides(Path("../shared/data/allsides"), split="valid", limit=2):  # doctest: +SKIP
    ...     print(art.id, art.outlet, art.lean)
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import InputError

__all__ = ["ARTICLES_FILE", "LEANS", "SPLITS", "AllSidesArticle", "iter_allsides", "read_split_ids"]

#: Name of the articles file inside the data folder.
ARTICLES_FILE = "articles.jsonl.gz"

#: The ``bias`` codes of the dataset and their labels.
LEANS: dict[int, str] = {0: "left", 1: "center", 2: "right"}

#: Split names accepted by :func:`iter_allsides`, and their files relative to the data folder.
SPLITS: dict[str, str] = {"train": "splits/media/train.tsv", "valid": "splits/media/valid.tsv"}


@dataclass(frozen=True)
class AllSidesArticle:
    """One AllSides article.

    Attributes:
        id: Article identifier (the dataset's ``id``).
        outlet: Name of the outlet as AllSides lists it (``source``), e.g. ``"New York Times - News"``.
        lean: AllSides rating of the outlet: ``"left"``, ``"center"`` or ``"right"``.
        title: Headline (may be empty).
        text: Body text as returned by newspaper3k (``content_original``).
        date: Publication date (``YYYY-MM-DD``) when present.
        url: Article URL when present.
        topic: AllSides topic when present.
        authors: Author string when present.
    """

    id: str
    outlet: str
    lean: str
    title: str
    text: str
    date: str | None = None
    url: str | None = None
    topic: str | None = None
    authors: str | None = None

    @property
    def label(self) -> int:
        """The numeric ``bias`` code (0 left, 1 center, 2 right)."""
        return _CODES[self.lean]

    def meta(self) -> dict[str, str]:
        """Metadata in the shape :func:`framing.io.article_from_text` takes (``title, url, date, outlet,
        byline``), without empty values."""
        d = {"title": self.title, "url": self.url, "date": self.date, "outlet": self.outlet, "byline": self.authors}
        return {k: v for k, v in d.items() if v}


_CODES = {v: k for k, v in LEANS.items()}


def _articles_path(root: Path) -> Path:
    root = Path(root)
    return root if root.is_file() else root / ARTICLES_FILE


def read_split_ids(root: Path, split: str) -> frozenset[str]:
    """Return the article IDs of one media-based split.

    Args:
        root: The AllSides data folder.
        split: ``"train"`` or ``"valid"``.

    Raises:
        ValueError: ``split`` is not a known split name.
        InputError: The split file is missing or a line is malformed (names the file and line).
    """
    if split not in SPLITS:
        raise ValueError(f"unknown AllSides split {split!r}; choose one of {', '.join(sorted(SPLITS))} or None")
    path = Path(root) / SPLITS[split]
    ids: set[str] = set()
    try:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip("\r\n")
                if not line.strip() or (lineno == 1 and line.split("\t", 1)[0].strip().lower() == "id"):
                    continue
                parts = line.split("\t")
                if len(parts) != 2 or not parts[0].strip() or parts[1].strip() not in {"0", "1", "2"}:
                    raise InputError(
                        f"{path}:{lineno}", f"expected 'ID<TAB>bias' with bias 0, 1 or 2, got {line!r:.80}"
                    )
                ids.add(parts[0].strip())
    except OSError as exc:
        raise InputError(str(path), f"cannot read split file: {exc.strerror or exc}") from None
    return frozenset(ids)


def _opt(rec: dict[str, Any], key: str, where: str) -> str | None:
    value = rec.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(where, f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def _parse(line: str, where: str) -> AllSidesArticle:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise InputError(where, f"expected a JSON object, got {type(rec).__name__}")
    missing = [k for k in ("id", "source", "bias", "content_original") if k not in rec]
    if missing:
        raise InputError(where, f"missing field(s) {', '.join(missing)}")
    ident, outlet, text = rec["id"], rec["source"], rec["content_original"]
    for key, value in (("id", ident), ("source", outlet), ("content_original", text)):
        if not isinstance(value, str):
            raise InputError(where, f"field {key!r} must be a string, got {type(value).__name__}")
    bias = rec["bias"]
    if isinstance(bias, bool) or bias not in LEANS:
        raise InputError(where, f"field 'bias' must be 0, 1 or 2, got {bias!r}")
    return AllSidesArticle(
        id=ident,
        outlet=outlet,
        lean=LEANS[bias],
        title=_opt(rec, "title", where) or "",
        text=text,
        date=_opt(rec, "date", where),
        url=_opt(rec, "url", where),
        topic=_opt(rec, "topic", where),
        authors=_opt(rec, "authors", where),
    )


def iter_allsides(root: Path, split: str | None = None, limit: int | None = None) -> Iterator[AllSidesArticle]:
    """Yield AllSides articles in file order, streaming the gzip file one line at a time.

    Args:
        root: The AllSides data folder (holding ``articles.jsonl.gz`` and ``splits/``), or the ``.jsonl.gz`` file
            itself (then ``split`` must be ``None`` unless the ``splits/`` folder sits beside it).
        split: ``"train"`` or ``"valid"`` to yield only the articles of that media-based split; ``None`` for all.
        limit: Stop after this many articles (``None`` for no limit; ``0`` yields nothing).

    Yields:
        One :class:`AllSidesArticle` per line (blank lines are skipped).

    Raises:
        ValueError: Unknown ``split`` or a negative ``limit``.
        InputError: The file is missing, is not valid gzip, or a line is malformed; the message names the file
            and the 1-based line number.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    path = _articles_path(root)
    wanted = read_split_ids(path.parent, split) if split is not None else None
    if limit == 0:
        return
    n = 0
    lineno = 0
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                art = _parse(line, f"{path}:{lineno}")
                if wanted is not None and art.id not in wanted:
                    continue
                yield art
                n += 1
                if limit is not None and n >= limit:
                    return
    except FileNotFoundError:
        raise InputError(str(path), "AllSides articles file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:{lineno + 1}", f"invalid UTF-8 ({exc.reason})") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{path}:{lineno + 1}", f"corrupt or truncated gzip data ({exc})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None

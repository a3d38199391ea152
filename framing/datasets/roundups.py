"""Reader for the AllSides headline roundups (NeuS, Lee et al. 2022): one event, a left, centre and right item.

The data folder holds ``headline_11_2021-10-19_crawled_all.jsonl``: one roundup per line with ``id``, ``issue``
(AllSides' headline of the story), ``topic``, ``date`` (the roundup's ISO timestamp) and ``news`` =
``{left|center|right: {newsSource, newsTitle, newsLink, newBody (first sentences, a list)}}``. Each outlet
item becomes one :class:`RoundupItem`; the items of one roundup report one story, which is what
:mod:`framing.validation.stories` measures story grouping against.

Example:
    >>> from pathlib import Path
    >>> items = list(iter_roundups(Path("../shared/data/roundups")))  # doctest: +SKIP
    >>> items[0].roundup, items[0].side, items[0].outlet  # doctest: +SKIP
    ('5607', 'center', 'CNBC')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import InputError

__all__ = ["ROUNDUPS_FILE", "RoundupItem", "iter_roundups"]

#: Name of the roundups file inside the data folder.
ROUNDUPS_FILE = "headline_11_2021-10-19_crawled_all.jsonl"
_SIDES = ("left", "center", "right")


@dataclass(frozen=True)
class RoundupItem:
    """One outlet's item of a roundup.

    Attributes:
        id: ``<roundup id>-<side>``.
        roundup: The roundup's id: the story the item belongs to.
        side: ``left``, ``center`` or ``right`` (AllSides' rating of the outlet).
        outlet: The outlet as AllSides names it (``newsSource``).
        title: The item's headline.
        text: Its first sentences, joined by a space.
        date: The roundup's date (``YYYY-MM-DD``): the items carry no date of their own.
        url: The item's link, when present.
        issue: AllSides' headline of the story.
        topic: AllSides' topic of the story.
    """

    id: str
    roundup: str
    side: str
    outlet: str
    title: str
    text: str
    date: str | None = None
    url: str | None = None
    issue: str = ""
    topic: str = ""

    def record(self) -> dict[str, Any]:
        """A flat corpus record (``id, title, text, outlet, date, url``, plus ``roundup``, ``side``, ``issue``),
        as :func:`framing.read_articles` reads it from JSONL (extra fields become ``meta.<name>``)."""
        return {"id": self.id, "title": self.title, "text": self.text, "outlet": self.outlet, "date": self.date,
                "url": self.url, "roundup": self.roundup, "side": self.side, "issue": self.issue}  # fmt: skip


def _path(root: Path) -> Path:
    root = Path(root)
    return root if root.is_file() else root / ROUNDUPS_FILE


def _items(rec: dict[str, Any], where: str) -> Iterator[RoundupItem]:
    if "id" not in rec or not isinstance(rec.get("news"), dict):
        raise InputError(where, "expected a roundup object with 'id' and 'news'")
    date = rec.get("date")
    day = date[:10] if isinstance(date, str) and len(date) >= 10 else None
    for side in _SIDES:
        item = rec["news"].get(side)
        if not isinstance(item, dict):
            continue
        body = item.get("newBody") or []
        if isinstance(body, str):
            body = [body]
        text = " ".join(s.strip() for s in body if isinstance(s, str) and s.strip())
        title = (item.get("newsTitle") or "").strip()
        if not text and not title:
            continue
        yield RoundupItem(
            id=f"{rec['id']}-{side}",
            roundup=str(rec["id"]),
            side=side,
            outlet=str(item.get("newsSource") or "unknown"),
            title=title,
            text=text or title,
            date=day,
            url=item.get("newsLink") or None,
            issue=str(rec.get("issue") or ""),
            topic=str(rec.get("topic") or ""),
        )


def iter_roundups(root: Path) -> Iterator[RoundupItem]:
    """Yield every outlet item of every roundup, in file order.

    Args:
        root: The roundups data folder, or the ``.jsonl`` file itself.

    Raises:
        InputError: The file is missing or a line is malformed (names the file and the 1-based line).
    """
    path = _path(root)
    try:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
                if not isinstance(rec, dict):
                    raise InputError(where, f"expected a JSON object, got {type(rec).__name__}")
                yield from _items(rec, where)
    except FileNotFoundError:
        raise InputError(str(path), "roundups file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"invalid UTF-8 ({exc.reason})") from None

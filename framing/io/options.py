"""Settings of the reader and the field names of JSON / CSV / DataFrame records."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from framing.io.decode import DEFAULT_MAX_BYTES

__all__ = ["DEFAULT_COLUMNS", "ReadOptions"]

#: Field names tried, in order, for each article attribute of a JSON/CSV record.
DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "datetime"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "media"),
    "byline": ("byline", "author", "authors"),
    "id": ("id", "article_id", "uid"),
}


@dataclass(frozen=True)
class ReadOptions:
    """Settings of the reader.

    Attributes:
        columns: Field name (or names) per attribute for JSON/CSV records, e.g. ``{"text": "content"}``;
            unspecified attributes use :data:`DEFAULT_COLUMNS`.
        max_bytes: Largest single article (file or record text) in bytes.
        outlet_tables: Extra outlet tables (YAML) to use besides the bundled one.
        format: Force an input format (``txt``, ``html``, ``jsonl``, ``json``, ``csv``) instead of the suffix.
    """

    columns: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    outlet_tables: Sequence[str | os.PathLike[str]] = ()
    format: str | None = None

    def fields(self, attr: str) -> tuple[str, ...]:
        given = self.columns.get(attr)
        if given is None:
            return DEFAULT_COLUMNS[attr]
        return (given,) if isinstance(given, str) else tuple(given)

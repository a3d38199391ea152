"""The outlet table and outlet detection.

The bundled table (``lexicons/outlets.yaml``) lists outlets with their domains, dateline markers, signature
lines, country, ownership and parent organisation, each fact with a citation. Users add their own tables in
the same schema; their entries override bundled ones with the same ``id``.

Detection never guesses: an outlet is named only from a URL domain, a metadata field, a signature or credit
line, a wire dateline or a self-reference ("told Sputnik") that is not also cited as another outlet. When none
holds, the record says unknown and lists the hints found.

Example:
    >>> table = load_outlet_table()
    >>> table.by_domain("https://sputnikglobe.com/2023/x.html").name
    'Sputnik'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from framing._yaml import load_yaml_with_lines
from framing.article import OutletInfo
from framing.errors import LexiconError
from framing.resources import lexicon_path

__all__ = ["Outlet", "OutletTable", "detect_outlet", "load_outlet_table", "registered_domain"]

SCHEMA = "framing-outlets/1"
OWNERSHIP_TYPES = frozenset(
    {"state-owned", "public broadcaster", "state-affiliated", "private", "cooperative", "non-profit"}
)
KINDS = frozenset({"news agency", "broadcaster", "newspaper", "magazine", "online"})
_REQUIRED = ("id", "name", "domains")
_LIST_FIELDS = ("aliases", "domains", "datelines", "signatures")


@dataclass(frozen=True)
class Outlet:
    """One row of the outlet table."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    datelines: tuple[re.Pattern[str], ...] = ()
    signatures: tuple[re.Pattern[str], ...] = ()
    kind: str | None = None
    wire: bool = False
    country: str | None = None
    ownership: str | None = None
    parent: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    table: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


def _compile(path: str, line: int, pattern: Any, what: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(path, line, f"{what} must be a non-empty string, got {pattern!r}")
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise LexiconError(path, line, f"{what} {pattern!r} is not a valid regular expression: {exc}") from None


def _parse_outlet(path: str, row: Any, index: int) -> Outlet:
    if not isinstance(row, dict):
        raise LexiconError(path, None, f"outlet #{index + 1} is not a mapping")
    line = row.get("__line__")
    for key in _REQUIRED:
        if not row.get(key):
            raise LexiconError(path, line, f"outlet {row.get('id', f'#{index + 1}')!r} lacks required field {key!r}")
    if not re.fullmatch(r"[a-z0-9_]+", str(row["id"])):
        raise LexiconError(path, line, f"outlet id {row['id']!r} must match [a-z0-9_]+")
    for key in _LIST_FIELDS:
        if not isinstance(row.get(key, []), list):
            raise LexiconError(path, line, f"outlet {row['id']!r}: {key} must be a list")
    if row.get("ownership") is not None and row["ownership"] not in OWNERSHIP_TYPES:
        raise LexiconError(
            path, line, f"outlet {row['id']!r}: ownership {row['ownership']!r} is not one of {sorted(OWNERSHIP_TYPES)}"
        )
    if row.get("kind") is not None and row["kind"] not in KINDS:
        raise LexiconError(path, line, f"outlet {row['id']!r}: kind {row['kind']!r} is not one of {sorted(KINDS)}")
    sources = row.get("sources") or {}
    if not isinstance(sources, dict):
        raise LexiconError(path, line, f"outlet {row['id']!r}: sources must be a mapping of field -> citation")
    sources.pop("__line__", None)
    return Outlet(
        id=str(row["id"]),
        name=str(row["name"]),
        aliases=tuple(str(a) for a in row.get("aliases") or ()),
        domains=tuple(str(d).lower().removeprefix("www.") for d in row["domains"]),
        datelines=tuple(_compile(path, line, p, "dateline") for p in row.get("datelines") or ()),
        signatures=tuple(_compile(path, line, p, "signature") for p in row.get("signatures") or ()),
        kind=row.get("kind"),
        wire=bool(row.get("wire", False)),
        country=row.get("country"),
        ownership=row.get("ownership"),
        parent=row.get("parent"),
        sources={str(k): str(v) for k, v in sources.items()},
        notes=str(row.get("notes") or ""),
        table=path,
    )


def _read_table(path: Path) -> list[Outlet]:
    data = load_yaml_with_lines(path, SCHEMA, required=())
    rows = data.get("outlets")
    if not isinstance(rows, list):
        raise LexiconError(str(path), None, "'outlets' must be a list")
    return [_parse_outlet(str(path), row, i) for i, row in enumerate(rows)]


class OutletTable:
    """Outlets indexed by domain, name and alias.

    Args:
        outlets: Outlets in priority order; a later outlet with the same ``id`` replaces an earlier one.
    """

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        by_id: dict[str, Outlet] = {}
        for o in outlets:
            by_id[o.id] = o
        self.outlets: tuple[Outlet, ...] = tuple(by_id.values())
        self._domains = {d: o for o in self.outlets for d in o.domains}
        self._names = {n.casefold(): o for o in self.outlets for n in o.names}
        self._automaton: Any = None

    @property
    def name_automaton(self) -> Any:
        """Case-sensitive Aho-Corasick automaton over every outlet name and alias (built once per table)."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for o in self.outlets:
                for n in o.names:
                    automaton.add_word(n, n)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def __len__(self) -> int:
        return len(self.outlets)

    def by_name(self, name: str) -> Outlet | None:
        """Look an outlet up by its name or an alias (case-insensitive)."""
        return self._names.get(name.strip().casefold())

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """Look an outlet up by the host of a URL, trying the host and each parent domain."""
        host = _host(url_or_host)
        labels = host.split(".")
        for i in range(len(labels) - 1):
            if (o := self._domains.get(".".join(labels[i:]))) is not None:
                return o
        return None

    def to_frame(self) -> Any:
        """Return the table as a pandas DataFrame (one row per outlet)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "id": o.id, "name": o.name, "aliases": "; ".join(o.aliases), "domains": "; ".join(o.domains),
                    "kind": o.kind, "wire": o.wire, "country": o.country, "ownership": o.ownership,
                    "parent": o.parent, "sources": "; ".join(f"{k}: {v}" for k, v in o.sources.items()),
                }
                for o in self.outlets
            ]
        )  # fmt: skip


def _host(url_or_host: str) -> str:
    s = url_or_host.strip().lower()
    host = urlsplit(s if "//" in s else f"//{s}").hostname or ""
    return host.removeprefix("www.")


@cache
def _extractor() -> Any:
    import tldextract

    # suffix_list_urls=() makes tldextract use the snapshot shipped in the package: no network at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(url: str) -> str | None:
    """Return the registered domain of a URL (``bbc.co.uk`` for ``https://www.bbc.co.uk/news``), offline."""
    host = _host(url)
    if not host:
        return None
    ext = _extractor()(host)
    return ext.top_domain_under_public_suffix or host


@cache
def _bundled_table() -> tuple[Outlet, ...]:
    return tuple(_read_table(lexicon_path("outlets.yaml")))


def load_outlet_table(extra: Sequence[str | Path] = (), *, bundled: bool = True) -> OutletTable:
    """Load the bundled outlet table plus user tables.

    Args:
        extra: Paths of user outlet tables (same YAML schema); their entries override bundled ones by ``id``.
        bundled: Include the bundled table.

    Raises:
        LexiconError: A table is malformed; the message names the file, line and problem.
    """
    outlets: list[Outlet] = list(_bundled_table()) if bundled else []
    for p in extra:
        outlets.extend(_read_table(Path(p)))
    return OutletTable(outlets)


# --- detection ---------------------------------------------------------------------------------------------


@dataclass
class OutletEvidence:
    """What the reader found in and around the text that may identify the outlet."""

    url: str | None = None
    site_name: str | None = None
    dateline_marker: str | None = None
    header_lines: Sequence[str] = ()
    signature_lines: Sequence[str] = ()
    page_urls: Sequence[str] = ()
    body: str = ""


# Phrases around an outlet's name that make it the speaker's own outlet ("told Sputnik", "Sputnik has
# learned") or another, cited outlet ("CNN reported", "according to the FT"). "told X" is both: it counts as a
# self-reference only when the outlet is not also cited elsewhere in the text.
_SELF_BEFORE = re.compile(r"\b(?:told|in an interview with|speaking to|speaking with|in comments to) $")
_SELF_AFTER = re.compile(r"(?: has)? learned\b|(?:'s)? correspondent\b")
_CITED_BEFORE = re.compile(
    r"\b(?:reported by|according to|citing|cited by|quoted by|reports? (?:in|by)|told) (?:the )?$"
)
_CITED_AFTER = re.compile(r" (?:reported|wrote|said|cited|quoted|revealed|published)\b")


def _mentions(table: OutletTable, kind: str, text: str) -> list[tuple[Outlet, str, int]]:
    """(outlet, phrase, position) for each outlet first mentioned in a ``kind`` ("self"/"cited") construction.

    Outlet names are found with one case-sensitive Aho-Corasick pass; only the few words around each name
    are then checked, so the cost does not grow with the size of the outlet table.
    """
    before_re, after_re = (_SELF_BEFORE, _SELF_AFTER) if kind == "self" else (_CITED_BEFORE, _CITED_AFTER)
    out: list[tuple[Outlet, str, int]] = []
    seen: set[str] = set()
    for end, name in table.name_automaton.iter(text):
        start = end - len(name) + 1
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")) or (
            end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] in "-_")
        ):
            continue  # not a whole word
        o = table.by_name(name)
        if o is None or o.id in seen:
            continue
        left = before_re.search(text, max(0, start - 40), start)
        right = after_re.match(text, end + 1)
        if left or right:
            seen.add(o.id)
            phrase = text[left.start() if left else start : right.end() if right else end + 1]
            out.append((o, phrase, left.start() if left else start))
    return out


def _info(
    name_outlet: Outlet | None,
    *,
    publisher: str | None,
    wire: str | None,
    domain: str | None,
    how: list[str],
    confidence: str,
    hints: list[str],
) -> OutletInfo:
    o = name_outlet
    return OutletInfo(
        name=o.name if o else publisher or wire,
        publisher=publisher,
        wire=wire,
        domain=domain,
        outlet_id=o.id if o else None,
        country=o.country if o else None,
        ownership=o.ownership if o else None,
        parent=o.parent if o else None,
        kind=o.kind if o else None,
        how=tuple(how),
        confidence=confidence if (publisher or wire) else "none",
        hints=tuple(hints),
        sources=dict(o.sources) if o else {},
    )


def detect_outlet(ev: OutletEvidence, table: OutletTable) -> OutletInfo:
    """Identify the publishing outlet and any wire agency behind an article.

    Args:
        ev: What the reader found: URL, metadata site name, dateline marker, header/footer lines, body.
        table: The outlet table.

    Returns:
        An :class:`OutletInfo`; ``name`` is ``None`` with ``hints`` filled when nothing identifies the outlet.
    """
    how: list[str] = []
    hints: list[str] = []
    publisher: Outlet | None = None
    publisher_name: str | None = None
    confidence = "none"
    domain = registered_domain(ev.url) if ev.url else None

    if ev.site_name:
        publisher = table.by_name(ev.site_name)
        publisher_name = publisher.name if publisher else ev.site_name.strip()
        how.append(f"metadata site name {ev.site_name.strip()!r}")
        confidence = "high"
    if ev.url and (o := table.by_domain(ev.url)) is not None and (publisher is None or publisher is o):
        publisher, publisher_name, confidence = o, o.name, "high"
        how.append(f"url domain {_host(ev.url)}")
    elif ev.url and publisher is None:
        hints.append(f"url domain {domain} is not in the outlet table")
    if publisher is None:
        for line in ev.signature_lines:
            for o in table.outlets:
                if any(p.search(line) for p in o.signatures):
                    publisher, publisher_name, confidence = o, o.name, "high"
                    how.append(f"signature line {line[:60]!r}")
                    break
            if publisher is not None:
                break

    wire: Outlet | None = None
    if ev.dateline_marker:
        for o in table.outlets:
            if any(p.search(ev.dateline_marker) for p in o.datelines):
                wire = o
                how.append(f"dateline marker {ev.dateline_marker}")
                break
        else:
            hints.append(f"dateline marker {ev.dateline_marker} is not in the outlet table")
    for line in ev.header_lines:
        o = table.by_name(line)
        if o is None or o is publisher or o is wire:
            continue
        if o.wire and wire is None:
            wire = o
            how.append(f"credit line {line!r}")
        elif publisher is None:
            publisher, publisher_name, confidence = o, o.name, "medium"
            how.append(f"credit line {line!r}")

    if publisher is None:
        page_hosts = {table.by_domain(u) for u in ev.page_urls} - {None}
        if len(page_hosts) == 1:
            o = page_hosts.pop()
            assert o is not None
            publisher, publisher_name, confidence = o, o.name, "medium"
            how.append(f"links on the page point to {', '.join(o.domains[:1])}")

    if publisher is None:
        self_ref = None
        for o, text, pos in _mentions(table, "self", ev.body):
            elsewhere = ev.body[:pos] + " " * len(text) + ev.body[pos + len(text) :]
            if any(c is o for c, _, _ in _mentions(table, "cited", elsewhere)):
                hints.append(f"cites {o.name} ({text!r} and elsewhere), taken as a cited outlet, not the publisher")
                continue
            self_ref = (o, text)
            break
        if self_ref is not None:
            publisher, publisher_name, confidence = self_ref[0], self_ref[0].name, "low"
            how.append(f"self-reference {self_ref[1]!r}")

    if publisher is None and wire is None:
        for o, text, _ in _mentions(table, "cited", ev.body):
            if not any(o.name in h for h in hints):
                hints.append(f"cites {o.name} ({text!r}), taken as a cited outlet, not the publisher")
        for line in ev.signature_lines:
            if m := re.search(r"\b(?:from|in|of) ((?:[A-Z][a-z]+ ?){1,3})\b", line):
                hints.append(f"footer mentions {m.group(1).strip()!r}: {line[:80]!r}")
            else:
                hints.append(f"unrecognised footer {line[:80]!r}")

    name_outlet = publisher or wire
    if confidence == "none" and wire is not None:
        confidence = "high"
    return _info(
        name_outlet,
        publisher=publisher_name,
        wire=wire.name if wire else None,
        domain=domain,
        how=how,
        confidence=confidence,
        hints=hints,
    )

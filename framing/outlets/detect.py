"""Outlet detection: name the outlet behind an article from what the reader found, never by guessing.

An outlet is named only from a URL domain, a metadata field, a signature or credit line, a wire dateline or a
self-reference ("told Sputnik") that is not also cited as another outlet. When none holds, the record says
unknown and lists the hints found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from framing.article import OutletInfo
from framing.outlets.table import Outlet, OutletTable, _host, registered_domain

__all__ = ["OutletEvidence", "detect_outlet"]


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
    page_publisher: str | None = None
    page_publisher_field: str = "page metadata"


# Phrases around an outlet's name that make it the speaker's own outlet ("told Sputnik", "Sputnik has
# learned") or another, cited outlet ("CNN reported", "according to the FT"). "told X" is both: it counts as a
# self-reference only when the outlet is not also cited elsewhere in the text.
_SELF_BEFORE = re.compile(r"\b(?:told|in an interview with|speaking to|speaking with|in comments to) $")
_SELF_AFTER = re.compile(r"(?: has)? learned\b|(?:'s)? correspondent\b")
_CITED_BEFORE = re.compile(
    r"\b(?:reported by|according to|citing|cited by|quoted by|reports? (?:in|by)|told) (?:the )?$"
)
_CITED_AFTER = re.compile(r" (?:reported|wrote|said|cited|quoted|revealed|published)\b")


def _name_hits(table: OutletTable, text: str) -> list[tuple[int, int, Outlet]]:
    """(start, end, outlet) of each whole-word outlet name or alias in ``text``, by one case-sensitive
    Aho-Corasick pass (the cost does not grow with the size of the outlet table)."""
    hits = []
    for end, (name, o) in table.name_automaton.iter(text):
        start = end - len(name) + 1
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")) or (
            end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] in "-_")
        ):
            continue  # not a whole word
        hits.append((start, end, o))
    return hits


def _mentions(
    table: OutletTable, kind: str, text: str, hits: list[tuple[int, int, Outlet]] | None = None
) -> list[tuple[Outlet, str, int]]:
    """(outlet, phrase, position) for each outlet first mentioned in a ``kind`` ("self"/"cited") construction.

    Only the few words around each name found (:func:`_name_hits`, or ``hits`` already found in ``text``) are
    checked.
    """
    before_re, after_re = (_SELF_BEFORE, _SELF_AFTER) if kind == "self" else (_CITED_BEFORE, _CITED_AFTER)
    out: list[tuple[Outlet, str, int]] = []
    seen: set[str] = set()
    for start, end, o in _name_hits(table, text) if hits is None else hits:
        if o.id in seen:
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

    # The page's own publisher name counts as a metadata site name when the table knows it; otherwise it is
    # only a fallback (below), with medium confidence.
    page_name, by_page = (ev.page_publisher or "").strip() or None, False
    site_name = ev.site_name or (page_name if page_name and table.by_name(page_name) is not None else None)
    if site_name:
        publisher = table.by_name(site_name)
        publisher_name = publisher.name if publisher else site_name.strip()
        how.append(f"metadata site name {site_name.strip()!r}")
        confidence = "high"
    if ev.url and (o := table.by_domain(ev.url)) is not None and (publisher is None or publisher is o):
        publisher, publisher_name, confidence = o, o.name, "high"
        how.append(f"url domain {_host(ev.url)}")
    elif ev.url and publisher is None:
        hints.append(f"url domain {domain} is not in the outlet table")
    if publisher is None:
        for line in ev.signature_lines:
            o = next((o for p, o in table.signatures if p.search(line)), None)
            if o is not None:
                publisher, publisher_name, confidence = o, o.name, "high"
                how.append(f"signature line {line[:60]!r}")
                break

    wire: Outlet | None = None
    if ev.dateline_marker:
        wire = next((o for p, o in table.datelines if p.search(ev.dateline_marker)), None)
        if wire is not None:
            how.append(f"dateline marker {ev.dateline_marker}")
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
        # keyed by id: an Outlet holds its citations in a dict, so it cannot go in a set
        page_hosts = {o.id: o for u in ev.page_urls if (o := table.by_domain(u)) is not None}
        if len(page_hosts) == 1:
            (o,) = page_hosts.values()
            publisher, publisher_name, confidence = o, o.name, "medium"
            how.append(f"links on the page point to {', '.join(o.domains[:1])}")

    if publisher is None and page_name and not site_name:
        # The page names its own publisher, but the table does not know it: reported, with less confidence
        # than a table entry, and without the table's facts (country, ownership).
        publisher_name, confidence, by_page = page_name, "medium", True
        how.append(f"page publisher {page_name!r} ({ev.page_publisher_field})")
        hints.append(f"publisher {page_name!r} is not in the outlet table")

    body_hits = None  # the outlet names in the body, found once for both constructions
    if publisher is None and not by_page:
        self_ref = None
        body_hits = _name_hits(table, ev.body)
        for o, text, pos in _mentions(table, "self", ev.body, body_hits):
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
        for o, text, _ in _mentions(table, "cited", ev.body, body_hits):
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

"""Clean raw scraped article text: normalise characters, drop page furniture, find headline and metadata.

HTML extractors do nothing useful on text that was already flattened by a scraper, so this module works on
lines. Every rule is general (a shape of line, a position in the page), never a list of strings from one site:

* a ``date YYYY-MM-DD URL`` scraper header line, also when the first paragraph is glued to it;
* timestamp lines and page-render dates (a date shown in the page chrome above the headline is never taken as
  the publication date);
* ad placeholders and page furniture (Advertisement, Dark Mode, Logo, newsletter / comment / archive widgets);
* flattened metadata dumps: keyword-tag lines, image / CDN URLs, contact lines, ``1920 1080 true``, locale codes;
* the headline repeated (kept once, as the title), decks, bylines, credit lines;
* related-headline lists and social footers after the last news paragraph;
* in a flattened page (at least ``_PAGE_DUMP_LINES`` lines that are not prose: menus, link lists), the article's
  block (:mod:`framing.io.blocks`: a line model over shallow features, the best-scoring run of lines, from the
  headline's repeat down), with menu runs inside it and the site's notices (comment rules, cookies, disclosures,
  promotions) removed; an article text, with few such lines, is left as the rules above have it;
* sentences broken across lines rejoined;
* curly / low quotes, ``''``, U+02BC apostrophes and non-breaking spaces normalised.

Example:
    >>> c = clean_text(" date 2024-01-02 https://example.com/a\\nBig Headline Here\\nAdvertisement\\n"
    ...                "Officials said the bridge would reopen on Monday.\\nfollow us on X")
    >>> c.title, c.date, c.text
    ('Big Headline Here', '2024-01-02', 'Officials said the bridge would reopen on Monday.')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from framing.article import RemovedLine
from framing.io.blocks import main_block
from framing.io.dates import WEEKDAY_RE, date_from_url, parse_date
from framing.io.normalise import normalise_text

__all__ = ["CleanedText", "PageLines", "clean_text", "page_lines"]

# --- line shapes -------------------------------------------------------------------------------------------

_HEADER = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})(?:\s+(https?://\S+))?\s*(.*)$", re.I)
_ISO_STAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$"
)
_CLOCK = r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}))?"
_CLOCK_STAMP = re.compile(
    rf"^(?:{_CLOCK}\s*[|,]?\s*)?(?:{WEEKDAY_RE}\s*)?[\w ,./]*\d{{4}}(?:\s*[|,]?\s*{_CLOCK})?"
    r"\s*(?:\((?:updated|modified)[^)]*\))?$",
    re.I,
)
_LABELLED_STAMP = re.compile(
    r"^(published|updated|modified|last updated|posted|date|created|first published)"
    r"(?:\s+(?:date|on|at))?\s*[:|-]?\s*(.+)$",
    re.I,
)
_WEEKDAY_LINE = re.compile(rf"^{WEEKDAY_RE}\s", re.I)
_DIGIT = re.compile(r"\d")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_IMAGE_URL = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$|[/.](?:cdn\d*|img|images?|static|media)[./]", re.I
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+\d[\d ()-]{7,}\d")
_NUMERIC_DUMP = re.compile(r"^(?=.*\d)[\d\s.,:x×/-]*(?:\s*(?:true|false))*$", re.I)
_LOCALE = re.compile(r"^[a-z]{2,3}[_-][A-Za-z]{2,4}$")
_BYLINE = re.compile(
    r"^(?:by|written by|author:?|reporting by)\s+([A-Z][\w.'-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'-]*){0,6})$", re.I
)
_BULLET = re.compile(r"^[-•*–—·]\s+")
_FURNITURE = re.compile(
    r"^(?:(?:adsense\s+)?advertisement|advert|ad|ads|sponsored(?: content)?|promoted|dark mode|light mode|logo|"
    r"menu|main menu|search|home|close|print|e-?mail|share(?: this(?: article| story)?)?|comments?|"
    r"comment\s*/\s*reply(?: from)?|leave a (?:comment|reply)|archive|archives|newsletter|newsletters|"
    r"please select a date!?|select (?:a )?date|skip to (?:main )?content|read more|read also|see also|related|"
    r"related (?:articles|news|stories|posts)|more (?:news|stories)|most (?:read|popular|viewed)|trending|"
    r"tags?:?|topics?:?|sign in|log in|login|register|subscribe|back to top|loading\.*|"
    r"listen(?: to (?:this )?article)?|\d+\s*min(?:ute)?s? read|cookies?(?: settings| policy)?|privacy policy|"
    r"terms of (?:use|service)|contact us|about us|all rights reserved\.?|next|previous|prev|top|video|photo|"
    r"gallery|live|breaking(?: news)?|latest(?: news)?|news|world|opinion)$",
    re.I,
)
_SOCIAL = re.compile(
    r"\bfollow us\b|\bfollow\b.{0,60}\bon (?:x|twitter|facebook|telegram|instagram|youtube|tiktok|linkedin)\b|"
    r"\bjoin (?:us|our)\b.{0,30}\b(?:telegram|channel|whatsapp|newsletter)\b|\bsubscribe to\b|\bsign up (?:for|to)\b|"
    r"\bmailing list\b|\bnewsletter\b|\bdownload (?:our|the) app\b|\ball rights reserved\b|©|\bcopyright\b|"
    r"\bshare (?:on|via) (?:facebook|x|twitter|whatsapp|telegram)\b|\bclick here\b",
    re.I,
)
# Cheap tests that must hold for the patterns above to match, tried first: every alternative of _SOCIAL holds one
# of these words (its own alternatives open with \b, which keeps the regex engine from skipping ahead, and it cost
# more than all the rest of reading), and a metadata dump opens with a digit, a separator or true / false.
# (searched in the lower-cased line: a case-insensitive alternation tries every branch at every character, 6x
# slower, and this search runs on nearly every line of a flattened page)
_SOCIAL_HINT = re.compile(
    "follow|join|subscribe|sign up|mailing list|newsletter|download|all rights reserved|©|copyright|share|click here"
)
_DUMP_FIRST = frozenset("0123456789 \t.,:x×/-tfTF")
_TERMINAL = re.compile(r"[.!?][\"')\]]*$|[.!?]\s*[\"']?$")
_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*(?:[A-Z][a-z]+\.?(?:\s+\d{1,2})?|\d{1,2}\s+[A-Z][a-z]+\.?)(?:,\s*\d{4})?)?\s*"
    r"(?P<marker>\([A-Za-z][\w .&/-]{0,25}\)|/[A-Za-z][\w .-]{0,15}/)?\s*[-–—:]+\s+(?=\S)"
)


@lru_cache(maxsize=8192)  # the rules ask about the same line several times
def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_terminal(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def _is_tag(line: str) -> bool:
    """A keyword-tag line: all lowercase, short, no sentence punctuation (``gaza strip``, ``a, b, c``)."""
    return (
        bool(line)
        and line == line.lower()
        and any(ch.isalpha() for ch in line)
        and not _is_terminal(line)
        and (_words(line) <= 6 or ("," in line and all(_words(p) <= 5 for p in line.split(","))))
    )


def _is_prose(line: str, bullet: bool) -> bool:
    """A news paragraph: a sentence-like line (capital or quote first, sentence end last) or a long line."""
    if bullet:
        return False
    n = _words(line)
    starts_like_sentence = line[:1].isupper() or line[:1] == '"'
    return (n >= 4 and starts_like_sentence and _is_terminal(line)) or n >= 25


def _timestamp_kind(line: str) -> tuple[str, str | None] | None:
    """Return (label, parsed date) when the line is only a timestamp or date, else None."""
    if not _DIGIT.search(line):  # every stamp below holds a year or a clock time; 4 lines in 5 have no digit
        return None
    return _stamp_rules(line)


def _stamp_rules(line: str) -> tuple[str, str | None] | None:
    m = _LABELLED_STAMP.match(line)
    if m and parse_date(m.group(2)) and _words(m.group(2)) <= 10:
        return m.group(1).lower(), parse_date(m.group(2))
    if _ISO_STAMP.match(line):
        return "iso", parse_date(line)
    if _words(line) <= 16 and _CLOCK_STAMP.match(line) and parse_date(line):
        if _WEEKDAY_LINE.match(line):
            return "weekday", parse_date(line)
        return ("clock" if ":" in line else "date"), parse_date(line)
    return None


# --- the cleaner -------------------------------------------------------------------------------------------


@dataclass
class CleanedText:
    """Result of :func:`clean_text`: the body and everything found around it."""

    text: str
    title: str | None = None
    date: str | None = None
    date_how: str | None = None
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None
    dateline_marker: str | None = None
    summary: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    header_lines: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass
class _Line:
    no: int  # 1-based line number in the raw text
    text: str
    bullet: bool = False
    kind: str = "text"  # text | removed | blank
    reason: str = ""
    outside: bool = False  # outside the article's block of a flattened page (above or below it)


def _page_block(live: list[_Line], prose_idx: list[int], drop: Any) -> tuple[list[_Line], list[int], str | None]:
    """Restrict a flattened page to its article's block; drop what jusText and the extracted-text shapes reject.

    The block is the best-scoring run of lines by the line model (:func:`~framing.io.blocks.main_block`), grown over
    the prose lines right next to it (a short last paragraph scores little), and ended above an author bio among its
    last sentences. Inside it, a line that is not prose and that jusText calls bad (a menu item, a button between
    paragraphs) goes unless it shows the signs of a code line or a list item (``=``, brackets, ``/``, ``a_b``);
    anywhere, a promotion, contact, label or bio line (:func:`~framing.io.extracted.paragraph_reason`) goes. Lines
    above and below the block are marked ``outside``: those above stay for the headline search, those below are not
    taken back as a short last paragraph.
    """
    from framing.io.extracted import _BIO, paragraph_reason  # extracted.py builds on this module

    texts = [ln.text for ln in live]
    prose = set(prose_idx)
    gaps = [1, *(b.no - a.no for a, b in pairwise(live))]
    found = main_block(texts, [k in prose for k in range(len(live))], gaps)
    if found is None:
        return live, prose_idx, None
    (lo, hi), classes = found
    while lo - 1 in prose:
        lo -= 1
    # (and over a sub-heading between two paragraphs: a short last section scores too little on its own)
    while hi + 1 in prose or (hi + 2 in prose and _words(texts[hi + 1]) <= 8 and not _is_terminal(texts[hi + 1])):
        hi += 1
    # An author box closes the article: a bio among the block's last sentences ends the block above it (and
    # the teasers after the bio go with it).
    inside = [k for k in range(lo, hi + 1) if k in prose]
    for j in range(max(1, len(inside) - _BIO_LAST), len(inside)):
        if _BIO.match(texts[inside[j]]):
            hi = inside[j] - 1
            break
    if not any(lo <= k <= hi for k in prose_idx):
        return live, prose_idx, None
    # The article starts under its headline: the page's <title> comes first in a dump ("Headline | Site"), the
    # headline itself again right above the article; what lies between that repeat and the block is the lead-in
    # (deck, byline, ingredients, a list), kept.
    head = _headline_repeat(texts, lo)
    if head is not None:
        lo = head + 1
    # (lines outside the block go anyway: above it, as page furniture; below it, as the footer)
    for k in range(lo, hi + 1):
        ln = live[k]
        if (reason := paragraph_reason(ln.text, notices=True)) is not None:
            drop(ln, reason)
        elif (
            _DROP_BAD
            and k not in prose
            and classes[k] == "bad"
            and not _code_or_list(ln.text)
            and (k - 1 not in prose or k + 1 not in prose)  # in a run of such lines (a menu), not a lone heading
        ):
            drop(ln, "boilerplate (jusText class)")
    for k, ln in enumerate(live):
        ln.outside = k < lo or k > hi
    kept = [(k, ln) for k, ln in enumerate(live) if ln.kind == "text"]
    headline = texts[head] if head is not None else None
    return [ln for _, ln in kept], [j for j, (k, _) in enumerate(kept) if k in prose and lo <= k <= hi], headline


def _code_or_list(line: str) -> bool:
    """A code line or a list item (``x = f(a)``, ``1 can (20 oz) pineapple``, ``another_mod.py``): jusText calls it
    bad for its few stop words, but a menu item or a link's headline rarely has these signs."""
    return bool(_CODE_OR_LIST.search(line)) and not _HANDLE.search(line)


def _headline_repeat(texts: list[str], lo: int) -> int | None:
    """Index of the last headline-like line within _LEAD_IN lines above ``lo`` that repeats an earlier line's
    start (the page title), or None."""
    for k in range(lo - 1, max(-1, lo - 1 - _LEAD_IN), -1):
        t = texts[k]
        if 3 <= _words(t) <= 40 and not _is_terminal(t) and any(x.startswith(t) for x in texts[:k]):
            return k
    return None


# Where a publication date comes from, best first. Page-render dates ("weekday" lines above the headline)
# are never candidates.
# A text with at least this many lines that are not prose (menus, link lists, buttons) left after the line
# rules is a flattened page, whose article is looked for as a block; an article text is left as it is.
_PAGE_DUMP_LINES = 12
# How far above the article's block its headline may be (lines of deck, byline, ingredients, lists).
_LEAD_IN = 60
_DROP_BAD = True
# How many of the block's last sentences are looked at for an author bio.
_BIO_LAST = 3
_CODE_OR_LIST = re.compile(r"[=(){}\[\];/]|\w[._]\w")
_HANDLE = re.compile(r"@\w")  # a social handle (@Jane_Doe) is no identifier

_DATE_PRIORITY = ("header", "published", "first published", "posted", "created", "date", "iso", "clock", "url")


def _drop(ln: _Line, reason: str) -> None:
    ln.kind, ln.reason = "removed", reason


def _line_rules(
    raw: str, title: str | None
) -> tuple[CleanedText, list[_Line], list[_Line], list[int], list[tuple[str, str, int]], str | None]:
    """Steps 1-3 of :func:`clean_text`: the line rules; the lines left (``live``), which of them are prose, the
    timestamps seen and the title (``""`` when a lone line must be the body)."""
    out = CleanedText(text="")
    lines = [_Line(i, s) for i, s in enumerate(normalise_text(raw).split("\n"), start=1)]
    stamps: list[tuple[str, str, int]] = []  # (label, date, index)

    # 1. Scraper header line, possibly with the first paragraph glued on.
    first = next((ln for ln in lines if ln.text), None)
    if first is not None and (m := _HEADER.match(first.text)):
        stamps.append(("header", m.group(1), -1))
        if m.group(2):
            out.url = m.group(2)
        out.removed.append(RemovedLine(first.no, first.text[: m.start(3)].strip(), "scraper header"))
        first.text = m.group(3).strip()

    # 2. Shapes that are never news text, wherever they are.
    for i, ln in enumerate(lines):
        s = ln.text
        if not s:
            ln.kind = "blank"
            continue
        if _BULLET.match(s):
            ln.bullet, s = True, _BULLET.sub("", s)
            ln.text = s
        if (stamp := _timestamp_kind(s)) is not None:
            stamps.append((stamp[0], stamp[1] or "", i))
            _drop(ln, "timestamp")
        elif _FURNITURE.match(s):
            _drop(ln, "page furniture")
        elif _URL_LINE.match(s):
            out.urls.append(s)
            _drop(ln, "image url" if _IMAGE_URL.search(s) else "url")
        elif ("@" in s and _EMAIL.search(s)) or ("+" in s and _PHONE.search(s) and _words(s) <= 15):
            out.signature_lines.append(s)
            _drop(ln, "contact line")
        elif (s[0] in _DUMP_FIRST and _NUMERIC_DUMP.match(s)) or _LOCALE.match(s):
            _drop(ln, "metadata dump")
        elif _words(s) <= 30 and _SOCIAL_HINT.search(s.lower()) and _SOCIAL.search(s):
            out.signature_lines.append(s)
            _drop(ln, "social footer")
        elif (m := _BYLINE.match(s)) and out.byline is None:
            out.byline = m.group(1).strip()
            _drop(ln, "byline")

    # 3. Rejoin sentences broken across adjacent lines.
    for a, b in pairwise(lines):
        if (
            a.kind == b.kind == "text"
            and not a.bullet
            and not b.bullet
            and b.text[:1].islower()
            and not _is_terminal(a.text)
            and a.text != a.text.lower()
            and _words(a.text) >= 5
            and not _is_tag(b.text)
        ):
            b.text = f"{a.text} {b.text}"
            a.kind = "joined"

    live = [ln for ln in lines if ln.kind == "text"]
    prose_idx = [k for k, ln in enumerate(live) if _is_prose(ln.text, ln.bullet)]
    if not prose_idx and not title:
        # No sentence-like line at all (one unpunctuated paragraph, a bare record text): keep every line that
        # is not a tag rather than lose the article.
        prose_idx = [k for k, ln in enumerate(live) if _words(ln.text) >= 4 and not ln.bullet and not _is_tag(ln.text)]
        if len(prose_idx) == 1:
            title = ""  # a lone line is the body, not a headline
    return out, lines, live, prose_idx, stamps, title


def _is_page_dump(live: list[_Line], prose_idx: list[int]) -> bool:
    return bool(prose_idx) and len(live) - len(prose_idx) >= _PAGE_DUMP_LINES


@dataclass
class PageLines:
    """The lines of a flattened page that its article's block is looked for in (see :func:`page_lines`)."""

    numbers: list[int]  # 1-based line numbers in the raw text
    texts: list[str]
    prose: list[bool]

    @property
    def gaps(self) -> list[int]:
        """Raw lines from each line to the one before it (1: adjacent; more: a blank or removed line between)."""
        return [1, *(b - a for a, b in pairwise(self.numbers))]


def page_lines(raw: str) -> PageLines | None:
    """The lines that :func:`clean_text` looks for the article's block in, after its line rules; None when the text
    is not a flattened page (an article text, with few lines that are not prose). For training the line model.

    Example:
        >>> page_lines("Officials said the bridge would reopen on Monday.") is None
        True
    """
    _, _, live, prose_idx, _, _ = _line_rules(raw, None)
    if not _is_page_dump(live, prose_idx):
        return None
    prose = set(prose_idx)
    return PageLines([ln.no for ln in live], [ln.text for ln in live], [k in prose for k in range(len(live))])


def clean_text(raw: str, *, title: str | None = None) -> CleanedText:
    """Clean raw scraped article text.

    Args:
        raw: The text as scraped (any line ends, any quotes).
        title: A headline already known from metadata; its repeats are removed from the body.

    Returns:
        A :class:`CleanedText` whose ``text`` holds the news paragraphs separated by blank lines, and whose
        other fields hold the metadata found and every removed line with its reason.
    """
    out, lines, live, prose_idx, stamps, title = _line_rules(raw, title)
    drop = _drop

    # 3b. A flattened page (menus, link lists left): the article is a block of it (framing/io/blocks.py).
    page_headline = None
    if _is_page_dump(live, prose_idx):
        live, prose_idx, page_headline = _page_block(live, prose_idx, drop)
    # 4. Headline: a repeated headline-like line, else the metadata title, else the first headline-like line
    # above the body.
    head_zone = live[: prose_idx[0]] if prose_idx else live
    counts = Counter(ln.text for ln in live)
    candidates = [ln for ln in head_zone if not ln.bullet and 3 <= _words(ln.text) <= 40 and not _is_tag(ln.text)]
    repeated = [ln for ln in candidates if counts[ln.text] > 1]
    if title:
        out.title = normalise_text(title).replace("\n", " ")
    elif title == "":
        pass
    elif page_headline:
        out.title = page_headline
    elif repeated:
        out.title = repeated[0].text
    elif candidates:
        out.title = candidates[0].text
    title_key = (out.title or "").casefold()
    title_line_pos = next((k for k, ln in enumerate(live) if ln.text.casefold() == title_key), None)

    # Page chrome above the headline: any date there is the page-render date, never the publication date.
    if title_line_pos is not None:
        title_raw_index = lines.index(live[title_line_pos])
        for _, _, idx in stamps:
            if 0 <= idx < title_raw_index:
                lines[idx].reason = "page-render date"
        stamps = [s for s in stamps if s[2] == -1 or s[2] > title_raw_index]
    stamps = [s for s in stamps if s[0] != "weekday"]

    # 5. Classify the remaining lines by position: header zone, body, footer.
    if prose_idx:
        start, end = prose_idx[0], prose_idx[-1]
        # A short last paragraph ("He declined to comment.") still belongs to the body.
        while end + 1 < len(live) and _is_terminal(live[end + 1].text) and not live[end + 1].bullet \
                and live[end + 1].text[:1].isupper() and _words(live[end + 1].text) >= 3 \
                and not live[end + 1].outside:  # fmt: skip
            end += 1
    else:
        start, end = len(live), len(live) - 1
    body: list[str] = []
    for k, ln in enumerate(live):
        s = ln.text
        if s.casefold() == title_key:
            drop(ln, "headline" if k == title_line_pos else "repeated headline")
        elif k < start and ln.outside:
            if _words(s) <= 5 and not _is_tag(s):
                out.header_lines.append(s)
            drop(ln, "outside the article block")
        elif k < start:
            if (ln.bullet and (_words(s) >= 8 or _is_terminal(s))) or (_words(s) >= 8 and not _is_tag(s)):
                out.summary.append(s)
                drop(ln, "summary / deck")
            else:
                out.header_lines.append(s)
                drop(ln, "keyword tag" if _is_tag(s) else "header line")
        elif k > end:
            if _words(s) <= 5 and not _is_tag(s):
                out.header_lines.append(s)
            drop(ln, "related headline" if ln.bullet else "keyword tag" if _is_tag(s) else "footer")
        elif _is_tag(s):
            drop(ln, "keyword tag")
        elif not _is_terminal(s) and _words(s) <= 12 and not ln.bullet and k + 1 <= end and s[:1].isupper():
            out.headings.append(s)
            drop(ln, "sub-heading")
        else:
            body.append(s)

    # 6. Dateline ("ISTANBUL (AA) - ..."): keep place and agency marker, strip from the first paragraph.
    if body and (m := _DATELINE.match(body[0])) and sum(ch.isupper() for ch in m.group("place")) >= 2:
        out.dateline = m.group("place").strip().title() if m.group("place") else None
        out.dateline_marker = m.group("marker")
        body[0] = body[0][m.end() :]

    # 7. Publication date by source priority.
    found = {label: d for label, d, _ in reversed(stamps) if d}
    if out.url and (d := date_from_url(out.url)):
        found.setdefault("url", d)
    for label in _DATE_PRIORITY:
        if label in found:
            out.date, out.date_how = found[label], label
            break

    out.text = "\n\n".join(body)
    out.removed.extend(RemovedLine(ln.no, ln.text, ln.reason) for ln in lines if ln.kind == "removed")
    out.removed.sort(key=lambda r: r.line)
    return out

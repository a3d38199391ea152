"""Light cleaning of text an HTML extractor already isolated (trafilatura's main text of a page).

The extractor chose the article's block from the page structure, so its paragraphs are trusted: the scrape
cleaner's line filters (headings, short lines, lines outside the longest run of prose), written for flattened
page text, would undo its work. Only what extractors keep inside the article's block is removed, each by a
general shape, never by a site's wording:

* promotion and subscription boxes, social and copyright lines (a call to sign up, subscribe, follow, download
  an app, a copyright sign), at most a few dozen words, and the short heading right above such a box;
* contact lines (an e-mail address or phone number in a short line), bare URLs and domain names;
* timestamps and ``Label: value`` metadata lines (``Category: Press Releases``, ``Release Date:``);
* words mixing Latin with Cyrillic or Greek letters (look-alike spelling, used by ads to dodge filters);
* a closing author bio (``Jane Doe is a reporter at ...``) in the last paragraphs;
* the headline repeated at the top.

Example:
    >>> c = clean_extracted("Bridge Reopens\\nOfficials said the bridge would reopen on Monday.\\n"
    ...                     "Sign up for our newsletter to get the latest news.", title="Bridge Reopens")
    >>> c.text, [r.reason for r in c.removed]
    ('Officials said the bridge would reopen on Monday.', ['headline', 'promotion'])
"""

from __future__ import annotations

import re
from itertools import pairwise

from framing.article import RemovedLine
from framing.io.clean import _DATELINE, _EMAIL, _FURNITURE, _PHONE, CleanedText, _timestamp_kind, _words
from framing.io.dates import parse_date
from framing.io.normalise import normalise_text

__all__ = ["clean_extracted", "paragraph_reason"]

# A call to act on the site rather than news: subscribe, sign up, follow, log in, download the app, share,
# copyright. Looked for in lines of at most _PROMO_WORDS words only (an article may quote such words).
_PROMO = re.compile(
    r"\bsign(?:ing)? up\b|\bsubscri(?:be|bing|bers?|ption)\b|\bnewsletters?\b|\bfollow (?:us|\w+(?: \w+){0,3} on)\b|"
    r"\bdownload (?:our|the)\b.{0,40}\bapps?\b|\bapps? for (?:ios|android)\b|©|\bcopyright(?:ed)?\b|"
    r"\ball rights reserved\b|\bclick here\b|\b(?:share|like) (?:this|us) on\b|\bwhatsapp\b|"
    r"\bunlimited (?:digital )?access\b|\bnever miss\b|\bby email\b|\bsend us\b|\badvertise with\b",
    re.I,
)
_PROMO_WORDS = 60
# Lower-case pieces one of which every match of _PROMO / _SITE_NOTICE holds (for _PROMO, a literal piece of each
# alternative, spaces included): a substring test first, as the alternations (each opening with \b) cost more
# than everything else on a flattened page. Pieces as short as "app" or "like" let a third of a page's lines
# through ("happen", "likely") for 0.3 ms a dump.
_PROMO_HINTS = ("sign up", "signing up", "subscri", "newsletter", "follow ", "download ", "app for", "apps for",
                "©", "copyright", "all rights reserved", "click here", " this on", " us on", "whatsapp",
                "unlimited ", "never miss", "by email", "send us", "advertise with")  # fmt: skip
_NOTICE_HINTS = ("comment", "email address", "notify me", "leave a", "discussion", "cookie", "privacy", "terms",
                 "blocker", "advertis", "affiliate", "associate", "compensation", "commission", "qualifying",
                 "advice", "the latest")  # fmt: skip
# The site speaking about itself: comment rules, cookie and privacy notices, advertising and affiliate
# disclosures, "the latest news" teasers. Also in short lines only.
_SITE_NOTICE = re.compile(
    r"\bcomments? (?:are|is|will be|may be) (?:moderated|republished|reviewed)\b|\bcomments? (?:policy|section)\b|"
    r"\bemail address(?:es)? will not be published\b|\bnotify me of\b|\bleave a (?:comment|reply)\b|"
    r"\bto (?:leave|post) a comment\b|\bview the discussion\b|\bdiscussion thread\b|"
    r"\b(?:uses?|use of|accept|enable|disable) (?:the )?cookies\b|\bcookie (?:policy|settings|preferences)\b|"
    r"\bprivacy policy\b|\bterms (?:and conditions|of (?:use|service))\b|\bad-?blocker\b|"
    r"\badvertising disclos|\baffiliate (?:links?|commissions?|program)|\bassociates? program\b|"
    r"\b(?:receive|earn|make) (?:a )?(?:small )?(?:compensation|commissions?)\b|\bqualifying purchases\b|"
    r"\bdoes not (?:offer|provide|give) (?:medical|legal|financial) advice\b|\bthe latest (?:news|stories)\b",
    re.I,
)
_BOX_SPAN = 10
_DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,13}(?:/\S*)?$", re.I)
# "Category : Press Releases", "News date : 04/21/2022 Category : Press Releases", "Release Date:"
_LABEL = re.compile(r"^(?:[A-Z][\w-]*(?: [\w-]+)? ?: ?(?:[^\s:.!?]+(?: [^\s:.!?]+){0,3})?\s*){1,3}$")
_STAMP_WORD = re.compile(r"\b(?:last modified|last updated|modified|updated|created|published|posted)\b", re.I)
_NUM_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b")
_LATIN = re.compile(r"[A-Za-z]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'-]+ ){1,3}(?:is|was|has been|writes|covers)\b.{0,120}\b(?i:writer|journalist|reporter|editor|"
    r"founder|author|correspondent|contributor|columnist|consultant|producer|professor|freelancer|blogger)\b"
)


def _mixed_script(line: str) -> bool:
    """A word spelled with Latin and Cyrillic / Greek look-alike letters together (``Аdvеrtіѕе``)."""
    if line.isascii() or not _OTHER_SCRIPT.search(line):
        return False
    return any(_LATIN.search(w) and _OTHER_SCRIPT.search(w) for w in line.split() if len(w) > 2)


def paragraph_reason(line: str, *, notices: bool = False) -> str | None:
    """Why an extracted paragraph is not article text, or None when it is.

    Args:
        line: One paragraph.
        notices: Also reject the site's notices about itself (comment rules, cookies, disclosures): for
            flattened pages, where nothing else has taken them out; an extractor's text rarely holds them.
    """
    n = _words(line)
    # (the scrape cleaner has already tried furniture and timestamps on a flattened page's lines)
    if not notices and _FURNITURE.match(line):
        return "page furniture"
    if " " not in line and "." in line and _DOMAIN_LINE.match(line):
        return "url"
    if (not notices and _timestamp_kind(line) is not None) or (
        n <= 15 and line[-1:] not in ".!?" and _STAMP_WORD.search(line) and (parse_date(line) or _NUM_DATE.search(line))
    ):
        return "timestamp"
    low = line.lower() if n <= _PROMO_WORDS and line[:1] != '"' else ""  # not a quotation
    if low and any(h in low for h in _PROMO_HINTS) and _PROMO.search(line):
        return "promotion"
    if notices and low and any(h in low for h in _NOTICE_HINTS) and _SITE_NOTICE.search(line):
        return "site notice"
    if n <= 40 and (("@" in line and _EMAIL.search(line)) or ("+" in line and _PHONE.search(line))):
        return "contact line"
    if n <= 10 and ":" in line and _LABEL.match(line):
        return "metadata label"
    if _mixed_script(line):
        return "look-alike letters"
    return None


def clean_extracted(text: str, *, title: str | None = None) -> CleanedText:
    """Clean the main text of a page found by an HTML extractor (one paragraph a line).

    Args:
        text: The extractor's text.
        title: The headline from the page's metadata; a repeat of it at the top is removed.

    Returns:
        A :class:`~framing.io.clean.CleanedText` with the kept paragraphs and every removed one with its reason.
    """
    out = CleanedText(text="", title=normalise_text(title).replace("\n", " ") if title else None)
    lines = [(no, s) for no, s in enumerate(normalise_text(text).split("\n"), start=1) if s]
    reasons: list[str | None] = [paragraph_reason(s) for _, s in lines]
    title_key = (out.title or "").casefold()
    for k, (_, s) in enumerate(lines[:3]):
        if title_key and s.casefold() == title_key:
            reasons[k] = "headline"
    # A short heading right above a promotion box ("PC Gamer Newsletter") belongs to the box.
    for k in range(len(lines) - 1):
        s = lines[k][1]
        if reasons[k] is None and reasons[k + 1] == "promotion" and _words(s) <= 6 and s[-1:] not in ".!?\"'":
            reasons[k] = "promotion"
    # A box: short paragraphs between two promotion lines a few lines apart (the offer's list of perks).
    promo = [k for k, r in enumerate(reasons) if r == "promotion"]
    for a, b in pairwise(promo):
        if 1 < b - a <= _BOX_SPAN and all(_words(lines[k][1]) <= 40 for k in range(a + 1, b)):
            for k in range(a + 1, b):
                reasons[k] = reasons[k] or "promotion"
    # A line announcing what follows ("More information:") with nothing of the article after it.
    for k, (_, s) in enumerate(lines):
        if reasons[k] is None and s.endswith(":") and all(r is not None for r in reasons[k + 1 :]):
            reasons[k] = "list intro without its list"
    # A closing author bio.
    kept = [k for k, r in enumerate(reasons) if r is None]
    for k in kept[-2:]:
        if _BIO.match(lines[k][1]) and len(kept) > 2:
            reasons[k] = "author bio"
    body: list[str] = []
    for (no, s), reason in zip(lines, reasons, strict=True):
        if reason is None:
            body.append(s)
            continue
        out.removed.append(RemovedLine(no, s, reason))
        if reason in {"promotion", "contact line"}:
            out.signature_lines.append(s)
        elif reason == "url":
            out.urls.append(s)
    # A dateline is noted (a wire marker names the agency) but left in the text: it is part of the article.
    if body and (m := _DATELINE.match(body[0])) and sum(ch.isupper() for ch in m.group("place")) >= 2:
        out.dateline = m.group("place").strip().title()
        out.dateline_marker = m.group("marker")
    out.text = "\n\n".join(body)
    return out

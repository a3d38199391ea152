"""Source phrases: where a cue's source lies (before it, after a post-cue or inverted cue, in a passive's
"by" phrase, an appositive or an aside)."""

from __future__ import annotations

import re

from framing.measures.attribution._words import (
    _APPOSITIVE_AFTER_MAX,
    _APPOSITIVE_NAME,
    _AUXILIARIES,
    _CAP,
    _DASHES,
    _DETERMINERS,
    _LEADING_DROP,
    _NAME_BEFORE,
    _NAME_JOIN,
    _PARTY_TAG,
    _POSSESSIVES,
    _POST_CUES,
    _Cue,
    _is_adverb,
    _is_word,
    _rstrip_end,
    _skip_leading,
    _word_offset,
    _word_start,
)
from framing.measures.attribution.subjects import _fronted_subject, _opening_name, _relative_source, _subject
from framing.text.sentences import Sentence, is_abbreviation


def _owner(norm: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """For a cue read as a noun: whose it is ("Trump's false claims", "his claim"), an empty span when a
    determiner shows it has no owner ("the claim that"), ``None`` when nothing before the cue marks a noun."""
    lo = max(sent_start, cue_start - 60)
    words = norm[lo:cue_start].split()
    for k in range(len(words) - 1, max(len(words) - 4, -1), -1):  # the word before the cue and two more
        w = words[k]
        low = w.lower()
        if low in _POSSESSIVES:
            s = _word_offset(norm, words, k, lo, cue_start)
            return s, s + len(w)
        if (cut := 2 if low.endswith(("'s", "’s")) else 1 if low.endswith(("s'", "s’")) else 0) and w[:1].isupper():
            end = _word_offset(norm, words, k, lo, cue_start) + len(w) - cut  # "Trump's", "Hamas'"
            name = _NAME_BEFORE.search(norm, max(sent_start, end - 80), end)
            return (name.start(), end) if name is not None else (end - len(w) + cut, end)
        if low in _DETERMINERS:
            return cue_start, cue_start
        if not _is_word(w):
            return None
    return None


# where a source after its cue ends; not at "for", which belongs to it ("said a spokesman for the ministry")
_POST_SOURCE_END = re.compile(r"[,;:?!\"()]|\.(?=\s|$)|\s(?:in|on|at|during|after|before|about|with|to|that)\s")

# cues whose next phrase is the person addressed, never an inverted source ("..., Lazzarini, told a UN meeting")
# verbs whose next noun phrase is their object, never an inverted source ("The White House, though, rejected
# Boehner's claims")
_TAKES_OBJECT = frozenset(
    "accuse blame condemn denounce decry criticise criticize dismiss refute rebut rebutted reject deny discuss "
    "praise defend endorse oppose question thank welcome mock attacked supported backed portray challenged slam "
    "slammed slamming blasted demand seek sought request highlight echo remind expose reveal downplay "
    "disputed tout trumpet threaten promise pledge refuse decline want hope fear know knows knew sees feel felt "
    "show showed shown found finds call announce".split()
) | {"played down", "called on", "call for", "called for", "calls for", "calling for"}

_OBJECT_CUES = frozenset("told tell tells asked ask asks urged urge urges informed briefed assured reminded".split())

_INVERTED_NEXT = re.compile(
    r"\s*(?:[A-Z]|(?:a|an|the|one|another|two|three|several|some|many|his|her|their)\s"
    # a bare plural source: "..., said officials in Cairo"
    r"|(?:officials|sources|analysts|experts|witnesses|residents|diplomats|observers|critics|police|medics|doctors"
    r"|activists|investigators|authorities|prosecutors|lawmakers|aides)\b"
    # a title before a name: "said former Utah governor Michael Leavitt"
    r"|(?:former|retired|then|acting|longtime|veteran|outgoing|incoming)\s)"
)


def _source_phrase(norm: str, sent: Sentence, cue: _Cue, stripped: int) -> tuple[int, int] | None:
    """The whole source phrase of a cue: the subject before it, or the phrase after a post-cue or inverted cue
    (``stripped``: where the text before the cue ends, trailing spaces left out)."""
    low = norm[cue.start : cue.end].lower()
    if cue.match is not None and low in _POST_CUES:
        return _after(norm, sent, cue.end)
    if cue.nominal and (owner := _owner(norm, sent.start, cue.start)) is not None:
        return owner if owner[0] < owner[1] else None  # "Trump's false claims that": Trump; "the claim that": none
    last = norm[stripped - 1] if stripped > sent.start else ""
    if last == "," and (appositive := _appositive_subject(norm, sent, cue.start, stripped)) is not None:
        return appositive
    if last == "," and (aside := _ADVERB_ASIDE.search(norm, max(sent.start, stripped - 40), stripped)) is not None:
        # "Government lawyers, though, said the ruling stands": the subject before the aside, not an inversion
        before = _subject(norm, sent.start, aside.start())
        words = norm[before[0] : before[1]].lower().split() if before is not None else []
        if before is not None and len(words) <= 4 and not any(w in _AUXILIARIES or w.endswith("ed") for w in words):
            return before  # (a clause before the aside is content: "The plan failed, though, said Smith")
    if (
        cue.match is not None
        and last in {"", ",", '"'}
        and cue.entry.rsplit(":", 1)[-1] not in _TAKES_OBJECT
        and _inverts(norm, cue.end, low)
    ):
        after = _after(norm, sent, cue.end)
        head = norm[after[0] : after[1]].split(",", 1)[0] if after is not None else ""
        if after is None or not _AUXILIARIES.intersection(head.lower().split()):
            return after
        # "Several candidates, including Trump, said the plan was bad": a clause follows, not a source
    if last in _DASHES and (aside := _dash_aside(norm, sent.start, stripped - 1)) is not None:
        return aside
    if last == ")" and (tag := _PARTY_TAG.search(norm, max(sent.start, stripped - 24), stripped)) is not None:
        # "Rep. Steve Israel (D-N.Y.) said": the subject is the name before the party tag, which belongs to it
        found = _subject(norm, sent.start, tag.start())
        return (found[0], stripped) if found is not None else None
    return (
        _subject(norm, sent.start, cue.start)
        or _relative_source(norm, sent.start, cue.start)
        or (_fronted_subject(norm, sent.start, stripped) if last == "," else None)
    )


def _opening_dash(norm: str, sent_start: int, closing: int) -> int | None:
    """Where the aside that a dash at ``closing`` ends began (" - including Muslims, Christians -"), if it did."""
    dash = norm[closing]
    if dash == "-" and not norm.startswith(" -", closing - 1):
        return None  # a hyphen inside a word
    opening = norm.rfind(" " + dash + " ", sent_start, closing - 1)
    return opening if opening >= 0 else None


def _dash_aside(norm: str, sent_start: int, closing: int) -> tuple[int, int] | None:
    """A subject, then an aside between dashes, then the cue ("Many speakers at the service - including Muslims,
    Christians - said"): from the subject to the aside's end."""
    opening = _opening_dash(norm, sent_start, closing)
    found = _subject(norm, sent_start, opening + 1) if opening is not None else None
    return (found[0], _rstrip_end(norm, sent_start, closing)) if found is not None else None


_PASSIVE_BE = frozenset("is are was were be been being stands stand stood remains remain remained".split())

_GROUP_ADVERBS = frozenset("still also widely not n't now long already further often generally once never ever first "
                           "just even since".split())  # fmt: skip

_IRREGULAR_PARTICIPLES = frozenset("said told thought known seen shown heard found held".split())

_BY_AFTER = re.compile(r"(?:\s+(?!to\b|be\b)[\w'-]+){0,4}?\s+by\s")  # not "believed to be held by Hamas"


def _by_phrase(norm: str, sent: Sentence, cue_end: int) -> tuple[int, int] | None:
    """The agent of a passive cue: "accused of genocide by South Africa"."""
    by = _BY_AFTER.match(norm, cue_end, sent.end)
    return _after(norm, sent, by.end()) if by is not None else None


def _passive(norm: str, sent_start: int, cue_start: int, low: str) -> bool:
    """Whether the cue is a passive participle ("stands accused", "are still believed", "was told")."""
    if not (low.endswith("ed") or low in _IRREGULAR_PARTICIPLES):
        return False
    for word in reversed(norm[max(sent_start, cue_start - 40) : cue_start].split()):
        w = word.lower()
        if w not in _GROUP_ADVERBS and not _is_adverb(word):
            return w in _PASSIVE_BE
    return False


def _appositive_subject(norm: str, sent: Sentence, cue_start: int, stripped: int) -> tuple[int, int] | None:
    """When a comma ends the text before the cue: a name and its aside ("Dana Rusk, a spokesperson for the
    front, said"; "Adam B. Schiff, a Democrat of California and a member of ..., said"), else ``None``."""
    appos = None
    for found in _APPOSITIVE_NAME.finditer(norm, sent.start, cue_start):
        appos = found
    if appos is not None and norm.tokens.count(appos.end(), cue_start) <= 12:
        return appos.start(1), stripped - 1
    opens = _after_opening_quote(norm, sent.start, stripped - 1)
    if (name := _opening_name(norm, opens, stripped - 1)) is not None:
        aside = norm[name[1] : stripped].lstrip(" ,").split(None, 1)
        if aside and aside[0].rstrip(",").lower() in _NOT_APPOSITIVE:
            return name  # "Benjamin Netanyahu, in turn, said": an adverbial aside is not part of the source
        return _skip_leading(norm, opens, stripped - 1), stripped - 1
    return _name_in_apposition(norm, sent.start, stripped - 1)


def _after_opening_quote(norm: str, sent_start: int, end: int) -> int:
    """Where the sentence's own words start before ``end``: after the quotation that opens it, if one does
    ('"...," Sarah Warbelow, legal director ..., said'), else at its start."""
    quote = norm.rfind('"', sent_start, end)
    return quote + 1 if quote > sent_start and norm[sent_start] == '"' else sent_start


# ", Philippe Lazzarini" right before the comma that precedes the cue
_NAME_BEFORE_COMMA = re.compile(r",\s*(" + _CAP + "(?:" + _NAME_JOIN + _CAP + r")+)\s*$")

_DESCRIPTOR_START = re.compile(r"\s*(?:the|a|an|its|his|her|their)\s", re.IGNORECASE)


def _name_in_apposition(norm: str, sent_start: int, comma: int) -> tuple[int, int] | None:
    """A name set off by commas right before the cue, with the description before it when there is one ("In a
    separate development, the Commissioner-General of UNRWA, Philippe Lazzarini, told ...")."""
    m = _NAME_BEFORE_COMMA.search(norm, sent_start, comma)
    if m is None:
        return None
    prev = norm.rfind(",", sent_start, m.start())
    lo = prev + 1 if prev >= 0 else sent_start
    d = _DESCRIPTOR_START.match(norm, lo, m.start())
    if d is not None and norm.tokens.count(lo, m.start()) <= 25:
        return _skip_leading(norm, lo, m.start()), comma
    return m.start(1), comma


# words that open an adverbial aside rather than a description of the source
_NOT_APPOSITIVE = _LEADING_DROP | frozenset(
    "for with by from to about among however too though although meanwhile moreover furthermore nevertheless "
    "nonetheless instead in on at after before during like unlike despite".split()
)

# a short adverbial aside right before the cue: ", though,", ", in turn,", ", for their part,"
_ADVERB_ASIDE = re.compile(
    r"(?<=\w),\s*(?:though|however|too|also|meanwhile|moreover|nevertheless|nonetheless|instead|in turn|in "
    r"response|in addition|for (?:his|her|their|its) part|at the time|in a statement),$",
    re.IGNORECASE,
)


def _inverts(norm: str, cue_end: int, low: str) -> bool:
    """Whether the source may follow the cue ("..., said a spokesman"): not after a participle, nor after told /
    asked (the person addressed follows), and a name or noun phrase comes next."""
    return (
        not low.split(None, 1)[0].endswith("ing")  # "..., referring to Barack Obama": not the source
        and low not in _OBJECT_CUES
        and _INVERTED_NEXT.match(norm, cue_end) is not None
    )


def _after(norm: str, sent: Sentence, pos: int) -> tuple[int, int] | None:
    end = sent.end
    at = pos
    while (m := _POST_SOURCE_END.search(norm, at, sent.end)) is not None:
        if m.group() == "." and is_abbreviation(norm[_word_start(norm, pos, m.start()) : m.start()]):
            at = m.end()  # "said Mr. Sperling", "said Wendy R. Weiser": the period belongs to the name
            continue
        end = m.start()
        if m.group() == ",":
            end = _appositive_end(norm, sent, m.end(), end)
        break
    start = pos
    while start < end and norm[start] in " ,":
        start += 1
    while end > start and not (norm[end - 1].isalnum() or norm[end - 1] in ".)"):
        end -= 1
    if end - start < 2:
        return None
    return start, end


# words that open a clause rather than an aside about the source
_APPOSITIVE_STOP = frozenset(
    "and but or so then adding saying noting according while although though as because if when since unless "
    "until after before whether".split()
)

_DASH = re.compile(r"\s[-\u2013\u2014]\s|\u2014")

_CLAUSE_SUBJECTS = frozenset("it he she they we i you this there".split())

_FINITE_REPORTS = frozenset("said says told tells added adds reported reports wrote writes noted notes".split())


def _appositive_end(norm: str, sent: Sentence, after_comma: int, end: int) -> int:
    """Where a source after its cue ends when a comma follows it: at the sentence end when the rest is a short
    aside about the source ("said Ilyse Hogue, president of NARAL Pro-Choice America."), else at the comma."""
    rest = norm[after_comma : sent.end]
    words = rest.split()
    if not words or len(words) > _APPOSITIVE_AFTER_MAX or '"' in rest or _DASH.search(rest):
        return end
    first = words[0].lower().strip(",")
    if first in _APPOSITIVE_STOP or first in _CLAUSE_SUBJECTS or first.endswith("ing") or first in _FINITE_REPORTS:
        return end  # "Reuters, citing two sources, said ...", "According to Reuters, it failed": a clause follows
    stop = sent.end
    while stop > after_comma and norm[stop - 1] in "\"' ":
        stop -= 1
    if norm[stop - 1] == "." and not is_abbreviation(norm[_word_start(norm, after_comma, stop - 1) : stop - 1]):
        stop -= 1  # the sentence's period, not an abbreviation's ("... at Acme Inc.")
    return stop

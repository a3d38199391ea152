"""Source kinds: a named person or body, a pronoun, an anonymous source, a media outlet, the outlet itself."""

from __future__ import annotations

import re

from framing.measures.attribution._words import (
    _APPOSITIVE_NAME,
    _DASHES,
    _LEADING_PARTICLE,
    _NAME,
    _NOT_NAMES,
    _OBJECT_WINDOW,
    _PARTY_TAG,
    _POSSESSIVE_END,
    _POST_CUES,
    _PRONOUNS,
    _SUBJECT_WINDOW,
    _is_word,
    _rstrip_end,
    _tokens_between,
)
from framing.measures.attribution.phrases import _after_opening_quote, _appositive_subject, _inverts, _opening_dash
from framing.measures.attribution.subjects import _opening_name
from framing.text.matcher import Match
from framing.text.sentences import Sentence


def _named_source(text: str, sent: Sentence, cue: Match, before_end: int) -> tuple[int, int, str] | None:
    """A capitalised name or pronoun right before the cue, or right after a post-cue / inverted cue
    (``before_end``: where the text before the cue ends, trailing spaces left out)."""
    lo = sent.start
    if (pronoun := _last_token(text, lo, cue.start)) is not None:
        start, end = pronoun
        if end - start <= 4 and text[start:end].lower() in _PRONOUNS:
            return start, end, "source.pronoun"
    if cue.text.lower() in _POST_CUES:
        if (pron := _PRONOUN_AFTER.match(text, cue.end, sent.end)) is not None:
            return pron.start(1), pron.end(1), "source.pronoun"  # "According to him, ..."
        return _post_name(text, sent, cue)
    # "Ismail Haniyeh, the chief of ..., said": the subject is the name the appositive describes
    if before_end > lo and text[before_end - 1] == "," and (appos := _APPOSITIVE_NAME.search(text, lo, cue.start)):
        start = appos.start(1)
        return start, start + len(appos.group(1)), "source.named"
    if before_end > lo and text[before_end - 1] == ")" and (tag := _PARTY_TAG.search(text, lo, before_end)):
        before_end = _rstrip_end(text, lo, tag.start())
        cue_start = before_end
    elif (
        before_end > lo
        and text[before_end - 1] in _DASHES
        and (opening := _opening_dash(text, lo, before_end - 1)) is not None
    ):
        before_end = cue_start = opening  # "Sen. John Smith - a Republican from Ohio - said": the name before
    else:
        cue_start = cue.start
    if (
        before_end > lo
        and text[before_end - 1] == ","
        and (opening := _opening_name(text, _after_opening_quote(text, lo, before_end - 1), before_end - 1))
    ):
        return *opening, "source.named"  # "Arturo Sarukhan, Mexico's ambassador to the United States ..., said"
    # subject: nearest run of capitalised words ending within the window before the cue
    for m in reversed(list(_NAME.finditer(text, lo, cue_start))):
        chunk = m.group().strip()  # (starts with a capital letter)
        if chunk.lower() in {"the", "of"}:
            continue
        if m.end() < before_end and _tokens_between(text, m.end(), cue_start) > _SUBJECT_WINDOW:
            break  # (only spaces after before_end)
        start = m.start()
        if len(chunk.split()) == 1 and chunk.lower() in _PRONOUNS:
            return start, start + len(chunk), "source.pronoun"  # "They also discussed ..."
        if start == lo and len(chunk.split()) == 1 and _common_word(text, chunk):
            continue
        end = start + len(_POSSESSIVE_END.sub("", chunk.rstrip(".")))  # "Trump's claims that": Trump
        if (particle := _LEADING_PARTICLE.search(text, max(lo, start - 5), start)) is not None:
            start = particle.start()  # "bin Abdulrahman expressed concerns" (seed 003)
        return start, end, "source.named"
    return _post_name(text, sent, cue) if '"' in text[max(lo, before_end - 3) : before_end] else None


def _common_word(text: str, word: str) -> bool:
    """Whether a capitalised word that opens a sentence is an ordinary word rather than a name: a function word
    ("Meanwhile", "Here's"), or one the article also writes in lower case ("Opponents of the plan say": the
    article speaks of "opponents" elsewhere; "Trump" it never writes "trump")."""
    low = word.lower()
    if low in _NOT_NAMES or low.removesuffix("'s") in _NOT_NAME_HEADS:
        return True
    if _ORG.fullmatch(word):
        return False  # "Police said": an official body, however the article writes it elsewhere
    if len(text) > _LONG_TEXT and _WORD_RUN.fullmatch(low):
        return low in _word_runs(text)  # one pass over a very long text, not one per sentence
    return _written_as_word(text, low)


def _written_as_word(text: str, low: str) -> bool:
    """Whether ``low`` stands in ``text`` with no word character (:func:`_in_word`) on either side."""
    at = text.find(low)
    while at >= 0:  # (str.find, not a regex built per word: the regex cache would churn on names)
        end = at + len(low)
        if (at == 0 or not _in_word(text[at - 1])) and (end == len(text) or not _in_word(text[end])):
            return True
        at = text.find(low, end)
    return False


# Above this many characters (a whole book or a feed pasted as one "article"), the whole-word test looks the word
# up in the set of the text's word runs, made once: searching the text for it at every cue grew with the square
# of its length (4 MB: 85 s). A run of word characters is a word standing alone exactly when the word is made of
# word characters itself.
_LONG_TEXT = 100_000
_WORD_RUN = re.compile(r"[\w'-]+")  # \w is str.isalnum() or "_", as _in_word
_RUNS: list[tuple[str, frozenset[str]]] = []  # the last long text's runs


def _word_runs(text: str) -> frozenset[str]:
    last = _RUNS[0] if _RUNS else None  # one read: another thread may replace it meanwhile
    if last is None or last[0] is not text:
        last = (text, frozenset(_WORD_RUN.findall(text)))
        _RUNS[:] = [last]
    return last[1]


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'-"


# sentence openers that are contractions or pronoun-like words, not names ("Let's", "Here's", "Who")
_CONTRACTED = frozenset("let here there that what who where how why just other using".split())

_NOT_NAME_HEADS = _NOT_NAMES | _CONTRACTED


def _last_token(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the last token (a run of word characters, apostrophes and hyphens) of ``text[lo:hi]``."""
    tail = text[lo:hi].rstrip(" ,")
    last = parts[-1] if (parts := tail.rsplit(None, 1)) else ""
    if last and tail.endswith(last) and _is_word(last):  # mostly: a word after a space
        end = lo + len(tail)
        return end - len(last), end
    end = lo + len(tail)
    while end > lo and not (text[end - 1].isalnum() or text[end - 1] in "_'-"):
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "_'-"):
        start -= 1
    return (start, end) if start < end else None


_PRONOUN_AFTER = re.compile(r"\s+(him|her|them)\b")

_POST_NAME = re.compile(r"[\s,]*(?:the\s+)?((?:[A-Z][\w'.-]*)(?:\s+(?:of\s+)?[A-Z][\w'.-]*)*)")


def _post_name(text: str, sent: Sentence, cue: Match) -> tuple[int, int, str] | None:
    """The capitalised name right after the cue ("according to Reuters", '", said John Kirby')."""
    post = _POST_NAME.match(text, cue.end, sent.end)
    if post is None:
        return None
    start = post.start(1)
    return start, start + len(_POSSESSIVE_END.sub("", post.group(1).rstrip("."))), "source.named"


_NOT_POST = _PRONOUNS | _NOT_NAMES  # "I think I've found": not a name after the cue


def _inverted(text: str, sent: Sentence, cue: Match) -> bool:
    """'"...," said X' (right after a quote) and "..., said a spokesman for the ministry": the source follows the
    verb."""
    end = _rstrip_end(text, sent.start, cue.start)
    if '"' in text[max(sent.start, end - 3) : end]:
        return True
    return (
        end > sent.start
        and text[end - 1] == ","
        and _inverts(text, cue.end, cue.text.lower())
        and _appositive_subject(text, sent, cue.start, end) is None
    )


_APPOSITIVE = re.compile(r"[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*,\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}$")


def _names_a_person(text: str, sent: Sentence, m: Match, cue: Match) -> bool:
    """The source noun belongs to a name: "Dana Rusk, a spokesperson ...", "spokesman John Kirby", "Water Authority"."""
    if m.text.split()[-1][:1].isupper():
        before = text[sent.start : m.start]
        if before.strip(" \"'(") and before.rstrip()[-1:] not in {".", '"', ":"}:
            return True  # capitalised inside the sentence: part of a proper name
    if m.end <= cue.start and "," in text[m.end : cue.start] and _APPOSITIVE.search(text, sent.start, m.start):
        return True  # "Dana Rusk, a spokesperson for the front, said"
    return bool(_NAME_AFTER.match(text, m.end, m.end + 40)) and not _SAID_AFTER.match(text, m.end, m.end + 40)


_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+")

_SAID_AFTER = re.compile(r"\s+(?:told|said|says)\b")

_NAMED_RULES = {k: f"rule:{k.split('.')[1]}-before-cue" for k in ("source.named", "source.named_org", "source.pronoun")}


def _coordinated_name(norm: str, phrase: tuple[int, int], named: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """The first of two names joined by "and" that make up the whole source phrase ("Qatari Prime Minister
    Mohammed bin Abdulrahman Al Thani and U.S. Secretary of State Antony Blinken called"), when ``named`` is
    the second."""
    if named[2] != "source.named":
        return None
    and_at = norm.rfind(" and ", phrase[0], named[0])
    if and_at < 0 or and_at + 5 != named[0]:
        return None
    first = _NAME.match(norm, phrase[0], and_at)
    if first is None or first.end() != and_at:
        return None
    if " " not in first.group() and " " in norm[named[0] : named[1]]:
        return None  # "Health and Human Services Secretary Kathleen Sebelius": one name, an agency's
    return first.start(), first.end(), "source.named"


# organisation words (regex fragments), as whole words
_ORG_WORDS = (
    "Ministry|Council|Agency|Department|Forces|Army|Military|Office|Authority|Authorities|Committee|Commission|"
    "Court|Government|Party|University|Police|Hospital|House|Union|Nations|Organi[sz]ation|Bank|Fund|Institute|"
    "Association|Group|Company|Corp|Inc|Administration|Kremlin|Pentagon|Parliament|Senate|Congress|Cabinet|"
    "Service|Bureau|Embassy|Mission|Secretariat|Federation|Front|Movement|Brigades?|Command|Corps|Caucus"
).split("|")

# the \b before a word is written after its first letter, as (?<!\w.): every branch then opens with a literal,
# which the regex engine skips to, instead of trying every word at every position
_ORG = re.compile("(?:" + "|".join(w[0] + r"(?<!\w.)" + w[1:] for w in _ORG_WORDS) + r")\b")


def _is_organisation(name: str) -> bool:
    """A named body rather than a person: an organisation word that is not followed by a person's title and name
    ("Ministry of Defence", "Senate Intelligence Committee", not "House Speaker Nancy Pelosi"), or an acronym (UN,
    IDF, NATO)."""
    found = list(_ORG.finditer(name))
    if not found:
        return name.isupper() and 2 <= len(name.replace(".", "")) <= 6
    last = found[-1]
    rest = name[last.end() :].split()  # a person: a title and a name after it, two words at least
    return len(rest) < 2 or rest[0].lower() in _ORG_CONTINUES or not rest[-1][:1].isupper()


# words after an organisation word that continue its name ("Ministry of Defence", "Bank for International ...")
_ORG_CONTINUES = frozenset("of for on and in at to".split())


def _near_or_within(text: str, sent: Sentence, start: int, end: int, cue: Match, within: tuple[int, int] | None,
                    *, media_verbs: bool = False) -> bool:  # fmt: skip
    """:func:`_near`, or, given the span ``within``, inside it."""
    if within is not None:
        return within[0] <= start and end <= within[1]
    return _near(text, sent, start, end, cue, media_verbs=media_verbs)


def _near(text: str, sent: Sentence, start: int, end: int, cue: Match, *, media_verbs: bool = False) -> bool:
    if end <= cue.start:
        return _tokens_between(text, end, cue.start) <= _SUBJECT_WINDOW
    if start >= cue.end:
        if _CLAUSE_PUNCT.search(text, cue.end, start):
            return False  # the clause ended: "Citing two officials, the report ..."
        gap = _tokens_between(text, cue.end, start)
        if cue.text.lower() in _POST_CUES or _inverted(text, sent, cue):
            return gap <= _OBJECT_WINDOW
        # "told the FT", "reported by the Financial Times": an outlet right after the verb
        return media_verbs and gap <= 2
    return False


_CLAUSE_PUNCT = re.compile(r"[,;:]")

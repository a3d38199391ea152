"""Word lists, name patterns and token helpers shared by the attribution rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.text.analysed import IndexedText
from framing.text.matcher import Match

_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "these",
        "those",
        "this",
        "that",
        "such",
        "any",
        "no",
        "every",
        "each",
        "of",
    ]
)

# "cites" / "cited" are not here: their subject is the source
_POST_CUES = frozenset({"according to", "citing", "quoting", "quoted"})

# capitalised only because they open the sentence ("More than 100 hostages are believed ...")
_NOT_NAMES = _DETERMINERS | frozenset(
    "it this that more most many some several nearly over about at in on after before while when so but and if "
    "as since during meanwhile then still only almost around up under".split()
)

_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them"})

_SUBJECT_WINDOW = 5  # tokens between the end of a source and its cue

_OBJECT_WINDOW = 3  # tokens between a post-cue ("according to") and its source


# a capitalised word, and what may join two words of one name ("Mohammed bin Abdulrahman", "Secretary of State")
_CAP = r"[A-Z][\w'.-]*"

_NAME_JOIN = r"\s+(?:(?:al-|bin|ibn|de|van|von|of|the)\s+)*"

_NAME = re.compile(_CAP + "(?:" + _NAME_JOIN + _CAP + ")*")

# a possessive ending: "Trump's", "Hamas'"
_POSSESSIVE_END = re.compile(r"(?<=\w)(?:'s|’s|(?<=s)'|(?<=s)’)$")

# a lower-case particle that opens a name ("bin Abdulrahman", "van Hollen"), right before its capitalised part
_LEADING_PARTICLE = re.compile(r"(?<![\w'-])(?:bin|ibn|van|von|de|al)\s$")

# "Ismail Haniyeh, the chief of ...": a name followed by a descriptive appositive
_APPOSITIVE_NAME = re.compile("(" + _CAP + "(?:" + _NAME_JOIN + _CAP + r")+),\s+(?:a|an|the)\s")


def _tokens_between(text: IndexedText, a: int, b: int) -> int:
    return text.tokens.count(a, b) if b >= a else 99


def _has_three_tokens(text: IndexedText, a: int, b: int) -> bool:
    """Three tokens or more in ``text[a:b]``."""
    return text.tokens.count(a, b) >= 3


def _rstrip_end(text: str, lo: int, hi: int) -> int:
    """Where ``text[lo:hi]`` ends without its trailing spaces."""
    return lo + len(text[lo:hi].rstrip())


_CUE_GROUP = frozenset(
    "has have had is was are were be been being will would could can may might should shall must do does did also "
    "previously recently repeatedly publicly then later not never once already still again just only often first "
    "further even long privately reportedly initially earlier n't now soon too today yesterday tonight "
    "hasn't haven't hadn't isn't wasn't aren't weren't doesn't don't didn't won't wouldn't can't couldn't "
    "shouldn't".split()
)

_CLAUSE_WORDS = frozenset(
    "that who which whom when while if because as but so although though after before since where why how than "
    "what whether until unless".split()
)

_LEADING_DROP = frozenset(
    "and but so now meanwhile still yet however also then instead indeed in on at during after last earlier later "
    "yesterday today tonight this next early late monday tuesday wednesday thursday friday saturday sunday week month "
    "year morning night evening afternoon with by from for to about among including following".split()
)

_COUNTED_NOUNS = frozenset("percent % per of".split())  # after a number that belongs to the subject

_SUBJECT_MAX = 16  # tokens in a source phrase ("Qatari Prime Minister ... Al Thani and U.S. Secretary ... Blinken")

_APPOSITIVE_MAX = 30  # tokens in the aside between an opening name and the cue

_APPOSITIVE_AFTER_MAX = 25  # words in an aside that ends the sentence after an inverted source


def _date_number(words: list[str], k: int) -> bool:
    """A leading number that is not part of the subject ("On 12 May", "In 2016"), unlike "55 percent of voters"."""
    return words[k][:1].isdigit() and (k + 1 >= len(words) or words[k + 1].lower() not in _COUNTED_NOUNS)


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    category: str
    weight: float
    entry: str
    match: Match | None
    nominal: bool = False  # read as a noun whose content follows ("his claim that")


_POSSESSIVES = frozenset("his her their its my our your".split())

_DASHES = "\u2014\u2013-"

_AUXILIARIES = frozenset(
    "is are was were has have had will would could can should must may might did does do isn't aren't wasn't "
    "weren't won't can't couldn't wouldn't shouldn't didn't doesn't don't hasn't haven't hadn't".split()
)

# a US party and state tag after a name: "(D-N.Y.)", "(R)", "(R-Ky.)", "(I-Vt.)"
_PARTY = r"\([DRI](?:-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\)"

_PARTY_TAG = re.compile(r"\s*" + _PARTY + "$")

_NP_DETERMINERS = frozenset("the a an his her its their this that these those".split())


def _skip_leading(norm: str, start: int, end: int) -> int:
    """Where the sentence's words start once an opening quote or bracket is skipped."""
    while start < end and not norm[start].isalnum():
        start += 1
    return start


_NAME_BEFORE = re.compile(r"(?<![\w'.-])[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,4}$")


def _word_start(norm: str, lo: int, end: int) -> int:
    """Where the space-delimited word that ends at ``end`` starts (not before ``lo``)."""
    return max(norm.rfind(" ", lo, end) + 1, lo)


def _is_adverb(word: str) -> bool:
    """A lower-case -ly word ("publicly", "reportedly"); a capitalised one is a name ("Kelly", "Donnelly")."""
    return word.endswith("ly") and word[:1].islower()


def _is_word(chunk: str) -> bool:
    """Only token characters (``[\\w'-]``, and ``/`` as in "Reuters/Ipsos"): the chunk is one token."""
    return chunk.isalnum() or (chunk.translate(_INNER_PUNCT) or "a").isalnum()


_INNER_PUNCT = str.maketrans("", "", "'-_/")  # characters a token may hold besides letters and digits


def _word_offset(norm: str, words: list[str], k: int, lo: int, hi: int) -> int:
    """Where ``words[k]`` starts, for ``words = norm[lo:hi].split()``: found back from ``hi``, word by word (only
    spaces lie between a word and the next, so the last place a word occurs before the next one is that word)."""
    at = hi
    for n in range(len(words) - 1, k - 1, -1):
        at = norm.rfind(words[n], lo, at)
    return at

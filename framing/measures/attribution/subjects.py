"""The subject before a cue: the noun phrase, name or pronoun that does the reporting."""

from __future__ import annotations

import re

from framing.measures.attribution._words import (
    _APPOSITIVE_MAX,
    _AUXILIARIES,
    _CAP,
    _CLAUSE_WORDS,
    _CUE_GROUP,
    _LEADING_DROP,
    _NAME_BEFORE,
    _NAME_JOIN,
    _NOT_NAMES,
    _NP_DETERMINERS,
    _PARTY,
    _PRONOUNS,
    _SUBJECT_MAX,
    _date_number,
    _is_adverb,
    _is_word,
    _rstrip_end,
    _skip_leading,
    _word_offset,
)

# a name opening the sentence, then a comma: "Arturo Sarukhan, Mexico's ambassador ..., said"
_OPENING_NAME = re.compile(
    r"[\s,]*[\"']?(" + _CAP + "(?:" + _NAME_JOIN + _CAP + "){0,5})"
    r"(?:\s*" + _PARTY + r")?,\s"  # a party tag: "Rep. Bobby Scott (D-Va.),"
)


def _opening_name(norm: str, sent_start: int, comma: int) -> tuple[int, int] | None:
    """The name that opens the sentence when an aside follows it up to the comma before the cue ("Representative
    Adam B. Schiff, a Democrat of California and a member of ..., said"): its span, or ``None``. Such a sentence
    has its source before the cue, not an inverted one after it."""
    m = _OPENING_NAME.match(norm, sent_start, comma)
    if m is None or m.end() >= comma or not _name_opens(m.group(1)):
        return None
    if norm.tokens.count(m.end(), comma) > _APPOSITIVE_MAX:
        return None
    return m.start(1), m.end(1)


# the sentence's subject when it is a name or a personal pronoun followed by a lower-case word (its verb)
_OPENING_SUBJECT = re.compile(
    r"[\"']?((?:He|She|They|We|I)\b|" + _CAP + "(?:" + _NAME_JOIN + _CAP + ")*)"
    r"(?:,[^,]{1,200},)?\s+[a-z]"
)


def _opening_subject(norm: str, sent_start: int, end: int) -> tuple[int, int, str] | None:
    """The name or pronoun the sentence opens with, as the subject of its main clause ("Bradley won the race,
    saying ..."): its span and source kind, or ``None``."""
    m = _OPENING_SUBJECT.match(norm, sent_start, end)
    if m is None:
        return None
    if m.group(1).lower() in _PRONOUNS:
        return m.start(1), m.end(1), "source.pronoun"
    if not _name_opens(m.group(1)):
        return None
    return m.start(1), m.end(1), "source.named"


def _opening_noun_phrase(norm: str, sent_start: int, end: int) -> tuple[int, int] | None:
    """A short noun phrase with a determiner that opens the sentence (after an opening adverb and its comma), up
    to the main verb: an auxiliary or a past form ("the Vermont senator is sticking", "The senator focused")."""
    start = _skip_leading(norm, sent_start, end)
    words = norm[start : min(end, start + 120)].split()
    if words and words[0].endswith(",") and words[0][:-1].lower() in _NOT_OPENING_NAMES:
        start = norm.find(words[0], start) + len(words[0])
        words = words[1:]
    if len(words) < 3 or words[0].lower() not in _NP_DETERMINERS:
        return None
    for i in range(1, min(len(words), 6)):
        w = words[i]
        if not _is_word(w):
            return None
        if w.lower() in _AUXILIARIES or (i >= 2 and w.endswith("ed") and w[:1].islower()):
            s = e = norm.find(words[0], start)
            for word in words[:i]:  # the phrase ends with its last word
                e = norm.find(word, e) + len(word)
            return s, e
    return None


# capitalised only because they open the sentence
_NOT_OPENING_NAMES = (
    _NOT_NAMES
    | _LEADING_DROP
    | frozenset(
        "perhaps however moreover furthermore nevertheless nonetheless instead overall separately together ultimately "
        "already here there asked speaking like unlike despite with without for from by of to as how what why where "
        "whose should would could can will may might must do does did is are was were has have had one two three "
        "four five six seven eight nine ten".split()
    )
)


def _name_opens(name: str) -> bool:
    """Whether a capitalised run that opens a sentence is a name: not "The Trump (administration)", "As Mr. Trump",
    "Perhaps"."""
    return name.split(None, 1)[0].lower() not in _NOT_OPENING_NAMES


def _fronted_subject(norm: str, sent_start: int, stripped: int) -> tuple[int, int] | None:
    """The sentence's opening phrase when a comma-delimited aside separates it from the cue ("Melanne Verveer,
    a close friend of Mrs. Clinton's who was her chief of staff, said"), if it is short and reads as a subject."""
    comma = norm.find(",", sent_start, stripped - 1)
    if comma < 0:
        return None
    found = _subject(norm, sent_start, comma)
    if found is None or found[0] != _skip_leading(norm, sent_start, comma):
        return None
    return found if len(norm[found[0] : found[1]].split()) <= 6 else None


_RELATIVE = frozenset({"who", "which", "that"})


def _relative_source(norm: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """A relative pronoun as the subject ("Charlie Sykes, who lamented", "voters who said"): the source runs from
    the phrase the pronoun stands for, when one is found, to the pronoun itself."""
    lo = max(sent_start, cue_start - 80)
    words = norm[lo:cue_start].split()
    i = len(words)
    while i > 0 and (words[i - 1].lower() in _CUE_GROUP or _is_adverb(words[i - 1])):
        i -= 1
    if i == 0 or words[i - 1].lower() not in _RELATIVE:
        return None
    start = _word_offset(norm, words, i - 1, lo, cue_start)
    end = start + len(words[i - 1])
    before = _rstrip_end(norm, sent_start, start)
    if before > sent_start and norm[before - 1] == ",":
        before -= 1
    # a name right before ("radio host Charlie Sykes, who"), else a short subject ("The group, which", "voters who")
    name = _NAME_BEFORE.search(norm, max(sent_start, before - 80), before)
    if name is not None:
        start = name.start()
    elif (antecedent := _subject(norm, sent_start, before)) is not None and (
        len(norm[antecedent[0] : antecedent[1]].split()) <= 4
    ):
        start = antecedent[0]
    if start < before and (cleft := _CLEFT.search(norm, max(sent_start, start - 16), start)) is not None:
        # "Then it was the USA that asked Qatar": the USA asked; "that" only joins the cleft
        return cleft.start(1) if cleft.group(1) else start, before
    return start, end


_CLEFT = re.compile(r"\b[Ii]t\s+(?:was|is|'s)\s+(the\s+)?$")


def _subject(norm: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """The subject phrase right before a cue, without the verb group ("has also said")."""
    lo = max(sent_start, cue_start - 200)
    near = max(lo, cue_start - 80)
    found = _subject_of_words(norm, near, cue_start, clipped=near > lo)
    if found is _RETRY and near > lo:
        found = _subject_of_words(norm, lo, cue_start, clipped=False)
    if found is _RETRY:
        found = _subject_in(norm, norm.tokens.pairs(lo, cue_start), cue_start)
    return found


_RETRY = (-1, -1)  # compared by identity

_NOT_SUBJECT = frozenset({"there", "this", "that", "which", "who"})  # "It said" names the body meant


def _subject_of_words(norm: str, lo: int, cue_start: int, *, clipped: bool) -> tuple[int, int] | None:
    """:func:`_subject_in` for the common case of words separated by spaces only, from ``str.split`` (a regex
    costs far more per token); ``_RETRY`` when it meets anything else, or, in a ``clipped`` window, may reach
    its first word (which the clipping may have cut)."""
    words = norm[lo:cue_start].split()
    i = len(words)
    while i > 0:  # skip the verb group (auxiliaries, adverbs) glued to the cue
        w = words[i - 1]
        if not w.isalnum() and not _is_word(w):
            # punctuation right before the cue ends the subject before it starts; anything else: the general case
            return _RETRY if w[-1].isalnum() or w[-1] in "_'-" else None
        if not (w.lower() in _CUE_GROUP or _is_adverb(w)):
            break
        i -= 1
    end_i = i
    j = i
    while j > 0:
        if clipped and j <= 2:
            return _RETRY
        w = words[j - 1]
        if not w.isalnum() and not _is_word(w):
            if w[-1].isalnum() or w[-1] in "_'-.":
                return _RETRY  # a word with punctuation inside, or a "." (which may join the words: "Mr. Singh")
            break  # punctuation after a word ends the subject
        w = w.lower()
        if w in _CLAUSE_WORDS:
            break
        if w == "and" and not (j < end_i and j >= 2 and _is_word(words[j - 2]) and words[j][:1].isupper()
                               and words[j - 2][:1].isupper()):  # fmt: skip
            if j < end_i and j >= 2 and not _is_word(words[j - 2]):
                return _RETRY
            break
        j -= 1
        if end_i - j > _SUBJECT_MAX:
            return None
    if clipped and j <= 2:
        return _RETRY
    k = j  # leading words that are not part of the source ("Meanwhile", "On Monday")
    while k < end_i and (words[k].lower() in _LEADING_DROP or _date_number(words, k) or _opening_participle(words, k)):
        k += 1
    if k == end_i:
        return None
    start = _word_offset(norm, words, end_i - 1, lo, cue_start)
    end = start + len(words[end_i - 1])
    start = _word_offset(norm, words[: end_i - 1], k, lo, start)
    if norm[start:end].lower() in _NOT_SUBJECT:
        return None
    return start, end


def _opening_participle(words: list[str], k: int) -> bool:
    """A capitalised -ing verb before a determiner opens a participle clause, not a name ("Flouting a UN
    resolution demanding ...", not "Boeing officials")."""
    w = words[k]
    return (
        w[:1].isupper() and w.endswith("ing") and len(w) > 5 and k + 1 < len(words)
        and words[k + 1].lower() in _NP_DETERMINERS
    )  # fmt: skip


def _subject_in(norm: str, toks: list[tuple[str, str]], cue_start: int) -> tuple[int, int] | None:
    """:func:`_subject` over the ``(token, text after it)`` pairs of a window that ends at the cue."""
    i = len(toks)
    nxt = cue_start  # start of toks[i]
    while i > 0:  # skip the verb group (auxiliaries, adverbs) glued to the cue
        tok, gap = toks[i - 1]
        w = tok.lower()
        if gap.strip() or not (w in _CUE_GROUP or _is_adverb(tok)):
            break
        i -= 1
        nxt -= len(gap) + len(tok)
    end_i = i
    j = i
    while j > 0:
        tok, gap = toks[j - 1]
        gap = gap.strip()
        if gap and not (gap == "." and j < end_i):
            break
        w = tok.lower()
        if w in _CLAUSE_WORDS:
            break
        if w == "and" and not (j < end_i and j >= 2 and toks[j][0][:1].isupper()
                               and toks[j - 2][0][:1].isupper()):  # fmt: skip
            break
        j -= 1
        if end_i - j > _SUBJECT_MAX:
            return None
    k = j  # leading words that are not part of the source ("Meanwhile", "On Monday")
    while k < end_i and (toks[k][0].lower() in _LEADING_DROP or _date_number([t for t, _ in toks[k : k + 2]], 0)):
        k += 1
    if k == end_i:
        return None
    end = nxt - len(toks[end_i - 1][1])
    start = end
    for m in range(end_i - 1, k - 1, -1):
        start -= len(toks[m][0]) + (len(toks[m][1]) if m < end_i - 1 else 0)
    if norm[start:end].lower() in _NOT_SUBJECT:
        return None
    return start, end

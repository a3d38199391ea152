"""Reporting cues: which lexicon matches and colon rules report something, and which are nouns, names or
nested inside another cue's content."""

from __future__ import annotations

import re
from functools import cache
from operator import attrgetter

from framing.measures.attribution._words import _DETERMINERS, _POST_CUES, _Cue
from framing.measures.attribution.quotes import _Regions
from framing.text.lexicon import LexiconEntry, inflect
from framing.text.matcher import Match
from framing.text.sentences import Sentence


def _cue_stance(category: str) -> str:
    return "cue.nonneutral" if category.endswith("nonneutral") else "cue.neutral"


_COLON_QUOTE = re.compile(r":[ \t]*[\"'\u201c\u2018]")

# "Cruz: Trump would put liberals on court", "Q: Did the service help you?": a short capitalised speaker opening
# the sentence, then a colon and a capitalised statement (headline and interview style)
_COLON_STATEMENT = re.compile(r":[ \t]+(?=[\"'\u201c\u2018]?[A-Z])")

_COLON_QUOTE_RULE, _COLON_STATEMENT_RULE = "rule:colon-before-quote", "rule:colon-statement"

_SPEAKER = re.compile(r"[A-Z][\w.'-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z][\w.'-]*){0,3}[ \t]*")

_NOT_SPEAKERS = frozenset(
    "related note photo photos update updated watch video videos source sources read see also breaking exclusive "
    "caption credit image images topics tags share published posted by editor's editors listen more advertisement "
    "warning disclaimer correction clarification subscribe follow contact email file pictured above below latest "
    "byline contributing contributors look just".split()
)

# hedge-lexicon verbs that also attribute a belief or perception to a subject ("Lowell thinks that ...")
_COGNITIVE_HEDGES = frozenset(
    "suggest|believe|think|thought|indicate|seem|suspect|doubt|reportedly|allegedly|seems to|seemed to|"
    "appears to|appeared to|appear to|i think|we think|i believe|we believe|i suspect|i suppose|i guess|i doubt|"
    "i imagine".split("|")
)

_NEVER_NOUN = frozenset({"said", "told", "says", "according to", "wrote", "added", "asked", "noted", "argued"})


def _rule_cue_positions(norm: str) -> list[tuple[int, str]]:
    """Where a rule finds a cue candidate, with the rule, in text order: colons before a quotation or a
    statement."""
    found = [(m.start(), _COLON_QUOTE_RULE) for m in _COLON_QUOTE.finditer(norm)]
    found += [(m.start(), _COLON_STATEMENT_RULE) for m in _COLON_STATEMENT.finditer(norm)]
    found.sort()
    return found


def _speaker_before(norm: str, start: int, colon: int) -> bool:
    """Whether the sentence opens with a short capitalised speaker that ends at the colon."""
    m = _SPEAKER.match(norm, start, colon)
    if m is None or m.end() != colon:
        return False
    return m.group().split()[0].lower().rstrip(".") not in _NOT_SPEAKERS


_NOUN_LIKE = frozenset(
    "tweet comment remark question call show offer promise pledge claim demand answer note hope fear praise reply "
    "want think know feel defend endorse reject oppose refuse decline agree request highlight thank echo joke chant "
    "welcome".split()
)

_SUBJECT_WORDS = frozenset(
    "i we you he she they who people others many some democrats republicans voters "
    # evidence that shows or finds: "the poll shows", "records show"
    "poll polls polling survey surveys study studies report reports records data analysis research figures "
    "numbers results estimates documents emails video videos footage".split()
)

# a singular subject before the -s form: "the president hopes", "the newspaper calls it", "a poll that shows"
# (before the base form they make a compound noun: "campaign promise")
_SINGULAR_SUBJECTS = frozenset(
    "it that which team campaign president office newspaper government administration ministry group party "
    "company committee agency court official spokesman spokeswoman leader chairman director secretary senator "
    "governor candidate author kingdom movie book".split()
)

_SPEECH_INFINITIVES = frozenset("say tell ask add argue insist note explain describe acknowledge admit".split())

_VERB_GROUP_WORDS = frozenset(
    "also still not n't never only just often always now would will could can may might should do does did to".split()
)


@cache
def _base_and_s(term: str) -> frozenset[str]:
    forms = inflect(term)
    return frozenset((forms[0], forms[1]))


_NOT_PLURAL = ("ss", "'s", "us", "is", "ous")


def _subject_like(norm: str, prev: str, m: Match) -> bool:
    """A pronoun, a name or an auxiliary right before a base / -s verb form: 'they support', 'Trump wants'."""
    if not prev or prev.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return False  # "Trump's comments", "Hamas' call": a possessive makes it a noun
    if prev in _SUBJECT_WORDS or prev in _VERB_GROUP_WORDS or prev.endswith("ly"):
        return prev != "to"
    if prev in _SINGULAR_SUBJECTS and m.text[-1:].lower() == "s":
        return True
    if prev[-1:] == "s" and len(prev) > 3 and not prev.endswith(_NOT_PLURAL) and m.text[-1:].lower() != "s":
        return True  # a plural subject before the base form: "advisers think", "polls show"
    i = m.start - 1
    while i >= 0 and norm[i] == " ":
        i -= 1
    j = i - len(prev) + 1
    return j >= 0 and norm[j].isupper() and prev not in _DETERMINERS


def _prev_word(norm: str, sent_start: int, pos: int) -> str:
    """The word right before ``pos`` when only spaces separate them, else ''."""
    i = pos
    while i > sent_start and norm[i - 1] == " ":
        i -= 1
    # mostly a space comes before the word: take what follows the last one, when it is all word characters
    k = norm.rfind(" ", sent_start, i)
    word = norm[k + 1 if k >= 0 else sent_start : i]
    if word.isalnum() or (word.replace("'", "").replace("-", "") or "a").isalnum():
        return word.lower()
    j = i
    while j > sent_start and (norm[j - 1].isalnum() or norm[j - 1] in "'-"):
        j -= 1
    return norm[j:i].lower() if j < i else ""


#: Words after which a cue word does not report anything: an adjective before a noun, or "spoke" for a meeting.
_A_NUMBER = "<number>"  # in _NOT_BEFORE: any word starting with a digit

_NOT_BEFORE = {
    "pledged": frozenset({"delegates", "delegate"}),
    "spoke": frozenset("with to at for before on in during after briefly privately by from alongside via".split()),
    # "found himself", "found ways to": not a finding reported
    "found": frozenset("ways way himself herself themselves itself myself ourselves yourself here".split()),
    # "show up", "showing up in": appearing, not showing that
    **dict.fromkeys(("show", "shows", "showed", "shown"), frozenset({"up"})),
    "showing": frozenset({"up", "in"}),
    # "added up to", "added to the uncertainty", "organizers added 160 security personnel": not adding a remark
    "added": frozenset({"up", "to", _A_NUMBER}),
}

#: Words before which a cue word names something rather than reports: "a group called X".
_NOT_AFTER = {
    "called": frozenset(
        "program programme pac group firm company class spa movement blog competition play show party organization "
        "organisation series book film movie app initiative network coalition event town city village process "
        "system tool device drug technique practice phenomenon so-".split()
    ),
    "told": frozenset({"all"}),  # "All told, super PACs spent ..."
    "added": frozenset({"for", "with", "given", "of"}),  # "for added comfort"
}

_MANNER_PHRASES = frozenset({"in a statement"})

_NEXT_WORD = re.compile(r"[ \t]*([\w'-]+)")


def _next_word(norm: str, pos: int) -> str:
    m = _NEXT_WORD.match(norm, pos)
    return m.group(1).lower() if m is not None else ""


def _next_is(norm: str, pos: int, words: frozenset[str]) -> bool:
    """Whether the word after ``pos`` is one of ``words`` (``_A_NUMBER`` stands for any number)."""
    word = _next_word(norm, pos)
    return word in words or (word[:1].isdigit() and _A_NUMBER in words)


def _nominal_report(norm: str, end: int) -> bool:
    """A noun that reports what someone said when its content follows: "his claim that ...", "comments that"."""
    return _next_word(norm, end) == "that"


def _find_cues(norm: str, sent: Sentence, cands: list[tuple[Match, LexiconEntry]], quotes: _Regions,
               rule_cues: list[tuple[int, int, str]]) -> list[_Cue]:  # fmt: skip
    cues: list[_Cue] = []
    for m, entry in cands:
        if quotes.containing(m.start) is not None:
            continue  # nested: a cue inside a quotation belongs to the quoted speaker
        single, verb_like, noun_forms, category, weight, name = _cue_info(entry)
        low = m.text.lower()
        prev = _prev_word(norm, sent.start, m.start)
        # a noun reading: "the report", "his claims", "support" without a subject before it; it reports only when
        # its content follows ("his claim that ...")
        nominal = (single and prev in _DETERMINERS and verb_like and low not in _NEVER_NOUN) or (
            bool(noun_forms) and low in noun_forms and not _subject_like(norm, prev, m)
        )
        if nominal and not _nominal_report(norm, m.end):
            continue
        if single and prev == "to" and low not in _SPEECH_INFINITIVES:
            continue  # "called on Qatar to threaten": an infinitive, not a report ("went on to say" is one)
        if low in _NOT_BEFORE and _next_is(norm, m.end, _NOT_BEFORE[low]):
            continue  # "pledged delegates", "spoke with his counterpart": not reporting anything
        if low in _NOT_AFTER and prev in _NOT_AFTER[low]:
            continue  # "a company called Harmony": naming, not calling something
        if low == "say" and norm.endswith(", ", 0, m.start) and norm.startswith(",", m.end):
            continue  # "to, say, single digits": for example
        cues.append(_Cue(m.start, m.end, category, weight, name, m, nominal))
    for start, end, rule in rule_cues:
        if quotes.containing(start) is None and not any(c.start <= start < c.end + 2 for c in cues):
            cues.append(_Cue(start, end, "cue.neutral", 0.5, rule, None))
    if len(cues) < 2:
        return cues
    if any(c.match is not None and c.match.text.lower() in _MANNER_PHRASES for c in cues):
        # "In a statement, the ministry said ...": the phrase tells how the statement was made, "said" is the cue
        cues = [c for c in cues if c.match is None or c.match.text.lower() not in _MANNER_PHRASES] or cues[:1]
        if len(cues) < 2:
            return cues
    cues.sort(key=_CUE_START)
    return _outermost(norm, cues)


_CUE_START = attrgetter("start")

_CueInfo = tuple[bool, bool, frozenset[str], str, float, str]

_CUE_INFO: dict[int, tuple[LexiconEntry, _CueInfo]] = {}


def _cue_info(entry: LexiconEntry) -> _CueInfo:
    """What the cue rules need of an entry, worked out once per entry: a single word, a verb (or untagged),
    its base and -s forms when it also reads as a noun, the cue category, weight and evidence entry name."""
    cached = _CUE_INFO.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    if entry.lexicon.startswith("hedges"):
        category, weight = "cue.neutral", min(entry.weight, 0.5)
    else:
        category, weight = _cue_stance(entry.category), entry.weight
    noun_forms = _base_and_s(entry.term) if entry.term in _NOUN_LIKE else frozenset()
    info = (" " not in entry.term, entry.pos in {"verb", ""}, noun_forms, category, weight,
            f"{entry.lexicon}:{entry.term}")  # fmt: skip
    if len(_CUE_INFO) >= 10_000:  # lexicons reloaded many times over: start again
        _CUE_INFO.clear()
    _CUE_INFO[id(entry)] = (entry, info)
    return info


_NESTED_BREAK = re.compile(
    r"[\";:]|,\s+(?:and|but|adding|saying|while|although|though)\b|\s(?:and|but)\s"
    # a clause of its own with its own subject: "He spoke as the IDF said that ..."
    r"|\s(?:as|while|whereas|although|though|because|since)\s+(?:the\s+)?[A-Z]"
)


def _participle_clause(norm: str, c: _Cue) -> bool:
    """A cue that opens a participle clause after a comma: ", calling him a loser", ", adding that ..."."""
    if c.match is None or not norm.endswith(", ", 0, c.start):
        return False
    low = c.match.text.lower()
    return low.split(None, 1)[0].endswith("ing") and low not in _POST_CUES  # not ", according to officials'


def _own_clause(norm: str, opener: _Cue, c: _Cue) -> bool:
    """Whether a later cue starts an attribution of its own after a comma: a reporting verb at least as strong
    as the opener ("..., she said"), or a participle right after the comma ("..., calling him a loser")."""
    if _participle_clause(norm, c):
        return True
    return c.weight >= 0.9 and c.weight >= opener.weight and norm.find(",", opener.end, c.start) >= 0


def _outermost(norm: str, cues: list[_Cue]) -> list[_Cue]:
    """Drop cues inside the reported content of an earlier cue ("X said Y told him that ..." keeps "said")."""
    kept: list[_Cue] = []
    for c in cues:
        opener = kept[-1] if kept else None
        if (
            opener is not None
            and opener.match is not None
            and norm[opener.end : opener.end + 2].strip(" ")[:1] not in {",", ".", ""}
            and not _NESTED_BREAK.search(norm, opener.end, c.start)
            and not _own_clause(norm, opener, c)
        ):
            continue
        kept.append(c)
    return kept

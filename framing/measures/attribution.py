"""Attribution: reporting cues, their stance, the kind of source, and direct quotation.

First version (rules over lexicon matches):

* cues come from ``reporting_verbs`` (said, told, according to, citing, claimed, alleged ...); a verb form
  right after a determiner or possessive is a noun ("the report", "his claims") and is skipped;
* a source is sought next to each cue: before it (the subject: "a diplomatic source told"), or after it for
  "according to" / "citing" and inverted attributions (", said a senior official");
* source kinds: ``source.anonymous`` (an unnamed source noun: "two US officials", "sources"),
  ``source.media`` (another outlet: "CNN reported", "told the FT", "the publication"), ``source.self``
  (the article's own outlet: "told Sputnik"), ``source.named`` (a capitalised name or body) and
  ``source.pronoun`` (he / she / they, referring back);
* ``quote.direct``: a quoted span of three or more words, also when it runs across sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from framing.evidence import Evidence
from framing.lexicon import LexiconEntry, Match, inflect
from framing.sentences import Sentence, is_abbreviation

__all__ = ["OutletNames", "measure_attribution"]

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
_TOKEN = re.compile(r"[\w'-]+")
# a capitalised word, and what may join two words of one name ("Mohammed bin Abdulrahman", "Secretary of State")
_CAP = r"[A-Z][\w'.-]*"
_NAME_JOIN = r"\s+(?:(?:al-|bin|ibn|de|van|von|of|the)\s+)*"
_NAME = re.compile(_CAP + "(?:" + _NAME_JOIN + _CAP + ")*")
# a possessive ending: "Trump's", "Hamas'"
_POSSESSIVE_END = re.compile(r"(?<=\w)(?:'s|’s|(?<=s)'|(?<=s)’)$")
# a lower-case particle that opens a name ("bin Abdulrahman", "van Hollen"), right before its capitalised part
_LEADING_PARTICLE = re.compile(r"(?<![\w'-])(?:bin|ibn|van|von|de|al)\s$")
_QUOTE = re.compile(r'"([^"\n]+)"')
# "Ismail Haniyeh, the chief of ...": a name followed by a descriptive appositive
_APPOSITIVE_NAME = re.compile(
    "(" + _CAP + "(?:" + _NAME_JOIN + _CAP + r")+),\s+(?:a|an|the)\s"
)


@dataclass(frozen=True)
class OutletNames:
    """Outlet names to recognise as media sources, and the article's own outlet names (self-references)."""

    pattern: re.Pattern[str] | None
    own: frozenset[str] = frozenset()

    @classmethod
    def build(cls, names: Iterable[str], own: Iterable[str] = ()) -> OutletNames:
        """Compile a case-sensitive pattern over outlet names (longest first)."""
        usable = sorted({n for n in names if len(n) >= 2 and any(c.isupper() for c in n)}, key=len, reverse=True)
        pattern = (
            re.compile(r"(?<![\w-])(?:the\s+)?(" + "|".join(map(re.escape, usable)) + r")(?![\w-])") if usable else None
        )
        return cls(pattern, frozenset(own))


_OUTLET_HEAD = r"(?<![\w-])(?:the\s+)?("
_OUTLET_TAIL = r")(?![\w-])"


class _OutletScan:
    """A fast way to find the matches of an outlet pattern, built once per pattern.

    The pattern built by :meth:`OutletNames.build` (a lookbehind, then every name longest first) makes the regex
    engine try every name at every character. For such a pattern, ``fast`` is an equivalent regex: the names as a
    trie, after their first character and a lookbehind, so that every branch opens with a literal the engine skips
    to. Of the names matching at a position the trie tries the longest first, as the longest-first alternation
    does, so the matches are the same. A direct match of ``fast`` has no group (its span is the name); after "the"
    the name is group 1. ``names`` is ``fast`` without the "the" branch (tried at every "t"): where it finds no
    name, ``fast`` finds nothing either. Both are None for any other pattern.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.fast: re.Pattern[str] | None = None
        self.names: re.Pattern[str] | None = None
        if (names := _outlet_names(pattern)) is not None:
            trie = _trie(names)
            direct = "|".join(re.escape(c) + r"(?<![\w-]" + re.escape(c) + ")" + _trie_regex(node)
                              for c, node in trie.items())  # fmt: skip
            self.fast = re.compile(r"(?:t(?<![\w-]t)he\s+(" + _trie_regex(trie) + ")|" + direct + r")(?![\w-])")
            self.names = re.compile("(?:" + direct + r")(?![\w-])")

    @staticmethod
    def of(pattern: re.Pattern[str]) -> _OutletScan:
        """The scan of ``pattern``, cached by identity (hashing a compiled pattern hashes its whole program)."""
        scan = _OUTLET_SCANS.get(id(pattern))
        if scan is None or scan.pattern is not pattern:
            if len(_OUTLET_SCANS) >= 64:
                _OUTLET_SCANS.clear()
            scan = _OUTLET_SCANS[id(pattern)] = _OutletScan(pattern)
        return scan

    def matches(self, norm: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """``(start, end, name start, name end)`` of each match of ``pattern.finditer(norm, start, end)``."""
        if self.fast is None or self.names is None:
            return [(m.start(), m.end(), m.start(1), m.end(1)) for m in self.pattern.finditer(norm, start, end)]
        if self.names.search(norm, start, end) is None:
            return []
        return [(m.start(), m.end(), *m.span(m.lastindex or 0)) for m in self.fast.finditer(norm, start, end)]


_OUTLET_SCANS: dict[int, _OutletScan] = {}


def _outlet_names(pattern: re.Pattern[str]) -> list[str] | None:
    """The names of a pattern built by :meth:`OutletNames.build`, or None for any other pattern."""
    src = pattern.pattern
    if pattern.flags != re.UNICODE or not (src.startswith(_OUTLET_HEAD) and src.endswith(_OUTLET_TAIL)):
        return None
    names, cur, i, body = [], [], 0, src[len(_OUTLET_HEAD) : -len(_OUTLET_TAIL)]
    while i < len(body):  # split on unescaped "|" and undo re.escape
        c = body[i]
        if c == "\\":
            cur.append(body[i + 1])
            i += 2
            continue
        if c == "|":
            names.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    names.append("".join(cur))
    if not all(names) or src != _OUTLET_HEAD + "|".join(map(re.escape, names)) + _OUTLET_TAIL:
        return None
    return names


_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> _Trie:
    """Character trie of non-empty words; the key "" marks the end of a word."""
    root: _Trie = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _trie_regex(node: _Trie) -> str:
    """A regex for the word endings below a trie node. Where a word ends and longer ones go on, the longer ones are
    an optional (greedy) group, so of the words matching at a position the longest is tried first, then the next
    longest: the order of a longest-first alternation, without trying every word at every position."""
    alts = []
    for ch, child in node.items():
        if not ch:
            continue
        run = ch
        while len(child) == 1 and "" not in child:  # a chain without branches or word ends: one literal
            ((nxt, child),) = child.items()
            run += nxt
        alts.append(re.escape(run) + _trie_regex(child))
    if not alts:
        return ""
    if "" not in node:
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + "|".join(alts) + ")?"


def _tokens_between(text: str, a: int, b: int) -> int:
    return len(_TOKEN.findall(text, a, b)) if b >= a else 99


# three tokens (maximal runs of _TOKEN characters) in a row: "at least three tokens" without listing them all
_THREE_TOKENS = re.compile(r"[\w'-]+[^\w'-]+[\w'-]+[^\w'-]+[\w'-]+")


def _has_three_tokens(text: str, a: int, b: int) -> bool:
    """``len(_TOKEN.findall(text, a, b)) >= 3``."""
    return _THREE_TOKENS.search(text, a, b) is not None


def _rstrip_end(text: str, lo: int, hi: int) -> int:
    """Where ``text[lo:hi]`` ends without its trailing spaces."""
    return lo + len(text[lo:hi].rstrip())


def _cue_stance(category: str) -> str:
    return "cue.nonneutral" if category.endswith("nonneutral") else "cue.neutral"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        for m in _QUOTE.finditer(para.group()):
            if len(_TOKEN.findall(m.group(1))) >= 3:
                spans.append((para.start() + m.start(), para.start() + m.end()))
    return spans


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
    elif before_end > lo and text[before_end - 1] in _DASHES and (
        opening := _opening_dash(text, lo, before_end - 1)
    ) is not None:
        before_end = cue_start = opening  # "Sen. John Smith - a Republican from Ohio - said": the name before
    else:
        cue_start = cue.start
    if before_end > lo and text[before_end - 1] == "," and (
        opening := _opening_name(text, _after_opening_quote(text, lo, before_end - 1), before_end - 1)
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
    at = text.find(low)
    while at >= 0:  # (str.find, not a regex built per word: the regex cache would churn on names)
        end = at + len(low)
        if (at == 0 or not _in_word(text[at - 1])) and (end == len(text) or not _in_word(text[end])):
            return True
        at = text.find(low, end)
    return False


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'-"


# sentence openers that are contractions or pronoun-like words, not names ("Let's", "Here's", "Who")
_CONTRACTED = frozenset("let here there that what who where how why just other using".split())
_NOT_NAME_HEADS = _NOT_NAMES | _CONTRACTED


def _last_token(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the last token (``_TOKEN``) of ``text[lo:hi]``."""
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


_QUOTE_PAIRS = (("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2018", "'"), ("\u2019", "'"))
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


def _normalise(text: str) -> str:
    """Curly quotes to straight ones and '' to a double quote, without changing any offset."""
    norm = text
    if not text.isascii():  # str.translate with a table is slow on non-ASCII text; a few replaces are not
        for curly, straight in _QUOTE_PAIRS:
            if curly in norm:
                norm = norm.replace(curly, straight)
    return norm.replace("''", '" ') if "''" in norm else norm


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Quoted regions (marks included); a quote left open at a paragraph end closes there."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for start, end in _quote_marks(text):
        g = text[start]
        if g == "\n":
            if open_at >= 0:
                spans.append((open_at, start))
            open_at = -1
        elif g == "\u201c":
            if open_at < 0:
                open_at = start
        elif g == "\u201d":
            if open_at >= 0:
                spans.append((open_at, end))
                open_at = -1
        elif open_at < 0:
            open_at = start
        else:
            spans.append((open_at, end))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, len(text)))
    return spans


def _quote_marks(text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(r"''|[\\"\\u201c\\u201d]|\\n[ \\t]*\\n", text)`` gives, in order. Found with str.find:
    a regex scan costs tens of instructions a character, str.find next to nothing. Marks of different kinds never
    overlap, so the kinds are found apart and merged."""
    marks: list[tuple[int, int]] = []
    for mark in ('"', "\u201c", "\u201d", "''"):
        i = text.find(mark)
        while i >= 0:
            marks.append((i, i + len(mark)))
            i = text.find(mark, i + len(mark))
    n = len(text)
    i = text.find("\n")
    while i >= 0:  # paragraph ends: "\n[ \t]*\n"
        j = i + 1
        while j < n and text[j] in " \t":
            j += 1
        if j < n and text[j] == "\n":
            marks.append((i, j + 1))
            i = text.find("\n", j + 1)
        else:
            i = text.find("\n", i + 1)
    marks.sort()
    return marks


class _Regions:
    """Sorted, non-overlapping spans with a bisect lookup."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def containing(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] < pos < self.spans[i][1]:
            return self.spans[i]
        return None


def measure_attribution(
    text: str, sentences: Sequence[Sentence], matches: Sequence[Match], outlets: OutletNames
) -> tuple[list[Evidence], dict[str, float]]:
    """Return attribution evidence and metrics for one article.

    Evidence categories: ``cue.neutral`` / ``cue.nonneutral`` (the cue; a colon introducing a quotation, or a
    statement after a short speaker as in "Cruz: Trump would ...", is a cue too), ``source.anonymous``,
    ``source.media``, ``source.self``, ``source.named`` (a person), ``source.named_org`` (a named organisation
    or official body), ``source.pronoun`` (the word(s) that tell the kind of source), ``source_span`` (the
    whole source phrase, e.g. "Dana Rusk, a spokesperson for the front"), ``content`` (what is attributed;
    weight 0) and ``quote.direct``. ``source_span`` and ``content`` are not counted in the metrics. Cues inside
    a quotation or inside the reported content of an earlier cue in the sentence are nested attributions and
    are skipped, unless a comma sets the later cue off as an attribution of its own ("..., she said",
    "..., calling him a loser").

    Metrics: ``cue_count``, ``nonneutral_cue_count``, ``nonneutral_cue_share``, ``attributed_sentences``,
    ``attributed_sentence_share``, ``anonymous_source_count``, ``anonymous_share`` (attributed sentences with
    an anonymous source), ``media_source_count``, ``self_reference_count``, ``named_source_count`` (persons
    and organisations), ``named_org_count``,
    ``direct_quote_count``, ``direct_quote_share`` (attributed sentences with a direct quote),
    ``distinct_sources``.
    """
    norm = _normalise(text)
    starts = [s.start for s in sentences]
    # only matches that can be a cue or a source reach the rules; look their entries up once (keys: positions in
    # ``sentences``)
    cue_cands: dict[int, list[tuple[Match, LexiconEntry]]] = {}
    source_cands: dict[int, list[tuple[Match, LexiconEntry]]] = {}
    for m in matches:
        by = m.by_lexicon  # (m.entry_in, inline: every match of the article passes here)
        cue_entry = by.get("reporting_verbs")
        if cue_entry is None and (hedge := by.get("hedges")) is not None and hedge.term in _COGNITIVE_HEDGES:
            cue_entry = hedge
        source_entry = by.get("source_nouns")
        if cue_entry is None and source_entry is None:
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.start >= sentences[i].end:
            continue
        if cue_entry is not None:
            cue_cands.setdefault(i, []).append((m, cue_entry))
        if source_entry is not None:
            source_cands.setdefault(i, []).append((m, source_entry))
    quotes = _Regions(_quote_regions(text))
    # cues found by rules rather than lexicon entries: (start, end, rule) per sentence
    rule_cues: dict[int, list[tuple[int, int, str]]] = {}
    for pos, rule in _rule_cue_positions(norm):
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or pos >= sentences[i].end:
            continue
        if rule == _COLON_STATEMENT_RULE and not _speaker_before(norm, sentences[i].start, pos):
            continue
        if not any(start == pos for start, _, _ in rule_cues.get(i, ())):
            rule_cues.setdefault(i, []).append((pos, pos + 1, rule))
    evidence: list[Evidence] = []
    outlet_scan = _OutletScan.of(outlets.pattern) if outlets.pattern is not None else None
    for i in sorted(cue_cands.keys() | rule_cues.keys()):  # the sentences with a cue candidate, in order
        evidence.extend(_sentence_evidence(text, norm, sentences[i], cue_cands.get(i, []), source_cands.get(i, []),
                                           outlets.own, outlet_scan, quotes, rule_cues.get(i, [])))  # fmt: skip
    for qs, qe in quotes.spans:
        if not _has_three_tokens(norm, qs, qe):
            continue
        j = bisect.bisect_right(starts, qs) - 1
        i = sentences[j].index if j >= 0 and qs < sentences[j].end else 0
        while i < len(sentences) and sentences[i].start < qe:
            sent = sentences[i]
            s, e = max(qs, sent.start), min(qe, sent.end)
            if s < e and _has_three_tokens(norm, s, e):
                evidence.append(Evidence(sent.index, s, e, text[s:e], "attribution", "quote.direct", 1.0,
                                         "rule:direct-quote"))  # fmt: skip
            i += 1
    evidence.sort(key=_EVIDENCE_ORDER)
    return evidence, _metrics(evidence, len(sentences))


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


_EVIDENCE_ORDER = attrgetter("start", "end", "category")


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    category: str
    weight: float
    entry: str
    match: Match | None
    nominal: bool = False  # read as a noun whose content follows ("his claim that")


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


_POSSESSIVES = frozenset("his her their its my our your".split())


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
_NAMED_RULES = {k: f"rule:{k.split('.')[1]}-before-cue" for k in ("source.named", "source.named_org", "source.pronoun")}
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


def _sentence_evidence(
    text: str,
    norm: str,
    sent: Sentence,
    cands: list[tuple[Match, LexiconEntry]],
    sources: list[tuple[Match, LexiconEntry]],
    own: frozenset[str],
    outlet_scan: _OutletScan | None,
    quotes: _Regions,
    rule_cues: list[tuple[int, int, str]],
) -> list[Evidence]:
    cues = _find_cues(norm, sent, cands, quotes, rule_cues)
    if not cues:
        return []
    si = sent.index
    out = [Evidence(si, c.start, c.end, text[c.start : c.end], "attribution", c.category, c.weight, c.entry)
           for c in cues]  # fmt: skip
    media: list[tuple[int, int, int, int]] | None = None  # outlet names in the sentence, found when first needed
    used: set[tuple[int, int]] = set()
    last_phrase: tuple[int, int] | None = None
    for cue in cues:
        m_cue = cue.match
        found = False
        before_end = _rstrip_end(norm, sent.start, cue.start)  # the text before the cue, trailing spaces left out
        # "X said ..., adding that ...": the same source speaks on; "Bradley won the race, saying ...": the subject.
        # A passive cue's source is only its "by" phrase ("Israel stands accused of genocide": Israel is not the
        # source); "seems" / "appears to" give the writer's impression and have none.
        low = m_cue.text.lower() if m_cue is not None else ""
        participle = low not in _POST_CUES and _participle_clause(norm, cue)  # "X, citing Y,": Y is the source
        same_source = participle and last_phrase is not None
        if m_cue is not None and not participle and norm.endswith(" and ", sent.start, cue.start):
            # a coordinated verb shares its subject ("visited Algeria and Mauritania and discussed"): the speaker
            # so far, or the sentence's subject, as for a participle; never the name nearest the cue
            participle = True
            same_source = last_phrase is not None
        opening = _opening_subject(norm, sent.start, before_end) if participle and not same_source else None
        impression = low.startswith(_IMPRESSION)
        subjectless = (
            m_cue is not None
            and not participle
            and low not in _POST_CUES
            and (impression or _passive(norm, sent.start, cue.start, low))
        )
        phrase: tuple[int, int] | None
        if same_source:
            phrase = last_phrase
        elif opening is not None:
            phrase = opening[:2]
        elif participle and (noun_phrase := _opening_noun_phrase(norm, sent.start, before_end)) is not None:
            phrase = noun_phrase  # "Instead, the Vermont senator is sticking to his message, hoping to ..."
        elif subjectless:
            phrase = None if impression else _by_phrase(norm, sent, cue.end)
        else:
            phrase = _source_phrase(norm, sent, cue, before_end)
        # a participle's or passive's source lies in its phrase, whatever is near the cue ("..., in Ohio, telling")
        within = phrase if participle or subjectless else None
        if subjectless and phrase is None:
            within = (cue.end, cue.end)
        if m_cue is not None and not same_source:
            for m, entry in sources:
                if (m.start, m.end) in used or not _near_or_within(norm, sent, m.start, m.end, m_cue, within):
                    continue
                if entry.category == "source.anonymous" and _names_a_person(norm, sent, m, m_cue):
                    continue
                kind = "source.anonymous" if entry.category == "source.anonymous" else "source.media"
                out.append(Evidence(si, m.start, m.end, m.text, "attribution", kind, entry.weight,
                                    f"{entry.lexicon}:{entry.term}"))  # fmt: skip
                used.add((m.start, m.end))
                found = True
            if media is None:
                media = outlet_scan.matches(norm, sent.start, sent.end) if outlet_scan is not None else []
            for m_start, m_end, n_start, n_end in media:
                span = (n_start, n_end)
                if span in used or not _near_or_within(norm, sent, m_start, m_end, m_cue, within, media_verbs=True):
                    continue
                name = norm[n_start:n_end]
                if m_start == sent.start and " " not in name and name[1:].islower():
                    continue  # a one-word name opening the sentence ("Time is ...") is too ambiguous
                kind = "source.self" if name in own else "source.media"
                out.append(Evidence(si, span[0], span[1], name, "attribution", kind, 1.0, f"rule:outlet-name:{name}"))
                used.add(span)
                found = True
            named = None if found else (opening or _named_source(norm, sent, m_cue, before_end))
            if named is not None and within is not None and not within[0] <= named[0] < within[1]:
                named = None
            elif named is not None and phrase is not None and not phrase[0] <= named[0] < phrase[1]:
                named = None  # "... in Gaza, the statement said": the name lies outside the source phrase
            if named is None and not found and phrase is not None and phrase[0] >= cue.end and not participle:
                post = _post_name(norm, sent, m_cue)  # an inverted source: "The plan failed, said Mr. Smith"
                head = norm[post[0] : post[1]].split("'")[0].lower() if post is not None else ""
                named = post if post is not None and post[0] == phrase[0] and head not in _NOT_POST else None
            if named is not None and named[:2] not in used:
                firsts = _coordinated_name(norm, phrase, named) if phrase is not None else None
                for s, e, kind in (named,) if firsts is None else (firsts, named):
                    if kind == "source.named" and _is_organisation(text[s:e]):
                        kind = "source.named_org"
                    out.append(Evidence(si, s, e, text[s:e], "attribution", kind, 1.0, _NAMED_RULES[kind]))
                    used.add((s, e))
        last_phrase = phrase or last_phrase
        if phrase is not None:
            s, e = phrase
            out.append(Evidence(si, s, e, text[s:e], "attribution", "source_span", 1.0, "rule:source-phrase"))
        content = _content(norm, sent, cue, phrase)
        if content is not None:
            s, e = content
            out.append(Evidence(si, s, e, text[s:e], "attribution", "content", 0.0, "rule:content", False,
                                "what is attributed; not counted in the metrics"))  # fmt: skip
    return out


def _coordinated_name(
    norm: str, phrase: tuple[int, int], named: tuple[int, int, str]
) -> tuple[int, int, str] | None:
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


_CONTENT_SKIP = re.compile(r"[\s,:]*(?:that\s+)?")
_OBJECT_THEN_THAT = re.compile(r"\s+(?:[\w'.-]+\s+){0,5}?that\s+")


def _content(norm: str, sent: Sentence, cue: _Cue, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The attributed content: after the cue ("said that X", "told the FT that X", ": \"X\""), or before the
    source when the attribution closes the sentence ("X, officials said.", "X, according to the UN.")."""
    end = sent.end
    while end > sent.start and norm[end - 1] in ".!?\"' ":
        end -= 1
    after_start = source[1] if source is not None and source[0] >= cue.end else cue.end
    if after_start >= end:
        start = after_start
    elif norm.find("that", after_start, end) >= 0 and (m := _OBJECT_THEN_THAT.match(norm, after_start, end)):
        start = m.end()
    else:
        start = _CONTENT_SKIP.match(norm, after_start, end).end()  # type: ignore[union-attr]
    if _THREE_TOKENS.search(norm, start, end) is not None:
        return start, end
    # ", officials said." / ", according to the UN." at the end: the content is the clause before
    stop = source[0] if source is not None and source[0] < cue.start else cue.start
    comma = norm.rfind(",", sent.start, stop)
    if comma > sent.start and _has_three_tokens(norm, sent.start, comma):
        begin = sent.start + (1 if norm[sent.start] == '"' else 0)
        return begin, comma if norm[comma - 1] != '"' else comma - 1
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


_DASHES = "\u2014\u2013-"


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


_AUXILIARIES = frozenset(
    "is are was were has have had will would could can should must may might did does do isn't aren't wasn't "
    "weren't won't can't couldn't wouldn't shouldn't didn't doesn't don't hasn't haven't hadn't".split()
)


# "Trump's supporters seemed unperturbed": the writer's impression, not something the subject said
_IMPRESSION = ("seem", "appear")
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


# a US party and state tag after a name: "(D-N.Y.)", "(R)", "(R-Ky.)", "(I-Vt.)"
_PARTY = r"\([DRI](?:-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\)"
_PARTY_TAG = re.compile(r"\s*" + _PARTY + "$")


def _appositive_subject(norm: str, sent: Sentence, cue_start: int, stripped: int) -> tuple[int, int] | None:
    """When a comma ends the text before the cue: a name and its aside ("Dana Rusk, a spokesperson for the
    front, said"; "Adam B. Schiff, a Democrat of California and a member of ..., said"), else ``None``."""
    appos = None
    for found in _APPOSITIVE_NAME.finditer(norm, sent.start, cue_start):
        appos = found
    if appos is not None and len(_TOKEN.findall(norm, appos.end(), cue_start)) <= 12:
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
    if d is not None and len(_TOKEN.findall(norm, lo, m.start())) <= 25:
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
    if len(_TOKEN.findall(norm, m.end(), comma)) > _APPOSITIVE_MAX:
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


_NP_DETERMINERS = frozenset("the a an his her its their this that these those".split())


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
_NOT_OPENING_NAMES = _NOT_NAMES | _LEADING_DROP | frozenset(
    "perhaps however moreover furthermore nevertheless nonetheless instead overall separately together ultimately "
    "already here there asked speaking like unlike despite with without for from by of to as how what why where "
    "whose should would could can will may might must do does did is are was were has have had one two three "
    "four five six seven eight nine ten".split()
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


def _skip_leading(norm: str, start: int, end: int) -> int:
    """Where the sentence's words start once an opening quote or bracket is skipped."""
    while start < end and not norm[start].isalnum():
        start += 1
    return start


_RELATIVE = frozenset({"who", "which", "that"})
_NAME_BEFORE = re.compile(r"(?<![\w'.-])[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,4}$")


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


def _word_start(norm: str, lo: int, end: int) -> int:
    """Where the space-delimited word that ends at ``end`` starts (not before ``lo``)."""
    return max(norm.rfind(" ", lo, end) + 1, lo)


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
    if (
        first in _APPOSITIVE_STOP
        or first in _CLAUSE_SUBJECTS
        or first.endswith("ing")
        or first in _FINITE_REPORTS
    ):
        return end  # "Reuters, citing two sources, said ...", "According to Reuters, it failed": a clause follows
    stop = sent.end
    while stop > after_comma and norm[stop - 1] in "\"' ":
        stop -= 1
    if norm[stop - 1] == "." and not is_abbreviation(norm[_word_start(norm, after_comma, stop - 1) : stop - 1]):
        stop -= 1  # the sentence's period, not an abbreviation's ("... at Acme Inc.")
    return stop


def _subject(norm: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """The subject phrase right before a cue, without the verb group ("has also said")."""
    lo = max(sent_start, cue_start - 200)
    near = max(lo, cue_start - 80)
    found = _subject_of_words(norm, near, cue_start, clipped=near > lo)
    if found is _RETRY and near > lo:
        found = _subject_of_words(norm, lo, cue_start, clipped=False)
    if found is _RETRY:
        found = _subject_in(norm, _TOKEN_GAP.findall(norm, lo, cue_start), cue_start)
    return found


_RETRY = (-1, -1)  # compared by identity
_NOT_SUBJECT = frozenset({"there", "this", "that", "which", "who"})  # "It said" names the body meant


def _is_adverb(word: str) -> bool:
    """A lower-case -ly word ("publicly", "reportedly"); a capitalised one is a name ("Kelly", "Donnelly")."""
    return word.endswith("ly") and word[:1].islower()


def _is_word(chunk: str) -> bool:
    """Only token characters (``[\\w'-]``, and ``/`` as in "Reuters/Ipsos"): the chunk is one token."""
    return chunk.isalnum() or (chunk.translate(_INNER_PUNCT) or "a").isalnum()


_INNER_PUNCT = str.maketrans("", "", "'-_/")  # characters a token may hold besides letters and digits


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


def _word_offset(norm: str, words: list[str], k: int, lo: int, hi: int) -> int:
    """Where ``words[k]`` starts, for ``words = norm[lo:hi].split()``: found back from ``hi``, word by word (only
    spaces lie between a word and the next, so the last place a word occurs before the next one is that word)."""
    at = hi
    for n in range(len(words) - 1, k - 1, -1):
        at = norm.rfind(words[n], lo, at)
    return at


# a token and the text after it up to the next token (or the end)
_TOKEN_GAP = re.compile(r"([\w'-]+)([^\w'-]*)")


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


def _metrics(evidence: list[Evidence], n_sentences: int) -> dict[str, float]:
    counts = dict.fromkeys(_COUNTED, 0)
    attributed: set[int] = set()
    quotes: set[int] = set()
    anon: set[int] = set()
    sources: set[str] = set()
    for e in evidence:  # one pass; most items are cues, source spans and contents
        cat = e.category
        if cat in _CUES:
            counts[cat] += 1
            attributed.add(e.sentence)
        elif cat in _SOURCES:
            counts[cat] += 1
            if cat != "source.pronoun":
                sources.add(e.text.lower())
            if cat == "source.anonymous":
                anon.add(e.sentence)
        elif cat == "quote.direct":
            quotes.add(e.sentence)
    attributed |= quotes
    n_cues = counts["cue.neutral"] + counts["cue.nonneutral"]
    nonneutral = counts["cue.nonneutral"]
    n_attr = max(len(attributed), 1)
    return {
        "cue_count": float(n_cues),
        "nonneutral_cue_count": float(nonneutral),
        "nonneutral_cue_share": nonneutral / max(n_cues, 1),
        "attributed_sentences": float(len(attributed)),
        "attributed_sentence_share": len(attributed) / max(n_sentences, 1),
        "anonymous_source_count": float(counts["source.anonymous"]),
        "anonymous_share": len(anon & attributed) / n_attr,
        "media_source_count": float(counts["source.media"]),
        "self_reference_count": float(counts["source.self"]),
        "named_source_count": float(counts["source.named"] + counts["source.named_org"]),
        "named_org_count": float(counts["source.named_org"]),
        "direct_quote_count": float(len(quotes)),
        "direct_quote_share": len(quotes & attributed) / n_attr,
        "distinct_sources": float(len(sources)),
    }


# the categories this module gives evidence ("source_span", "content" and "quote.direct" are not counted)
_CUES = frozenset({"cue.neutral", "cue.nonneutral"})
_SOURCES = frozenset(
    {"source.anonymous", "source.media", "source.self", "source.named", "source.named_org", "source.pronoun"}
)
_COUNTED = _CUES | _SOURCES

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

from framing.evidence import Evidence
from framing.lexicon import LexiconEntry, Match, inflect
from framing.measures._common import SentenceIndex
from framing.sentences import Sentence

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
_POST_CUES = frozenset({"according to", "citing", "cited", "quoting", "quoted", "cites"})
# capitalised only because they open the sentence ("More than 100 hostages are believed ...")
_NOT_NAMES = _DETERMINERS | frozenset(
    "it this that more most many some several nearly over about at in on after before while when so but and if "
    "as since during meanwhile then still only almost around up under".split()
)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them"})
_SUBJECT_WINDOW = 5  # tokens between the end of a source and its cue
_OBJECT_WINDOW = 3  # tokens between a post-cue ("according to") and its source
_TOKEN = re.compile(r"[\w'-]+")
_NAME = re.compile(r"[A-Z][\w'.-]*(?:\s+(?:(?:al-|bin|ibn|de|van|von|of|the)\s+)*[A-Z][\w'.-]*)*")
_QUOTE = re.compile(r'"([^"\n]+)"')
# "Ismail Haniyeh, the chief of ...": a name followed by a descriptive appositive
_APPOSITIVE_NAME = re.compile(
    r"([A-Z][\w'.-]*(?:\s+(?:(?:al-|bin|ibn|de|van|von|of|the)\s+)*[A-Z][\w'.-]*)+),\s+(?:a|an|the)\s"
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


def _tokens_between(text: str, a: int, b: int) -> int:
    return len(_TOKEN.findall(text[a:b])) if b >= a else 99


def _cue_stance(category: str) -> str:
    return "cue.nonneutral" if category.endswith("nonneutral") else "cue.neutral"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        for m in _QUOTE.finditer(para.group()):
            if len(_TOKEN.findall(m.group(1))) >= 3:
                spans.append((para.start() + m.start(), para.start() + m.end()))
    return spans


def _named_source(text: str, sent: Sentence, cue: Match) -> tuple[int, int, str] | None:
    """A capitalised name or pronoun right before the cue, or right after a post-cue / inverted cue."""
    before = text[sent.start : cue.start]
    tail = before.rstrip(" ,")
    words = _TOKEN.findall(tail)
    if words and words[-1].lower() in _PRONOUNS:
        start = sent.start + tail.rfind(words[-1])
        return start, start + len(words[-1]), "source.pronoun"
    after = text[cue.end : sent.end]
    post = re.match(r"[\s,]*(?:the\s+)?((?:[A-Z][\w'.-]*)(?:\s+(?:of\s+)?[A-Z][\w'.-]*)*)", after)
    if cue.text.lower() in _POST_CUES:
        if post:
            start = cue.end + post.start(1)
            return start, start + len(post.group(1).rstrip(".")), "source.named"
        return None
    names = list(_NAME.finditer(before))
    # "Ismail Haniyeh, the chief of ..., said": the subject is the name the appositive describes
    if before.rstrip().endswith(",") and (appos := _APPOSITIVE_NAME.search(before)):
        start = sent.start + appos.start(1)
        return start, start + len(appos.group(1)), "source.named"
    # subject: nearest run of capitalised words ending within the window before the cue
    for m in reversed(names):
        chunk = m.group().strip()
        if not any(c.isupper() for c in chunk) or chunk.lower() in {"the", "of"}:
            continue
        if _tokens_between(before, m.end(), len(before)) > _SUBJECT_WINDOW:
            break
        start = sent.start + m.start()
        if m.start() == 0 and len(chunk.split()) == 1 and chunk.lower() in _NOT_NAMES:
            continue
        return start, start + len(chunk.rstrip(".")), "source.named"
    if post and _inverted(text, sent, cue):
        start = cue.end + post.start(1)
        return start, start + len(post.group(1).rstrip(".")), "source.named"
    return None


def _inverted(text: str, sent: Sentence, cue: Match) -> bool:
    """'"...," said X': right after a quote, the source follows the verb."""
    return '"' in text[sent.start : cue.start].rstrip()[-3:]


_APPOSITIVE = re.compile(r"[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*,\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}$")


def _names_a_person(text: str, sent: Sentence, m: Match, cue: Match) -> bool:
    """The source noun belongs to a name: "Dana Rusk, a spokesperson ...", "spokesman John Kirby", "Water Authority"."""
    before = text[sent.start : m.start]
    head = m.text.split()[-1]
    if head[:1].isupper() and before.strip(" \"'(") and before.rstrip()[-1:] not in {".", '"', ":"}:
        return True  # capitalised inside the sentence: part of a proper name
    if _APPOSITIVE.search(before) and m.end <= cue.start and "," in text[m.end : cue.start]:
        return True  # "Dana Rusk, a spokesperson for the front, said"
    nxt = text[m.end : m.end + 40]
    return bool(re.match(r"\s+(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+", nxt)) and not re.match(
        r"\s+(?:told|said|says)\b", nxt
    )


_QUOTE_TABLE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2018": "'", "\u2019": "'"})
_QUOTE_MARK = re.compile(r"''|[\"\u201c\u201d]|\n[ \t]*\n")
_COLON_QUOTE = re.compile(r":[ \t]*[\"'\u201c\u2018]")
# hedge-lexicon verbs that also attribute a belief or perception to a subject ("Lowell thinks that ...")
_COGNITIVE_HEDGES = frozenset(
    "suggest|believe|think|thought|indicate|seem|suspect|doubt|reportedly|allegedly|appear|seems to|seemed to|"
    "appears to|appeared to|appear to".split("|")
)
_NEVER_NOUN = frozenset({"said", "told", "says", "according to", "wrote", "added", "asked", "noted", "argued"})
_CUE_GROUP = frozenset(
    "has have had is was are were be been being will would could can may might should shall must do does did also "
    "previously recently repeatedly publicly then later not never once already still again just only often first "
    "further even long privately reportedly initially earlier n't".split()
)
_CLAUSE_WORDS = frozenset(
    "that who which whom when while if because as but so although though after before since where why how than "
    "what whether until unless".split()
)
_LEADING_DROP = frozenset(
    "and but so now meanwhile still yet however also then instead indeed in on at during after last earlier later "
    "yesterday today tonight this next early late monday tuesday wednesday thursday friday saturday sunday week month "
    "year morning night evening afternoon".split()
)
_SUBJECT_MAX = 12  # tokens in a source phrase


def _normalise(text: str) -> str:
    """Curly quotes to straight ones and '' to a double quote, without changing any offset."""
    norm = text.translate(_QUOTE_TABLE)
    return norm.replace("''", '" ') if "''" in norm else norm


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Quoted regions (marks included); a quote left open at a paragraph end closes there."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for m in _QUOTE_MARK.finditer(text):
        g = m.group()
        if g[0] == "\n":
            if open_at >= 0:
                spans.append((open_at, m.start()))
            open_at = -1
        elif g == "\u201c":
            if open_at < 0:
                open_at = m.start()
        elif g == "\u201d":
            if open_at >= 0:
                spans.append((open_at, m.end()))
                open_at = -1
        elif open_at < 0:
            open_at = m.start()
        else:
            spans.append((open_at, m.end()))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, len(text)))
    return spans


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

    Evidence categories: ``cue.neutral`` / ``cue.nonneutral`` (the cue; a colon introducing a quotation is a
    cue too), ``source.anonymous``, ``source.media``, ``source.self``, ``source.named`` (a person),
    ``source.named_org`` (a named organisation or official body), ``source.pronoun`` (the word(s) that tell
    the kind of source), ``source_span`` (the whole source phrase, e.g. "Dana Rusk, a spokesperson for the
    front"), ``content`` (what is attributed; weight 0) and ``quote.direct``. ``source_span`` and ``content``
    are not counted in the metrics. Cues inside a quotation or
    inside the reported content of an earlier cue in the sentence are nested attributions and are skipped.

    Metrics: ``cue_count``, ``nonneutral_cue_count``, ``nonneutral_cue_share``, ``attributed_sentences``,
    ``attributed_sentence_share``, ``anonymous_source_count``, ``anonymous_share`` (attributed sentences with
    an anonymous source), ``media_source_count``, ``self_reference_count``, ``named_source_count`` (persons
    and organisations), ``named_org_count``,
    ``direct_quote_count``, ``direct_quote_share`` (attributed sentences with a direct quote),
    ``distinct_sources``.
    """
    norm = _normalise(text)
    index = SentenceIndex(sentences)
    by_sentence: dict[int, list[Match]] = {}
    for m in matches:
        if (s := index.at(m.start)) is not None:
            by_sentence.setdefault(s.index, []).append(m)
    quotes = _Regions(_quote_regions(text))
    colons: dict[int, list[int]] = {}
    for m in _COLON_QUOTE.finditer(norm):
        if (s := index.at(m.start())) is not None:
            colons.setdefault(s.index, []).append(m.start())
    evidence: list[Evidence] = []
    for sent in sentences:
        ms = by_sentence.get(sent.index)
        if ms or sent.index in colons:
            evidence.extend(
                _sentence_evidence(text, norm, sent, ms or [], outlets, quotes, colons.get(sent.index, []), index)
            )
    for qs, qe in quotes.spans:
        if len(_TOKEN.findall(norm, qs, qe)) < 3:
            continue
        first = index.at(qs)
        i = first.index if first is not None else 0
        while i < len(sentences) and sentences[i].start < qe:
            sent = sentences[i]
            s, e = max(qs, sent.start), min(qe, sent.end)
            if s < e and len(_TOKEN.findall(norm, s, e)) >= 3:
                evidence.append(Evidence(sent.index, s, e, text[s:e], "attribution", "quote.direct", 1.0,
                                         "rule:direct-quote"))  # fmt: skip
            i += 1
    evidence.sort(key=lambda e: (e.start, e.end, e.category))
    return evidence, _metrics(evidence, len(sentences))


@dataclass
class _Cue:
    start: int
    end: int
    category: str
    weight: float
    entry: str
    match: Match | None


def _cue_entry(m: Match) -> LexiconEntry | None:
    entry = m.entry_in("reporting_verbs")
    if entry is not None:
        return entry
    hedge = m.entry_in("hedges")
    if hedge is not None and hedge.term in _COGNITIVE_HEDGES:
        return hedge
    return None


_NOUN_LIKE = frozenset(
    "tweet comment remark question call show offer promise pledge claim demand answer note hope fear praise reply "
    "want think know feel defend endorse reject oppose refuse decline agree".split()
)
_SUBJECT_WORDS = frozenset("i we you he she they who people others many some democrats republicans voters".split())
_VERB_GROUP_WORDS = frozenset(
    "also still not n't never only just often always now would will could can may might should do does did to".split()
)


@cache
def _base_and_s(term: str) -> frozenset[str]:
    forms = inflect(term)
    return frozenset((forms[0], forms[1]))


def _subject_like(norm: str, prev: str, m: Match) -> bool:
    """A pronoun, a name or an auxiliary right before a base / -s verb form: 'they support', 'Trump wants'."""
    if not prev:
        return False
    if prev in _SUBJECT_WORDS or prev in _VERB_GROUP_WORDS or prev.endswith("ly"):
        return prev != "to"
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
    j = i
    while j > sent_start and (norm[j - 1].isalnum() or norm[j - 1] in "'-"):
        j -= 1
    return norm[j:i].lower() if j < i else ""


def _find_cues(text: str, norm: str, sent: Sentence, matches: list[Match], quotes: _Regions,
               colons: list[int]) -> list[_Cue]:  # fmt: skip
    cues: list[_Cue] = []
    for m in matches:
        entry = _cue_entry(m)
        if entry is None or quotes.containing(m.start) is not None:
            continue  # nested: a cue inside a quotation belongs to the quoted speaker
        low = m.text.lower()
        prev = _prev_word(norm, sent.start, m.start)
        single = " " not in entry.term
        if prev in _DETERMINERS and single and low not in _NEVER_NOUN and entry.pos in {"verb", ""}:
            continue  # "the report", "his claims": a noun, not a reporting verb
        if prev == "to" and single:
            continue  # "called on Qatar to threaten": an infinitive, not a report
        if entry.term in _NOUN_LIKE and low in _base_and_s(entry.term) and not _subject_like(norm, prev, m):
            continue  # "support", "attacks", "comments": without a subject right before, read as a noun
        if entry.lexicon.startswith("hedges"):
            category, weight = "cue.neutral", min(entry.weight, 0.5)
        else:
            category, weight = _cue_stance(entry.category), entry.weight
        cues.append(_Cue(m.start, m.end, category, weight, f"{entry.lexicon}:{entry.term}", m))
    for pos in colons:
        if quotes.containing(pos) is None and not any(c.start <= pos < c.end + 2 for c in cues):
            cues.append(_Cue(pos, pos + 1, "cue.neutral", 0.5, "rule:colon-before-quote", None))
    cues.sort(key=lambda c: c.start)
    return _outermost(norm, cues)


_NESTED_BREAK = re.compile(r"[\";:]|,\s+(?:and|but|adding|saying|while|although|though)\b|\s(?:and|but)\s")


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
        ):
            continue
        kept.append(c)
    return kept


def _sentence_evidence(
    text: str,
    norm: str,
    sent: Sentence,
    matches: list[Match],
    outlets: OutletNames,
    quotes: _Regions,
    colons: list[int],
    index: SentenceIndex,
) -> list[Evidence]:
    out: list[Evidence] = []
    cues = _find_cues(text, norm, sent, matches, quotes, colons)
    if not cues:
        return out
    for c in cues:
        out.append(Evidence(sent.index, c.start, c.end, text[c.start : c.end], "attribution", c.category,
                            c.weight, c.entry))  # fmt: skip
    media = list(outlets.pattern.finditer(norm, sent.start, sent.end)) if outlets.pattern else []
    used: set[tuple[int, int]] = set()
    for cue in cues:
        m_cue = cue.match
        found = False
        if m_cue is not None:
            for m in matches:
                entry = m.entry_in("source_nouns")
                if entry is None or (m.start, m.end) in used or not _near(norm, sent, m.start, m.end, m_cue):
                    continue
                if entry.category == "source.anonymous" and _names_a_person(norm, sent, m, m_cue):
                    continue
                kind = "source.anonymous" if entry.category == "source.anonymous" else "source.media"
                out.append(Evidence(sent.index, m.start, m.end, m.text, "attribution", kind, entry.weight,
                                    f"{entry.lexicon}:{entry.term}"))  # fmt: skip
                used.add((m.start, m.end))
                found = True
            for m in media:
                span = (m.start(1), m.end(1))
                if span in used or not _near(norm, sent, m.start(), m.end(), m_cue, media_verbs=True):
                    continue
                name = m.group(1)
                if m.start() == sent.start and " " not in name and name[1:].islower():
                    continue  # a one-word name opening the sentence ("Time is ...") is too ambiguous
                kind = "source.self" if name in outlets.own else "source.media"
                out.append(
                    Evidence(sent.index, span[0], span[1], name, "attribution", kind, 1.0, f"rule:outlet-name:{name}")
                )
                used.add(span)
                found = True
            if not found and (named := _named_source(norm, sent, m_cue)) is not None and named[:2] not in used:
                s, e, kind = named
                if kind == "source.named" and _is_organisation(text[s:e]):
                    kind = "source.named_org"
                out.append(Evidence(sent.index, s, e, text[s:e], "attribution", kind, 1.0,
                                    f"rule:{kind.split('.')[1]}-before-cue"))  # fmt: skip
                used.add((s, e))
        phrase = _source_phrase(norm, sent, cue)
        if phrase is not None:
            s, e = phrase
            out.append(Evidence(sent.index, s, e, text[s:e], "attribution", "source_span", 1.0, "rule:source-phrase"))
        content = _content(norm, sent, cue, phrase)
        if content is not None:
            s, e = content
            out.append(Evidence(sent.index, s, e, text[s:e], "attribution", "content", 0.0, "rule:content",
                                note="what is attributed; not counted in the metrics"))  # fmt: skip
    return out


_ORG = re.compile(
    r"\b(?:Ministry|Council|Agency|Department|Forces|Army|Military|Office|Authority|Authorities|Committee|Commission|"
    r"Court|Government|Party|University|Police|Hospital|House|Union|Nations|Organi[sz]ation|Bank|Fund|Institute|"
    r"Association|Group|Company|Corp|Inc|Administration|Kremlin|Pentagon|Parliament|Senate|Congress|Cabinet|"
    r"Service|Bureau|Embassy|Mission|Secretariat|Federation|Front|Movement|Brigades?|Command)\b"
)


def _is_organisation(name: str) -> bool:
    """A named body rather than a person: an organisation word, or an acronym (UN, IDF, NATO)."""
    return bool(_ORG.search(name)) or (name.isupper() and 2 <= len(name.replace(".", "")) <= 6)


_CONTENT_SKIP = re.compile(r"[\s,:]*(?:that\s+)?")
_OBJECT_THEN_THAT = re.compile(r"\s+(?:[\w'.-]+\s+){0,5}?that\s+")


def _content(norm: str, sent: Sentence, cue: _Cue, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The attributed content: after the cue ("said that X", "told the FT that X", ": \"X\""), or before the
    source when the attribution closes the sentence ("X, officials said.", "X, according to the UN.")."""
    end = sent.end
    while end > sent.start and norm[end - 1] in ".!?\"' ":
        end -= 1
    after_start = source[1] if source is not None and source[0] >= cue.end else cue.end
    tail = norm[after_start:end]
    if m := _OBJECT_THEN_THAT.match(tail):
        start = after_start + m.end()
    else:
        start = after_start + _CONTENT_SKIP.match(tail).end()  # type: ignore[union-attr]
    if len(_TOKEN.findall(norm, start, end)) >= 3:
        return start, end
    # ", officials said." / ", according to the UN." at the end: the content is the clause before
    stop = source[0] if source is not None and source[0] < cue.start else cue.start
    comma = norm.rfind(",", sent.start, stop)
    if comma > sent.start and len(_TOKEN.findall(norm, sent.start, comma)) >= 3:
        begin = sent.start + (1 if norm[sent.start] == '"' else 0)
        return begin, comma if norm[comma - 1] != '"' else comma - 1
    return None


_POST_SOURCE_END = re.compile(r"[,;:?!\"()]|\.(?=\s|$)|\s(?:in|on|at|during|after|before|about|for|with|to|that)\s")
_INVERTED_NEXT = re.compile(r"\s*(?:[A-Z]|(?:a|an|the|one|another|two|three|several|some|many|his|her|their)\s)")


def _source_phrase(norm: str, sent: Sentence, cue: _Cue) -> tuple[int, int] | None:
    """The whole source phrase of a cue: the subject before it, or the phrase after a post-cue or inverted cue."""
    low = norm[cue.start : cue.end].lower()
    if cue.match is not None and low in _POST_CUES:
        return _after(norm, sent, cue.end)
    stripped = norm[sent.start : cue.start].rstrip()
    if stripped.endswith(","):
        appos = None
        for found in _APPOSITIVE_NAME.finditer(norm, sent.start, cue.start):
            appos = found
        if appos is not None and len(_TOKEN.findall(norm, appos.end(), cue.start)) <= 12:
            return appos.start(1), sent.start + len(stripped) - 1
    if (
        cue.match is not None
        and (not stripped or stripped.endswith((",", '"')))
        and not low.endswith("ing")
        and _INVERTED_NEXT.match(norm, cue.end)
    ):
        return _after(norm, sent, cue.end)
    return _subject(norm, sent.start, cue.start)


def _after(norm: str, sent: Sentence, pos: int) -> tuple[int, int] | None:
    m = _POST_SOURCE_END.search(norm, pos, sent.end)
    end = m.start() if m else sent.end
    start = pos
    while start < end and norm[start] in " ,":
        start += 1
    while end > start and not (norm[end - 1].isalnum() or norm[end - 1] in ".)"):
        end -= 1
    if end - start < 2:
        return None
    return start, end


def _subject(norm: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """The subject phrase right before a cue, without the verb group ("has also said")."""
    toks = list(_TOKEN.finditer(norm, max(sent_start, cue_start - 200), cue_start))
    i = len(toks)
    nxt = cue_start
    while i > 0:  # skip the verb group (auxiliaries, adverbs) glued to the cue
        w = toks[i - 1].group().lower()
        if norm[toks[i - 1].end() : nxt].strip() or not (w in _CUE_GROUP or w.endswith("ly")):
            break
        i -= 1
        nxt = toks[i].start()
    end_i = i
    j = i
    while j > 0:
        t = toks[j - 1]
        gap = norm[t.end() : nxt].strip()
        if gap and not (gap == "." and j < end_i):
            break
        w = t.group().lower()
        if w in _CLAUSE_WORDS:
            break
        if w == "and" and not (j < end_i and j >= 2 and toks[j].group()[:1].isupper()
                               and toks[j - 2].group()[:1].isupper()):  # fmt: skip
            break
        j -= 1
        nxt = t.start()
        if end_i - j > _SUBJECT_MAX:
            return None
    sub = toks[j:end_i]
    while sub and (sub[0].group().lower() in _LEADING_DROP or sub[0].group()[:1].isdigit()):
        sub = sub[1:]
    if not sub:
        return None
    start, end = sub[0].start(), sub[-1].end()
    if norm[start:end].lower() in {"it", "there", "this", "that", "which", "who"}:
        return None
    return start, end


def _near(text: str, sent: Sentence, start: int, end: int, cue: Match, *, media_verbs: bool = False) -> bool:
    if end <= cue.start:
        return _tokens_between(text, end, cue.start) <= _SUBJECT_WINDOW
    if start >= cue.end:
        if re.search(r"[,;:]", text[cue.end : start]):
            return False  # the clause ended: "Citing two officials, the report ..."
        gap = _tokens_between(text, cue.end, start)
        if cue.text.lower() in _POST_CUES or _inverted(text, sent, cue):
            return gap <= _OBJECT_WINDOW
        # "told the FT", "reported by the Financial Times": an outlet right after the verb
        return media_verbs and gap <= 2
    return False


def _metrics(evidence: list[Evidence], n_sentences: int) -> dict[str, float]:
    cues = [e for e in evidence if e.category.startswith("cue.")]
    nonneutral = [e for e in cues if e.category == "cue.nonneutral"]
    quotes = {e.sentence for e in evidence if e.category == "quote.direct"}
    attributed = {e.sentence for e in cues} | quotes
    anon = [e for e in evidence if e.category == "source.anonymous"]
    sources = [e for e in evidence if e.category.startswith("source.")]
    n_attr = max(len(attributed), 1)
    return {
        "cue_count": float(len(cues)),
        "nonneutral_cue_count": float(len(nonneutral)),
        "nonneutral_cue_share": len(nonneutral) / max(len(cues), 1),
        "attributed_sentences": float(len(attributed)),
        "attributed_sentence_share": len(attributed) / max(n_sentences, 1),
        "anonymous_source_count": float(len(anon)),
        "anonymous_share": len({e.sentence for e in anon} & attributed) / n_attr,
        "media_source_count": float(sum(e.category == "source.media" for e in evidence)),
        "self_reference_count": float(sum(e.category == "source.self" for e in evidence)),
        "named_source_count": float(sum(e.category in {"source.named", "source.named_org"} for e in evidence)),
        "named_org_count": float(sum(e.category == "source.named_org" for e in evidence)),
        "direct_quote_count": float(len(quotes)),
        "direct_quote_share": len(quotes & attributed) / n_attr,
        "distinct_sources": float(len({e.text.lower() for e in sources if e.category != "source.pronoun"})),
    }

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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.evidence import Evidence
from framing.lexicon import Match
from framing.measures._common import SentenceIndex, prev_tokens
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
        if m.start() == 0 and len(chunk.split()) == 1 and chunk.lower() in _DETERMINERS | {"it", "this", "that"}:
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


def measure_attribution(
    text: str, sentences: Sequence[Sentence], matches: Sequence[Match], outlets: OutletNames
) -> tuple[list[Evidence], dict[str, float]]:
    """Return attribution evidence and metrics for one article.

    Metrics: ``cue_count``, ``nonneutral_cue_count``, ``nonneutral_cue_share``, ``attributed_sentences``,
    ``attributed_sentence_share``, ``anonymous_source_count``, ``anonymous_share`` (attributed sentences with
    an anonymous source), ``media_source_count``, ``self_reference_count``, ``named_source_count``,
    ``direct_quote_count``, ``direct_quote_share`` (attributed sentences with a direct quote),
    ``distinct_sources``.
    """
    index = SentenceIndex(sentences)
    by_sentence: dict[int, list[Match]] = {}
    for m in matches:
        if (s := index.at(m.start)) is not None:
            by_sentence.setdefault(s.index, []).append(m)
    evidence: list[Evidence] = []
    for sent in sentences:
        evidence.extend(_sentence_evidence(text, sent, by_sentence.get(sent.index, []), outlets))
    for qs, qe in _quote_spans(text):
        for sent in sentences:
            s, e = max(qs, sent.start), min(qe, sent.end)
            if s < e and len(_TOKEN.findall(text[s:e])) >= 3:
                evidence.append(Evidence(sent.index, s, e, text[s:e], "attribution", "quote.direct", 1.0,
                                         "rule:direct-quote"))  # fmt: skip
    evidence.sort(key=lambda e: (e.start, e.end, e.category))
    return evidence, _metrics(evidence, len(sentences))


def _sentence_evidence(text: str, sent: Sentence, matches: list[Match], outlets: OutletNames) -> list[Evidence]:
    out: list[Evidence] = []
    cues: list[Match] = []
    for m in matches:
        entry = m.entry_in("reporting_verbs")
        if entry is None:
            continue
        before = prev_tokens(text, sent.start, m.start)
        if before and before[-1].lower() in _DETERMINERS and entry.pos in {"verb", ""} and " " not in entry.term:
            continue  # "the report", "his claims": a noun, not a reporting verb
        if before and before[-1].lower() == "to" and " " not in entry.term:
            continue  # "called on Qatar to threaten": an infinitive, not a report
        cues.append(m)
        out.append(Evidence(sent.index, m.start, m.end, m.text, "attribution", _cue_stance(entry.category),
                            entry.weight, f"{entry.lexicon}:{entry.term}"))  # fmt: skip
    if not cues:
        return out
    media = list(outlets.pattern.finditer(text, sent.start, sent.end)) if outlets.pattern else []
    used: set[tuple[int, int]] = set()
    for cue in cues:
        found = False
        for m in matches:
            entry = m.entry_in("source_nouns")
            if entry is None or (m.start, m.end) in used or not _near(text, sent, m.start, m.end, cue):
                continue
            if entry.category == "source.anonymous" and _names_a_person(text, sent, m, cue):
                continue
            kind = "source.anonymous" if entry.category == "source.anonymous" else "source.media"
            out.append(Evidence(sent.index, m.start, m.end, m.text, "attribution", kind, entry.weight,
                                f"{entry.lexicon}:{entry.term}"))  # fmt: skip
            used.add((m.start, m.end))
            found = True
        for m in media:
            span = (m.start(1), m.end(1))
            if span in used or not _near(text, sent, m.start(), m.end(), cue, media_verbs=True):
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
        if not found and (named := _named_source(text, sent, cue)) is not None and named[:2] not in used:
            s, e, kind = named
            out.append(
                Evidence(sent.index, s, e, text[s:e], "attribution", kind, 1.0, f"rule:{kind.split('.')[1]}-before-cue")
            )
            used.add((s, e))
    return out


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
        "named_source_count": float(sum(e.category == "source.named" for e in evidence)),
        "direct_quote_count": float(len(quotes)),
        "direct_quote_share": len(quotes & attributed) / n_attr,
        "distinct_sources": float(len({e.text.lower() for e in sources if e.category != "source.pronoun"})),
    }

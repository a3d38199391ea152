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
from operator import attrgetter

from framing.evidence import Evidence
from framing.measures.attribution._words import _POST_CUES, _has_three_tokens, _rstrip_end
from framing.measures.attribution.content import _content
from framing.measures.attribution.cues import (
    _COGNITIVE_HEDGES,
    _COLON_STATEMENT_RULE,
    _find_cues,
    _participle_clause,
    _rule_cue_positions,
    _speaker_before,
)
from framing.measures.attribution.kinds import (
    _NAMED_RULES,
    _NOT_POST,
    _coordinated_name,
    _is_organisation,
    _named_source,
    _names_a_person,
    _near_or_within,
    _post_name,
)
from framing.measures.attribution.outlets import OutletNames, _OutletScan
from framing.measures.attribution.phrases import _by_phrase, _passive, _source_phrase
from framing.measures.attribution.quotes import _quote_regions, _Regions
from framing.measures.attribution.subjects import _opening_noun_phrase, _opening_subject
from framing.text.analysed import AnalysedText
from framing.text.lexicon import LexiconEntry
from framing.text.matcher import Match
from framing.text.sentences import Sentence

__all__ = ["OutletNames", "measure_attribution"]


def measure_attribution(at: AnalysedText, outlets: OutletNames) -> tuple[list[Evidence], dict[str, float]]:
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
    text, norm, sentences = at.text, at.norm, at.sentences
    starts = [s.start for s in sentences]
    # only matches that can be a cue or a source reach the rules; look their entries up once (keys: positions in
    # ``sentences``)
    cue_cands: dict[int, list[tuple[Match, LexiconEntry]]] = {}
    source_cands: dict[int, list[tuple[Match, LexiconEntry]]] = {}
    for m in at.matches:
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


_EVIDENCE_ORDER = attrgetter("start", "end", "category")


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
                # "Rawlings told USA TODAY": an outlet after the verb is who was told; the speaker before the verb
                # is still the source ("reported by the FT" has its outlet within the by-phrase: the source)
                found = found or m_start < cue.end or within is not None
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


# "Trump's supporters seemed unperturbed": the writer's impression, not something the subject said
_IMPRESSION = ("seem", "appear")


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

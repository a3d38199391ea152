"""Roles: who an article casts as victim (harm is done to it), villain (it causes harm or is blamed) or hero
(it helps, rescues or solves).

Each cue of ``lexicons/roles.tsv`` says which participant gets which role:

========== ========================================= =============================================
category   cue (examples)                            roles
========== ========================================= =============================================
harm       killed, shelled, abducted; attack, siege  agent: villain; patient: victim
suffer     died, fled, suffered; victims, starving   the one who suffers: victim
blame      blamed, accused, condemned; stands        the one blamed: villain
           accused, faced condemnation
wrongdoing rejected, refused, violated, flouted;     agent: villain
           rejection, violation
help       mediated, brokered, rescued; thanks to,   agent: hero
           mediation
========== ========================================= =============================================

The participants are found by shallow rules over the sentence's tokens (no parser): the voice of a verb cue (a
form of *be* before a participle makes it passive, "Palestinians killed in Gaza" is a reduced passive), its
subject (the first noun chunk of its clause, with chunks joined by *and* or commas), its object (the first noun
chunk after it), the agent after *by*, and for a noun cue what follows *on*, *against*, *of* or *by*, its
possessor ("Israel's war", "its offensive") and the subject of a verb that launches it ("Hamas launched a
large-scale attack"). A noun chunk is a participant when it holds an actor alias (the bundled actor sets), a
word for a group of people (civilians, children, officials, troops ...) or a capitalised name; a bare number
("74,200 injured") may be a patient. Negated and infinitive harm cues ("did not attack", "vowed to destroy")
cast nobody.

Each role is one evidence item (dimension ``framing``, category ``role.victim|villain|hero``) whose span is the
participant, whose entry is the cue's lexicon row and whose note names the cue, the rule and the actors of the
bundled sets found in the span (``actors: hamas``); :func:`framing.compare.actors.actor_table` counts them per
actor with whatever actor sets it is given.

Example:
    >>> from framing.text.analysed import Analyser
    >>> from framing.text.frames import frame_groups
    >>> at = Analyser(groups=frame_groups()).analyse(
    ...     "Nearly 32,000 Palestinians, mostly women and children, have since been killed in Gaza.")
    >>> [(e.category, e.text) for e in measure_roles(at)[0]]
    [('role.victim', 'Nearly 32,000 Palestinians')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framing.evidence import FRAMING_DIMENSION, Evidence
from framing.measures._chunks import (
    BOUNDARY_WORDS,
    DETS,
    FUNCTION,
    PREPOSITIONS,
    QUANTIFIER_PAIRS,
    RELATIVE,
    Chunk,
    SentenceTokens,
)
from framing.measures._common import has_negator
from framing.text.actors import is_alias_match
from framing.text.analysed import AnalysedText
from framing.text.frames import ROLES
from framing.text.lexicon import LexiconEntry
from framing.text.matcher import Match

__all__ = ["measure_roles"]

_PRONOUN_POSSESSORS = frozenset({"its", "their", "his", "her"})
_PERSONAL = frozenset({"they", "it", "he", "she", "we"})
# nouns whose possessor is the patient ("Haniyeh's assassination"), not the agent ("Israel's war")
_PATIENT_POSSESSED = frozenset({"assassination", "assassinations", "killing", "killings", "murder", "abduction",
                                "kidnapping", "execution", "torture", "displacement", "expulsion"})  # fmt: skip
# "offered to mediate", "ready to help": a verb before "to" that makes an infinitive an act, not an intention
_DOING_TO = frozenset(
    "offered offer offers agreed agree agrees ready willing worked working helped continue continued continues "
    "stepped moved tried trying sought seeking managed".split()
)
_BE = frozenset("is are was were be been being am get gets got gotten getting 's 're".split())
_AUX_OR_ADVERB = _BE | frozenset(
    """have has had will would can could may might must shall should since already also reportedly allegedly
    not never just still so far then later now recently yet all both""".split()
)
_IRREGULAR_PARTICIPLES = frozenset(
    "struck hit shot hurt held taken forced fled slain beaten driven kidnapped sought lost left stolen".split()
)
_REDUCED_NEXT = frozenset(
    """in by at during since amid near after while when as on across throughout inside outside and so last this
    yesterday today overnight earlier""".split()
)
_LAUNCH = frozenset(
    """launched launch launches launching waged wage wages waging carried conducted staged began begun started stepped
    unleashed mounted ordered imposed declared intensified expanded continued retaliated""".split()
)
_PATIENT_PREPS = frozenset({"on", "against", "of", "into", "upon"})
_NOUN_NEXT = frozenset({"on", "against", "by", "of", "into", "upon"})
# cues that are nouns or adjectives, never verbs, whatever the lexicon's pos column says
_NOUNS = frozenset(
    """airstrike airstrikes strikes bombardment offensive assault invasion siege blockade killings aggression raid
    raids incursion genocide atrocities war assassination assassinations occupation victims victim casualties trapped
    stranded homeless starving dead suffering plight mourning grieving captive rejection refusal violation violations
    defiance mediation mediator mediators relief""".split()
) | frozenset({"air strikes", "war on", "violence against", "ethnic cleansing", "thanks to", "mediation efforts",
               "efforts to mediate", "humanitarian aid"})  # fmt: skip
_SUBJECT_PHRASES = frozenset(
    """stands accused|stand accused|faced condemnation|faced international condemnation|faces condemnation|
    blamed for|held responsible|holds responsible|hold responsible|accused of|forced to flee|forced to leave|
    lost their lives|lost their homes|sought refuge|seek refuge|seeking refuge""".replace("\n", "").split("|")
)
_ROLE_OF = {"harm": ("villain", "victim"), "suffer": (None, "victim"), "blame": (None, "villain"),
            "wrongdoing": ("villain", None), "help": ("hero", None)}  # fmt: skip


def _participle(word: str) -> bool:
    return word.endswith("ed") or word in _IRREGULAR_PARTICIPLES


def _aux_chain(s: SentenceTokens, k: int) -> tuple[int, bool]:
    """The first token of the auxiliaries and adverbs before token ``k``, and whether a form of *be* is among them
    (a preceding participle and *and*/*or*, as in "killed or injured", shares its auxiliaries)."""
    b, passive = k, False
    while b > 0:
        w = s.low[b - 1]
        if w in _AUX_OR_ADVERB or (w.endswith("ly") and len(w) > 4):
            passive |= w in _BE and _participle(s.low[k])
            b -= 1
        elif w in {"and", "or"} and b > 1 and _participle(s.low[b - 2]):
            b -= 2
        else:
            break
    return b, passive


def _subject(s: SentenceTokens, k: int) -> list[Chunk]:
    """The subject of the verb at token ``k``: the first participant chunk of its clause; the antecedent of a
    relative pronoun; the subject after an opening participle clause ("Flouting X, Israel has ...")."""
    start = s.clause_start(k)
    end, _ = _aux_chain(s, k)
    if s.low[start].endswith("ing") and start < k:  # "Flouting a resolution, Israel has faced ...": after the comma
        start = next((m for m in range(start + 1, end) if "," in s.gap(m)), start)
    if s.low[start] in _PERSONAL and start > 0:  # "the IDF said that they ...": the previous clause's subject
        before = start - 2 if s.low[start - 1] in BOUNDARY_WORDS else start - 1
        return s.first(s.clause_start(before), before + 1) if before >= 0 else []
    found = s.first(start, end)
    if found:
        return found
    if start > 0 and s.low[start - 1] in RELATIVE:
        before = s.chunks(s.clause_start(start - 1), start - 1)
        parts = [c for c in before if s.participant(c)]
        return parts[-1:]
    if k == 0 and s.low[0].endswith("ing"):
        for m in range(1, len(s)):
            if "," in s.gap(m):
                return s.first(m, s.clause_end(m))
    return []


def _object(s: SentenceTokens, k: int, *, number: bool) -> list[Chunk]:
    """The object after a verb ending before token ``k``: the first noun chunk after determiners and quantifiers
    ("killed at least 20 people", "blamed Israel for ..."), if it is a participant."""
    end = s.clause_end(k - 1)
    m = k
    while m < end and (
        s.low[m] in DETS
        or (s.low[m], s.low[m + 1] if m + 1 < end else "") in QUANTIFIER_PAIRS
        or s.low[m] in {"least", "than", "to", "over", "about", "around", "nearly", "some"}
    ):
        m += 1  # fmt: skip
    chunks = s.chunks(m, end)
    if not chunks or chunks[0].i != m or not s.participant(chunks[0], number=number):
        return []
    return s.coordinated(chunks, 0, number=number)


def _after(s: SentenceTokens, k: int, words: frozenset[str], span: int = 6) -> int | None:
    """The first token after ``k`` (within ``span`` tokens, same clause) that is one of ``words``."""
    end = min(s.clause_end(k), k + 1 + span)
    return next((m for m in range(k + 1, end) if s.low[m] in words), None)


def _possessor(s: SentenceTokens, k: int) -> list[Chunk]:
    """The possessor of the noun at token ``k`` ("Israel's war", "its offensive": the clause's subject)."""
    for m in range(k - 1, max(k - 5, -1), -1):
        w = s.low[m]
        if w in _PRONOUN_POSSESSORS:
            return _subject(s, m)
        if w.endswith("'s") or s.gap(m + 1).startswith("'") or s.gap(m + 1).startswith("\u2019"):
            chunk = next((c for c in s.chunks(s.clause_start(m), m + 1) if c.j == m + 1), None)
            return [chunk] if chunk and s.participant(chunk) else []
        if w in FUNCTION:
            return []
    return []


@dataclass(frozen=True)
class _Cast:
    role: str
    chunks: tuple[Chunk, ...]
    how: str


def _cast(s: SentenceTokens, k: int, k_end: int, entry: LexiconEntry, form: str) -> list[_Cast]:
    """The roles one cue (tokens ``[k, k_end)``) gives, by the rules of the module docstring."""
    kind = entry.category.removeprefix("role.")
    agent_role, patient_role = _ROLE_OF.get(kind, (None, None))
    out: list[_Cast] = []

    def add(role: str | None, chunks: list[Chunk], how: str) -> None:
        if role and chunks:
            out.append(_Cast(role, tuple(chunks), how))

    if form in _SUBJECT_PHRASES:
        add("villain" if kind == "blame" else patient_role or agent_role, _subject(s, k), "subject")
        return out
    if kind == "help" and form == "thanks to":
        add("hero", s.first(k_end, min(s.clause_end(k), k_end + 8)), "thanks to")
        return out
    prev = s.low[k - 1] if k > 0 else ""
    nxt = s.low[k_end] if k_end < len(s) else ""
    if prev == "to" and (k < 2 or s.low[k - 2] not in _DOING_TO):
        return out  # "vowed to destroy", "how to negotiate": intended, not done
    if form.endswith("ing") and {"of", "for"} & set(s.low[max(0, k - 6) : k]) and prev not in DETS:
        return out  # "the goal of eliminating X and rescuing Y": an aim
    noun = (
        form in _NOUNS
        or (
            not form.endswith(("ed", "ing"))
            and form not in _IRREGULAR_PARTICIPLES
            and (prev in DETS or nxt in _NOUN_NEXT)
        )
        or (form.endswith("ing") and (prev in DETS | PREPOSITIONS or nxt in {"of", "on", "by"} or k - 1 in s.alias_at))
    )
    if noun:
        own = next((c for c in s.chunks(s.clause_start(k), k_end) if c.i <= k < c.j and s.participant(c)), None)
        if own is not None and own.actors:  # "Israeli strikes", "Qatari mediators", "starving children"
            add(agent_role or patient_role, [own], "noun modifier")
        elif own is not None and kind == "suffer":
            add("victim", [own], "noun modifier")
        possessed_role = patient_role if form in _PATIENT_POSSESSED or kind == "suffer" else agent_role
        add(possessed_role, _possessor(s, k), "possessor")
        by = k_end if nxt == "by" else None
        if by is not None:
            add(agent_role, s.first(by + 1, s.clause_end(by)), "by")
        if form.endswith((" on", " against")):
            add(patient_role, s.first(k_end, s.clause_end(k), number=True), "on")
        elif nxt in _PATIENT_PREPS or (nxt == "among" and kind == "suffer"):
            target = s.first(k_end + 1, s.clause_end(k), number=True)
            if kind == "suffer" and form.startswith("victim") and nxt == "of":
                add("villain", [c for c in target if c.actors], "victims of")
            else:
                add(patient_role, target, nxt)
        if kind == "suffer" and own is None and k > 0:
            before = next((c for c in s.chunks(s.clause_start(k), k) if c.j == k), None)
            if before is not None and s.participant(before, number=True):
                add("victim", [before], "noun modifier")
        if agent_role and kind == "harm":
            start = s.clause_start(k)
            if any(w in _LAUNCH for w in s.low[max(start, k - 6) : k]):
                add(agent_role, _subject(s, k), "launched")
        return out
    first_word = form.split(" ")[0]
    aux_start, passive = _aux_chain(s, k)
    reduced = (
        not passive
        and (kind == "harm" or nxt == "by")  # "Qatar mediated." is active; "Palestinians killed in Gaza" is not
        and aux_start == k
        and _participle(first_word)
        and (nxt in _REDUCED_NEXT or nxt.endswith("ly") or not nxt or s.gap(k_end).strip())
        and not (nxt in {"at", "more", "up"} and k_end + 1 < len(s) and s.low[k_end + 1] in {"least", "than", "to"})
    )
    by = _after(s, k_end - 1, frozenset({"by"}))
    agent_by = s.first(by + 1, s.clause_end(by)) if by is not None else []
    if passive or reduced:
        if reduced:
            before = next((c for c in s.chunks(s.clause_start(k), k) if c.j == k), None)
            patient = [before] if before is not None and s.participant(before, number=True) else []
            if not patient and kind in {"harm", "suffer"}:
                patient = _subject(s, k)
        else:
            patient = _subject(s, k)
        if kind == "blame":
            add("villain", patient, "passive")
        else:
            add(patient_role, patient, "passive" if passive else "reduced passive")
        add(agent_role, agent_by, "by")
        return out
    add(agent_role or (patient_role if kind == "suffer" else None), _subject(s, k), "subject")
    if kind in {"harm", "blame"}:
        add("villain" if kind == "blame" else patient_role, _object(s, k_end, number=kind == "harm"), "object")
    return out


def measure_roles(at: AnalysedText) -> tuple[list[Evidence], dict[str, float]]:
    """Role evidence (``role.victim|villain|hero``) and counts for one article (see the module docstring).

    Metrics: ``<role>_count`` (items) and ``<role>_sentence_share`` for each role.
    """
    cues = at.grouped.get("roles", ())
    aliases = [m for m in at.grouped.get("actors", ()) if is_alias_match(m.text)]
    if not cues:
        return [], _metrics([], len(at.sentences))
    by_sentence: dict[int, list[Match]] = {}
    for m in cues:
        sent = at.sentence_at(m.start)
        if sent is not None:
            by_sentence.setdefault(sent.index, []).append(m)
    alias_by_sentence: dict[int, list[Match]] = {}
    for m in aliases:
        sent = at.sentence_at(m.start)
        if sent is not None:
            alias_by_sentence.setdefault(sent.index, []).append(m)
    out: list[Evidence] = []
    for idx, matches in sorted(by_sentence.items()):
        sent = at.sentences[idx]
        s = SentenceTokens(at, sent, alias_by_sentence.get(idx, []))
        seen: set[tuple[str, int, int]] = set()
        for m in matches:
            entry = m.by_lexicon.get("roles") or m.entries[0]
            if not entry.category.startswith("role."):
                continue
            k, k_end = s.index_at(m.start), s.index_at(m.end - 1) + 1
            if k >= len(s) or has_negator(s.low[max(0, k - 3) : k]):
                continue
            if k > 0 and m.text[:1].isupper():
                continue  # part of a name: "United Nations Relief and Works Agency"
            form = " ".join(s.low[k:k_end])
            for cast in _cast(s, k, k_end, entry, form):
                for c in cast.chunks:
                    key = (cast.role, c.start, c.end)
                    if key in seen or c.end <= c.start:
                        continue
                    seen.add(key)
                    note = f"{cast.role} of '{m.text}' ({cast.how})"
                    if c.actors:
                        note += f"; actors: {', '.join(c.actors)}"
                    out.append(Evidence(idx, c.start, c.end, at.text[c.start : c.end], FRAMING_DIMENSION,
                                        f"role.{cast.role}", entry.weight, f"{entry.lexicon}:{entry.term}",
                                        note=note))  # fmt: skip
    out.sort(key=lambda e: (e.start, e.end, e.category))
    return out, _metrics(out, len(at.sentences))


def _metrics(evidence: Sequence[Evidence], n_sentences: int) -> dict[str, float]:
    n = max(n_sentences, 1)
    metrics: dict[str, float] = {}
    for role in ROLES:
        items = [e for e in evidence if e.category == f"role.{role}"]
        metrics[f"{role}_count"] = float(len(items))
        metrics[f"{role}_sentence_share"] = len({e.sentence for e in items}) / n
    return metrics

"""Noun chunks of a sentence for the roles measure: tokens, clause boundaries, participants (no parser).

A *noun chunk* is a run of tokens that are not function words nor lower-case -ed/-ing verbs, unbroken by
punctuation (a digit group's comma and an initial's full stop do not break it). A chunk is a *participant* when
it holds an actor alias, or ends in a word for a group of people or a capitalised name.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from framing.text.analysed import AnalysedText
from framing.text.matcher import Match
from framing.text.sentences import Sentence

__all__ = ["BOUNDARY_WORDS", "DETS", "FUNCTION", "GROUP_NOUNS", "PREPOSITIONS", "QUANTIFIER_PAIRS", "RELATIVE", "Chunk",
           "SentenceTokens"]  # fmt: skip

#: Words for groups of people that make a noun chunk a participant.
GROUP_NOUNS = frozenset(
    """people civilians children women men residents hostages prisoners detainees captives soldiers troops fighters
    militants officials leaders authorities journalists patients families refugees workers students protesters
    protestors demonstrators villagers citizens population infants babies elderly doctors medics nurses minors
    teenagers girls boys mothers fathers forces army military government police settlers gunmen jihadists terrorists
    rebels separatists crowd crowds inhabitants neighbours neighbors migrants passengers pilgrims worshippers
    politicians lawmakers ministers diplomats mediators negotiators volunteers rescuers firefighters staff
    officers commanders militias insurgents""".split()
)
DETS = frozenset("a an the this that these those its their his her our my your some any each every both all".split())
FUNCTION = DETS | frozenset(
    """of in on at by for with from to into onto over under about against between among amid amidst during since
    after before through across toward towards near without within upon via per and or but nor so yet
    is are was were be been being am has have had do does did will would can could may might must shall should
    it they he she we i you them him us who which whom whose what there not also more than least most many several
    few other another such same own 's""".split()
)
BOUNDARY_WORDS = frozenset(
    "while whereas although though because after before when where which who whom whose that if unless until as "
    "but".split()
)
RELATIVE = frozenset({"who", "which", "that", "whom"})
PREPOSITIONS = frozenset(
    """of in on at by for with from to into onto over under about against between among amid amidst during since
    after before through across toward towards near without within upon via per""".split()
)
QUANTIFIER_PAIRS = frozenset({("at", "least"), ("more", "than"), ("up", "to"), ("at", "most")})
CAP_STOP = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday oct nov dec jan feb mar apr jun jul aug sep sept""".split()
)


@dataclass(frozen=True)
class Chunk:
    """A noun chunk: token indexes ``[i, j)``, the participant span and the actor ids of its head."""

    i: int
    j: int
    start: int
    end: int
    actors: tuple[str, ...]


class SentenceTokens:
    """The tokens of one sentence, their gaps and the actor aliases among them."""

    def __init__(self, at: AnalysedText, sent: Sentence, aliases: Sequence[Match]) -> None:
        tok = at.tokens
        lo, hi = bisect.bisect_right(tok.ends, sent.start), bisect.bisect_left(tok.starts, sent.end)
        self.text = at.text
        self.starts = tok.starts[lo:hi]
        self.ends = tok.ends[lo:hi]
        self.low = [at.text[s:e].lower() for s, e in zip(self.starts, self.ends, strict=True)]
        self.sent = sent
        self.alias_at: dict[int, tuple[str, ...]] = {}  # token index -> actor ids of the alias covering it
        for m in aliases:
            ids = tuple(dict.fromkeys(e.category.removeprefix("actor.") for e in m.entries))
            for k in range(bisect.bisect_right(self.ends, m.start), bisect.bisect_left(self.starts, m.end)):
                self.alias_at[k] = ids

    def __len__(self) -> int:
        return len(self.starts)

    def gap(self, k: int) -> str:
        """The characters between token ``k - 1`` and token ``k``."""
        return self.text[self.ends[k - 1] : self.starts[k]] if k > 0 else ""

    def index_at(self, offset: int) -> int:
        """The token at or after a character offset."""
        return bisect.bisect_left(self.ends, offset + 1)

    def _breaks(self, k: int) -> bool:
        """Whether the gap before token ``k`` ends a noun chunk (punctuation other than a digit group or an
        initial's full stop)."""
        g = self.gap(k)
        if not g.strip():
            return False
        prev, cur = self.low[k - 1], self.low[k]
        if g in {",", "."} and prev[:1].isdigit() and cur[:1].isdigit():
            return False  # 32,000 / 4.5
        return not (g == "." and len(prev) == 1 and prev.isalpha())  # U.S.

    def is_boundary(self, k: int) -> bool:
        """Whether a clause starts at token ``k`` (a subordinator, or a gap with ; : quotes, brackets or a dash)."""
        if self.low[k] in BOUNDARY_WORDS:
            return True
        g = self.gap(k)
        if g == " ":  # most gaps
            return False
        return any(c in g for c in ';:"\u201c\u201d\u2014') or " - " in g or " \u2013 " in g

    def clause_start(self, k: int) -> int:
        """The first token of the clause holding token ``k`` (a boundary word itself is left out)."""
        b = k
        while b > 0 and not self.is_boundary(b):
            b -= 1
        return b + 1 if self.low[b] in BOUNDARY_WORDS else b

    def chunks(self, a: int, b: int) -> list[Chunk]:
        """The noun chunks among tokens ``[a, b)`` (runs of non-function tokens not split by punctuation)."""
        out: list[Chunk] = []
        cur: list[int] = []
        for k in range(a, b):
            skip = self.low[k] in FUNCTION or self._verb_like(k)
            if skip or (cur and self._breaks(k)):
                if cur:
                    out.append(self._chunk(cur))
                cur = [] if skip else [k]
                continue
            cur.append(k)
        if cur:
            out.append(self._chunk(cur))
        return out

    def _chunk(self, ks: list[int]) -> Chunk:
        heads = [k for k in ks if k in self.alias_at or self.low[k] in GROUP_NOUNS or self._name(k)]
        last = heads[-1] if heads else ks[-1]
        actors = next((self.alias_at[k] for k in reversed(ks) if k in self.alias_at), ())
        return Chunk(ks[0], ks[-1] + 1, self.starts[ks[0]], self.ends[last], actors)

    def _verb_like(self, k: int) -> bool:
        """A lower-case -ed or -ing word ("launched", "ordering"): it ends a noun chunk and is not part of one."""
        w = self.low[k]
        return len(w) > 4 and w.endswith(("ed", "ing")) and self.text[self.starts[k]].islower()

    def _name(self, k: int) -> bool:
        """A capitalised word other than the sentence's first (and not a month or a day)."""
        return k > 0 and self.text[self.starts[k]].isupper() and self.low[k] not in CAP_STOP

    def participant(self, c: Chunk, *, number: bool = False) -> bool:
        """Whether a chunk holds an actor alias or ends in a group of people or a name ("Israeli strikes", "1,195
        civilians", "the Gaza Strip"; not "military bases") or, with ``number``, in a bare number."""
        if c.actors:
            return True
        last = c.j - 1
        return self.low[last] in GROUP_NOUNS or self._name(last) or (number and self.low[last][:1].isdigit())

    def coordinated(self, chunks: list[Chunk], n: int, *, number: bool = False) -> list[Chunk]:
        """Chunk ``n`` with the participant chunks joined to it by *and*, *or* or commas only."""
        out = [chunks[n]]
        for c in chunks[n + 1 :]:
            between = self.low[out[-1].j : c.i]
            gaps = "".join(self.gap(k) for k in range(out[-1].j, c.i + 1))
            if len(self.low[out[-1].j - 1]) == 1:
                gaps = gaps.replace(".", "", 1)  # "the U.S., Qatar, and Egypt"
            if not set(between) <= {"and", "or"} or gaps.strip(" ,") or not self.participant(c, number=number):
                break
            if "," in gaps and not (c.actors or any(self._name(k) for k in range(c.i, c.j))):
                break  # "Palestinians, mostly women and children": an apposition, not a list
            out.append(c)
        return out

    def first(self, a: int, b: int, *, number: bool = False, stop_at_prep: bool = False) -> list[Chunk]:
        """The first participant chunk among tokens ``[a, b)`` with its coordinated chunks, or ``[]``; with
        ``stop_at_prep``, only before the first preposition (an object: "blamed Israel for ...", not "for ...");
        "at least", "more than", "up to" and "over 40" are quantifiers, not prepositions."""
        if stop_at_prep:
            for k in range(a, b):
                w = self.low[k]
                if w not in PREPOSITIONS or w == "of":
                    continue
                after = self.low[k + 1] if k + 1 < len(self) else ""
                if (w, after) in QUANTIFIER_PAIRS or (w in {"over", "about", "around"} and after[:1].isdigit()):
                    continue
                b = k
                break
        chunks = self.chunks(a, b)
        for n, c in enumerate(chunks):
            if self.participant(c, number=number):
                return self.coordinated(chunks, n, number=number)
        return []

    def clause_end(self, k: int) -> int:
        """The token after the last one of the clause that token ``k`` is in (the next boundary)."""
        e = k + 1
        while e < len(self) and not self.is_boundary(e):
            e += 1
        return e

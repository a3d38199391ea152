from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.measures.sentiment import measure_sentiment, sentence_compound
from framing.text.analysed import Analyser

SENTENCES = [
    "The talks were a great success and everyone was happy.",
    "The attack killed dozens of civilians and wounded hundreds.",
    "The talks were not a success.",
    "The plan is good, but the execution was terrible.",
    "The committee met on Tuesday to discuss the budget.",
    "This is a VERY bad outcome!",
    "Officials said the deal was extremely important.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_agrees_with_reference_vader(sentence: str):
    ref = SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]
    ours = sentence_compound(sentence)
    assert ours == pytest.approx(ref, abs=0.08), (ours, ref)


def test_negation_flips_and_neutral_is_zero():
    assert sentence_compound("The result was good.") > 0 > sentence_compound("The result was not good.")
    assert sentence_compound("The committee met on Tuesday.") == 0.0


def test_measure_sentiment_evidence_and_metrics():
    text = "The attack killed dozens of civilians and wounded hundreds. The committee met on Tuesday."
    at = Analyser().analyse(text)
    sents = at.sentences
    ev, m = measure_sentiment(at)
    assert [(e.sentence, e.category) for e in ev] == [(0, "sentiment.negative")]
    assert ev[0].text == sents[0].text and ev[0].entry.startswith("vader-lexicon@")
    assert "killed" in ev[0].note
    assert m["sentiment_negative_share"] == 0.5 and m["sentiment_positive_share"] == 0.0
    assert m["sentiment_mean"] == pytest.approx(sentence_compound(sents[0].text) / 2)

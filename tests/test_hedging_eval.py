"""Hedged-sentence flag: dataset readers, the evaluation against WikiWeasel / SFU, and the rule's behaviours."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.datasets.sfu import join_tokens, read_sfu, read_sfu_review, split_of_review
from framing.datasets.wikiweasel import read_wikiweasel, split_of
from framing.errors import InputError
from framing.measures.hedging import measure_hedging
from framing.text.analysed import Analyser
from framing.validation.hedging import _matcher, evaluate, hedged_flags

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# --- readers -------------------------------------------------------------------------------------------------


def test_wikiweasel_reader(tmp_path: Path):
    f = tmp_path / "train.csv"
    f.write_text(
        'text,label\n"Some say it -LRB- the city -RRB- is old.\n",1\n"It was built in 1900.\n",0\n"",0\n'
        "\"He said `` no '' twice.\",0\n",
        encoding="utf-8",
    )
    rows = list(read_wikiweasel(f))
    assert [(r.text, r.uncertain, r.line) for r in rows] == [
        ("Some say it ( the city ) is old.", True, 2),
        ("It was built in 1900.", False, 4),
        ('He said " no " twice.', False, 7),
    ]
    assert len(list(read_wikiweasel(f, skip_empty=False))) == 4
    assert all(r.split == split_of(r.text) for r in rows[1:])


def test_wikiweasel_split_is_deterministic_and_about_a_fifth():
    texts = [f"Sentence number {i}." for i in range(2000)]
    dev = [t for t in texts if split_of(t) == "dev"]
    assert dev == [t for t in texts if split_of(t + "\n") == "dev"]  # stripped before hashing
    assert 0.17 < len(dev) / len(texts) < 0.23


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        ("sentence,label\n", ":1", "header"),
        ('text,label\n"ok",1\n"bad",yes\n', ":3", "label must be 0 or 1"),
        ('text,label\n"ok",1\n"a","b",0\n', ":3", "expected 2 fields"),
    ],
)
def test_wikiweasel_malformed(tmp_path: Path, content: str, where: str, reason: str):
    f = tmp_path / "train.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_wikiweasel(f))
    assert str(f) + where in str(exc.value) and reason in str(exc.value)


def test_wikiweasel_missing_and_binary(tmp_path: Path):
    with pytest.raises(InputError, match="not found"):
        list(read_wikiweasel(tmp_path / "nope.csv"))
    f = tmp_path / "bin.csv"
    f.write_bytes(b"text,label\n\xff\xfe,1\n")
    with pytest.raises(InputError, match="UTF-8"):
        list(read_wikiweasel(f))


_SFU = """<?xml version="1.0" encoding="UTF-8"?>
<DOCUMENT><P><SENTENCE><W>I</W><cue ID="0" type="speculation"><C><W>would</W></C><W>n&#39;t</W></cue>
<xcope ID="1"><ref SRC="0"></ref><W>buy</W><W>it</W></xcope><W>.</W></SENTENCE>
<SENTENCE><W>It</W><W>is</W><cue ID="2" type="negation"><W>not</W></cue><W>red</W><W>(</W><W>really</W><W>)</W>
<W>.</W></SENTENCE></P></DOCUMENT>
"""


def test_sfu_reader_sentences_and_cue_spans(tmp_path: Path):
    d = tmp_path / "BOOKS"
    d.mkdir()
    (d / "no5done.xml").write_text(_SFU, encoding="utf-8")
    (d / "yes3done.xml").write_text(_SFU.replace('type="speculation"', 'type="negation"'), encoding="utf-8")
    rows = list(read_sfu(tmp_path))
    assert [(r.review, r.index, r.uncertain, r.split) for r in rows] == [
        ("no5done.xml", 0, True, "dev"),
        ("no5done.xml", 1, False, "dev"),
        ("yes3done.xml", 0, False, "tune"),
        ("yes3done.xml", 1, False, "tune"),
    ]
    first = rows[0]
    assert first.text == "I wouldn't buy it." and first.domain == "BOOKS"
    assert [(c.text, c.type) for c in first.cues] == [("wouldn't", "speculation")]
    assert all(r.text[c.start : c.end] == c.text for r in rows for c in r.cues)
    assert rows[1].text == "It is not red (really)."


def test_sfu_split_and_join():
    assert [split_of_review(n) for n in ("no5done.xml", "yes25done.xml", "no7done.xml")] == ["dev", "dev", "tune"]
    assert join_tokens(["I", "ca", "n't", "go", ",", "it", "'s", "late", "."])[0] == "I ca n't go, it's late."
    with pytest.raises(InputError, match="no12done"):
        split_of_review("review.xml")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<DOCUMENT><SENTENCE><W>a</W></SENTENCE>", "malformed XML"),
        ("<ROOT><SENTENCE><W>a</W></SENTENCE></ROOT>", "expected <DOCUMENT>"),
        ('<DOCUMENT><SENTENCE><cue ID="7" type="hedge"><W>a</W></cue></SENTENCE></DOCUMENT>', "<cue ID='7'>"),
    ],
)
def test_sfu_malformed(tmp_path: Path, content: str, reason: str):
    f = tmp_path / "no1done.xml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_sfu_review(f)
    assert str(f) in str(exc.value) and reason in str(exc.value)


def test_sfu_empty_folder(tmp_path: Path):
    with pytest.raises(InputError, match="no SFU review files"):
        list(read_sfu(tmp_path))


# --- rule behaviours -----------------------------------------------------------------------------------------


def flagged(text: str) -> bool:
    return hedged_flags([text])[0]


def hedging_evidence(text: str) -> list[tuple[str, str, float]]:
    ev, _ = measure_hedging(Analyser(_matcher()).one_sentence(text))
    return [(e.text, e.category, e.weight) for e in ev]


@pytest.mark.parametrize(
    "text",
    [
        "It is not clear whether the talks will resume.",
        "There is no evidence that the ship was hit.",
        "The figures cannot be confirmed.",
        "A new attack cannot be ruled out.",
        "The strike is not likely to end soon.",
        "The deal may not survive the vote.",
        "I don't think they will agree.",
    ],
)
def test_negated_uncertainty_is_a_hedge(text: str):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "It is not possible that he was there.",
        "There is no doubt the deal is over.",
        "He could not attend the meeting.",
        "She appeared in court on Monday.",
        "The song appears on the new album.",
        "Visitors may apply online.",
        "It is possible to buy tickets at the door.",
        "They want the best possible outcome.",
        "It soon became apparent that the dam had failed.",
        "His claims were rejected by the court.",
        "Think of it as a loan.",
        "Some 40 people were killed.",
        "Many people were killed in the attack.",
        "Six soldiers and several others were wounded.",
        "The two experts said the bridge was safe.",
        "Talks began in May.",
    ],
)
def test_non_epistemic_uses_do_not_flag(text: str):
    assert not flagged(text), hedging_evidence(text)


def test_negated_possible_recorded_with_weight_zero():
    assert ("possible", "hedge.adverb", 0.0) in hedging_evidence("It is not possible that he was there.")


@pytest.mark.parametrize(
    "text",
    [
        "Some critics say the law is unfair.",
        "Many believe the vote was rigged.",
        "Others have argued that the plan failed.",
        "Some historians dispute the date.",
        "The policy is considered a success by some.",
        "According to some, the policy worked.",
        "Critics argue the plan is too costly.",
        "The plan is widely regarded as a failure.",
        "The dam is considered unsafe.",
        "It has been suggested that the fire was arson.",
    ],
)
def test_weasel_attributions_flag(text: str):
    assert flagged(text)
    assert any(c == "hedge.weasel" for _, c, _ in hedging_evidence(text)), hedging_evidence(text)


def test_epistemic_uses_still_flag():
    for text in ("It appears that the talks stalled.", "The leader appeared tired.", "It is thought the fire began "
                 "in the kitchen.", "I think the deal is dead.", "The deal may collapse, officials said."):  # fmt: skip
        assert flagged(text), text


# --- evaluation on the shared data ---------------------------------------------------------------------------


def test_evaluate_on_shared_data():
    if not (DATA / "wikiweasel" / "train.csv").is_file() or not (DATA / "sfu_negspec").is_dir():
        pytest.skip(f"WikiWeasel/SFU data not found under {DATA}: they are only in the project's CI checkout")
    wiki, sfu = evaluate(DATA)
    w = next(iter(wiki.scores.values()))
    s = next(iter(sfu.scores.values()))
    assert wiki.target == 0.65
    assert w.tp + w.fn == 412 and w.tp + w.fp + w.fn > 0  # dev positives under the documented split
    # measured: WikiWeasel dev P 0.478 R 0.342 F1 0.399; SFU dev P 0.874 R 0.417 F1 0.564
    assert w.f1 >= 0.385 and w.precision >= 0.45
    assert s.f1 >= 0.55 and s.precision >= 0.85
    assert w.f1 > wiki.extra["v1_rule_f1 (untuned, hedges@1.0.0)"] + 0.05
    assert s.f1 > sfu.extra["v1_rule_f1 (untuned, hedges@1.0.0)"]
    assert "baseline_always_positive_f1" in wiki.extra and "baseline_always_positive_f1" in sfu.extra


def test_weasel_counted_once():
    ev = hedging_evidence("Some critics say the law is unfair.")
    assert [c for _, c, _ in ev].count("hedge.weasel") == 1

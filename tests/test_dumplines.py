"""The line model that finds the article in a flattened page: its features, its file and how it is rebuilt."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import ModelFileError
from framing.io.blocks import _MODEL_FILE, line_model_override, load_line_model, main_block, model_digest
from framing.io.clean import PageLines, page_lines
from framing.io.linefeatures import FEATURES, line_features

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_realpages = pytest.mark.skipif(
    not (SHARED / "realpages" / "expectations.jsonl").is_file(), reason="../shared/data/realpages is not available"
)

SENTENCE = "The mayor said on Monday that the bridge over the river would reopen next week after two years."


def _col(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, FEATURES.index(name)]


def test_features_by_hand():
    texts = ["Home", SENTENCE, "Share | Print", SENTENCE.replace("mayor", "governor")]
    x = line_features(
        texts,
        prose=[False, True, False, True],
        gaps=[1, 3, 1, 2],
        cf=["short", "good", "short", "good"],
        revised=["bad", "good", "bad", "good"],
        stop_counts=[0, 8, 0, 8],
    )
    assert x.shape == (4, len(FEATURES))
    # words as jusText splits them: "Share | Print" is three
    assert _col(x, "log_words").tolist() == pytest.approx([math.log(2), math.log(19), math.log(4), math.log(19)])
    # 18 words, of which the, on, that, the, over, the, would, after: 8 stop words
    assert _col(x, "stop_share")[1] == pytest.approx(8 / 18)
    # capitals: "Home"; "The", "Monday"; "Share", "Print" (of 3 words)
    assert _col(x, "capital_share").tolist() == pytest.approx([1, 2 / 18, 2 / 3, 2 / 18])
    assert _col(x, "digit_share").tolist() == [0, 0, 0, 0]
    assert _col(x, "separator").tolist() == [0, 0, 1, 0]
    # blank lines: a gap over 1 before lines 1 and 3; after = before of the next line, the last line closes a group
    assert _col(x, "blank_before").tolist() == [0, 1, 0, 1]
    assert _col(x, "blank_after").tolist() == [1, 0, 1, 1]
    # lines 1-2 form one group of two lines
    assert np.exp(_col(x, "log_group_size")).round().tolist() == [1, 2, 2, 1]
    # the two sentences hold all prose words, 18 each: before the first none, after it half
    assert _col(x, "prose_words_before").tolist() == pytest.approx([0, 0, 0.5, 0.5])
    assert _col(x, "prose_words_after").tolist() == pytest.approx([1, 0.5, 0.5, 0])
    assert _col(x, "prev_prose").tolist() == [0, 0, 1, 0]
    assert _col(x, "next2_prose").tolist() == [0, 1, 0, 0]
    assert _col(x, "cf_good").tolist() == [0, 1, 0, 1]


def test_digit_share_and_separator_by_hand():
    texts = ["Updated 12:30 2024", "Home | News", "Kyiv - Ukraine - world", "A well-known mayor"]
    x = line_features(texts, prose=[False] * 4, gaps=[1] * 4, cf=["short"] * 4, revised=["bad"] * 4, stop_counts=[0] * 4)
    # 8 digits of the 16 characters that are not spaces; none elsewhere
    assert _col(x, "digit_share").tolist() == pytest.approx([0.5, 0, 0, 0])
    # a bar between words, or two dashes between words; a hyphen inside a word is no separator
    assert _col(x, "separator").tolist() == [0, 1, 1, 0]


def test_page_lines_is_what_the_block_search_sees():
    menu = "\n".join(f"Section {i}" for i in range(14))
    page = f"{menu}\n\n{SENTENCE}\n\n\n{SENTENCE.replace('mayor', 'governor')}\nAdvertisement\nAbout us"
    lines = page_lines(page)
    assert isinstance(lines, PageLines)
    assert lines.texts[:2] == ["Section 0", "Section 1"] and SENTENCE in lines.texts
    # "Advertisement" and "About us" are page furniture, removed by the line rules before the block search
    assert "Advertisement" not in lines.texts and "About us" not in lines.texts
    assert lines.prose == [False] * 14 + [True, True]
    assert lines.gaps == [1] * 14 + [2, 3]
    assert page_lines(SENTENCE) is None  # an article text is no flattened page


def test_shipped_model_file_says_what_it_is():
    m = load_line_model()
    assert m["features"] == list(FEATURES)
    assert 0 < m["threshold"] < 1
    assert m["sha256"] == model_digest(m)
    for key in ("trained_on", "licence", "rebuild", "selection", "cv"):
        assert m[key], key
    assert "tuning" in m["trained_on"] and "Apache-2.0" in m["licence"]
    assert str(m["threshold"]) in m["cv"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["coef"].__setitem__(0, m["coef"][0] + 1), "checksum mismatch"),
        (lambda m: m.update(format="something else"), "not a framing line model"),
        (lambda m: m.update(version=99), "version 99"),
    ],
)
def test_tampered_model_file_is_refused_with_its_name(tmp_path, change, message):
    m = json.loads(_MODEL_FILE.read_text(encoding="utf-8"))
    change(m)
    bad = tmp_path / "dumplines.json"
    bad.write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(ModelFileError, match=message) as info:
        load_line_model(bad)
    assert str(bad) in str(info.value)


def test_inconsistent_model_files_are_refused(tmp_path):
    m = json.loads(_MODEL_FILE.read_text(encoding="utf-8"))
    bad = tmp_path / "m.json"
    for broken, message in [
        ({**m, "features": m["features"][:-1]}, "other line features"),
        ({**m, "coef": [*m["coef"][:-1], float("nan")]}, "finite"),
        ({**m, "threshold": 1.5}, "out of range"),
    ]:
        broken["sha256"] = model_digest(broken)
        bad.write_text(json.dumps(broken), encoding="utf-8")
        with pytest.raises(ModelFileError, match=message):
            load_line_model(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a readable line model"):
        load_line_model(bad)
    with pytest.raises(ModelFileError, match="not found"):
        load_line_model(tmp_path / "missing.json")


def test_override_changes_the_block_and_goes_away():
    paras = [SENTENCE, SENTENCE.replace("mayor", "governor"), SENTENCE.replace("mayor", "engineer")]
    lines = [*(f"Menu {i}" for i in range(12)), *paras, *(f"Footer {i}" for i in range(12))]
    shipped = main_block(lines)
    assert shipped is not None and shipped.span == (12, 14)
    m = load_line_model()
    # a model that finds nothing to be article text: no block
    with line_model_override({**m, "intercept": -50.0}):
        assert main_block(lines) is None
    assert main_block(lines) == shipped


def test_label_lines_from_html_reading_and_snippets():
    from framing.validation.dumplines import label_lines

    lines = PageLines([1, 2, 3, 4], ["Home", SENTENCE, "Read more: the bridge", "Photo: Jane Doe"], [0, 1, 0, 0])
    html_parts = [SENTENCE, "Photo: Jane Doe"]
    # kept by the HTML reading: lines 2 and 4; the must-not snippet overrules line 4, the must-contain one adds 3
    assert label_lines(lines, html_parts, ["Read more"], ["Jane Doe"]) == [0, 1, 1, 0]


@needs_realpages
def test_rebuild_gives_the_shipped_file_byte_for_byte(tmp_path):
    """The committed model is what its rebuild command writes (tuning pages only, deterministic fit)."""
    from framing.validation import dumplines

    out = tmp_path / "dumplines.json"
    assert dumplines.main(["--data", str(SHARED), "--out", str(out)]) == 0
    assert out.read_bytes() == _MODEL_FILE.read_bytes()


@needs_realpages
def test_training_reads_no_held_out_page():
    from framing.validation.dumplines import _tuning_pages
    from framing.validation.reading import load_pages, portion

    files = {p["file"] for p in _tuning_pages(SHARED)}
    held = {p["file"] for p in load_pages(SHARED) if portion(p["file"]) == "held-out"}
    assert files and not files & held


_LINE = st.one_of(
    st.sampled_from(["Home", "News", "Share", "©", "|", "1", "", "  ", "A b c", "Read more »", "x = f(a)"]),
    st.text(min_size=0, max_size=80),
    st.just(SENTENCE),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=60), st.lists(st.integers(1, 4), min_size=60, max_size=60))
def test_any_page_gives_finite_probabilities_and_a_block_inside_it(texts, gaps):
    from framing.io.blocks import line_probabilities, page_features

    prose = [t.rstrip()[-1:] in {".", "!", "?"} for t in texts]
    x, classes = page_features(texts, prose, gaps[: len(texts)])
    assert x.shape == (len(texts), len(FEATURES)) and np.isfinite(x).all()
    p = line_probabilities(x)
    assert ((p >= 0) & (p <= 1)).all() and len(classes) == len(texts)
    block = main_block(texts, prose, gaps[: len(texts)])
    assert block is None or 0 <= block.span[0] <= block.span[1] < len(texts)


@settings(max_examples=100, deadline=None)
@given(st.lists(_LINE, min_size=12, max_size=80))
def test_any_flattened_page_cleans_without_error(lines):
    from framing.io.clean import clean_text

    page = "\n".join([*(f"Menu item {i}" for i in range(14)), *lines, SENTENCE])
    out = clean_text(page)
    # the page's sentence is kept: as the body, or as the title when the random lines repeat it (a headline)
    assert SENTENCE in out.text or out.title == SENTENCE


def test_a_damaged_model_file_fails_the_flattened_pages_only(tmp_path, monkeypatch):
    """Reading goes on: the page that needs the line model says which file is damaged and why; an article text
    (no block search) reads as ever."""
    from framing import read_articles
    from framing.io import blocks

    m = json.loads(_MODEL_FILE.read_text(encoding="utf-8"))
    m["coef"][0] += 1
    bad = tmp_path / "dumplines.json"
    bad.write_text(json.dumps(m), encoding="utf-8")
    monkeypatch.setattr(blocks, "_MODEL_FILE", bad)
    blocks._shipped_weights.cache_clear()
    page = tmp_path / "page.txt"
    paras = [SENTENCE, SENTENCE.replace("mayor", "governor"), SENTENCE.replace("mayor", "engineer")]
    page.write_text("\n\n".join([*(f"Menu {i}" for i in range(14)), *paras]), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(paras), encoding="utf-8")
    try:
        got = {a.id: a for a in read_articles([page, article])}
    finally:
        blocks._shipped_weights.cache_clear()
    assert got["article"].error is None and got["article"].text
    err = got["page"].error
    assert err and str(page) in err and str(bad) in err and "checksum mismatch" in err
    assert "internal error" not in err

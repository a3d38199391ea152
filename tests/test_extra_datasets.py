"""WikiNPOV and BioScope readers (used to measure extra training data for biased and hedged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.datasets.bioscope import read_bioscope
from framing.datasets.wikinpov import read_wikinpov
from framing.errors import InputError

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "wikinpov").is_dir(), reason=f"WikiNPOV not found at {DATA / 'wikinpov'}")
def test_wikinpov_counts_match_its_readme():
    texts, labels = read_wikinpov(DATA)
    # wikinpov/README.md: 11,946 statements (0: 10,103, 1: 1,843)
    assert len(texts) == 11946 and labels.count("biased") == 1843 and labels.count("non-biased") == 10103


@pytest.mark.skipif(not (DATA / "bioscope").is_dir(), reason=f"BioScope not found at {DATA / 'bioscope'}")
def test_bioscope_sentences_match_its_readme():
    texts, labels = read_bioscope(DATA)
    # bioscope/README.md: 11,871 abstract + 2,670 full-paper sentences
    assert len(texts) == 11871 + 2670
    assert set(labels) == {"certain", "uncertain"}


def test_bioscope_speculation_cue_makes_a_sentence_uncertain(tmp_path: Path):
    body = (
        '<Annotation><DocumentSet><Document><sentence id="S1">These <xcope id="X1"><cue type="speculation" '
        'ref="X1">may</cue> bind</xcope> DNA.</sentence><sentence id="S2">It did <xcope id="X2"><cue '
        'type="negation" ref="X2">not</cue> bind</xcope>.</sentence></Document></DocumentSet></Annotation>'
    )
    for name in ("abstracts.xml", "full_papers.xml"):
        (tmp_path / name).write_text(body, encoding="utf-8")
    texts, labels = read_bioscope(tmp_path)
    assert texts[:2] == ["These may bind DNA.", "It did not bind."]
    assert labels[:2] == ["uncertain", "certain"]


def test_malformed_rows_and_files_name_the_place(tmp_path: Path):
    (tmp_path / "003-NPOV.csv").write_text(",id,text,label\n0,0,A statement,1\n1,1,Another,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"003-NPOV\.csv:3"):
        read_wikinpov(tmp_path)
    (tmp_path / "abstracts.xml").write_text("<Annotation><sentence>", encoding="utf-8")
    with pytest.raises(InputError, match=r"abstracts\.xml"):
        read_bioscope(tmp_path)

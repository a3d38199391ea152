from __future__ import annotations

from pathlib import Path

import pytest

import framing
from framing.compare.actors import actor_table, statements
from framing.errors import LexiconError
from framing.io import article_from_text
from framing.measures.naming import find_naming, summarise_naming
from framing.text.actors import load_actor_set
from framing.text.analysed import Analyser
from framing.text.termpacks import NamingMatcher, load_termpack

PACK = """schema: framing-termpack/1
name: demo
version: 1.0.0
licence: MIT
concepts:
  - id: group
    label: How the group is named
    actor: grp
    variants:
      - {id: militants, label: militants, patterns: [militants, militant group], context: [hamas]}
      - {id: terrorists, label: terrorists, patterns: [terrorists, terror group]}
  - id: government
    label: Government
    variants:
      - {id: capital, label: capital as metonym, patterns: [tel aviv], metonym: true}
"""
ACTORS = """schema: framing-actors/1
name: demo
version: 1.0.0
licence: MIT
actors:
  - {id: grp, label: The group, aliases: [hamas], termpack_concept: group}
  - {id: usa, label: United States, aliases: [white house, us officials, washington]}
"""


@pytest.fixture
def pack(tmp_path: Path):
    p = tmp_path / "pack.yaml"
    p.write_text(PACK)
    return load_termpack(p)


def test_variants_context_metonym_and_dominant(pack):
    text = (
        "Hamas militants fired rockets. The militant group said it would go on. The terror group was blamed. "
        "Other militants were seen. Tel Aviv has not confirmed it. He flew to Tel Aviv."
    )
    ev = find_naming(NamingMatcher([pack]), Analyser().analyse(text))
    assert [(e.text, e.entry.split(":")[1]) for e in ev] == [
        ("militants", "group/militants"),
        ("terror group", "group/terrorists"),
        ("Tel Aviv", "government/capital"),
    ]
    # "The militant group said" has no 'hamas' in its sentence; "Other militants" neither; "to Tel Aviv" is a place
    naming = summarise_naming(ev)
    assert naming["demo:group"] == {
        "dominant": "militants",
        "label": "militants",
        "counts": {"militants": 1, "terrorists": 1},
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("schema: framing-termpack/1\nname: x\nversion: 1\nlicence: MIT\nconcepts: []\n", "non-empty list"),
        (
            "schema: framing-termpack/1\nname: x\nversion: 1\nlicence: MIT\nconcepts:\n  - id: Bad\n    variants: []\n",
            "must match",
        ),
        (
            "schema: framing-termpack/1\nname: x\nversion: 1\nlicence: MIT\nconcepts:\n  - id: a\n    variants:\n"
            "      - {id: v, patterns: [Upper Case]}\n",
            "lower-case",
        ),
        ("schema: framing-termpack/1\nname: x\nversion: 1\nconcepts: []\n", "licence"),
    ],
)
def test_malformed_termpack(tmp_path: Path, body: str, message: str):
    p = tmp_path / "bad.yaml"
    p.write_text(body)
    with pytest.raises(LexiconError, match=message) as info:
        load_termpack(p)
    assert str(p) in str(info.value)


def test_statements_and_actor_table(tmp_path: Path, pack):
    (tmp_path / "actors.yaml").write_text(ACTORS)
    aset = load_actor_set(tmp_path / "actors.yaml")
    (tmp_path / "pack.yaml").write_text(PACK)
    scorer = framing.Scorer(termpacks=[tmp_path / "pack.yaml"])
    art = article_from_text(
        "Hamas militants claimed that 40 people were killed. It is impossible to confirm these data. "
        "A White House official said talks would go on. Hamas said it was ready.",
        id="a",
    )
    s = scorer.score(art)
    sts = statements(s)
    assert [(st.sentence, st.nonneutral, st.hedged) for st in sts] == [
        (0, True, True),
        (2, False, False),
        (3, False, False),
    ]
    table = actor_table([s], [aset]).set_index("actor")
    assert table.loc["grp", "statements"] == 2
    assert table.loc["grp", "nonneutral_share"] == 0.5 and table.loc["grp", "hedged_share"] == 0.5
    assert table.loc["grp", "naming"] == "militants"
    assert table.loc["usa", "statements"] == 1 and table.loc["usa", "nonneutral_share"] == 0
    assert table.loc["grp", "mentions"] == 2


def test_malformed_actor_set(tmp_path: Path):
    p = tmp_path / "a.yaml"
    p.write_text("schema: framing-actors/1\nname: x\nversion: 1\nlicence: MIT\nactors:\n  - {id: a, aliases: [U.S.]}\n")
    with pytest.raises(LexiconError, match=r"alias 'U\.S\.'"):
        load_actor_set(p)

"""Flattened pages (every visible text of a page): the article's block by the line model and a best-scoring
run; article texts and the seeds are left as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.io.blocks import classify_lines, main_block
from framing.io.clean import clean_text

PARA = (
    "The mayor of Nerin said on Monday that the old bridge over the river would reopen next week after two years "
    "of repairs that cost the city about forty million dollars, officials said on Friday when they met the "
    "builders and the families who live near the river."
)
MENU = ["Home", "World", "Business", "Sport", "Weather", "Culture", "Travel", "Video", "Podcasts", "Local"]
FOOTER = ["About", "Jobs", "Terms", "Privacy", "Sitemap", "Help", "Advertise", "Contact", "Careers", "Press"]


def _page() -> str:
    lines = [
        "Bridge Reopens After Two Years | Nerin Post",
        *MENU,
        "We use cookies to give you the best experience on our website and to show you relevant adverts.",
        *MENU,
        "Bridge Reopens After Two Years",
        "By Ann Lee",
        PARA,
        "Repairs",
        PARA.replace("mayor", "council leader"),
        "The mayor declined to comment further.",
        "Comments are moderated, and your email address will not be published.",
        *FOOTER,
        "Our comments are moderated, and your email address will not be published.",
        *FOOTER,
    ]
    return "\n\n".join(lines)


def test_jusText_classes_and_block():
    free, revised = classify_lines(["Home", PARA, "Contact"])
    assert free == ["short", "good", "short"]
    assert revised == ["bad", "good", "bad"]
    # (three different paragraphs: one paragraph shown twice is what teaser lists do, and it counts against)
    paras = [PARA, PARA.replace("mayor", "council leader"), PARA.replace("mayor", "city engineer")]
    lines = [*MENU, paras[0], "A sub-heading", paras[1], paras[2], *FOOTER]
    (lo, hi), _ = main_block(lines)
    assert (lo, hi) == (len(MENU), len(MENU) + 3)
    assert main_block(MENU) is None


def test_page_dump_keeps_article_drops_banner_menus_and_notice():
    c = clean_text(_page())
    paras = c.text.split("\n\n")
    assert paras[0] == PARA and paras[-1] == "The mayor declined to comment further."
    assert len(paras) == 3
    assert "cookies" not in c.text and "moderated" not in c.text
    assert c.title == "Bridge Reopens After Two Years"
    assert c.byline == "Ann Lee"
    assert c.headings == ["Repairs"]
    reasons = {r.text: r.reason for r in c.removed}
    # right under the article (in its block), the notice is found by its shape; in the footer, by position
    assert reasons["Comments are moderated, and your email address will not be published."] == "site notice"
    assert reasons["Our comments are moderated, and your email address will not be published."] == "footer"
    assert reasons[
        "We use cookies to give you the best experience on our website and to show you relevant adverts."
    ] in {"site notice", "outside the article block"}


def test_article_text_is_not_a_page_dump():
    """Few lines that are not prose: the block is not looked for and the page-dump rules do not run (the
    seeds and article texts read as before), so even a notice-like sentence stays."""
    notice = "Our comments are moderated, and your email address will not be published."
    text = "\n\n".join(["Bridge Reopens", "Home", "World", PARA, "Contact", notice])
    c = clean_text(text)
    assert c.text.split("\n\n") == [PARA, notice]
    # the same lines in a page with menus around them: the notice goes
    assert notice not in clean_text(_page()).text


@pytest.mark.skipif(
    not (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "realpages").is_dir(),
    reason="../shared/data/realpages is not available",
)
def test_realpages_dumps_better_than_before():
    """On all realpages dumps, framing removes far more boilerplate than before the issue (0.665) and than the
    jusText block finder (0.790), and keeps about as much (0.898 then; the line model keeps 0.893)."""
    from framing.validation import reading

    data = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    scores = reading.run_reader(reading.load_pages(data), reading._framing_reader("dump"), "dump_path")
    t = reading.tally(scores)
    assert t["removed"] >= 0.85 and t["kept"] >= 0.88, t


def test_code_and_list_lines_are_not_menu_items():
    """jusText calls a code line or an ingredient bad (few stop words), like a menu item; inside the block,
    their shapes keep them, while menu items and link headlines still go."""
    from framing.io.clean import _code_or_list

    for line in ["x = compute(a, b)", "cert = /etc/stunnel/cert.pem", "1 can (20 oz) pineapple slices, drained",
                 "And you then tried to do this from another_mod.py:", "(addr, ctypes."]:  # fmt: skip
        assert _code_or_list(line), line
    for line in [*MENU, "Related Topics", "Previous article", "Hit the track today with Mario Kart Tour",
                 "Do masks offer protection from new coronavirus? It depends", "Follow me on Twitter: @Jane_Doe"]:  # fmt: skip
        assert not _code_or_list(line), line


def test_author_bio_ends_the_block():
    """An author bio among the block's last sentences ends the article: the bio and the teaser after it go,
    and the short-last-paragraph rule does not take them back."""
    bio = "Jane Doe is a senior writer at the Nerin Post, covering cities and transport."
    teaser = "Here is what the city will look like in ten years, say the planners."
    c = clean_text(
        _page().replace("The mayor declined to comment further.", f"The mayor declined.\n\n{bio}\n\n{teaser}")
    )
    assert bio not in c.text and teaser not in c.text
    assert c.text.split("\n\n")[-1] == "The mayor declined."
    # the same sentence well inside the article stays
    mid = _page().replace("\n\nRepairs\n\n", f"\n\n{bio}\n\nRepairs\n\n{PARA}\n\n{PARA}\n\n")
    assert bio in clean_text(mid).text


def _justext_line(text: str):
    """A line as jusText sees a plain ``<p>`` of ``<body>`` holding it, with no link: jusText's own Paragraph and
    its own methods (the reference for framing's faster versions of its rules)."""
    from justext.paragraph import Paragraph

    class Line(Paragraph):
        def __init__(self, text: str) -> None:
            self.dom_path, self.xpath = "body.p", "/body/p"
            self.text_nodes = [text]
            self.chars_count_in_links = self.tags_count = 0
            self.class_type = ""

    return Line(text)


_STOP = ["the", "of", "and", "to", "in", "that", "is", "was", "it", "for", "der", "die", "und", "le", "la", "et"]
_OTHER = ["mayor", "bridge", "Monday", "river", "Stadt", "pont", "2024", "©", "&copy;", "a-b", "x.y"]


def _assert_justexts_classes(texts: list[str]) -> None:
    from justext.core import classify_paragraphs

    from framing.io.blocks import _stoplist, _stoplists, classify_lines

    free, _ = classify_lines(texts)
    lines = [_justext_line(t) for t in texts]
    classify_paragraphs(lines, _stoplist([t.lower().split() for t in texts], _stoplists()))
    assert free == [line.cf_class for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_STOP + _OTHER), min_size=1, max_size=60), min_size=1, max_size=30))
def test_context_free_classes_are_justexts(pages):
    """framing's context-free classes give jusText's classify_paragraphs' classes for lines of any length and
    stop-word share, copyright signs included."""
    _assert_justexts_classes([" ".join(words) for words in pages])


def _line(chars: int, words: int, stops: int) -> str:
    """A line of exactly ``chars`` characters and ``words`` words, ``stops`` of them stop words."""
    text = " ".join(["the"] * stops + ["x"] * (words - stops))
    return text + "x" * (chars - len(text))  # the last word grows


_BOUNDARIES = [
    (chars, words, stops)
    for chars in (69, 70, 71, 199, 200, 201)
    for words, stops in ((10, 3), (25, 7), (25, 8), (50, 15), (50, 16))
    if len(_line(chars, words, stops)) == chars  # (50 words do not fit in 70 characters)
]


@pytest.mark.parametrize(("chars", "words", "stops"), _BOUNDARIES)
def test_context_free_classes_at_justexts_thresholds(chars, words, stops):
    """The boundaries of jusText's rules (70 and 200 characters; stop-word shares 0.28, 0.30 and 0.32 against
    its thresholds 0.30 and 0.32), exactly."""
    line = _line(chars, words, stops)
    assert len(line.split()) == words
    _assert_justexts_classes([line])


def test_stop_list_is_the_pages_language():
    from framing.io.blocks import _stoplist, _stoplists

    german = "Die Stadt und der Fluss sind in der Nacht nicht mit dem Auto zu erreichen, sagte die Polizei".split()
    assert _stoplist([[w.lower() for w in german]], _stoplists()) is _stoplists()["German"]
    assert _stoplist([["the", "river", "and", "die"]], _stoplists()) is _stoplists()["English"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["good", "neargood", "short", "bad"]), max_size=40))
def test_linear_context_revision_is_justexts(free):
    """framing's linear-time context revision gives jusText's own classes for any sequence of lines."""
    from justext.core import revise_paragraph_classification

    from framing.io.blocks import revise_classes

    lines = [_justext_line(f"line {i}") for i in range(len(free))]
    for line, c in zip(lines, free, strict=True):
        line.cf_class, line.heading = c, False  # as jusText's classify_paragraphs leaves a plain <p>
    revise_paragraph_classification(lines)
    assert revise_classes(free) == [line.class_type for line in lines]


def test_linear_context_revision_example_checked_against_justext():
    free = ["good", "short", "good", "short", "bad", "neargood", "bad"]
    # by hand: short between good and good -> good; short between good and bad, no neargood next to the bad
    # side -> bad; neargood between bad and bad -> bad
    from framing.io.blocks import revise_classes

    assert revise_classes(free) == ["good", "good", "good", "bad", "bad", "bad", "bad"]

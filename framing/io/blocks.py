"""The article's block in a page flattened to text: jusText's paragraph classes, then the best-scoring run.

A page saved as plain text (every visible string, menus, cookie banners, related links and footers included)
has lost its markup, so an HTML extractor cannot help. What is left are the shallow features jusText
(Pomikálek 2011) and boilerpipe (Kohlschütter et al. 2010) classify blocks by: length, stop-word density and
the classes of the neighbours. Each line is classified by jusText's own classifier and its context revision
(the stop list of the page's language, a plain line standing for a ``<p>`` without links), and the article
is the run of lines with the highest total score, sentences counting for their words and other lines
against (the maximum-sum segment of Finn et al.'s Body Text Extraction, 2001): menus and link lists between
a cookie banner and the article, or between the article and its footer, cut those off.

Example:
    >>> menu = ["Home", "News", "Sport", "Weather", "Travel", "Culture"]
    >>> lines = ["We use cookies to improve your experience on our site.", *menu]
    >>> lines += ["The mayor of Nerin said on Monday that the old bridge over the river would reopen next week "
    ...           "after two years of repairs that cost the city about forty million dollars, officials said on Friday "
    ...           "when they met the builders and the families who live near the river."] * 3
    >>> lines += [*menu, "Follow us on Facebook and never miss a story."]
    >>> main_block(lines)[0]
    (7, 9)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["classify_lines", "main_block"]

# Score of a line by its jusText class: good lines count their words, near-good half of them; short and bad
# lines count against the run (a menu of 30 items outweighs a cookie banner's sentence).
_SHORT_COST = 0.5
_BAD_COST = 3.0


# jusText stop lists tried for a page (the one its words hit most is used): the languages of most news pages.
_LANGUAGES = ("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch")


@lru_cache(maxsize=1)
def _justext() -> tuple[Any, Any, dict[str, frozenset[str]]]:
    import justext
    from justext.core import classify_paragraphs, revise_paragraph_classification

    stoplists = {lang: frozenset(w.lower() for w in justext.get_stoplist(lang)) for lang in _LANGUAGES}
    return classify_paragraphs, revise_paragraph_classification, stoplists


def _stoplist(texts: Sequence[str], stoplists: dict[str, frozenset[str]]) -> frozenset[str]:
    """The stop list of the page's language: the one that most of its words are in (English on a tie)."""
    words = Counter(w.lower() for t in texts for w in t.split())
    return max(stoplists.values(), key=lambda sl: sum(c for w, c in words.items() if w in sl))


@lru_cache(maxsize=1)
def _line_class() -> type:
    from justext.paragraph import Paragraph

    class Line(Paragraph):  # type: ignore[misc]
        """A plain ``<p>`` in ``<body>`` (no heading, no link, no ``<select>``) holding one normalised line;
        its text and word count are computed once (jusText's own recompute them at every use)."""

        def __init__(self, text: str) -> None:
            self.dom_path, self.xpath = "body.p", "/body/p"
            self.text_nodes = [text]
            self.chars_count_in_links = self.tags_count = 0
            self.class_type = ""
            self._text, self._words = text, len(text.split())

        text = property(lambda self: self._text)
        words_count = property(lambda self: self._words)

    return Line


def classify_lines(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """jusText's classes of each line: context-free (``good``, ``neargood``, ``short``, ``bad``) and after its
    context revision (``good`` or ``bad``)."""
    classify, revise, stoplists = _justext()
    stoplist = _stoplist(texts, stoplists)
    line = _line_class()
    paragraphs = [line(t) for t in texts]
    classify(paragraphs, stoplist)
    free = [p.cf_class for p in paragraphs]
    revise(paragraphs)
    return free, [p.class_type for p in paragraphs]


def _scores(texts: Sequence[str], classes: Sequence[str], prose: Sequence[bool]) -> list[float]:
    """A line's score: a sentence counts its words (half when jusText finds it short or near-good, none when it
    has few stop words, as a list of names); any other line costs more the longer the run of such lines it is
    in (the i-th line of a run costs i times as much): one sub-heading between paragraphs costs little, a menu
    of twenty items a lot."""
    out = []
    run = 0
    for t, c, p in zip(texts, classes, prose, strict=True):
        n = len(t.split())
        if p:
            out.append(float(n) if c == "good" else n / 2 if c in {"neargood", "short"} else 0.0)
            run = 0
        elif c in {"good", "neargood"}:
            out.append(n / 2)
            run = 0
        else:
            run += 1
            out.append(-_SHORT_COST * run if c == "short" else -max(_BAD_COST * run, n / 2))
    return out


def main_block(texts: Sequence[str], prose: Sequence[bool] | None = None) -> tuple[tuple[int, int], list[str]] | None:
    """First and last index of the best-scoring run of lines, with every line's jusText class; None when no
    line scores above zero.

    Args:
        texts: The page's non-empty lines, in order.
        prose: Which lines are sentences (by the caller's test); by default, those ending in ``.``, ``!``, ``?``.
    """
    if not texts:
        return None
    free, revised = classify_lines(texts)
    if prose is None:
        prose = [t.rstrip()[-1:] in {".", "!", "?"} for t in texts]
    scores = _scores(texts, free, prose)
    best, best_span = 0.0, None
    run, run_start = 0.0, 0
    for i, s in enumerate(scores):
        if run <= 0:
            run, run_start = 0.0, i
        run += s
        if run > best:
            best, best_span = run, (run_start, i)
    return (best_span, revised) if best_span is not None else None

"""The same story, side by side: its facts, who carries each, and where the articles differ.

:func:`align_story` aligns the facts of one story (or any set of articles) and finds their discrepancies;
:func:`side_by_side` first groups a corpus into stories and does so for each story of two or more articles;
:func:`coverage` turns the result into a story x fact table with one column per article.

Example:
    >>> import framing
    >>> from framing.io import article_from_text
    >>> a = article_from_text("Nearly 1,200 people in Israel were killed during the attack on October 7.", id="a")
    >>> b = article_from_text("Some 1,200 Israelis were killed in the October 7 attack, officials said.", id="b")
    >>> story = align_story([framing.score(a), framing.score(b)])
    >>> [f.articles for f in story.facts]
    [('a', 'b')]
    >>> coverage(story)[["story", "fact", "a", "b"]].to_dict("records")
    [{'story': 'S1', 'fact': 'F1', 'a': True, 'b': True}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from framing.stories.alignment import DEFAULT_THRESHOLD, Fact, align_facts
from framing.stories.discrepancies import Discrepancy, date_slips, fact_discrepancies
from framing.stories.grouping import DEFAULT_WINDOW, Story, group_stories, one_story

if TYPE_CHECKING:
    import pandas as pd

    from framing.scoring import ArticleScore

__all__ = ["AlignedStory", "align_story", "coverage", "side_by_side"]


@dataclass(frozen=True)
class AlignedStory:
    """One story's facts and discrepancies.

    Attributes:
        story: The story (its id, label and articles).
        facts: Its facts, most widely reported first; facts of one article included.
        discrepancies: Where its articles differ (per fact, then story-wide date slips).
    """

    story: Story
    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...] = ()

    def discrepancies_of(self, fact: str) -> tuple[Discrepancy, ...]:
        """The discrepancies of one fact; a date slip counts for the fact holding the slipped sentence and for
        the fact holding most of the mentions it is set against."""
        own = [d for d in self.discrepancies if d.fact == fact]
        for d in self.discrepancies:
            if d.kind == "date" and fact in self._date_facts(d):
                own.append(d)
        return tuple(own)

    def _date_facts(self, d: Discrepancy) -> set[str]:
        spots = [(a, _sentence_of(t)) for a, t in d.details]
        holds = [{(m.article_id, m.sentence) for m in f.mentions} for f in self.facts]
        out = {f.id for f, h in zip(self.facts, holds, strict=True) if spots[0] in h}
        counts = [sum(s in h for s in spots[1:]) for h in holds]
        if counts and max(counts) > 0:
            out.add(self.facts[counts.index(max(counts))].id)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "story": self.story.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }


def _sentence_of(detail: str) -> int | None:
    """The sentence index of a date slip's detail (``"sentence 7: November 7, 2023"``)."""
    head = detail.partition(":")[0].removeprefix("sentence ")
    return int(head) if head.isdigit() else None


def align_story(
    scores: Iterable[ArticleScore], story: Story | None = None, *, threshold: float = DEFAULT_THRESHOLD
) -> AlignedStory:
    """Align the facts of scored articles taken as one story and find where they differ.

    Args:
        scores: The scored articles (failed ones are left out).
        story: The story to align (from :func:`~framing.stories.group_stories`): only its articles among the
            scores are aligned. All the scores as one story ``S1`` when omitted.
        threshold: Least average similarity of a fact's sentences.
    """
    scored = [s for s in scores if s.error is None]
    if story is None:
        story = one_story(scored) if scored else Story("S1", "", ())
    else:
        wanted = set(story.articles)
        scored = [s for s in scored if s.article.id in wanted]
    facts = align_facts(scored, threshold=threshold, story=story.id)
    found: list[Discrepancy] = []
    for f in facts:
        found += fact_discrepancies(f, story.id)
    found += date_slips(scored, story.id)
    return AlignedStory(story, tuple(facts), tuple(found))


def side_by_side(
    scores: Iterable[ArticleScore],
    *,
    window: float | None = DEFAULT_WINDOW,
    stories: Sequence[Story] | None = None,
    min_articles: int = 2,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[AlignedStory]:
    """Group scored articles into stories and align each story of ``min_articles`` or more.

    Args:
        scores: Scored articles; failed ones are left out.
        window: Days for :func:`~framing.stories.group_stories` (``None`` ignores dates).
        stories: Stories already found (their article ids must be among the scores); grouped here otherwise.
        min_articles: Smallest story aligned.
        threshold: Least average similarity of a fact's sentences.

    Returns:
        One :class:`AlignedStory` per story, largest first (then in story order).
    """
    scored = [s for s in scores if s.error is None]
    by_id = {s.article.id: s for s in scored}
    found = list(stories) if stories is not None else group_stories(scored, window=window)
    out = []
    for st in sorted(found, key=lambda s: -s.size):
        members = [by_id[a] for a in st.articles if a in by_id]
        if len(members) >= min_articles:
            out.append(align_story(members, st, threshold=threshold))
    return out


def coverage(aligned: AlignedStory | Iterable[AlignedStory]) -> pd.DataFrame:
    """Story x fact coverage: which articles carry each fact.

    Returns:
        One row per (story, fact) with ``story, fact, label, n_articles, discrepancies`` (the kinds, comma
        separated) and one column per article id: ``True`` when it reports the fact, ``False`` when it is in the
        story and does not, ``None`` when it belongs to another story. ``attrs["outlets"]`` maps article id ->
        outlet.
    """
    import pandas as pd

    stories = [aligned] if isinstance(aligned, AlignedStory) else list(aligned)
    columns: list[str] = []
    outlets: dict[str, str | None] = {}
    for st in stories:
        for a, o in zip(st.story.articles, st.story.outlets or (None,) * st.story.size, strict=True):
            if a not in outlets:
                columns.append(a)
                outlets[a] = o
    rows = []
    for st in stories:
        members = set(st.story.articles)
        for f in st.facts:
            carried = set(f.articles)
            kinds = sorted({d.kind for d in st.discrepancies_of(f.id)})
            row: dict[str, Any] = {
                "story": st.story.id,
                "fact": f.id,
                "label": f.label,
                "n_articles": len(carried),
                "discrepancies": ", ".join(kinds),
            }
            row.update({a: (a in carried) if a in members else None for a in columns})
            rows.append(row)
    df = pd.DataFrame(rows, columns=["story", "fact", "label", "n_articles", "discrepancies", *columns])
    df.attrs["outlets"] = outlets
    return df

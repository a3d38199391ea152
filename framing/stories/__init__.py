"""Stories: group articles that report one event, align what each outlet says, show what each leaves out.

* :func:`group_stories` (:class:`StoryGrouper`): stories of a corpus, near-linear in its size;
* :func:`align_facts`: the sentences of a story's articles that report the same fact;
* :func:`align_story` / :func:`side_by_side`: facts plus their discrepancies (figures, dates, sources, verbs,
  hedges, names), per story;
* :func:`coverage`: the story x fact table of which article carries what.

Example:
    >>> import framing
    >>> from framing.resources import example_corpus_dir
    >>> corpus = example_corpus_dir()
    >>> articles = list(framing.read_articles(corpus, outlet_tables=[corpus / "outlets.yaml"]))
    >>> [s.size for s in group_stories(articles)]
    [3, 3, 3]
"""

from framing.stories.alignment import Attribution, Fact, FactMention, Quantity, align_facts
from framing.stories.discrepancies import Discrepancy, date_slips, fact_discrepancies
from framing.stories.grouping import Story, StoryGrouper, group_stories, one_story, story_table
from framing.stories.numbers import DateMention, Figure, figures_agree, find_dates, find_figures
from framing.stories.sidebyside import AlignedStory, align_story, coverage, side_by_side

__all__ = [
    "AlignedStory",
    "Attribution",
    "DateMention",
    "Discrepancy",
    "Fact",
    "FactMention",
    "Figure",
    "Quantity",
    "Story",
    "StoryGrouper",
    "align_facts",
    "align_story",
    "coverage",
    "date_slips",
    "fact_discrepancies",
    "figures_agree",
    "find_dates",
    "find_figures",
    "group_stories",
    "one_story",
    "side_by_side",
    "story_table",
]

"""Reading: files, directories, globs, stdin and DataFrames in, cleaned :class:`~framing.Article` records out.

``read`` dispatches on the format; ``decode`` turns bytes into text; ``records`` streams JSONL / JSON / CSV
rows and DataFrames; ``html`` extracts the main text of a page; ``clean`` removes the boilerplate of scraped
text; ``build`` assembles the article (metadata, outlet, language).
"""

from framing.io.build import article_from_text
from framing.io.options import DEFAULT_COLUMNS, ReadOptions
from framing.io.read import read_articles

__all__ = ["DEFAULT_COLUMNS", "ReadOptions", "article_from_text", "read_articles"]

"""What is attributed: the content after the cue, or the clause before a closing attribution."""

from __future__ import annotations

import re

from framing.measures.attribution._words import _Cue, _has_three_tokens
from framing.text.sentences import Sentence

_CONTENT_SKIP = re.compile(r"[\s,:]*(?:that\s+)?")

_OBJECT_THEN_THAT = re.compile(r"\s+(?:[\w'.-]+\s+){0,5}?that\s+")


def _content(norm: str, sent: Sentence, cue: _Cue, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The attributed content: after the cue ("said that X", "told the FT that X", ": \"X\""), or before the
    source when the attribution closes the sentence ("X, officials said.", "X, according to the UN.")."""
    end = sent.end
    while end > sent.start and norm[end - 1] in ".!?\"' ":
        end -= 1
    after_start = source[1] if source is not None and source[0] >= cue.end else cue.end
    if after_start >= end:
        start = after_start
    elif norm.find("that", after_start, end) >= 0 and (m := _OBJECT_THEN_THAT.match(norm, after_start, end)):
        start = m.end()
    else:
        start = _CONTENT_SKIP.match(norm, after_start, end).end()  # type: ignore[union-attr]
    if _has_three_tokens(norm, start, end):
        return start, end
    # ", officials said." / ", according to the UN." at the end: the content is the clause before
    stop = source[0] if source is not None and source[0] < cue.start else cue.start
    comma = norm.rfind(",", sent.start, stop)
    if comma > sent.start and _has_three_tokens(norm, sent.start, comma):
        begin = sent.start + (1 if norm[sent.start] == '"' else 0)
        return begin, comma if norm[comma - 1] != '"' else comma - 1
    return None

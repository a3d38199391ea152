"""Character normalisation shared by every reader: straight quotes and apostrophes, plain spaces, ``\\n`` line ends."""

from __future__ import annotations

import re

__all__ = ["changes_words", "normalise_in_place", "normalise_text"]

_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\t": " ",
    }
)  # fmt: skip
_DOUBLE_APOS = re.compile(r"''|``")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")
# what normalise_text changes besides whitespace: mapped characters that are not spaces, control characters
# (some of which str.split() would treat as spaces), doubled apostrophes
_CHANGES_WORDS = re.compile(
    "''|``|["
    + "".join(re.escape(chr(c)) for c, v in _CHAR_MAP.items() if not (chr(c).isspace() and v == " "))
    + r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


# (character, replacement) of _CHAR_MAP; a character is never the replacement of another, so replacing them one
# after the other is what str.translate does, and on news text (a few kinds of such characters, if any) far
# cheaper: translate looks every character of the text up in a dict
_REPLACEMENTS = tuple((chr(c), v or "") for c, v in _CHAR_MAP.items())


def _translate(text: str) -> str:
    """``text.translate(_CHAR_MAP)``."""
    if text.isascii():
        return text.replace("\t", " ") if "\t" in text else text
    for ch, new in _REPLACEMENTS:
        if ch in text:
            text = text.replace(ch, new)
    return text


def normalise_text(text: str) -> str:
    """Normalise line ends, quotes, apostrophes and unusual spaces; strip every line.

    Args:
        text: Any text.

    Returns:
        The text with straight quotes (``"`` and ``'``), ``''`` turned into ``"``, plain spaces, ``\\n`` line ends.

    Example:
        >>> normalise_text("\u201cWar\u2019s time''\u00a0 now")
        '"War\\'s time" now'
    """
    text = _CONTROL.sub("", _translate(text.replace("\r\n", "\n").replace("\r", "\n")))
    text = _SPACES.sub(" ", _DOUBLE_APOS.sub('"', text))  # (a run of spaces never crosses a line end)
    return "\n".join(line.strip() for line in text.split("\n"))


_ONE_FOR_ONE = {c: v for c, v in _CHAR_MAP.items() if isinstance(v, str) and len(v) == 1}


def normalise_in_place(text: str) -> str:
    """The one-for-one character replacements of :func:`normalise_text` (curly quotes and apostrophes, unusual
    spaces), which keep every offset: for scoring a text whose annotations point into the original.

    Example:
        >>> print(normalise_in_place("\u201cIt\u2019s over\u201d"))
        "It's over"
    """
    return text.translate(_ONE_FOR_ONE)


def changes_words(text: str) -> bool:
    """Whether :func:`normalise_text` would change ``text`` in more than its whitespace.

    When it would not, ``normalise_text(text).split() == text.split()``: a consumer that collapses whitespace
    anyway (the models) can skip the normalisation. One regex search, instead of a full normalisation.

    Example:
        >>> changes_words("Officials  said\u00a0no."), changes_words("\u201cNo\u201d")
        (False, True)
    """
    return _CHANGES_WORDS.search(text) is not None

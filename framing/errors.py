"""Exceptions raised by framing.

Every error that comes from user input names the offending file (and line, where there is one) and the
problem, so a batch can report it and carry on with the other articles.
"""

from __future__ import annotations

__all__ = ["FramingError", "InputError", "LexiconError", "UnsupportedLanguageError"]


class FramingError(Exception):
    """Base class for all errors raised by framing."""


class InputError(FramingError):
    """An input file or record that cannot be read as an article.

    Args:
        source: File path (optionally with ``:line`` or ``#id``) or a description such as ``<stdin>``.
        reason: What is wrong, in words a user can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class LexiconError(FramingError):
    """A lexicon or outlet table that is malformed.

    Args:
        path: The data file.
        line: 1-based line number, or ``None`` when the problem concerns the whole file.
        reason: What is wrong.
    """

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class UnsupportedLanguageError(FramingError):
    """Raised when an article is not in a language the scorers support (only English for now)."""

    def __init__(self, source: str, language: str) -> None:
        self.source = source
        self.language = language
        super().__init__(
            f"{source}: language detected as {language!r}; only English ('en') is supported, so no scores were computed"
        )

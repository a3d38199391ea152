"""Exceptions raised by framing.

Every error that comes from user input names the offending file (and line, where there is one) and the
problem, so a batch can report it and carry on with the other articles.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "DEBUG_ENV",
    "FramingError",
    "InputError",
    "InternalError",
    "LexiconError",
    "ModelFileError",
    "SkippedFilesWarning",
    "UnsupportedLanguageError",
    "debug_enabled",
    "internal_error",
    "stage",
]

#: Set (to anything but ``""`` or ``0``) by ``framing --debug``; an environment variable so that the workers of a
#: process pool, which build the error records, see it too.
DEBUG_ENV = "FRAMING_DEBUG"


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


class ModelFileError(FramingError):
    """A model file that cannot be used: missing, truncated, not a model, tampered with or inconsistent.

    Args:
        path: The model file.
        reason: What is wrong.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsupportedLanguageError(FramingError):
    """Raised when an article is not in a language the scorers support (only English for now)."""

    def __init__(self, source: str, language: str) -> None:
        self.source = source
        self.language = language
        super().__init__(
            f"{source}: language detected as {language!r}; only English ('en') is supported, so no scores were computed"
        )


class SkippedFilesWarning(UserWarning):
    """Files of a directory that were not read because framing does not read their type (``.pdf``, ``.php``, no
    suffix ...); the CLI prints it as a ``warning:`` line. Naming such a file reads it as text."""


class InternalError(FramingError):
    """An unexpected exception (a bug in framing, not a problem of the input) met while handling one input.

    It becomes that input's error record like an :class:`InputError`, but says it is an internal error and
    names the exception, so a bug is reported as one and not taken for bad input.

    Args:
        source: File path (optionally with ``:line`` or ``#id``) of the input.
        doing: What framing was doing, e.g. ``"cleaning"`` or ``"identifying the outlet"``.
        exc: The exception.
    """

    def __init__(self, source: str, doing: str, exc: BaseException) -> None:
        self.source = source
        self.doing = doing
        self.reason = internal_reason(doing, exc)
        super().__init__(f"{source}: {self.reason}")


def internal_reason(doing: str, exc: BaseException) -> str:
    """One line naming an unexpected exception: ``internal error while <doing>: <Type>: <message>``."""
    lines = str(exc).strip().splitlines()
    message = lines[0][:200] if lines else ""
    hint = "rerun with framing --debug for the traceback" if not debug_enabled() else "traceback on stderr"
    return f"internal error while {doing}: {type(exc).__name__}" + (f": {message}" if message else "") + f" ({hint})"


def debug_enabled() -> bool:
    """True when ``framing --debug`` (or ``$FRAMING_DEBUG``) asks for tracebacks."""
    return os.environ.get(DEBUG_ENV, "") not in {"", "0"}


def internal_error(source: str, doing: str, exc: BaseException) -> str:
    """The error record of an unexpected exception met on one input (its traceback on stderr with --debug).

    Args:
        source: The input (file, ``file:line``).
        doing: What framing was doing.
        exc: The exception; an :class:`InternalError` keeps its own stage and message.
    """
    if isinstance(exc, InternalError):  # its traceback was printed where it was raised (stage)
        return str(exc)
    if debug_enabled():
        traceback.print_exception(exc, file=sys.stderr)
    return f"{source}: {internal_reason(doing, exc)}"


@contextmanager
def stage(source: str, doing: str) -> Iterator[None]:
    """Turn an unexpected exception inside the block into an :class:`InternalError` naming ``doing``.

    Errors of framing's own (:class:`FramingError`, e.g. an :class:`InputError`) pass through unchanged.
    """
    try:
        yield
    except FramingError:
        raise
    except Exception as exc:  # a bug: named, and kept to this one input
        if debug_enabled():
            traceback.print_exception(exc, file=sys.stderr)
        raise InternalError(source, doing, exc) from exc

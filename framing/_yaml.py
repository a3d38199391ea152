"""Safe YAML loading for the project's data files, with line numbers for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from framing.errors import LexiconError

__all__ = ["load_yaml_with_lines"]


class _Loader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping as ``__line__``."""


def _mapping_with_line(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_yaml_with_lines(
    path: Path, schema: str, required: tuple[str, ...] = ("name", "version", "licence")
) -> dict[str, Any]:
    """Load a YAML data file safely and check its ``schema`` and required top-level fields.

    Raises:
        LexiconError: The file cannot be read, is not YAML, or is not of this schema.
    """
    name = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise LexiconError(name, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LexiconError(name, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise LexiconError(name, 1, f"not a {schema.split('/')[0]} file: expected 'schema: {schema}' at the top")
    for key in required:
        if not data.get(key):
            raise LexiconError(name, 1, f"missing top-level field {key!r}")
    return data

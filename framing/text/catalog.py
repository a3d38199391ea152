"""The catalogue of the project's data files: phrase lexicons, term packs, actor sets and outlet tables.

``lexicons/manifest.json`` lists every bundled data file with its name, version, licence, entry count and
sha256, so a change to a lexicon is visible and a tampered or stale file is caught (a test compares the
manifest with the files). ``framing lexicons list|show|validate`` is built on this module.

Example:
    >>> kinds = {e["kind"] for e in build_manifest()["files"]}
    >>> sorted(kinds)
    ['actors', 'outlets', 'phrase-lexicon', 'termpack']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import LexiconError
from framing.resources import lexicon_dir

__all__ = ["LoadedFile", "build_manifest", "iter_bundled", "load_any", "manifest_path"]


@dataclass(frozen=True)
class LoadedFile:
    """A validated data file of any kind."""

    kind: str
    name: str
    version: str
    licence: str
    entries: int
    path: Path
    obj: Any


def _kind_of(path: Path) -> str:
    if path.suffix == ".tsv":
        return "phrase-lexicon"
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    for schema, kind in (
        ("framing-termpack/", "termpack"),
        ("framing-actors/", "actors"),
        ("framing-outlets/", "outlets"),
    ):
        if schema in head:
            return kind
    raise LexiconError(str(path), 1, "unknown data file: expected a .tsv lexicon or a YAML file with a framing schema")


def load_any(path: str | Path) -> LoadedFile:
    """Load and validate any project data file, detecting its kind.

    Raises:
        LexiconError: The file is malformed (the message names file, line and reason).
    """
    p = Path(path)
    if not p.is_file():
        raise LexiconError(str(p), None, "file not found")
    kind = _kind_of(p)
    if kind == "phrase-lexicon":
        from framing.text.lexicon import load_lexicon

        lex = load_lexicon(p)
        return LoadedFile(kind, lex.name, lex.version, lex.licence, len(lex.entries), p, lex)
    if kind == "termpack":
        from framing.text.termpacks import load_termpack

        pack = load_termpack(p)
        n = sum(len(v.patterns) for c in pack.concepts for v in c.variants)
        return LoadedFile(kind, pack.name, pack.version, pack.licence, n, p, pack)
    if kind == "actors":
        from framing.text.actors import load_actor_set

        aset = load_actor_set(p)
        return LoadedFile(kind, aset.name, aset.version, _licence(p), len(aset.actors), p, aset)
    from framing._yaml import load_yaml_with_lines
    from framing.outlets import load_outlet_table

    meta = load_yaml_with_lines(p, "framing-outlets/1", required=())
    table = load_outlet_table([p], bundled=False)
    return LoadedFile(
        kind, str(meta.get("name", p.stem)), str(meta.get("version", "")), _licence(p), len(table), p, table
    )


def _licence(path: Path) -> str:
    from framing._yaml import load_yaml_with_lines

    for schema in ("framing-actors/1", "framing-outlets/1"):
        try:
            return str(load_yaml_with_lines(path, schema, required=()).get("licence", ""))
        except LexiconError:
            continue
    return ""


def iter_bundled() -> Iterator[LoadedFile]:
    """Every bundled data file, in a stable order."""
    root = lexicon_dir()
    files = [*sorted(root.glob("*.tsv")), root / "outlets.yaml"]
    files += sorted((root / "termpacks").glob("*.yaml")) + sorted((root / "actors").glob("*.yaml"))
    for p in files:
        yield load_any(p)


def manifest_path() -> Path:
    """Path of the committed manifest."""
    return lexicon_dir() / "manifest.json"


def build_manifest() -> dict[str, Any]:
    """Describe every bundled data file: kind, name, version, licence, entries, sha256 (files in stable order)."""
    root = lexicon_dir()
    files = []
    for f in iter_bundled():
        files.append(
            {
                "file": f.path.relative_to(root).as_posix(),
                "kind": f.kind,
                "name": f.name,
                "version": f.version,
                "licence": f.licence,
                "entries": f.entries,
                "sha256": hashlib.sha256(f.path.read_bytes()).hexdigest(),
            }
        )
    return {"schema": "framing-manifest/1", "files": files}


def write_manifest() -> Path:
    """Rewrite ``lexicons/manifest.json`` from the files (a maintainer step after editing a lexicon)."""
    path = manifest_path()
    path.write_text(json.dumps(build_manifest(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

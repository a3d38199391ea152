"""The package layout follows the pipeline (issue 13): a module imports only from its own stage or earlier ones,
and no module grows past about 500 lines.

read -> clean -> article (+ outlets) -> sentences / analysed text -> evidence -> article score -> corpus table
-> comparison -> figure -> report; validation and the CLI sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "framing"

#: Stage of each top-level part of the package, in the order data flows. Same number: same stage.
STAGES: dict[str, int] = {
    # records and plumbing every stage may use
    "_version": 0, "errors": 0, "resources": 0, "_yaml": 0, "article": 0, "evidence": 0,
    "outlets": 1,  # the outlet table and detection (knows nothing of files)
    "io": 2,  # files, formats, HTML, text-scrape cleaning, language
    "text": 3,  # sentences, the analysed text, lexicons, the matcher, term packs, actor sets
    "datasets": 4,  # readers of the annotated datasets (for training and validation)
    "measures": 5,  # evidence: hedging, attribution, word choice, naming, sentiment, readability
    "models": 6,  # trained classifiers: features, training, the models inside scoring
    "scoring": 7,  # one article's scores
    "corpus": 8, "runs": 8,  # many articles: tables; runs on all cores, a cluster, into a store
    "stories": 9, "compare": 9,  # comparison across outlets and stories
    "plot": 10,
    "report": 11,
    "validation": 12,
    "cli": 13,
}  # fmt: skip
#: Modules that may import anything: the lazy public facade and ``python -m framing``.
FACADES = {"framing", "framing.__main__"}
MAX_LINES = 520


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "framing" or len(parts) < 2:
        return None
    return STAGES.get(parts[1])


def _imports(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, module) of every framing import in a file, at any depth (functions, TYPE_CHECKING blocks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path, package)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("framing"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against this package
                base = here.split(".")[: -node.level + (1 if path.name == "__init__.py" else 0) or None]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if mod == "framing":
                found.extend((node.lineno, f"framing.{a.name}") for a in node.names)
            elif mod.startswith("framing."):
                found.append((node.lineno, mod))
    return found


def _files(package: Path = PACKAGE) -> list[Path]:
    return sorted(package.rglob("*.py"))


def _back_imports(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in _files(package):
        me = _module_name(path, package)
        if me in FACADES:
            continue
        mine = _stage(me)
        for line, mod in _imports(path, package):
            theirs = _stage(mod)
            if mine is not None and theirs is not None and theirs > mine:
                where = path.relative_to(package.parent)
                wrong.append(f"{where}:{line} ({me}, stage {mine}) imports {mod} (stage {theirs})")
    return wrong


def test_every_part_of_the_package_has_a_stage() -> None:
    unknown = {_module_name(p).split(".")[1] for p in _files() if _module_name(p) not in FACADES} - set(STAGES)
    assert not unknown, f"give these a stage in STAGES: {sorted(unknown)}"


def test_no_import_runs_back_up_the_pipeline() -> None:
    wrong = _back_imports()
    assert not wrong, "imports from a later stage:\n" + "\n".join(wrong)


def test_the_check_sees_a_back_import(tmp_path: Path) -> None:
    pkg = tmp_path / "framing"
    (pkg / "measures").mkdir(parents=True)
    (pkg / "measures" / "probe.py").write_text("def f():\n    from framing.scoring import Scorer\n")
    (pkg / "scoring.py").write_text("from framing.measures.probe import f\nfrom .measures import probe\n")
    assert _back_imports(pkg) == [
        "framing/measures/probe.py:2 (framing.measures.probe, stage 5) imports framing.scoring (stage 7)"
    ]


def test_no_module_is_over_about_500_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE.parent)): n for p in _files() if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules: {long}"

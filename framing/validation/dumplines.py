"""Train the line model that finds the article in a page flattened to text (``framing/io/data/dumplines.json``).

Rebuild it, byte for byte, with::

    python -m framing.validation.dumplines --data ../shared/data

Data: the **tuning** portion of ``realpages`` only (the pages whose name's SHA-256 is not divisible by 3, see
:func:`framing.validation.reading.portion`; the held-out third is never read here). Each line of a page's dump
that reaches the block search (:func:`framing.io.clean.page_lines`) is labelled article text when framing's own
reading of the same page's HTML keeps it (trafilatura's block, lightly cleaned), and the page's hand-made
snippets overrule that: a line holding a must-contain snippet is article text, one holding a must-not snippet is
not.

Model: a logistic regression on the standardised features of :mod:`framing.io.linefeatures` (scikit-learn, ``C=1``,
classes weighted to balance, as article lines are a quarter of a page). The decision threshold of the block search
is chosen by 5-fold cross-validation over the tuning pages (folds by page, so no page's lines are both trained on
and scored): for each threshold, the share of must-contain snippets kept and of must-not snippets removed when each
fold's pages are read with the model fitted on the other folds; the threshold keeping the most among those that
remove the target share (:func:`choose_threshold`). The choice and its cross-validated figures are written into the
model file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framing.errors import InputError
from framing.io.blocks import line_model_override, model_digest, page_features
from framing.io.clean import PageLines, page_lines
from framing.io.decode import decode
from framing.io.linefeatures import FEATURES
from framing.validation.reading import TARGETS, _framing_reader, _norm, load_pages, portion, score_page

__all__ = ["build_model", "choose_threshold", "label_lines", "main"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "io" / "data" / "dumplines.json"
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
FOLDS = 5
C = 1.0
CLASS_WEIGHT: str | None = "balanced"


def _contains(line: str, snippets: Sequence[str]) -> bool:
    """A line holds a snippet, or is a part (of three words or more) of one that runs over several lines."""
    return any(s in line or (len(line.split()) >= 3 and line in s) for s in snippets)


def label_lines(lines: PageLines, html_parts: Sequence[str], with_: Sequence[str], without: Sequence[str]) -> list[int]:
    """1 for a line that is article text, else 0 (see the module's description)."""
    whole = {_norm(x) for x in html_parts}
    full = _norm("\n".join(html_parts))
    wanted, unwanted = [_norm(s) for s in with_], [_norm(s) for s in without]
    out = []
    for text in lines.texts:
        n = _norm(text)
        label = n in whole or (len(n.split()) >= 4 and n in full)
        if _contains(n, wanted):
            label = True
        if _contains(n, unwanted):
            label = False
        out.append(int(label))
    return out


def _html_parts(path: Path) -> list[str]:
    from framing.io.html import html_article
    from framing.outlets import load_outlet_table

    text, warnings = decode(path.read_bytes(), str(path))
    try:
        a = html_article(text, id=path.stem, source_path=str(path), table=load_outlet_table(), warnings=warnings)
    except InputError:
        return []
    return [x for x in (a.title, *a.summary, *a.headings, *a.text.split("\n\n")) if x]


def _tuning_pages(data: Path) -> list[dict[str, Any]]:
    pages = []
    for p in load_pages(data):
        if portion(p["file"]) != "tuning":
            continue
        text, _ = decode(p["dump_path"].read_bytes(), str(p["dump_path"]))
        lines = page_lines(text)
        if lines is None:
            continue
        x, _ = page_features(lines.texts, lines.prose, lines.gaps)
        y = label_lines(lines, _html_parts(p["html_path"]), p["with"], p["without"])
        pages.append({**p, "x": x, "y": np.array(y)})
    return pages


def _fit(pages: Sequence[dict[str, Any]], threshold: float) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.vstack([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=C, max_iter=5000, class_weight=CLASS_WEIGHT).fit((x - scaler.mean_) / scale, y)
    return {
        "format": "framing-dump-line-model",
        "version": 1,
        "features": list(FEATURES),
        "mean": [round(float(v), 12) for v in scaler.mean_],
        "scale": [round(float(v), 12) for v in scale],
        "coef": [round(float(v), 12) for v in lr.coef_[0]],
        "intercept": round(float(lr.intercept_[0]), 12),
        "threshold": threshold,
    }


def _fold(name: str) -> int:
    return int(hashlib.sha256(f"fold:{name}".encode()).hexdigest(), 16) % FOLDS


def cross_validate(pages: Sequence[dict[str, Any]]) -> dict[float, dict[str, float]]:
    """Kept and removed shares of the tuning pages, each read with the model fitted on the other folds."""
    read = _framing_reader("dump")
    tally = {t: [0, 0, 0, 0] for t in THRESHOLDS}
    for f in range(FOLDS):
        model = _fit([p for p in pages if _fold(p["file"]) != f], THRESHOLDS[0])
        for t in THRESHOLDS:
            with line_model_override({**model, "threshold": t}):
                for p in pages:
                    if _fold(p["file"]) == f:
                        s = score_page(p["file"], read(p["dump_path"]), p["with"], p["without"])
                        for i, v in enumerate((s.kept, s.n_with, s.removed, s.n_without)):
                            tally[t][i] += v
    return {t: {"kept": k / nw, "removed": r / no} for t, (k, nw, r, no) in tally.items()}


def choose_threshold(cv: dict[float, dict[str, float]]) -> float:
    """The threshold that keeps the most article text among those removing at least the target share of
    boilerplate (issue 12's 0.90 on dumps); when none does, the one with the highest kept + removed."""
    target = TARGETS["dump"][1]
    meeting = [t for t in cv if cv[t]["removed"] >= target]
    if meeting:
        return max(meeting, key=lambda t: (cv[t]["kept"], cv[t]["removed"]))
    return max(cv, key=lambda t: (cv[t]["kept"] + cv[t]["removed"], -t))


def build_model(data: Path) -> dict[str, Any]:
    """The line model trained on the tuning pages, with its threshold chosen by cross-validation."""
    pages = _tuning_pages(data)
    cv = cross_validate(pages)
    threshold = choose_threshold(cv)
    model = _fit(pages, threshold)
    model.update(
        {
            "trained_on": (
                f"realpages tuning portion: {len(pages)} page dumps, {sum(len(p['y']) for p in pages)} lines "
                f"({sum(int(p['y'].sum()) for p in pages)} article text); labels from framing's reading of each "
                "page's HTML, overruled by the page's hand-made snippets. realpages comes from trafilatura's "
                "evaluation set (github.com/adbar/trafilatura, tests/evaldata.json)."
            ),
            "licence": "Apache-2.0 (the realpages annotations); the file holds numbers per feature, no page text",
            "rebuild": "python -m framing.validation.dumplines --data ../shared/data",
            "model": f"scikit-learn LogisticRegression(C={C}, class_weight={CLASS_WEIGHT!r}) on standardised features",
            "selection": (
                f"threshold chosen among {list(THRESHOLDS)} by {FOLDS}-fold cross-validation over the tuning "
                "pages: the most must-contain snippets kept among the thresholds removing >= 0.90 of the must-not "
                "snippets (issue 12's target), else the highest kept + removed"
            ),
            "cv": {str(t): {k: round(v, 4) for k, v in cv[t].items()} for t in THRESHOLDS},
        }
    )
    model["sha256"] = model_digest(model)
    return model


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    p.add_argument("--out", type=Path, default=MODEL_PATH, help=f"default: {MODEL_PATH}")
    args = p.parse_args(argv)
    if not (args.data / "realpages" / "expectations.jsonl").is_file():
        print(f"{args.data}: no realpages/expectations.jsonl here", file=sys.stderr)
        return 1
    model = build_model(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: threshold {model['threshold']}; cross-validated {json.dumps(model['cv'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

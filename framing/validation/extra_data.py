"""Does out-of-task data help? WikiNPOV for ``biased`` and BioScope for ``hedged``, under the same
cross-validation inside train as model selection (issue 17, point 2).

Not part of ``framing validate`` (about ten minutes on two cores); run it with::

    python -m framing.validation.extra_data --data ../shared/data

Each task's cross-validated choice (its grid point in :data:`framing.models.train.GRIDS`, as the validation
report's models section found it) is scored by the task's folds with and without the extra sentences added to
every fold's training part (never a copy of a held-out text). Dev is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from framing.datasets.bioscope import read_bioscope
from framing.datasets.wikinpov import read_wikinpov
from framing.models.select import cross_validate
from framing.models.tasks import get_task, load_split_cv
from framing.models.train import CV_FOLDS

#: The CV choices of the models section (reports/models.md): biased with vectors, hedged without.
CHOICES: dict[str, dict[str, Any]] = {
    "biased": {"C": 3.0, "lexicon": {"weight": 0.05}, "vectors": {"weight": 0.3}},
    "hedged": {"C": 3.0, "lexicon": {"weight": 0.05}, "class_weight": None, "tune_intercept": True, "vectors": None},
}
EXTRA: dict[str, tuple[str, Callable[[Path], tuple[list[str], list[str]]]]] = {
    "biased": ("WikiNPOV (Hube & Fetahu 2019, MBIB 003; GPL-3.0)", read_wikinpov),
    "hedged": ("BioScope abstracts + full papers (Vincze et al. 2008; no licence stated)", read_bioscope),
}


def measure(task: str, data: Path) -> dict[str, Any]:
    """Best fold score of the task's choice without and with the extra data."""
    t = get_task(task)
    texts, labels, _, cv_groups = load_split_cv(t, data, "train")
    name, reader = EXTRA[task]
    extra = reader(data)
    out: dict[str, Any] = {"task": task, "extra": name, "train": len(texts), "extra_items": len(extra[0])}
    for label, items in (("without", None), ("with", extra)):
        rows = cross_validate(texts, labels, task=task, grid=[CHOICES[task]], cv_groups=cv_groups,
                              folds=CV_FOLDS.get(task, 5), extra=items)  # fmt: skip
        best = max(rows, key=lambda r: r["cv"])
        out[label] = {"cv": best["cv"], "cv_sd": best["cv_sd"], "folds": best["folds"]}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    p.add_argument("--task", choices=sorted(EXTRA), action="append", help="default: both")
    args = p.parse_args(argv)
    for task in args.task or sorted(EXTRA):
        print(json.dumps(measure(task, args.data)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

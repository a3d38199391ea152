"""``framing train`` and ``framing evaluate``: the click commands (attached to the main CLI by framing.cli).

Exit codes: 0 ok, 1 failure (unreadable data, bad model file), 2 usage error (unknown task, bad option).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from framing.errors import FramingError
from framing.models.tasks import TASKS

__all__ = ["evaluate", "models_group", "train"]

_TASK = click.Choice(sorted(TASKS))
#: ``framing train`` also rebuilds the word vectors the sentence models use (framing.models.vectors).
_TRAINABLE = click.Choice([*sorted(TASKS), "vectors"])


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.command("train")
@click.argument("task", type=_TRAINABLE)
@click.option(
    "--data",
    "data",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="The task's dataset folder (e.g. ../shared/data/babe) or the folder holding it.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Model file to write (.npz). Default: <data home>/models/<TASK>.npz.",
)
@click.option("--no-tune", is_flag=True, help="Use the default settings instead of searching the task's grid on dev.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    hidden=True,
    help="Use only the first N train and dev items (quick checks).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format on stdout.",
)
def train(task: str, data: Path, out: Path | None, no_tune: bool, limit: int | None, fmt: str) -> None:  # fmt: skip
    """Train the TASK model on its train portion, its settings chosen by cross-validation inside that portion,
    report it once on dev and save it (no pickle).

    TASK is one of biased (BABE), hedged (WikiWeasel), subjective (NewsSD), attributed (PolNeAR sentences),
    frames (FrAC) or lean (AllSides media split); ``vectors`` rebuilds the word vectors from the AllSides train
    articles (default --out: the shipped framing/models/data/vectors.npz; deterministic).

    \b
    Examples:
      framing train biased --data ../shared/data/babe
      framing train hedged --data ../shared/data --out models/hedged.npz
      framing train lean --data ../shared/data/allsides --format json
      framing train vectors --data ../shared/data/allsides
    """
    if task == "vectors":
        _train_vectors(data, out)
        return
    from framing.models import default_model_path
    from framing.models.format import save_model
    from framing.models.train import train_task

    target = out or default_model_path(task, user=True)
    command = f"framing train {task} --data {data}" + (f" --out {out}" if out else "")
    command += " --no-tune" if no_tune else ""
    try:
        model, info = train_task(task, data, limit=limit, tune=not no_tune, command=command)
        save_model(model, target)
    except (FramingError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    from framing.scoring import clear_model_cache

    clear_model_cache()  # a later score in this process uses the new model
    if fmt == "json":
        click.echo(json.dumps({"task": task, "model": str(target), **info}, indent=2))
        return
    dev = info["dev"]
    click.echo(f"trained {task} on {model.meta['n_train']} items in {info['seconds']} s -> {target}")
    if dev:
        click.echo(_table(task, dev))


def _train_vectors(data: Path, out: Path | None) -> None:
    import time

    from framing.models.vectors import build_from_allsides, save_vectors, shipped_path

    start = time.perf_counter()
    try:
        vectors = build_from_allsides(data)
        path = save_vectors(vectors, out or shipped_path())
    except (FramingError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    click.echo(f"built {len(vectors.vocabulary)} x {vectors.dim} vectors from {vectors.header['n_documents']} "
               f"articles in {time.perf_counter() - start:.0f} s -> {path} ({path.stat().st_size / 1e6:.2f} MB, "
               f"sha256 {vectors.header['sha256'][:12]})")  # fmt: skip


@click.command("evaluate")
@click.argument("task", type=_TASK)
@click.option(
    "--data",
    "data",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="The task's dataset folder or the folder holding it; the dev portion is evaluated.",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Model file. Default: the user-trained model, else the shipped one.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@click.option("--limit", type=click.IntRange(min=1), default=None, hidden=True)
def evaluate(task: str, data: Path, model_path: Path | None, fmt: str, limit: int | None) -> None:
    """Evaluate a TASK model on the dev portion: precision, recall and F1 per class, macro-F1, accuracy and
    the confusion matrix.

    \b
    Examples:
      framing evaluate subjective --data ../shared/data/newssd
      framing evaluate biased --data ../shared/data --model ~/.cache/framing/models/biased.npz --format json
    """
    from framing.models import find_model
    from framing.models.format import load_model
    from framing.models.tasks import get_task, load_split
    from framing.models.train import evaluate_model

    t = get_task(task)
    try:
        path = model_path or find_model(task)
        if path is None:
            _fail(f"no {task} model found; train one with: framing train {task} --data <data folder>")
            return
        model = load_model(path)
        if model.task != task:
            _fail(f"{path}: is a {model.task!r} model, not {task!r}")
            return
        texts, labels = load_split(t, data, "dev", limit)
        report = evaluate_model(model, texts, labels)
    except (FramingError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    if fmt == "json":
        click.echo(json.dumps({"task": task, "model": str(path), "dev": t.dev_name, **report}, indent=2))
    else:
        click.echo(f"{task}: {path} on {t.dataset}, {t.dev_name} ({report['n']} items)")
        click.echo(_table(task, report))


def _table(task: str, rep: dict[str, Any]) -> str:
    lines = [f"{'class':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"]
    for c, m in rep["per_class"].items():
        lines.append(f"{c:<12} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['support']:>8d}")
    t = TASKS[task]
    bar = f"target {t.headline} >= {t.target:.2f}" if t.target is not None else "no fixed target: see the report"
    lines.append(f"macro-F1 {rep['macro_f1']:.3f}   accuracy {rep['accuracy']:.3f}   ({bar})")
    cm = rep["confusion_matrix"]
    width = max(len(x) for x in cm["labels"]) + 2
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * width + "".join(f"{x:>{width}}" for x in cm["labels"]))
    for lab, row in zip(cm["labels"], cm["rows_gold_cols_pred"], strict=True):
        lines.append(f"{lab:>{width}}" + "".join(f"{v:>{width}d}" for v in row))
    return "\n".join(lines)


@click.group("models")
def models_group() -> None:
    """Train and evaluate framing's classifiers (standalone entry point: python -m framing.cli.train)."""


models_group.add_command(train)
models_group.add_command(evaluate)


if __name__ == "__main__":  # pragma: no cover
    models_group()

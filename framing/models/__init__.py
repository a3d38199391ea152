"""Trained classifiers with measured validity: biased / hedged / subjective / attributed sentences, sentence
frames and article lean.

* :class:`~framing.models.features.LexiconFeatures` — the project's lexicon and rule scorers as a
  scikit-learn transformer, for your own pipelines.
* :class:`~framing.models.model.Model` — a trained TF-IDF + lexicon-feature logistic regression;
  ``predict_proba(texts)`` gives ``(n, n_classes)`` probabilities in the order of ``classes_``.
* :func:`~framing.models.format.save_model` / :func:`~framing.models.format.load_model` — the pickle-free
  ``.npz`` model format (JSON header, checksum; a damaged or edited file raises
  :class:`~framing.models.format.ModelFileError`).
* :func:`load_default_models` — the models available on this machine: a model you trained with
  ``framing train TASK`` (in ``<data home>/models/``) wins over the one shipped with framing
  (``framing/models/data/``, only where the training data's licence allows, see ``MANIFEST.json``).

Example:
    >>> models = load_default_models()
    >>> sorted(models) == sorted(set(models) & {"attributed", "biased", "hedged", "subjective", "lean", "frames"})
    True
"""

from __future__ import annotations

import threading
from pathlib import Path

from framing.models.features import LexiconFeatures
from framing.models.format import ModelFileError, load_model, read_header, save_model
from framing.models.model import Model
from framing.models.tasks import TASKS, lean_text

__all__ = [
    "TASKS",
    "LexiconFeatures",
    "Model",
    "ModelFileError",
    "clear_cache",
    "default_model_path",
    "find_model",
    "lean_text",
    "load_default_models",
    "load_model",
    "read_header",
    "save_model",
    "shipped_dir",
]

_LOCK = threading.Lock()
_CACHE: dict[str, Model] | None = None


def shipped_dir() -> Path:
    """The folder of the models shipped with framing (``framing/models/data``)."""
    return Path(__file__).resolve().parent / "data"


def default_model_path(task: str, *, user: bool = True) -> Path:
    """Where ``framing train TASK`` writes (``user=True``: ``<data home>/models/TASK.npz``) or where a shipped
    model lives (``user=False``)."""
    if user:
        from framing.resources import data_home

        return data_home() / "models" / f"{task}.npz"
    return shipped_dir() / f"{task}.npz"


def find_model(task: str) -> Path | None:
    """The model file used for ``task``: the user-trained one, else the shipped one, else ``None``."""
    for p in (default_model_path(task, user=True), default_model_path(task, user=False)):
        try:
            if p.is_file():
                return p
        except OSError:  # a data home that cannot be looked into (permissions) holds no user model
            continue
    return None


def load_default_models() -> dict[str, Model]:
    """Load (once, then cached) every available task model: ``{"subjective": Model, "lean": Model, ...}``.

    Only tasks with a model file are present. A model file that fails to load raises
    :class:`ModelFileError` (naming the file) rather than being skipped silently.
    """
    global _CACHE
    with _LOCK:
        if _CACHE is None:
            found: dict[str, Model] = {}
            for task in TASKS:
                path = find_model(task)
                if path is not None:
                    model = load_model(path)
                    if model.task != task:  # e.g. frames.npz copied over subjective.npz: its scores would be misnamed
                        raise ModelFileError(str(path), f"holds a model for the task {model.task!r}, not {task!r}")
                    found[task] = model
            _CACHE = found
        return dict(_CACHE)


def clear_cache() -> None:
    """Forget the loaded default models (after training a new one)."""
    global _CACHE
    with _LOCK:
        _CACHE = None

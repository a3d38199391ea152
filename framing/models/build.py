"""Rebuild the models shipped with framing and their manifest.

    python -m framing.models.build --data ../shared/data            # every shippable task
    python -m framing.models.build --data ../shared/data --task lean

Writes ``framing/models/data/<task>.npz`` for each task whose training-data licence allows redistributing a
model trained on it, and rewrites ``framing/models/data/MANIFEST.json``: per task, the data, licence, whether
it ships and why, dev metrics, the rebuild command, file size and SHA-256. Tasks that do not ship are listed
with the command that trains them locally (into ``<data home>/models/``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from framing.models import shipped_dir
from framing.models.format import load_model, save_model
from framing.models.tasks import TASKS
from framing.models.train import train_task

__all__ = ["LICENCE_DECISIONS", "main", "write_manifest"]

#: Why each task's model does or does not ship.
#: Why a shipped model's rebuild command names its settings.
SETTINGS_NOTE = (
    "This file predates model selection by cross-validation inside train (issue 17), which chooses other settings "
    "for this task (see reports/models.md); it was kept because its dev figure is higher and it held up on unseen "
    "test data. The command retrains it with the settings in its header; the bytes differ from the shipped file "
    "(the lexicon-feature block reads the present lexicons), the dev figure is reported again."
)

LICENCE_DECISIONS: dict[str, str] = {
    "biased": "Not shipped. BABE is released under AGPL-3.0; a model trained on it is arguably a derivative of "
    "the data and would carry AGPL obligations that framing's MIT licence cannot pass on. Train it locally.",
    "hedged": "Not shipped. The WikiWeasel CSV (a third-party conversion of the CoNLL-2010 Wikipedia data) states "
    "no licence, so redistribution rights are unknown. Train it locally.",
    "subjective": "Shipped. NewsSD-ENG is CC BY 4.0, which allows redistributing adapted material with attribution: "
    "the attribution (Antici et al. 2024, CC BY 4.0) is in this manifest and in the model header.",
    "lean": "Not shipped, although the licence would allow it: AllSides/Baly et al. 2020 is Apache-2.0 (derived "
    "works may be redistributed with the notice and attribution). On the media-split dev set (outlets "
    "unseen in training; 69 % of its articles come from left-rated outlets, mostly the New York Times) "
    "the model, trained with equal weight per outlet and without n-grams concentrated in one outlet, "
    "reaches macro-F1 0.37 (always answering 'left': 0.27) but accuracy 0.45, below always answering "
    "'left' (0.69), and 'right' precision 0.10 on 89 articles: too unreliable for a default. Train it "
    "locally (framing train lean) to study it; it is then picked up from the data home and framing score "
    "reports its estimate with a caveat.",
    "frames": "Shipped. FrAC's gold sentences are drawn from the SFU Opinion and Comments Corpus (Globe and Mail "
    "opinion articles and reader comments, CC BY 4.0), and FrAC releases its annotations under the same licence "
    "(README of mattguida/FrAC; the revision in ../shared/data/frac also names the NYT comments corpus, CC BY-NC-SA "
    "4.0, for its larger framing-effects data, which this model does not use). CC BY 4.0 allows redistributing "
    "adapted material with attribution: the attribution (Guida et al. 2025; Kolhatkar et al. 2020, SOCC) is in this "
    "manifest and in the model header.",
    "attributed": "Not shipped. PolNeAR states no licence, so redistribution rights are unknown. Train it locally "
    "(framing train attributed --data ../shared/data/polnear); framing score then adds each sentence's probability "
    "of holding an attribution beside the rule-based attribution evidence.",
}


#: The bar of the tasks without a fixed target.
_TARGETS = {
    "attributed": "above the F1 of the rule-based attribution flag on the same dev sentences",
    "frames": "0.10 above the macro-F1 of plain TF-IDF on the same dev sentences",
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _vectors_entry(path: Path) -> dict[str, Any]:
    """The manifest entry of the shipped word vectors (framing.models.vectors)."""
    from framing.models.vectors import load_vectors

    v = load_vectors(path)
    return {
        "task": "vectors",
        "unit": "word",
        "training_data": v.header.get("training_data"),
        "data_folder": "allsides",
        "licence": "Apache-2.0",
        "citation": "Baly, Da San Martino, Glass and Nakov (2020), EMNLP 2020",
        "ships": True,
        "decision": "Shipped. The AllSides article texts are Apache-2.0 (Baly et al. 2020), which allows "
        "redistributing derived works with the notice and attribution given here. Only the media split's train "
        "articles are read, so no dev (valid) or held-out article shaped the vectors.",
        "method": v.header.get("method"),
        "n_words": len(v.vocabulary),
        "dim": v.dim,
        "n_documents": v.header.get("n_documents"),
        "n_tokens": v.header.get("n_tokens"),
        "rebuild": "framing train vectors --data ../shared/data/allsides (deterministic: the same bytes again)",
        "file": path.name,
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
        "header_sha256": v.sha256,
    }


def write_manifest(folder: Path | None = None) -> Path:
    """Rewrite ``MANIFEST.json`` from the model files present in ``folder`` (the shipped-models folder)."""
    folder = folder or shipped_dir()
    entries: list[dict[str, Any]] = []
    for name, task in TASKS.items():
        path = folder / f"{name}.npz"
        e: dict[str, Any] = {
            "task": name,
            "unit": task.unit,
            "classes": list(task.classes),
            "training_data": task.dataset,
            "data_folder": task.folder,
            "licence": task.licence,
            "citation": task.citation,
            "ships": task.shippable,
            "decision": LICENCE_DECISIONS[name],
            "dev_split": task.dev_name,
            "target": {task.headline: task.target if task.target is not None else _TARGETS.get(name)},
        }
        if name == "lean":
            e["licence_allows_shipping"] = True
        if task.shippable:
            e["rebuild"] = f"python -m framing.models.build --data ../shared/data --task {name}"
            if path.is_file():
                m = load_model(path)
                if not m.meta.get("selection") and m.meta.get("settings"):
                    # trained before the settings were chosen by cross-validation: rebuild with its own settings
                    e["rebuild"] += " --settings '" + json.dumps(m.meta["settings"], sort_keys=True) + "'"
                    e["rebuild_note"] = SETTINGS_NOTE
                e.update(file=path.name, bytes=path.stat().st_size, sha256=_sha256(path),
                         trained=m.meta.get("trained"), settings=m.meta.get("settings"),
                         dev_metrics=m.meta.get("dev_metrics"))  # fmt: skip
                if m.meta.get("selection"):
                    e["selection"] = m.meta["selection"]
        else:
            e["train_locally"] = f"framing train {name} --data ../shared/data/{task.folder}"
        entries.append(e)
    vec = folder / "vectors.npz"
    if vec.is_file():
        entries.append(_vectors_entry(vec))
    out = folder / "MANIFEST.json"
    out.write_text(json.dumps({"format": "framing-models-manifest", "version": 1, "models": entries}, indent=2) + "\n",
                   encoding="utf-8")  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--task", action="append", choices=[n for n, t in TASKS.items() if t.shippable],
                        help="task(s) to rebuild (default: every shippable task)")  # fmt: skip
    parser.add_argument("--settings", type=json.loads, default=None,
                        help="train with exactly these settings (JSON, no search): a manifest entry's")  # fmt: skip
    args = parser.parse_args(argv)
    folder = shipped_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in args.task or [n for n, t in TASKS.items() if t.shippable]:
        cmd = f"python -m framing.models.build --data ../shared/data --task {name}"
        if args.settings is not None:
            cmd += " --settings '" + json.dumps(args.settings, sort_keys=True) + "'"
        model, info = train_task(name, args.data, command=cmd, settings=args.settings)
        path = save_model(model, folder / f"{name}.npz")
        print(f"{name}: dev {info['dev']['macro_f1']} macro-F1, {info['seconds']} s -> {path} "
              f"({path.stat().st_size / 1e6:.2f} MB)")  # fmt: skip
    print(f"wrote {write_manifest(folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

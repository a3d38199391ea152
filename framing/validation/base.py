"""Small result types shared by the evaluations."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["PRF", "EvalResult", "MacroPRF"]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class MacroPRF(PRF):
    """Macro-averaged precision / recall / F1 (``tp`` = correct items, ``fp`` = ``fn`` = errors)."""

    macro_precision: float = 0.0
    macro_recall: float = 0.0
    macro_f1: float = 0.0

    @property
    def precision(self) -> float:
        return self.macro_precision

    @property
    def recall(self) -> float:
        return self.macro_recall

    @property
    def f1(self) -> float:
        return self.macro_f1


@dataclass
class EvalResult:
    """One evaluation: a scorer against one annotated dataset split.

    Attributes:
        task: e.g. ``attribution.cue``, ``hedging.sentence``.
        dataset: Dataset name and split, e.g. ``PolNeAR dev (84 articles)``.
        scores: Named P/R/F1 results (the headline one first).
        extra: Other numbers worth reporting (baselines, counts, thresholds).
        target: Target F1 for the headline score, when the project set one.
        notes: What limits the numbers, what was tried; plain sentences.
    """

    task: str
    dataset: str
    scores: dict[str, PRF]
    extra: dict[str, Any] = field(default_factory=dict)
    target: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
            "extra": self.extra,
            "target": self.target,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EvalResult:
        """The inverse of :meth:`to_dict` (the derived precision, recall and F1 are recomputed from the counts)."""
        scores = {
            k: MacroPRF(v["tp"], v["fp"], v["fn"], v["macro_precision"], v["macro_recall"], v["macro_f1"])
            if "macro_f1" in v
            else PRF(v["tp"], v["fp"], v["fn"])
            for k, v in d["scores"].items()
        }
        return cls(
            d["task"], d["dataset"], scores, dict(d.get("extra") or {}), d.get("target"), list(d.get("notes") or [])
        )

    def to_markdown(self) -> str:
        lines = [f"### {self.task} — {self.dataset}", "", "| score | precision | recall | F1 | TP | FP | FN |",
                 "|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, s in self.scores.items():
            lines.append(
                f"| {name} | {s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | {s.tp:g} | {s.fp:g} | {s.fn:g} |"
            )
        if self.target is not None:
            head = next(iter(self.scores.values()))
            verdict = "met" if head.f1 >= self.target else "NOT met"
            lines += ["", f"Target F1 >= {self.target:.2f}: **{verdict}**."]
        if self.extra:
            lines += [""] + [f"- {k}: {v}" for k, v in self.extra.items()]
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"

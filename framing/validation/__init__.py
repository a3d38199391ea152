"""Validity measurements: each scorer against human annotations (dev portions only).

One module per task exposes ``evaluate(data_root: Path) -> EvalResult``; :mod:`framing.validation.report`
runs them all and writes ``reports/validation.md`` and ``reports/validation.json``.
"""

from framing.validation.base import PRF, EvalResult

__all__ = ["PRF", "EvalResult"]

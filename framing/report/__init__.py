"""Reports: self-contained HTML pages (figures embedded, no scripts, all article text escaped) and their CSV files."""

from framing.report.comparison import build_comparison_report
from framing.report.html import Figure, ReportSection, render_report

__all__ = ["Figure", "ReportSection", "build_comparison_report", "render_report"]

"""Outlets: the outlet table (who publishes what, owned by whom, each fact cited) and outlet detection.

Example:
    >>> table = load_outlet_table()
    >>> table.by_domain("https://sputnikglobe.com/2023/x.html").name
    'Sputnik'
"""

from framing.outlets.detect import OutletEvidence, detect_outlet
from framing.outlets.table import KINDS, OWNERSHIP_TYPES, Outlet, OutletTable, load_outlet_table, registered_domain

__all__ = [
    "KINDS", "OWNERSHIP_TYPES", "Outlet", "OutletEvidence", "OutletTable", "detect_outlet", "load_outlet_table",
    "registered_domain",
]  # fmt: skip

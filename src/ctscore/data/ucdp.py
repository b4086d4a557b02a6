"""The UCDP GED adapter's names, where they were before adapters had a package of their own
(``ctscore.adapters.ucdp`` documents the format)."""

from __future__ import annotations

from ctscore.adapters.ucdp import PRECISION_OF_DATE_PREC, is_hxl_row, ucdp_columns

__all__ = ["PRECISION_OF_DATE_PREC", "is_hxl_row", "ucdp_columns"]

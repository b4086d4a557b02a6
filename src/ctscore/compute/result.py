"""The tidy result table every indicator is computed into."""

from __future__ import annotations

import pandas as pd

TOTAL = "total"  # the `dimension` of rows that are not broken down
ALL = "All"  # their `dimension_value`
KEYS = ["indicator", "period", "dimension", "dimension_value"]
COLUMNS = [
    *KEYS,
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "rows",
    "partial",
    "zero_denominator",
    "small_count",
]


def empty_result() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})

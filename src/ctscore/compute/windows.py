"""Arrays of periods (rows: periods of the grid, in order): shifts and moving windows."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def shift(values: np.ndarray, lag: int, fill) -> np.ndarray:
    """Values ``lag`` periods earlier (``fill`` before the grid starts)."""
    out = np.full_like(values, fill)
    if lag < len(values):
        out[lag:] = values[: len(values) - lag]
    return out


def window_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum over the current and ``window - 1`` earlier periods; NaN unless all are present."""
    out = np.full(values.shape, np.nan)
    if len(values) >= window:
        out[window - 1 :] = sliding_window_view(values.astype("float64"), window, axis=0).sum(-1)
    return out


def window_any(flags: np.ndarray, window: int) -> np.ndarray:
    """Whether any of the current and ``window - 1`` earlier periods (those on the grid)
    is flagged."""
    padded = np.concatenate([np.zeros((window - 1, *flags.shape[1:]), dtype=bool), flags])
    return np.asarray(sliding_window_view(padded, window, axis=0).any(-1))


def window_rows(rows: np.ndarray, window: int) -> np.ndarray:
    """Rows summed over the current and ``window - 1`` earlier periods on the grid."""
    padded = np.concatenate([np.zeros((window - 1, *rows.shape[1:]), dtype="int64"), rows])
    return sliding_window_view(padded, window, axis=0).sum(-1)

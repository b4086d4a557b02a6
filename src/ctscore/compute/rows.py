"""Row measures: count, sum, mean, max, min and distinct count of one source's rows.

Work shared by many indicators is done once per source and kept for the whole compute
call: each row's period on the grid, its breakdown value, each distinct filter's mask, each
column's numbers, and every count and sum already made. Every row gets one integer key
(period x breakdown value) and each count or sum is one ``np.bincount`` over those keys: a
linear pass, no sorting, no per-indicator groupby. Totals of counts and sums are added up
from a breakdown already computed (every row is in exactly one breakdown value), so a run
with breakdowns reads the rows once per breakdown, not once more for the total.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
import pandas as pd
from typing_extensions import assert_never

from ctscore.compute.filters import filter_mask
from ctscore.compute.periods import Calendar
from ctscore.data.load import DATE, Table
from ctscore.expressions import divide
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import ColumnMeasure, CountMeasure
from ctscore.spec.sources import weight_column

MISSING = "(missing)"  # the breakdown value of rows whose dimension column is empty
_EXACT = 2**53  # whole numbers up to here are exact in float64
_LANES = 8  # rows go to 8 interleaved copies of each bin: no two neighbours hit the same one
_DENSE_DISTINCT = 1 << 26  # above this many (key, value) bins, count distinct by hashing


def column_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column's values (-1 for missing) and the values they stand for."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype("int64"), values.cat.categories
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype("int64"), pd.Index(uniques)


def _narrow_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """column_codes, keeping a categorical's own (int8) codes: no int64 copy per row."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    return column_codes(values)


def label(value) -> str:
    """A breakdown value as text: whole numbers without a decimal part, so the number 2 of
    a number column, the integer 2 and an allowed value written 2 are all '2'."""
    if isinstance(value, float | np.floating) and abs(value) < _EXACT and value == int(value):
        return str(int(value))
    return str(value)


def labels(values: pd.Series) -> pd.Series:
    """Each value of a column as its breakdown label; missing values stay missing."""
    codes, uniques = column_codes(values)
    text = np.array([*map(label, uniques), None], dtype=object)
    return pd.Series(text[codes], index=values.index, dtype="string")


def observed_values(values: pd.Series) -> tuple[set[str], bool]:
    """The distinct values present in a column, as labels, and whether some are missing."""
    codes, uniques = column_codes(values)
    seen = np.bincount(codes + 1, minlength=len(uniques) + 1)
    return {label(uniques[int(i)]) for i in np.flatnonzero(seen[1:])}, bool(seen[0])


def _key_type(bins: int) -> type:
    """int32 keys when the bins allow: half the memory per row (bincount widens them as it
    goes, a chunk at a time)."""
    return np.int32 if bins < 2**31 else np.int64


class _Keys:
    """Per row: 1 + period * groups + breakdown value, or 0 when the row is left out."""

    def __init__(self, keys: np.ndarray, groups: int, complete: bool):
        self.keys, self.groups, self.complete = keys, groups, complete

    @cached_property
    def laned(self) -> np.ndarray:
        """The keys spread over lanes, for bincount (bin // _LANES is the key)."""
        lanes = np.arange(len(self.keys), dtype=self.keys.dtype) & (_LANES - 1)
        return self.keys * _LANES + lanes


class SourceRows:
    """One source's rows placed on a period grid, with caches shared by its indicators."""

    def __init__(self, table: Table, calendar: Calendar, grid: pd.PeriodIndex):
        self.frame = table.frame
        self.periods = len(grid)
        self.period = calendar.positions(self.frame[DATE], grid).astype(np.int32)
        self._keys: dict[str | None, _Keys] = {}
        self._masks: dict[str, np.ndarray | None] = {}
        self._bins: dict[tuple, np.ndarray] = {}
        self._numbers: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
        self._codes: dict[str, tuple[np.ndarray, int]] = {}
        where = table.source.where
        self._weight = weight_column(table.source)
        self._where = None if where is None else filter_mask(self.frame, where)

    def keys(self, dimension: str | None, groups: list[str]) -> _Keys:
        if dimension not in self._keys:
            key_type = _key_type((1 + self.periods * len(groups)) * _LANES)
            if dimension is None:
                group: np.ndarray = np.zeros(len(self.frame), dtype=key_type)
            else:
                codes, uniques = _narrow_codes(self.frame[dimension])
                lookup = pd.Index(groups).get_indexer([*map(label, uniques), MISSING])
                # code -1 (missing) picks the last entry: MISSING
                group = lookup.astype(key_type)[codes]
            on_grid = self.period >= 0
            inside = on_grid & (group >= 0)
            keys: np.ndarray = self.period.astype(key_type)  # in place: one array a row
            keys *= len(groups)
            keys += group
            keys += 1
            keys[~inside] = 0
            complete = bool(inside.sum() == on_grid.sum())
            self._keys[dimension] = _Keys(keys, len(groups), complete)
        return self._keys[dimension]

    def measure(
        self, indicator: RowIndicator, dimension: str | None, groups: list[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(value, rows, known, events) of a row-measure indicator, each of shape (periods,
        groups): ``known`` counts the rows whose measured column has a value (all rows for a
        count), ``events`` the rows or, with a source ``weight``, the sum of its column.
        Count and sum of no rows are 0; mean, max and min of no rows are missing."""
        keys = self.keys(dimension, groups)
        filter_key, mask = self._mask(indicator)
        rows = self._count(("rows", filter_key), filter_key, keys, dimension, mask, None)
        measure = indicator.measure
        match measure:
            case CountMeasure():
                value, known = rows, rows
            case ColumnMeasure(kind="distinct_count"):
                value = self._distinct(keys, mask, measure.column)
                known = self._known(measure.column, filter_key, keys, dimension, mask)
            case ColumnMeasure():
                column = measure.column
                value = self._numeric(measure.kind, column, filter_key, keys, dimension, mask)
                known = self._known(column, filter_key, keys, dimension, mask)
            case _:
                assert_never(measure)
        shape = (self.periods, len(groups))
        value = value[1:].reshape(shape).astype("float64")
        events = rows if self._weight is None else self._events(filter_key, keys, dimension, mask)
        cells = (rows, known, events)
        return value, *(c[1:].reshape(shape).copy() for c in cells)

    def _events(self, filter_key, keys: _Keys, dimension, mask) -> np.ndarray:
        """Bins of the sum of the source's weight column (blank: 0) over the rows in mask."""
        assert self._weight is not None  # called only for a source with a weight
        weights, _ = self._floats(self._weight)
        stat = ("events", filter_key, self._weight)
        return self._count(stat, filter_key, keys, dimension, mask, weights)

    def _known(self, column, filter_key, keys: _Keys, dimension, mask) -> np.ndarray:
        """Bins of the rows in ``mask`` whose ``column`` has a value."""
        present = self.frame[column].notna().to_numpy()
        if present.all():
            return self._count(("rows", filter_key), filter_key, keys, dimension, mask, None)
        both = present if mask is None else mask & present
        stat = ("known", filter_key, column)
        return self._count(stat, (filter_key, column, "known"), keys, dimension, both, None)

    def present(self, dimension: str, groups: list[str]) -> np.ndarray:
        """Whether any row, whatever the indicators' filters, falls in each period (rows)
        and breakdown value (columns)."""
        keys = self.keys(dimension, groups)
        rows = self._count(("rows", ""), "", keys, dimension, None, None)
        return rows[1:].reshape(self.periods, len(groups)) > 0

    def _mask(self, indicator: RowIndicator) -> tuple[str, np.ndarray | None]:
        """The rows an indicator counts: its filter's, within the source's ``where``."""
        spec = indicator.filter
        key = "" if spec is None else spec.model_dump_json(by_alias=True)
        if key not in self._masks:
            mask = None if spec is None else filter_mask(self.frame, spec)
            if self._where is not None:
                mask = self._where if mask is None else mask & self._where
            self._masks[key] = mask
        return key, self._masks[key]

    def _count(self, stat: tuple, mask_key, keys: _Keys, dimension, mask, weights) -> np.ndarray:
        """Bins (key 0 first) of a count, or a sum of ``weights``, over the rows in ``mask``
        (all when None; ``mask_key`` names it). A total is added up from a breakdown."""

        def direct() -> np.ndarray:
            laned = keys.laned if mask is None else keys.laned * mask  # not kept: memory
            bins = (1 + self.periods * keys.groups) * _LANES
            counted = np.bincount(laned, weights=weights, minlength=bins)
            return counted.reshape(-1, _LANES).sum(axis=1)

        return self._cached(stat, dimension, direct)

    def _cached(self, stat: tuple, dimension, make: Callable[[], np.ndarray]) -> np.ndarray:
        if (stat, dimension) not in self._bins:
            added_up = self._from_breakdown(stat, dimension)
            self._bins[stat, dimension] = make() if added_up is None else added_up
        return self._bins[stat, dimension]

    def _from_breakdown(self, stat: tuple, dimension) -> np.ndarray | None:
        if dimension is not None:
            return None
        for (known, other), bins in self._bins.items():
            if known == stat and other is not None and self._keys[other].complete:
                cells = bins[1:].reshape(self.periods, self._keys[other].groups)
                return np.concatenate([bins[:1], cells.sum(axis=1)])
        return None

    def _floats(self, column: str) -> tuple[np.ndarray, np.ndarray | None]:
        """The column's numbers with missing values as 0 (float64, or the int64 column
        itself when none is missing: not copied), and where values are present (None when
        all are)."""
        if column not in self._numbers:
            series = self.frame[column]
            if series.dtype in ("int64", "int32"):
                self._numbers[column] = series.to_numpy(), None
                return self._numbers[column]
            if isinstance(series.dtype, np.dtype):
                values = np.asarray(series, dtype="float64")
            else:
                values = series.to_numpy(dtype="float64", na_value=np.nan)
            present = ~np.isnan(values)
            if present.all():
                self._numbers[column] = values, None
            else:
                self._numbers[column] = np.where(present, values, 0.0), present
        return self._numbers[column]

    def _numeric(self, kind, column, filter_key, keys: _Keys, dimension, mask) -> np.ndarray:
        values, present = self._floats(column)
        both = present if mask is None else mask if present is None else mask & present
        both_key = filter_key if present is None else (filter_key, column)
        total = self._count(("sum", filter_key, column), both_key, keys, dimension, both, values)
        if kind == "sum":
            return total
        stat = ("present", filter_key, column)
        counted = self._count(stat, both_key, keys, dimension, both, None)
        if kind == "mean":
            return divide(total, counted)
        chosen = keys.keys if both is None else keys.keys * both
        extreme = np.full(len(counted), -np.inf if kind == "max" else np.inf)
        (np.maximum if kind == "max" else np.minimum).at(extreme, chosen, values)
        return np.where(counted > 0, extreme, np.nan)

    def _distinct(self, keys: _Keys, mask, column: str) -> np.ndarray:
        if column not in self._codes:
            codes, uniques = _narrow_codes(self.frame[column])
            self._codes[column] = codes, max(len(uniques), 1)
        codes, width = self._codes[column]
        pairs = keys.keys.astype("int64")  # in place from here: one array a row
        if mask is not None:
            pairs *= mask
        pairs *= width
        pairs += codes
        pairs[codes < 0] = 0  # key 0 is dropped later
        bins = 1 + self.periods * keys.groups
        if bins * width <= _DENSE_DISTINCT:
            seen = np.bincount(pairs, minlength=bins * width).reshape(bins, width) > 0
            return seen.sum(axis=1)
        return np.bincount(pd.unique(pairs) // width, minlength=bins)

"""Apply a spec Filter to a DataFrame as a boolean numpy mask (vectorised, no eval).

Missing values never pass a test on their column (``eq``, ``ne``, ``lt``, ``in``,
``not_in``, ``between`` ...) except ``is_null: true``. The ``not`` combinator is the
plain opposite of the filter inside it, so ``not: {province: Punjab}`` keeps rows whose
province is missing; write ``province: {ne: Punjab}`` to leave those out.

Tests on a category column are worked out once per category and then looked up by the
rows' category codes, which is much faster than comparing every row's text.

A test that cannot apply (text compared with a number, a date column compared with text
that is not a date) raises :class:`FilterError` with its path inside the filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from ctscore.spec.filters import Condition, Filter


class FilterError(ValueError):
    """A test that cannot be applied to a column, e.g. ``gt: 5`` on a text column.
    ``path``: where the test is inside the filter, e.g. ``("any", 1, "date")``."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.message, self.path = message, path

    def within(self, *outer) -> FilterError:
        return FilterError(self.message, (*outer, *self.path))


def filter_mask(frame: pd.DataFrame, spec: Filter | None) -> np.ndarray:
    """True for the rows that pass every test of ``spec`` (all rows when there is none)."""
    mask = np.ones(len(frame), dtype=bool)
    if spec is None:
        return mask
    for column, test in spec.column_tests.items():
        if column not in frame:
            raise FilterError(f"the source has no column '{column}'", (column,))
        try:
            mask &= column_mask(frame[column], test)
        except FilterError as error:
            raise error.within(column) from None
    if spec.any_:
        either = np.zeros(len(frame), dtype=bool)
        for index, child in enumerate(spec.any_):
            either |= _child_mask(frame, child, "any", index)
        mask &= either
    for index, child in enumerate(spec.all_ or []):
        mask &= _child_mask(frame, child, "all", index)
    if spec.not_ is not None:
        mask &= ~_child_mask(frame, spec.not_, "not")
    return mask


def _child_mask(frame: pd.DataFrame, child: Filter, *where) -> np.ndarray:
    try:
        return filter_mask(frame, child)
    except FilterError as error:
        raise error.within(*where) from None


def column_mask(values: pd.Series, test) -> np.ndarray:
    """Rows of one column passing a test: a value, a list of values or a Condition."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        categories = pd.Series(values.cat.categories, name=values.name)
        by_category = np.append(_mask(categories, test), False)  # code -1 (missing) -> False
        if isinstance(test, Condition) and test.is_null is not None:
            by_category[-1] = test.is_null and len(test.model_fields_set) == 1
        return by_category[codes]
    return _mask(values, test)


def _mask(values: pd.Series, test) -> np.ndarray:
    if isinstance(test, Condition):
        return _condition_mask(values, test)
    return _isin(values, test if isinstance(test, list) else [test])


def _operators(values: pd.Series) -> dict[str, Callable]:
    present = values.notna().to_numpy()
    return {
        "eq": lambda v: _isin(values, [v]),
        "ne": lambda v: ~_isin(values, [v]) & present,
        "lt": lambda v: _compare(values, "__lt__", v),
        "lte": lambda v: _compare(values, "__le__", v),
        "gt": lambda v: _compare(values, "__gt__", v),
        "gte": lambda v: _compare(values, "__ge__", v),
        "in_": lambda v: _isin(values, v),
        "not_in": lambda v: ~_isin(values, v) & present,
        "between": lambda v: _compare(values, "__ge__", v[0]) & _compare(values, "__le__", v[1]),
        "is_null": lambda v: ~present if v else present,
        "contains": lambda v: _text(values, "contains").contains(v, regex=False),
        "starts_with": lambda v: _text(values, "starts_with").startswith(v),
        "matches": lambda v: _text(values, "matches").fullmatch(v),
    }


def _condition_mask(values: pd.Series, condition: Condition) -> np.ndarray:
    mask = np.ones(len(values), dtype=bool)
    operators = _operators(values)
    for name in condition.model_fields_set:
        mask &= _boolean(operators[name](getattr(condition, name)))
    return mask


def _text(values: pd.Series, test: str):
    """The ``.str`` accessor of a text column (``contains``, ``starts_with``, ``matches``)."""
    if not (pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)):
        raise FilterError(
            f"'{test}' tests text, and the column '{values.name}' holds {_kind(values)}"
        )
    return values.astype("string").str


def _isin(values: pd.Series, choices: list) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(values):
        choices = [_date(c) for c in choices]
    elif pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values):
        choices = [str(c) for c in choices]
    return _boolean(values.isin(choices))


def _compare(values: pd.Series, how: str, value) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(values):
        value = _date(value)
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = pd.Timestamp(value)
    try:
        return _boolean(getattr(values, how)(value))
    except (TypeError, ValueError) as error:
        raise FilterError(
            f"cannot compare the column '{values.name}' ({_kind(values)}) with {value!r}"
        ) from error


def _date(value) -> pd.Timestamp:
    """A date written in a filter: a YAML date, or text such as '2024-03-31'."""
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, str):
        try:
            return pd.Timestamp(dt.datetime.fromisoformat(value.strip()))
        except ValueError:
            pass
    raise FilterError(f"{value!r} is not a date; write dates as YYYY-MM-DD, e.g. 2024-03-18")


def _kind(values: pd.Series) -> str:
    if pd.api.types.is_datetime64_any_dtype(values):
        return "dates"
    if pd.api.types.is_bool_dtype(values):
        return "true/false"
    return "numbers" if pd.api.types.is_numeric_dtype(values) else "text"


def _boolean(result) -> np.ndarray:
    """A plain bool array; missing (NA) results count as False."""
    if isinstance(result, pd.Series):
        result = result.array
    if isinstance(result, pd.api.extensions.ExtensionArray):
        return result.to_numpy(dtype=bool, na_value=False)
    return np.asarray(result, dtype=bool)

"""Apply a spec Filter to a DataFrame as a boolean mask (vectorised, no eval)."""

from __future__ import annotations

import datetime as dt
from functools import reduce

import pandas as pd

from ctscore.spec.filters import Condition, Filter


def filter_mask(frame: pd.DataFrame, spec: Filter | None) -> pd.Series:
    """True for the rows that pass every test of ``spec`` (all rows when there is none)."""
    everything = pd.Series(True, index=frame.index)
    if spec is None:
        return everything
    masks = [_column_mask(frame[column], test) for column, test in spec.column_tests.items()]
    masks += (
        [reduce(lambda a, b: a | b, [filter_mask(frame, f) for f in spec.any_], ~everything)]
        if spec.any_
        else []
    )
    masks += [filter_mask(frame, f) for f in spec.all_ or []]
    masks += [~filter_mask(frame, spec.not_)] if spec.not_ is not None else []
    return reduce(lambda a, b: a & b, masks, everything)


def _column_mask(values: pd.Series, test) -> pd.Series:
    if isinstance(test, Condition):
        return _condition_mask(values, test)
    if isinstance(test, list):
        return _isin(values, test)
    return _isin(values, [test])


def _condition_mask(values: pd.Series, condition: Condition) -> pd.Series:
    mask = pd.Series(True, index=values.index)
    comparable = _comparable(values)
    operators = {
        "eq": lambda v: _isin(values, [v]),
        "ne": lambda v: ~_isin(values, [v]) & values.notna(),
        "lt": lambda v: comparable < _scalar(v),
        "lte": lambda v: comparable <= _scalar(v),
        "gt": lambda v: comparable > _scalar(v),
        "gte": lambda v: comparable >= _scalar(v),
        "in_": lambda v: _isin(values, v),
        "not_in": lambda v: ~_isin(values, v) & values.notna(),
        "between": lambda v: (comparable >= _scalar(v[0])) & (comparable <= _scalar(v[1])),
        "is_null": lambda v: values.isna() if v else values.notna(),
    }
    for name in condition.model_fields_set:
        mask &= operators[name](getattr(condition, name)).fillna(False).astype(bool)
    return mask


def _isin(values: pd.Series, choices: list) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        choices = [pd.Timestamp(c) for c in choices]
    elif isinstance(values.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(values):
        choices = [str(c) for c in choices]
    return values.isin(choices).fillna(False).astype(bool)


def _comparable(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype("string")
    return values


def _scalar(value):
    return pd.Timestamp(value) if isinstance(value, dt.date) else value

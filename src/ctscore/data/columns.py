"""Convert one raw column to its declared type and find every row that breaks a rule.

Checks are lazy: each returns the rows that fail, so a run reports all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ctscore.spec.sources import ColumnSpec

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_TYPE_WORDS = {
    "integer": "not a whole number",
    "number": "not a number",
    "boolean": "not true/false",
    "date": "not a date",
}


@dataclass(frozen=True)
class Failure:
    """Rows of one column that break one rule."""

    rule: str
    column: str
    mask: pd.Series
    problem: str
    hint: str = ""


def convert(name: str, spec: ColumnSpec, raw: pd.Series) -> tuple[pd.Series, list[Failure]]:
    """The typed column and the failures of its type, required, allowed, range and unique rules."""
    failures: list[Failure] = []
    if spec.required:
        failures.append(
            Failure(
                "required",
                name,
                raw.isna(),
                "is empty",
                "fill it in, or declare the column 'required: false'",
            )
        )
    if spec.recode:
        raw = raw.replace(spec.recode)
    values = _to_type(spec, raw)
    bad_type = raw.notna() & values.isna()
    if spec.type == "integer":
        bad_type |= values.notna() & (values % 1 != 0)
    if spec.type in _TYPE_WORDS:
        hint = f"expected format '{spec.format}'" if spec.type == "date" and spec.format else ""
        failures.append(Failure("type", name, bad_type, f"is {_TYPE_WORDS[spec.type]}", hint))
    present = values.notna()
    if spec.allowed is not None:
        allowed = ", ".join(map(str, spec.allowed))
        failures.append(
            Failure(
                "allowed",
                name,
                present & ~values.isin(spec.allowed),
                "is not an allowed value",
                f"allowed: {allowed}; fix the value or add a recode",
            )
        )
    if spec.min is not None:
        failures.append(
            Failure(
                "min", name, present & (values < spec.min), f"is below the minimum {spec.min:g}"
            )
        )
    if spec.max is not None:
        failures.append(
            Failure(
                "max", name, present & (values > spec.max), f"is above the maximum {spec.max:g}"
            )
        )
    if spec.unique:
        failures.append(
            Failure(
                "unique",
                name,
                present & values.duplicated(keep=False),
                "repeats a value that must be unique",
            )
        )
    return _final_dtype(spec, values), [f for f in failures if f.mask.any()]


def _to_type(spec: ColumnSpec, raw: pd.Series) -> pd.Series:
    if spec.type in ("integer", "number"):
        return pd.to_numeric(raw, errors="coerce").astype("float64")
    if spec.type == "date":
        if pd.api.types.is_datetime64_any_dtype(raw):
            return raw
        return pd.to_datetime(raw, format=spec.format or "ISO8601", errors="coerce")
    if spec.type == "boolean":
        if pd.api.types.is_bool_dtype(raw):
            return raw.astype("boolean")
        lowered = raw.astype("string").str.strip().str.lower()
        return lowered.map(lambda v: True if v in _TRUE else False if v in _FALSE else pd.NA)
    return raw.astype("string").str.strip().where(raw.notna())


def _final_dtype(spec: ColumnSpec, values: pd.Series) -> pd.Series:
    if spec.type == "integer":
        whole = values.where(values % 1 == 0)
        return whole.astype("Int64") if whole.isna().any() else whole.astype("int64")
    if spec.type == "category":
        return values.astype("category")
    if spec.type == "boolean":
        return values.astype("boolean")
    return values


def evaluate_expression(expression, frame: pd.DataFrame, spec: ColumnSpec) -> pd.Series:
    """A derived column computed from already-typed columns."""
    inputs = {name: frame[name].astype("float64") for name in expression.names}
    with np.errstate(all="ignore"):
        result = pd.Series(expression.evaluate(inputs), index=frame.index, dtype="float64")
    return _final_dtype(spec, result) if spec.type in ("integer", "number") else result

"""Convert one raw column to its declared type and find every row that breaks a rule.

Checks are lazy: each returns the rows that fail, so a run reports all of them. Text is
stripped, and a cell that is empty after stripping is missing. Recoding maps a cell's text
(after stripping) to the value ctscore uses, before the type and the rules are applied.
Derived columns (``expression``, ``classify``) obey the same rules through :func:`check`
(see ``ctscore.data.derive``).

``unique: true`` flags *every* row of a repeated value, the first copy too: ctscore cannot
tell which copy is right, so with ``on_error: drop`` all copies are left out and listed,
and none is counted.

Dates with a time zone: a timestamp written with an offset (``2024-03-31T23:00:00Z``,
``...+05:00``) is read as the date and time *as written*, and the offset is dropped; it
is not converted to UTC. A row's date is the day on the clock where the event happened:
converting ``2024-04-01T02:00+05:00`` to UTC would move an attack in Pakistan to 31 March,
and into the previous quarter. Rows with different offsets, or with and without one, may
be mixed in one column; each keeps its own date as written. Excel and Parquet date
columns with a time zone are read the same way: their local time, without the zone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ctscore.spec.sources import ColumnSpec

_BOOLEANS = {
    **dict.fromkeys(("true", "t", "yes", "y", "1"), True),
    **dict.fromkeys(("false", "f", "no", "n", "0"), False),
}
_NUMERIC = ("integer", "number")
VALUES_CHECKED = 50  # distinct values outside 'allowed' compared with the allowed ones
# Whole numbers are read exactly below 2**53 (float64): from there on two written values
# share one float (2**53 + 1 is read as 2**53), and past 2**63 int64 wraps round.
LARGEST_WHOLE = 2**53 - 1
# A time of day followed by a UTC offset: "23:00:00Z", "02:00+05:00", "10:15:30.5 -0430".
_OFFSET = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$")


@dataclass(frozen=True)
class Failure:
    """Rows of one column that break one rule, and the values to show for them."""

    rule: str
    column: str
    mask: pd.Series  # True for the rows that break the rule
    values: pd.Series  # what to show for each row: the value as written in the file
    problem: str
    hint: str = ""
    list_values: bool = False  # list the distinct offending values (to write recodes)


@dataclass(frozen=True)
class Wording:
    """What the required, type and allowed rules say about a column: (problem, hint)."""

    empty: tuple[str, str] = (
        "empty",
        "fill it in, or declare the column 'required: false' (a blank is then left out of "
        "sums and means, and reported; 'missing: zero' counts it as 0)",
    )
    type: tuple[str, str] = ("", "")
    allowed: str = "fix the value or add a recode"


def convert(name: str, spec: ColumnSpec, raw: pd.Series) -> tuple[pd.Series, list[Failure]]:
    """The typed column and the failures of its type, required, allowed, range and unique
    rules."""
    if spec.type == "integer" and raw.dtype in ("int64", "int32") and not too_large(raw).any():
        # Parsed while reading (ctscore.data.typed_read), no cell blank: whole numbers.
        nothing = pd.Series(np.zeros(len(raw), dtype=bool), index=raw.index)
        wording = Wording(type=_type_words(spec))
        return narrow(raw), check(name, spec, raw, raw, nothing, nothing, wording)
    values = _to_type(spec, raw)
    empty = _empty(raw)
    bad_type = ~empty & values.isna()
    out_of_range: list[Failure] = []
    if spec.type in _NUMERIC:
        values, out_of_range = _unusable_numbers(name, spec, values, raw)
    if spec.type == "integer":
        bad_type |= values.notna() & (values % 1 != 0)
    wording = Wording(type=_type_words(spec))
    failures = out_of_range + check(name, spec, values, raw, empty, bad_type, wording)
    return final_dtype(spec, values), failures


def _unusable_numbers(
    name: str, spec: ColumnSpec, values: pd.Series, raw: pd.Series
) -> tuple[pd.Series, list[Failure]]:
    """Infinite numbers, and whole numbers too large to count exactly, fail the type rule
    and are left out, so the min and max rules check only values that will be used."""
    infinite = pd.Series(np.isinf(values.to_numpy(dtype="float64", na_value=np.nan)), raw.index)
    failures = []
    if infinite.any():
        failures.append(Failure("type", name, infinite, raw, "not a finite number"))
    if spec.type == "integer":
        huge = ~infinite & too_large(values)
        if huge.any():
            failures.append(Failure("type", name, huge, raw, *TOO_LARGE))
        infinite |= huge
    return values.mask(infinite), failures


TOO_LARGE = (
    "too large to count exactly",
    f"whole numbers must lie between -{LARGEST_WHOLE:,} and {LARGEST_WHOLE:,}",
)


def too_large(values: pd.Series) -> pd.Series:
    """Whole numbers float64 cannot hold exactly (and int64 perhaps not at all)."""
    return (values.abs() > LARGEST_WHOLE).fillna(False).astype(bool)


def check(
    name: str,
    spec: ColumnSpec,
    values: pd.Series,
    shown: pd.Series,
    empty: pd.Series,
    bad_type: pd.Series,
    wording: Wording,
) -> list[Failure]:
    """The rows of typed ``values`` that break the column's rules; ``empty`` and
    ``bad_type`` say which rows have no value and which are not of the type, ``shown`` what
    to show for each row."""
    failures: list[Failure] = []

    def fail(rule: str, mask: pd.Series, problem: str, hint: str = "", **more) -> None:
        if mask.any():
            failures.append(Failure(rule, name, mask, shown, problem, hint, **more))

    if spec.required:
        fail("required", empty, *wording.empty)
    elif spec.missing == "error":
        fail("missing", empty, "empty", "fill it in; the column declares 'missing: error'")
    fail("type", bad_type, *wording.type)
    present = values.notna()
    if spec.allowed is not None:
        allowed = [str(a) for a in spec.allowed] if spec.type in ("text", "category") else None
        listed = ", ".join(map(str, spec.allowed))
        outside = present & ~values.isin(allowed or spec.allowed)
        fail(
            "allowed",
            outside,
            "not an allowed value",
            f"allowed: {listed}; {_close_to_allowed(values[outside], allowed or [])}"
            f"{wording.allowed}",
            list_values=True,
        )
    if spec.type in _NUMERIC and spec.min is not None:
        fail("min", present & (values < spec.min), f"below the minimum {spec.min:g}")
    if spec.type in _NUMERIC and spec.max is not None:
        fail("max", present & (values > spec.max), f"above the maximum {spec.max:g}")
    if spec.unique:
        repeated = present & _repeated(values)
        fail("unique", repeated, "repeated", "the column must be unique; every row is listed")
    return failures


def _repeated(values: pd.Series) -> pd.Series:
    """Every row of a value that occurs more than once; a strictly increasing column of
    numbers (row numbers, ids) has none, which one pass over it tells."""
    if values.dtype.kind in "iuf" and values.is_monotonic_increasing:
        array = values.to_numpy()
        if not (array[1:] == array[:-1]).any():
            return pd.Series(np.zeros(len(array), dtype=bool), index=values.index)
    return values.duplicated(keep=False)


def _close_to_allowed(outside: pd.Series, allowed: list) -> str:
    """``'Punjb' may be a typo of 'Punjab'; `` for values close to an allowed one."""
    if outside.empty:
        return ""
    choices = [str(a) for a in allowed]
    close = []
    for value in pd.unique(outside.astype("string"))[:VALUES_CHECKED]:
        match = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.8)
        if match:
            close.append(f"'{value}' may be a typo of '{match[0]}'")
    return "".join(f"{c}; " for c in close)


def _type_words(spec: ColumnSpec) -> tuple[str, str]:
    if spec.type == "date":
        if spec.format:
            return "not a date", f"expected format '{spec.format}'"
        return "not a date", "expected a date such as 2024-03-18, or give the column a 'format'"
    return {
        "integer": ("not a whole number", ""),
        "number": ("not a number", ""),
        "boolean": ("not true or false", "use true/false, yes/no or 1/0"),
    }.get(spec.type, ("", ""))


def _empty(raw: pd.Series) -> pd.Series:
    """Missing cells, and cells holding only spaces."""
    empty = raw.isna()
    if isinstance(raw.dtype, pd.CategoricalDtype):  # per distinct value, not per row
        labels = pd.Series(raw.cat.categories).astype("string").str.strip()
        blank = np.append((labels == "").fillna(False).to_numpy(dtype=bool), False)
        empty |= pd.Series(blank[raw.cat.codes.to_numpy()], index=raw.index)
    elif isinstance(raw.dtype, pd.StringDtype):
        empty |= (raw.str.strip() == "").fillna(False).astype(bool)
    elif pd.api.types.is_object_dtype(raw):
        empty |= (raw.astype("string").str.strip() == "").fillna(False).astype(bool)
    return empty


def _to_type(spec: ColumnSpec, raw: pd.Series) -> pd.Series:
    """Values of the declared type; missing where the cell is empty or not of the type."""
    if spec.type == "category":
        return _categories(raw, spec.recode)
    if spec.type == "text":
        return _text(raw, spec.recode)
    if spec.recode:
        raw = raw.where(_empty(raw), raw.astype("string").str.strip()).replace(spec.recode)
    if spec.type in _NUMERIC:
        return _numbers(raw)
    if spec.type == "date":
        return _dates(raw, spec.format)
    if pd.api.types.is_bool_dtype(raw):
        return raw.astype("boolean")
    text = raw.astype("string").str.strip().str.lower()
    return text.map(_BOOLEANS).astype("boolean")


def _numbers(raw: pd.Series) -> pd.Series:
    """float64 values; pyarrow parses a column of clean text about 20 times faster than
    pandas, which is asked only when some cell is not a number."""
    if isinstance(raw.dtype, pd.StringDtype):
        try:
            parsed = pc.cast(pa.array(raw.array), pa.float64())
            return pd.Series(parsed.to_numpy(zero_copy_only=False), index=raw.index)
        except (pa.ArrowException, TypeError, ValueError):
            pass
    if pd.api.types.is_bool_dtype(raw):
        return raw.astype("float64")
    return pd.to_numeric(raw, errors="coerce").astype("float64")


def _text(raw: pd.Series, recode: dict[str, str]) -> pd.Series:
    text = raw.astype("string").str.strip()
    text = text.where(text != "")
    return text.replace(recode) if recode else text


def _categories(raw: pd.Series, recode: dict[str, str]) -> pd.Series:
    """Stripping and recoding work on the distinct values, not on every row."""
    found = raw.astype("category")
    labels = pd.Series(found.cat.categories).astype("string").str.strip()
    labels = labels.where(labels != "")
    if recode:
        labels = labels.replace(recode)
    new_codes, categories = pd.factorize(labels)
    codes = found.cat.codes.to_numpy()
    codes = np.where(codes >= 0, new_codes[np.maximum(codes, 0)], -1) if len(labels) else codes
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=categories.astype(str)), index=raw.index
    )


def _dates(raw: pd.Series, format: str | None) -> pd.Series:
    """Dates and times as written: a UTC offset is dropped, not applied (module docstring)."""
    if pd.api.types.is_datetime64_any_dtype(raw):
        return _as_written(raw)
    try:
        return _as_written(pd.to_datetime(raw, format=format or "ISO8601", errors="coerce"))
    except ValueError:  # rows with different offsets, or with and without one
        pass
    if not format:  # ISO 8601: an offset ends the text, after the time of day
        text = raw.astype("string").str.strip().str.replace(_OFFSET, r"\1", regex=True)
        try:
            return _as_written(pd.to_datetime(text, format="ISO8601", errors="coerce"))
        except ValueError:
            pass
    distinct = {value: _date_as_written(value, format) for value in raw.dropna().unique()}
    return pd.to_datetime(raw.map(distinct), errors="coerce")


def _as_written(dates: pd.Series) -> pd.Series:
    return dates.dt.tz_localize(None) if getattr(dates.dt, "tz", None) else dates


def _date_as_written(value, format: str | None) -> pd.Timestamp:
    stamp = pd.to_datetime(value, format=format or "ISO8601", errors="coerce")
    return stamp.tz_localize(None) if getattr(stamp, "tzinfo", None) else stamp


def final_dtype(spec: ColumnSpec, values: pd.Series) -> pd.Series:
    if spec.type == "integer":
        whole = values.where(values % 1 == 0)
        return whole.astype("Int64") if whole.isna().any() else narrow(whole)
    return values


def narrow(whole: pd.Series) -> pd.Series:
    """Whole numbers without blanks as int32 when all fit, else int64: at ten million rows
    each int32 column saves 40 MB. Sums are taken in float64 (exact below 2**53) and
    expressions in float64, so nothing overflows."""
    if len(whole) == 0:
        return whole.astype("int64")
    low, high = whole.min(), whole.max()
    fits = low >= -(2**31) and high < 2**31
    return whole.astype("int32" if fits else "int64")

"""Give each row its date (``_date``) and how precisely that date is known
(``_date_precision``: day, week, month or year), from a date column or year/month/day columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.data.columns import Failure
from ctscore.spec.sources import DATE_PRECISIONS, DateParts, DateSpec

DATE = "_date"
DATE_END = "_date_end"  # the last day an event may have taken place (``end_column``)
PRECISION = "_date_precision"
PRECISIONS = DATE_PRECISIONS


def add_dates(date: DateSpec | None, frame: pd.DataFrame) -> list[Failure]:
    """Add ``_date`` and ``_date_precision`` to ``frame``; return the rows whose date is bad."""
    if date is None:
        return []
    failures: list[Failure] = []
    if date.column:
        frame[DATE] = frame[date.column]
        precision = np.zeros(len(frame), dtype="int8")  # day
    else:
        assert date.parts is not None  # a date gives a column or parts (spec validation)
        frame[DATE], precision, failure = _from_parts(date.parts, frame)
        failures += [failure] if failure else []
    if date.precision_column:
        given, unknown = _precision_codes(frame[date.precision_column])
        precision = np.where(given >= 0, given, precision)
        if unknown.any():
            failures.append(
                Failure(
                    "precision",
                    date.precision_column,
                    pd.Series(unknown, index=frame.index),
                    frame[date.precision_column],
                    "not a date precision",
                    "use day, week, month or year",
                    list_values=True,
                )
            )
    frame[PRECISION] = pd.Categorical.from_codes(precision, categories=pd.Index(PRECISIONS))
    if date.end_column:
        frame[DATE_END] = frame[date.end_column]
    return failures


def _precision_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's position in PRECISIONS (-1: missing or unknown), worked out once per
    distinct value; and which rows hold a value that is not a precision."""
    found = values.astype("category")
    names = pd.Series(found.cat.categories).astype("string").str.strip().str.lower()
    by_category = np.append(pd.Index(PRECISIONS).get_indexer(names.fillna("")), -1)
    codes = found.cat.codes.to_numpy()
    given = by_category[codes]  # code -1 (missing) picks the appended -1
    return given, (codes >= 0) & (given < 0)


def _from_parts(parts: DateParts, frame: pd.DataFrame):
    """Dates from year, month and day columns; a missing (or 0) day or month is unknown, and
    the date is then the first day of the month or year, with the precision saying so."""
    year = _number(frame[parts.year])
    month = _number(frame[parts.month]) if parts.month else _unknown(frame)
    day = _number(frame[parts.day]) if parts.day else _unknown(frame)
    known_month = month.notna() & (month != 0)
    known_day = known_month & day.notna() & (day != 0)
    dates = pd.to_datetime(
        pd.DataFrame(
            {"year": year, "month": month.where(known_month, 1), "day": day.where(known_day, 1)}
        ),
        errors="coerce",
    )
    day_, month_, year_ = (PRECISIONS.index(p) for p in ("day", "month", "year"))
    precision = np.where(known_day, day_, np.where(known_month, month_, year_)).astype("int8")
    bad = year.notna() & dates.isna()
    if not bad.any():
        return dates, precision, None
    shown = (
        _text(year)
        + "-"
        + (_text(month) if parts.month else "")
        + "-"
        + (_text(day) if parts.day else "")
    )
    column = parts.day or parts.month or parts.year
    named = "/".join(p for p in (parts.year, parts.month, parts.day) if p)
    return dates, precision, Failure("date", column, bad, shown, f"not a valid date ({named})")


def _number(values: pd.Series) -> pd.Series:
    return pd.Series(values.to_numpy(dtype="float64", na_value=np.nan), index=values.index)


def _unknown(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(np.nan, index=frame.index)


def _text(values: pd.Series) -> pd.Series:
    return values.astype("Int64").astype("string").fillna("")

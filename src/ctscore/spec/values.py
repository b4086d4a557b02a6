"""Does a value written in YAML fit the type of the column it is compared with?

YAML reads unquoted ``yes``, ``no``, ``on`` and ``off`` as true/false, ``007`` as the number
7 and ``2024`` as a number, not a year. Such a value never matches a text or date column,
so a filter silently keeps no rows. These rules catch that when the spec is loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

NUMERIC_TYPES = ("integer", "number")
TEXT_TYPES = ("text", "category")


def value_problem(value: Any, written: str | None, column: str, column_type: str) -> str | None:
    """Why ``value`` (written in YAML as ``written``) cannot match column ``column`` of type
    ``column_type``, or None when it fits."""
    shown = written if written is not None else str(value)
    if column_type in TEXT_TYPES:
        return None if isinstance(value, str) else _not_text(value, shown, column)
    if column_type in NUMERIC_TYPES:
        return None if _is_number(value) else _not_number(value, shown, column)
    if column_type == "date":
        return None if _is_date(value) else _not_date(value, shown, column)
    if column_type == "boolean" and not isinstance(value, bool):
        return (
            f"{_read_as(value, shown)}, but column '{column}' holds true/false; write true or "
            "false without quotes"
        )
    return None


def _not_text(value: Any, shown: str, column: str) -> str:
    return f"{_read_as(value, shown)}, but column '{column}' holds text; quote it: '{shown}'"


def _not_number(value: Any, shown: str, column: str) -> str:
    message = f"{_read_as(value, shown)}, but column '{column}' holds numbers"
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        message += f"; write it without quotes: {value.strip()}"
    return message


def _not_date(value: Any, shown: str, column: str) -> str:
    if isinstance(value, str):
        return f"'{value}' is not a date; write dates as YYYY-MM-DD, e.g. 2024-03-18"
    message = f"{_read_as(value, shown)}, but column '{column}' holds dates"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return message + f"; for the whole year write between: [{value}-01-01, {value}-12-31]"
    return message + "; write dates as YYYY-MM-DD, e.g. 2024-03-18"


def _read_as(value: Any, shown: str) -> str:
    """``'yes' is read as true``: how YAML understood what was written."""
    if isinstance(value, str):
        return f"'{value}' is text"
    if isinstance(value, bool):
        what = "true" if value else "false"
    elif isinstance(value, int | float):
        what = "a number"
    elif isinstance(value, dt.date):
        what = "a date"
    else:
        what = type(value).__name__
    return f"'{shown}' is read as {what}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_date(value: Any) -> bool:
    """A date, or text in ISO form (filters compare such text as a date)."""
    if isinstance(value, dt.date):
        return True
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            return False
        return True
    return False

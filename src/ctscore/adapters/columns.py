"""Short constructors for the column catalogues of adapters."""

from __future__ import annotations

from ctscore.spec.sources import ColumnSpec


def integer(description: str, required: bool = True, **rules) -> ColumnSpec:
    return ColumnSpec(type="integer", description=description, required=required, **rules)


def count(description: str, required: bool = True) -> ColumnSpec:
    return integer(description, required, min=0)


def number(description: str, required: bool = True, **rules) -> ColumnSpec:
    return ColumnSpec(type="number", description=description, required=required, **rules)


def category(description: str, required: bool = True, **rules) -> ColumnSpec:
    return ColumnSpec(type="category", description=description, required=required, **rules)


def text(description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(type="text", description=description, required=required)


def date(description: str, required: bool = True) -> ColumnSpec:
    # No fixed format: ISO 8601 with or without a time ("1990-10-04 00:00:00.000") is what
    # a date column without 'format' expects.
    return ColumnSpec(type="date", description=description, required=required)

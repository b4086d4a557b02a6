"""Rules on the values a spec compares columns with: they must fit the column's type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ctscore.errors import Diagnostic
from ctscore.spec.filters import Condition, Filter
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import columns_of
from ctscore.spec.values import value_problem

Diagnostics = Iterator[Diagnostic]
EMPTY_LIST = "an empty list keeps no rows; give at least one value"
_EMPTY = object()  # stands for an empty list of values in _values


def check_filter_values(spec: ProjectSpec) -> Diagnostics:
    """``{kind: yes}`` on a text column, ``{killed: "5"}``, ``{date: 2024}``, ``kind: []``."""
    for indicator in spec.row_indicators:
        source = spec.sources.get(indicator.source)
        if source is None or indicator.filter is None:
            continue
        columns = columns_of(source)
        for path, column, test in column_tests(indicator.filter, ("filter",)):
            if column not in columns:
                continue  # reported as an unknown column
            for value_path, value in _values(test, path):
                message: str | None = EMPTY_LIST
                if value is not _EMPTY:
                    written = spec.written("indicators", indicator.id, value_path)
                    message = value_problem(value, written, column, columns[column].type)
                if message:
                    yield spec.diagnostic("indicators", indicator.id, value_path, message)


def check_allowed_values(spec: ProjectSpec) -> Diagnostics:
    """``allowed: [yes, no]`` on a text column holds true and false, not 'yes' and 'no'."""
    for source in spec.sources.values():
        columns = columns_of(source)
        for name, declared in source.columns.items():
            for index, value in enumerate(declared.allowed or []):
                path = ("columns", name, "allowed", index)
                written = spec.written("sources", source.id, path)
                if message := value_problem(value, written, name, columns[name].type):
                    yield spec.diagnostic("sources", source.id, path, message)


def column_tests(spec: Filter, path: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """(path, column, test) for every column test of a filter, inside combinators too."""
    for column, test in spec.column_tests.items():
        yield (*path, column), column, test
    for name, children in (("all", spec.all_), ("any", spec.any_)):
        for index, child in enumerate(children or []):
            yield from column_tests(child, (*path, name, index))
    if spec.not_ is not None:
        yield from column_tests(spec.not_, (*path, "not"))


def _values(test: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    """(path, value) for each value a test compares its column with."""
    if isinstance(test, Condition):
        for name in sorted(test.model_fields_set - {"is_null"}):
            key = Condition.model_fields[name].alias or name
            yield from _values(getattr(test, name), (*path, key))
    elif isinstance(test, list | tuple):
        if not test and path[-1] != "not_in":
            yield path, _EMPTY
        for index, value in enumerate(test):
            yield (*path, index), value
    else:
        yield path, test


CHECKS = [check_filter_values, check_allowed_values]

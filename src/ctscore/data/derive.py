"""Derived columns: computed by an ``expression`` or by a codebook (``classify``), each
once the columns it needs are there, then held to the same rules as a column read from the
file (type, required, allowed, min/max, unique), row by row with the row's line.

A row that already broke a rule in a column it is derived from is not reported again for
the derived column: the problem, and its fix, is in the column it came from.
"""

from __future__ import annotations

import operator
from functools import reduce

import numpy as np
import pandas as pd

from ctscore.data.columns import TOO_LARGE, Failure, Wording, check, final_dtype, too_large
from ctscore.errors import Diagnostic, UserError
from ctscore.expressions import parse_expression
from ctscore.spec.diagnostics import shown_path
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import ColumnSpec, Source

_NUMBER_INPUTS = ("integer", "number", "boolean")  # what an expression may use


def inputs_of(column: ColumnSpec | None) -> set[str]:
    """The columns a derived column is computed from (none for a column read from the file)."""
    if column is None:
        return set()
    if column.classify:
        return {column.classify.column}
    if column.expression:
        return set(parse_expression(column.expression).names)
    return set()


def derive(
    spec: ProjectSpec,
    source: Source,
    columns: dict[str, ColumnSpec],
    frame: pd.DataFrame,
    failures: list[Failure],
) -> list[Failure]:
    """Add the derived columns to ``frame``; return the rows that break their rules, except
    rows whose inputs already broke one (``failures`` holds those of the columns read)."""
    broken: dict[str, pd.Series] = {}  # per column: the rows that broke one of its rules
    for failure in failures:
        broken[failure.column] = broken.get(failure.column, False) | failure.mask
    pending = {name: column for name, column in columns.items() if column.derived}
    derived: list[Failure] = []
    while pending:
        ready = [name for name, column in pending.items() if inputs_of(column) <= set(frame)]
        if not ready:
            raise UserError([_at(spec, source, ("columns", next(iter(pending))), _circle(pending))])
        for name in ready:
            column = pending.pop(name)
            inherited = pd.Series(False, index=frame.index)
            for used in inputs_of(column):
                inherited |= broken.get(used, False)
            found = _derive_column(spec, source, (name, column), columns, frame, inherited)
            broken[name] = reduce(operator.or_, (failure.mask for failure in found), inherited)
            derived += found
    return derived


def _derive_column(spec, source, named, columns, frame, inherited) -> list[Failure]:
    """Add one derived column; its failures, leaving out the ``inherited`` rows."""
    name, column = named
    if column.expression:
        _check_numeric(spec, source, name, column, columns)
        found = _expression(name, column, frame)
    else:
        found = _classify(spec, name, column, frame)
    found = [_unless(failure, inherited) for failure in found]
    return [failure for failure in found if failure.mask.any()]


def _unless(failure: Failure, bad: pd.Series) -> Failure:
    return Failure(**{**vars(failure), "mask": failure.mask & ~bad})


def _expression(name: str, column: ColumnSpec, frame: pd.DataFrame) -> list[Failure]:
    """Compute the column from already-typed numeric columns, and check its rules."""
    assert column.expression is not None  # called for expression columns only
    expression = parse_expression(column.expression)
    inputs = {
        used: pd.Series(frame[used].to_numpy(dtype="float64", na_value=np.nan), index=frame.index)
        for used in expression.names
    }
    with np.errstate(all="ignore"):
        result = pd.Series(expression.evaluate(inputs), index=frame.index, dtype="float64")
    infinite = pd.Series(np.isinf(result.to_numpy()), index=frame.index)
    huge = too_large(result.where(~infinite)) & (column.type == "integer")
    finite = result.where(~infinite & ~huge)
    fraction = finite.notna() & (finite % 1 != 0)
    fraction &= column.type == "integer"
    written = f"'{column.expression}'"
    wording = Wording(
        empty=(
            "no value",
            f"{written} has no value where a column it uses is empty or it divides by zero; "
            "declare the column 'required: false' to allow that",
        ),
        type=(
            "not a whole number",
            f"{written} gives fractions; declare the column 'type: number'",
        ),
        allowed="the values come from the expression: fix it or 'allowed'",
    )
    failures = check(name, column, finite, result, result.isna(), fraction, wording)
    if infinite.any():
        hint = f"{written} is infinite in these rows: a number it uses is too large"
        failures.append(Failure("type", name, infinite, result, "not a finite number", hint))
    if huge.any():
        failures.append(Failure("type", name, huge, result, *TOO_LARGE))
    frame[name] = final_dtype(column, finite)
    return failures


def _classify(spec: ProjectSpec, name: str, column: ColumnSpec, frame: pd.DataFrame):
    """Look each value up in the codebook; report values in no category, then the rules."""
    assert column.classify is not None  # called for classified columns only
    codebook = spec.codebooks[column.classify.codebook]
    used = column.classify.column
    frame[name] = classified = _looked_up(frame[used], codebook.lookup())
    unmatched = frame[used].notna() & classified.isna()
    failures = []
    if unmatched.any():
        failures.append(
            Failure(
                "codebook",
                used,
                unmatched,
                frame[used].astype("string"),
                f"in no category of codebook '{codebook.id}' (version {codebook.version})",
                "add the value to the codebook",
                list_values=True,
            )
        )
    wording = Wording(
        empty=(
            "no value",
            f"'{used}' is empty in these rows; declare the column 'required: false' to allow that",
        ),
        allowed=f"the values are the categories of codebook '{codebook.id}': fix 'allowed' "
        "or the codebook",
    )
    empty = classified.isna() & ~unmatched
    nothing = pd.Series(False, index=frame.index)
    return failures + check(name, column, classified, classified, empty, nothing, wording)


def _looked_up(values: pd.Series, lookup: dict) -> pd.Series:
    """Each value's category, as a categorical; a categorical column is looked up once per
    distinct value, not per row."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype("string").map(lookup).astype("category")
    found = pd.Series(values.cat.categories.astype("string")).map(lookup)
    new_codes, categories = pd.factorize(found, sort=True)  # sorted, as astype("category")
    codes = values.cat.codes.to_numpy()
    codes = np.where(codes >= 0, new_codes[np.maximum(codes, 0)], -1) if len(found) else codes
    categorical = pd.Categorical.from_codes(codes, categories=categories.astype(str))
    return pd.Series(categorical, index=values.index).cat.remove_unused_categories()


def _circle(pending: dict[str, ColumnSpec]) -> str:
    names = ", ".join(f"'{name}'" for name in pending)
    return f"the derived columns {names} are computed from each other in a circle"


def _check_numeric(spec, source, name: str, column: ColumnSpec, columns) -> None:
    assert column.expression is not None  # called for expression columns only
    wrong = [
        used
        for used in sorted(parse_expression(column.expression).names)
        if columns[used].type not in _NUMBER_INPUTS
    ]
    if wrong:
        types = ", ".join(f"'{used}' is {columns[used].type}" for used in wrong)
        message = f"an expression needs number columns, but {types}"
        raise UserError([_at(spec, source, ("columns", name, "expression"), message)])


def _at(spec: ProjectSpec, source: Source, path: tuple, message: str) -> Diagnostic:
    """A problem with the source's declaration, located in its YAML file when known."""
    origin = spec.origins.get(("sources", source.id))
    if origin is None:
        return Diagnostic(source.id, message=message)
    full = (*origin.path, *path)
    return origin.doc.diagnostic(full, message, shown_path(origin.doc.data, full))

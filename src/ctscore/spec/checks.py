"""Rules that look across files: one rule per function, each yielding diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ctscore.errors import Diagnostic, did_you_mean
from ctscore.expressions import ExpressionError, parse_expression
from ctscore.spec import (
    evaluation_checks,
    indicator_test_checks,
    side_by_side,
    type_checks,
    value_checks,
)
from ctscore.spec.graph import dimensions_of, find_cycle, on_cycles, references
from ctscore.spec.measures import ColumnMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import columns_of

Diagnostics = Iterator[Diagnostic]


def _key_path(node: Any, key: str, path: tuple = ()) -> tuple | None:
    """Path of the first mapping key ``key`` inside ``node`` (depth first)."""
    children: Iterable[tuple[Any, Any]]
    if isinstance(node, dict):
        if key in node:
            return (*path, key)
        children = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return None
    for name, child in children:
        found = _key_path(child, key, (*path, name))
        if found:
            return found
    return None


def check_indicator_sources(spec: ProjectSpec) -> Diagnostics:
    for indicator in spec.row_indicators:
        if message := spec.unknown_reference("sources", indicator.source, "source"):
            yield spec.diagnostic("indicators", indicator.id, ("source",), message)


def check_indicator_columns(spec: ProjectSpec) -> Diagnostics:
    """Filters, measures and dimensions may only name columns their source declares."""
    for indicator in spec.row_indicators:
        source = spec.sources.get(indicator.source)
        if source is None:
            continue
        declared = columns_of(source)
        used: list[tuple[tuple, str]] = []
        if indicator.filter is not None:
            raw_filter = spec.declared("indicators", indicator.id, ("filter",))
            for column in sorted(indicator.filter.columns()):
                path = _key_path(raw_filter, column) or ()
                used.append((("filter", *path), column))
        if isinstance(indicator.measure, ColumnMeasure):
            used.append((("measure", "column"), indicator.measure.column))
        used += [(("dimensions", i), name) for i, name in enumerate(indicator.dimensions)]
        for path, column in used:
            if column not in declared:
                message = f"unknown column '{column}'{did_you_mean(column, declared)}"
                yield spec.diagnostic(
                    "indicators",
                    indicator.id,
                    path,
                    message + f" (source '{source.id}' declares: {', '.join(declared)})",
                )


def check_indicator_references(spec: ProjectSpec) -> Diagnostics:
    for indicator in spec.indicators.values():
        for path, ref in references(indicator):
            if message := spec.unknown_reference("indicators", ref, "indicator"):
                yield spec.diagnostic("indicators", indicator.id, path, message)


def check_indicator_cycles(spec: ProjectSpec) -> Diagnostics:
    cyclic = on_cycles(spec.indicators)
    for indicator in spec.indicators.values():
        cycle = find_cycle(spec.indicators, indicator.id) if indicator.id in cyclic else None
        if cycle:
            yield spec.diagnostic(
                "indicators",
                indicator.id,
                ("measure",),
                "indicators refer to each other in a circle: " + " -> ".join(cycle),
            )


def check_derived_expressions(spec: ProjectSpec) -> Diagnostics:
    for indicator in spec.indicators.values():
        if indicator.measure.kind == "derived":
            try:
                parse_expression(indicator.measure.expression)
            except ExpressionError as error:
                yield spec.diagnostic(
                    "indicators", indicator.id, ("measure", "expression"), error.message
                )


def check_rate_populations(spec: ProjectSpec) -> Diagnostics:
    for indicator in spec.indicators.values():
        measure = indicator.measure
        if measure.kind != "rate":
            continue
        if message := spec.unknown_reference("sources", measure.population, "source"):
            yield spec.diagnostic("indicators", indicator.id, ("measure", "population"), message)
            continue
        declared = (
            columns_of(spec.sources[measure.population])
            if measure.population in spec.sources
            else {}
        )
        for field in ("population_column", "year_column"):
            column = getattr(measure, field)
            if declared and column not in declared:
                yield spec.diagnostic(
                    "indicators",
                    indicator.id,
                    ("measure", field),
                    f"source '{measure.population}' has no column '{column}'"
                    + did_you_mean(column, declared),
                )


def check_source_columns(spec: ProjectSpec) -> Diagnostics:
    """Date, precision, expression and codebook columns must be declared."""
    for source in spec.sources.values():
        declared = columns_of(source)
        for path, column in _source_column_uses(source):
            if column not in declared:
                yield spec.diagnostic(
                    "sources",
                    source.id,
                    path,
                    f"unknown column '{column}'{did_you_mean(column, declared)}",
                )


def _source_column_uses(source) -> list[tuple[tuple, str]]:
    uses: list[tuple[tuple, str]] = []
    if source.date:
        if source.date.column:
            uses.append((("date", "column"), source.date.column))
        if source.date.parts:
            for part in ("year", "month", "day"):
                if column := getattr(source.date.parts, part):
                    uses.append((("date", "parts", part), column))
        if source.date.precision_column:
            uses.append((("date", "precision_column"), source.date.precision_column))
        if source.date.end_column:
            uses.append((("date", "end_column"), source.date.end_column))
    if source.where is not None:
        uses += [(("where",), column) for column in sorted(source.where.columns())]
    if source.weight is not None:
        uses.append((("weight",), source.weight))
    for name, column in source.columns.items():
        if column.classify:
            uses.append((("columns", name, "classify", "column"), column.classify.column))
        if column.expression:
            try:
                names = parse_expression(column.expression).names
            except ExpressionError:
                continue
            uses += [(("columns", name, "expression"), used) for used in sorted(names)]
    return uses


def check_column_expressions(spec: ProjectSpec) -> Diagnostics:
    for source in spec.sources.values():
        for name, column in source.columns.items():
            if column.expression:
                try:
                    parse_expression(column.expression)
                except ExpressionError as error:
                    yield spec.diagnostic(
                        "sources", source.id, ("columns", name, "expression"), error.message
                    )


def check_codebooks(spec: ProjectSpec) -> Diagnostics:
    for source in spec.sources.values():
        for name, column in source.columns.items():
            if column.classify and (
                message := spec.unknown_reference("codebooks", column.classify.codebook, "codebook")
            ):
                yield spec.diagnostic(
                    "sources", source.id, ("columns", name, "classify", "codebook"), message
                )


def check_source_files(spec: ProjectSpec) -> Diagnostics:
    for source in spec.sources.values():
        path = spec.path(source.file)
        if path.is_dir():
            message = f"'{source.file}' is a folder, not a file; give the path of the data file"
        elif not path.is_file():
            message = (
                f"file not found: {source.file} (paths are relative to the project "
                f"folder {spec.root})"
            )
        else:
            continue
        yield spec.diagnostic("sources", source.id, ("file",), message)


def check_scorecard_indicators(spec: ProjectSpec) -> Diagnostics:
    columns = {source_id: columns_of(source) for source_id, source in spec.sources.items()}
    for card in spec.scorecards.values():
        for s_index, section in enumerate(card.sections):
            for e_index, entry in enumerate(section.indicators):
                ref = entry if isinstance(entry, str) else entry.indicator
                path = ("sections", s_index, "indicators", e_index)
                if message := spec.unknown_reference("indicators", ref, "indicator"):
                    yield spec.diagnostic("scorecards", card.id, path, message)
                elif _rests_on_a_problem(spec, ref):
                    continue  # the problem is reported where it is, once
                elif card.breakdown and card.breakdown not in dimensions_of(
                    spec.indicators, ref, columns
                ):
                    yield spec.diagnostic(
                        "scorecards", card.id, path, _no_breakdown(spec, ref, card)
                    )


def _rests_on_a_problem(spec: ProjectSpec, indicator_id: str, seen: frozenset = frozenset()):
    """Whether an indicator, or one it is computed from, is broken, undeclared, on a cycle
    or has an expression that does not parse: checks of what depends on it say nothing."""
    indicator = spec.indicators.get(indicator_id)
    if indicator is None or indicator_id in seen:
        return True
    if indicator.measure.kind == "derived" and _expression_error(indicator.measure.expression):
        return True
    return any(
        _rests_on_a_problem(spec, ref, seen | {indicator_id}) for _, ref in references(indicator)
    )


def _expression_error(expression: str) -> bool:
    try:
        parse_expression(expression)
    except ExpressionError:
        return True
    return False


def _no_breakdown(spec: ProjectSpec, ref: str, card) -> str:
    message = f"indicator '{ref}' cannot be broken down by '{card.breakdown}'; "
    if card.breakdown in dimensions_of(spec.indicators, ref):
        return message + "its population source has no such column"
    return message + "add it to the dimensions of the indicators it is computed from"


def check_scorecard_events(spec: ProjectSpec) -> Diagnostics:
    for card in spec.scorecards.values():
        window = card.baseline.before_event if card.baseline else None
        if window and (
            message := spec.unknown_reference("policy_events", window.event, "policy event")
        ):
            yield spec.diagnostic(
                "scorecards", card.id, ("baseline", "before_event", "event"), message
            )


# In the order they run (their diagnostics are listed in this order).
ALL_CHECKS = [
    check_indicator_sources,
    check_indicator_columns,
    check_indicator_references,
    check_indicator_cycles,
    check_derived_expressions,
    check_rate_populations,
    check_source_columns,
    check_column_expressions,
    check_codebooks,
    check_source_files,
    check_scorecard_indicators,
    check_scorecard_events,
    *evaluation_checks.CHECKS,
    *type_checks.CHECKS,
    *value_checks.CHECKS,
    *side_by_side.CHECKS,
    *indicator_test_checks.CHECKS,
]

"""What a compute call covers: which indicators, over which periods, broken down by what.

The period grid and the breakdown values are those of the whole project, not of the
indicators requested, so an indicator's results never depend on what else was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ctscore.compute.rows import MISSING, label, observed_values
from ctscore.data.load import LoadedData, Table
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.spec.graph import dimensions_of, evaluation_order, references
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import RateMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import columns_of


def with_dependencies(spec: ProjectSpec, ids: Iterable[str]) -> list[str]:
    """``ids`` and every indicator they are computed from, in evaluation order."""
    ids = list(ids)
    unknown = [i for i in ids if i not in spec.indicators]
    if unknown:
        raise UserError(
            Diagnostic(
                "ctscore",
                message=f"unknown indicator '{i}'{did_you_mean(i, spec.indicators)}",
            )
            for i in unknown
        )
    needed, stack = set(), list(ids)
    while stack:
        current = stack.pop()
        if current not in needed:
            needed.add(current)
            stack += [ref for _, ref in references(spec.indicators[current])]
    return [i for i in evaluation_order(spec.indicators) if i in needed]


def row_sources(spec: ProjectSpec, ids: Iterable[str] | None = None) -> list[str]:
    """Sources aggregated by the row-measure indicators among ``ids`` (default: all)."""
    chosen = spec.indicators if ids is None else ids
    return sorted({row.source for i in chosen if (row := spec.row_indicator(i)) is not None})


def source_coverage(table: Table) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days a source covers: declared, else its earliest to its latest date (None for a
    source without dates, or without any dated row and no declared coverage)."""
    if not table.has_dates:
        return None
    observed = table.coverage
    declared = (table.source.coverage_start, table.source.coverage_end)
    if declared[0] is not None and declared[1] is not None:
        return pd.Timestamp(declared[0]), pd.Timestamp(declared[1])
    if observed is None:
        return None
    start = pd.Timestamp(declared[0]) if declared[0] else observed[0]
    end = pd.Timestamp(declared[1]) if declared[1] else observed[1]
    return start, end


def coverage_gaps(table: Table) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The spans inside its coverage that the source's published dataset does not cover."""
    from ctscore.adapters import adapter_of

    gaps = adapter_of(table.source.kind).gaps
    return [(pd.Timestamp(start), pd.Timestamp(end)) for start, end in gaps]


def project_range(spec: ProjectSpec, data: LoadedData) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """From the earliest to the latest day covered by any dated source indicators count rows
    of (None when there is none). Sources without dates are left out: an indicator counting
    one is refused where it is asked for (see ``checks``), not in every compute."""
    spans = [
        span
        for source_id in row_sources(spec)
        if source_id in data.tables and (span := source_coverage(data.tables[source_id]))
    ]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def breakable(spec: ProjectSpec, data: LoadedData, ind_id: str, dimension: str | None) -> bool:
    """Whether an indicator can be broken down by ``dimension``: a row measure declares it;
    a rate also needs it in its population source; others need it in all their inputs."""
    if dimension is None:
        return True
    indicator = spec.indicators[ind_id]
    if isinstance(indicator, RowIndicator):
        return dimension in indicator.dimensions
    if dimension not in dimensions_of(spec.indicators, ind_id):
        return False
    measure = indicator.measure
    if isinstance(measure, RateMeasure):
        population = data.tables.get(measure.population)
        if population is None or dimension not in population.frame:
            return False
    return all(breakable(spec, data, ref, dimension) for _, ref in references(indicator))


def check_breakdowns(spec: ProjectSpec, data: LoadedData, ids: list[str], by: list[str]):
    """Each breakdown must apply to at least one requested indicator."""
    declared = sorted(set().union(*(dimensions_of(spec.indicators, i) for i in ids)))
    available = [d for d in declared if any(breakable(spec, data, i, d) for i in ids)]
    errors = [
        Diagnostic(
            "ctscore",
            message=f"no indicator asked for can be broken down by '{d}'; "
            f"dimensions available: {', '.join(available) or 'none'}",
        )
        for d in by
        if d not in available
    ]
    if errors:
        raise UserError(errors)


def breakdown_values(spec: ProjectSpec, data: LoadedData, dimension: str) -> list[str]:
    """Every value of ``dimension`` in the sources of the indicators declaring it, and those
    the sources allow: a breakdown value with no rows in a period still gets its zero.
    Rows with an empty dimension form the value '(missing)'."""
    values: set[str] = set()
    for source_id in sorted({i.source for i in spec.row_indicators if dimension in i.dimensions}):
        table = data.tables.get(source_id)
        if table is None or dimension not in table.frame:
            continue
        seen, missing = observed_values(table.frame[dimension])
        values |= seen | ({MISSING} if missing else set())
        column = columns_of(table.source).get(dimension)
        values |= {label(v) for v in (column.allowed or [])} if column else set()
    return sorted(values)

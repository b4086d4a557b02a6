"""A scorecard's region: keep only the rows of one breakdown value (e.g. one province).

The region is selected from the data as the first step of computing a scorecard, so
that every kind of measure (ratios, rates against the region's own population, rolling
sums, composites) and any further breakdown (e.g. by district within the province) is
computed on the region's rows alone. Each source keeps the coverage of the whole file:
a province with no events late in a quarter must not make that quarter look incomplete.
"""

from __future__ import annotations

import dataclasses

from ctscore.compute.located import scorecard_error
from ctscore.compute.scope import row_sources, with_dependencies
from ctscore.data import LoadedData
from ctscore.data.load import Table
from ctscore.errors import did_you_mean
from ctscore.spec.graph import dimensions_of
from ctscore.spec.measures import RateMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Region, Scorecard


def select_region(spec: ProjectSpec, data: LoadedData, card: Scorecard) -> LoadedData:
    """The data the scorecard reports on: everything, or only its region's rows."""
    region = card.region
    if region is None:
        return data
    _check_dimension(spec, card, region)
    needed = _sources_behind(spec, [entry.indicator for entry in card.entries()])
    lacking = sorted(s for s in needed if region.dimension not in data.tables[s].frame)
    if lacking:
        raise scorecard_error(
            spec,
            card,
            ("region", "dimension"),
            f"source '{lacking[0]}' has no column '{region.dimension}' to select the region by",
        )
    tables = {
        source_id: _only(table, region) if source_id in needed else table
        for source_id, table in data.tables.items()
    }
    if not any(len(tables[s].frame) for s in needed):
        seen = sorted(
            {str(v) for s in needed for v in data.tables[s].frame[region.dimension].dropna()}
        )
        raise scorecard_error(
            spec,
            card,
            ("region", "value"),
            f"no rows have {region.dimension} '{region.value}'"
            + (
                f"{did_you_mean(region.value, seen)}; values in the data: {', '.join(seen)}"
                if seen
                else f"; the data of {', '.join(needed)} has no rows"
            ),
        )
    return dataclasses.replace(data, tables=tables)


def _check_dimension(spec: ProjectSpec, card: Scorecard, region: Region) -> None:
    for entry in card.entries():
        if region.dimension not in dimensions_of(spec.indicators, entry.indicator):
            raise scorecard_error(
                spec,
                card,
                ("region", "dimension"),
                f"indicator '{entry.indicator}' cannot be broken down by "
                f"'{region.dimension}'; add it to the indicator's dimensions",
            )


def _sources_behind(spec: ProjectSpec, ids: list[str]) -> set[str]:
    """Every source the indicators read, populations of rates included."""
    needed = with_dependencies(spec, ids)
    measures = [spec.indicators[i].measure for i in needed]
    populations = {m.population for m in measures if isinstance(m, RateMeasure)}
    return set(row_sources(spec, needed)) | populations


def _only(table: Table, region: Region) -> Table:
    frame = table.frame
    keep = frame[region.dimension].astype("string") == region.value
    source = table.source
    coverage = table.coverage
    if coverage is not None:
        # Freeze the whole file's coverage: the region's first and last rows do not bound it.
        source = source.model_copy(
            update={
                "coverage_start": source.coverage_start or coverage[0].date(),
                "coverage_end": source.coverage_end or coverage[1].date(),
            }
        )
    return dataclasses.replace(table, frame=frame[keep.fillna(False)], source=source)

"""The UCDP Georeferenced Event Dataset (GED) as a built-in source type, ``kind: ucdp_ged``.

Point a source at the GED CSV, as UCDP (ucdp.uu.se) or HDX publish it, and its columns come
typed and named (ctscore's names are UCDP's). HDX's copy has a second row of HXL hashtags
(``#date+year``, ...); it is detected and skipped, UCDP's own download has none. Rows are
dated by ``date_start`` and get a ``date_precision`` column read from ``date_prec``:

====================  ===================================  ==============
``date_prec``         UCDP's meaning                       date_precision
====================  ===================================  ==============
1                     exact day known                      day
2                     within a span of 2-6 days            day
3                     within a week                        day
4                     within a month (8-30 days)           month
5                     within a year, or longer             year
====================  ===================================  ==============

Why 1-3 count as "day": the smallest period ctscore reports is a month, and an event known
to within a week is placed by ``date_start`` in the right month except when its week
straddles a month's end; calling those "month" would flag nearly every period as uncertain
for a few events. Code 4 means the month (or a month-long span) is known, code 5 only the
year: a quarter's count that includes such events is uncertain, and reports say so.

Only the columns a project uses are read: the event ``id``, the columns indicators filter,
measure or break down by, the date columns, and the columns a source declares or derives
from.
"""

from __future__ import annotations

from ctscore.data.derive import inputs_of
from ctscore.spec.graph import dimensions_of
from ctscore.spec.indicators import Indicator
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import ColumnSpec, Source, columns_of, date_spec
from ctscore.spec.ucdp_catalogue import PRECISION_OF_DATE_PREC, ucdp_columns

# The catalogue lives in the spec layer (a spec needs it to know a source's columns).
__all__ = ["PRECISION_OF_DATE_PREC", "is_hxl_row", "ucdp_columns", "used_columns"]


def is_hxl_row(cells: list[str]) -> bool:
    """Whether a row is a row of HXL hashtags: every non-empty cell starts with '#'."""
    filled = [str(cell).strip() for cell in cells if str(cell).strip()]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


def used_columns(spec: ProjectSpec, source: Source) -> dict[str, ColumnSpec]:
    """The columns of a ucdp_ged source the project needs, in catalogue order."""
    columns = columns_of(source)
    wanted = {"id", *source.columns}  # the event's id is always read, and checked unique
    wanted |= source.where.columns() if source.where is not None else set()
    wanted |= {source.weight} if source.weight else set()
    date = date_spec(source)
    if date is not None:
        parts = date.parts
        wanted |= {date.column, date.precision_column, date.end_column}
        wanted |= {parts.year, parts.month, parts.day} if parts else set()
    for indicator in spec.indicators.values():
        wanted |= _columns_used_by(spec, indicator, source.id)
    pending = list(wanted)
    while pending:  # and the columns derived columns are computed from
        new = inputs_of(columns.get(pending.pop())) - wanted
        wanted |= new
        pending += new
    return {name: column for name, column in columns.items() if name in wanted}


def _columns_used_by(spec: ProjectSpec, indicator: Indicator, source_id: str) -> set[str]:
    measure = indicator.measure
    used: set[str] = set()
    if indicator.source == source_id:
        used |= indicator.filter.columns() if indicator.filter is not None else set()
        used |= set(indicator.dimensions)
        used |= {measure.column} if hasattr(measure, "column") else set()
    if getattr(measure, "population", None) == source_id:
        used |= {measure.population_column, measure.year_column}
        used |= dimensions_of(spec.indicators, indicator.id)
    return used

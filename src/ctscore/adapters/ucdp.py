"""The UCDP Georeferenced Event Dataset (GED), ``kind: ucdp_ged``: the first adapter.

Point a source at the GED CSV, as UCDP (ucdp.uu.se) or HDX publish it, and its columns come
typed and named (ctscore's names are UCDP's). HDX's copy has a second row of HXL hashtags
(``#date+year``, ...); it is detected and skipped, UCDP's own download has none. Rows are
dated by ``date_start`` and get a ``date_precision`` column read from ``date_prec``:

====================  ===================================  ==============
``date_prec``         UCDP's meaning                       date_precision
====================  ===================================  ==============
1                     exact day known                      day
2                     within a span of 2-6 days            week
3                     within a week                        week
4                     within a month (8-30 days)           month
5                     within a year, or longer             year
====================  ===================================  ==============

Every row is counted on its ``date_start``, whatever its precision; the data-quality note
says how many rows each class holds (an event known to the week lies in the month of its
``date_start`` except when its week straddles a month's end). Code 4 means the month (or a
month-long span) is known, code 5 only the year: a quarter's count that includes such
events is uncertain, and reports say so.

Only the columns a project uses are read: the event ``id``, the columns indicators filter,
measure or break down by, the date columns, and the columns a source declares or derives
from.
"""

from __future__ import annotations

from functools import cache

from ctscore.adapters import Adapter
from ctscore.adapters.columns import category as _category
from ctscore.adapters.columns import count as _count
from ctscore.adapters.columns import date as _date
from ctscore.adapters.columns import integer as _integer
from ctscore.adapters.columns import text as _text
from ctscore.spec.sources import DATE_PRECISIONS, ColumnSpec, DateSpec

PRECISION_OF_DATE_PREC = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}


@cache
def _catalogue() -> dict[str, ColumnSpec]:
    return {
        "id": _integer("UCDP's event id, unique and stable across releases.", unique=True),
        "relid": _text("Release-specific event id, e.g. PAK-1990-1-345-5."),
        "year": _integer("Year of the event.", min=1989),
        "active_year": ColumnSpec(
            type="boolean",
            description="true when the conflict or dyad was active (25+ deaths) that year.",
        ),
        "code_status": _category("Coding status of the event, e.g. Clear."),
        "type_of_violence": _integer(
            "1 state-based conflict, 2 non-state conflict, 3 one-sided violence.",
            allowed=[1, 2, 3],
        ),
        "conflict_new_id": _integer("UCDP conflict id."),
        "conflict_name": _category("Name of the conflict, e.g. Pakistan: Government."),
        "dyad_new_id": _integer("UCDP dyad id."),
        "dyad_name": _category("The two sides, e.g. Government of Pakistan - TTP."),
        "side_a_new_id": _integer("UCDP actor id of side A."),
        "side_a": _category("Side A: a government in state-based conflicts."),
        "side_b_new_id": _integer("UCDP actor id of side B."),
        "side_b": _category("Side B: the opponent, or Civilians in one-sided violence."),
        "number_of_sources": _integer("Number of sources for the event (-1: not recorded)."),
        "source_article": _text("The source articles."),
        "source_headline": _text("Headlines of the source articles.", required=False),
        "source_original": _text("Original source quoted by the articles.", required=False),
        "where_prec": _integer("How precisely the place is known: 1 exact ... 7.", min=1, max=7),
        "where_coordinates": _text("Name of the place the coordinates belong to."),
        "where_description": _text("Description of the place.", required=False),
        "adm_1": _category("First-level administrative unit (province).", required=False),
        "adm_2": _category("Second-level administrative unit (district).", required=False),
        "latitude": ColumnSpec(type="number", min=-90, max=90, description="Latitude."),
        "longitude": ColumnSpec(type="number", min=-180, max=180, description="Longitude."),
        "priogrid_gid": _integer("PRIO-GRID cell of the event."),
        "country": _category("Country of the event."),
        "iso3": _category("ISO 3166 code of the country."),
        "region": _category("World region."),
        "event_clarity": _integer("1 clear event, 2 aggregated or unclear.", min=1, max=2),
        "date_prec": _integer("How precisely the date is known: 1 exact day ... 5.", min=1, max=5),
        "date_precision": ColumnSpec(
            **{"from": "date_prec"},
            type="category",
            recode=PRECISION_OF_DATE_PREC,
            allowed=DATE_PRECISIONS,
            description="date_prec as day (1), week (2-3), month (4) or year (5).",
        ),
        "date_start": _date("Earliest possible day of the event."),
        "date_end": _date("Latest possible day of the event."),
        "deaths_a": _count("Deaths of side A."),
        "deaths_b": _count("Deaths of side B."),
        "deaths_civilians": _count("Civilians killed."),
        "deaths_unknown": _count("Deaths whose side is unknown."),
        "best": _count("Best estimate of all deaths: the sum of deaths_a ... deaths_unknown."),
        "low": _count("Low estimate of all deaths."),
        "high": _count("High estimate of all deaths."),
    }


def ucdp_columns() -> dict[str, ColumnSpec]:
    """UCDP GED's columns, by the names UCDP gives them (a fresh dict, safe to change)."""
    return dict(_catalogue())


def is_hxl_row(cells: list[str]) -> bool:
    """Whether a row is a row of HXL hashtags: every non-empty cell starts with '#'."""
    filled = [str(cell).strip() for cell in cells if str(cell).strip()]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


UCDP_GED = Adapter(
    "ucdp_ged",
    "UCDP Georeferenced Event Dataset (GED)",
    "One row per event of organised violence (state-based, non-state, one-sided), as UCDP "
    "or HDX publish it; dated by date_start, precision from date_prec.",
    columns=ucdp_columns,
    date=DateSpec(column="date_start", precision_column="date_precision", end_column="date_end"),
    always_read=("id",),  # the event's id is always read, and checked unique
    skip_row_after_header=is_hxl_row,
    citation="Sundberg, Ralph and Erik Melander (2013) 'Introducing the UCDP Georeferenced "
    "Event Dataset', Journal of Peace Research 50(4); Davies, Shawn, Therese Pettersson and "
    "Magnus Öberg (2022) 'Organized violence 1989-2021 and drone warfare', Journal of Peace "
    "Research 59(4).",
    licence="CC BY 4.0",
    url="https://ucdp.uu.se/downloads/",
)

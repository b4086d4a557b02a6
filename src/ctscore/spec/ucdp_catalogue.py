"""UCDP GED's column catalogue: the columns a ``kind: ucdp_ged`` source provides.

It belongs to the spec layer because a spec needs it to know which columns such a source
declares (``columns_of``); ``ctscore.data.ucdp`` re-exports it for the data adapter.
"""

from __future__ import annotations

from functools import cache

from ctscore.spec.sources import DATE_PRECISIONS, ColumnSpec

PRECISION_OF_DATE_PREC = {"1": "day", "2": "day", "3": "day", "4": "month", "5": "year"}


def _integer(description: str, required: bool = True, **rules) -> ColumnSpec:
    return ColumnSpec(type="integer", description=description, required=required, **rules)


def _count(description: str) -> ColumnSpec:
    return _integer(description, min=0)


def _category(description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(type="category", description=description, required=required)


def _text(description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(type="text", description=description, required=required)


def _date(description: str) -> ColumnSpec:
    # No fixed format: UCDP writes "1990-10-04 00:00:00.000", other copies "1990-10-04";
    # both are ISO 8601, which is what a date column without 'format' expects.
    return ColumnSpec(type="date", description=description)


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
            description="date_prec as day (1-3), month (4) or year (5).",
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

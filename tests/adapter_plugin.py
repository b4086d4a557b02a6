"""A third-party adapter, as another package would install it through the
``ctscore.adapters`` entry point group: a pre-aggregated country-year table."""

from __future__ import annotations

from ctscore.adapters import Adapter
from ctscore.spec.sources import ColumnSpec, DateParts, DateSpec


def country_year_columns() -> dict[str, ColumnSpec]:
    return {
        "country": ColumnSpec(type="category", description="Country."),
        "year": ColumnSpec(type="integer", description="Year."),
        "deaths": ColumnSpec(
            type="integer", min=0, required=False, description="Deaths that year; -1 unknown."
        ),
    }


COUNTRY_YEAR = Adapter(
    "country_year",
    "Deaths by country and year",
    "A pre-aggregated table: one row per country and year.",
    columns=country_year_columns,
    date=DateSpec(parts=DateParts(year="year")),
    missing_codes={"deaths": ("-1",)},
    citation="Example Project (2026), Deaths by country and year.",
    unit="country-year",
)
NOT_AN_ADAPTER = {"kind": "country_year"}

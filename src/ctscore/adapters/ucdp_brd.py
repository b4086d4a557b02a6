"""The UCDP Battle-Related Deaths Dataset (BRD), dyadic version, ``kind: ucdp_brd``.

A pre-aggregated table: one row per dyad (side A against side B of a state-based armed
conflict) and year, with UCDP's best, low and high estimates of the battle-related deaths
(``bd_best``, ``bd_low``, ``bd_high``). Point a source at the CSV UCDP publishes
(``ucdp-brd-dyadic-*.csv``) and its columns come typed under UCDP's names.

- **Dates**: a row is dated by ``year`` alone (1 January of it, precision ``year``). A BRD
  source computes by year (or a fiscal year starting in January); a quarterly or monthly
  scorecard on it is refused with the reason, since every dyad-year would fall in the
  first period of its year.
- **Small counts** are judged on deaths, not rows: the adapter's default ``weight`` is
  ``bd_best``, so a dyad-year of 1,200 deaths is 1,200 events behind a value, not 1 (a
  count of rows, e.g. of active dyads, is then flagged only when few deaths stand behind
  it). ``weight: bd_low`` judges on the low estimate; ``weight: null`` on rows.
- Filters use UCDP's names and codes: ``location_inc`` (the government(s) whose
  incompatibility it is, e.g. ``Pakistan``), ``side_b`` (the opponent),
  ``type_of_conflict`` (1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalized
  intrastate), ``incompatibility`` (1 territory, 2 government, 3 both). Columns that may
  list several countries or codes (``battle_location``, ``gwno_*``, ``region``) are text
  such as ``"750, 770"``: use ``contains`` to test one of them.

The conflict version of the BRD (one row per conflict-year) lacks the dyad columns; declare
it as a ``table``.
"""

from __future__ import annotations

from functools import cache

from ctscore.adapters import Adapter
from ctscore.adapters.columns import category, count, integer, text
from ctscore.spec.sources import ColumnSpec, DateParts, DateSpec

TYPES_OF_CONFLICT = [1, 2, 3, 4]
INCOMPATIBILITIES = [1, 2, 3]


@cache
def _catalogue() -> dict[str, ColumnSpec]:
    return {
        "conflict_id": integer("UCDP conflict id."),
        "dyad_id": integer("UCDP dyad id: with year, identifies the row."),
        "location_inc": category(
            "The country (or countries) whose government has the incompatibility, e.g. Pakistan."
        ),
        "side_a": category("Side A: the government(s) of the dyad."),
        "side_a_id": category("UCDP actor id of side A."),
        "side_a_2nd": category(
            "States supporting side A with troops (comma-separated).", required=False
        ),
        "side_b": category("Side B: the opponent, e.g. TTP, or a government."),
        "side_b_id": category("UCDP actor id of side B."),
        "side_b_2nd": category(
            "States supporting side B with troops (comma-separated).", required=False
        ),
        "incompatibility": integer("1 territory, 2 government, 3 both.", allowed=INCOMPATIBILITIES),
        "territory_name": category("The territory contested, if any.", required=False),
        "year": integer("Year of the deaths.", min=1989),
        "bd_best": count("UCDP's best estimate of battle-related deaths in the dyad-year."),
        "bd_low": count("Low estimate of battle-related deaths."),
        "bd_high": count("High estimate of battle-related deaths."),
        "type_of_conflict": integer(
            "1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalized intrastate.",
            allowed=TYPES_OF_CONFLICT,
        ),
        "battle_location": category("Country or countries where the fighting took place."),
        "gwno_a": category("Gleditsch-Ward code(s) of side A."),
        "gwno_a_2nd": category("Gleditsch-Ward codes of side A's supporters.", required=False),
        "gwno_b": category("Gleditsch-Ward code(s) of side B, if a state.", required=False),
        "gwno_b_2nd": category("Gleditsch-Ward codes of side B's supporters.", required=False),
        "gwno_loc": category("Gleditsch-Ward code(s) of location_inc."),
        "gwno_battle": category("Gleditsch-Ward code(s) of battle_location."),
        "region": category(
            "UCDP region code(s) of location_inc: 1 Europe, 2 Middle East, 3 Asia, 4 Africa, "
            "5 Americas (comma-separated when several)."
        ),
        "version": text("Version of the dataset, e.g. 24.1.", required=False),
    }


def brd_columns() -> dict[str, ColumnSpec]:
    """The BRD's columns (dyadic version), by UCDP's names (a fresh dict, safe to change)."""
    return dict(_catalogue())


UCDP_BRD = Adapter(
    "ucdp_brd",
    "UCDP Battle-Related Deaths Dataset (BRD), dyadic version",
    "A pre-aggregated table: one row per dyad and year of state-based armed conflict, with "
    "best, low and high estimates of battle-related deaths; dated by year alone. Small "
    "counts are judged on the sum of bd_best (weight), not on rows.",
    columns=brd_columns,
    date=DateSpec(parts=DateParts(year="year")),
    weight="bd_best",
    citation="UCDP Battle-Related Deaths Dataset (dyadic version), Uppsala Conflict Data "
    "Program; Davies, Shawn, Therese Pettersson and Magnus Öberg (2022) 'Organized violence "
    "1989-2021 and drone warfare', Journal of Peace Research 59(4).",
    licence="CC BY 4.0",
    url="https://ucdp.uu.se/downloads/",
    unit="dyad-year",
)

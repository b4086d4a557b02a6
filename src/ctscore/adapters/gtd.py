"""The Global Terrorism Database (START, University of Maryland), ``kind: gtd``.

Point a source at the GTD as START distributes it, Excel (``globalterrorismdb_*.xlsx``) or
CSV (older releases are latin-1: add ``csv: {encoding: latin-1}``), and its columns come
typed under the codebook's names. What the adapter knows, following the GTD codebook:

- **Dates** come from ``iyear``, ``imonth`` and ``iday``; 0 means unknown. A row without a
  day is dated the 1st of its month with precision ``month``; without a month, 1 January
  with precision ``year``; reports say how many such rows a period holds. ``approxdate``
  (START's note on an uncertain date, e.g. "early March 2014") is kept as text.
- **Unknown codes**: START writes -99 (counts, amounts) or -9 (yes/no items) where a value
  is unknown. Those cells are read as blanks, never as numbers: ``sum`` of ``nkill`` adds
  the known values, and ``{nhostkid: {is_null: true}}`` finds the unknown ones.
- **Inclusion criteria** ``crit1``-``crit3`` and ``doubtterr`` (1 = doubt that the
  incident is terrorism proper) are ordinary columns for filters. The Global Terrorism
  Index convention, leaving out incidents in doubt, is one line:
  ``filter: {not: {doubtterr: 1}}`` (rows whose doubt is unknown stay in).
- Counts: ``nkill`` (all killed, perpetrators included), ``nkillter`` (perpetrators
  killed), ``nwound``, ``nhostkid`` (hostages or kidnapped); the GTI's incidents, deaths,
  injuries and hostages are a ``count`` and ``sum`` of these away.

- **1993**: START lost the GTD's incident records of 1993 (the codebook gives only
  country totals for that year). The file has no row dated 1993, so a count would read 0;
  instead a period inside 1993 has no value and a period touching it is partial.

The GTD's terms of use forbid redistributing it: download it from START yourself.
"""

from __future__ import annotations

from functools import cache

from ctscore.adapters import Adapter
from ctscore.adapters.columns import category, count, integer, number, text
from ctscore.spec.sources import ColumnSpec, DateParts, DateSpec

YES_NO = [0, 1]
UNKNOWN_COUNT = ("-99", "-9")  # START's "unknown" in counts and amounts (-9 in a few)
UNKNOWN_YES_NO = ("-9",)
# Descriptions say which code a column uses, and the codes are read from them, so the
# catalogue's documentation and the blanking cannot drift apart.
COUNT_NOTE, YES_NO_NOTE = "-99 unknown, read as blank", "-9 unknown, read as blank"


def _yes_no(description: str, required: bool = True) -> ColumnSpec:
    return integer(description + " (1 yes, 0 no).", required, allowed=YES_NO)


def _maybe(description: str) -> ColumnSpec:
    """A yes/no item START may code -9, unknown: read as blank."""
    return _yes_no(f"{description}; {YES_NO_NOTE}", required=False)


def _unknown_count(description: str) -> ColumnSpec:
    return count(f"{description}; {COUNT_NOTE}.", required=False)


@cache
def _catalogue() -> dict[str, ColumnSpec]:
    return {
        "eventid": integer(
            "START's 12-digit incident id: the date it was first recorded (YYYYMMDD) and a "
            "4-digit case number.",
            unique=True,
        ),
        "iyear": integer("Year of the incident.", min=1970),
        "imonth": integer("Month of the incident, 1-12; 0 unknown.", min=0, max=12),
        "iday": integer("Day of the month of the incident; 0 unknown.", min=0, max=31),
        "approxdate": text("START's note when the date is approximate.", required=False),
        "extended": _yes_no("The incident lasted more than 24 hours"),
        "resolution": text("When an extended incident ended.", required=False),
        "country": integer("START's country code."),
        "country_txt": category("Country of the incident."),
        "region": integer("START's region code."),
        "region_txt": category("Region of the incident."),
        "provstate": category("First-level administrative unit (province).", required=False),
        "city": category("City, village or town.", required=False),
        "latitude": number("Latitude of the city.", required=False, min=-90, max=90),
        "longitude": number("Longitude of the city.", required=False, min=-180, max=180),
        "specificity": integer(
            "How precisely the place is known: 1 the city ... 5 unknown.",
            required=False,
            min=1,
            max=5,
        ),
        "vicinity": _maybe("The incident happened near, not in, the city"),
        "location": text("Notes on the place.", required=False),
        "summary": text("START's summary of the incident.", required=False),
        "crit1": _yes_no("Criterion 1: aimed at a political, economic, religious or social goal"),
        "crit2": _yes_no("Criterion 2: meant to coerce, intimidate or reach a larger audience"),
        "crit3": _yes_no("Criterion 3: outside legitimate warfare (international law)"),
        "doubtterr": _maybe("Doubt that the incident is terrorism proper"),
        "alternative_txt": category(
            "When in doubt, what else it may be (e.g. Insurgency/Guerrilla Action).",
            required=False,
        ),
        "multiple": _yes_no("Part of a multiple incident", required=False),
        "success": _yes_no("The attack was successful (by its type's definition)"),
        "suicide": _yes_no("A suicide attack: the perpetrator did not intend to escape alive"),
        "attacktype1": integer("Attack type code, 1-9.", min=1, max=9),
        "attacktype1_txt": category("Attack type, e.g. Bombing/Explosion."),
        "attacktype2_txt": category("Second attack type.", required=False),
        "targtype1": integer("Target type code, 1-22.", min=1, max=22),
        "targtype1_txt": category("Target type, e.g. Police."),
        "targsubtype1_txt": category("Target subtype.", required=False),
        "target1": text("The specific target.", required=False),
        "natlty1_txt": category("Nationality of the target.", required=False),
        "gname": category("Perpetrator group, e.g. Tehrik-i-Taliban Pakistan (TTP)."),
        "gsubname": category("Perpetrator subgroup.", required=False),
        "gname2": category("Second perpetrator group.", required=False),
        "guncertain1": _yes_no("The attribution to gname is suspected, not sure", False),
        "individual": _yes_no("Perpetrators not part of a group", required=False),
        "nperps": _unknown_count("Number of perpetrators"),
        "nperpcap": _unknown_count("Number of perpetrators captured"),
        "claimed": _maybe("A group claimed responsibility"),
        "weaptype1": integer("Weapon type code, 1-13.", min=1, max=13),
        "weaptype1_txt": category("Weapon type, e.g. Explosives."),
        "weapsubtype1_txt": category("Weapon subtype.", required=False),
        "nkill": _unknown_count("Killed, victims and perpetrators"),
        "nkillus": _unknown_count("US citizens killed"),
        "nkillter": _unknown_count("Perpetrators killed"),
        "nwound": _unknown_count("Wounded, victims and perpetrators"),
        "nwoundus": _unknown_count("US citizens wounded"),
        "nwoundte": _unknown_count("Perpetrators wounded"),
        "property": _maybe("Property was damaged"),
        "propextent_txt": category("Extent of the property damage.", required=False),
        "propvalue": number(f"Value of the damage in USD; {COUNT_NOTE}.", False),
        "ishostkid": _maybe("Victims were taken hostage or kidnapped"),
        "nhostkid": _unknown_count("Hostages or kidnapped"),
        "nhours": _unknown_count("Duration of the kidnapping, hours"),
        "ndays": _unknown_count("Duration of the kidnapping, days"),
        "ransom": _maybe("A ransom was demanded"),
        "ransomamt": number(f"Ransom demanded, USD; {COUNT_NOTE}.", False),
        "nreleased": _unknown_count("Hostages released"),
        "hostkidoutcome_txt": category("Outcome of the kidnapping.", required=False),
        "dbsource": category("The data collection the incident comes from.", required=False),
        "INT_LOG": _maybe("Logistically international"),
        "INT_IDEO": _maybe("Ideologically international"),
        "INT_ANY": _maybe("International in any way"),
        "scite1": text("First source citation.", required=False),
        "related": text("Ids of related incidents.", required=False),
    }


def gtd_columns() -> dict[str, ColumnSpec]:
    """The GTD's columns, by the codebook's names (a fresh dict, safe to change)."""
    return dict(_catalogue())


def _missing_codes() -> dict[str, tuple[str, ...]]:
    codes: dict[str, tuple[str, ...]] = {}
    for name, column in _catalogue().items():
        if COUNT_NOTE in column.description:
            codes[name] = UNKNOWN_COUNT
        elif YES_NO_NOTE in column.description:
            codes[name] = UNKNOWN_YES_NO
    return codes


GTD = Adapter(
    "gtd",
    "Global Terrorism Database (START)",
    "One row per terrorist incident, 1970 on; dated by iyear/imonth/iday (0 unknown: "
    "month or year precision); -99/-9 unknown codes read as blanks; no records for 1993.",
    columns=gtd_columns,
    date=DateSpec(parts=DateParts(year="iyear", month="imonth", day="iday")),
    always_read=("eventid",),
    missing_codes=_missing_codes(),
    gaps=(("1993-01-01", "1993-12-31"),),
    citation="National Consortium for the Study of Terrorism and Responses to Terrorism "
    "(START), University of Maryland (2022). The Global Terrorism Database (GTD) [data file]. "
    "https://www.start.umd.edu/gtd",
    licence="START's terms of use: free for non-commercial research with citation; not to be "
    "redistributed. Download your own copy.",
    url="https://www.start.umd.edu/gtd/",
)

"""ACLED, the Armed Conflict Location & Event Data project, ``kind: acled``.

Point a source at an export you downloaded from ACLED (its Data Export Tool, or the API
saved as CSV): ACLED's terms do not allow redistributing the data, so neither ctscore nor
a project shares it; each user downloads their own, under their own account. What the
adapter knows, following the ACLED codebook:

- **Dates**: ``event_date`` as the API writes it (``2024-03-18``) or as exports write it
  (``18 March 2024``, ``18-March-2024``, ``18 Mar 2024``); both may be mixed in one file.
- **Precision**: ``time_precision`` 1 (the day is known), 2 (the week: ACLED codes a day
  within it) or 3 (the month: ACLED codes a day within it) becomes ``date_precision`` day,
  week and month. Every row is counted on its ``event_date``; the data-quality note says
  how many rows are known to the week or the month only (a week-coded date lies in its
  event's month except at a month's edge). Filter on ``date_precision`` to see or leave
  out such rows.
- **Actors**: ``actor1``, ``actor2``, ``assoc_actor_1``, ``assoc_actor_2``; their types
  ``inter1``, ``inter2`` and ``interaction`` are categories, because ACLED wrote them as
  numeric codes (1 State forces ... 8 External/Other forces; interaction 13) until 2024
  and as labels ("State forces", "State forces-Rebel group") since.
- ``fatalities`` is ACLED's reported, conservative estimate; ``civilian_targeting`` says
  "Civilian targeting" or is blank; ``timestamp`` is when the row last changed (Unix time),
  which tells two downloads of a living dataset apart.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ctscore.adapters import Adapter
from ctscore.adapters.columns import category, count, date, integer, number, text
from ctscore.spec.sources import DATE_PRECISIONS, ColumnSpec, DateSpec

if TYPE_CHECKING:
    import pandas as pd

PRECISION_OF_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
EXPORT_DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")


@cache
def _catalogue() -> dict[str, ColumnSpec]:
    return {
        "event_id_cnty": ColumnSpec(
            type="text",
            unique=True,
            description="ACLED's event id: country letters and a number, e.g. PAK12345.",
        ),
        "event_date": date("Day of the event (or the day ACLED codes for its week or month)."),
        "year": integer("Year of the event.", min=1997),
        "time_precision": integer(
            "How precisely the date is known: 1 day, 2 week, 3 month.", allowed=[1, 2, 3]
        ),
        "date_precision": ColumnSpec(
            **{"from": "time_precision"},
            type="category",
            recode=PRECISION_OF_TIME_PRECISION,
            allowed=DATE_PRECISIONS,
            description="time_precision as day (1), week (2) or month (3).",
        ),
        "disorder_type": category(
            "Political violence, Demonstrations or Strategic developments.", required=False
        ),
        "event_type": category("Event type, e.g. Explosions/Remote violence, Battles."),
        "sub_event_type": category("Sub-event type, e.g. Suicide bomb, Armed clash."),
        "actor1": category("First named actor (no direction: not always the attacker)."),
        "assoc_actor_1": category("Actors associated with actor1.", required=False),
        "inter1": category("Type of actor1: a code 1-8 (before 2024) or its label."),
        "actor2": category("Second named actor, if any.", required=False),
        "assoc_actor_2": category("Actors associated with actor2.", required=False),
        "inter2": category("Type of actor2: a code 0-8 (before 2024) or its label.", False),
        "interaction": category("The two actor types together, e.g. 13 or its label."),
        "civilian_targeting": category(
            "'Civilian targeting' when civilians were the target; blank otherwise.",
            required=False,
        ),
        "iso": integer("ISO 3166 numeric code of the country.", required=False),
        "region": category("World region.", required=False),
        "country": category("Country of the event."),
        "admin1": category("First-level administrative unit (province).", required=False),
        "admin2": category("Second-level administrative unit (district).", required=False),
        "admin3": category("Third-level administrative unit.", required=False),
        "location": category("Named place of the event.", required=False),
        "latitude": number("Latitude.", required=False, min=-90, max=90),
        "longitude": number("Longitude.", required=False, min=-180, max=180),
        "geo_precision": integer(
            "How precisely the place is known: 1 the town, 2 near it, 3 the region.",
            required=False,
            allowed=[1, 2, 3],
        ),
        "source": text("The sources of the event.", required=False),
        "source_scale": category("Scale of the sources, e.g. National, Local partner.", False),
        "notes": text("ACLED's description of the event.", required=False),
        "fatalities": count("Reported fatalities (a conservative estimate)."),
        "tags": text("Extra structured notes, e.g. crowd size.", required=False),
        "timestamp": integer("When the row last changed, in Unix time.", required=False),
    }


def acled_columns() -> dict[str, ColumnSpec]:
    """ACLED's columns, by the codebook's names (a fresh dict, safe to change)."""
    return dict(_catalogue())


def iso_event_dates(values: pd.Series) -> pd.Series:
    """Export-tool dates (``18 March 2024``) rewritten as ISO dates; other cells unchanged,
    so a cell in no known format is still reported as it is written."""
    import pandas as pd  # here: only reading data needs it

    if not pd.api.types.is_object_dtype(values) and not pd.api.types.is_string_dtype(values):
        return values  # Excel cells already read as dates
    written = values.astype("string").str.strip()
    pending = written.notna() & ~written.str.contains(_ISO).fillna(False).astype(bool)
    result = values.copy()
    for form in EXPORT_DATE_FORMATS:
        if not pending.any():
            break
        parsed = pd.to_datetime(written[pending], format=form, errors="coerce")
        found = parsed.notna()
        result.loc[found[found].index] = parsed[found].dt.strftime("%Y-%m-%d")
        pending &= ~pending.index.isin(found[found].index)
    return result


ACLED = Adapter(
    "acled",
    "Armed Conflict Location & Event Data (ACLED)",
    "One row per event of political violence, demonstration or strategic development, "
    "1997 on (Pakistan: 2010 on); dated by event_date, precision from time_precision.",
    columns=acled_columns,
    date=DateSpec(column="event_date", precision_column="date_precision"),
    always_read=("event_id_cnty",),
    clean={"event_date": iso_event_dates},
    hints={
        ("event_id_cnty", "unique"): "ACLED's default (dyadic) export has one row per "
        "event; a monadic export, one row per actor, repeats the id of every event with two "
        "actors: download the dyadic form (leaving repeated rows out would lose those "
        "events)"
    },
    citation="Raleigh, Clionadh, Andrew Linke, Håvard Hegre and Joakim Karlsen (2010). "
    "'Introducing ACLED: An Armed Conflict Location and Event Dataset', Journal of Peace "
    "Research 47(5); ACLED, www.acleddata.com.",
    licence="ACLED's terms of use: attribution required; the data may not be redistributed. "
    "Download your own export.",
    url="https://acleddata.com/",
)

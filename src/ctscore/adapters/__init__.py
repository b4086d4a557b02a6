"""Source adapters: what ctscore knows about a published data format, by source ``kind``.

An adapter is a small, declarative description of one format: its column catalogue (names,
types, rules, descriptions), the date of its rows and how precisely it is known, the rows
to skip after the header, the codes its columns use for "unknown", an optional clean-up of
raw cells (e.g. a second date format), and the citation and licence to show. The loader
and the spec layer ask the adapter of a source's kind; none of them tests for a format by
name.

Built in: ``table`` (a table you declare column by column), ``ucdp_ged``, ``gtd``,
``acled`` and ``ucdp_brd`` (a pre-aggregated dyad-year table). Other packages add adapters
through the ``ctscore.adapters`` entry point group; each entry point names an
:class:`Adapter` object, and its name is the ``kind``::

    [project.entry-points."ctscore.adapters"]
    country_year = "mypackage.adapters:COUNTRY_YEAR"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from ctscore.spec.sources import ColumnSpec, DateSpec

if TYPE_CHECKING:  # checking and listing specs read adapters' catalogues, not data
    import pandas as pd

ENTRY_POINT_GROUP = "ctscore.adapters"
BUILT_IN = ("table", "ucdp_ged", "gtd", "acled", "ucdp_brd")


def _no_columns() -> dict[str, ColumnSpec]:
    return {}


@dataclass(frozen=True)
class Adapter:
    """How to read one published format. Every hook is optional but ``kind`` and ``title``."""

    kind: str
    title: str
    description: str = ""
    # The catalogue: the format's columns by their published names (a fresh dict per call).
    columns: Callable[[], dict[str, ColumnSpec]] = _no_columns
    # The date of the rows when a source declares none.
    date: DateSpec | None = None
    # Columns always read (e.g. the event id, checked unique), besides those a project uses.
    always_read: tuple[str, ...] = ()
    # Whether the first row after a CSV header is a row to skip (e.g. HDX's HXL tags).
    skip_row_after_header: Callable[[list[str]], bool] | None = None
    # Codes a column uses for "unknown" (compared with the cell's text): read as blanks.
    missing_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A clean-up of raw cells before typing, by column (e.g. a second date format).
    clean: Mapping[str, Callable[[pd.Series], pd.Series]] = field(default_factory=dict)
    # What a broken rule of a column usually means in this format, by (column, rule):
    # shown instead of the generic hint (e.g. ACLED's ids repeat in a monadic export).
    hints: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # Spans the dataset holds no rows for although it covers the years around them (ISO
    # dates, inclusive), e.g. the GTD's 1993, whose incident records START lost: a period
    # inside one has no value (not 0), a period touching one is partial.
    gaps: tuple[tuple[str, str], ...] = ()
    # The column whose sum small counts are judged on when a source declares no 'weight'
    # (e.g. a dyad-year's deaths): a pre-aggregated row stands for many events.
    weight: str | None = None
    citation: str = ""
    licence: str = ""
    url: str = ""
    unit: str = "event"  # what a row is: event, country-year, dyad-year, ...

    @property
    def has_catalogue(self) -> bool:
        return self.columns is not _no_columns


TABLE = Adapter(
    "table",
    "A table you describe",
    "Any CSV, Excel or Parquet table; you declare its columns under 'columns'.",
    unit="row",
)


@cache
def installed() -> tuple[dict[str, Adapter], dict[str, str]]:
    """Every adapter by kind (the built-in ones, then those of entry points), and why each
    plug-in that failed to load did. A broken plug-in fails only the sources of its kind:
    a project that does not use it must not stop because another package is broken."""
    from ctscore.adapters.acled import ACLED
    from ctscore.adapters.gtd import GTD
    from ctscore.adapters.ucdp import UCDP_GED
    from ctscore.adapters.ucdp_brd import UCDP_BRD

    found = {adapter.kind: adapter for adapter in (TABLE, UCDP_GED, GTD, ACLED, UCDP_BRD)}
    broken: dict[str, str] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        if point.name in found:
            continue  # a plug-in never replaces a built-in adapter
        where = f"entry point '{point.name}' of group {ENTRY_POINT_GROUP} ({point.value})"
        try:
            adapter = point.load()
        except Exception as error:  # any failure of another package's import
            broken[point.name] = f"{where} cannot be loaded: {type(error).__name__}: {error}"
            continue
        if not isinstance(adapter, Adapter) or adapter.kind != point.name:
            broken[point.name] = (
                f"{where} must name a ctscore.adapters.Adapter whose kind is '{point.name}'"
            )
            continue
        found[point.name] = adapter
    return found, broken


def adapters() -> dict[str, Adapter]:
    """Every adapter installed and loaded, by kind."""
    return installed()[0]


def broken_adapters() -> dict[str, str]:
    """The plug-in kinds whose adapter failed to load, with the reason."""
    return installed()[1]


def adapter_of(kind: str) -> Adapter:
    """The adapter of a source kind (the spec layer has checked that it is installed)."""
    return adapters()[kind]

"""Sources: the named tables indicators are computed from, and codebooks that classify them."""

from __future__ import annotations

import codecs
import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ctscore.errors import did_you_mean, one_of
from ctscore.spec.base import Identifier, ProjectPath, Scalar, StrictModel
from ctscore.spec.filters import Filter

# How precisely a row's date is known, from most to least precise.
DATE_PRECISIONS = ["day", "week", "month", "year"]
ColumnType = Literal["integer", "number", "text", "category", "date", "boolean"]


class CsvOptions(StrictModel):
    """How to read a CSV file."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "encoding": "latin-1",
                    "delimiter": ";",
                    "skip_rows": 2,
                    "missing_values": ["n/a", "-"],
                }
            ]
        }
    )

    encoding: str = Field(
        default="utf-8", description="Text encoding of the file, e.g. utf-8 or latin-1."
    )
    delimiter: str = Field(
        default=",", min_length=1, max_length=1, description="Character between fields."
    )
    skip_rows: int = Field(
        default=0, ge=0, description="Lines to skip before the header line (e.g. a title note)."
    )
    skip_rows_after_header: int | None = Field(
        default=None,
        ge=0,
        description="Lines to skip right after the header (e.g. a row of HXL #tags). "
        "Default: none, except where the source kind's adapter detects such a row (a "
        "ucdp_ged source skips a row of HXL #tags when the file has one, as on HDX).",
    )
    missing_values: list[str] = Field(
        default=[], description="Extra strings that mean 'no value' besides an empty cell."
    )

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"unknown encoding '{value}'; use a Python codec name such as utf-8, latin-1 "
                "or cp1252"
            ) from None
        return value


class ExcelOptions(StrictModel):
    """How to read an Excel workbook."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"sheet": "Incidents", "header_row": 3}]}
    )

    sheet: str | int = Field(default=0, description="Sheet name, or its 0-based position.")
    header_row: int = Field(default=1, ge=1, description="Row number (1-based) of the header.")


class Classify(StrictModel):
    """Derive a column by looking up another column's value in a codebook."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"codebook": "operation_types", "column": "operation_type"}]
        }
    )

    codebook: Identifier = Field(description="Id of the codebook to use.")
    column: str = Field(description="Column whose values the codebook classifies.")


class ColumnSpec(StrictModel):
    """One column of a source: where it comes from, its type and the rules its values obey."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "category",
                    "description": "Province where it took place.",
                    "recode": {"Baluchistan": "Balochistan", "KP": "Khyber Pakhtunkhwa"},
                },
                {
                    "from": "Killed (civilians)",
                    "type": "integer",
                    "min": 0,
                    "required": False,
                    "missing": "zero",
                    "description": "Civilians killed.",
                },
                {
                    "type": "number",
                    "expression": "killed_civilians + killed_security",
                    "description": "Everyone killed.",
                },
                {
                    "type": "category",
                    "classify": {"codebook": "operation_types", "column": "operation_type"},
                    "description": "proactive or reactive.",
                },
                {
                    "type": "date",
                    "format": "%d/%m/%Y",
                    "description": "Day of the attack, as 18/03/2024.",
                },
            ]
        }
    )

    from_: str | None = Field(
        default=None,
        alias="from",
        description="Column name in the file, when it differs from the name used in ctscore.",
    )
    type: ColumnType = Field(default="text", description="Type of the values.")
    description: str = Field(default="", description="What the column holds.")
    label: str = Field(
        default="",
        description="How reports name the column as a breakdown or region, e.g. 'province' "
        "for adm_1 (default: its name, with spaces for underscores).",
    )
    required: bool = Field(
        default=True,
        description="true: the column must exist and every row must have a value. "
        "false: the column may be absent or empty.",
    )
    missing: Literal["exclude", "zero", "error"] = Field(
        default="exclude",
        description="What an empty cell means in a column with 'required: false' (with "
        "'required: true', the default, an empty cell is already an error). exclude "
        "(default): the value is not known; the row is left out of sums, means, maxima and "
        "minima, each result states how many rows had a known value ('known'), and the "
        "blanks are reported as warnings. zero: an empty cell counts as 0 (integer and number "
        "columns), stated in a note. error: an empty cell breaks a rule, like a bad value, "
        "and 'on_error' decides.",
    )
    format: str | None = Field(
        default=None,
        description="For date columns: strptime format, e.g. '%Y-%m-%d' or '%A-%B %d-%Y'. "
        "Without it, ISO dates (2024-03-18) are expected.",
    )
    allowed: list[Scalar] | None = Field(
        default=None,
        description="The only values allowed (after recoding); other values are reported "
        "with their rows, so you can fix them or add a recode.",
    )
    recode: dict[str, str] = Field(
        default={},
        description="Map of spellings in the file to the value ctscore uses, "
        "e.g. {Baluchistan: Balochistan}; matched against the cell's text, without the "
        "spaces around it.",
    )
    min: float | None = Field(default=None, description="Smallest allowed value.")
    max: float | None = Field(default=None, description="Largest allowed value.")
    unique: bool = Field(
        default=False, description="No two rows may share a value (every such row is reported)."
    )
    expression: str | None = Field(
        default=None,
        description="Compute the column from others with + - * / ( ) min max abs log, "
        "e.g. 'killed_civilians + killed_security'. Not read from the file.",
    )
    classify: Classify | None = Field(
        default=None, description="Compute the column by classifying another with a codebook."
    )

    @model_validator(mode="after")
    def _one_origin(self) -> ColumnSpec:
        origins = [name for name in ("from_", "expression", "classify") if getattr(self, name)]
        if len(origins) > 1:
            raise ValueError("give only one of 'from', 'expression' and 'classify'")
        return self

    @model_validator(mode="after")
    def _rules_fit_the_type(self) -> ColumnSpec:
        numeric = self.type in ("integer", "number")
        if (self.min is not None or self.max is not None) and not numeric:
            raise ValueError(
                f"'min' and 'max' apply to integer and number columns, not to {self.type}"
            )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min:g}) is larger than 'max' ({self.max:g})")
        if self.missing == "zero" and not numeric:
            raise ValueError(
                f"'missing: zero' applies to integer and number columns, not to {self.type}"
            )
        if self.format is not None and self.type != "date":
            raise ValueError(f"'format' applies to date columns, not to {self.type}")
        return self

    @property
    def derived(self) -> bool:
        return bool(self.expression or self.classify)


class DateParts(StrictModel):
    """Build the date from separate year, month and day columns."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"year": "iyear", "month": "imonth", "day": "iday"}, {"year": "year"}]
        }
    )

    year: str = Field(description="Column holding the year.")
    month: str | None = Field(
        default=None,
        description="Column holding the month (1-12); an empty cell or 0 means the month is "
        "not known.",
    )
    day: str | None = Field(
        default=None,
        description="Column holding the day of the month; an empty cell or 0 means the day is "
        "not known.",
    )


class DateSpec(StrictModel):
    """Which date places a row in a period, and how precise it is."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"column": "date"},
                {"parts": {"year": "year", "month": "month"}},
                {"column": "date_start", "end_column": "date_end", "precision_column": "precision"},
            ]
        }
    )

    column: str | None = Field(default=None, description="A column of type date.")
    parts: DateParts | None = Field(
        default=None, description="Or: separate year/month/day columns."
    )
    precision_column: str | None = Field(
        default=None,
        description="Column saying how precise each date is: day, week, month or year. Without it "
        "a date column is taken as exact to the day, and dates built from parts are as "
        "precise as each row's parts (no day: month; no month: year).",
    )

    end_column: str | None = Field(
        default=None,
        description="Column of type date with the last day the event may have taken place "
        "(e.g. UCDP's date_end). Rows are still placed by their date; those whose window "
        "from the date to this day spans two periods are counted and reported.",
    )

    @model_validator(mode="after")
    def _column_or_parts(self) -> DateSpec:
        if (self.column is None) == (self.parts is None):
            raise ValueError("give exactly one of 'column' and 'parts'")
        return self


class Source(StrictModel):
    """A named table of events, operations or reference data."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "incidents",
                    "title": "Terrorist incidents",
                    "description": "One row per attack, from police reports.",
                    "file": "data/incidents.csv",
                    "date": {"column": "date"},
                    "on_error": "drop",
                    "coverage_start": "2015-01-01",
                    "coverage_end": "2024-12-31",
                    "citation": "Ministry of Interior incident register (2025).",
                    "columns": {
                        "date": {"type": "date", "description": "Day of the attack."},
                        "province": {
                            "type": "category",
                            "description": "Province.",
                            "recode": {"Baluchistan": "Balochistan"},
                        },
                        "killed": {
                            "type": "integer",
                            "min": 0,
                            "required": False,
                            "description": "People killed.",
                        },
                    },
                },
                {
                    "id": "ged",
                    "title": "UCDP GED, Pakistan",
                    "kind": "ucdp_ged",
                    "file": "data/ged_pakistan.csv",
                    "where": {"country": "Pakistan"},
                    "licence": "CC BY 4.0",
                },
                {
                    "id": "population",
                    "title": "Population by province",
                    "file": "data/population.csv",
                    "columns": {
                        "year": {"type": "integer"},
                        "province": {"type": "category"},
                        "population": {"type": "integer", "min": 0},
                    },
                },
            ]
        }
    )

    id: Identifier = Field(description="Name indicators use to refer to this source.")
    title: str = Field(description="Human-readable name, shown in reports.")
    description: str = Field(default="", description="What the table holds and where it is from.")
    kind: str = Field(
        default="table",
        description="The format of the file, named by its adapter: 'table' for a table you "
        "describe column by column; 'ucdp_ged' (UCDP Georeferenced Event Dataset), 'gtd' "
        "(Global Terrorism Database), 'acled' (ACLED export) or 'ucdp_brd' (UCDP Battle-"
        "Related Deaths, one row per dyad-year) for a published dataset whose columns, dates "
        "and unknown codes ctscore knows (the names are the publisher's; "
        "'columns' may change or add to them); or the kind of an adapter another package "
        "installs (`ctscore adapters` lists them).",
        json_schema_extra={"examples": ["table", "ucdp_ged", "gtd", "acled", "ucdp_brd"]},
    )
    file: ProjectPath = Field(description="Path of the data file, relative to the project root.")
    format: Literal["csv", "excel", "parquet"] | None = Field(
        default=None, description="File format; by default taken from the file extension."
    )
    csv: CsvOptions = Field(default_factory=CsvOptions, description="Options for CSV files.")
    excel: ExcelOptions = Field(
        default_factory=ExcelOptions, description="Options for Excel files."
    )
    columns: dict[str, ColumnSpec] = Field(
        default={}, description="The columns to use, by the name ctscore gives them."
    )
    date: DateSpec | None = Field(
        default=None, description="The date of each row; needed for indicators over time."
    )
    weight: str | None = Field(
        default=None,
        description="Column saying how many events each row stands for (e.g. deaths in a "
        "table of one row per dyad-year): small counts are then judged on the sum of this "
        "column behind a value, not on its rows. Default: the adapter's (bd_best for "
        "ucdp_brd), else none; 'weight: null' judges on rows.",
    )
    small_count: int | None = Field(
        default=None,
        ge=0,
        description="Default 'small_count' of the indicators on this source (else the "
        "project's, else 5).",
    )
    where: Filter | None = Field(
        default=None,
        description="A filter every indicator on this source applies before its own, e.g. "
        "{country: Pakistan} for a table of several countries. Rows it leaves out are not "
        "dropped: they are read and checked, and counted by no indicator.",
    )
    on_error: Literal["fail", "drop"] = Field(
        default="fail",
        description="fail: any bad row stops the build. drop: bad rows are left out and "
        "listed in the report's data-quality appendix.",
    )
    coverage_start: dt.date | None = Field(
        default=None,
        description="First day the data covers; default: the earliest date in the data.",
    )
    coverage_end: dt.date | None = Field(
        default=None,
        description="Last day the data covers; default: the latest date in the data. Periods "
        "ending after it are flagged partial.",
    )
    synthetic: bool = Field(
        default=False, description="true when the data is made up; reports then say so."
    )
    citation: str = Field(
        default="", description="How to cite the data, shown on the report's cover."
    )
    licence: str = Field(
        default="",
        description="The data's licence, e.g. 'CC BY 4.0', shown on the cover with the citation.",
    )

    @field_validator("kind")
    @classmethod
    def _installed_kind(cls, value: str) -> str:
        from ctscore.adapters import adapters, broken_adapters  # they import these models

        if value in broken_adapters():  # a broken plug-in: say which, where its kind is used
            raise ValueError(broken_adapters()[value])
        installed = list(adapters())
        if value not in installed:
            raise ValueError(
                f"unknown value '{value}'{did_you_mean(value, installed)}; allowed: "
                f"{one_of(installed)} (the adapters installed: `ctscore adapters` lists them)"
            )
        return value

    @model_validator(mode="after")
    def _coverage_in_order(self) -> Source:
        start, end = self.coverage_start, self.coverage_end
        if start is not None and end is not None and start > end:
            raise ValueError(f"coverage_start ({start}) is after coverage_end ({end})")
        return self


class Codebook(StrictModel):
    """A versioned classification of values, e.g. which operation types are proactive."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "operation_types",
                    "title": "Operation types",
                    "version": "1.0",
                    "description": "Which security operations are proactive.",
                    "categories": {
                        "proactive": ["raid", "intelligence_based_operation"],
                        "reactive": ["response_to_attack"],
                    },
                }
            ]
        }
    )

    id: Identifier = Field(description="Name columns use to refer to this codebook.")
    title: str = Field(description="Human-readable name.")
    version: str = Field(min_length=1, description="Version cited in reports, e.g. '1.0'.")
    description: str = Field(default="", description="What the classification is for.")
    categories: dict[str, list[str]] = Field(
        min_length=1, description="Each category with the values that belong to it."
    )

    @model_validator(mode="after")
    def _values_in_one_category(self) -> Codebook:
        seen: dict[str, str] = {}
        for category, values in self.categories.items():
            for value in values:
                if value in seen:
                    raise ValueError(f"value '{value}' is in both '{seen[value]}' and '{category}'")
                seen[value] = category
        return self

    def lookup(self) -> dict[str, str]:
        return {value: category for category, values in self.categories.items() for value in values}


def columns_of(source: Source) -> dict[str, ColumnSpec]:
    """Every column a source provides under its ctscore name, in declaration order.

    For a source whose adapter has a catalogue (ucdp_ged, gtd, acled, ...), a declared column
    changes the catalogue's column of the same name field by field (``adm_1: {recode: ...}``
    keeps its type and description) or adds one.
    """
    from ctscore.adapters import adapter_of  # adapters import this module's models

    columns = adapter_of(source.kind).columns()
    for name, declared in source.columns.items():
        known = columns.get(name)
        changes = {field: getattr(declared, field) for field in declared.model_fields_set}
        columns[name] = known.model_copy(update=changes) if known else declared
    return columns


def column_label(sources, column: str) -> str:
    """How reports name ``column``: the first ``label`` one of ``sources`` gives it, else its
    name with spaces for underscores."""
    for source in sources:
        declared = columns_of(source).get(column)
        if declared is not None and declared.label:
            return declared.label
    return column.replace("_", " ")


def date_spec(source: Source) -> DateSpec | None:
    """The date of a source's rows: as declared, or its adapter's (e.g. GED's date_start)."""
    from ctscore.adapters import adapter_of

    return source.date if source.date is not None else adapter_of(source.kind).date


def weight_column(source: Source) -> str | None:
    """The column whose sum small counts are judged on: as declared (``weight: null``: the
    rows), else the adapter's (e.g. the BRD's bd_best), else none (the rows)."""
    from ctscore.adapters import adapter_of

    if "weight" in source.model_fields_set:
        return source.weight
    return adapter_of(source.kind).weight


def granularity(source: Source) -> str:
    """The finest period a source's dates give: 'year' for a date built from a year column
    alone, 'month' from year and month columns, else 'day'."""
    date = date_spec(source)
    if date is None or date.parts is None:
        return "day"
    if date.parts.month is None:
        return "year"
    return "month" if date.parts.day is None else "day"

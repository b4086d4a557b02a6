"""Frozen report objects: everything the renderer may see, already formatted and decided."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str  # green, amber, red, insufficient, none
    label: str
    rule: str  # the rule that produced it, printed beside it
    beyond_chance: bool | None = None  # the gap to the target; None when not tested


@dataclass(frozen=True)
class BuildFacts:
    """What a report cites about its build (made by ``ctscore.build_context``)."""

    inputs: tuple[InputFile, ...]  # every input file, its hash, rows read and citation
    quality: tuple[str, ...]  # data quality issues, one line each
    partial_periods: tuple[str, ...]  # period labels the data covers only in part
    unknown_codes: tuple[str, ...]  # cells an adapter read as blank (e.g. GTD's -99)
    precision: tuple[str, ...]  # dates known only to the week, month or year; date windows
    findings: tuple[str, ...]  # warnings and notes on the data, for the reader
    blanks: tuple[str, ...]  # blank cells per source and column
    command: str  # the command that rebuilds the report
    version: str  # ctscore's version
    issued: str  # ISO 8601 date-time of the document
    issued_basis: str  # what that date is: SOURCE_DATE_EPOCH, or the period's last day


@dataclass(frozen=True)
class Comparison:
    label: str  # e.g. "previous quarter (2024-Q3)"
    short_label: str  # e.g. "previous quarter", for table headers
    value_text: str
    change_text: str  # e.g. "+16.5%"
    better: bool | None  # whether the change is good news given the direction
    beyond_chance: bool | None = None  # its interval excludes no change; None: no test
    test_text: str = ""  # the interval, test and p-value that decided it
    # The change as a number: percent, or percentage points for a share (``in_points``);
    # None when either value is missing or the earlier one is 0.
    change: float | None = None
    in_points: bool = False


@dataclass(frozen=True)
class Point:
    period: str
    start: str  # ISO dates of the period's first and last days, for placing event markers
    end: str
    value: float | None
    low: float | None = None  # the value's confidence interval, when it has one
    high: float | None = None


@dataclass(frozen=True)
class Share:
    """One row of a breakdown table."""

    name: str
    value: float | None
    value_text: str
    rows: int  # source rows behind the value
    small: bool  # fewer rows than the indicator's small_count: read with care
    bar: float  # bar length, 0 to 1 of the longest bar


@dataclass(frozen=True)
class Event:
    date: str  # ISO day: where the event is placed
    title: str
    description: str
    label: str = ""  # the date as shown: the day, or the month alone ("2007-12 (month)")

    @property
    def shown(self) -> str:
        return self.label or self.date


@dataclass(frozen=True)
class IndicatorReport:
    id: str
    title: str
    description: str
    rationale: str
    unit: str
    direction: str
    value: float | None
    value_text: str
    rows: int | None  # source rows behind the current value
    comparisons: tuple[Comparison, ...]
    target_text: str
    target_value: float | None
    baseline_value: float | None
    status: Status
    trend_arrow: str
    trend_phrase: str
    trend: tuple[Point, ...]
    breakdown_label: str
    breakdown: tuple[Share, ...]
    breakdown_counts: bool  # show the rows behind each breakdown value (not for plain counts)
    small_count: int
    flags: tuple[str, ...]
    note: str
    percent: bool
    sensitivity: str = ""  # composites: how the score depends on the weights


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    indicators: tuple[IndicatorReport, ...]


@dataclass(frozen=True)
class MethodNote:
    indicator: str
    title: str
    formula: str
    source: str
    filter: str
    unit: str
    small_count: int
    events: str = "events"  # what small_count counts, e.g. "deaths (sum of bd_best)"


@dataclass(frozen=True)
class InputFile:
    path: str
    sha256: str
    rows: int
    citation: str


@dataclass(frozen=True)
class Revision:
    """A value an earlier edition showed that the data now gives differently."""

    indicator: str
    title: str
    period: str
    breakdown: str  # "" for the total
    before: float | None
    after: float | None
    before_text: str
    after_text: str
    change_text: str


@dataclass(frozen=True)
class EffectReport:
    """One policy effect (an evaluation): the sentence, the estimates, the chart's series."""

    id: str
    title: str
    sentence: str
    caveats: tuple[str, ...]
    estimates: tuple[tuple[str, str, str], ...]  # (what, rate ratio and interval, p-value)
    model_text: str
    unit: str
    event_title: str
    event_period: str
    periods: tuple[str, ...]
    event_index: int
    observed: tuple[float, ...]
    fitted: tuple[float, ...]
    counterfactual: tuple[float, ...]
    counterfactual_low: tuple[float, ...]
    counterfactual_high: tuple[float, ...]
    later_marks: tuple[tuple[int, str], ...] = ()  # (first period after, title) of later events


@dataclass(frozen=True)
class Report:
    project: str
    organisation: str
    scorecard_id: str
    title: str
    subtitle: str
    audience: str
    scope: str  # what the figures cover, e.g. "Khyber Pakhtunkhwa (province)"; "" for all
    period: str
    period_range: str
    period_noun: str
    issued: str  # ISO 8601 date-time of the document: SOURCE_DATE_EPOCH or the period's end
    reading: str  # one-line reading of the period
    synthetic: bool
    sections: tuple[Section, ...]
    events: tuple[Event, ...]
    methodology: tuple[MethodNote, ...]
    codebooks: tuple[str, ...]
    quality: tuple[str, ...]
    partial_periods: tuple[str, ...]
    precision: tuple[str, ...]
    inputs: tuple[InputFile, ...]
    version: str
    command: str
    baseline_text: str
    baseline_periods: tuple[str, ...]
    comparison_labels: tuple[str, ...]  # headers of the summary table's change columns
    side_by_side: tuple = ()  # SideBySideReport (evaluate.side_by_side), after the sections
    unknown_codes: tuple[str, ...] = ()  # cells an adapter read as blank (e.g. GTD's -99)
    # warnings and notes on the data (ctscore.findings), and blank cells per column
    findings: tuple[str, ...] = ()
    blanks: tuple[str, ...] = ()
    issued_basis: str = ""  # what the date is: SOURCE_DATE_EPOCH, or the period's last day
    citations: tuple[str, ...] = ()  # each source's citation and licence, for the cover
    previous_edition: str = ""  # period of the previous recorded edition ("" when none)
    revisions: tuple[Revision, ...] = ()  # earlier values changed since that edition
    confidence_text: str = "95%"  # the level of every interval and test
    effects: tuple[EffectReport, ...] = ()  # the scorecard's evaluations, in its order

    def indicators(self) -> list[IndicatorReport]:
        return [ind for section in self.sections for ind in section.indicators]

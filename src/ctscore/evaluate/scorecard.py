"""Evaluate one scorecard for one period into a frozen Report."""

from __future__ import annotations

import pandas as pd

from ctscore.compute.located import scorecard_error
from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.errors import Diagnostic, UserError
from ctscore.evaluate import report as report_builder
from ctscore.evaluate.indicator import History, Setting, evaluate_indicator, totals_of
from ctscore.evaluate.model import BuildFacts, Report, Section
from ctscore.findings import finding, note
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.spec.sources import column_label


def choose_period(
    spec: ProjectSpec,
    card: Scorecard,
    results: pd.DataFrame,
    calendar: Calendar,
    wanted: str | None = None,
) -> pd.Period:
    """The period to report: the one asked for (``--period``), the card's, else the latest
    period the data fully covers."""
    totals = results[results["dimension"] == TOTAL]
    labels = list(dict.fromkeys(totals["period"]))
    if not labels:
        raise scorecard_error(spec, card, (), "the data has no periods to report")
    label = wanted or card.period
    if label == "latest_complete":
        partial = totals.groupby("period", sort=False)["partial"].any()
        complete = [p for p in labels if not partial[p]]
        if not complete:
            raise scorecard_error(
                spec, card, ("period",), "the data covers no complete period to report"
            )
        later = labels[labels.index(complete[-1]) + 1 :]
        note([_chosen(spec, card, complete[-1], later)] if later else [])
        return calendar.parse(complete[-1])

    def problem(message: str) -> UserError:
        if wanted:
            return UserError([Diagnostic("ctscore build --period", message=message)])
        return scorecard_error(spec, card, ("period",), message)

    try:
        period = calendar.parse(label)
    except ValueError as error:
        raise problem(f"scorecard '{card.id}': {error}") from None
    if calendar.label(period) not in labels:
        raise problem(
            f"scorecard '{card.id}': period {label} is outside the data, which covers "
            f"{labels[0]} to {labels[-1]}"
        )
    return period


def _chosen(spec: ProjectSpec, card: Scorecard, chosen: str, later: list[str]) -> Diagnostic:
    """Which period 'latest_complete' chose, and why not a later one."""
    message = f"scorecard '{card.id}' reports {chosen}, the latest period the data fully covers"
    shown, last = ", ".join(later), later[-1]
    ends = "it ends" if len(later) == 1 else "they end"
    message += (
        f"; {shown} not reported: the data ends before {ends} (build it anyway with "
        f"--period {last}, or 'make report PERIOD={last}': it is flagged partial and "
        "never judged)"
    )
    diagnostic = spec.diagnostic("scorecards", card.id, ("period",), message)
    return finding(diagnostic, "period_chosen", "note")


def baseline_periods(spec: ProjectSpec, card: Scorecard, calendar: Calendar) -> list[pd.Period]:
    """The periods whose average is the baseline: one, a window, or those before an event."""
    baseline = card.baseline
    if baseline is None:
        return []
    try:
        if baseline.period:
            return [calendar.parse(baseline.period)]
        if baseline.start and baseline.end:  # given together (spec validation)
            first, last = calendar.parse(baseline.start), calendar.parse(baseline.end)
            if last < first:
                raise ValueError(f"the window ends ({baseline.end}) before it starts")
            return list(pd.period_range(first, last))
    except ValueError as error:
        raise scorecard_error(spec, card, ("baseline",), f"baseline: {error}") from None
    window = baseline.before_event
    assert window is not None  # a baseline is a period, a window or before an event
    event_period = pd.Timestamp(spec.policy_events[window.event].date).to_period(calendar.freq)
    return [event_period - n for n in range(window.periods, 0, -1)]


def evaluate_scorecard(
    spec: ProjectSpec,
    card: Scorecard,
    results: pd.DataFrame,
    calendar: Calendar,
    period: pd.Period,
    facts: BuildFacts,
) -> Report:
    """``results`` come from the engine on the card's data (its region only, if it has one);
    ``facts`` are the build facts the report cites (inputs, quality, command, date)."""
    label = column_label(spec.sources.values(), card.breakdown) if card.breakdown else ""
    setting = Setting(
        card,
        results,
        calendar,
        period,
        tuple(baseline_periods(spec, card, calendar)),
        label,
        spec.config.confidence,
    )
    sections = tuple(
        Section(
            s.title,
            s.intro,
            tuple(
                evaluate_indicator(
                    spec.indicators[entry.indicator],
                    entry,
                    setting,
                    History(totals_of(results, entry.indicator), calendar),
                )
                for entry in s.entries()
            ),
        )
        for s in card.sections
    )
    return report_builder.report(spec, setting, sections, facts)

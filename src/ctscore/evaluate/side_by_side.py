"""Sources side by side, evaluated: each source's value per period, its ratio to the
reference source, the period where they diverge most, and what the differences mean.

The ratio of a source to the reference in a period is its value divided by the
reference's (none when the reference is 0). Over the window the overall ratio is the ratio
of the totals, so quiet periods do not weigh as much as busy ones. "Diverge most" is the
period whose ratio is furthest from the overall ratio on a logarithmic scale (twice and
half as many are equally far), among periods where both sources counted something. A move
in opposite directions is a period where one source rose and the other fell against the
period before. A period a source covers only in part (its data starts or ends inside it)
is shown, marked, but neither divided nor counted in the totals, the divergence or the
moves: part of a period measured against a whole one would read as a disagreement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.evaluate.formatting import value_text
from ctscore.evaluate.indicator import totals_of
from ctscore.evaluate.methodology import describe_filter, formula
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.spec.side_by_side import SideBySide

MEANING = (
    "The datasets define, source and code events differently (what counts as an event, "
    "which reports are read, how fast events are coded), so their levels differ and a "
    "ratio far from 1 is expected. What matters is whether the ratio holds steady: then "
    "the sources agree on the trend even where they disagree on the level. A ratio that "
    "moves, or sources that move in opposite directions, mean a change seen in one "
    "dataset may be an artefact of its coverage; read it with the others beside it."
)


@dataclass(frozen=True)
class Series:
    indicator: str
    label: str  # the source's title
    definition: str  # formula, rows counted, from which indicator
    values: tuple[float | None, ...]
    value_texts: tuple[str, ...]
    ratios: tuple[float | None, ...]  # to the reference, per period (reference: all 1)
    ratio_texts: tuple[str, ...]
    overall_ratio: float | None
    partial: tuple[bool, ...] = ()  # per period: the source covers only part of it


@dataclass(frozen=True)
class SideBySideReport:
    title: str
    periods: tuple[str, ...]
    series: tuple[Series, ...]  # the reference first
    findings: tuple[str, ...]  # one sentence per other source
    meaning: str
    note: str

    @property
    def has_partial(self) -> bool:
        """Whether a value shown is of a period its source covers only in part."""
        return any(any(series.partial) for series in self.series)


def side_by_side_ids(card: Scorecard) -> list[str]:
    return list(dict.fromkeys(i for c in card.side_by_side for i in c.indicators))


def evaluate_side_by_side(
    spec: ProjectSpec,
    card: Scorecard,
    results: pd.DataFrame,
    calendar: Calendar,
    period: pd.Period,
) -> tuple[SideBySideReport, ...]:
    """Every side-by-side comparison of the card over its trend window ending at ``period``."""
    window = [calendar.label(period - n) for n in range(card.trend_periods - 1, -1, -1)]
    return tuple(_comparison(spec, c, results, window) for c in card.side_by_side)


def _comparison(spec, comparison: SideBySide, results, window) -> SideBySideReport:
    reference = totals_of(results, comparison.indicators[0])
    periods = [p for p in window if p in reference.index]
    base = _comparable(reference, periods)
    series, findings = [], []
    for ref in comparison.indicators:
        indicator = spec.row_indicator(ref)
        assert indicator is not None  # a side-by-side compares row indicators (spec check)
        totals = totals_of(results, ref)
        values = [_number(v) for v in totals["value"].reindex(periods)]
        comparable = _comparable(totals, periods)
        ratios = [
            v / b if v is not None and b else None for v, b in zip(comparable, base, strict=True)
        ]
        overall = _ratio_of_totals(comparable, base)
        label = spec.sources[indicator.source].title
        definition = (
            f"{indicator.title} ({ref}): {formula(indicator)}; rows counted: "
            f"{describe_filter(indicator.filter)}"
        )
        series.append(
            Series(
                ref,
                label,
                definition,
                tuple(values),
                tuple(value_text(indicator, v) for v in values),
                tuple(ratios),
                tuple("–" if r is None else f"{r:.2f}" for r in ratios),
                overall,
                tuple(v is not None and c is None for v, c in zip(values, comparable, strict=True)),
            )
        )
        if ref != comparison.indicators[0]:
            findings.append(_finding(series[0], series[-1], periods))
    return SideBySideReport(
        comparison.title, tuple(periods), tuple(series), tuple(findings), MEANING, comparison.note
    )


def _finding(reference: Series, other: Series, periods: list[str]) -> str:
    """E.g. 'GTD counted 1.42 times as many as UCDP GED over 2010-2021 (0.80 to 2.10 in a
    single year); they diverged most in 2013 (2.10), and moved in opposite directions in 3
    of 11 years.'"""
    if not periods:
        return f"{reference.label} has no value in the periods shown: nothing to compare."
    both = [
        p
        for p, a, b in zip(periods, _whole(reference), _whole(other), strict=True)
        if a is not None and b is not None
    ]  # the periods both sources cover whole: the ones compared
    if not both:
        return (
            f"{reference.label} and {other.label} both cover none of the periods shown in "
            "full: nothing to compare."
        )
    span = f"{both[0]}-{both[-1]}" if len(both) > 1 else both[0]
    if other.overall_ratio is None:
        return f"{reference.label} counted nothing over {span}: no ratio to compare."
    known = [(p, r) for p, r in zip(periods, other.ratios, strict=True) if r]
    text = f"{other.label} counted {other.overall_ratio:.2f} times as many as {reference.label}"
    text += f" over {span}"
    if len(known) > 1:
        low, high = min(r for _, r in known), max(r for _, r in known)
        text += f" ({low:.2f} to {high:.2f} in a single period)"
        overall = other.overall_ratio
        far = max(known, key=lambda pr: abs(math.log(pr[1] / overall)))
        text += f"; they diverged most in {far[0]} ({far[1]:.2f})"
    opposite, steps = _opposite_moves(_whole(reference), _whole(other))
    if steps:
        text += f", and moved in opposite directions in {opposite} of {steps} periods"
    return text + "."


def _opposite_moves(a: tuple, b: tuple) -> tuple[int, int]:
    moves = [
        (a[i] - a[i - 1], b[i] - b[i - 1])
        for i in range(1, len(a))
        if None not in (a[i], a[i - 1], b[i], b[i - 1])
    ]
    return sum(x * y < 0 for x, y in moves), len(moves)


def _comparable(totals: pd.DataFrame, periods: list[str]) -> list[float | None]:
    """The values of the periods the source covers whole; None for the others."""
    rows = totals.reindex(periods)
    partial = rows["partial"].fillna(False).astype(bool)
    return [None if cut else _number(v) for v, cut in zip(rows["value"], partial, strict=True)]


def _whole(series: Series) -> tuple[float | None, ...]:
    cut = series.partial or (False,) * len(series.values)
    return tuple(None if c else v for v, c in zip(series.values, cut, strict=True))


def _ratio_of_totals(values: list, base: list) -> float | None:
    pairs = [(v, b) for v, b in zip(values, base, strict=True) if v is not None and b is not None]
    total = sum(b for _, b in pairs)
    return sum(v for v, _ in pairs) / total if total else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)

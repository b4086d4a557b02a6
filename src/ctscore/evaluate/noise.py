"""Verdicts that respect noise: whether a change, a gap to a target or a trend is beyond
chance, and the words that say so.

The test follows the value's interval method (``ci_method`` of the compute output):

* counts and rates of counts: the exact conditional test of two Poisson rates (a rate's
  exposure is its population; a baseline's is its number of periods);
* shares of counts: the Newcombe interval of the difference, in percentage points;
* anything else (casualty sums, ratios, scores) has no test of change, and no rise or fall
  is called on it.

A gap to a target is beyond chance when the value's own interval excludes the target (for
casualty sums, the bootstrap interval). A
trend is the Mann-Kendall test with Sen's slope over the scorecard's trend window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ctscore.compute.result import ResultRow
from ctscore.stats import comparisons, intervals, trends

WITHIN = "within normal variation"


@dataclass(frozen=True)
class Tested:
    """The outcome of a test, in words: ``text`` names the interval, p-value and test."""

    beyond_chance: bool
    text: str


def kind_of(row: ResultRow | None) -> str:
    """count, rate, share or '' (no test) from a result row's interval method."""
    if row is None:
        return ""
    method = row.ci_method
    if method == intervals.GARWOOD:
        return "count"
    if method == f"{intervals.GARWOOD} / population":
        return "rate"
    if method in intervals.SHARE_METHODS.values():
        return "share"
    return ""


def change(
    current: ResultRow | None, earlier: list[ResultRow], confidence: float
) -> comparisons.Change | None:
    """The change from the earlier period(s) (several for a baseline, added up) to now."""
    kind = kind_of(current)
    if current is None or not kind or not earlier or any(kind_of(e) != kind for e in earlier):
        return None
    if kind == "count":
        before = sum(e.value for e in earlier)
        return comparisons.count_change(current.value, before, 1.0, float(len(earlier)), confidence)
    top = sum(e.numerator for e in earlier)
    bottom = sum(e.denominator for e in earlier)
    if kind == "rate":
        return comparisons.count_change(
            current.numerator, top, current.denominator, bottom, confidence
        )
    return comparisons.share_change(current.numerator, current.denominator, top, bottom, confidence)


def change_words(found: comparisons.Change | None, confidence: float) -> Tested | None:
    """'95% CI +2% to +31%, p = 0.03' (the legend and the methodology name the test)."""
    if found is None:
        return None
    level = f"{confidence:.0%}"
    if found.kind == "ratio":
        low, high = _percent(found.low), _percent(found.high)
        interval = f"{level} CI {low} to {high}"
    else:
        interval = f"{level} CI {found.low:+.1f} to {found.high:+.1f} pp"
    return Tested(found.beyond_chance, f"{interval}, {p_text(found.p_value)}")


def _percent(ratio: float) -> str:
    if math.isinf(ratio):
        return "no upper limit"
    return f"{(ratio - 1) * 100:+.0f}%"


def p_text(p: float) -> str:
    """'p = 0.003', 'p < 0.001'."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def target_gap(row: ResultRow | None, goal: float | None, fmt, confidence: float) -> Tested | None:
    """Whether the value's interval (of any method: exact, score or bootstrap) excludes the
    target."""
    if row is None or goal is None or row.ci_method == "none":
        return None
    low, high = row.ci_low, row.ci_high
    if math.isnan(low) or math.isnan(high):
        return None
    beyond = not (low <= goal <= high)
    verb = "excludes" if beyond else "includes"
    words = "the gap is beyond chance" if beyond else f"the gap is {WITHIN}"
    interval = f"{row.ci_method} {confidence:.0%} interval {fmt(low, 1)} to {fmt(high, 1)}"
    return Tested(beyond, f"{words}: the {interval} {verb} the target")


@dataclass(frozen=True)
class TrendWords:
    arrow: str
    phrase: str
    beyond_chance: bool | None


def trend_words(values: list[float | None], noun: str, unit_text, confidence: float) -> TrendWords:
    """'falling by 3.2 attacks a quarter (95% CI -5.1 to -1.4; Mann-Kendall p = 0.003, 16
    quarters)', or 'no clear trend ... within normal variation'. ``unit_text(slope)``
    writes a slope in the indicator's unit."""
    known = [v for v in values if v is not None and not math.isnan(v)]
    if len(known) < 4:
        return TrendWords("·", "not enough history for a trend test", None)
    found = trends.mann_kendall([math.nan if v is None else v for v in values], confidence)
    periods = f"{found.n} {noun}s"
    if math.isnan(found.sen_ci_low):
        return TrendWords("·", f"too few {noun}s for a trend interval ({periods})", None)
    interval = (
        f"{confidence:.0%} CI {unit_text(found.sen_ci_low, sign=True, unit=False)} to "
        f"{unit_text(found.sen_ci_high, sign=True, unit=False)}"
    )
    test = f"Mann-Kendall {p_text(found.p_value)}, {periods}"
    rejects = found.p_value < 1 - confidence
    if found.beyond_chance and rejects:
        rising = found.sen_slope > 0
        word = "rising" if rising else "falling"
        slope = unit_text(abs(found.sen_slope), sign=False)
        return TrendWords(
            "↑" if rising else "↓", f"{word} by {slope} a {noun} ({interval}; {test})", True
        )
    slope = unit_text(found.sen_slope, sign=True)
    return TrendWords(
        "→", f"no clear trend, {WITHIN} ({slope} a {noun}, {interval}; {test})", False
    )

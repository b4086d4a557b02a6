"""Targets and RAG status: small pure functions, each rule spelled out.

Every status carries the rule that produced it, in words a reader can check against the
numbers printed beside it, e.g. ``red: 148 misses target 45 by more than 10% (> 49.5)``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

from typing_extensions import TypeIs

from ctscore.evaluate.model import Status
from ctscore.spec.scorecards import Target

# fmt(value, extra_decimals) -> text, in the indicator's own format.
Formatter = Callable[[float, int], str]

INSUFFICIENT = "insufficient data"
# The verdicts on a target, best first, with the words reports use for them.
JUDGED = {"green": "on track", "amber": "close", "red": "off track"}


@dataclass(frozen=True)
class Evidence:
    """What the current value rests on."""

    rows: int | None  # source rows behind the value; None when the period has no value
    minimum: int  # the indicator's small_count: fewer rows than this cannot be judged
    partial: bool = False  # the data covers only part of the period


def is_missing(value: float | None) -> TypeIs[None]:
    """None or NaN. Typed as TypeIs[None] so that where it is False the value is a float
    (where it is True the value may also be a NaN float, which no caller uses)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def goal_value(target: Target, baseline: float | None) -> float | None:
    """The value to reach: the target itself, or the baseline moved by the target's percent."""
    if target.value is not None:
        return target.value
    if is_missing(baseline) or target.change_from_baseline is None:
        return None
    return baseline * (1 + target.change_from_baseline / 100)


def target_text(target: Target | None, goal: float | None, baseline, fmt: Formatter) -> str:
    """'45', or '45 (10% below baseline 50)' for a target set against the baseline."""
    if target is None:
        return "–"
    if target.value is not None:
        return fmt(target.value, 0)
    relation = relative_text(target, baseline, fmt)
    return relation if goal is None else f"{fmt(goal, 0)} ({relation})"


def relative_text(target: Target, baseline: float | None, fmt: Formatter) -> str:
    """'10% below baseline 50', '5% above baseline 1.20', 'the baseline 50'."""
    change = target.change_from_baseline or 0.0  # set whenever the target has no value
    base = "no baseline value" if is_missing(baseline) else f"baseline {fmt(baseline, 0)}"
    if change == 0:
        return f"equal to {base}"
    return f"{abs(change):g}% {'below' if change < 0 else 'above'} {base}"


def status(
    value: float | None,
    target: Target | None,
    goal: float | None,
    lower_is_better: bool,
    evidence: Evidence,
    fmt: Formatter,
    goal_label: str = "",
) -> Status:
    """Green when the target is met, amber when missed by at most the margin, red otherwise.

    ``goal_label`` names the target in the rule (default: 'target <goal>')."""
    if target is None:
        return Status("none", "no target", "no target set")
    insufficient = _insufficient(value, goal, evidence)
    if insufficient:
        return Status("insufficient", INSUFFICIENT, f"{INSUFFICIENT}: {insufficient}")
    assert value is not None and goal is not None  # else insufficient
    margin = abs(goal) * target.amber_margin / 100
    limit = goal + margin if lower_is_better else goal - margin
    goal_extra = _extra(fmt, value, goal)
    label = f"target {fmt(goal, goal_extra)}{goal_label}"
    met = value <= goal if lower_is_better else value >= goal
    if met:
        value_text = fmt(value, goal_extra)
        return Status(
            "green", JUDGED["green"], f"green: {value_text} {_sign(lower_is_better)} {label}"
        )
    close = value <= limit if lower_is_better else value >= limit
    limit_text = fmt(limit, max(_exact_extra(fmt, limit), _extra(fmt, value, limit)))
    if close:
        reads_right = operator.le if lower_is_better else operator.ge
    else:
        reads_right = operator.gt if lower_is_better else operator.lt
    value_text = _shown_as(fmt, value, goal_extra, limit_text, reads_right)
    percent = f"{target.amber_margin:g}%"
    if close:
        return Status(
            "amber",
            JUDGED["amber"],
            f"amber: {value_text} misses {label} by at most {percent} "
            f"({_sign(lower_is_better)} {limit_text})",
        )
    beyond = ">" if lower_is_better else "<"
    return Status(
        "red",
        JUDGED["red"],
        f"red: {value_text} misses {label} by more than {percent} ({beyond} {limit_text})",
    )


def _insufficient(value, goal, evidence: Evidence) -> str:
    """Why the value cannot be judged, or '' when it can."""
    if is_missing(value) or evidence.rows is None:
        return "no value for this period"
    if evidence.partial:
        return "the data covers only part of the period"
    if evidence.rows < evidence.minimum:
        return f"only {events(evidence.rows)} behind the value (at least {evidence.minimum} needed)"
    if goal is None:
        return "no baseline value to set the target"
    return ""


def events(count: int) -> str:
    """'1 event', '3 events'."""
    return f"{count:,} event" + ("" if count == 1 else "s")


def _sign(lower_is_better: bool) -> str:
    return "≤" if lower_is_better else "≥"


def _extra(fmt: Formatter, a: float, b: float) -> int:
    """Decimals to add to the indicator's so that two different numbers look different."""
    for extra in range(4):
        if a == b or fmt(a, extra) != fmt(b, extra):
            return extra
    return 3


def _shown_as(fmt: Formatter, value: float, extra: int, limit_text: str, reads_right) -> str:
    """The value with enough decimals that, printed beside the limit, it reads on the right
    side of it: 49.5 is not shown as '50' next to '(≤ 49.5)'."""
    for more in range(extra, 4):
        text = fmt(value, more)
        if reads_right(_number(text), _number(limit_text)):
            return text
    return fmt(value, 3)


def _number(text: str) -> float:
    return float(text.rstrip("%").replace(",", ""))


def _exact_extra(fmt: Formatter, x: float) -> int:
    """0, or 1 when one more decimal shows a threshold more exactly (49.5, not 50)."""
    return 0 if _trimmed(fmt(x, 1)) == _trimmed(fmt(x, 0)) else 1


def _trimmed(text: str) -> str:
    """'49.50%' -> '49.5', '50.0' -> '50', '50' -> '50'."""
    text = text.rstrip("%")
    return text.rstrip("0").rstrip(".") if "." in text else text

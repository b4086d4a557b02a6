"""Targets, RAG status and trend phrases: small pure functions, each rule spelled out."""

from __future__ import annotations

import itertools
import math

from ctscore.evaluate.model import Status
from ctscore.spec.scorecards import Target


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def goal_value(target: Target, baseline: float | None) -> float | None:
    """The value to reach: the target itself, or the baseline moved by the target's percent."""
    if target.value is not None:
        return target.value
    if is_missing(baseline):
        return None
    return baseline * (1 + target.change_from_baseline / 100)


def status(
    value: float | None,
    goal: float | None,
    target: Target | None,
    lower_is_better: bool,
    enough_data: bool,
    fmt,
) -> Status:
    """Green when the goal is met, amber when missed by at most the margin, red otherwise."""
    if target is None:
        return Status("none", "no target", "no target set for this indicator")
    if is_missing(value) or not enough_data:
        return Status(
            "insufficient", "insufficient data", "too few events behind the value to judge it"
        )
    if goal is None:
        return Status("insufficient", "insufficient data", "no baseline value to set the goal")
    margin = abs(goal) * target.amber_margin / 100
    sign = "≤" if lower_is_better else "≥"
    met = value <= goal if lower_is_better else value >= goal
    close = value <= goal + margin if lower_is_better else value >= goal - margin
    if met:
        return Status("green", "on track", f"green: {fmt(value)} {sign} goal {fmt(goal)}")
    if close:
        return Status(
            "amber",
            "close",
            f"amber: {fmt(value)} misses goal {fmt(goal)} by at most {target.amber_margin:g}%",
        )
    return Status(
        "red",
        "off track",
        f"red: {fmt(value)} misses goal {fmt(goal)} by more than {target.amber_margin:g}%",
    )


def trend(values: list[float | None], noun: str) -> tuple[str, str]:
    """Arrow and phrase for the latest run of rises or falls: ('↓', 'down 3 quarters in a row')."""
    known = [v for v in values if not is_missing(v)]
    if len(known) < 2:
        return "·", "not enough history"
    steps = [b - a for a, b in itertools.pairwise(known)]
    last = steps[-1]
    if last == 0:
        return "→", f"unchanged on the previous {noun}"
    run = 0
    for step in reversed(steps):
        if (step > 0) != (last > 0) or step == 0:
            break
        run += 1
    word = "up" if last > 0 else "down"
    arrow = "↑" if last > 0 else "↓"
    if run == 1:
        return arrow, f"{word} on the previous {noun}"
    return arrow, f"{word} {run} {noun}s in a row"

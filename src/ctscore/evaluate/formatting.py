"""How numbers appear in reports."""

from __future__ import annotations

from ctscore.evaluate.status import is_missing
from ctscore.spec.indicators import Indicator


def value_text(indicator: Indicator, value: float | None) -> str:
    if is_missing(value):
        return "–"
    if indicator.percent:
        return f"{value * 100:,.{max(indicator.decimals - 2, 0) + 1}f}%"
    return f"{value:,.{indicator.decimals}f}"


def change_text(current: float | None, earlier: float | None) -> str:
    if is_missing(current) or is_missing(earlier):
        return "–"
    if earlier == 0:
        return "new" if current else "0%"
    return f"{(current - earlier) / abs(earlier) * 100:+.1f}%"

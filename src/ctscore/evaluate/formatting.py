"""How numbers appear in reports."""

from __future__ import annotations

from ctscore.evaluate.status import is_missing
from ctscore.spec.indicators import Indicator


def value_text(indicator: Indicator, value: float | None, extra_decimals: int = 0) -> str:
    """The value as the indicator declares it: its decimals, as a percent if it is one."""
    if is_missing(value):
        return "–"
    decimals = indicator.decimals + extra_decimals
    if indicator.percent:
        return f"{value * 100:,.{decimals}f}%"
    return f"{value:,.{decimals}f}"


def relative_change(current: float | None, earlier: float | None) -> float | None:
    """The change in percent of the earlier value; None when either is missing or the
    earlier value is 0."""
    if is_missing(current) or is_missing(earlier) or earlier == 0:
        return None
    return (current - earlier) / abs(earlier) * 100


def change_size_text(change: float, in_points: bool) -> str:
    """A change without its sign, e.g. '16.5%' or '2.3 pp'."""
    return f"{abs(change):.1f}" + (" pp" if in_points else "%")


def change_text(current: float | None, earlier: float | None) -> str:
    """Relative change in percent, e.g. '+16.5%'; 'new' when rising from zero."""
    if is_missing(current) or is_missing(earlier):
        return "–"
    if earlier == 0:
        return "new" if current else "±0.0%"
    change = (current - earlier) / abs(earlier) * 100
    return "±0.0%" if round(change, 1) == 0 else f"{change:+.1f}%"


def slope_text(indicator: Indicator, slope: float, sign: bool = False, unit: bool = True) -> str:
    """A trend's slope per period in the indicator's unit: '3.2 attacks', '+1.5 pp'."""
    decimals = indicator.decimals + 1
    if indicator.percent:
        number, name = slope * 100, "pp"
    else:
        number, name = slope, indicator.unit
    text = f"{number:{'+' if sign else ''},.{decimals}f}"
    return f"{text} {name}" if unit else text

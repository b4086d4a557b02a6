"""Revisions: new data often changes earlier periods (late-reported attacks). Each build
records the values every report showed (its edition); the next edition lists the earlier
periods whose values changed since the previous one, and `ctscore diff` prints the same
comparison for CI logs."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

from ctscore.evaluate.formatting import value_text
from ctscore.evaluate.model import Report, Revision
from ctscore.report_data import shown_values
from ctscore.spec.project_spec import ProjectSpec

# (indicator, period, breakdown) -> value; breakdown "" for totals
Values = dict[tuple[str, str, str], float | None]


def edition_values(report: Report) -> list[list]:
    """The values a report showed, as the manifest stores them."""
    return [[r["indicator"], r["period"], r["breakdown"], r["value"]] for r in shown_values(report)]


def as_values(rows: Iterable[list]) -> Values:
    return {(i, p, b): v for i, p, b, v in rows}


def previous_edition(editions: dict[str, list], period: str) -> tuple[str, Values] | None:
    """The latest recorded edition of a scorecard before ``period`` (labels of one period
    type sort in time order: 2024-Q3 < 2024-Q4, FY2023 < FY2024)."""
    earlier = sorted(label for label in editions if label < period)
    return (earlier[-1], as_values(editions[earlier[-1]])) if earlier else None


def changed(
    before: Values, after: Values, spec: ProjectSpec, before_period: str | None = None
) -> list[Revision]:
    """Values present in both whose number changed; with ``before_period``, only periods
    earlier than it (the ones an edition re-reports)."""
    revisions = []
    for key in sorted(before.keys() & after.keys()):
        indicator_id, period, breakdown = key
        old, new = before[key], after[key]
        if before_period is not None and period >= before_period:
            continue
        if _same(old, new) or indicator_id not in spec.indicators:
            continue
        indicator = spec.indicators[indicator_id]
        revisions.append(
            Revision(
                indicator=indicator_id,
                title=indicator.title,
                period=period,
                breakdown=breakdown,
                before=old,
                after=new,
                before_text=value_text(indicator, old),
                after_text=value_text(indicator, new),
                change_text=_difference(indicator, old, new),
            )
        )
    return revisions


def with_revisions(spec: ProjectSpec, report: Report, editions: dict[str, list]) -> Report:
    """The report with its revisions since the previous recorded edition (none recorded:
    unchanged, and the report has no revisions appendix)."""
    previous = previous_edition(editions, report.period)
    if previous is None:
        return report
    label, before = previous
    revisions = changed(before, as_values(edition_values(report)), spec, label)
    return dataclasses.replace(report, previous_edition=label, revisions=tuple(revisions))


def _same(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)


def _difference(indicator, old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return "now has a value" if old is None else "no longer has a value"
    text = value_text(indicator, abs(new - old))
    return f"{'+' if new > old else '-'}{text}"

"""Findings: warnings and notes about the data, each with a severity and a stable rule code.

Nothing that changes a number is silent. Errors stop a command (:class:`ctscore.errors.
UserError`); a *warning* lets it finish, is printed after it, and with ``--strict`` fails it
(exit 2); a *note* states a default that shaped a number (a blank counted as 0, events placed
by their first day). Every finding is a :class:`~ctscore.errors.Diagnostic` with
``severity`` and ``code`` set, located like errors are.

Rule codes are stable names, modelled on pandera's ``SchemaErrorReason``: scripts may match
on them. The codes, with their severity:

===========================  ========  ===================================================
code                         severity  what it means
===========================  ========  ===================================================
``rows_dropped``             warning   rows broke a rule and ``on_error: drop`` left them out
``data_outside_project``     warning   a source's file is a link to a file outside the project
``empty_source``             warning   a source's file has no rows (every count is 0)
``blank_values``             warning   blank cells a measure or filter had to leave out
``blank_category``           warning   a share's denominator rows whose category is blank
``blanks_as_zero``           note      blank cells counted as 0 (``missing: zero``)
``blank_breakdown``          note      rows shown in a breakdown as "(missing)"
``unmatched_filter_value``   warning   a filter value that occurs nowhere in the column
``unmatched_recode_key``     warning   a recode key that occurs nowhere in the column (a note
                                       when it looks like no value of the data: an alias)
``unused_allowed_value``     note      an allowed value that occurs nowhere in the column
``date_precision``           note      rows dated to the week, month or year only; classes
``date_window``              note      events whose date window spans two periods
``partial_period``           note      periods the data covers only in part (flagged partial)
``period_chosen``            note      the period ``latest_complete`` chose, and why not a later
===========================  ========  ===================================================

Stages report findings with :func:`note`; a command gathers them with :func:`collecting`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from ctscore.errors import Diagnostic

_ACTIVE: contextvars.ContextVar[list[Diagnostic] | None] = contextvars.ContextVar(
    "ctscore_findings", default=None
)
SEVERITIES = ("error", "warning", "note")


def note(findings: Iterable[Diagnostic]) -> None:
    """Hand findings to the command that is collecting them (none: they are kept only where
    the caller keeps them, e.g. ``LoadedData.findings``)."""
    active = _ACTIVE.get()
    if active is not None:
        active.extend(f for f in findings if f not in active)


@contextlib.contextmanager
def collecting() -> Iterator[list[Diagnostic]]:
    """Collect the findings noted while the block runs, in the order they came."""
    found: list[Diagnostic] = []
    token = _ACTIVE.set(found)
    try:
        yield found
    finally:
        _ACTIVE.reset(token)


def warnings_of(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [f for f in findings if f.severity == "warning"]


def summary(findings: list[Diagnostic]) -> str:
    """``3 warnings: 30 rows dropped from incidents (on_error: drop); ...`` (empty: none)."""
    warnings = warnings_of(findings)
    if not warnings:
        return ""
    short = "; ".join(dict.fromkeys(_short(w) for w in warnings))
    plural = "s" if len(warnings) != 1 else ""
    return f"{len(warnings)} warning{plural}: {short}"


def _short(finding: Diagnostic) -> str:
    """The message up to its first ';' or '(did you mean', for the one-line summary."""
    text = finding.message.split("; ")[0].split(" (did you mean")[0]
    return text if len(text) <= 100 else text[:97] + "..."


def finding(diagnostic: Diagnostic, code: str, severity: str = "warning") -> Diagnostic:
    """``diagnostic`` (located as usual) as a finding with a rule code."""
    from dataclasses import replace

    return replace(diagnostic, severity=severity, code=code)

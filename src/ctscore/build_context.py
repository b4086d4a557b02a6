"""Facts about a build that reports cite: inputs and their hashes, data quality, the command."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import PurePosixPath

import pandas as pd

from ctscore.adapters import adapter_of
from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.data import LoadedData
from ctscore.data.adapted import unknown_code_notes
from ctscore.errors import Diagnostic, UserError
from ctscore.evaluate.model import BuildFacts, InputFile
from ctscore.findings.dates import window_findings
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import Source


def document_date(period_end: dt.date, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The date a report carries (PDF metadata, cover, embedded fonts).

    ``SOURCE_DATE_EPOCH`` when it is set, as reproducible builds expect; otherwise the
    last day of the reported period, so the same data always gives the same bytes."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.combine(period_end, dt.time(), dt.timezone.utc)
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UserError(
            [
                Diagnostic(
                    "SOURCE_DATE_EPOCH",
                    message=f"must be a whole number of seconds since 1970-01-01, not '{raw}'",
                )
            ]
        ) from None


def issued_basis(environ: Mapping[str, str] = os.environ) -> str:
    """What the report's date is, as its cover labels it (see ``document_date``)."""
    if environ.get("SOURCE_DATE_EPOCH", "").strip():
        return "the build date given by SOURCE_DATE_EPOCH"
    return "the last day of the period reported"


def build_context(
    spec: ProjectSpec,
    data: LoadedData,
    results: pd.DataFrame,
    command: str,
    version: str,
    issued: dt.datetime,
    calendar: Calendar | None = None,
) -> BuildFacts:
    """``data`` is the whole data (inputs are cited whole); ``results`` the card's own;
    ``calendar`` its periods (for the events whose date window spans two of them)."""
    totals = results[results["dimension"] == TOTAL]
    partial = sorted(set(totals.loc[totals["partial"], "period"]))
    return BuildFacts(
        inputs=tuple(
            InputFile(
                _shown_input(spec, table.path, table.source.file),
                table.sha256,
                table.rows_read,
                _citation(table.source),
            )
            for table in data.tables.values()
        ),
        quality=tuple(f"{issue.source} ({issue.file}): {issue}" for issue in data.quality),
        partial_periods=tuple(partial),
        unknown_codes=tuple(unknown_code_notes(data.tables.values())),
        precision=tuple(_precision(spec, data, calendar)),
        findings=tuple(_stated(f) for f in data.findings if f.code != "date_precision"),
        blanks=tuple(_blanks(data)),
        command=command,
        version=version,
        issued=issued.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        issued_basis=issued_basis(),
    )


def _citation(source: Source) -> str:
    """The source's citation, or else the one its adapter gives for the published dataset."""
    return source.citation or adapter_of(source.kind).citation


def _shown_input(spec: ProjectSpec, path, declared: str) -> str:
    """The input file as the project names it. A file linked into the project from
    elsewhere (as examples/ucdp-ged-pakistan suggests for a shared download) is shown by
    the path the source declares, not by where the link points: a report must not carry
    one machine's folders, and the same inputs must give the same bytes anywhere."""
    try:
        return str(path.relative_to(spec.root))
    except ValueError:
        return PurePosixPath(os.path.normpath(declared).replace(os.sep, "/")).as_posix()


def _precision(spec: ProjectSpec, data: LoadedData, calendar: Calendar | None) -> list[str]:
    """Per source: rows dated to the week, month or year only, each coded precision class (UCDP's
    date_prec), and the events whose date window spans two periods."""
    found = [f for f in data.findings if f.code == "date_precision"]
    if calendar is not None:
        found += window_findings(spec, data, calendar, list(data.tables))
    titles = {f"{id_}: ": f"{table.source.title}: " for id_, table in data.tables.items()}
    return [_titled(f.message, titles) + "." for f in found]


def _titled(message: str, titles: dict[str, str]) -> str:
    """A finding's message for the report: led by its source's title, not its id."""
    for prefix, title in titles.items():
        if message.startswith(prefix):
            return title + message[len(prefix) :]
    return message[0].upper() + message[1:]


def _stated(finding: Diagnostic) -> str:
    """A finding for the report's reader: its severity and message, without file:line."""
    return f"{finding.severity.capitalize()} ({finding.code}): {finding.message}."


def _blanks(data: LoadedData) -> list[str]:
    """Blank cells per source and column: ``Incidents: injured 16, killed_max 3.``"""
    from ctscore.cli_tables import blank_cells

    lines = []
    for table in data.tables.values():
        counted = blank_cells(table)
        if counted:
            lines.append(f"{table.source.title} ({table.source.id}): {counted}")
    return lines

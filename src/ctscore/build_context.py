"""Facts about a build that reports cite: inputs and their hashes, data quality, the command."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import PurePosixPath

import pandas as pd

from ctscore.adapters import adapter_of
from ctscore.compute.result import TOTAL
from ctscore.data import LoadedData
from ctscore.data.adapted import unknown_code_notes
from ctscore.data.load import PRECISION
from ctscore.errors import Diagnostic, UserError
from ctscore.evaluate.model import InputFile
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import DateSpec, Source, date_spec


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


def build_context(
    spec: ProjectSpec,
    data: LoadedData,
    results: pd.DataFrame,
    command: str,
    version: str,
    issued: dt.datetime,
) -> dict:
    """``data`` is the whole data (inputs are cited whole); ``results`` the card's own."""
    totals = results[results["dimension"] == TOTAL]
    partial = sorted(set(totals.loc[totals["partial"], "period"]))
    return {
        "inputs": [
            InputFile(
                _shown_input(spec, table.path, table.source.file),
                table.sha256,
                table.rows_read,
                _citation(table.source),
            )
            for table in data.tables.values()
        ],
        "quality": [f"{issue.source} ({issue.file}): {issue}" for issue in data.quality],
        "partial_periods": partial,
        "precision": _precision(data),
        "unknown_codes": unknown_code_notes(data.tables.values()),
        "command": command,
        "version": version,
        "issued": issued.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
    }


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


def _weeks(table) -> dict[str, int]:
    """How many rows the source's adapter codes as known to within a week only."""
    codes = adapter_of(table.source.kind).week_codes
    if codes is None or codes[0] not in table.frame:
        return {}
    weeks = int(table.frame[codes[0]].astype("string").isin(codes[1]).sum())
    return {"week": weeks} if weeks else {}


def _placed(date: DateSpec | None) -> str:
    """Where a row whose day is not known is counted: a date built from parts falls on the
    first day of its month or year; a date column's date (UCDP's date_start, ACLED's
    event_date, often mid-month) is used as the dataset gives it."""
    if date is not None and date.column:
        return f"Such events are counted on the day {date.column} gives."
    return "Such events are placed on the first day of their month or year."


def _precision(data: LoadedData) -> list[str]:
    lines = []
    for table in data.tables.values():
        if PRECISION not in table.frame:
            continue
        counts = table.frame[PRECISION].astype("string").value_counts()
        inexact = {k: int(v) for k, v in counts.items() if k != "day"}
        inexact |= _weeks(table)
        if inexact:
            detail = ", ".join(f"{n:,} known to the {k} only" for k, n in sorted(inexact.items()))
            lines.append(
                f"{table.source.title}: {detail}, of {len(table.frame):,} rows. "
                + _placed(date_spec(table.source))
            )
    return lines

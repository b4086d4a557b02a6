"""Facts about a build that reports cite: inputs and their hashes, data quality, the command."""

from __future__ import annotations

import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.data import LoadedData
from ctscore.data.load import PRECISION
from ctscore.evaluate.model import InputFile
from ctscore.spec.loader import display_path
from ctscore.spec.project_spec import ProjectSpec


def build_context(
    spec: ProjectSpec,
    data: LoadedData,
    results: pd.DataFrame,
    calendar: Calendar,
    command: str,
    version: str,
) -> dict:
    totals = results[results["dimension"] == TOTAL]
    partial = sorted(set(totals.loc[totals["partial"], "period"]))
    return {
        "inputs": [
            InputFile(
                _relative(spec, table.path), table.sha256, table.rows_read, table.source.citation
            )
            for table in data.tables.values()
        ],
        "quality": [f"{issue.source} ({issue.file}): {issue}" for issue in data.quality],
        "partial_periods": partial,
        "precision": _precision(data),
        "command": command,
        "version": version,
    }


def _relative(spec: ProjectSpec, path) -> str:
    try:
        return str(path.relative_to(spec.root))
    except ValueError:
        return display_path(path)


def _precision(data: LoadedData) -> list[str]:
    lines = []
    for table in data.tables.values():
        if PRECISION not in table.frame:
            continue
        counts = table.frame[PRECISION].astype("string").value_counts()
        inexact = {k: int(v) for k, v in counts.items() if k != "day"}
        if inexact:
            detail = ", ".join(f"{n:,} known to the {k} only" for k, n in sorted(inexact.items()))
            lines.append(
                f"{table.source.title}: {detail}, of {len(table.frame):,} rows. Such "
                "events are placed on the first day of their month or year."
            )
    return lines

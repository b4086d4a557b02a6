"""A report as data: the values it shows (for the results CSV embedded in the PDF and for the
revisions of the next edition) and the spec files it was built from."""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass

from ctscore.evaluate.model import Report
from ctscore.spec.loader import CONFIG_FILE
from ctscore.spec.project_spec import ProjectSpec

TOTAL = ""  # the breakdown of a value that is not broken down


@dataclass(frozen=True)
class ReportAttachment:
    """A file embedded in the PDF."""

    name: str
    content: bytes
    mime_type: str
    description: str

    @property
    def data_url(self) -> str:
        """As a data: URL, so the embedded file's type does not depend on the machine's
        MIME database (the same project gives the same bytes everywhere)."""
        return f"data:{self.mime_type};base64,{base64.b64encode(self.content).decode()}"


def shown_values(report: Report) -> list[dict]:
    """Every number the report shows: each indicator's trend (totals by period) and its
    breakdown in the reported period."""
    rows = []
    for indicator in report.indicators():
        for point in indicator.trend:
            rows.append(_row(indicator, point.period, TOTAL, point.value))
        for share in indicator.breakdown:
            rows.append(_row(indicator, report.period, share.name, share.value))
    return rows


def _row(indicator, period: str, breakdown: str, value: float | None) -> dict:
    return {
        "indicator": indicator.id,
        "period": period,
        "breakdown": breakdown,
        "value": value,
        "unit": indicator.unit,
    }


def results_csv(report: Report) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(
        stream, ["indicator", "period", "breakdown", "value", "unit"], lineterminator="\n"
    )
    writer.writeheader()
    for row in shown_values(report):
        writer.writerow({**row, "value": "" if row["value"] is None else repr(row["value"])})
    return stream.getvalue().encode("utf-8")


def spec_files(spec: ProjectSpec) -> dict[str, bytes]:
    """ctscore.yaml and every spec file, by path inside the project."""
    from ctscore.manifest import spec_paths

    found = {CONFIG_FILE: spec.root / CONFIG_FILE}
    found.update((p.relative_to(spec.root).as_posix(), p) for p in spec_paths(spec))
    return {name: path.read_bytes() for name, path in found.items()}


def report_attachments(spec: ProjectSpec, report: Report) -> tuple[ReportAttachment, ...]:
    """The results CSV and the spec files, embedded so the PDF carries its own numbers and
    their definitions."""
    results = ReportAttachment(
        f"{report.scorecard_id}-{report.period}-results.csv",
        results_csv(report),
        "text/csv",
        "The values this report shows, by indicator, period and breakdown value.",
    )
    specs = [
        ReportAttachment(name, content, "text/plain", "Spec file this report was built from.")
        for name, content in spec_files(spec).items()
    ]
    return (results, *specs)

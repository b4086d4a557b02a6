"""Builds that know what changed: skip reports whose inputs are unchanged (see
``ctscore.manifest``), rebuild the rest with ``pipeline.build``, and record them."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from ctscore.errors import Diagnostic
from ctscore.evaluate.model import Report
from ctscore.findings import collecting, note, warnings_of
from ctscore.manifest import Inputs, Manifest, entry_name
from ctscore.pipeline import BuildRequest, Progress, Warn, build, chosen_scorecards
from ctscore.revisions import edition_values, with_revisions
from ctscore.spec.loader import load_project_spec


@dataclass
class BuildSummary:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)  # manifest names of skipped reports
    current: list[Path] = field(default_factory=list)  # the files of the skipped reports
    out_of_date: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    warnings: int = 0
    seconds: float = 0.0

    def line(self, check: bool) -> str:
        if check:
            stale = len(self.out_of_date)
            return f"{stale} out of date, {len(self.up_to_date)} up to date."
        warned = f", {self.warnings} warning{'s' if self.warnings != 1 else ''}"
        return (
            f"{len(self.written)} file{'s' if len(self.written) != 1 else ''} written, "
            f"{len(self.up_to_date)} up to date{warned}, {self.seconds:.1f} s."
        )

    def as_json(self) -> dict:
        return {
            "written": [str(p) for p in self.written],
            "up_to_date": self.up_to_date,
            "current": [str(p) for p in self.current],
            "out_of_date": [{"report": n, "reason": r} for n, r in self.out_of_date],
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
        }


def build_changed(
    request: BuildRequest,
    force: bool = False,
    check: bool = False,
    progress: Progress = lambda *_: None,
    warn: Warn = lambda _: None,
) -> BuildSummary:
    """Build the requested reports whose inputs changed (all with ``force``); with ``check``,
    only say which are out of date, writing nothing."""
    started = time.perf_counter()
    summary = BuildSummary()
    spec = load_project_spec(request.project)
    cards = chosen_scorecards(spec, request.scorecards, request.period)
    out_dir = request.out_dir or spec.path(spec.config.paths.reports)
    inputs, manifest = Inputs.of(spec), Manifest.read(out_dir)
    keys = {
        card.id: inputs.key(card, request.period, request.formats, (request.start, request.end))
        for card in cards
    }
    stale = []
    for card in cards:
        name = entry_name(card, request.period)
        reason = "--force" if force else manifest.staleness(name, keys[card.id])
        if reason:
            stale.append(card)
            summary.out_of_date.append((name, reason))
        else:
            summary.up_to_date.append(name)
            summary.current += [out_dir / file for file in manifest.reports[name]["files"]]
            # an up-to-date report still states what its build warned of (and --strict fails)
            replayed = [Diagnostic(**f) for f in manifest.reports[name].get("findings", [])]
            note(replayed)
            summary.warnings += len(warnings_of(replayed))
    if stale and not check:

        def counted(message: str) -> None:
            summary.warnings += 1
            warn(message)

        def revise(report: Report) -> Report:
            editions = manifest.editions.setdefault(report.scorecard_id, {})
            revised = with_revisions(spec, report, editions)
            shown[report.scorecard_id] = (report.period, edition_values(report))
            return revised

        shown: dict[str, tuple[str, list]] = {}
        only_stale = dataclasses.replace(request, scorecards=tuple(c.id for c in stale))
        with collecting() as found:
            summary.written = build(only_stale, progress, counted, revise, spec)
        note(found)  # to the command's own collection, which prints them
        summary.warnings += len(warnings_of(found))
        recorded = [dataclasses.asdict(finding) for finding in found]
        for card_id, (period, values) in shown.items():
            manifest.editions[card_id][period] = values
        for card in stale:
            files = [p for p in summary.written if p.name.startswith(f"{card.id}-")]
            name = entry_name(card, request.period)
            manifest.record(name, keys[card.id], files, findings=recorded)
        manifest.write(inputs)
    summary.seconds = time.perf_counter() - started
    return summary

"""The pipeline, one step per subpackage: load spec -> load data -> compute -> evaluate ->
render -> write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ctscore import __version__
from ctscore.build_context import build_context, document_date
from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.compute.region import select_region
from ctscore.data import LoadedData, load_data
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.evaluate import choose_period, evaluate_scorecard
from ctscore.evaluate.effects import with_effects
from ctscore.evaluate.model import Report
from ctscore.evaluate.sensitivity import with_sensitivity
from ctscore.evaluate.side_by_side import evaluate_side_by_side, side_by_side_ids
from ctscore.render.pdf import load_weasyprint
from ctscore.render.theme import template_folders
from ctscore.report_data import report_attachments
from ctscore.spec.loader import load_project_spec
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.write import publish_together

FORMATS = ("pdf", "html")

# progress(step, done, total): called before each scorecard and once when all are rendered.
Progress = Callable[[str, int, int], None]
Warn = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    project: Path = Path(".")
    scorecards: tuple[str, ...] = ()  # empty: every scorecard of the project
    period: str | None = None
    formats: tuple[str, ...] = ("pdf",)
    out_dir: Path | None = None
    start: str | None = None  # --from: first period shown (a label or a day)
    end: str | None = None  # --to: last period computed, so also the latest reportable
    jobs: int | None = None  # processes rendering at once; None: one per core


def build(
    request: BuildRequest,
    progress: Progress = lambda *_: None,
    warn: Warn = lambda _: None,
    revise: Callable[[Report], Report] = lambda report: report,
    spec: ProjectSpec | None = None,
) -> list[Path]:
    """Build the requested scorecards; return the files written. ``revise`` sees each
    report before it is rendered (``ctscore.incremental`` adds its revisions there);
    ``spec``: the project's specs when the caller has loaded them already.

    Every file is rendered before any is written, and all are published together: a failed
    build leaves the previous reports untouched."""
    # The renderer (matplotlib) is imported here, not with the module: `build --check` uses
    # this module to choose the scorecards and renders nothing.
    from ctscore.render.parallel import RenderJob, render_all, worker_count

    if "pdf" in request.formats:
        load_weasyprint()  # fail before the work if the system libraries are missing
    spec = spec or load_project_spec(request.project)
    cards = chosen_scorecards(spec, request.scorecards, request.period)
    data = load_data(spec)
    folders = tuple(template_folders(spec.path(spec.config.paths.templates)))
    out_dir = request.out_dir or spec.path(spec.config.paths.reports)
    jobs: list[RenderJob] = []
    for card in cards:
        progress(card.id, 0, len(cards))
        span = (request.start, request.end)
        report, issued = evaluate_card(spec, data, card, request.period, span)
        report = revise(report)
        attachments = report_attachments(spec, report) if "pdf" in request.formats else ()
        stem = out_dir / f"{card.id}-{report.period}"
        jobs.append(RenderJob(report, stem, folders, request.formats, issued, attachments))
    # Drawing and WeasyPrint are most of a build: several scorecards render in parallel.
    workers = worker_count(len(jobs), request.jobs)
    finished: list[RenderJob] = []

    def rendered(job: RenderJob) -> None:  # the bar counts scorecards rendered
        finished.append(job)
        if len(finished) < len(jobs):
            progress(f"{job.report.scorecard_id} done", len(finished), len(jobs))

    files: dict[Path, bytes] = {}
    for card_files in render_all(jobs, workers, rendered):
        for message in card_files.warnings:
            warn(message)
        files.update(card_files.files)
    progress("writing", len(cards), len(cards))
    return publish_together(files)


def final_html(request: BuildRequest, scorecard: str) -> tuple[str, list[Path]]:
    """The HTML that WeasyPrint turns into ``scorecard``'s PDF, and the template folders
    (for ``bench/render.py``, which times WeasyPrint alone on it)."""
    spec = load_project_spec(request.project)
    data = load_data(spec)
    report, _ = evaluate_card(spec, data, spec.scorecards[scorecard], request.period)
    from ctscore.render.html import render_html

    folders = template_folders(spec.path(spec.config.paths.templates))
    return render_html(report, folders), folders


def evaluate_card(
    spec: ProjectSpec,
    data: LoadedData,
    card: Scorecard,
    period: str | None = None,
    span: tuple[str | None, str | None] = (None, None),
) -> tuple[Report, dt.datetime]:
    """One scorecard's frozen Report (what the templates see), and its document date;
    ``span``: the first and last periods computed (--from, --to)."""
    calendar = _calendar(spec, card)
    ids = [entry.indicator for entry in card.entries()]
    own = select_region(spec, data, card)
    by = [card.breakdown] if card.breakdown else []
    start, end = span
    results = compute(spec, own, calendar, ids, by, start or card.start, end)
    chosen = choose_period(spec, card, results, calendar, period)
    issued = document_date(chosen.end_time.date())
    # The report cites the command that rebuilds it, not the one that ran: its bytes depend
    # on its inputs only, not on -o, --quiet or which other scorecards were built with it.
    bounds = [*(["--from", start] if start else []), *(["--to", end] if end else [])]
    command = shlex.join(
        ["ctscore", "build", "--scorecard", card.id, "--period", calendar.label(chosen), *bounds]
    )
    facts = build_context(spec, data, results, command, __version__, issued, calendar)
    report = evaluate_scorecard(spec, card, results, calendar, chosen, facts)
    if card.side_by_side:  # computed apart: each source has its own breakdown columns
        sides = compute(spec, own, calendar, side_by_side_ids(card), [], start or card.start, end)
        compared = evaluate_side_by_side(spec, card, sides, calendar, chosen)
        report = dataclasses.replace(report, side_by_side=compared)
    report = with_sensitivity(with_effects(report, spec, own, card), spec, own, calendar, card)
    return report, issued


def _calendar(spec: ProjectSpec, card: Scorecard) -> Calendar:
    return Calendar.for_project(spec.config, card.period_type)


def chosen_scorecards(spec: ProjectSpec, wanted: tuple[str, ...], period: str | None):
    if not spec.scorecards:
        raise UserError(
            [
                Diagnostic(
                    str(spec.root),
                    message="the project declares no scorecards; "
                    "add a 'scorecards:' list to a spec file",
                )
            ]
        )
    unknown = [w for w in wanted if w not in spec.scorecards]
    if unknown:
        raise UserError(
            [
                Diagnostic(
                    "ctscore build",
                    message=f"unknown scorecard '{w}'"
                    f"{did_you_mean(w, spec.scorecards)}; the project has: "
                    + ", ".join(spec.scorecards),
                )
                for w in unknown
            ]
        )
    if wanted:
        return [spec.scorecards[w] for w in dict.fromkeys(wanted)]
    cards = list(spec.scorecards.values())
    if period is None:
        return cards
    # `--period 2024-Q1` alone builds the scorecards whose periods are named that way.
    fitting = [card for card in cards if _names_a_period(_calendar(spec, card), period)]
    if not fitting:
        kinds = sorted({_calendar(spec, c).noun for c in cards})
        raise UserError(
            [
                Diagnostic(
                    "ctscore build --period",
                    message=f"'{period}' names no period of this project's scorecards "
                    f"({', '.join(kinds)}); write it like 2024-Q1, 2024-03, 2024 or FY2024",
                )
            ]
        )
    return fitting


def _names_a_period(calendar: Calendar, label: str) -> bool:
    try:
        calendar.parse(label)
    except ValueError:
        return False
    return True

"""The pipeline, one step per subpackage: load spec -> load data -> compute -> evaluate ->
render -> write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ctscore import __version__
from ctscore.build_context import build_context
from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.data import load_data
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.evaluate import choose_period, evaluate_scorecard
from ctscore.render.html import render_html, template_folders
from ctscore.render.pdf import render_pdf
from ctscore.spec.loader import load_project_spec
from ctscore.write import write_atomic

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class BuildRequest:
    project: Path = Path(".")
    scorecards: tuple[str, ...] = ()  # empty: every scorecard of the project
    period: str | None = None
    formats: tuple[str, ...] = ("pdf",)
    out_dir: Path | None = None
    command: str = "ctscore build"


def build(request: BuildRequest, progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Build the requested scorecards; return the files written."""
    spec = load_project_spec(request.project)
    cards = _chosen_scorecards(spec, request.scorecards)
    data = load_data(spec)
    folders = template_folders(spec.path(spec.config.paths.templates))
    out_dir = request.out_dir or spec.path(spec.config.paths.reports)
    rendered: list[tuple[Path, bytes]] = []
    for card in cards:
        progress(card.id)
        calendar = Calendar(
            card.period_type or spec.config.default_period_type, spec.config.fiscal_year_start_month
        )
        ids = [entry.indicator for entry in card.entries()]
        results = compute(spec, data, calendar, ids, by=[card.breakdown] if card.breakdown else [])
        period = choose_period(card, results, calendar, request.period)
        context = build_context(spec, data, results, calendar, request.command, __version__)
        report = evaluate_scorecard(spec, card, results, calendar, period, context)
        stem = f"{card.id}-{report.period}"
        if "html" in request.formats:
            html = render_html(report, folders, standalone=True)
            rendered.append((out_dir / f"{stem}.html", html.encode("utf-8")))
        if "pdf" in request.formats:
            pdf, _refused = render_pdf(render_html(report, folders), folders)
            rendered.append((out_dir / f"{stem}.pdf", pdf))
    # Write only once everything rendered: a failed build leaves earlier reports untouched.
    return [write_atomic(path, content) for path, content in rendered]


def _chosen_scorecards(spec, wanted: tuple[str, ...]):
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
    return [spec.scorecards[w] for w in wanted] if wanted else list(spec.scorecards.values())

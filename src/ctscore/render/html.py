"""Render a Report to HTML with Jinja2: autoescaped, project templates first (MkDocs-style)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ctscore.evaluate.model import Report
from ctscore.render import charts

THEME = Path(__file__).resolve().parent.parent / "theme"


def template_folders(project_templates: Path | None) -> list[Path]:
    """Folders searched for templates and CSS, the project's own first."""
    folders = [project_templates] if project_templates and project_templates.is_dir() else []
    return [*folders, THEME]


def environment(folders: list[Path]) -> Environment:
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: Report, folders: list[Path], standalone: bool = False) -> str:
    """The report as HTML. ``standalone`` inlines the CSS so the file works on its own."""
    env = environment(folders)
    figures = {
        ind.id: {
            "trend": charts.trend_chart(ind, report.events, report.period_noun),
            "spark": charts.sparkline(ind),
            "bars": charts.breakdown_chart(ind) if ind.breakdown else "",
        }
        for ind in report.indicators()
    }
    css = env.loader.get_source(env, "scorecard.css")[0] if standalone else None
    stylesheet = (folders_with(folders, "scorecard.css")).as_uri()
    return env.get_template("scorecard.html").render(
        report=report, figures=figures, inline_css=css, stylesheet=stylesheet
    )


def folders_with(folders: list[Path], name: str) -> Path:
    return next(folder / name for folder in folders if (folder / name).is_file())

"""Render a Report to HTML with Jinja2: autoescaped, project templates first (MkDocs-style).

A file in the project's templates folder replaces the built-in file of the same name
(``cover.html``, ``indicator.html``, ``scorecard.css``...). An override can also extend
the built-in version and change only some blocks: ``{% extends "theme/cover.html" %}``.
An ``extra.css`` in the project's folder is loaded after the theme's stylesheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment

from ctscore.evaluate.model import Report
from ctscore.render import charts
from ctscore.render.chart_cache import cached_chart
from ctscore.render.effect_charts import effect_chart
from ctscore.render.sandbox import located_template_errors, sandboxed_environment
from ctscore.render.side_charts import side_by_side_chart
from ctscore.render.theme import THEME

STYLESHEETS = ("scorecard.css", "extra.css")  # the theme's (or its override), then additions


def environment(folders: list[Path]) -> Environment:
    return sandboxed_environment(folders, THEME, {"longdate": long_date})


def long_date(iso: str) -> str:
    """'2024-12-31T00:00:00+00:00' -> '31 December 2024'."""
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B %Y}"


def figures_for(report: Report, draw: bool = True) -> dict[str, dict[str, str]]:
    """Every chart of the report, as SVG text, by indicator id (``side-by-side-<n>`` and
    ``effect:<id>`` for the comparisons and policy effects). ``draw=False`` gives the same
    keys with empty charts, for checking templates without the cost of drawing."""

    def svg(chart, *args) -> str:
        return cached_chart(chart, *args) if draw else ""

    figures = {
        ind.id: {
            "trend": svg(
                charts.trend_chart, ind, report.events, report.period_noun, report.baseline_periods
            ),
            "spark": charts.sparkline(ind) if draw else "",  # a few hand-written elements
        }
        for ind in report.indicators()
    }
    for index, comparison in enumerate(report.side_by_side):  # keys no indicator id can take
        figures[f"side-by-side-{index}"] = {
            "chart": svg(side_by_side_chart, comparison, str(index))
        }
    for effect in report.effects:
        figures[f"effect:{effect.id}"] = {"chart": svg(effect_chart, effect)}
    return figures


def stylesheets(folders: list[Path]) -> list[Path]:
    """The CSS files a report uses, in cascade order."""
    found = []
    for name in STYLESHEETS:
        path = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if path is not None:
            found.append(path)
    return found


def render_html(
    report: Report,
    folders: list[Path],
    *,
    standalone: bool = False,
    figures: dict[str, dict[str, str]] | None = None,
) -> str:
    """The report as HTML. ``standalone`` inlines the CSS so the file works on its own;
    otherwise the stylesheets are linked, for WeasyPrint to fetch from the folders."""
    css = stylesheets(folders)
    with located_template_errors(folders):
        return (
            environment(folders)
            .get_template("scorecard.html")
            .render(
                report=report,
                figures=figures if figures is not None else figures_for(report),
                standalone=standalone,
                inline_css=[path.read_text(encoding="utf-8") for path in css] if standalone else [],
                stylesheets=[path.as_uri() for path in css] if not standalone else [],
            )
        )

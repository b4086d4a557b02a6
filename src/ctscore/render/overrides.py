"""Check a project's template overrides, for ``ctscore validate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctscore.errors import Diagnostic, UserError
from ctscore.render.sandbox import check_templates
from ctscore.render.theme import THEME
from ctscore.spec.project_spec import ProjectSpec

if TYPE_CHECKING:  # the data stage imports pandas, which a plain `ctscore validate` skips
    from ctscore.data import LoadedData


def check_overrides(spec: ProjectSpec, data: LoadedData | None = None) -> list[Diagnostic]:
    """Problems of the overrides that show without data (syntax, links); with ``data``, also
    those that show only when each scorecard renders (an unknown attribute such as
    ``report.scorecard_idd``)."""
    folder = spec.path(spec.config.paths.templates)
    problems = check_templates(folder, THEME)
    if problems or data is None or not folder.is_dir():
        return problems
    # Imported only when scorecards render: a plain `ctscore validate` needs neither
    # matplotlib nor the statistics (seconds of imports).
    from ctscore.pipeline import evaluate_card
    from ctscore.render.html import figures_for, render_html
    from ctscore.render.theme import template_folders

    folders = template_folders(folder)
    for card in spec.scorecards.values():
        report, _ = evaluate_card(spec, data, card)
        try:
            render_html(report, folders, figures=figures_for(report, draw=False))
        except UserError as error:
            problems += [d for d in error.diagnostics if d not in problems]
    return problems

"""Build-time problems with a scorecard, located at its declaration when possible."""

from __future__ import annotations

from ctscore.errors import Diagnostic, UserError
from ctscore.spec.diagnostics import shown_path
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard


def scorecard_error(spec: ProjectSpec, card: Scorecard, subpath: tuple, message: str) -> UserError:
    """``file:line:col: scorecards[id].subpath: message`` for the scorecard's YAML."""
    origin = spec.origins.get(("scorecards", card.id))
    if origin is None:
        return UserError([Diagnostic(f"scorecard '{card.id}'", message=message)])
    path = (*origin.path, *subpath)
    return UserError([origin.doc.diagnostic(path, message, shown_path(origin.doc.data, path))])

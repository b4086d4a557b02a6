"""Build-time problems with a scorecard, located at its declaration."""

from __future__ import annotations

from ctscore.errors import UserError
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard


def scorecard_error(spec: ProjectSpec, card: Scorecard, subpath: tuple, message: str) -> UserError:
    """``file:line:col: scorecards[id].subpath: message`` for the scorecard's YAML."""
    return UserError([spec.diagnostic("scorecards", card.id, subpath, message)])

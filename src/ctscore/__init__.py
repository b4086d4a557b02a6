"""ctscore: counterterrorism policy indicators from YAML to PDF scorecards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctscore.errors import Diagnostic, UserError

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ctscore.api import Project, load_project

__all__ = ["Diagnostic", "Project", "UserError", "__version__", "load_project"]


def __getattr__(name: str):
    # The notebook API needs pandas and the engine; `ctscore --help` and `ctscore schema`
    # should not pay for them, so it is imported on first use.
    if name in ("Project", "load_project"):
        from ctscore import api

        return getattr(api, name)
    raise AttributeError(f"module 'ctscore' has no attribute {name!r}")

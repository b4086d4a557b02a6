"""ctscore: counterterrorism policy indicators from YAML to PDF scorecards."""

__version__ = "0.1.0"

from ctscore.api import Project, load_project
from ctscore.errors import Diagnostic, UserError

__all__ = ["Diagnostic", "Project", "UserError", "__version__", "load_project"]

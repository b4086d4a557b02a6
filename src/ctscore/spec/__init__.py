"""load spec: the YAML spec language (pydantic models) and its line-aware loader."""

from ctscore.spec.loader import load_project_spec
from ctscore.spec.project_spec import ProjectSpec

__all__ = ["ProjectSpec", "load_project_spec"]

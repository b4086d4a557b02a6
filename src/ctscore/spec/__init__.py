"""load spec: the YAML spec language (pydantic models) and its line-aware loader."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctscore.spec.loader import load_project_spec
    from ctscore.spec.project_spec import ProjectSpec

__all__ = ["ProjectSpec", "load_project_spec"]


def __getattr__(name: str):
    # Importing a model module (ctscore.spec.base) must not load the loader and, through
    # the expression checks, numpy and pandas: `ctscore --help` stays instant.
    if name == "load_project_spec":
        from ctscore.spec.loader import load_project_spec

        return load_project_spec
    if name == "ProjectSpec":
        from ctscore.spec.project_spec import ProjectSpec

        return ProjectSpec
    raise AttributeError(f"module 'ctscore.spec' has no attribute {name!r}")

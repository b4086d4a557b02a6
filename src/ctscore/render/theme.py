"""Where the built-in theme lives: its own module, so that checking templates (``ctscore
validate``) needs neither matplotlib nor the statistics the renderer imports."""

from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "theme"


def template_folders(project_templates: Path | None) -> list[Path]:
    """Folders searched for templates and CSS, the project's own first, the theme last."""
    folders = [project_templates] if project_templates and project_templates.is_dir() else []
    return [*folders, THEME]

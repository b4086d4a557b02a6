"""`ctscore init [FOLDER]`: a small working project to start from, never over existing files."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ctscore.errors import Diagnostic, UserError
from ctscore.spec.reference import SCHEMA_FILES
from ctscore.spec.schema import json_schema

# file in the package's scaffold folder -> where it goes in the new project
SCAFFOLD = {
    "ctscore.yaml": "ctscore.yaml",
    "data/sources.yaml": "data/sources.yaml",
    "data/events.csv": "data/events.csv",
    "indicators/indicators.yaml": "indicators/indicators.yaml",
    "indicators/tests.yaml": "indicators/tests.yaml",
    "gitignore": ".gitignore",
    "github-workflow.yml": ".github/workflows/scorecards.yml",
}


def project_files() -> dict[str, str]:
    """Every file of a new project, by path inside it: the scaffold and the JSON Schemas the
    YAML files' `$schema` lines point to."""
    scaffold = resources.files("ctscore") / "scaffold"
    files = {
        target: (scaffold / source).read_text(encoding="utf-8")
        for source, target in SCAFFOLD.items()
    }
    for kind, name in SCHEMA_FILES.items():
        files[f"schema/{name}"] = json.dumps(json_schema(kind), indent=2) + "\n"
    return files


def init_project(folder: Path) -> list[Path]:
    """Write a new project into ``folder`` (created if needed); refuse, writing nothing,
    when any of its files already exists."""
    files = project_files()
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        raise UserError(
            [
                Diagnostic(
                    str(folder / name),
                    message="already exists; ctscore init never overwrites a file "
                    "(choose an empty folder: ctscore init NEW_FOLDER)",
                )
                for name in existing
            ]
        )
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

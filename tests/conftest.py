"""Shared fixtures: tiny projects written from inline YAML."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ctscore.data import LoadedData, load_data
from ctscore.errors import UserError
from ctscore.spec.loader import load_project_spec

CONFIG = "name: Test project\n"
# The hint a rule's error ends with, written out here (not imported) so a change shows.
DROP = (
    "; or set 'on_error: drop' on the source to leave such rows out (they are then counted "
    "nowhere, and each build warns how many were dropped)"
)
EVENTS_CSV = "id,date,province,killed\n1,2024-01-05,Punjab,2\n2,2024-02-10,Sindh,0\n"
SOURCES = """\
sources:
  - id: events
    title: Events
    file: events.csv
    date: {column: date}
    columns:
      id: {type: integer, unique: true}
      date: {type: date}
      province: {type: category}
      killed: {type: integer, min: 0}
"""


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write a project: ctscore.yaml, one source with a CSV, plus the given files."""
    contents = {
        "ctscore.yaml": CONFIG,
        "data/sources.yaml": SOURCES,
        "events.csv": EVENTS_CSV,
        **files,
    }
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "indicators").mkdir(exist_ok=True)
    return root


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Write a project and run from its folder, so messages show relative paths."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str] | None = None) -> Path:
        return write_project(tmp_path, files or {})

    return make


def spec_errors(root: Path) -> list[str]:
    """The diagnostics loading the project gives, as printed."""
    try:
        load_project_spec(root)
    except UserError as error:
        return [str(d) for d in error.diagnostics]
    return []


def load_project_data(root: Path) -> LoadedData:
    """Load a project's specs, then its data."""
    return load_data(load_project_spec(root))


def data_errors(root: Path) -> list[str]:
    """The diagnostics loading the project's data gives, as printed (it must fail)."""
    with pytest.raises(UserError) as info:
        load_project_data(root)
    return [str(d) for d in info.value.diagnostics]

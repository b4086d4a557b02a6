"""Findings on how a source's file was read, so nothing is read unnoticed.

- A source's ``file:`` is a path inside the project, but it may be a symbolic link to a
  shared copy elsewhere (a licensed dataset kept out of the repository): ctscore reads it.
  A project received from someone else could link to any file on the machine, so every
  command that reads the data names each file it read from outside the project
  (``data_outside_project``).
- A source with no rows (a CSV with only its header) is a source in which nothing happened:
  every count over its declared coverage is 0, and the report says the data covers those
  periods. Since an empty file is more often a mistake, it is a warning (``empty_source``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctscore.errors import Diagnostic
from ctscore.findings import finding
from ctscore.spec.project_spec import ProjectSpec

if TYPE_CHECKING:
    from ctscore.data.load import Table


def notice_findings(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    """A warning if the table's file lies outside the project, and one if it has no rows."""
    return _outside_link(spec, table) + _no_rows(spec, table)


def _outside_link(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    source = table.source
    target = spec.path(source.file).resolve()
    if target.is_relative_to(spec.root.resolve()):
        return []
    message = (
        f"source '{source.id}' reads {target}, outside the project (through a symbolic "
        "link); check that you expect this"
    )
    located = spec.diagnostic("sources", source.id, ("file",), message)
    return [finding(located, "data_outside_project")]


def _no_rows(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    if len(table.frame) > 0:
        return []
    source = table.source
    covered = (
        f"; every count from {source.coverage_start} to {source.coverage_end} is 0"
        if source.coverage_start and source.coverage_end
        else ""
    )
    message = f"source '{source.id}' has no rows{covered}"
    return [finding(spec.diagnostic("sources", source.id, ("file",), message), "empty_source")]

"""What a build says on the terminal about the data it read, so nothing is read unnoticed.

- A source's ``file:`` is a path inside the project, but it may be a symbolic link to a
  shared copy elsewhere (a licensed dataset kept out of the repository): ctscore reads it.
  A project received from someone else could link to any file on the machine, so the build
  names each file it read from outside the project.
- A source with no rows (a CSV with only its header) is a source in which nothing happened:
  every count over its declared coverage is 0, and the report says the data covers those
  periods. The build says so, since an empty file is more often a mistake."""

from __future__ import annotations

from ctscore.data.load import LoadedData
from ctscore.errors import display_path
from ctscore.spec.project_spec import ProjectSpec


def data_notices(spec: ProjectSpec, data: LoadedData) -> list[str]:
    """A warning line for each linked file outside the project and each source without rows."""
    return outside_links(spec) + empty_sources(spec, data)


def outside_links(spec: ProjectSpec) -> list[str]:
    root = spec.root.resolve()
    warnings = []
    for source in spec.sources.values():
        target = spec.path(source.file).resolve()
        if not target.is_relative_to(root):
            warnings.append(
                f"warning: {display_path(spec.root / source.file)}: source '{source.id}' "
                f"reads {target}, outside the project (through a symbolic link); check that "
                "you expect this"
            )
    return warnings


def empty_sources(spec: ProjectSpec, data: LoadedData) -> list[str]:
    warnings = []
    for source_id, table in data.tables.items():
        if len(table.frame) == 0:
            source = table.source
            covered = (
                f"; every count from {source.coverage_start} to {source.coverage_end} is 0"
                if source.coverage_start and source.coverage_end
                else ""
            )
            warnings.append(
                f"warning: {display_path(spec.root / source.file)}: source '{source_id}' has "
                f"no rows{covered}"
            )
    return warnings

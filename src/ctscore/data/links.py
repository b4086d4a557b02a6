"""Data files that are links to files outside the project.

A source's ``file:`` is a path inside the project, but it may be a symbolic link to a
shared copy elsewhere (a licensed dataset kept out of the repository): ctscore reads it.
Since a project received from someone else could link to any file on the machine, a build
says which files it read from outside the project, so nothing is read unnoticed."""

from __future__ import annotations

from ctscore.errors import display_path
from ctscore.spec.project_spec import ProjectSpec


def outside_links(spec: ProjectSpec) -> list[str]:
    """A warning for each source whose file resolves outside the project folder."""
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

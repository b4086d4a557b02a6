"""Safe YAML loading that remembers where every node came from.

Locations are kept *outside* the data (a dict from path tuple to line/column), so
the pydantic models stay plain while every error can still point at a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ctscore.errors import Diagnostic, UserError

PathKey = tuple[Any, ...]


@dataclass(frozen=True)
class Location:
    line: int
    column: int


@dataclass
class YamlFile:
    """A parsed YAML file: its data and the location of each node by path."""

    display: str
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, path: PathKey) -> Location | None:
        """Location of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path)

    def diagnostic(self, path: PathKey, message: str, shown_path: str = "") -> Diagnostic:
        location = self.locate(path)
        return Diagnostic(
            file=self.display,
            line=location.line if location else None,
            column=location.column if location else None,
            path=shown_path,
            message=message,
        )


def load_yaml(path: Path, display: str) -> YamlFile:
    """Parse ``path`` with the safe loader; raise UserError for malformed YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise UserError([Diagnostic(display, message=f"not UTF-8 text ({error.reason})")]) from None
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> YamlFile:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        locations: dict[PathKey, Location] = {}
        errors: list[Diagnostic] = []
        data = _build(loader, node, (), locations, errors, display) if node else None
    except yaml.MarkedYAMLError as error:
        raise UserError([_syntax_diagnostic(error, display)]) from None
    finally:
        loader.dispose()
    if errors:
        raise UserError(errors)
    return YamlFile(display, data, locations)


def _mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(loader, node, path, locations, errors, display) -> Any:
    locations.setdefault(path, _mark(node))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                errors.append(_duplicate_key(display, key, _mark(key_node), first_seen[key]))
                continue
            first_seen[key] = _mark(key_node)
            # An error about a key's value points at the key's line: that is where users look.
            locations[(*path, key)] = _mark(key_node)
            result[key] = _build(loader, value_node, (*path, key), locations, errors, display)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, index), locations, errors, display)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def _duplicate_key(display: str, key: Any, where: Location, first: Location) -> Diagnostic:
    return Diagnostic(
        display,
        where.line,
        where.column,
        str(key),
        f"duplicate key '{key}' (first defined on line {first.line}); remove one of them",
    )


def _syntax_diagnostic(error: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if "'\\t'" in problem or "\t" in (problem or ""):
        message = "tab character: YAML indentation must use spaces, not tabs"
    else:
        message = f"invalid YAML: {problem}"
        if error.context:
            message += f" ({error.context}"
            if error.context_mark and error.context_mark is not mark:
                message += f" on line {error.context_mark.line + 1}"
            message += ")"
        if "mapping values are not allowed" in problem:
            message += "; check the indentation and quote text that contains ': '"
    return Diagnostic(
        display,
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        message=message,
    )

"""Safe YAML loading that remembers where every node came from.

Locations are kept *outside* the data (a dict from path tuple to line/column), so
the pydantic models stay plain while every error can still point at a line.

Hostile or broken files fail fast with a located message instead of a crash: aliases
that expand to too many nodes ("billion laughs"), recursive aliases, lists or mappings
used as keys, bytes that are not UTF-8, control characters and very deep nesting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ctscore.errors import Diagnostic, UserError
from ctscore.spec.yamlsize import Location, YamlProblem, check_size, dotted, mark

PathKey = tuple[Any, ...]

# Spec files are written by hand: the bundled project's largest is about 10 KB. Parsing a
# 10 MB file took half a minute and 550 MB, so larger files are refused before parsing.
MAX_SPEC_BYTES = 1_000_000

# The tags of plain values; any other (!!python/..., !!binary, !!set, a local !tag) is refused.
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

__all__ = ["Location", "PathKey", "YamlFile", "load_yaml", "parse_yaml"]


@dataclass
class YamlFile:
    """A parsed YAML file: its data and the location of each node by path."""

    display: str
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)
    # How each scalar that YAML did not read as text was written, e.g. 'yes' for True.
    texts: dict[PathKey, str] = field(default_factory=dict)
    # With lenient=True: problems of single values (a duplicate key, an impossible date, a
    # refused tag) and where they are; the rest of the file is read.
    problems: list[tuple[PathKey, Diagnostic]] = field(default_factory=list)

    def locate(self, path: PathKey) -> Location | None:
        """Location of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path)

    def written(self, path: PathKey) -> str | None:
        """How the scalar at ``path`` was written when YAML did not read it as text."""
        return self.texts.get(tuple(path))

    def diagnostic(self, path: PathKey, message: str, shown_path: str = "") -> Diagnostic:
        location = self.locate(path)
        return Diagnostic(
            file=self.display,
            line=location.line if location else None,
            column=location.column if location else None,
            path=shown_path,
            message=message,
        )


def load_yaml(path: Path, display: str, lenient: bool = False) -> YamlFile:
    """Parse ``path`` with the safe loader; raise UserError for malformed YAML, and refuse
    a file over :data:`MAX_SPEC_BYTES` before parsing it."""
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise UserError([_too_large(display, size)])
        raw = path.read_bytes()
    except OSError as error:
        raise UserError([Diagnostic(display, message=f"cannot read the file: {error}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError([_not_utf8(raw, error, display)]) from None
    return parse_yaml(text, display, lenient)


def _too_large(display: str, size: int) -> Diagnostic:
    return Diagnostic(
        display,
        message=f"the file is {size / 1e6:.1f} MB; a spec file may be at most "
        f"{MAX_SPEC_BYTES / 1e6:g} MB: split it into several files (data belongs in data files)",
    )


def _not_utf8(raw: bytes, error: UnicodeDecodeError, display: str) -> Diagnostic:
    """Located at the first byte that is not UTF-8 (the column counts characters)."""
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8")) + 1
    return Diagnostic(
        display,
        raw.count(b"\n", 0, error.start) + 1,
        column,
        message=f"not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be read "
        f"({error.reason}); save the file as UTF-8",
    )


def parse_yaml(text: str, display: str, lenient: bool = False) -> YamlFile:
    """The file's data and locations; a UserError for YAML that cannot be parsed, and (unless
    ``lenient``) for problems of single values, which ``lenient`` keeps in ``problems``."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise UserError([_reader_diagnostic(error, text, display)]) from None
    try:
        return _parse(loader, display, lenient)
    except yaml.MarkedYAMLError as error:
        raise UserError([_syntax_diagnostic(error, display)]) from None
    except YamlProblem as problem:
        raise UserError([problem.diagnostic(display)]) from None
    except RecursionError:
        where = loader.get_mark()
        message = "the YAML is nested too deeply; simplify the file"
        at = Diagnostic(display, where.line + 1, where.column + 1, message=message)
        raise UserError([at]) from None
    finally:
        loader.dispose()


def _parse(loader: yaml.SafeLoader, display: str, lenient: bool) -> YamlFile:
    node = loader.get_single_node()
    if node is None:
        return YamlFile(display, None)
    check_size(node)
    result = YamlFile(display, None)
    result.data = _Builder(loader, result).build(node, ())
    if result.problems and not lenient:
        raise UserError([diagnostic for _, diagnostic in result.problems])
    return result


@dataclass
class _Builder:
    """Turns nodes into plain data, recording each path's location on the way."""

    loader: yaml.SafeLoader
    doc: YamlFile

    def fail(self, path: PathKey, diagnostic: Diagnostic) -> None:
        self.doc.problems.append((path, diagnostic))

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.doc.locations.setdefault(path, mark(node))
        if node.tag not in PLAIN_TAGS:
            self.fail(path, _unknown_tag(self.doc.display, node, path))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as error:  # e.g. the date 2024-02-30
            self.fail(path, _impossible_value(self.doc.display, node, path, error))
            return node.value
        if not isinstance(value, str):
            self.doc.texts[path] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            where = mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                message = "mapping keys must be plain text or numbers"
                self.fail(
                    path,
                    Diagnostic(self.doc.display, where.line, where.column, dotted(path), message),
                )
                continue
            key = self.loader.construct_object(key_node, deep=True)
            if key in result:
                self.fail(
                    (*path, key), _duplicate_key(self.doc.display, key, where, first_seen[key])
                )
                continue
            first_seen[key] = where
            # An error about a key's value points at the key's line: that is where users look.
            key_path = (*path, key)
            self.doc.locations[key_path] = where
            result[key] = self.build(value_node, key_path)
        return result


def _unknown_tag(display: str, node: yaml.Node, path: PathKey) -> Diagnostic:
    where = mark(node)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    message = f"the YAML tag '{tag}' is not allowed: spec files hold plain values; remove it"
    return Diagnostic(display, where.line, where.column, dotted(path), message)


def _impossible_value(display: str, node: yaml.Node, path: PathKey, error: Exception):
    where = mark(node)
    if node.tag == "tag:yaml.org,2002:timestamp":
        message = f"'{node.value}' is not a date: {error}; write dates as YYYY-MM-DD"
    else:
        message = f"'{node.value}' cannot be read: {error}"
    return Diagnostic(display, where.line, where.column, dotted(path), message)


def _duplicate_key(display: str, key: Any, where: Location, first: Location) -> Diagnostic:
    return Diagnostic(
        display,
        where.line,
        where.column,
        str(key),
        f"duplicate key '{key}' (first defined on line {first.line}); remove one of them",
    )


def _reader_diagnostic(error: yaml.reader.ReaderError, text: str, display: str) -> Diagnostic:
    """A character YAML does not allow, e.g. a NUL byte or another control character."""
    line_start = text.rfind("\n", 0, error.position) + 1
    return Diagnostic(
        display,
        text.count("\n", 0, error.position) + 1,
        error.position - line_start + 1,
        message=f"invalid YAML: character #x{error.character:04x} is not allowed ({error.reason})"
        "; remove it",
    )


def _syntax_diagnostic(error: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark_ = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if "'\\t'" in problem or "\t" in (problem or ""):
        message = "tab character: YAML indentation must use spaces, not tabs"
    else:
        message = f"invalid YAML: {problem}"
        if error.context:
            message += f" ({error.context}"
            if error.context_mark and error.context_mark is not mark_:
                message += f" on line {error.context_mark.line + 1}"
            message += ")"
        if "mapping values are not allowed" in problem:
            message += "; check the indentation and quote text that contains ': '"
    return Diagnostic(
        display,
        mark_.line + 1 if mark_ else None,
        mark_.column + 1 if mark_ else None,
        message=message,
    )

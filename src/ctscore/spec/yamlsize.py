"""Guard against YAML aliases that blow up or loop before any data is built.

YAML anchors (``&a``) and aliases (``*a``) let a few lines stand for an enormous tree
(the "billion laughs" attack: nine aliases of nine aliases of ... ) or for a tree that
contains itself. :func:`check_size` measures the expanded size of every node once
(memoised by node identity, so it costs one pass over the file as written) and stops
at a recursive alias or an expansion larger than :data:`MAX_NODES`, naming where.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from ctscore.errors import Diagnostic

# Per file. Far more than any real spec file (the bundled project's largest has about 300
# nodes), small enough that validating that many values takes well under a second.
MAX_NODES = 100_000
TOO_MANY = f"too many YAML nodes (aliases expand to more than {MAX_NODES}); simplify the file"
RECURSIVE = "recursive alias: this node contains itself, which never ends; remove the alias"


@dataclass(frozen=True)
class Location:
    line: int
    column: int


def mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


class YamlProblem(Exception):
    """A problem with the shape of the whole file, found before its data is built."""

    def __init__(self, where: Location, path: tuple, message: str):
        super().__init__(message)
        self.where, self.path, self.message = where, path, message

    def diagnostic(self, display: str) -> Diagnostic:
        return Diagnostic(
            display, self.where.line, self.where.column, dotted(self.path), self.message
        )


def dotted(path: tuple) -> str:
    """``policy_events[0].id``: a path for messages about the file before its data exists."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


Child = tuple[Location, tuple, yaml.Node]


def check_size(root: yaml.Node) -> None:
    """Raise YamlProblem when ``root`` has a recursive alias or expands to too many nodes."""
    sizes: dict[int, int] = {}
    uses: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node, where: Location, path: tuple) -> int:
        key = id(node)
        uses[key] = uses.get(key, 0) + 1
        if key in active:
            raise YamlProblem(where, path, RECURSIVE)
        if key not in sizes:
            active.add(key)
            children = _children(node, where, path)
            sizes[key] = 1 + sum(size(child, at, child_path) for at, child_path, child in children)
            active.discard(key)
        return sizes[key]

    if size(root, mark(root), ()) > MAX_NODES:
        where, path = _first_too_big(root, mark(root), (), sizes, uses, MAX_NODES)
        raise YamlProblem(where, path, TOO_MANY)


def _children(node: yaml.Node, where: Location, path: tuple) -> Iterator[Child]:
    """Each child node with the location and path it is used at."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            yield mark(key_node), (*path, name), key_node
            yield mark(key_node), (*path, name), value_node
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            # An alias item has no position of its own: point at the list that uses it.
            inline = node.start_mark.index <= item.start_mark.index <= node.end_mark.index
            yield (mark(item) if inline else where), (*path, index), item


def _first_too_big(
    node: yaml.Node, where: Location, path: tuple, sizes: dict, uses: dict, left: int
) -> tuple[Location, tuple]:
    """Where, in reading order, the expansion passes the limit: the first use of an alias
    (a node used more than once) that does not fit in what is left."""
    left -= 1
    for child_where, child_path, child in _children(node, where, path):
        size = sizes[id(child)]
        if size <= left:
            left -= size
        elif uses[id(child)] > 1 or size == 1:
            return child_where, child_path
        else:
            return _first_too_big(child, child_where, child_path, sizes, uses, left)
    return where, path

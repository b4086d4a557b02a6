"""The ids of spec items that cannot be loaded.

When a file cannot be parsed (a tab) or an item holds a value that cannot be read (a
duplicate key, an impossible date), its items are not loaded; without this, every reference
to them from other files would add an "unknown indicator" line to the one real problem. The
ids found here count as broken: references to them say nothing until the file is fixed (one
cause, one message)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_ID = re.compile(r"(?:^|[{,\s])id:[ \t]*['\"]?([a-z][a-z0-9_]*)", re.MULTILINE)


def declared_ids(path: Path) -> set[str]:
    """Every ``id: name`` written in the file, read as leniently as possible."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return set()
    return set(_ID.findall(text))


def ids_in(data: Any) -> set[str]:
    """Every text ``id`` of a mapping anywhere in parsed data."""
    if isinstance(data, dict):
        own = {data["id"]} if isinstance(data.get("id"), str) else set()
        return own.union(*(ids_in(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(ids_in(value) for value in data))
    return set()

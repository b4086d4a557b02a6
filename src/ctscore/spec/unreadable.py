"""The ids a spec file that cannot be parsed seems to declare.

When a file has a tab, a duplicate key or an impossible date, its items are not loaded; without
this, every reference to them from other files would add an "unknown indicator" line to the
one real problem. The ids found here count as broken: references to them say nothing until
the file is fixed (one cause, one message)."""

from __future__ import annotations

import re
from pathlib import Path

_ID = re.compile(r"(?:^|[{,\s])id:[ \t]*['\"]?([a-z][a-z0-9_]*)", re.MULTILINE)


def declared_ids(path: Path) -> set[str]:
    """Every ``id: name`` written in the file, read as leniently as possible."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return set()
    return set(_ID.findall(text))

"""Charts drawn once and kept by content: matplotlib is most of what a build adds to
WeasyPrint, and a rebuild mostly draws the same charts again.

A chart's SVG is a pure function of its drawing function's inputs (frozen report objects),
of the code that draws it and of matplotlib, so the key is a hash of all of these, and a
kept chart is the very text a fresh drawing gives. Charts are kept in
``$CTSCORE_CACHE_DIR`` (``off`` keeps none), else ``$XDG_CACHE_HOME/ctscore/charts`` or
``~/.cache/ctscore/charts``. A cache that cannot be read or written only costs the drawing.
It holds at most ``MAX_CHARTS`` charts (a few KiB each): past that, those used least recently
are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import matplotlib

from ctscore import __version__

VERSION = "1"  # of this cache's layout
# The modules whose code decides how a chart looks.
DRAWING_CODE = ("charts.py", "effect_charts.py", "side_charts.py", "labels.py", "svg.py")
MAX_CHARTS = 5000  # about 40 scorecards' worth; pruned to 80% when exceeded


def cached_chart(draw: Callable[..., str], *args: object) -> str:
    """``draw(*args)``, or the SVG it gave before for equal arguments."""
    folder = cache_folder()
    if folder is None:
        return draw(*args)
    content = repr((_salt(), draw.__module__, draw.__qualname__, args))
    path = folder / f"{hashlib.sha256(content.encode('utf-8')).hexdigest()}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    else:
        with contextlib.suppress(OSError):  # a read-only cache still serves its charts
            os.utime(path)  # used now: the last to be pruned
        return svg
    svg = draw(*args)
    _keep(path, svg)
    _prune(folder)
    return svg


def cache_folder() -> Path | None:
    chosen = os.environ.get("CTSCORE_CACHE_DIR", "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        folder = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
        folder = Path(base) / "ctscore" / "charts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


_CHART = re.compile(r"[0-9a-f]{64}\.svg")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.svg\.[0-9a-f]{8}\.tmp")


def _keep(path: Path, svg: str) -> None:
    """Written whole or not at all: a parallel build may keep the same chart at once."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temporary.write_text(svg, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Past ``MAX_CHARTS``, remove the charts used least recently, down to 80% of it. Only
    this cache's own files count and go: charts, and temporary files an interrupted build
    left (an hour old: a build writing one now is not disturbed)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now, charts = time.time(), []
    for entry in entries:
        with contextlib.suppress(OSError):  # gone meanwhile: another build pruned it
            if not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime
            if _CHART.fullmatch(entry.name):
                charts.append((modified, entry.path))
            elif _TEMPORARY.fullmatch(entry.name) and now - modified > 3600:
                os.unlink(entry.path)
    if len(charts) <= MAX_CHARTS:
        return
    charts.sort()
    for _, path in charts[: len(charts) - MAX_CHARTS * 4 // 5]:
        with contextlib.suppress(OSError):
            os.unlink(path)


@cache
def _salt() -> str:
    here = Path(__file__).parent
    code = hashlib.sha256()
    for name in DRAWING_CODE:
        code.update((here / name).read_bytes())
    return f"{VERSION}/{__version__}/{matplotlib.__version__}/{code.hexdigest()}"

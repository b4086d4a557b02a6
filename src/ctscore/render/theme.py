"""Where the built-in theme lives: its own module, so that checking templates (``ctscore
validate``) needs neither matplotlib nor the statistics the renderer imports."""

from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "theme"

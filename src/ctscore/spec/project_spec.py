"""The validated, immutable description of a whole project."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ctscore.spec.indicators import Indicator
from ctscore.spec.project import ProjectConfig
from ctscore.spec.scorecards import PolicyEvent, Scorecard
from ctscore.spec.sources import Codebook, Source
from ctscore.spec.yamlfile import PathKey, YamlFile


@dataclass(frozen=True)
class Origin:
    """Where a declaration was written: its file and its path inside it."""

    doc: YamlFile
    path: PathKey


@dataclass(frozen=True)
class ProjectSpec:
    root: Path
    config: ProjectConfig
    config_doc: YamlFile
    sources: dict[str, Source] = field(default_factory=dict)
    codebooks: dict[str, Codebook] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    scorecards: dict[str, Scorecard] = field(default_factory=dict)
    policy_events: dict[str, PolicyEvent] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Ids whose declaration failed validation: references to them are not reported again.
    broken: frozenset[tuple[str, str]] = frozenset()

    def collection(self, kind: str) -> dict:
        return getattr(self, kind)

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()

"""The validated, immutable description of a whole project."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctscore.errors import Diagnostic, did_you_mean
from ctscore.spec.diagnostics import shown_path
from ctscore.spec.evaluations import Evaluation
from ctscore.spec.indicator_tests import IndicatorTest
from ctscore.spec.indicators import Indicator, RowIndicator
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
    tests: dict[str, IndicatorTest] = field(default_factory=dict)
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Ids whose declaration failed validation: references to them are not reported again.
    broken: frozenset[tuple[str, str]] = frozenset()

    def row_indicator(self, ind_id: str) -> RowIndicator | None:
        """The indicator if it aggregates a source's rows; None if it combines others."""
        indicator = self.indicators.get(ind_id)
        return indicator if isinstance(indicator, RowIndicator) else None

    @property
    def row_indicators(self) -> list[RowIndicator]:
        return [i for i in self.indicators.values() if isinstance(i, RowIndicator)]

    def collection(self, kind: str) -> dict:
        return getattr(self, kind)

    def unknown_reference(self, kind: str, name: str, noun: str) -> str | None:
        """The message for a reference to an undeclared item, e.g. "unknown indicator
        'atacks' (did you mean 'attacks'?)"; None when it is declared, or declared but
        broken (its own error says why: one cause, one message)."""
        if name in self.collection(kind) or (kind, name) in self.broken:
            return None
        return f"unknown {noun} '{name}'{did_you_mean(name, self.collection(kind))}"

    def diagnostic(self, kind: str, item_id: str, subpath: PathKey, message: str) -> Diagnostic:
        """A problem with a declaration, e.g. ``("indicators", "attacks", ("filter",), ...)``,
        located at ``subpath`` inside it (or its nearest ancestor) in the file it came from.

        Every stage reports problems with a declaration through this, so they all read
        ``file:line:col: indicators[attacks].filter: message``."""
        origin = self.origins.get((kind, item_id))
        if origin is None:  # built in code, not read from a file
            return Diagnostic("ctscore", path=_shown(kind, item_id, subpath), message=message)
        path = (*origin.path, *subpath)
        return origin.doc.diagnostic(path, message, shown_path(origin.doc.data, path))

    def declared(self, kind: str, item_id: str, subpath: PathKey = ()) -> Any:
        """The YAML data as written at ``subpath`` of a declaration (None when absent)."""
        origin = self.origins.get((kind, item_id))
        if origin is None:
            return None
        node = origin.doc.data
        for part in (*origin.path, *subpath):
            ok = isinstance(node, dict) and part in node
            ok = ok or (isinstance(node, list) and isinstance(part, int) and part < len(node))
            node = node[part] if ok else None
        return node

    def written(self, kind: str, item_id: str, subpath: PathKey) -> str | None:
        """How a scalar YAML did not read as text was written (e.g. 'yes' for true)."""
        origin = self.origins.get((kind, item_id))
        return origin.doc.written((*origin.path, *subpath)) if origin else None

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()


def _shown(kind: str, item_id: str, subpath: PathKey) -> str:
    text = f"{kind}[{item_id}]"
    for part in subpath:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text

"""The build manifest (``reports/ctscore-manifest.json``): for each report, a fingerprint of
every input that determines its bytes, and the files it wrote. A report whose fingerprint is
unchanged and whose files are still in place is up to date and not built again.

The inputs: every spec file and ctscore.yaml, every data file, every template file (the
project's and ctscore's theme), the ctscore version, the scorecard, the requested period,
the formats, --from/--to and SOURCE_DATE_EPOCH. Not the output folder, not display flags."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ctscore import __version__
from ctscore.render.theme import template_folders
from ctscore.spec.loader import CONFIG_FILE, _yaml_files
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.write import write_atomic

MANIFEST = "ctscore-manifest.json"
FORMAT_VERSION = 1


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(spec: ProjectSpec) -> dict[str, Path]:
    """Every file a report's bytes may depend on, by a name independent of where the project
    or ctscore is installed."""
    files = {CONFIG_FILE: spec.root / CONFIG_FILE}
    files.update((_name(spec.root, path), path) for path in spec_paths(spec))
    for source in spec.sources.values():
        files[_name(spec.root, spec.path(source.file))] = spec.path(source.file)
    for index, folder in enumerate(template_folders(spec.path(spec.config.paths.templates))):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[f"templates-{index}/{path.relative_to(folder).as_posix()}"] = path
    return files


def spec_paths(spec: ProjectSpec) -> list[Path]:
    """Every spec file of the project (not ctscore.yaml)."""
    folders = [spec.root / folder for folder in spec.config.paths.specs]
    return [path for folder in folders if folder.is_dir() for path in _yaml_files(folder)]


def _name(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Inputs:
    """The fingerprints of a project's input files, taken once per build."""

    hashes: dict[str, str]

    @classmethod
    def of(cls, spec: ProjectSpec) -> Inputs:
        return cls({name: sha256_file(path) for name, path in input_files(spec).items()})

    def key(
        self,
        card: Scorecard,
        period: str | None,
        formats: tuple[str, ...],
        span: tuple[str | None, str | None] = (None, None),
    ) -> str:
        facts = {
            "files": self.hashes,
            "ctscore": __version__,
            "scorecard": card.id,
            "period": period,
            "formats": sorted(formats),
            "span": list(span),  # --from/--to change what the report shows
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "").strip(),
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def entry_name(card: Scorecard, period: str | None) -> str:
    """The manifest's name for a report: its scorecard, and the period asked for."""
    return f"{card.id}@{period or card.period}"


@dataclass
class Manifest:
    folder: Path
    reports: dict[str, dict]  # entry name -> {"inputs": key, "files": {name: sha256}}
    # scorecard id -> period label -> the values that edition showed (see ctscore.revisions)
    editions: dict[str, dict[str, list]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        return cls.parse(folder, folder / MANIFEST)

    @classmethod
    def parse(cls, folder: Path, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(folder, {})  # absent or unreadable: every report is out of date
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            return cls(folder, {})
        return cls(folder, dict(data.get("reports", {})), dict(data.get("editions", {})))

    def staleness(self, name: str, key: str) -> str | None:
        """Why the report ``name`` is out of date, or None when it is up to date."""
        entry = self.reports.get(name)
        if not entry or not entry.get("files"):
            return "not built yet"
        if entry.get("inputs") != key:
            return "inputs changed"
        for file, digest in entry["files"].items():
            path = self.folder / file
            if not path.is_file():
                return f"{file} is missing"
            if sha256_file(path) != digest:
                return f"{file} was changed after the build"
        return None

    def record(self, name: str, key: str, files: list[Path], **extra) -> None:
        self.reports[name] = {
            "inputs": key,
            "files": {path.name: sha256_file(path) for path in files},
            **extra,
        }

    def write(self, inputs: Inputs) -> Path:
        data = {
            "format": FORMAT_VERSION,
            "ctscore": __version__,
            "input_files": dict(sorted(inputs.hashes.items())),
            "reports": dict(sorted(self.reports.items())),
            "editions": {
                card: dict(sorted(e.items())) for card, e in sorted(self.editions.items())
            },
        }
        text = json.dumps(data, indent=1, sort_keys=False) + "\n"
        return write_atomic(self.folder / MANIFEST, text.encode("utf-8"))

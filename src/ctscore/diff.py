"""`ctscore diff --since REF`: which values recorded editions showed does the data now give
differently? REF is a manifest file, or a git ref whose tree holds the project's manifest."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ctscore.data import load_data
from ctscore.errors import Diagnostic, UserError
from ctscore.evaluate.model import Revision
from ctscore.manifest import MANIFEST, Manifest
from ctscore.pipeline import evaluate_card
from ctscore.revisions import as_values, changed, edition_values
from ctscore.spec.project_spec import ProjectSpec


@dataclass(frozen=True)
class EditionChanges:
    scorecard: str
    edition: str  # period label of the recorded edition
    revisions: tuple[Revision, ...]


def manifest_since(spec: ProjectSpec, ref: str) -> Manifest:
    """The manifest at ``ref``: a file, or the project's manifest in git at that ref."""
    reports = spec.path(spec.config.paths.reports)
    if Path(ref).is_file():
        return _parsed(Path(ref), ref)
    relative = (reports / MANIFEST).relative_to(spec.root).as_posix()
    shown = subprocess.run(
        ["git", "show", f"{ref}:./{relative}"],
        cwd=spec.root,
        capture_output=True,
        check=False,
    )
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise UserError(
            [
                Diagnostic(
                    "ctscore diff --since",
                    message=f"'{ref}' is neither a manifest file nor a git ref whose tree "
                    f"holds {relative} (git: {reason[-1] if reason else 'failed'})",
                )
            ]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / MANIFEST
        path.write_bytes(shown.stdout)
        return _parsed(path, ref)


def _parsed(path: Path, ref: str) -> Manifest:
    manifest = Manifest.parse(path.parent, path)
    if not manifest.editions:
        raise UserError(
            [
                Diagnostic(
                    str(ref),
                    message="records no edition (built by an older ctscore, or not a "
                    f"{MANIFEST}); build once, commit reports/, and compare with that",
                )
            ]
        )
    return manifest


def changes_since(spec: ProjectSpec, before: Manifest) -> list[EditionChanges]:
    """For each scorecard's latest recorded edition, the values the data now changes."""
    data = load_data(spec)
    found = []
    for card_id, editions in sorted(before.editions.items()):
        if card_id not in spec.scorecards or not editions:
            continue
        label = max(editions)
        report, _ = evaluate_card(spec, data, spec.scorecards[card_id], label)
        now = as_values(edition_values(report))
        found.append(
            EditionChanges(card_id, label, tuple(changed(as_values(editions[label]), now, spec)))
        )
    return found

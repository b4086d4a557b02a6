"""`ctscore diff [PROJECT] --since REF`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ctscore.cli import PROJECT, format_option, friendly
from ctscore.cli_list import print_rows


@click.command(name="diff")
@PROJECT
@click.option(
    "--since",
    "ref",
    required=True,
    help="A previous manifest file, or a git ref (e.g. HEAD~1, main) of the project.",
)
@format_option(
    ("text", "json"),
    "text (a table), or json.",
)
@friendly
def diff_command(project: Path, ref: str, output_format: str) -> None:
    """The values earlier editions showed that the data now gives differently."""
    from ctscore.diff import changes_since, manifest_since
    from ctscore.spec.loader import load_project_spec

    spec = load_project_spec(project)
    found = changes_since(spec, manifest_since(spec, ref))
    pairs = [(edition, revision) for edition in found for revision in edition.revisions]
    if output_format == "json":
        records = [_row(e, r) | {"was": r.before, "now": r.after} for e, r in pairs]
        click.echo(json.dumps(records, indent=1))
        return
    if pairs:
        print_rows("revisions", [_row(e, r) for e, r in pairs], "text")
    editions = ", ".join(f"{e.scorecard} {e.edition}" for e in found)
    count = f"{len(pairs)} value{'s' if len(pairs) != 1 else ''}"
    click.echo(f"{count} changed since {ref} ({editions}).")


def _row(edition, revision) -> dict:
    return {
        "scorecard": edition.scorecard,
        "edition": edition.edition,
        "indicator": revision.indicator,
        "period": revision.period,
        "breakdown": revision.breakdown or "total",
        "was": revision.before_text,
        "now": revision.after_text,
        "change": revision.change_text,
    }

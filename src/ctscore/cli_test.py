"""`ctscore test`: run the indicator tests declared in YAML; exit 1 when one fails."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ctscore.cli import PROJECT, format_option, friendly
from ctscore.cli_list import print_rows

FORMAT = format_option(("text", "json"), "text: a table for people; json: for machines.")


@click.command(name="test")
@PROJECT
@click.option("--select", multiple=True, help="Run only this test, or the tests of this indicator.")
@FORMAT
@friendly
def test_command(project: Path, select: tuple[str, ...], output_format: str) -> None:
    """Run the indicator tests declared under `tests:`; exit 1 when one fails."""
    from ctscore.indicator_testing import run_tests
    from ctscore.spec.loader import load_project_spec

    outcomes = run_tests(load_project_spec(project), select)
    if output_format == "json":
        click.echo(json.dumps([_outcome_json(o) for o in outcomes], indent=1))
    else:
        _print_text(outcomes)
    if not all(outcome.passed for outcome in outcomes):
        sys.exit(1)


def _print_text(outcomes) -> None:
    if not outcomes:
        click.echo("No tests declared: add a 'tests:' list to a spec file.")
        return
    rows = [
        {
            "test": o.test.id,
            "checks": str(len(o.checks)),
            "result": "PASS" if o.passed else "FAIL",
        }
        for o in outcomes
    ]
    print_rows("tests", rows, "text")
    for outcome in outcomes:
        for error in outcome.errors:
            click.echo(f"FAIL {outcome.test.id}: {error}")
        for check in outcome.checks:
            if not check.passed:
                where = f" ({check.expected.breakdown})" if check.expected.breakdown else ""
                click.echo(
                    f"FAIL {outcome.test.id}: {check.expected.indicator} "
                    f"{check.expected.period}{where}: {check.difference}"
                )
    failed = sum(not o.passed for o in outcomes)
    click.echo(
        f"{len(outcomes)} test{'s' if len(outcomes) != 1 else ''}: "
        f"{len(outcomes) - failed} passed, {failed} failed."
    )


def _outcome_json(outcome) -> dict:
    return {
        "test": outcome.test.id,
        "passed": outcome.passed,
        "errors": list(outcome.errors),
        "checks": [
            {
                **check.expected.model_dump(),
                "actual": check.actual,
                "found": check.found,
                "passed": check.passed,
            }
            for check in outcome.checks
        ],
    }

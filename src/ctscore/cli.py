"""The ``ctscore`` command: parses arguments and calls the pipeline, nothing more."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ctscore.cli_findings import FROM_TO, STRICT, print_findings
from ctscore.errors import Diagnostic, UserError
from ctscore.findings import collecting
from ctscore.spec.base import PeriodType

PROJECT: Callable[[Any], Any] = click.argument(
    "project", type=click.Path(file_okay=False, path_type=Path), default="."
)


def format_option(choices: tuple[str, ...], help: str) -> Callable[[Any], Any]:
    """The ``--format`` option of a command that prints results; the first choice is the
    default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


# How `trends` and `effects` print their results: a table for people, JSON or CSV for machines.
TABLE_FORMAT: Callable[[Any], Any] = format_option(
    ("table", "json", "csv"), "A table for people, or JSON or CSV for machines."
)
PERIOD_TYPE: Callable[[Any], Any] = click.option(
    "--period-type",
    type=click.Choice(typing.get_args(PeriodType)),
    help="Kind of period (default: the project's default_period_type).",
)


def friendly(command):
    """Print user errors as `file:line:col: message` lines and exit 2; no traceback unless
    --debug."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug")
        strict = kwargs.pop("strict", False)
        try:
            with collecting() as found:
                result = command(*args, **kwargs)
            print_findings(found, strict, quiet=kwargs.get("quiet", False))
            return result
        except BrokenPipeError:
            # The reader went away (`ctscore compute | head`): stop quietly, like other tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except UserError as error:
            if debug:
                raise
            if kwargs.get("output_format") == "json":  # machines read the problems as JSON
                problems = [dataclasses.asdict(d) | {"text": str(d)} for d in error.diagnostics]
                click.echo(json.dumps({"ok": False, "problems": problems}, indent=1))
                sys.exit(2)
            for diagnostic in error.diagnostics:
                click.echo(str(diagnostic), err=True)
            count = len(error.diagnostics)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
            sys.exit(2)
        except Exception as error:
            if debug:
                raise
            click.echo(
                f"internal error: {error!r}. Run again with --debug for details, and "
                "report it with the output.",
                err=True,
            )
            sys.exit(3)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="ctscore")
def main(debug: bool) -> None:
    """Counterterrorism policy indicators: declared in YAML, computed from your data,
    rendered into PDF scorecards."""


@main.command()
@PROJECT
@click.option("--data", "check_data", is_flag=True, help="Also read and check every data file.")
@STRICT
@format_option(
    ("text", "json"),
    "text, or json: the counts, or the problems with file, line, column and path.",
)
@friendly
def validate(project: Path, check_data: bool, output_format: str) -> None:
    """Check the project's YAML files (and with --data, its data)."""
    from ctscore.render.overrides import check_overrides
    from ctscore.spec.loader import load_project_spec

    spec = load_project_spec(project)
    counts = ", ".join(
        f"{len(spec.collection(kind))} {kind.replace('_', ' ')}"
        for kind in ("sources", "indicators", "scorecards", "policy_events")
    )
    data = None
    if check_data:
        from ctscore.data import load_data

        data = load_data(spec)
    problems = check_overrides(spec, data)
    if problems:
        raise UserError(problems)
    if output_format == "json":
        from ctscore.cli_tables import validation_json

        click.echo(json.dumps(validation_json(spec, data), indent=1))
        return
    if data is not None:
        from ctscore.cli_tables import print_quality

        print_quality(data)
    click.echo(f"OK: {counts}.")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of printing.",
)
@click.option(
    "--kind",
    type=click.Choice(["spec", "project"]),
    default="spec",
    show_default=True,
    help="spec: files of sources, indicators, scorecards...; project: ctscore.yaml.",
)
@friendly
def schema(output: Path | None, kind: str) -> None:
    """Print the JSON Schema of spec files, for editor autocompletion."""
    from ctscore.spec.schema import json_schema

    text = json.dumps(json_schema(kind), indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command(name="list")
@click.argument("args", nargs=-1, metavar="[KIND] [PROJECT]")
@format_option(
    ("text", "json"),
    "text (a table on a terminal, tab-separated when piped), or json.",
)
@friendly
def list_command(args: tuple[str, ...], output_format: str) -> None:
    """List the project's indicators, or its scorecards, sources, policy_events, tests or
    evaluations."""
    from ctscore.cli_list import list_kind

    list_kind(args, output_format)


@main.command(name="compute")
@PROJECT
@click.option("--indicator", "indicators", multiple=True, help="Indicator id (repeatable).")
@PERIOD_TYPE
@click.option("--by", multiple=True, help="Break down by this dimension (repeatable).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write .csv, .parquet or .json instead of printing CSV.",
)
@format_option(
    ("csv", "json"),
    "What to print when there is no -o: csv, or json (one object per row).",
)
@FROM_TO
@STRICT
@friendly
def compute_command(
    project, indicators, period_type, by, output, output_format, start, end
) -> None:
    """Compute indicators for every period (and breakdown value)."""
    from ctscore.api import load_project
    from ctscore.cli_tables import write_results

    ids = list(indicators) or None
    results = load_project(project).compute(ids, period_type, list(by), start, end)
    write_results(results, output, output_format)


@main.command()
@PROJECT
@click.option("--scorecard", "scorecards", multiple=True, help="Scorecard id (repeatable).")
@click.option(
    "--period",
    help="Period to report, e.g. 2024-Q1, 2024-03, 2024 or FY2024 (default: each scorecard's, "
    "usually the latest complete). Without --scorecard, builds the scorecards with that kind "
    "of period.",
)
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    help="Comma-separated formats: pdf, html.",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the reports here (default: the project's reports folder).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only the paths written.")
@click.option("--force", is_flag=True, help="Rebuild reports whose inputs are unchanged too.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming the reports out of date.")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary as JSON.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Scorecards rendered at once, each in a process of its own (default: one per core).",
)
@FROM_TO
@STRICT
@friendly
def build(
    project, scorecards, period, formats, output_dir, quiet, force, check, as_json, jobs, start, end
) -> None:
    """Build scorecard reports (PDF and/or HTML) into reports/ and print their paths."""
    from ctscore.cli_tables import progress_reporter, report_build
    from ctscore.incremental import build_changed
    from ctscore.pipeline import FORMATS, BuildRequest

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if bad:
        raise UserError(
            [
                Diagnostic(
                    "ctscore build --format", message=f"unknown format {f!r}; use pdf, html or both"
                )
                for f in bad
            ]
        )
    request = BuildRequest(project, tuple(scorecards), period, chosen, output_dir, start, end, jobs)
    with progress_reporter(quiet or check) as progress:
        summary = build_changed(request, force, check, progress, lambda m: click.echo(m, err=True))
    report_build(summary, check, quiet, as_json)


# Commands of their own modules (they import `friendly` from here).
from ctscore.cli_diff import diff_command  # noqa: E402
from ctscore.cli_init import init_command  # noqa: E402
from ctscore.cli_test import test_command  # noqa: E402

main.add_command(diff_command)
main.add_command(init_command)
main.add_command(test_command)

from ctscore import cli_adapters  # noqa: E402, F401  (registers `ctscore adapters`)
from ctscore.cli_describe import describe  # noqa: E402

main.add_command(describe)

from ctscore.cli_effects import effects_command  # noqa: E402
from ctscore.cli_trends import trends_command  # noqa: E402

main.add_command(effects_command)
main.add_command(trends_command)

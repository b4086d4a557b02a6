"""The ``ctscore`` command: parses arguments and calls the pipeline, nothing more."""

from __future__ import annotations

import functools
import json
import os
import shlex
import sys
import typing
from pathlib import Path

import click

from ctscore.errors import Diagnostic, UserError
from ctscore.spec.base import PeriodType

PROJECT = click.argument("project", type=click.Path(file_okay=False, path_type=Path), default=".")


def friendly(command):
    """Print user errors as `file:line:col: message` lines and exit 2; no traceback unless
    --debug."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug")
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (`ctscore compute | head`): stop quietly, like other tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except UserError as error:
            if debug:
                raise
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
            sys.exit(1)

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
@friendly
def validate(project: Path, check_data: bool) -> None:
    """Check the project's YAML files (and with --data, its data)."""
    from ctscore.spec.loader import load_project_spec

    spec = load_project_spec(project)
    counts = ", ".join(
        f"{len(spec.collection(kind))} {kind.replace('_', ' ')}"
        for kind in ("sources", "indicators", "scorecards", "policy_events")
    )
    if check_data:
        from ctscore.cli_tables import print_quality
        from ctscore.data import load_data

        print_quality(load_data(spec))
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
@PROJECT
@friendly
def list_indicators(project: Path) -> None:
    """List the project's indicators."""
    from ctscore.cli_tables import print_indicators
    from ctscore.spec.loader import load_project_spec

    print_indicators(load_project_spec(project))


@main.command(name="compute")
@PROJECT
@click.option("--indicator", "indicators", multiple=True, help="Indicator id (repeatable).")
@click.option("--period-type", type=click.Choice(typing.get_args(PeriodType)))
@click.option("--by", multiple=True, help="Break down by this dimension (repeatable).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write .csv, .parquet or .json instead of printing CSV.",
)
@friendly
def compute_command(project, indicators, period_type, by, output) -> None:
    """Compute indicators for every period (and breakdown value)."""
    from ctscore.api import load_project
    from ctscore.cli_tables import write_results

    results = load_project(project).compute(list(indicators) or None, period_type, list(by))
    write_results(results, output)


def _build_command(project, scorecards, period, formats, output_dir, quiet) -> str:
    """The build command as the provenance appendix cites it, rebuilt from the options (so
    it reads the same however ctscore was started)."""
    words = ["ctscore", "build"] + ([str(project)] if str(project) != "." else [])
    for scorecard in scorecards:
        words += ["--scorecard", scorecard]
    words += ["--period", period] if period else []
    words += ["--format", formats] if formats != "pdf" else []
    words += ["-o", str(output_dir)] if output_dir else []
    words += ["--quiet"] if quiet else []
    return shlex.join(words)


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
@friendly
def build(project, scorecards, period, formats, output_dir, quiet) -> None:
    """Build scorecard reports (PDF and/or HTML) into reports/ and print their paths."""
    from ctscore.cli_tables import progress_reporter
    from ctscore.pipeline import FORMATS, BuildRequest
    from ctscore.pipeline import build as run_build

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
    request = BuildRequest(
        project,
        tuple(scorecards),
        period,
        chosen,
        output_dir,
        _build_command(project, scorecards, period, formats, output_dir, quiet),
    )
    with progress_reporter(quiet) as progress:
        written = run_build(request, progress, warn=lambda message: click.echo(message, err=True))
    for path in written:
        click.echo(str(path))


from ctscore.cli_effects import effects_command  # noqa: E402
from ctscore.cli_trends import trends_command  # noqa: E402

main.add_command(effects_command)
main.add_command(trends_command)

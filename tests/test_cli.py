"""The command line: exit codes, messages without tracebacks, schema and list output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main
from ctscore.errors import UserError

REPO = Path(__file__).resolve().parents[1]

FIVE_MISTAKES = """\
indicators:
  - id: attacks
    title: Attacks
    description: Number of attacks.
    unit: attacks
    direction: lower_better
    source: events
    measure: {kind: count}
  - id: deaths
    title: Deaths
    descripton: People killed.
    unit: deaths
    direction: lower_is_better
    source: event
    measure: {kind: sum, column: killed}
  - id: punjab_attacks
    title: Attacks in Punjab
    description: Attacks in Punjab.
    unit: attacks
    direction: lower_is_better
    source: events
    filter: {provnce: Punjab}
    measure: {kind: count}
scorecards:
  - id: national
    title: National
    sections:
      - title: Attacks
        indicators: [attacks, fatalities]
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_reports_five_mistakes_and_exits_2(project):
    root = project({"indicators/a.yaml": FIVE_MISTAKES})
    result = run("validate", str(root))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "indicators/a.yaml:6:5: indicators[attacks].direction: unknown value 'lower_better' "
        "(did you mean 'lower_is_better'?); allowed: 'higher_is_better' or 'lower_is_better'",
        "indicators/a.yaml:11:5: indicators[deaths].descripton: unknown field 'descripton' "
        "(did you mean 'description'?)",
        "indicators/a.yaml:14:5: indicators[deaths].source: unknown source 'event' "
        "(did you mean 'events'?)",
        "indicators/a.yaml:22:14: indicators[punjab_attacks].filter.provnce: unknown column "
        "'provnce' (did you mean 'province'?) (source 'events' declares: id, date, province, "
        "killed)",
        "indicators/a.yaml:29:31: scorecards[national].sections[0].indicators[1]: unknown "
        "indicator 'fatalities'",
        "5 problems found.",
    ]
    assert "Traceback" not in result.output


def test_validate_ok(project):
    valid = FIVE_MISTAKES.split("  - id: deaths")[0].replace("lower_better", "lower_is_better")
    root = project({"indicators/a.yaml": valid})
    result = run("validate", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 1 sources, 1 indicators, 0 scorecards, 0 policy events.\n"


@pytest.mark.slow
def test_real_process_has_no_traceback_and_debug_shows_one(project):
    root = project({"indicators/a.yaml": FIVE_MISTAKES})
    plain = subprocess.run(
        [sys.executable, "-m", "ctscore", "validate", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr and "5 problems found." in plain.stderr
    # --debug lets the error through to the interpreter, which prints its traceback (what
    # any uncaught exception does: no second process needed to see that).
    debug = CliRunner().invoke(main, ["--debug", "validate", str(root)])
    assert isinstance(debug.exception, UserError) and debug.exc_info[2] is not None
    assert "5 problems found." not in debug.stderr  # not handled as a user error


def test_schema_is_generated_from_the_models(tmp_path):
    target = tmp_path / "schema.json"
    assert run("schema", "-o", str(target)).exit_code == 0
    schema = json.loads(target.read_text())
    assert set(schema["properties"]) == {
        "sources",
        "codebooks",
        "indicators",
        "scorecards",
        "policy_events",
        "tests",
        "evaluations",
    }
    indicator = schema["$defs"]["Indicator"]
    assert indicator["additionalProperties"] is False
    assert indicator["properties"]["direction"]["enum"] == ["higher_is_better", "lower_is_better"]
    project_schema = json.loads(run("schema", "--kind", "project").stdout)
    assert "fiscal_year_start_month" in project_schema["properties"]


def test_list_shows_every_bundled_indicator(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    result = run("list", str(REPO))
    assert result.exit_code == 0, result.output
    for indicator_id in ("attacks", "proactive_to_reactive_ratio", "terrorism_impact_score"):
        assert indicator_id in result.stdout


def test_bundled_project_validates():
    result = run("validate", str(REPO))
    assert result.exit_code == 0, result.output


def test_version():
    assert run("--version").stdout.endswith("version 0.1.0\n")


@pytest.mark.slow
def test_output_cut_short_by_the_reader_is_not_an_error():
    """`ctscore compute | head -1`: the closed pipe ends the command quietly."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ctscore", "compute", str(REPO)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(b"indicator,period,")
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "internal error" not in stderr and "Traceback" not in stderr


def test_hostile_yaml_is_a_located_error_not_a_crash(project):
    """A billion-laughs file and a recursive alias: exit 2, one message each, quickly."""
    laughs = "policy_events:\n  - &a0 [" + ", ".join(["lol"] * 9) + "]\n"
    for level in range(1, 7):
        laughs += f"  - &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]\n"
    files = {"indicators/a.yaml": laughs, "indicators/b.yaml": "policy_events: &r [*r]\n"}
    result = run("validate", str(project(files)))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "indicators/a.yaml:7:5: policy_events[5]: too many YAML nodes (aliases expand to more "
        "than 100000); simplify the file",
        "indicators/b.yaml:1:16: policy_events[0]: recursive alias: this node contains itself, "
        "which never ends; remove the alias",
        "2 problems found.",
    ]
    assert "Traceback" not in result.output


def test_the_command_line_starts_without_the_heavy_libraries():
    """`ctscore --help`, `list` and `validate` import no data, statistics or rendering
    library: every command module defers them to when it runs (ctscore.describe, the
    statistics, matplotlib and WeasyPrint are imported inside the commands)."""
    heavy = ("pandas", "numpy", "scipy", "statsmodels", "matplotlib", "weasyprint")
    code = f"import sys, ctscore.cli; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_validate_and_list_of_the_sample_read_no_data_library():
    """Checking and listing the specs parse expressions and read adapters' catalogues, but
    never data: pandas and numpy (about 0.6 s of imports) stay out of both commands."""
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom ctscore.cli import main\n"
        f"codes = [CliRunner().invoke(main, [c, {str(REPO)!r}]).exit_code "
        "for c in ('validate', 'list')]\n"
        "print(codes, [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules])"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[0, 0] []", loaded.stderr

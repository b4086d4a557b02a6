"""`ctscore init`: a project that tests and builds at once, and never overwrites."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import built_once, pdf_pages
from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # runs the CI workflow: four ctscore processes and a PDF


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="session")
def initialised(tmp_path_factory) -> Path:
    """A project made by `ctscore init`, then its CI workflow's steps run in it (which build
    the PDF); once for the whole run, the xdist workers share it."""

    def init_and_run_the_workflow(parent: Path) -> dict[str, str]:
        result = run("init", str(parent / "new"))
        assert result.exit_code == 0, result.output
        return run_workflow_locally(parent / "new")

    parent, ran = built_once(tmp_path_factory, "init-workflow", init_and_run_the_workflow)
    steps_run.update(ran)
    return parent / "new"


steps_run: dict[str, str] = {}  # step name -> its output, from the fixture's workflow run


def run_workflow_locally(folder: Path) -> dict[str, str]:
    """The `run:` steps of the GitHub Actions workflow, in order, in a shell in ``folder``,
    with this environment's ctscore on the PATH; `if:` conditions on step outputs honoured.
    The install step and the `uses:` actions (checkout, Python, upload) are GitHub's."""
    workflow = yaml.safe_load((folder / ".github/workflows/scorecards.yml").read_text())
    [job] = workflow["jobs"].values()
    outputs_file = folder.parent / "github-output"
    outputs_file.write_text("")  # a new file for each run, as on GitHub
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs_file),
    }
    ran = {}
    for step in job["steps"]:
        outputs = dict(line.split("=", 1) for line in outputs_file.read_text().splitlines())
        condition = step.get("if")
        if condition and not _holds(condition, outputs):
            continue
        if "run" not in step or step.get("id") == "install":
            continue
        done = subprocess.run(
            step["run"], shell=True, cwd=folder, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
        ran[step["name"]] = done.stdout
    return ran


def _holds(condition: str, outputs: dict[str, str]) -> bool:
    match = re.fullmatch(r"steps\.check\.outputs\.(\w+) == '(\w+)'", condition)
    assert match, f"the local runner does not know the condition {condition!r}"
    return outputs.get(match[1]) == match[2]


def test_init_writes_a_project_with_schema_lines_ci_and_gitignore(initialised):
    config = (initialised / "ctscore.yaml").read_text()
    assert config.startswith("# yaml-language-server: $schema=schema/ctscore-project.schema.json")
    for name in ("data/sources.yaml", "indicators/indicators.yaml", "indicators/tests.yaml"):
        first = (initialised / name).read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/ctscore-spec.schema.json"
        assert (initialised / "schema/ctscore-spec.schema.json").is_file()
    assert (initialised / ".gitignore").is_file()
    workflow = (initialised / ".github/workflows/scorecards.yml").read_text()
    assert workflow == (REPO / "docs/github-actions.yml").read_text()


def test_init_project_builds_a_pdf_at_once(initialised):
    [pdf] = (initialised / "reports").glob("*.pdf")
    assert pdf.name == "quarterly-2024-Q4.pdf"
    text = pdf_pages(pdf)[0]
    assert "Quarterly scorecard" in text and "Attacks" in text


def test_init_project_tests_pass(initialised):
    result = run("test", str(initialised))
    assert result.exit_code == 0, result.output
    assert "1 test: 1 passed, 0 failed." in result.stdout


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text("mine\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert "data/events.csv: already exists; ctscore init never overwrites a file" in result.stderr
    assert (tmp_path / "data" / "events.csv").read_text() == "mine\n"
    assert not (tmp_path / "ctscore.yaml").exists()


def test_workflow_steps_ran_and_built_the_stale_reports(initialised):
    assert list(steps_run) == [
        "Check the specs and the data",
        "Run the indicator tests",
        "Are the reports current?",
        "Build the reports",
    ]
    assert steps_run["Are the reports current?"] == (
        "out of date: quarterly@latest_complete (not built yet)\n"
    )
    assert (initialised / "reports" / "ctscore-manifest.json").is_file()

"""`ctscore init`: a project that tests and builds at once, and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="session")
def initialised(tmp_path_factory) -> Path:
    """A project made by `ctscore init`, built once."""
    folder = tmp_path_factory.mktemp("init") / "new"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    built = run("build", str(folder), "--quiet")
    assert built.exit_code == 0, built.output
    return folder


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
    text = PdfReader(pdf).pages[0].extract_text()
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

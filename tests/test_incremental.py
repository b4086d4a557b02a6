"""Builds that know what changed: the manifest, skipping, --force and --check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main
from ctscore.init_project import init_project
from ctscore.manifest import MANIFEST


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def root(tmp_path) -> Path:
    """The `ctscore init` project, built once as HTML (fast: no WeasyPrint)."""
    init_project(tmp_path)
    first = run("build", str(tmp_path), "--format", "html")
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{tmp_path}/reports/quarterly-2024-Q4.html\n"
    return tmp_path


def add_row(root: Path) -> None:
    with (root / "data" / "events.csv").open("a") as stream:
        stream.write("1000,2024-12-30,Punjab,4\n")


def test_a_second_build_skips_the_unchanged_report(root):
    result = run("build", str(root), "--format", "html")
    assert result.exit_code == 0
    assert result.stdout == ""  # stdout lists the files written: none
    current = f"{root}/reports/quarterly-2024-Q4.html (up to date)\n"  # where the report is
    assert result.stderr.startswith(current + "0 files written, 1 up to date, 0 warnings, ")


def test_the_manifest_fingerprints_specs_data_and_templates(root):
    manifest = json.loads((root / "reports" / MANIFEST).read_text())
    files = manifest["input_files"]
    for name in ("ctscore.yaml", "data/events.csv", "data/sources.yaml", "indicators/tests.yaml"):
        assert len(files[name]) == 64
    assert "templates-0/scorecard.css" in files
    [(name, entry)] = manifest["reports"].items()
    assert name == "quarterly@latest_complete"
    assert list(entry["files"]) == ["quarterly-2024-Q4.html"]


def test_check_exits_1_after_a_data_change_and_writes_nothing(root):
    assert run("build", str(root), "--format", "html", "--check").exit_code == 0
    report = root / "reports" / "quarterly-2024-Q4.html"
    before = (report.read_bytes(), (root / "reports" / MANIFEST).read_bytes())
    add_row(root)
    result = run("build", str(root), "--format", "html", "--check")
    assert result.exit_code == 1
    assert result.stdout == "out of date: quarterly@latest_complete (inputs changed)\n"
    assert (report.read_bytes(), (root / "reports" / MANIFEST).read_bytes()) == before
    rebuilt = run("build", str(root), "--format", "html")
    assert rebuilt.stdout == f"{report}\n"
    assert report.read_bytes() != before[0]
    assert run("build", str(root), "--format", "html", "--check").exit_code == 0


def test_a_spec_or_template_change_makes_the_report_out_of_date(root):
    spec = root / "indicators" / "indicators.yaml"
    spec.write_text(spec.read_text().replace("title: Quarterly scorecard", "title: Changed"))
    assert run("build", str(root), "--format", "html", "--check").exit_code == 1
    run("build", str(root), "--format", "html")
    (root / "templates").mkdir()
    (root / "templates" / "cover.html").write_text("<p>mine</p>")
    assert run("build", str(root), "--format", "html", "--check").exit_code == 1


def test_a_deleted_or_edited_report_is_rebuilt(root):
    report = root / "reports" / "quarterly-2024-Q4.html"
    report.write_text("edited")
    result = run("build", str(root), "--format", "html", "--check")
    assert "(quarterly-2024-Q4.html was changed after the build)" in result.stdout
    report.unlink()
    result = run("build", str(root), "--format", "html", "--check")
    assert "(quarterly-2024-Q4.html is missing)" in result.stdout


def test_force_rebuilds_and_json_summarises(root):
    result = run("build", str(root), "--format", "html", "--force", "--json")
    summary = json.loads(result.stdout)
    assert summary["written"] == [str(root / "reports" / "quarterly-2024-Q4.html")]
    assert summary["up_to_date"] == [] and summary["warnings"] == 0
    again = json.loads(run("build", str(root), "--format", "html", "--json").stdout)
    assert again["written"] == [] and again["up_to_date"] == ["quarterly@latest_complete"]


def test_output_folder_and_quiet_do_not_change_the_bytes(root):
    run("build", str(root), "--format", "html", "-o", str(root / "a"), "--quiet")
    run("build", str(root), "--format", "html", "-o", str(root / "b"))
    name = "quarterly-2024-Q4.html"
    assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes()


def test_an_unreadable_manifest_means_every_report_is_out_of_date(root):
    (root / "reports" / MANIFEST).write_text("{not json")
    result = run("build", str(root), "--format", "html", "--check")
    assert result.exit_code == 1
    assert result.stdout == "out of date: quarterly@latest_complete (not built yet)\n"

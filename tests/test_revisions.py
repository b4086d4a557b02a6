"""Revisions: the next edition lists earlier values the data changed; `ctscore diff`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main
from ctscore.init_project import init_project
from ctscore.manifest import MANIFEST


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def add_row(root: Path, row: str) -> None:
    with (root / "data" / "events.csv").open("a") as stream:
        stream.write(row + "\n")


def quarter_total(root: Path, indicator: str, period: str) -> int:
    result = run("compute", str(root), "--indicator", indicator, "--format", "json")
    [row] = [
        r for r in json.loads(result.stdout) if r["period"] == period and r["dimension"] == "total"
    ]
    return int(row["value"])


@pytest.fixture
def root(tmp_path) -> Path:
    """The `ctscore init` project with its 2024-Q3 edition built (HTML: fast)."""
    init_project(tmp_path)
    assert run("build", str(tmp_path), "--format", "html", "--period", "2024-Q3").exit_code == 0
    return tmp_path


def test_the_next_edition_lists_the_earlier_periods_whose_values_changed(root):
    attacks, deaths = (
        quarter_total(root, "attacks", "2024-Q2"),
        quarter_total(root, "deaths", "2024-Q2"),
    )
    add_row(root, "1000,2024-05-01,Punjab,4")  # a late report for 2024-Q2
    assert run("build", str(root), "--format", "html").exit_code == 0
    html = (root / "reports" / "quarterly-2024-Q4.html").read_text()
    appendix = html[html.index('id="revisions"') :]
    assert "Revisions since the previous edition" in appendix
    assert "values the 2024-Q3 edition showed" in appendix
    cells = [
        ["Attacks", "2024-Q2", "total", f"{attacks}", f"{attacks + 1}", "+1"],
        ["Deaths", "2024-Q2", "total", f"{deaths}", f"{deaths + 4}", "+4"],
    ]
    for row in cells:
        assert "<tr><td>" + "</td><td>".join(row[:3]) in appendix.replace(' class="num"', "")
        assert "</td><td>".join(row[3:]) in appendix.replace(' class="num"', "")
    assert appendix.count("<tr><td>") == 2  # nothing else changed


def test_no_revisions_appendix_without_a_previous_edition(tmp_path):
    init_project(tmp_path)
    run("build", str(tmp_path), "--format", "html")
    assert 'id="revisions"' not in (tmp_path / "reports" / "quarterly-2024-Q4.html").read_text()


def test_an_unchanged_next_edition_says_so(root):
    run("build", str(root), "--format", "html")
    html = (root / "reports" / "quarterly-2024-Q4.html").read_text()
    assert "No value the 2024-Q3 edition showed for an earlier period has changed." in html


def test_diff_since_a_manifest_file_prints_the_changes(root, tmp_path_factory):
    old = tmp_path_factory.mktemp("old") / MANIFEST
    old.write_bytes((root / "reports" / MANIFEST).read_bytes())
    add_row(root, "1000,2024-08-01,Sindh,2")
    result = run("diff", str(root), "--since", str(old), "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert {(c["indicator"], c["period"], c["breakdown"]) for c in changes} == {
        ("attacks", "2024-Q3", "total"),
        ("attacks", "2024-Q3", "Sindh"),
        ("deaths", "2024-Q3", "total"),
        ("deaths", "2024-Q3", "Sindh"),
    }
    attacks = next(c for c in changes if c["indicator"] == "attacks" and c["breakdown"] == "total")
    assert attacks["now"] - attacks["was"] == 1 and attacks["change"] == "+1"
    text = run("diff", str(root), "--since", str(old)).stdout
    assert text.endswith(f"4 values changed since {old} (quarterly 2024-Q3).\n")


def test_diff_since_a_git_ref(root):
    def git(*args):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A", "-f")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "edition")
    assert run("diff", str(root), "--since", "HEAD").stdout.startswith("0 values changed")
    add_row(root, "1000,2024-08-01,Sindh,2")
    assert "4 values changed since HEAD" in run("diff", str(root), "--since", "HEAD").stdout
    bad = run("diff", str(root), "--since", "nonesuch")
    assert bad.exit_code == 2
    assert "'nonesuch' is neither a manifest file nor a git ref" in bad.stderr

"""The issue's "done when": `ctscore validate --data --strict` exits 0 on the sample, and on a
copy with a blank casualty cell, an unmatched filter value and rows dropped by
``on_error: drop`` names all three and exits 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    for name in ("data", "indicators"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "ctscore.yaml", tmp_path / "ctscore.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(root: Path):
    return CliRunner().invoke(main, ["validate", "--data", "--strict", str(root)])


def test_the_sample_is_clean_under_strict(sample):
    result = validate(sample)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_blank_unmatched_and_dropped_are_named_and_fail_strict(sample):
    csv = sample / "data/incidents.csv"
    lines = csv.read_text().splitlines(True)
    cells = lines[1].split(",")
    cells[11] = ""  # injured, in incident 1
    lines[1] = ",".join(cells)
    csv.write_text("".join(lines))
    sources = sample / "data/sources.yaml"
    text = sources.read_text()
    # incidents: blanks allowed (and left out of sums), bad rows dropped
    text = text.replace("    synthetic: true\n", "    synthetic: true\n    on_error: drop\n", 1)
    text = text.replace(
        "injured: {type: integer, min: 0,", "injured: {type: integer, min: 0, required: false,"
    )
    sources.write_text(text)
    csv.write_text(
        csv.read_text().replace("\n4,2015-01-01,year,Sindh", "\n4,2015-01-0x,year,Sindh")
    )
    attacks = sample / "indicators/attacks.yaml"
    attacks.write_text(attacks.read_text().replace("suicide_bombing}", "suicide_bomb}"))

    result = validate(sample)

    assert result.exit_code == 2
    err = result.stderr
    assert "warning: 1 row dropped from incidents (on_error: drop)" in err
    assert "1 of 3,356 rows of incidents that 'injuries' counts have a blank 'injured'" in err
    assert (
        "value 'suicide_bomb' occurs in no row of column 'attack_type' of incidents "
        "(did you mean 'suicide_bombing'?)"
    ) in err
    assert "--strict: warnings fail the command (exit code 2)." in err
    assert "line 5 '2015-01-0x'" in result.stdout  # the dropped row, in the quality table
    summary = next(line for line in err.splitlines() if " warnings: " in line)
    assert "1 row dropped from incidents (on_error: drop)" in summary


def test_without_strict_the_same_warnings_exit_0(sample):
    attacks = sample / "indicators/attacks.yaml"
    attacks.write_text(attacks.read_text().replace("suicide_bombing}", "suicide_bomb}"))
    result = CliRunner().invoke(main, ["validate", "--data", str(sample)])
    assert result.exit_code == 0
    assert "1 warning: value 'suicide_bomb' occurs in no row" in result.stderr

"""The README's examples run: its Python, its `ctscore` commands and its YAML test."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")

# Commands shown in the README that other tests cover, and why they are not run here.
COVERED_ELSEWHERE = {
    "build": "builds PDFs: test_build_pdf.py, test_incremental.py and test_init.py",
    "init": "test_init.py",
    "test my-scorecard": "test_init.py",
}


def blocks(language: str) -> list[str]:
    """The README's fenced blocks marked ``language`` ("" for unmarked ones)."""
    found, current, marked = [], None, ""
    for line in README.splitlines(keepends=True):
        if line.startswith("```") and current is None:
            current, marked = [], line[3:].strip()
        elif line.startswith("```"):
            found += ["".join(current)] if marked == language else []
            current = None
        elif current is not None:
            current.append(line)
    return found


def ctscore_commands() -> list[list[str]]:
    lines = [line.split("#")[0].strip() for block in blocks("sh") for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("ctscore ")]


def covered(args: list[str]) -> bool:
    text = " ".join(args)
    return any(text.startswith(prefix) for prefix in COVERED_ELSEWHERE)


def test_every_python_example_runs(monkeypatch):
    monkeypatch.chdir(REPO)
    examples = blocks("python")
    assert examples
    for code in examples:
        exec(compile(code, "README.md", "exec"), {})


@pytest.mark.parametrize("args", [a for a in ctscore_commands() if not covered(a)], ids=" ".join)
def test_every_ctscore_command_runs(args, monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def test_the_commands_not_run_here_are_the_covered_ones():
    skipped = [" ".join(a) for a in ctscore_commands() if covered(a)]
    assert skipped == [
        "build --period 2024-Q3 --scorecard kp_quarterly",
        "init my-scorecard",
        "test my-scorecard",
        "build my-scorecard",
    ]


def test_the_yaml_indicator_test_passes_and_its_failure_reads_as_shown(tmp_path, monkeypatch):
    """The README's `tests:` example, in a copy of the sample (without its own tests)."""
    for folder in ("data", "indicators"):
        (tmp_path / folder).mkdir()
        for spec in [*(REPO / folder).glob("*.yaml"), *(REPO / folder).glob("*.csv")]:
            if spec.name != "tests.yaml":
                shutil.copy(spec, tmp_path / folder)
    shutil.copy(REPO / "ctscore.yaml", tmp_path)
    [example] = [b for b in blocks("yaml") if b.startswith("tests:")]
    written = tmp_path / "indicators" / "readme.yaml"
    written.write_text(example)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["test"]).exit_code == 0
    written.write_text(
        example.replace("breakdown: Punjab, value: 2", "breakdown: Punjab, value: 3")
    )
    result = CliRunner().invoke(main, ["test"])
    assert result.exit_code == 1
    [shown] = [b for b in blocks("") if b.startswith("$ ctscore test\n")]
    expected = shown.splitlines()[1:]
    squeeze = lambda line: re.sub(r"[ \t]+", " ", line)  # noqa: E731
    assert [squeeze(line) for line in result.stdout.splitlines()] == [
        squeeze(line) for line in expected
    ]

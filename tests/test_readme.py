"""The README's examples run: its Python, its `ctscore` commands and its YAML test."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
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
    assert squeezed(result.stdout.splitlines()) == squeezed(expected)


def squeezed(lines: list[str]) -> list[str]:
    """Lines with runs of spaces and tabs as one space (the README aligns columns)."""
    return [re.sub(r"[ \t]+", " ", line) for line in lines]


def test_the_diff_example_reads_as_shown(tmp_path, monkeypatch):
    from ctscore.init_project import init_project

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    def commit(message):
        git("add", "-A", "-f")
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)

    init_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert (
        CliRunner().invoke(main, ["build", "--period", "2024-Q3", "--format", "html"]).exit_code
        == 0
    )
    git("init", "-q")
    commit("2024-Q3 edition")
    with (tmp_path / "data" / "events.csv").open("a") as stream:
        stream.write("1000,2024-08-20,Islamabad Capital Territory,0\n")
    commit("a late report")
    [shown] = [b for b in blocks("") if b.startswith("$ ctscore diff --since HEAD~1\n")]
    result = CliRunner().invoke(main, ["diff", "--since", "HEAD~1"])
    assert result.exit_code == 0, result.output
    assert squeezed(result.stdout.splitlines()) == squeezed(shown.splitlines()[1:])

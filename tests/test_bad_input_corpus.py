"""The bad-input corpus: one small case per failure found by the campaign of issue #10, and
per class of the inputs already handled. Each case changes the small test project, runs
``ctscore build`` in-process and asserts the exact first line of the message, the exit
code, that no traceback is printed and that the previous reports are byte-identical."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctscore.cli import main
from test_build_project import events_csv, make_project
from test_spec_safety import billion_laughs

SPEC = "indicators/spec.yaml"
PREVIOUS = {
    "quarterly-2024-Q4.html": b"previous quarterly report",
    "quarterly-2024-Q4.pdf": b"%PDF previous",
    "annual-2024.html": b"previous annual report",
}
SYNTAX_HINT = "see https://jinja.palletsprojects.com/en/stable/templates/ for the template language"
UNSAFE = "a report template may format the report's data, not call Python; remove the expression"
UNCHANGED = "the previous reports are unchanged"


@dataclass(frozen=True)
class Case:
    first_line: str
    replace: tuple[tuple[str, str, str], ...] = ()  # (file, old, new): edits of the project
    files: dict[str, str] = field(default_factory=dict)  # files added or replaced
    prepare: Callable[[Path], None] | None = None  # anything else, e.g. links
    args: tuple[str, ...] = ("--format", "html", "--scorecard", "annual")
    exit_code: int = 2


def in_spec(old: str, new: str) -> tuple[tuple[str, str, str], ...]:
    return ((SPEC, old, new),)


def link(name: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)

    return make


def events_with(old: str, new: str) -> dict[str, str]:
    csv = events_csv()
    assert old in csv
    return {"events.csv": csv.replace(old, new, 1)}


# A second spec file that refers to the items of the first.
REFERRING = """\
indicators:
  - id: attacks_per_death
    title: Attacks per death
    description: Attacks per person killed.
    unit: attacks
    direction: lower_is_better
    measure: {kind: ratio, numerator: attacks, denominator: killed}
  - id: counted
    title: Counted
    description: Rows of events.
    unit: rows
    direction: lower_is_better
    source: events
    measure: {kind: count}
scorecards:
  - id: more
    title: More
    period_type: year
    breakdown: province
    sections: [{title: All, indicators: [attacks, suicide_attacks, attacks_per_death]}]
"""

CASES = {
    # Security: a template may format data, not call Python or read files.
    "template runs code": Case(
        "templates/cover.html:1: access to attribute '__init__' of 'type' object is unsafe; "
        + UNSAFE,
        files={"templates/cover.html": "{{ cycler.__init__.__globals__.os.popen('id').read() }}"},
    ),
    "template includes a link to /etc/passwd": Case(
        "templates/passwd.html: is a symbolic link; a template must be a regular file inside "
        "the templates folder (copy the file there instead)",
        files={"templates/cover.html": "{% include 'passwd.html' %}"},
        prepare=link("templates/passwd.html", "/etc/passwd"),
    ),
    "template includes a path out of the folder": Case(
        "templates/cover.html:1: template '../events.csv' not found",
        files={"templates/cover.html": "{% include '../events.csv' %}"},
    ),
    "YAML python tag": Case(
        f"{SPEC}:3:12: sources[0].title: the YAML tag '!!python/object/apply:os.system' is not "
        "allowed: spec files hold plain values; remove it",
        replace=in_spec("    title: Events\n", "    title: !!python/object/apply:os.system [id]\n"),
    ),
    "alias bomb": Case(
        "indicators/bomb.yaml:7:5: policy_events[5]: too many YAML nodes (aliases expand to "
        "more than 100000); simplify the file",
        files={"indicators/bomb.yaml": billion_laughs()},
    ),
    # Correctness.
    "integer beyond 64 bits": Case(
        "events.csv:3: killed: too large to count exactly in 1 row: line 3 "
        "'99999999999999999999' (whole numbers must lie between -9,007,199,254,740,991 and "
        "9,007,199,254,740,991); or set 'on_error: drop' on the source to leave such rows out "
        "(they are then counted nowhere, and each build warns how many were dropped)",
        files=events_with(",2\n", ",99999999999999999999\n"),
    ),
    "infinite number in data": Case(
        "events.csv:3: killed: not a finite number in 1 row: line 3 'inf'; or set 'on_error: "
        "drop' on the source to leave such rows out (they are then counted nowhere, and each "
        "build warns how many were dropped)",
        files=events_with(",2\n", ",inf\n"),
    ),
    "impossible date of a policy event": Case(
        f"{SPEC}:17:11: policy_events[0].date: '2024-02-30' is not a date: day is out of range "
        "for month; write dates as YYYY-MM-DD",
        replace=in_spec("    date: 2023-07-20\n", "    date: 2024-02-30\n"),
    ),
    "impossible coverage end": Case(
        f"{SPEC}:6:19: sources[0].coverage_end: '2023-13-45' is not a date: month must be in "
        "1..12; write dates as YYYY-MM-DD",
        replace=in_spec("    coverage_end: 2024-12-31\n", "    coverage_end: 2023-13-45\n"),
    ),
    "target .nan": Case(
        f"{SPEC}:87:22: scorecards[quarterly].sections[1].indicators[0].target.value: expected "
        "a finite number, got nan; write a number such as 10",
        replace=in_spec("{value: 1.5, amber_margin: 20}", "{value: .nan, amber_margin: 20}"),
    ),
    "target .inf": Case(
        f"{SPEC}:89:22: scorecards[quarterly].sections[1].indicators[1].target.value: expected "
        "a finite number, got inf; write a number such as 10",
        replace=in_spec("target: {value: 100}", "target: {value: .inf}"),
    ),
    "column min .nan": Case(
        f"{SPEC}:13:31: sources[events].columns.killed.min: expected a finite number, got nan; "
        "write a number such as 10",
        replace=in_spec("killed: {type: integer, min: 0}", "killed: {type: integer, min: .nan}"),
    ),
    # Template mistakes.
    "template syntax error": Case(
        f"templates/cover.html:3: Expected an expression, got 'end of statement block'; "
        f"{SYNTAX_HINT}",
        files={"templates/cover.html": "<p>\n\n{% if %}{% endif %}"},
    ),
    "template unknown attribute": Case(
        "templates/cover.html:2: 'ctscore.evaluate.model.Report object' has no attribute "
        "'scorecard_idd' (did you mean 'scorecard_id'?); the built-in templates "
        "(ctscore/theme/) show the names a template can use",
        files={"templates/cover.html": "<h1>\n{{ report.scorecard_idd }}</h1>"},
    ),
    # One cause, one message.
    "wrong enum in one indicator": Case(
        f"{SPEC}:59:5: indicators[attacks_in_alpha].direction: unknown value 'higher_is_bettr' "
        "(did you mean 'higher_is_better'?); allowed: 'higher_is_better' or 'lower_is_better'",
        replace=in_spec("    direction: higher_is_better\n", "    direction: higher_is_bettr\n"),
    ),
    "missing field in one indicator": Case(
        f"{SPEC}:48:5: indicators[lethality].unit: required field 'unit' is missing",
        replace=in_spec("    unit: deaths per attack\n", ""),
    ),
    "unknown id in an expression": Case(
        f"{SPEC}:53:30: indicators[lethality].measure.expression: unknown indicator 'atacks' "
        "(did you mean 'attacks'?)",
        replace=in_spec(
            "measure: {kind: ratio, numerator: killed, denominator: attacks}",
            "measure: {kind: derived, expression: killed / atacks}",
        ),
    ),
    "three typos in one indicator": Case(
        f"{SPEC}:59:5: indicators[attacks_in_alpha].directon: unknown field 'directon' (did you "
        "mean 'direction'?)",
        replace=in_spec(
            "    direction: higher_is_better\n",
            "    directon: higher_is_better\n    cout: 3\n    actr: 2\n",
        ),
    ),
    "tab": Case(
        f"{SPEC}:49:1: tab character: YAML indentation must use spaces, not tabs",
        replace=in_spec("  - id: lethality\n", "  - id: lethality\n\t"),
    ),
    "duplicate key": Case(
        f"{SPEC}:52:5: unit: duplicate key 'unit' (first defined on line 51); remove one of them",
        replace=in_spec(
            "    unit: deaths per attack\n",
            "    unit: deaths per attack\n    unit: x\n",
        ),
    ),
    "tab in a file other files refer to": Case(
        f"{SPEC}:26:1: tab character: YAML indentation must use spaces, not tabs",
        replace=in_spec("    unit: attacks\n", "\t    unit: attacks\n"),
        files={"indicators/more.yaml": REFERRING},
    ),
    "impossible date in a file other files refer to": Case(
        f"{SPEC}:5:21: sources[0].coverage_start: '2022-02-30' is not a date: day is out of "
        "range for month; write dates as YYYY-MM-DD",
        replace=in_spec("coverage_start: 2022-01-01", "coverage_start: 2022-02-30"),
        files={"indicators/more.yaml": REFERRING},
    ),
    "oversized spec file": Case(
        "indicators/huge.yaml: the file is 1.2 MB; a spec file may be at most 1 MB: split it "
        "into several files (data belongs in data files)",
        files={"indicators/huge.yaml": "# padding\n" * 120_000},
    ),
    "NUL byte in a YAML value": Case(
        f"{SPEC}:18:17: invalid YAML: character #x0000 is not allowed (special characters are "
        "not allowed); remove it",
        replace=in_spec("Ceasefire", "Cease\0fire"),
    ),
    "NUL byte in a CSV value": Case(
        "events.csv:3: NUL byte (0x00) in the file: a CSV file holds text; is it a binary file "
        "(an Excel workbook named .csv?) or saved in another encoding (csv: {encoding: "
        "utf-16})?",
        files=events_with(",2\n", ",\0\n"),
    ),
    "header-only CSV and a region scorecard": Case(
        f"{SPEC}:93:35: scorecards[alpha_quarterly].region.value: no rows have province "
        "'Alpha'; the data of events has no rows",
        files={"events.csv": "id,date,province,kind,killed\n"},
        args=("--format", "html", "--scorecard", "alpha_quarterly"),
    ),
    # Classes of input handled before the campaign.
    "unknown column": Case(
        f"{SPEC}:37:14: indicators[suicide_attacks].filter.knd: unknown column 'knd' (did you "
        "mean 'kind'?) (source 'events' declares: id, date, province, kind, killed)",
        replace=in_spec("filter: {kind: suicide}", "filter: {knd: suicide}"),
    ),
    "missing data file": Case(
        f"{SPEC}:4:5: sources[events].file: file not found: events.csv (paths are relative to "
        "the project folder ROOT)",
        prepare=lambda root: (root / "events.csv").unlink(),
    ),
    "not UTF-8": Case(
        f"{SPEC}:3:12: not UTF-8 text: byte 0xe9 cannot be read (invalid continuation byte); "
        "save the file as UTF-8",
        prepare=lambda root: (root / SPEC).write_bytes(
            (root / SPEC).read_bytes().replace(b"Events", b"\xe9vents", 1)
        ),
    ),
    "unknown scorecard": Case(
        "ctscore build: unknown scorecard 'quartely' (did you mean 'quarterly'?); the project "
        "has: quarterly, alpha_quarterly, annual",
        args=("--scorecard", "quartely", "--format", "html"),
    ),
    "missing parent of the output folder": Case(
        "no/such: cannot write the reports: the folder no does not exist; create it or choose "
        "another with -o",
        args=("--format", "html", "-o", "no/such"),
    ),
}


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_project(tmp_path)
    (root / "reports").mkdir()
    for name, content in PREVIOUS.items():
        (root / "reports" / name).write_bytes(content)
    return root


def reports(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "reports").iterdir())}


def apply(root: Path, case: Case) -> None:
    for name, text in case.files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, old, new in case.replace:
        text = (root / name).read_text(encoding="utf-8")
        assert old in text, f"{name} has no {old!r}"
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    if case.prepare:
        case.prepare(root)


def assert_refused(result, root: Path, first_line: str, exit_code: int = 2) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code == exit_code, result.output
    problems = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert problems[0] == first_line.replace("ROOT", str(root))
    assert reports(root) == PREVIOUS


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input(root, case):
    apply(root, case)
    result = CliRunner().invoke(main, ["build", *case.args])
    assert_refused(result, root, case.first_line, case.exit_code)


@pytest.mark.parametrize(
    "name",
    [
        "wrong enum in one indicator",
        "missing field in one indicator",
        "unknown id in an expression",
        "tab in a file other files refer to",
        "impossible date in a file other files refer to",
        "duplicate key",
    ],
)
def test_one_cause_gives_one_message(root, name):
    apply(root, CASES[name])
    result = CliRunner().invoke(main, ["validate"])
    assert result.stderr.splitlines() == [CASES[name].first_line, "1 problem found."]


def test_every_independent_problem_is_reported_in_one_run(root):
    apply(root, CASES["three typos in one indicator"])
    result = CliRunner().invoke(main, ["validate"])
    assert [line.split(": ")[1] for line in result.stderr.splitlines()[:-1]] == [
        "indicators[attacks_in_alpha].directon",
        "indicators[attacks_in_alpha].cout",
        "indicators[attacks_in_alpha].actr",
    ]


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.ENOSPC, "the disk is full; free some space and build again"),
        (errno.EROFS, "the folder is on a read-only file system; choose another with -o"),
        (
            errno.EPERM,
            "the operation is not permitted (is the folder or file immutable?); "
            "choose another folder with -o",
        ),
    ],
)
def test_a_failing_disk(root, monkeypatch, code, cause):
    from ctscore.write import publish

    def failing(path, content):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(publish, "_write_synced", failing)
    result = CliRunner().invoke(main, ["build", "--format", "html", "--scorecard", "annual"])
    assert_refused(result, root, f"reports: cannot write the reports: {cause}; {UNCHANGED}")


def test_a_data_file_linked_from_outside_the_project_is_read(root, tmp_path_factory):
    """Stated behaviour (README): a source's path must be inside the project, but it may be a
    link to a shared copy elsewhere, e.g. of a licensed dataset; the build warns about it."""
    shared = tmp_path_factory.mktemp("shared") / "events.csv"
    (root / "events.csv").rename(shared)
    (root / "events.csv").symlink_to(shared)
    result = CliRunner().invoke(main, ["build", "--format", "html", "--scorecard", "annual"])
    assert result.exit_code == 0, result.output
    assert (root / "reports" / "annual-2024.html").read_bytes() != PREVIOUS["annual-2024.html"]
    summary, *warned = result.stderr.splitlines()
    assert summary.startswith("1 file written, 0 up to date, 1 warning, ")
    assert warned[0] == (
        f"{SPEC}:4:5: sources[events].file: warning: source 'events' reads {shared.resolve()}, "
        "outside the project (through a symbolic link); check that you expect this "
        "[data_outside_project]"
    )
    # a warning like any other: --strict fails on it, even when the report is up to date
    strict = CliRunner().invoke(
        main, ["build", "--format", "html", "--scorecard", "annual", "--strict"]
    )
    assert strict.exit_code == 2
    assert "--strict: warnings fail the command" in strict.stderr


@pytest.mark.slow
def test_a_real_process_prints_one_line_and_no_traceback(root):
    name = "template runs code"
    apply(root, CASES[name])
    command = [sys.executable, "-m", "ctscore", "build", *CASES[name].args]
    process = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert process.returncode == 2
    assert process.stderr.splitlines() == [CASES[name].first_line, "1 problem found."]
    assert process.stdout == ""
    assert reports(root) == PREVIOUS


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!set {x: null}\n", "!!set"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !local [1]\n", "!local"),
        ("a: !!omap [{x: 1}]\n", "!!omap"),
    ],
)
def test_only_plain_yaml_tags_are_read(text, tag):
    from ctscore.errors import UserError
    from ctscore.spec.yamlfile import parse_yaml

    with pytest.raises(UserError) as info:
        parse_yaml(text, "a.yaml")
    assert str(info.value) == (
        f"a.yaml:1:4: a: the YAML tag '{tag}' is not allowed: spec files hold plain values; "
        "remove it"
    )
    assert parse_yaml("a: !!str 1\nb: !!int '2'\n", "a.yaml").data == {"a": "1", "b": 2}


def test_a_header_only_csv_with_declared_coverage_counts_zero(root):
    """Stated behaviour (README): nothing happened in the declared coverage."""
    from ctscore.api import load_project

    (root / "events.csv").write_text("id,date,province,kind,killed\n", encoding="utf-8")
    results = load_project(root).compute(["attacks", "killed"], period_type="year")
    assert list(results["period"].unique()) == ["2022", "2023", "2024"]
    assert results["value"].tolist() == [0] * 6
    assert not results["partial"].any()
    result = CliRunner().invoke(main, ["build", "--format", "html", "--scorecard", "annual"])
    assert result.exit_code == 0, result.output
    summary, *warned = result.stderr.splitlines()
    assert summary.startswith("1 file written, 0 up to date, 1 warning, ")
    assert warned[0] == (
        f"{SPEC}:4:5: sources[events].file: warning: source 'events' has no rows; every count "
        "from 2022-01-01 to 2024-12-31 is 0 [empty_source]"
    )


def test_a_bad_value_does_not_hide_the_other_problems_of_its_file(root):
    apply(root, CASES["duplicate key"])  # in 'lethality'
    apply(root, CASES["impossible date of a policy event"])
    apply(root, Case("", replace=in_spec("    unit: deaths\n", "    unti: deaths\n")))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{SPEC}:17:11: policy_events[0].date: '2024-02-30' is not a date: day is out of range "
        "for month; write dates as YYYY-MM-DD",
        f"{SPEC}:43:5: indicators[killed].unti: unknown field 'unti' (did you mean 'unit'?)",
        CASES["duplicate key"].first_line,
        "3 problems found.",
    ]

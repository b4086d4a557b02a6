"""Fuzzing: whatever text the YAML loader, the spec loader or the CSV reader is given, the
answer is a result or a located UserError, never another exception. (The expression parser
is fuzzed in test_expressions.py.) Bounded example counts keep the suite fast."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_project
from ctscore.data import load_data
from ctscore.errors import UserError
from ctscore.spec.loader import load_project_spec
from ctscore.spec.yamlfile import parse_yaml

YAML_CHARS = "ab01.:-[]{}&*!|>'\"#,?%@`~ \t\n\\"
SPEC_LINES = [
    "indicators:",
    "  - id: a",
    "    title: A",
    "    description: x",
    "    unit: attacks",
    "    direction: lower_is_better",
    "    source: events",
    "    measure: {kind: count}",
    "    measure: {kind: derived, expression: a / (b + 1)}",
    "    dimensions: [province]",
    "    filter: {province: Punjab, killed: {gte: .nan}}",
    "policy_events:",
    "  - {id: e, date: 2024-02-30, title: E}",
    "  - &x {id: f, date: 2024-01-01, title: F}",
    "  - *x",
    "scorecards:",
    "  - id: s",
    "    title: S",
    "    sections: [{title: T, indicators: [a, {indicator: a, target: {value: .inf}}]}]",
    "    x: !!python/object/apply:os.system [id]",
    "\t- broken",
]
CSV_PIECES = [
    "1",
    "2024-01-05",
    "Punjab",
    "Sindh",
    ",",
    "\n",
    '"',
    "\0",
    "",
    " ",
    "x",
    "-3",
    "99999999999999999999",
    "inf",
    "nan",
    "2024-02-30",
    "1e400",
    "é",
    "\r\n",
]


def outcome(load) -> str:
    try:
        load()
    except UserError as error:
        assert error.diagnostics, "a UserError names at least one problem"
        assert all(d.file and d.message for d in error.diagnostics)
        return "error"
    return "ok"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=YAML_CHARS, max_size=200) | st.text(max_size=60))
def test_the_yaml_loader_never_crashes(text):
    outcome(lambda: parse_yaml(text, "a.yaml"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SPEC_LINES), max_size=14))
def test_the_spec_loader_never_crashes(lines):
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {"indicators/a.yaml": "\n".join(lines) + "\n"})
        outcome(lambda: load_project_spec(root))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CSV_PIECES), max_size=40), st.booleans())
def test_the_csv_reader_never_crashes(pieces, latin1_byte):
    body = "".join(pieces).encode("utf-8") + (b"\xe9" if latin1_byte else b"")
    folder = Path(tempfile.mkdtemp())
    try:
        root = write_project(folder, {})
        (root / "events.csv").write_bytes(b"id,date,province,killed\n" + body)
        outcome(lambda: load_data(load_project_spec(root)))
    finally:
        shutil.rmtree(folder)

"""Hostile or broken files fail fast with one located message; paths stay in the project."""

from __future__ import annotations

import time

from conftest import spec_errors
from ctscore.spec.yamlsize import MAX_NODES
from test_spec_errors import INDICATOR, errors_for

OUTSIDE = (
    "must be inside the project folder; copy or link it there and give its path relative to "
    "the folder"
)


def billion_laughs(levels: int = 7, width: int = 9) -> str:
    """Seven levels of nine aliases: 9**7 (about 4.8 million) values from eight lines."""
    lines = ["policy_events:", "  - &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"  - &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_at_the_alias_that_expands_too_far(project):
    started = time.perf_counter()
    messages = errors_for(project, billion_laughs())
    assert time.perf_counter() - started < 1
    assert messages == [
        "indicators/a.yaml:7:5: policy_events[5]: too many YAML nodes (aliases expand to more "
        f"than {MAX_NODES}); simplify the file"
    ]


def test_aliases_that_stay_small_are_fine(project):
    text = INDICATOR.replace("    title: Attacks\n", "    title: &t Attacks\n    unit: *t\n")
    assert errors_for(project, text.replace("    unit: attacks\n", "")) == []


def test_recursive_alias(project):
    assert errors_for(project, "policy_events: &a [*a]\n") == [
        "indicators/a.yaml:1:16: policy_events[0]: recursive alias: this node contains itself, "
        "which never ends; remove the alias"
    ]


def test_recursive_merge_key(project):
    assert errors_for(project, "policy_events:\n  - &m {id: x, <<: *m}\n") == [
        "indicators/a.yaml:2:16: policy_events[0].<<: recursive alias: this node contains "
        "itself, which never ends; remove the alias"
    ]


def test_list_as_a_mapping_key(project):
    assert errors_for(project, "policy_events:\n  - ? [a, b]\n    : 1\n") == [
        "indicators/a.yaml:2:7: policy_events[0]: mapping keys must be plain text or numbers"
    ]


def test_mapping_as_a_mapping_key(project):
    assert errors_for(project, "? {a: 1}\n: 1\n") == [
        "indicators/a.yaml:1:3: mapping keys must be plain text or numbers"
    ]


def test_non_utf8_file_names_the_line_and_column_of_the_first_bad_byte(project):
    root = project({})
    (root / "indicators" / "a.yaml").write_bytes(
        "policy_events:\n  - id: café".encode() + b"\xff\n"
    )
    assert spec_errors(root) == [
        "indicators/a.yaml:2:13: not UTF-8 text: byte 0xff cannot be read (invalid start "
        "byte); save the file as UTF-8"
    ]


def test_control_character(project):
    assert errors_for(project, "policy_events:\n  - id: a\x00\n") == [
        "indicators/a.yaml:2:10: invalid YAML: character #x0000 is not allowed (special "
        "characters are not allowed); remove it"
    ]


def test_deep_nesting(project):
    [message] = errors_for(project, "policy_events: " + "[" * 5000 + "]" * 5000 + "\n")
    assert message.startswith("indicators/a.yaml:1:")
    assert message.endswith(": the YAML is nested too deeply; simplify the file")


def test_source_file_outside_the_project(project):
    text = "sources:\n  - id: events\n    title: E\n    file: ../other/x.csv\n"
    assert errors_for(project, INDICATOR, **{"data/sources.yaml": text}) == [
        f"data/sources.yaml:4:5: sources[events].file: '../other/x.csv' {OUTSIDE}"
    ]


def test_source_file_that_leaves_and_comes_back_is_fine(project):
    root = project({"indicators/a.yaml": INDICATOR})
    sources = (root / "data" / "sources.yaml").read_text()
    changed = sources.replace("file: events.csv", "file: data/../events.csv")
    (root / "data" / "sources.yaml").write_text(changed)
    assert spec_errors(root) == []


def test_absolute_source_file(project):
    text = "sources:\n  - id: events\n    title: E\n    file: /etc/passwd\n"
    assert errors_for(project, INDICATOR, **{"data/sources.yaml": text}) == [
        f"data/sources.yaml:4:5: sources[events].file: '/etc/passwd' {OUTSIDE}"
    ]


def test_source_file_that_is_a_folder(project):
    text = "sources:\n  - id: events\n    title: E\n    file: data\n"
    no_dimensions = INDICATOR.replace("[province]", "[]")
    assert errors_for(project, no_dimensions, **{"data/sources.yaml": text}) == [
        "data/sources.yaml:4:5: sources[events].file: 'data' is a folder, not a file; give the "
        "path of the data file"
    ]


def test_project_paths_outside_the_project(project):
    config = (
        "name: T\npaths:\n  specs: [indicators, ../elsewhere, data]\n"
        "  templates: /tmp/templates\n  reports: ../../reports\n"
    )
    assert spec_errors(project({"ctscore.yaml": config})) == [
        f"ctscore.yaml:3:23: paths.specs[1]: '../elsewhere' {OUTSIDE}",
        f"ctscore.yaml:4:3: paths.templates: '/tmp/templates' {OUTSIDE}",
        f"ctscore.yaml:5:3: paths.reports: '../../reports' {OUTSIDE}",
    ]


def test_spec_folder_that_is_a_file(project):
    config = "name: T\npaths:\n  specs: [data, events.csv]\n"
    assert spec_errors(project({"ctscore.yaml": config})) == [
        "ctscore.yaml:3:17: paths.specs: folder 'events.csv' is a file, not a folder"
    ]


def test_hidden_files_and_folders_are_not_read(project):
    hidden = {
        "indicators/.ipynb_checkpoints/a-checkpoint.yaml": INDICATOR,
        "indicators/.git/config.yaml": "not: [a spec",
        "indicators/.draft.yaml": INDICATOR,
    }
    assert errors_for(project, INDICATOR, **hidden) == []


def test_project_file_is_never_read_as_a_spec_file(project):
    config = "name: T\npaths:\n  specs: ['.']\n"
    assert errors_for(project, INDICATOR, **{"ctscore.yaml": config}) == []


def test_overlapping_spec_folders_read_each_file_once(project):
    config = "name: T\npaths:\n  specs: [indicators, data, ., indicators/]\n"
    assert errors_for(project, INDICATOR, **{"ctscore.yaml": config}) == []

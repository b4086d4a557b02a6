"""Input files as reports name them: by the project's path, even when the file is a link to
a shared download elsewhere (as examples/ucdp-ged-pakistan/README.md suggests)."""

from __future__ import annotations

import datetime as dt

from conftest import write_project
from ctscore.api import load_project
from ctscore.build_context import build_context


def inputs_of(root):
    project = load_project(root)
    results = project.compute(None, "year")
    issued = dt.datetime(2024, 12, 31)
    return build_context(project.spec, project.data, results, "ctscore build", "0", issued)[
        "inputs"
    ]


def test_a_linked_input_is_shown_by_its_path_in_the_project(tmp_path):
    root = write_project(tmp_path / "project", {})
    shared = tmp_path / "shared" / "downloads" / "events_2024.csv"
    shared.parent.mkdir(parents=True)
    (root / "events.csv").rename(shared)
    (root / "events.csv").symlink_to(shared)
    [linked] = inputs_of(root)
    assert linked.path == "events.csv"  # not /tmp/.../shared/downloads/events_2024.csv
    assert linked.rows == 2


def test_a_file_in_the_project_is_shown_relative_to_it(tmp_path):
    root = write_project(tmp_path / "project", {})
    [plain] = inputs_of(root)
    assert plain.path == "events.csv"

"""Several scorecards render in worker processes with the bytes a serial build gives; a
template error in a worker reaches the user as the same located message."""

from __future__ import annotations

import pytest

from ctscore.errors import UserError
from ctscore.pipeline import BuildRequest, build
from ctscore.render.parallel import worker_count
from test_build_project import make_project

CARDS = ("quarterly", "alpha_quarterly", "annual")


def contents(paths) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in paths}


@pytest.mark.skipif(worker_count(3, 3) == 1, reason="processes cannot be forked here")
def test_parallel_and_serial_builds_write_the_same_bytes(tmp_path):
    root = make_project(tmp_path / "project")
    serial = build(BuildRequest(root, CARDS, None, ("html",), tmp_path / "serial", jobs=1))
    parallel = build(BuildRequest(root, CARDS, None, ("html",), tmp_path / "parallel", jobs=3))
    assert [p.name for p in serial] == [p.name for p in parallel]  # the same order too
    assert len(serial) == 3 and contents(serial) == contents(parallel)


@pytest.mark.skipif(worker_count(3, 3) == 1, reason="processes cannot be forked here")
def test_a_template_error_in_a_worker_is_the_users_located_error(tmp_path):
    broken = {"templates/toc.html": "{{ report.nothing }}"}
    root = make_project(tmp_path / "project", files=broken)
    errors = []
    for jobs in (1, 3):
        with pytest.raises(UserError) as caught:
            build(BuildRequest(root, CARDS, None, ("html",), tmp_path / f"out{jobs}", jobs=jobs))
        errors.append(str(caught.value))
    assert errors[0] == errors[1] and "toc.html" in errors[0]
    assert not (tmp_path / "out3").exists() or not any((tmp_path / "out3").iterdir())


def test_workers_are_at_most_the_scorecards_and_the_wish():
    assert worker_count(1) == 1
    assert worker_count(3, 1) == 1
    assert 1 <= worker_count(3, 2) <= 2

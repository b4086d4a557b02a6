"""A build's files are published together or not at all: injected faults (a full disk, a
refused rename, a read-only folder) and kill -9 of a real build leave the previous reports
byte-identical, and the next build cleans up after a killed one."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ctscore.errors import UserError
from ctscore.write import publish
from ctscore.write.publish import STAGING_PREFIX, publish_together, recover
from test_build_project import make_project

OLD = {"a.pdf": b"old a", "b.pdf": b"old b"}
NEW = {"a.pdf": b"new a", "b.pdf": b"new b", "c.html": b"new c"}


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, content in OLD.items():
        (folder / name).write_bytes(content)
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def publish_new(folder: Path) -> list[Path]:
    return publish_together({folder / name: content for name, content in NEW.items()})


def failure(folder: Path) -> str:
    with pytest.raises(UserError) as info:
        publish_new(folder)
    (line,) = [str(d) for d in info.value.diagnostics]
    return line


def test_every_file_is_published_and_nothing_else_is_left(reports):
    assert publish_new(reports) == [reports / name for name in NEW]
    assert contents(reports) == NEW
    assert {oct(p.stat().st_mode & 0o777) for p in reports.iterdir()} == {"0o644"}


def test_a_full_disk_while_staging_changes_nothing(reports, monkeypatch):
    written = []

    def full_after_one(path, content):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        path.write_bytes(content)

    monkeypatch.setattr(publish, "_write_synced", full_after_one)
    assert failure(reports) == (
        "reports: cannot write the reports: the disk is full; free some space and build "
        "again; the previous reports are unchanged"
    )
    assert contents(reports) == OLD


def test_a_rename_failing_half_way_puts_every_file_back(reports, monkeypatch):
    renames = []
    real_replace = os.replace

    def fail_on_third(source, destination):
        renames.append(destination)
        if len(renames) == 3:  # then the two files already published are put back
            raise OSError(errno.EIO, "Input/output error", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fail_on_third)
    assert failure(reports) == (
        "reports/c.html: cannot write the reports: Input/output error; the previous reports "
        "are unchanged"
    )
    assert contents(reports) == OLD  # a.pdf and b.pdf were published, then put back


def test_when_putting_back_fails_too_the_next_build_puts_back(reports, monkeypatch):
    real_replace = os.replace
    renames = []

    def fail_from_third(source, destination):
        renames.append(destination)
        if len(renames) >= 3:  # publishing c.html fails, and so does every restore
            raise OSError(errno.EIO, "Input/output error", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fail_from_third)
    failure(reports)
    assert contents(reports) == {**OLD, "a.pdf": b"new a", "b.pdf": b"new b"}
    (stage,) = reports.glob(STAGING_PREFIX + "*")  # kept: it holds the previous versions
    monkeypatch.setattr(os, "replace", real_replace)
    recover(reports)
    assert contents(reports) == OLD
    assert not stage.exists()


def test_a_folder_that_refuses_writes(reports, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert failure(reports) == (
        "reports: cannot write the reports: permission denied; make the folder writable or "
        "choose another with -o; the previous reports are unchanged"
    )
    assert contents(reports) == OLD


# Root writes into read-only folders: drop the capabilities that let it (where possible).
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


PUBLISHER = """
import sys
from pathlib import Path
from ctscore.errors import UserError
from ctscore.write.publish import publish_together
try:
    publish_together({Path("reports", "a.pdf"): b"new a", Path("reports", "c.html"): b"new c"})
except UserError as error:
    sys.exit(str(error))
"""


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="root writes into read-only folders and setpriv is not there to prevent it",
)
def test_a_real_read_only_folder(reports):
    """A real process, refused by the file system itself (not an injected error)."""
    reports.chmod(0o555)
    prefix = WITHOUT_OVERRIDE if os.geteuid() == 0 else []
    try:
        process = subprocess.run(
            [*prefix, sys.executable, "-c", PUBLISHER],
            cwd=reports.parent,
            capture_output=True,
            text=True,
        )
    finally:
        reports.chmod(0o755)
    assert process.stderr == (
        "reports: cannot write the reports: permission denied; make the folder writable or "
        "choose another with -o; the previous reports are unchanged\n"
    )
    assert contents(reports) == OLD


def test_a_missing_parent_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as info:
        publish_together({tmp_path / "no" / "such" / "a.pdf": b"x"})
    assert str(info.value) == (
        "no/such: cannot write the reports: the folder no does not exist; create it or "
        "choose another with -o"
    )
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_of_killed_builds_are_removed(reports):
    dead = reports / f"{STAGING_PREFIX}999999999-abcd"
    dead.mkdir()
    (dead / "a.pdf").write_bytes(b"half")
    (reports / ".a.pdf.k2j4x9ab.tmp").write_bytes(b"")  # what write_atomic left when killed
    (reports / ".keep.tmp").write_bytes(b"someone else's")
    publish_new(reports)
    assert contents(reports) == {**NEW, ".keep.tmp": b"someone else's"}


# kill -9 at a chosen point: the process kills itself at the N-th call of a step, either
# while publishing three small files or in a real build of the small project.
KILLER = """
import os, signal, sys
from pathlib import Path
from ctscore.write import publish
what, step, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = [0]
def killing(real):
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] > after:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper
if step == "stage":
    publish._write_synced = killing(publish._write_synced)
elif step == "publish":
    os.replace = killing(os.replace)
else:
    publish._Stage.remove = killing(publish._Stage.remove)
if what == "files":
    names = {"a.pdf": b"new a", "b.pdf": b"new b", "c.html": b"new c"}
    publish.publish_together({Path("reports", n): c for n, c in names.items()})
else:
    from ctscore.cli import main
    # one process, no chart cache: the only os.replace calls are the publishing ones
    os.environ["CTSCORE_CACHE_DIR"] = "off"
    main(["build", "--quiet", "--jobs", "1", "--format", "html",
          "--scorecard", "alpha_quarterly", "--scorecard", "annual"])
"""


def killed(root: Path, what: str, step: str, after: int) -> None:
    command = [sys.executable, "-c", KILLER, what, step, str(after)]
    process = subprocess.run(command, cwd=root, capture_output=True)
    assert process.returncode == -signal.SIGKILL, process.stderr


@pytest.mark.parametrize(
    ("step", "after", "expected"),
    [
        ("stage", 0, OLD),
        ("stage", 2, OLD),
        ("publish", 0, OLD),
        ("publish", 2, OLD),
        ("cleanup", 0, NEW),
    ],
)
def test_kill_9_at_any_point_leaves_old_or_new_files(reports, step, after, expected):
    killed(reports.parent, "files", step, after)
    recover(reports)  # what the next build does first
    assert contents(reports) == expected


@pytest.mark.slow
def test_kill_9_of_a_real_build_while_publishing(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    monkeypatch.chdir(root)
    reports = root / "reports"
    reports.mkdir()
    for name in ("alpha_quarterly-2024-Q4.html", "annual-2024.html"):
        (reports / name).write_bytes(b"previous " + name.encode())
    before = contents(reports)
    killed(root, "build", "publish", 1)  # one report published, the other not
    assert contents(reports) != before
    assert any(p.name.startswith(STAGING_PREFIX) for p in reports.iterdir())
    recover(reports)
    assert contents(reports) == before

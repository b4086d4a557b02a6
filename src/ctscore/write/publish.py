"""Publish a build's files together: all the new versions, or all the old ones, never a mix.

``publish_together({path: content, ...})`` writes every file into a staging folder inside
its destination folder (``reports/.ctscore-staging-<pid>-<random>/``, on the same file
system, so renames are atomic), and only when every file is complete and on disk renames
them into place one by one. Before a file is replaced its previous version is kept as a hard
link in the staging folder; if a rename fails, every file already published is put back.
A journal in the staging folder lists what is being published, so a build killed half-way
through publishing is rolled back by the next build to the same folder, which also removes
the staging folders (and the ``.*.tmp`` files of older versions) that killed builds left.

Problems of the user's environment (disk full, a read-only or immutable folder, a missing
parent folder) become one located line naming the path and the cause (a UserError, exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from ctscore.errors import Diagnostic, UserError, display_path

STAGING_PREFIX = ".ctscore-staging-"
JOURNAL = "journal"  # one line per file: 'replaced <name>' or 'new <name>', then 'published'
BACKUPS = "previous"
# The temporary files write_atomic and earlier versions leave when killed: '.name.xyz.tmp'.
OLD_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")

CAUSES = {
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is exceeded; free some space and build again",
    errno.EROFS: "the folder is on a read-only file system; choose another with -o",
    errno.EACCES: "permission denied; make the folder writable or choose another with -o",
    errno.EPERM: "the operation is not permitted (is the folder or file immutable?); "
    "choose another folder with -o",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
}


def publish_together(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file of ``files`` (path: content), all or none; return the paths written.

    On any failure the previous versions of all files are in place and a UserError names the
    path and the cause."""
    folders: dict[Path, dict[str, bytes]] = {}
    for path, content in files.items():
        folders.setdefault(path.parent, {})[path.name] = content
    stages: list[_Stage] = []
    try:
        for folder, contents in folders.items():
            _prepare(folder)
            stage = _Stage.create(folder)
            stages.append(stage)
            stage.write(contents)
        for stage in stages:
            stage.publish()
    except BaseException as error:
        for stage in reversed(stages):
            stage.roll_back()
        if isinstance(error, OSError):
            raise environment_error(error) from None
        raise
    for stage in stages:
        stage.remove()
    return list(files)


def environment_error(error: OSError) -> UserError:
    """An OSError of the write step as the one line a user can act on."""
    path = Path(error.filename) if error.filename else None
    while path is not None and any(part.startswith(STAGING_PREFIX) for part in path.parts):
        path = path.parent  # name the reports folder, not the staging file inside it
    cause = CAUSES.get(error.errno or 0, error.strerror or str(error))
    return UserError(
        [
            Diagnostic(
                display_path(path) if path else "reports",
                message=f"cannot write the reports: {cause}; the previous reports are unchanged",
            )
        ]
    )


def _prepare(folder: Path) -> None:
    """Create the destination folder if only it is missing; clean what killed builds left."""
    if not folder.parent.is_dir():
        raise UserError(
            [
                Diagnostic(
                    display_path(folder),
                    message=f"cannot write the reports: the folder {display_path(folder.parent)} "
                    "does not exist; create it or choose another with -o",
                )
            ]
        )
    folder.mkdir(exist_ok=True)
    recover(folder)


def recover(folder: Path) -> None:
    """Roll back a publication a killed build left half-done, and remove its temporaries."""
    for stale in folder.glob(STAGING_PREFIX + "*"):
        if _alive(stale.name) or not stale.is_dir():
            continue
        _Stage(folder, stale).roll_back()
        shutil.rmtree(stale, ignore_errors=True)
    for old in folder.glob(".*.tmp"):
        if OLD_TEMPORARY.match(old.name) and old.is_file():
            old.unlink(missing_ok=True)


def _alive(staging_name: str) -> bool:
    """Whether the build that owns a staging folder still runs (so it is not stale)."""
    pid_text = staging_name[len(STAGING_PREFIX) :].split("-")[0]
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


class _Stage:
    """The staging folder of one destination folder."""

    def __init__(self, folder: Path, path: Path):
        self.folder = folder
        self.path = path

    @classmethod
    def create(cls, folder: Path) -> _Stage:
        path = folder / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        path.mkdir()
        (path / BACKUPS).mkdir()
        return cls(folder, path)

    def write(self, contents: dict[str, bytes]) -> None:
        for name, content in contents.items():
            _write_synced(self.path / name, content)
        journal = "".join(
            f"{'replaced' if (self.folder / name).exists() else 'new'} {name}\n"
            for name in contents
        )
        _write_synced(self.path / JOURNAL, journal.encode("utf-8"))
        _sync_folder(self.path)

    def publish(self) -> None:
        for action, name in self._journal():
            if action == "replaced":
                _keep(self.folder / name, self.path / BACKUPS / name)
            os.replace(self.path / name, self.folder / name)
        _sync_folder(self.folder)
        with open(self.path / JOURNAL, "a", encoding="utf-8") as stream:
            stream.write("published\n")

    def roll_back(self) -> None:
        """Put back the previous version of every file this stage may have replaced, then
        remove the stage; if that fails the stage is kept, with the previous versions in it,
        for the next build to try again."""
        try:
            if not self._finished():
                for action, name in self._journal():
                    backup = self.path / BACKUPS / name
                    if action == "replaced" and backup.exists():
                        os.replace(backup, self.folder / name)
                    elif action == "new" and not (self.path / name).exists():
                        (self.folder / name).unlink(missing_ok=True)
        except OSError:
            return
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def _journal(self) -> Iterator[tuple[str, str]]:
        journal = self.path / JOURNAL
        if not journal.exists():
            return
        for line in journal.read_text(encoding="utf-8").splitlines():
            action, _, name = line.partition(" ")
            if action in ("replaced", "new") and name and "/" not in name:
                yield action, name

    def _finished(self) -> bool:
        journal = self.path / JOURNAL
        return journal.exists() and journal.read_text(encoding="utf-8").endswith("published\n")


def _keep(current: Path, backup: Path) -> None:
    """Keep the current version of a file before it is replaced (a hard link: no copy)."""
    try:
        os.link(current, backup)
    except OSError:
        shutil.copy2(current, backup)


def _write_synced(path: Path, content: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o644)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

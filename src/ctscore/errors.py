"""One error format for every user-facing problem: ``file:line:col: path: message``.

Every stage (spec, data, compute, render) reports problems as :class:`Diagnostic`
objects and raises :class:`UserError` once it has collected *all* of them, so a
user fixes a whole batch of mistakes per run instead of one at a time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A single problem a user can act on, located in a file."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    message: str = ""
    # "error" stops the command; "warning" is printed after it and fails it with --strict;
    # "note" states a default that changed a number. ``code`` is a stable rule code such as
    # ``blank_values`` (see ctscore.findings), for CI and for looking a rule up.
    severity: str = "error"
    code: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        message = self.message
        if self.severity != "error":
            message = f"{self.severity}: {message}" + (f" [{self.code}]" if self.code else "")
        return f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"


class UserError(Exception):
    """A problem in the user's files or data: printed without traceback, exit code 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics), key=_sort_key)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self):  # whole from a worker process (a template error while rendering)
        return (type(self), (self.diagnostics,))


def _sort_key(diagnostic: Diagnostic) -> tuple:
    # Every field takes part, so the order never depends on the order problems were found.
    where = (diagnostic.file, diagnostic.line or 0, diagnostic.column or 0)
    return (*where, diagnostic.path, diagnostic.message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def one_of(choices: Iterable[str], quote: bool = True) -> str:
    """Format allowed values for a message: ``'a', 'b' or 'c'`` (unquoted with quote=False)."""
    quoted = [f"'{c}'" if quote else str(c) for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def display_path(path: Path) -> str:
    """Path as the user should see it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)

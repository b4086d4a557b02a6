"""The Jinja2 environment of reports: sandboxed, autoescaped, reading only template files.

A report template (the theme's, or a project's override) may format the report's data; it
may not call Python. Templates render in Jinja2's ``ImmutableSandboxedEnvironment``, so
``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` is a located error, not a
command, and the loader reads only regular files inside the template folders: a symbolic
link (``templates/passwd.html -> /etc/passwd``) or a name leading out of a folder is refused.
Every problem a template causes (syntax, an unknown attribute, an unsafe call, a refused
file) becomes one located line: ``templates/cover.html:12: ...`` with a hint.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.errors import display_path as display

HINT_SYNTAX = "see https://jinja.palletsprojects.com/en/stable/templates/ for the template language"
HINT_UNSAFE = (
    "a report template may format the report's data, not call Python; remove the expression"
)


class TemplateRefused(TemplateError):
    """A template name that resolves to a link or to a file outside the template folders
    (not a TemplateNotFound: the next folder must not be tried instead)."""

    def __init__(self, name: str, path: Path, reason: str):
        super().__init__(f"{display(path)}: {reason}")
        self.path = path
        self.reason = reason


class FolderLoader(BaseLoader):
    """Regular files inside one folder; links and names leading outside it are refused."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()

    def get_source(self, environment, template: str):
        path = self.folder.joinpath(*split_template_path(template))  # refuses '..' parts
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        refusal = refusal_of(path, self.folder, self.root)
        if refusal:
            raise TemplateRefused(template, path, refusal)
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        return sorted(
            str(path.relative_to(self.folder)).replace(os.sep, "/")
            for path in self.folder.rglob("*")
            if path.suffix == ".html" and not refusal_of(path, self.folder, self.root)
        )


def refusal_of(path: Path, folder: Path, root: Path) -> str | None:
    """Why ``path`` may not be read as a template, or None when it may."""
    part = path
    while part != folder and part != part.parent:
        if part.is_symlink():
            return (
                "is a symbolic link; a template must be a regular file inside the templates "
                "folder (copy the file there instead)"
            )
        part = part.parent
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return "leads outside the templates folder; a template may only read files inside it"
    if not resolved.is_file():
        return "is not a file"
    return None


class HintingUndefined(StrictUndefined):
    """StrictUndefined whose message suggests the closest existing attribute."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        message = super()._undefined_message
        if self._undefined_hint is not None:  # the sandbox's own message: nothing to suggest
            return message
        owner, name = self._undefined_obj, self._undefined_name
        if isinstance(name, str) and owner is not None and not isinstance(owner, type(self)):
            names = [n for n in dir(owner) if not n.startswith("_")]
            if isinstance(owner, dict):
                names += [str(key) for key in owner]
            message += did_you_mean(name, names)
        return message


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` kept to results of a sensible size: Jinja2 already
    caps ``range()``, but ``'x' * 10**9`` would take a minute and write a gigabyte."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_LENGTH = 100_000  # characters or items a repetition may make
    MAX_EXPONENT = 1_000

    def call_binop(self, context, operator: str, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > self.MAX_EXPONENT:
            raise SecurityError(f"the exponent {right} is too large for a report")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                repeated = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                if repeated and len(sequence) * times > self.MAX_LENGTH:
                    raise SecurityError(
                        f"repeating a value {times} times makes it too long for a report"
                    )
        return super().call_binop(context, operator, left, right)


def sandboxed_environment(
    folders: list[Path], theme: Path, filters: dict[str, Callable]
) -> ReportEnvironment:
    """The environment reports render in: project folders first, then the theme, and the
    theme again under ``theme/`` so an override can extend the built-in file."""
    env = ReportEnvironment(
        loader=ChoiceLoader(
            [*(FolderLoader(f) for f in folders), PrefixLoader({"theme": FolderLoader(theme)})]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=HintingUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env


@contextlib.contextmanager
def located_template_errors(folders: list[Path]) -> Iterator[None]:
    """Turn an error a template causes into a UserError located in the template file."""
    try:
        yield
    except TemplateRefused as error:
        raise UserError([Diagnostic(display(error.path), message=error.reason)]) from None
    except TemplateSyntaxError as error:
        file = display(Path(error.filename)) if error.filename else (error.name or "template")
        raise UserError(
            [Diagnostic(file, error.lineno, message=f"{error.message}; {HINT_SYNTAX}")]
        ) from None
    except (UndefinedError, SecurityError) as error:
        file, line = _template_frame(error, folders)
        hint = HINT_UNSAFE if isinstance(error, SecurityError) else _undefined_hint()
        message = str(error).rstrip(".")
        raise UserError([Diagnostic(file, line, message=f"{message}; {hint}")]) from None
    except TemplateNotFound as error:
        file, line = _template_frame(error, folders)
        raise UserError(
            [Diagnostic(file, line, message=f"template '{error.name}' not found")]
        ) from None
    except TemplateError as error:
        file, line = _template_frame(error, folders)
        raise UserError([Diagnostic(file, line, message=str(error))]) from None
    except OverflowError as error:  # the sandbox's cap on range()
        file, line = _template_frame(error, folders)
        message = f"{str(error).rstrip('.')}; {HINT_UNSAFE}"
        raise UserError([Diagnostic(file, line, message=message)]) from None
    except RecursionError as error:
        file, line = _template_frame(error, folders)
        message = (
            "the templates include or extend each other without end; to change a built-in "
            "template by blocks, extend it as 'theme/<name>'"
        )
        raise UserError([Diagnostic(file, line, message=message)]) from None
    except OSError as error:
        file = display(Path(error.filename)) if error.filename else "templates"
        cause = error.strerror or str(error)
        raise UserError([Diagnostic(file, message=f"cannot read the template: {cause}")]) from None


def _undefined_hint() -> str:
    return "the built-in templates (ctscore/theme/) show the names a template can use"


def _template_frame(error: BaseException, folders: list[Path]) -> tuple[str, int | None]:
    """The innermost template file and line in the error's traceback, preferring the project's
    overrides (Jinja2 rewrites the traceback so that template frames carry the template's own
    file name and line)."""
    frames = traceback.extract_tb(error.__traceback__)
    # The project's own files first (the theme, last of the folders, is not the user's to edit).
    for searched in (folders[:-1], folders):
        roots = [folder.resolve() for folder in searched]
        for frame in reversed(frames):
            path = Path(frame.filename)
            if path.suffix == ".html" and any(path.resolve().is_relative_to(r) for r in roots):
                return display(path), frame.lineno
    return "templates", None


def check_templates(folder: Path, theme: Path) -> list[Diagnostic]:
    """Every problem a project's template overrides have that shows without data: syntax
    errors, links and files leading outside the folder."""
    if not folder.is_dir():
        return []
    env = sandboxed_environment([folder], theme, {})
    root = folder.resolve()
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.suffix != ".html":
            continue  # other files (CSS, images) are read by the PDF fetcher, which checks them
        refusal = refusal_of(path, folder, root)
        if refusal:
            problems.append(Diagnostic(display(path), message=refusal))
            continue
        try:
            with located_template_errors([folder, theme]):
                env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except UserError as error:
            problems += error.diagnostics
    return problems

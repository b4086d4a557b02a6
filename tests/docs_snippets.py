"""Run a Markdown page's fenced blocks as a reader would, in order, in a folder of its own.

The conventions, which the pages follow (see docs/developing/docs.md):

* ``yaml`` blocks are validated against the spec models: the model named by a
  ``<!-- model: Name -->`` line right before the block (each item, for a list;
  ``Name.field`` for a block holding one field, e.g. ``RowIndicator.filter``), else a
  whole spec file (``SpecFile``) or, with a top-level ``name``, ``ctscore.yaml``
  (``ProjectConfig``).
* A block with ``title="path"`` (any language) is also written to that file.
* ``console`` blocks hold ``$ command`` lines, each followed by the output it prints (its
  standard output, then its standard error). A ``...`` line stands for any lines, ``...``
  inside a line for any text. ``# exit N`` after a command says the exit code it gives
  (default 0). Commands are ``ctscore ...`` (run in-process), ``cd`` and ``rm``.
* ``sh`` blocks hold commands only; each ``ctscore`` line must exit 0.
* ``python`` blocks run in one namespace per page; a block starting with ``>>>`` is a
  doctest, so the values it shows are compared.
* ``<!-- docs-test: skip REASON -->`` right before a block leaves it out, with the reason.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner
from pydantic import BaseModel, TypeAdapter

from ctscore.cli import main
from ctscore.spec.document import SpecFile
from ctscore.spec.project import ProjectConfig
from ctscore.spec.reference import all_models

REPO = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+)\s*(?P<info>.*)$")
MARKER = re.compile(r"^\s*<!--\s*(?P<key>model|docs-test):\s*(?P<value>.*?)\s*-->\s*$")
SAMPLE = ("ctscore.yaml", "data", "indicators", "templates")


@dataclass
class Block:
    page: str
    line: int
    language: str
    title: str | None
    text: str
    model: str | None = None
    skip: str | None = None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, with their markers."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    marks: dict[str, str] = {}
    index = 0
    while index < len(lines):
        marker, fence = MARKER.match(lines[index]), FENCE.match(lines[index])
        if marker:
            marks[marker["key"]] = marker["value"]
        elif fence:
            indent, ticks = len(fence["indent"]), fence["fence"]
            info = fence["info"]
            title = re.search(r'title="([^"]+)"', info)
            body, index = [], index + 1
            while not lines[index].strip().startswith(ticks):
                body.append(lines[index][indent:])
                index += 1
            found.append(
                Block(
                    page=path.name,
                    line=index - len(body),
                    language=(info.split() or [""])[0].strip("{}. "),
                    title=title[1] if title else None,
                    text="\n".join(body) + "\n",
                    model=marks.get("model"),
                    skip=marks.get("docs-test"),
                )
            )
            marks = {}
        elif lines[index].strip():
            marks = {}
        index += 1
    return found


def validate_yaml(block: Block) -> None:
    """The block's YAML is accepted by the model it documents."""
    data = yaml.safe_load(block.text)
    name, _, field = (block.model or "").partition(".")
    model = model_of(block, name, data)
    if field:  # `RowIndicator.filter`: a block `filter: ...` holds that field's value alone
        assert isinstance(data, dict) and list(data) == [field], f"{block.where}: not {field}:"
        annotation = model.model_fields[field].annotation
        check = lambda: TypeAdapter(annotation).validate_python(data[field])  # noqa: E731
    elif isinstance(data, list):  # items of a list, e.g. `- id: ...` under `indicators:`
        check = lambda: [model.model_validate(item) for item in data]  # noqa: E731
    else:
        check = lambda: model.model_validate(data)  # noqa: E731
    try:
        check()
    except Exception as error:
        raise AssertionError(f"{block.where}: not a valid {block.model}: {error}") from None


def model_of(block: Block, name: str, data: object) -> type[BaseModel]:
    if name:
        models = {m.__name__: m for m in all_models()}
        assert name in models, f"{block.where}: no model named {name!r}"
        return models[name]
    keys = set(data) if isinstance(data, dict) else set()
    if keys and "name" in keys and keys <= set(ProjectConfig.model_fields):
        return ProjectConfig
    if keys and keys <= set(SpecFile.model_fields):
        return SpecFile
    raise AssertionError(
        f"{block.where}: a YAML fragment: say what it is with a `<!-- model: Name -->` line "
        "before it (a model of docs/reference.md)"
    )


class Page:
    """A reader working through one page: a current folder and a Python namespace."""

    def __init__(self, workspace: Path):
        self.cwd = workspace
        self.namespace: dict = {"__name__": "__docs__"}

    def run(self, block: Block) -> None:
        if block.skip is not None:
            assert block.skip.startswith("skip "), f"{block.where}: say why it is skipped"
            return
        if block.language == "yaml":
            validate_yaml(block)
        if block.title:
            target = self.cwd / block.title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        if block.language == "console":
            self.console(block)
        elif block.language == "sh":
            self.shell(block)
        elif block.language == "python":
            self.python(block)

    def console(self, block: Block) -> None:
        for command, expected in sessions(block.text):
            code, output = self.command(block, command)
            shown = command.split(" # exit ")
            want = int(shown[1]) if len(shown) > 1 else 0
            assert code == want, f"{block.where}: `{command}` exited {code}:\n{output}"
            assert_output(block, command, output.splitlines(), expected)

    def shell(self, block: Block) -> None:
        for line in block.text.splitlines():
            line = line.split(" #")[0].strip()
            if line and not line.startswith("#"):
                code, output = self.command(block, line)
                assert code == 0, f"{block.where}: `{line}` exited {code}:\n{output}"

    def command(self, block: Block, line: str) -> tuple[int, str]:
        words = shlex.split(line, comments=True)
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return 0, ""
        if words[0] == "rm":
            for name in words[1:]:
                (self.cwd / name).unlink()
            return 0, ""
        assert words[0] == "ctscore", f"{block.where}: cannot run `{line}` here; skip the block"
        previous = Path.cwd()
        os.chdir(self.cwd)
        try:
            result = CliRunner().invoke(main, words[1:])
        finally:
            os.chdir(previous)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout + result.stderr

    def python(self, block: Block) -> None:
        previous = Path.cwd()
        os.chdir(self.cwd)
        try:
            if block.text.lstrip().startswith(">>>"):
                test = doctest.DocTestParser().get_doctest(
                    block.text, self.namespace, block.where, block.page, block.line
                )
                runner = doctest.DocTestRunner(
                    optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
                )
                failures: list[str] = []
                runner.run(test, out=failures.append, clear_globs=False)
                self.namespace.update(test.globs)  # a DocTest runs in a copy of the namespace
                assert runner.failures == 0, "".join(failures)
            else:
                exec(compile(block.text, block.where, "exec"), self.namespace)
        finally:
            os.chdir(previous)


def sessions(text: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines of a console block, each with the lines it shows."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:].strip(), []))
        elif found:
            found[-1][1].append(line)
    return found


def assert_output(block: Block, command: str, got: list[str], expected: list[str]) -> None:
    pattern = "".join(
        r"(?:.*\n)*?" if line.strip() == "..." else _line_pattern(line) + r"\n" for line in expected
    )
    text = "".join(_squeezed(line) + "\n" for line in got)
    assert re.fullmatch(pattern, text), (
        f"{block.where}: `{command}` printed:\n"
        + "\n".join(got)
        + "\nnot as shown:\n"
        + "\n".join(expected)
    )


def _line_pattern(line: str) -> str:
    return ".*".join(re.escape(part) for part in _squeezed(line).split("..."))


def _squeezed(line: str) -> str:
    """Runs of spaces and tabs as one space: pages align columns that tools separate
    with tabs."""
    return re.sub(r"[ \t]+", " ", line).strip()


def sample_workspace(folder: Path) -> Path:
    """A copy of the bundled sample project, for pages whose examples read it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("*.pdf"))
        else:
            shutil.copy(source, folder / name)
    return folder

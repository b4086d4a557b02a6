"""Generate the command reference (docs/cli.md) from the click commands themselves.

Run ``python -m ctscore.cli_reference docs`` (``make docs`` does); a test fails when the
committed page differs from what this generates, so a new option cannot go undocumented.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ctscore.cli import main

# Every command runs inside `friendly` (a test checks it), which gives these codes.
COMMON_EXIT_CODES = {
    0: "success",
    2: "a user error: a problem in the specs, the data or the arguments, printed as "
    "`file:line:column: path: message` lines (with `--strict`, a warning too)",
    3: "an internal error, a bug in ctscore: run again with `ctscore --debug ...` and report it",
}
# The commands that also exit 1, "a check failed", and when (a test finds the exits).
CHECK_FAILED = {
    "build": "with `--check`: a report is out of date",
    "test": "an indicator test failed",
}


def cli_markdown() -> str:
    lines = [
        "# Command reference",
        "",
        "Generated from the `ctscore` command's own definitions by `make docs`; do not edit",
        "by hand. `ctscore --help` and `ctscore COMMAND --help` print the same.",
        "",
        "Global options, given before the command (`ctscore --debug build`):",
        "",
        *options_table(main),
        "",
    ]
    with click.Context(main, info_name="ctscore") as root:
        for name in sorted(main.commands):
            command = main.commands[name]
            with click.Context(command, info_name=name, parent=root) as context:
                lines += command_section(name, command, context)
    return "\n".join(lines).rstrip("\n") + "\n"


def command_section(name: str, command: click.Command, context: click.Context) -> list[str]:
    usage = command.collect_usage_pieces(context)
    lines = [f"## ctscore {name}", "", _text(command.help), ""]
    lines += ["```text", f"ctscore {name} {' '.join(usage)}".rstrip(), "```", ""]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if arguments:
        names = ", ".join(f"`{a.human_readable_name}`" for a in arguments)
        lines += [f"Arguments: {names}" + _argument_defaults(arguments) + ".", ""]
    lines += [*options_table(command), "", "Exit codes:", ""]
    codes = dict(COMMON_EXIT_CODES)
    if name in CHECK_FAILED:
        codes[1] = f"a check failed: {CHECK_FAILED[name]}"
    lines += [f"- `{code}`: {codes[code]}" for code in sorted(codes)]
    return [*lines, ""]


def options_table(command: click.Command) -> list[str]:
    rows = ["| option | type | default | description |", "| --- | --- | --- | --- |"]
    options = [p for p in command.params if isinstance(p, click.Option)]
    options.append(_help_option())
    for option in options:
        names = ", ".join(f"`{n}`" for n in [*option.opts, *option.secondary_opts])
        kind = "flag" if option.is_flag else _type_name(option)
        if option.multiple:
            kind += " (repeatable)"
        rows.append(f"| {names} | {kind} | {_default(option)} | {_text(option.help)} |")
    return rows


def _help_option() -> click.Option:
    return click.Option(["-h", "--help"], is_flag=True, help="Show the help and exit.")


def _type_name(option: click.Option) -> str:
    if isinstance(option.type, click.Choice):
        return " \\| ".join(f"`{choice}`" for choice in option.type.choices)
    return option.type.name.lower()


def _default(option: click.Option) -> str:
    if option.required:
        return "**required**"
    # An option without a default holds click's UNSET marker, which is not a plain value.
    plain = isinstance(option.default, (str, int, float)) and not option.is_flag
    return f"`{option.default}`" if plain and option.default != "" else "–"


def _argument_defaults(arguments: list[click.Argument]) -> str:
    given = [
        f"`{a.human_readable_name}` defaults to `{a.default}`"
        for a in arguments
        if isinstance(a.default, str)
    ]
    return " (" + "; ".join(given) + ")" if given else ""


def _text(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def write_cli_reference(folder: Path) -> Path:
    path = folder / "cli.md"
    path.write_text(cli_markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_cli_reference(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))

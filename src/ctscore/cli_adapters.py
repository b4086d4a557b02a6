"""``ctscore adapters``: the source kinds installed, built in or added by other packages."""

from __future__ import annotations

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ctscore.cli import friendly, main


@main.command(name="adapters")
@click.option("--kind", help="Show one adapter's columns, date and unknown codes.")
@friendly
def list_adapters(kind: str | None) -> None:
    """List the source kinds (adapters) installed, or describe one."""
    from ctscore.adapters import BUILT_IN, adapters, broken_adapters
    from ctscore.errors import Diagnostic, UserError, did_you_mean

    installed = adapters()
    console = Console(width=max(Console().width, 120), highlight=False)
    if kind is None:
        table = Table("kind", "title", "a row is", "columns", "from", title="Source adapters")
        for adapter in installed.values():
            origin = "built in" if adapter.kind in BUILT_IN else "plug-in"
            known = str(len(adapter.columns())) if adapter.has_catalogue else "declared"
            table.add_row(adapter.kind, adapter.title, adapter.unit, known, origin)
        console.print(table)
        for broken, reason in broken_adapters().items():
            console.print(f"[bold]{broken}[/bold]: not usable: {escape(reason)}")
        return
    if kind not in installed:
        hint = did_you_mean(kind, list(installed))
        raise UserError(
            [Diagnostic("ctscore adapters --kind", message=f"unknown kind '{kind}'{hint}")]
        )
    _describe(console, installed[kind])


def _describe(console: Console, adapter) -> None:
    console.print(f"[bold]{adapter.kind}[/bold]: {escape(adapter.title)}")
    for label, value in (
        ("", adapter.description),
        ("date", _date_words(adapter.date)),
        ("no records", "; ".join(f"{start} to {end}" for start, end in adapter.gaps)),
        ("small counts", adapter.weight and f"judged on the sum of {adapter.weight}, not rows"),
        ("citation", adapter.citation),
        ("licence", adapter.licence),
        ("download", adapter.url),
    ):
        if value:
            console.print(f"{label + ': ' if label else ''}{escape(value)}")
    table = Table("column", "type", "required", "unknown codes", "description")
    for name, column in adapter.columns().items():
        codes = ", ".join(adapter.missing_codes.get(name, ()))
        required = "yes" if column.required else "no"
        table.add_row(name, column.type, required, codes, escape(column.description))
    if adapter.has_catalogue:
        console.print(table)


def _date_words(date) -> str:
    if date is None:
        return ""
    if date.column:
        precision = f", precision from {date.precision_column}" if date.precision_column else ""
        return f"{date.column}{precision}"
    parts = date.parts
    return "/".join(p for p in (parts.year, parts.month, parts.day) if p) + " (0 or blank: unknown)"

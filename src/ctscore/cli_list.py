"""`ctscore list [KIND] [PROJECT]`: the project's declarations as a table or as JSON.

On a terminal a rich table; piped, tab-separated lines (nothing cut to fit a width), so
`ctscore list | cut -f1` gives every id whole."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click
from rich.console import Console
from rich.table import Table

from ctscore.spec.indicators import RowIndicator
from ctscore.spec.project_spec import ProjectSpec

Row = dict[str, str]


def _indicator(item) -> Row:
    return {
        "id": item.id,
        "title": item.title,
        "unit": item.unit,
        "direction": item.direction.replace("_", " "),
        "source": (
            item.source
            if isinstance(item, RowIndicator)
            else f"({item.measure.kind} of other indicators)"
        ),
    }


def _scorecard(item) -> Row:
    return {
        "id": item.id,
        "title": item.title,
        "period_type": item.period_type or "",
        "period": item.period,
        "breakdown": item.breakdown or "",
        "indicators": str(len(list(item.entries()))),
    }


def _source(item) -> Row:
    return {"id": item.id, "title": item.title, "kind": item.kind, "file": item.file or ""}


def _policy_event(item) -> Row:
    return {"id": item.id, "title": item.title, "date": str(item.date)}


def _test(item) -> Row:
    return {
        "id": item.id,
        "indicators": ", ".join(item.indicators),
        "period_type": item.period_type or "",
        "expected": str(len(item.expect)),
    }


def _evaluation(item) -> Row:
    events = [item.event] if item.event else list(item.events)
    return {
        "id": item.id,
        "title": item.title,
        "indicator": item.indicator,
        "events": ", ".join(events),
        "period_type": item.period_type,
        "model": item.model,
    }


# kind -> (the spec collection, how one item reads as a row)
LISTABLE: dict[str, tuple[str, Callable[..., Row]]] = {
    "indicators": ("indicators", _indicator),
    "scorecards": ("scorecards", _scorecard),
    "sources": ("sources", _source),
    "policy_events": ("policy_events", _policy_event),
    "tests": ("tests", _test),
    "evaluations": ("evaluations", _evaluation),
}


def rows(spec: ProjectSpec, kind: str) -> list[Row]:
    collection, row = LISTABLE[kind]
    # a ratio's inline numerator or denominator ('id.numerator') is part of it, not listed
    items = [item for name, item in spec.collection(collection).items() if "." not in name]
    return [row(item) for item in items]


def print_rows(kind: str, table_rows: list[Row], output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps(table_rows, indent=1, ensure_ascii=False))
        return
    columns = list(table_rows[0]) if table_rows else ["id"]
    if not sys.stdout.isatty():
        click.echo("\t".join(columns))
        for row in table_rows:
            click.echo("\t".join(row[c].replace("\t", " ") for c in columns))
        return
    table = Table(*columns, title=kind.replace("_", " ").capitalize())
    table.columns[0].no_wrap = True  # ids are what users copy: never wrapped or cut
    for row in table_rows:
        table.add_row(*(row[c] for c in columns), style=None)
    Console(highlight=False).print(table)


def list_kind(args: tuple[str, ...], output_format: str) -> None:
    """``ctscore list [KIND] [PROJECT]``: KIND defaults to indicators, PROJECT to '.'."""
    from ctscore.errors import Diagnostic, UserError
    from ctscore.spec.loader import load_project_spec

    kind, rest = ("indicators", list(args))
    if rest and rest[0] in LISTABLE:
        kind = rest.pop(0)
    if len(rest) > 1:
        raise UserError(
            [
                Diagnostic(
                    "ctscore list",
                    message=f"usage: ctscore list [KIND] [PROJECT]; KIND is one of "
                    f"{', '.join(LISTABLE)} (got {' '.join(args)!r})",
                )
            ]
        )
    print_rows(kind, rows(load_project_spec(rest[0] if rest else "."), kind), output_format)

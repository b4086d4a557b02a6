"""``ctscore effects``: the policy effects of the project's evaluations (interrupted time
series), as a table, JSON or CSV."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ctscore.cli import PROJECT, TABLE_FORMAT, friendly
from ctscore.errors import Diagnostic, UserError, did_you_mean


@click.command(name="effects")
@PROJECT
@click.option("--evaluation", "evaluations", multiple=True, help="Evaluation id (repeatable).")
@TABLE_FORMAT
@friendly
def effects_command(project: Path, evaluations: tuple[str, ...], output_format: str) -> None:
    """Estimate the effect of policy events (the project's `evaluations:`)."""
    from ctscore.analysis.effects import evaluate_effects
    from ctscore.api import load_project

    loaded = load_project(project)
    spec = loaded.spec
    unknown = [e for e in evaluations if e not in spec.evaluations]
    if unknown:
        raise UserError(
            [
                Diagnostic(
                    "ctscore effects --evaluation",
                    message=f"unknown evaluation '{e}'{did_you_mean(e, spec.evaluations)}",
                )
                for e in unknown
            ]
        )
    ids = list(dict.fromkeys(evaluations)) or list(spec.evaluations)
    if not ids:
        raise UserError(
            [Diagnostic(str(spec.root), message="the project declares no 'evaluations:'")]
        )
    found = evaluate_effects(spec, loaded.data, ids)
    if output_format == "json":
        click.echo(json.dumps([e.as_json() for e in found], indent=2, default=float))
    elif output_format == "csv":
        import pandas as pd

        rows = [_flat_events(e.as_json()) for e in found]
        click.echo(pd.json_normalize(rows, sep="_").to_csv(index=False), nl=False)
    else:
        _print(found)


ESTIMATE_KEYS = ("rate_ratio", "ci_low", "ci_high", "p_value")


def _flat_events(effect: dict) -> dict:
    """One CSV row per evaluation: its list of events becomes columns ``events_1_...``,
    ``events_2_...`` (a cell holds one value, never a list), and an estimate the model does
    not make (no slope change) has the same four columns as the others, left blank."""

    def estimates(found: dict) -> dict:
        return {
            key: dict.fromkeys(ESTIMATE_KEYS)
            if key.endswith(("_change", "pre_trend")) and value is None
            else value
            for key, value in found.items()
        }

    events = [estimates(event) for event in effect.pop("events")]
    flat = estimates(effect)
    return {**flat, "events": {str(i): event for i, event in enumerate(events, start=1)}}


def _print(found) -> None:
    from rich.console import Console
    from rich.table import Table

    def shown(estimate) -> str:
        if estimate is None:
            return "–"
        return (
            f"{estimate.rate_ratio:.3f} ({estimate.ci_low:.3f} to {estimate.ci_high:.3f}), "
            f"p = {estimate.p_value:.3g}"
        )

    console = Console(width=max(Console().width, 120))
    for effect in found:
        table = Table("estimate", "rate ratio (95% CI), p", title=f"{effect.id}: {effect.title}")
        table.add_row("level change at the event", shown(effect.fit.level_change))
        table.add_row("slope change per period", shown(effect.fit.slope_change))
        table.add_row("trend before, per period", shown(effect.fit.pre_trend))
        console.print(table)
        fit = effect.fit
        console.print(
            f"{fit.model}, {fit.covariance} errors, dispersion {fit.dispersion:.3g}; "
            f"{fit.n_before} periods before ({effect.periods[0]} on), {fit.n_after} from "
            f"{effect.event_period}; Durbin-Watson {fit.autocorrelation.durbin_watson:.2f}, "
            f"Ljung-Box p = {fit.autocorrelation.ljung_box_p:.3g}",
            highlight=False,
        )
        console.print(effect.sentence(), highlight=False)
        for caveat in effect.caveats():
            console.print(f"Note: {caveat}", highlight=False)

"""``ctscore trends``: Mann-Kendall test and Sen's slope of an indicator, as a table, JSON
or CSV."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ctscore.cli import PERIOD_TYPE, PROJECT, TABLE_FORMAT, friendly


@click.command(name="trends")
@PROJECT
@click.option("--indicator", "indicator", required=True, help="Indicator id.")
@PERIOD_TYPE
@click.option("--from", "first", help="First period, e.g. 2007 or 2015-Q1.")
@click.option("--to", "last", help="Last period, e.g. 2021 or 2024-Q4.")
@click.option("--by", help="Also test each value of this dimension.")
@click.option(
    "--seasonal", is_flag=True, help="Seasonal Mann-Kendall (Hirsch) for months or quarters."
)
@TABLE_FORMAT
@friendly
def trends_command(
    project: Path, indicator, period_type, first, last, by, seasonal, output_format
) -> None:
    """Test an indicator for a monotonic trend (Mann-Kendall, Sen's slope)."""
    from ctscore.analysis.trends import TrendRequest, trend_table
    from ctscore.api import load_project

    request = TrendRequest(indicator, period_type, first, last, by, seasonal)
    table = trend_table(load_project(project), request, warn=lambda m: click.echo(m, err=True))
    if output_format == "json":
        click.echo(json.dumps(table.to_dict(orient="records"), indent=2, default=float))
    elif output_format == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    else:
        _print(table)


def _print(table) -> None:
    from rich.console import Console
    from rich.table import Table

    shown = Table(
        "series", "periods", "n", "Sen's slope", "95% CI", "per year", "Mann-Kendall p", "tau",
        title=f"Trend of {table['indicator'].iloc[0]}" if len(table) else "Trend",
    )  # fmt: skip
    for row in table.itertuples():
        series = "total" if row.dimension == "total" else f"{row.dimension} {row.dimension_value}"
        shown.add_row(
            series,
            f"{row.first_period} to {row.last_period}",
            str(row.n),
            f"{row.sen_slope:+.3g}",
            f"{row.sen_ci_low:+.3g} to {row.sen_ci_high:+.3g}",
            f"{row.sen_slope_per_year:+.3g}",
            f"{row.p_value:.3g}",
            f"{row.tau:+.3f}",
        )
    Console(width=max(Console().width, 120)).print(shown)

"""Invariants over random small event tables (hypothesis).

For any table: every period of the grid is present for every indicator and breakdown
value; counts and sums over the provinces add up to the total; counts match a plain
Python tally of the rows; shares lie in [0, 1] and are missing exactly when their
denominator is 0; year-to-date totals end each year at that year's total.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import pick, source, sources, write_project
from ctscore.api import Project
from ctscore.spec.loader import load_project_spec

QUARTERS = [f"{y}-Q{q}" for y in (2023, 2024) for q in (1, 2, 3, 4)]
PROVINCES = ["A", "B", "C"]
SOURCES = sources(
    source(
        columns={
            "date": "date",
            "province": "category, required: false, allowed: [A, B, C]",
            "kind": "category",
            "killed": "integer, required: false",
        },
        coverage=("2023-01-01", "2024-12-31"),
    )
)
INDICATORS = """\
indicators:
  - {id: events, title: E, description: E., unit: u, direction: lower_is_better,
     source: events, measure: {kind: count}, dimensions: [province, kind]}
  - {id: killed, title: K, description: K., unit: u, direction: lower_is_better,
     source: events, measure: {kind: sum, column: killed}, dimensions: [province, kind]}
  - {id: bombs, title: B, description: B., unit: u, direction: lower_is_better,
     source: events, filter: {kind: bomb}, measure: {kind: count}, dimensions: [province]}
  - {id: deadly, title: D, description: D., unit: u, direction: lower_is_better,
     source: events, filter: {killed: {gte: 1}}, measure: {kind: count},
     dimensions: [province, kind]}
  - {id: mean_killed, title: M, description: M., unit: u, direction: lower_is_better,
     source: events, measure: {kind: mean, column: killed}, dimensions: [province]}
  - {id: bomb_share, title: S, description: S., unit: u, direction: lower_is_better,
     measure: {kind: share, numerator: bombs, denominator: events}}
  - {id: deadly_share, title: S, description: S., unit: u, direction: lower_is_better,
     measure: {kind: share, numerator: deadly, denominator: events}}
  - {id: events_ytd, title: Y, description: Y., unit: u, direction: lower_is_better,
     measure: {kind: year_to_date, indicator: events}}
"""

rows_strategy = st.lists(
    st.tuples(
        st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
        st.sampled_from([*PROVINCES, None]),
        st.sampled_from(["bomb", "raid", "ambush"]),
        st.one_of(st.none(), st.integers(0, 5)),
    ),
    max_size=40,
)


@pytest.fixture(scope="module")
def spec():
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(
            Path(folder),
            {
                "ctscore.yaml": "name: Properties\n",
                "data/sources.yaml": SOURCES,
                "events.csv": "date,province,kind,killed\n",
                "indicators/i.yaml": INDICATORS,
            },
        )
        yield load_project_spec(root)


def compute(spec, rows, by=("province", "kind")):
    lines = ["date,province,kind,killed"]
    lines += [f"{d},{p or ''},{k},{'' if n is None else n}" for d, p, k, n in rows]
    (spec.root / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Project(spec).compute(by=list(by))


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def series(results, indicator, dimension="total", value="All", column="value") -> np.ndarray:
    return np.asarray(pick(results, indicator, column, dimension, value))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows_strategy)
def test_invariants(spec, rows):
    results = compute(spec, rows)

    # every period, in order, for every indicator and breakdown value
    for _, part in results.groupby(["indicator", "dimension", "dimension_value"]):
        assert part["period"].tolist() == QUARTERS

    # counts equal a plain tally of the rows; breakdowns add up to the total
    for indicator in ("events", "killed", "bombs", "deadly"):
        total = series(results, indicator)
        for dimension in ("province", "kind"):
            part = results[
                (results["indicator"] == indicator) & (results["dimension"] == dimension)
            ]
            if not part.empty:
                summed = part.groupby("period", sort=True)["value"].sum().to_numpy()
                assert np.array_equal(summed, total)
    for province in [*PROVINCES, None]:
        expected = [sum(1 for d, p, _, _ in rows if p == province and quarter(d) == q)
                    for q in QUARTERS]  # fmt: skip
        if province is None and not any(expected):
            continue  # no row without a province: no '(missing)' value
        assert series(results, "events", "province", province or "(missing)").tolist() == expected
    killed = [sum(n or 0 for d, _, _, n in rows if quarter(d) == q) for q in QUARTERS]
    assert series(results, "killed").tolist() == killed

    # shares lie in [0, 1]; missing exactly when the denominator is 0
    for share in ("bomb_share", "deadly_share"):
        value = series(results, share)
        empty = series(results, "events") == 0
        assert np.array_equal(np.isnan(value), empty)
        assert ((value[~empty] >= 0) & (value[~empty] <= 1)).all()
        assert np.array_equal(series(results, share, column="zero_denominator"), empty)

    # a mean lies between the smallest and largest value of its quarter
    means = series(results, "mean_killed")
    for q, mean in zip(QUARTERS, means, strict=True):
        present = [n for d, _, _, n in rows if quarter(d) == q and n is not None]
        assert np.isnan(mean) if not present else min(present) <= mean <= max(present)

    # year to date ends each year at that year's total
    events, ytd = series(results, "events"), series(results, "events_ytd")
    assert ytd[3] == events[:4].sum() and ytd[7] == events[4:].sum()
    assert not results["partial"].any()

    # totals do not depend on which breakdowns were asked for
    alone = compute(spec, rows, by=())
    with_breakdowns = results[results["dimension"] == "total"].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, with_breakdowns)

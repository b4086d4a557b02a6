"""A small, fast project for the evaluate/render/build tests, and its sanity checks.

``make_project(root)`` writes a ctscore project with 36 months of synthetic events
(2022-2024) in three provinces, a policy event, five indicators and three scorecards:
quarterly (with a baseline before the event), one province (``region``) and annual.
Its values are known: tests recompute them from ``events.csv`` with plain pandas.
Other test modules import it: ``from test_build_project import make_project``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from conftest import source, sources

PROVINCES = ("Alpha", "Beta", "Gamma")


def events_csv() -> str:
    """Deterministic events: month m has 4 + (m * 7) % 5 events; Gamma gets one event in
    six months only, so its counts stay small."""
    lines = ["id,date,province,kind,killed"]
    number = 0
    for month in range(36):
        year, month_of_year = 2022 + month // 12, month % 12 + 1
        for k in range(4 + (month * 7) % 5):
            number += 1
            province = "Gamma" if k == 0 and month % 6 == 0 else PROVINCES[k % 2]
            kind = "suicide" if (number % 9 == 0) else "armed"
            day = 1 + (k * 6) % 28
            killed = (number * 5) % 4
            lines.append(
                f"{number},{year}-{month_of_year:02d}-{day:02d},{province},{kind},{killed}"
            )
    return "\n".join(lines) + "\n"


CONFIG = """\
name: Small test project
organisation: Test organisation
default_period_type: quarter
paths: {specs: [indicators]}
"""

SOURCES = sources(
    source(
        columns={
            "id": "integer, unique: true",
            "date": "date",
            "province": "category",
            "kind": "category",
            "killed": "integer, min: 0",
        },
        coverage=("2022-01-01", "2024-12-31"),
    )
)
SPECS = (
    SOURCES
    + """
policy_events:
  - id: ceasefire
    date: 2023-07-20
    title: Ceasefire
    description: The parties agree a ceasefire.

indicators:
  - id: attacks
    title: Attacks
    description: DESCRIPTION_OF_ATTACKS
    rationale: Fewer attacks, fewer victims.
    unit: attacks
    direction: lower_is_better
    source: events
    measure: {kind: count}
    dimensions: [province]
  - id: suicide_attacks
    title: Suicide attacks
    description: Attacks by a suicide bomber.
    unit: attacks
    direction: lower_is_better
    source: events
    filter: {kind: suicide}
    measure: {kind: count}
    dimensions: [province]
  - id: killed
    title: People killed
    description: People killed in attacks.
    unit: deaths
    direction: lower_is_better
    source: events
    measure: {kind: sum, column: killed}
    dimensions: [province]
  - id: lethality
    title: Deaths per attack
    description: People killed per attack.
    unit: deaths per attack
    direction: lower_is_better
    measure: {kind: ratio, numerator: killed, denominator: attacks}
    decimals: 2
  - id: attacks_in_alpha
    title: Attacks in Alpha
    description: Attacks in Alpha only.
    unit: attacks
    direction: higher_is_better
    source: events
    filter: {province: Alpha}
    measure: {kind: count}
    dimensions: [province]

scorecards:
  - id: quarterly
    title: Test scorecard
    subtitle: Quarterly test
    audience: The test suite
    period_type: quarter
    breakdown: province
    comparisons: [previous_period, same_period_last_year, baseline]
    baseline:
      before_event: {event: ceasefire, periods: 2}
    trend_periods: 8
    sections:
      - title: Violence
        intro: How much violence.
        indicators:
          - indicator: attacks
            target: {change_from_baseline: -10}
          - suicide_attacks
          - killed
      - title: Severity
        indicators:
          - indicator: lethality
            target: {value: 1.5, amber_margin: 20}
          - indicator: attacks_in_alpha
            target: {value: 100}
  - id: alpha_quarterly
    title: Test scorecard - Alpha
    period_type: quarter
    region: {dimension: province, value: Alpha}
    comparisons: [previous_period, same_period_last_year]
    trend_periods: 6
    sections:
      - title: Violence
        indicators:
          - indicator: attacks
            target: {value: 10}
          - lethality
  - id: annual
    title: Test annual review
    period_type: year
    breakdown: province
    comparisons: [previous_period, same_period_last_year, baseline]
    baseline: {period: "2022"}
    trend_periods: 3
    sections:
      - title: The year
        indicators:
          - indicator: attacks
            target: {change_from_baseline: -5}
          - lethality
"""
)


def make_project(
    root: Path, description: str = "Number of attacks.", files: dict[str, str] | None = None
) -> Path:
    """Write the project into ``root``; ``files`` (relative path: text) adds or replaces
    files, e.g. ``{"templates/cover.html": ...}``."""
    contents = {
        "ctscore.yaml": CONFIG,
        "indicators/spec.yaml": SPECS.replace("DESCRIPTION_OF_ATTACKS", _yaml_text(description)),
        "events.csv": events_csv(),
        **(files or {}),
    }
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def events() -> pd.DataFrame:
    """The events as a typed frame, with each one's quarter and year: the tests' oracle."""
    from io import StringIO

    frame = pd.read_csv(StringIO(events_csv()), parse_dates=["date"])
    frame["quarter"] = frame["date"].dt.to_period("Q").astype(str).str.replace("Q", "-Q")
    frame["year"] = frame["date"].dt.year.astype(str)
    return frame


def test_the_project_loads_and_its_data_is_as_described(tmp_path):
    from ctscore.api import load_project

    project = load_project(make_project(tmp_path))
    assert set(project.spec.scorecards) == {"quarterly", "alpha_quarterly", "annual"}
    frame = events()
    assert len(frame) == len(project.data.tables["events"].frame)
    assert frame["date"].min() == pd.Timestamp("2022-01-01")
    assert frame.groupby("province").size()["Gamma"] == 6

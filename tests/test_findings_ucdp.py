"""Date precision and date windows on the real UCDP GED extract (issue #9): each date_prec
class is reported, and the events whose window spans two periods are counted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ctscore.api import load_project
from ctscore.compute.periods import Calendar
from ctscore.findings import collecting
from ctscore.findings.dates import window_findings
from test_ucdp import REAL_FILE, SOURCES, TTP, needs_real_data

RECODE = "      adm_1: {recode: {Khyber Pakhtunkhwa province: Khyber Pakhtunkhwa}}\n"


@pytest.fixture
def real(project):
    sources = SOURCES.format(options="", ttp=TTP)
    root = project({"data/sources.yaml": sources})
    (root / "data" / "ged.csv").symlink_to(REAL_FILE)
    return root


def raw() -> pd.DataFrame:
    return pd.read_csv(REAL_FILE, skiprows=[1], low_memory=False)


@pytest.mark.realdata
@needs_real_data
def test_each_date_prec_class_is_reported(real):
    project = load_project(real)
    (note,) = [f for f in project.data.findings if f.code == "date_precision"]
    counts = raw()["date_prec"].value_counts()
    expected = ", ".join(
        f"{code} ×{counts[code]:,} ({name})"
        for code, name in zip(range(1, 6), ["day", "week", "week", "month", "year"], strict=True)
    )
    assert f"date_prec {expected}" in note.message
    assert "2 ×285 (week), 3 ×12 (week)" in note.message  # the figures
    assert "297 only to the week" in note.message  # 285 + 12, by hand
    assert "counted on the day date_start gives" in note.message


@pytest.mark.realdata
@needs_real_data
@pytest.mark.parametrize("period_type", ["month", "quarter", "year"])
def test_events_whose_window_spans_two_periods_are_counted(real, period_type):
    frame = raw()
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period_type]
    start = pd.to_datetime(frame["date_start"]).dt.to_period(freq)
    end = pd.to_datetime(frame["date_end"]).dt.to_period(freq)
    spans = int((end > start).sum())
    project = load_project(real)
    calendar = Calendar(period_type)
    found = window_findings(project.spec, project.data, calendar, ["ged"])
    assert [f.message.split(" events")[0] for f in found] == ([f"{spans:,}"] if spans else [])
    with collecting() as noted:
        project.compute(period_type=period_type)
    windows = [f for f in noted if f.code == "date_window"]
    assert [f"{spans:,} events" in f.message for f in windows] == ([True] if spans else [])


@pytest.mark.realdata
@needs_real_data
def test_the_readme_recode_that_matched_nothing_is_a_warning(project):
    sources = SOURCES.format(options="    columns:\n" + RECODE, ttp=TTP)
    root = project({"data/sources.yaml": sources})
    (root / "data" / "ged.csv").symlink_to(REAL_FILE)
    (recode,) = [f for f in load_project(root).data.findings if f.code == "unmatched_recode_key"]
    assert recode.severity == "warning"
    assert "(did you mean 'Khyber Pakhtunkwa province'?)" in recode.message


@pytest.mark.realdata
@needs_real_data
def test_the_readme_ged_example_recodes_what_it_says(project):
    """The README's example once recoded a spelling GED does not use, silently."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\nsources:\n  - id: ged")
    example = readme[start + len("```yaml\n") : readme.index("```", start + 7)]
    root = project({"data/sources.yaml": example})
    (root / "data" / "ged_pakistan.csv").symlink_to(REAL_FILE)
    loaded = load_project(root)
    warned = [f.code for f in loaded.data.findings if f.severity == "warning"]
    assert warned == ["data_outside_project"]  # the shared file is linked in, as it says
    provinces = set(loaded.data.tables["ged"].frame["adm_1"].dropna())
    assert "Khyber Pakhtunkhwa" in provinces
    assert "Khyber Pakhtunkwa province" not in provinces


@pytest.mark.realdata
@needs_real_data
def test_describe_shows_every_ged_column_and_the_spellings_that_occur(real):
    from click.testing import CliRunner

    from ctscore.cli import main
    from ctscore.data import load_source
    from ctscore.describe import _every_column, describe_frame

    spec = load_project(real).spec
    frame = load_source(spec, _every_column(spec.sources["ged"]))[0].frame
    (adm_1,) = describe_frame(frame[["adm_1"]])
    counts = raw()["adm_1"].value_counts().head(5)  # independently, with pandas
    assert adm_1["most frequent"] == ", ".join(f"{v} ({n:,})" for v, n in counts.items())
    assert adm_1["blank"] == f"{raw()['adm_1'].isna().sum():,}"
    every = CliRunner().invoke(main, ["describe", str(real), "ged"])
    assert "where_description" in every.stdout  # a column no indicator uses

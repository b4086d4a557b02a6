"""``ctscore compute`` and ``project.compute()`` on the bundled sample project."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import ctscore
from ctscore.cli import main
from ctscore.compute.result import COLUMNS

REPO = Path(__file__).resolve().parents[1]
QUARTERS = [f"{y}-Q{q}" for y in range(2015, 2025) for q in (1, 2, 3, 4)]
PROVINCES = [
    "Azad Jammu and Kashmir",
    "Balochistan",
    "Gilgit-Baltistan",
    "Islamabad Capital Territory",
    "Khyber Pakhtunkhwa",
    "Punjab",
    "Sindh",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def sample():
    return ctscore.load_project(REPO)


@pytest.fixture(scope="module")
def by_province(sample):
    return sample.compute(by="province")


def test_every_bundled_indicator_every_quarter_and_province(sample, by_province):
    assert list(by_province.columns) == COLUMNS
    indicators = list(sample.spec.indicators)
    assert len(indicators) >= 15
    assert list(dict.fromkeys(by_province["indicator"])) == indicators
    for indicator in indicators:
        mine = by_province[by_province["indicator"] == indicator]
        totals = mine[mine["dimension"] == "total"]
        assert totals["period"].tolist() == QUARTERS, indicator
        assert set(totals["dimension_value"]) == {"All"}
        provinces = mine[mine["dimension"] == "province"]
        assert sorted(set(provinces["dimension_value"])) == PROVINCES, indicator
        assert provinces.groupby("dimension_value").size().eq(40).all(), indicator
    assert not by_province["partial"].any()  # the sources cover 2015-2024 in full


def test_no_missing_value_where_a_count_is_expected(sample, by_province):
    for indicator in sample.spec.indicators.values():
        values = by_province.loc[by_province["indicator"] == indicator.id, "value"]
        kind = indicator.measure.kind
        if kind in ("count", "sum", "distinct_count", "year_to_date"):
            assert values.notna().all(), indicator.id
        if kind == "rate":
            assert values.notna().all(), indicator.id  # population for every year and province


def test_breakdowns_add_up_to_totals_on_the_sample(sample, by_province):
    summable = [i.id for i in sample.spec.indicators.values() if i.measure.kind in ("count", "sum")]
    rows = by_province[by_province["indicator"].isin(summable)]
    totals = rows[rows["dimension"] == "total"].set_index(["indicator", "period"])["value"]
    summed = rows[rows["dimension"] == "province"].groupby(["indicator", "period"])["value"].sum()
    pd.testing.assert_series_equal(summed.sort_index(), totals.sort_index(), check_names=False)


def test_cli_prints_csv(sample):
    result = run("compute", str(REPO), "--indicator", "suicide_attacks", "--period-type", "year")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == COLUMNS
    assert table["period"].astype(str).tolist() == [str(y) for y in range(2015, 2025)]
    api = sample.compute("suicide_attacks", period_type="year")
    assert table["value"].tolist() == api["value"].tolist()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_cli_writes_files_that_read_back(tmp_path, sample, suffix):
    out = tmp_path / f"out{suffix}"
    args = ["compute", str(REPO), "--indicator", "lethality", "--by", "province", "-o", str(out)]
    result = run(*args)
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        back = pd.read_csv(out)
    elif suffix == ".parquet":
        back = pd.read_parquet(out)
    else:
        back = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    expected = sample.compute("lethality", by="province")
    assert list(back.columns) == COLUMNS
    assert len(back) == len(expected) == 8 * 40
    pd.testing.assert_series_equal(back["value"], expected["value"], check_dtype=False)
    assert back["period"].astype(str).tolist() == expected["period"].tolist()
    assert back["zero_denominator"].tolist() == expected["zero_denominator"].tolist()


def test_unknown_indicator_exits_2_with_a_clear_message():
    result = run("compute", str(REPO), "--indicator", "atacks")
    assert result.exit_code == 2
    assert "unknown indicator 'atacks' (did you mean 'attacks'?)" in result.stderr
    assert "Traceback" not in result.output


def test_breakdown_no_indicator_has_exits_2():
    result = run("compute", str(REPO), "--by", "colour")
    assert result.exit_code == 2
    assert "no indicator asked for can be broken down by 'colour'" in result.stderr
    assert "province" in result.stderr
    result = run("compute", str(REPO), "--indicator", "attacks_per_million", "--by", "district")
    assert result.exit_code == 2
    assert "dimensions available: province" in result.stderr


def test_breakdown_by_district_leaves_out_what_cannot_be_broken_down(sample):
    # the population has no districts, so attacks per million is given as a total only
    results = sample.compute(["attacks", "attacks_per_million"], period_type="year", by="district")
    districts = results[results["dimension"] == "district"]
    assert set(districts["indicator"]) == {"attacks"}
    assert set(results.loc[results["dimension"] == "total", "indicator"]) == {
        "attacks",
        "attacks_per_million",
    }


def test_api_accepts_single_names_and_period_types(sample):
    results = sample.compute("attacks", period_type="fiscal_year")
    assert results["period"].tolist()[:2] == ["FY2015", "FY2016"]
    assert results["partial"].tolist()[0]  # FY2015 began in July 2014, before the data
    assert results["period"].tolist()[-1] == "FY2025"
    with pytest.raises(ValueError, match="unknown period type"):
        sample.compute("attacks", period_type="week")


def test_calendar_year_to_date_by_fiscal_year_is_refused():
    # A fiscal year (July - June) holds days of two calendar years: no running total of
    # "attacks since January" can restart inside it.
    args = ["--indicator", "attacks_year_to_date", "--period-type", "fiscal_year"]
    result = run("compute", str(REPO), *args)
    assert result.exit_code == 2
    assert (
        "attacks.yaml:129:5: indicators[attacks_year_to_date].measure.year: a calendar "
        "year-to-date total cannot be computed by fiscal year: "
    ) in result.stderr
    assert "Traceback" not in result.output

"""examples/ucdp-ged-pakistan, built from the real GED extract in ../shared/data, as a
researcher would after linking their download into the project; its numbers are checked
against pandas on the raw file, written here without ctscore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import built_once, pdf_pages
from ctscore.api import load_project
from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "ucdp-ged-pakistan"
REAL_FILE = REPO.parent / "shared" / "data" / "ucdp_ged_pakistan.csv"
TTP = "Government of Pakistan - TTP"
PROVINCES = {
    "Khyber Pakhtunkwa province": "Khyber Pakhtunkhwa",
    "Balochistan province": "Balochistan",
    "Sindh province": "Sindh",
    "Punjab province": "Punjab",
    "Islamabad Capital territory": "Islamabad",
    "Federally Administered Tribal Areas": "FATA",
}

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.slow,
    pytest.mark.skipif(
        not REAL_FILE.is_file(), reason=f"real UCDP GED extract not found at {REAL_FILE}"
    ),
]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example copied as a fresh clone has it, with the download linked in (step 2)."""
    root = tmp_path_factory.mktemp("example") / "ucdp-ged-pakistan"
    clone_with_the_download(root)
    return root


def clone_with_the_download(root: Path) -> None:
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("*.csv", "reports"))
    (root / "data" / "ged_pakistan.csv").symlink_to(REAL_FILE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example's PDF, built in a clone of its own once for the run (the xdist workers
    share it)."""

    def clone_and_build(folder: Path) -> list[str]:
        clone_with_the_download(folder / "ucdp-ged-pakistan")
        result = CliRunner().invoke(main, ["build", str(folder / "ucdp-ged-pakistan"), "--quiet"])
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    _, [pdf] = built_once(tmp_path_factory, "ged-example", clone_and_build)
    return Path(pdf)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    """Every indicator by year and province, from the raw file with pandas alone."""
    raw = pd.read_csv(REAL_FILE, skiprows=[1], low_memory=False)  # line 2: HXL tags
    raw["period"] = pd.to_datetime(raw["date_start"]).dt.year.astype(str)
    raw["province"] = raw["adm_1"].map(PROVINCES).fillna(raw["adm_1"]).fillna("(missing)")
    ttp, one_sided = raw["dyad_name"] == TTP, raw["type_of_violence"] == 3
    columns = {
        "ttp_events": raw["id"].where(ttp).notna(),
        "ttp_deaths": raw["best"].where(ttp, 0),
        "ttp_state_deaths": raw["deaths_a"].where(ttp, 0),
        "ttp_militant_deaths": raw["deaths_b"].where(ttp, 0),
        "one_sided_events": one_sided,
        "one_sided_deaths": raw["best"].where(one_sided, 0),
        "civilian_deaths": raw["deaths_civilians"],
    }
    table = pd.DataFrame(columns).astype(float).assign(period=raw["period"])
    table["province"] = raw["province"]
    return table


def test_values_by_year_match_pandas(example, expected):
    results = load_project(example).compute(None, "year")
    totals = results[results["dimension"] == "total"]
    by_year = expected.drop(columns="province").groupby("period").sum()
    for indicator in by_year.columns:
        computed = totals[totals["indicator"] == indicator].set_index("period")["value"]
        wanted = by_year[indicator].reindex(computed.index, fill_value=0)
        pd.testing.assert_series_equal(computed, wanted, check_names=False)
    assert by_year.loc["2021", "ttp_events"] == 112  # what the report's summary shows


def test_values_by_province_match_pandas(example, expected):
    results = load_project(example).compute(None, "year", ["province"])
    results = results[(results["dimension"] == "province") & (results["period"] >= "2007")]
    table = expected[expected["period"] >= "2007"]
    wanted = table.groupby(["period", "province"]).sum()
    wanted = wanted[(wanted != 0).any(axis=1)]
    computed = results.set_index(["period", "dimension_value", "indicator"])["value"]
    computed = computed.unstack("indicator")[wanted.columns]
    computed = computed[(computed != 0).any(axis=1)]
    pd.testing.assert_frame_equal(computed, wanted, check_names=False)


def test_annual_scorecard_builds_and_shows_the_numbers(built, expected):
    assert built.name == "ged_annual-2021.pdf"
    pages = pdf_pages(built)
    text = pages[0]
    year = expected[expected["period"] == "2021"].drop(columns=["period", "province"]).sum()
    for indicator in ("ttp_events", "ttp_deaths", "civilian_deaths"):
        assert f" {year[indicator]:,.0f} " in f" {text} ".replace("\n", " "), indicator
    provenance = pages[-1].replace("\n", " ")
    assert "Sundberg and Melander (2013)" in provenance
    # The download is linked in from elsewhere: the report names the project's path only.
    assert "data/ged_pakistan.csv" in provenance and str(REAL_FILE.parent) not in provenance

"""Tests for the bundled SYNTHETIC sample dataset in ``data/``.

The generator is imported by file path (``data/`` is not a package). Everything checked
against the calibration targets is recomputed here, independently, with pandas.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GENERATOR = DATA_DIR / "generate_sample.py"
CSV_NAMES = ("incidents.csv", "operations.csv", "population.csv")

# Approximate calibration targets (PIPS "Pakistan Security Report" yearly totals), written
# out literally so the test does not trust the generator's own copy.
# year: (terrorist attacks, people killed)
TARGETS = {
    2015: (625, 1069),
    2016: (441, 908),
    2017: (370, 815),
    2018: (262, 595),
    2019: (229, 357),
    2020: (146, 220),
    2021: (207, 335),
    2022: (262, 419),
    2023: (306, 693),
    2024: (521, 852),
}
TOLERANCE = 0.05

INCIDENT_COLUMNS = [
    "incident_id",
    "date",
    "date_precision",
    "province",
    "district",
    "perpetrator_group",
    "attack_type",
    "target_type",
    "killed_civilians",
    "killed_security",
    "killed_militants",
    "injured",
    "hostages",
]
INCIDENT_COUNTS = [
    "killed_civilians",
    "killed_security",
    "killed_militants",
    "injured",
    "hostages",
]
OPERATION_COLUMNS = [
    "operation_id",
    "date",
    "province",
    "district",
    "operation_type",
    "militants_killed",
    "militants_arrested",
    "security_killed",
]
OPERATION_COUNTS = ["militants_killed", "militants_arrested", "security_killed"]

CANONICAL_PROVINCES = {
    "Khyber Pakhtunkhwa",
    "Balochistan",
    "Sindh",
    "Punjab",
    "Islamabad Capital Territory",
    "Gilgit-Baltistan",
    "Azad Jammu and Kashmir",
}
DELIBERATE_MISSPELLINGS = {"Baluchistan": "Balochistan", "KPK": "Khyber Pakhtunkhwa"}
GROUPS = {
    "TTP",
    "Hafiz Gul Bahadur Group",
    "Jamaat-ul-Ahrar",
    "Lashkar-e-Jhangvi",
    "ISKP",
    "BLA",
    "BLF",
    "Unknown",
}
ATTACK_TYPES = {
    "armed_assault",
    "ied",
    "suicide_bombing",
    "targeted_killing",
    "cross_border_attack",
    "grenade_attack",
    "rocket_attack",
    "kidnapping",
}
TARGET_TYPES = {
    "security_forces",
    "police",
    "civilians",
    "government",
    "infrastructure",
    "religious_minority",
    "pro_government_elders",
}
PROACTIVE = {
    "intelligence_based_operation",
    "search_and_clear",
    "raid",
    "arrest_operation",
    "cordon_and_search",
}
REACTIVE = {"response_to_attack", "border_clash_response", "hot_pursuit"}


def _load_generator():
    spec = importlib.util.spec_from_file_location("ctscore_sample_generator", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Do not leave a data/__pycache__ behind.
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


@pytest.fixture(scope="module")
def incidents() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "incidents.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def operations() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "operations.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "population.csv", keep_default_na=False)


def _year(df: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(df["date"], format="%Y-%m-%d").dt.year


# --- reproducibility ------------------------------------------------------------------


def test_generator_reproduces_committed_files_byte_for_byte(tmp_path: Path) -> None:
    generator = _load_generator()
    generator.main(tmp_path)
    for name in CSV_NAMES:
        committed = (DATA_DIR / name).read_bytes()
        regenerated = (tmp_path / name).read_bytes()
        assert regenerated == committed, f"{name} differs from a fresh generator run"


@pytest.mark.parametrize("name", CSV_NAMES)
def test_csv_hygiene(name: str) -> None:
    raw = (DATA_DIR / name).read_bytes()
    text = raw.decode("utf-8")  # must be valid UTF-8
    assert b"\r" not in raw
    assert text.endswith("\n")
    assert not any(line.startswith("#") for line in text.splitlines())
    assert len(raw) < 1_500_000


# --- calibration ----------------------------------------------------------------------


def test_yearly_attacks_within_tolerance_of_targets(incidents: pd.DataFrame) -> None:
    attacks = incidents.groupby(_year(incidents)).size()
    assert sorted(attacks.index) == sorted(TARGETS)
    for year, (target, _) in TARGETS.items():
        got = int(attacks[year])
        assert abs(got - target) <= TOLERANCE * target, (year, got, target)


def test_yearly_killed_within_tolerance_of_targets(incidents: pd.DataFrame) -> None:
    killed = incidents[["killed_civilians", "killed_security", "killed_militants"]].sum(axis=1)
    by_year = killed.groupby(_year(incidents)).sum()
    for year, (_, target) in TARGETS.items():
        got = int(by_year[year])
        assert abs(got - target) <= TOLERANCE * target, (year, got, target)


# --- incidents schema -----------------------------------------------------------------


def test_incident_columns_and_order(incidents: pd.DataFrame) -> None:
    assert list(incidents.columns) == INCIDENT_COLUMNS


def test_incident_ids_unique_and_in_date_order(incidents: pd.DataFrame) -> None:
    ids = incidents["incident_id"]
    assert ids.is_unique
    assert ids.tolist() == list(range(1, len(incidents) + 1))
    dates = pd.to_datetime(incidents["date"], format="%Y-%m-%d")
    assert dates.is_monotonic_increasing


def test_incident_counts_are_non_negative_integers(incidents: pd.DataFrame) -> None:
    for col in INCIDENT_COUNTS:
        assert pd.api.types.is_integer_dtype(incidents[col]), col
        assert (incidents[col] >= 0).all(), col


def test_incident_dates_and_precision(incidents: pd.DataFrame) -> None:
    dates = pd.to_datetime(incidents["date"], format="%Y-%m-%d")
    assert dates.min() >= pd.Timestamp("2015-01-01")
    assert dates.max() <= pd.Timestamp("2024-12-31")
    precision = incidents["date_precision"]
    assert set(precision) <= {"day", "month", "year"}
    assert (dates[precision == "month"].dt.day == 1).all()
    year_rows = dates[precision == "year"]
    assert ((year_rows.dt.month == 1) & (year_rows.dt.day == 1)).all()
    shares = precision.value_counts(normalize=True)
    assert 0.92 <= shares["day"] <= 0.98
    assert 0.02 <= shares["month"] <= 0.06
    assert 0.002 <= shares["year"] <= 0.02


def test_incident_categories(incidents: pd.DataFrame) -> None:
    allowed = CANONICAL_PROVINCES | set(DELIBERATE_MISSPELLINGS)
    assert set(incidents["province"]) <= allowed
    # The deliberate variant spellings are present (the loader must recode them).
    assert set(DELIBERATE_MISSPELLINGS) <= set(incidents["province"])
    assert set(incidents["perpetrator_group"]) <= GROUPS
    assert set(incidents["attack_type"]) <= ATTACK_TYPES
    assert set(incidents["target_type"]) <= TARGET_TYPES
    assert (incidents["district"].str.len() > 0).all()


def test_misspelling_rates_are_small(incidents: pd.DataFrame) -> None:
    prov = incidents["province"]
    bal = prov.isin(["Balochistan", "Baluchistan"])
    kp = prov.isin(["Khyber Pakhtunkhwa", "KPK"])
    assert 0.01 <= (prov == "Baluchistan").sum() / bal.sum() <= 0.06
    assert 0.005 <= (prov == "KPK").sum() / kp.sum() <= 0.04


def test_hostages_mostly_from_kidnappings(incidents: pd.DataFrame) -> None:
    with_hostages = incidents[incidents["hostages"] > 0]
    assert (with_hostages["attack_type"] == "kidnapping").mean() >= 0.8


def test_cross_border_attacks_in_border_districts_and_rising(incidents: pd.DataFrame) -> None:
    cb = incidents[incidents["attack_type"] == "cross_border_attack"]
    border = {
        "North Waziristan",
        "South Waziristan",
        "Kurram",
        "Bajaur",
        "Khyber",
        "Mohmand",
        "Chitral",
        "Upper Dir",
        "Zhob",
        "Noshki",
        "Chagai",
        "Killa Abdullah",
        "Chaman",
        "Kech",
        "Panjgur",
        "Gwadar",
        "Washuk",
    }
    assert set(cb["district"]) <= border
    years = _year(cb)
    before = (years.between(2015, 2020)).sum() / 6
    after = (years.between(2022, 2024)).sum() / 3
    assert after > 2 * before


# --- shape ----------------------------------------------------------------------------


def test_kp_and_balochistan_dominate_recent_years(incidents: pd.DataFrame) -> None:
    recent = incidents[_year(incidents).isin([2023, 2024])]
    canonical = recent["province"].replace(DELIBERATE_MISSPELLINGS)
    share = canonical.isin(["Khyber Pakhtunkhwa", "Balochistan"]).mean()
    assert share >= 0.80
    kp_share = (canonical == "Khyber Pakhtunkhwa").mean()
    bal_share = (canonical == "Balochistan").mean()
    assert 0.50 <= kp_share <= 0.70
    assert 0.20 <= bal_share <= 0.40


def test_ttp_ceasefire_lull_and_surge(incidents: pd.DataFrame) -> None:
    ttp = incidents[incidents["perpetrator_group"] == "TTP"]
    month = pd.to_datetime(ttp["date"], format="%Y-%m-%d").dt.to_period("M")
    monthly = month.value_counts()

    def mean_monthly(start: str, end: str) -> float:
        periods = pd.period_range(start, end, freq="M")
        return float(sum(int(monthly.get(p, 0)) for p in periods)) / len(periods)

    ceasefire = mean_monthly("2022-06", "2022-11")
    surge = mean_monthly("2022-12", "2023-05")
    assert ceasefire < surge


# --- operations -----------------------------------------------------------------------


def test_operations_schema(operations: pd.DataFrame) -> None:
    assert list(operations.columns) == OPERATION_COLUMNS
    assert operations["operation_id"].tolist() == list(range(1, len(operations) + 1))
    dates = pd.to_datetime(operations["date"], format="%Y-%m-%d")
    assert dates.is_monotonic_increasing
    assert dates.min() >= pd.Timestamp("2015-01-01")
    assert dates.max() <= pd.Timestamp("2024-12-31")
    assert set(operations["province"]) <= CANONICAL_PROVINCES
    assert set(operations["operation_type"]) <= PROACTIVE | REACTIVE
    for col in OPERATION_COUNTS:
        assert pd.api.types.is_integer_dtype(operations[col]), col
        assert (operations[col] >= 0).all(), col


def test_operations_posture_shifts(operations: pd.DataFrame) -> None:
    proactive = operations["operation_type"].isin(PROACTIVE)
    share = proactive.groupby(_year(operations)).mean()
    # Proactive-heavy after Zarb-e-Azb / Radd-ul-Fasaad ...
    assert (share.loc[2015:2017] > 0.6).all()
    # ... lowest around the 2022 ceasefire ...
    assert share[2022] < share.loc[2015:2020].min()
    # ... and reactive responses dominate during the 2023-2024 surge.
    assert (share.loc[2023:2024] <= 0.5).all()
    counts = proactive.groupby(_year(operations)).sum()
    assert counts[2024] > counts[2022]


# --- population -----------------------------------------------------------------------


def test_population_table(population: pd.DataFrame) -> None:
    assert list(population.columns) == ["province", "year", "population"]
    assert len(population) == 7 * 10
    assert set(population["province"]) == CANONICAL_PROVINCES
    assert set(population["year"]) == set(range(2015, 2025))
    assert not population.duplicated(["province", "year"]).any()
    assert pd.api.types.is_integer_dtype(population["population"])
    pop = population.set_index(["province", "year"])["population"]
    # Census anchors (rounded totals) are reproduced exactly.
    assert pop[("Punjab", 2017)] == 110_000_000
    assert pop[("Punjab", 2023)] == 127_700_000
    assert pop[("Khyber Pakhtunkhwa", 2023)] == 40_900_000
    # Growing every year in every province.
    for _, series in population.sort_values("year").groupby("province")["population"]:
        assert series.is_monotonic_increasing

"""Seeded input files for bench/end_to_end.py: incidents and operations like the sample's, as
CSV and Parquet, cached under bench/out/e2e/ (git-ignored), and a copy of the sample project
whose sources read them.

The same seed gives the same files, byte for byte; a file already there is reused. Dates are
spread uniformly over 2015-2024 with the sample's quirks: 4% month- and 1% year-precise
dates, 3% 'Baluchistan' and 2% 'KPK' spellings that the project recodes. Parquet dates are
``date32`` and text columns dictionary-encoded, as a Parquet writer gives them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "e2e"
FORMATS = ("csv", "parquet")
PROVINCES = {
    "Khyber Pakhtunkhwa": 0.55,
    "Balochistan": 0.33,
    "Sindh": 0.06,
    "Punjab": 0.04,
    "Islamabad Capital Territory": 0.01,
    "Gilgit-Baltistan": 0.005,
    "Azad Jammu and Kashmir": 0.005,
}
MISSPELT = {"Balochistan": ("Baluchistan", 0.03), "Khyber Pakhtunkhwa": ("KPK", 0.02)}
GROUPS = ["TTP", "BLA", "BLF", "ISKP", "Lashkar-e-Jhangvi", "Jamaat-ul-Ahrar", "unknown"]
ATTACK_TYPES = [
    "armed_assault",
    "ied",
    "suicide_bombing",
    "targeted_killing",
    "cross_border_attack",
    "grenade_attack",
    "rocket_attack",
    "kidnapping",
]
TARGET_TYPES = ["security_forces", "police", "civilians", "government", "religious", "militants"]
OPERATION_TYPES = [
    "intelligence_based_operation",
    "search_and_clear",
    "raid",
    "arrest_operation",
    "cordon_and_search",
    "response_to_attack",
    "border_clash_response",
    "hot_pursuit",
]
DAYS = 3653  # 2015-01-01 to 2024-12-31


def _text(rng, vocabulary: list[str], rows: int, p=None) -> pa.DictionaryArray:
    codes = rng.choice(len(vocabulary), rows, p=p).astype("int32")
    return pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(vocabulary))


def _dates(rng, rows: int) -> np.ndarray:
    return np.datetime64("2015-01-01") + np.sort(rng.integers(0, DAYS, rows))


def _provinces(rng, rows: int, misspelt: bool) -> pa.DictionaryArray:
    names = list(PROVINCES)
    codes = rng.choice(len(names), rows, p=list(PROVINCES.values())).astype("int32")
    if misspelt:
        variant = rng.random(rows)
        for correct, (wrong, share) in MISSPELT.items():
            names.append(wrong)
            codes = np.where(
                (codes == names.index(correct)) & (variant < share), len(names) - 1, codes
            )
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype("int32")), pa.array(names))


def _districts(rng, rows: int) -> pa.DictionaryArray:
    return _text(rng, [f"District {i}" for i in range(1, 120)], rows)


def incidents(rows: int, seed: int = 20150101) -> pa.Table:
    rng = np.random.default_rng(seed)
    dates = _dates(rng, rows)
    precision = rng.choice(3, rows, p=[0.95, 0.04, 0.01])
    dates = np.where(precision == 1, dates.astype("datetime64[M]"), dates)
    dates = np.where(precision == 2, dates.astype("datetime64[Y]"), dates)

    def counts(p: float) -> np.ndarray:
        return rng.negative_binomial(1, p, rows).astype("int64")

    return pa.table(
        {
            "incident_id": np.arange(1, rows + 1),
            "date": pa.array(dates.astype("datetime64[D]"), pa.date32()),
            "date_precision": pa.DictionaryArray.from_arrays(
                pa.array(precision.astype("int32")), pa.array(["day", "month", "year"])
            ),
            "province": _provinces(rng, rows, misspelt=True),
            "district": _districts(rng, rows),
            "perpetrator_group": _text(rng, GROUPS, rows),
            "attack_type": _text(rng, ATTACK_TYPES, rows),
            "target_type": _text(rng, TARGET_TYPES, rows),
            "killed_civilians": counts(0.6),
            "killed_security": counts(0.6),
            "killed_militants": counts(0.7),
            "injured": counts(0.4),
            "hostages": np.where(rng.random(rows) < 0.02, rng.integers(1, 10, rows), 0),
        }
    )


def operations(rows: int, seed: int = 20150102) -> pa.Table:
    rng = np.random.default_rng(seed)
    return pa.table(
        {
            "operation_id": np.arange(1, rows + 1),
            "date": pa.array(_dates(rng, rows), pa.date32()),
            "province": _provinces(rng, rows, misspelt=False),
            "district": _districts(rng, rows),
            "operation_type": _text(rng, OPERATION_TYPES, rows),
            "militants_killed": rng.negative_binomial(1, 0.5, rows).astype("int64"),
            "militants_arrested": rng.negative_binomial(1, 0.6, rows).astype("int64"),
            "security_killed": rng.negative_binomial(1, 0.8, rows).astype("int64"),
        }
    )


def files(rows: int) -> dict[str, dict[str, Path]]:
    """{format: {source: path}} for ``rows`` incidents and ``rows // 2`` operations, made
    once and cached."""
    found: dict[str, dict[str, Path]] = {f: {} for f in FORMATS}
    for source, make, n in (("incidents", incidents, rows), ("operations", operations, rows // 2)):
        paths = {f: OUT / f"{source}_{n}.{f}" for f in FORMATS}
        if not all(p.exists() for p in paths.values()):
            OUT.mkdir(parents=True, exist_ok=True)
            table = make(n)
            partial = paths["parquet"].with_suffix(".tmp")
            pq.write_table(table, partial, row_group_size=1 << 20)
            partial.replace(paths["parquet"])
            options = pacsv.WriteOptions(quoting_style="none")  # like data/incidents.csv
            pacsv.write_csv(table, partial, write_options=options)
            partial.replace(paths["csv"])
        for f in FORMATS:
            found[f][source] = paths[f]
    return found


def project(rows: int, file_format: str) -> Path:
    """A copy of the sample project (indicators, codebooks, population) whose incidents and
    operations are the generated files."""
    paths = files(rows)[file_format]
    root = OUT / f"project_{file_format}_{rows}"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "ctscore.yaml", root)
    shutil.copytree(REPO / "indicators", root / "indicators")
    shutil.copytree(REPO / "templates", root / "templates")
    for name in ("codebooks.yaml", "policy_events.yaml", "population.csv"):
        shutil.copy(REPO / "data" / name, root / "data")
    sources = yaml.safe_load((REPO / "data" / "sources.yaml").read_text())
    for source in sources["sources"]:
        if source["id"] in paths:
            file = paths[source["id"]]
            (root / "data" / file.name).hardlink_to(file)  # the file stays inside the project
            source["file"] = f"data/{file.name}"
    (root / "data" / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False))
    return root

"""Benchmark: load a 1,000,000-row incidents CSV, and compare pandas' two CSV engines.

Writes a seeded CSV with the sample's incident columns (and its quirks: variant province
spellings, month- and year-precise dates) into bench/out/ (git-ignored), then times, best
of 3 each:

* ``load_source``: the whole data stage for the sample's ``incidents`` source (read,
  convert, check every rule, recode, derive ``fatalities``, dates and precision);
* ``read_raw``: ctscore's raw read alone (text values, line numbers and the file's SHA-256);
* the two candidate raw readers, ``pandas.read_csv(engine="c")`` and
  ``engine="pyarrow"``, with the options ctscore uses (declared columns only, all as text).

Run: ``.venv/bin/python bench/read.py [--rows N]``. Results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import platform
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ctscore.data import load_source
from ctscore.data.readers import layout, read_raw
from ctscore.spec.loader import load_project_spec
from e2e_data import PROVINCES  # the sample's province shares, as the end-to-end data uses

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
SAMPLE_GENERATOR = REPO / "data" / "generate_sample.py"


def _sample_generator():
    """The sample data generator, for its vocabularies: the benchmark's values stay those of
    data/incidents.csv."""
    spec = importlib.util.spec_from_file_location("generate_sample", SAMPLE_GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _sample_generator()


def generate(rows: int, path: Path, seed: int = 20150101) -> None:
    """A sorted, seeded incidents table like data/incidents.csv, ``rows`` long."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, 3653, rows))
    dates = np.datetime64("2015-01-01") + days
    precision = rng.choice(["day", "month", "year"], rows, p=[0.95, 0.04, 0.01])
    dates = np.where(precision == "month", dates.astype("datetime64[M]"), dates)
    dates = np.where(precision == "year", dates.astype("datetime64[Y]"), dates)
    province = rng.choice(list(PROVINCES), rows, p=list(PROVINCES.values()))
    variant = rng.random(rows)
    for correct, (misspelt, share) in SAMPLE.MISSPELLINGS.items():
        province = np.where((province == correct) & (variant < share), misspelt, province)
    table = {
        "incident_id": np.arange(1, rows + 1),
        "date": dates.astype("datetime64[D]").astype(str),
        "date_precision": precision,
        "province": province,
        "district": np.char.add("District ", rng.integers(1, 120, rows).astype(str)),
        "perpetrator_group": rng.choice(SAMPLE.GROUPS, rows),
        "attack_type": rng.choice(SAMPLE.ATTACK_TYPES, rows),
        "target_type": rng.choice(SAMPLE.TARGET_TYPES, rows),
        "killed_civilians": rng.negative_binomial(1, 0.6, rows),
        "killed_security": rng.negative_binomial(1, 0.6, rows),
        "killed_militants": rng.negative_binomial(1, 0.7, rows),
        "injured": rng.negative_binomial(1, 0.4, rows),
        "hostages": np.where(rng.random(rows) < 0.02, rng.integers(1, 10, rows), 0),
    }
    options = pacsv.WriteOptions(quoting_style="none")  # like data/incidents.csv
    pacsv.write_csv(pa.table(table), path, write_options=options)


def best_of(runs: int, task) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = task()
        times.append(time.perf_counter() - start)
    return min(times), result


def raw_reader(path: Path, columns: list[str], engine: str):
    return lambda: pd.read_csv(
        path,
        usecols=columns,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        engine=engine,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"incidents_{rows}.csv"
    start = time.perf_counter()
    generate(rows, path)
    made = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    print(f"generated {path.relative_to(REPO)}: {rows:,} rows, {size:.0f} MB in {made:.1f} s")

    spec = load_project_spec(REPO)
    source = spec.sources["incidents"].model_copy(update={"file": str(path)})
    spec = dataclasses.replace(spec, sources={"incidents": source})
    shape = layout(path, source)
    columns = list(shape.names)
    timings = {
        "load_source (whole data stage)": best_of(3, lambda: load_source(spec, source)),
        "read_raw (ctscore's raw read)": best_of(3, lambda: read_raw(path, source, shape, columns)),
        'pandas read_csv engine="c"': best_of(3, raw_reader(path, columns, "c")),
        'pandas read_csv engine="pyarrow"': best_of(3, raw_reader(path, columns, "pyarrow")),
    }
    table, issues = timings["load_source (whole data stage)"][1]
    assert len(table.frame) == rows and not issues, "the generated data should be clean"
    cpus = os.cpu_count()
    print(f"\nmachine: {platform.machine()}, {cpus} cores,", end=" ")
    print(f"python {platform.python_version()}, pandas {pd.__version__}, pyarrow {pa.__version__}")
    print(f"\n| step ({rows:,} rows, {size:.0f} MB) | seconds (best of 3) | rows/s |")
    print("|---|---:|---:|")
    for name, (seconds, _) in timings.items():
        print(f"| {name} | {seconds:.2f} | {rows / seconds:,.0f} |")


if __name__ == "__main__":
    main()

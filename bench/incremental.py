"""Benchmark: a no-change rebuild of 20 scorecards (the manifest says all are up to date).

    .venv/bin/python bench/incremental.py             # 20 scorecards, HTML, 5 rounds

Copies the sample project into bench/out/incremental/ with 17 more scorecards (copies of
the sample's three under new ids), builds all 20 once as HTML (the first build; HTML keeps
it short, and the up-to-date check does not depend on the format), then times, best and
median of the rounds, ``ctscore.incremental.build_changed`` with nothing changed: loading
the specs, fingerprinting every input file and every report file, and deciding that all
20 are up to date. A `ctscore build` from a shell adds Python's start-up and imports.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

import yaml

from ctscore.incremental import build_changed
from ctscore.pipeline import BuildRequest

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "incremental"


def project(cards: int) -> Path:
    shutil.rmtree(OUT, ignore_errors=True)
    ignore = shutil.ignore_patterns(".*", "reports", "bench", "tests", "src", "docs", "*.egg-info")
    shutil.copytree(REPO, OUT, ignore=ignore)
    sample = yaml.safe_load((REPO / "indicators" / "scorecards.yaml").read_text())["scorecards"]
    extra = [{**sample[i % len(sample)], "id": f"copy_{i:02d}"} for i in range(cards - len(sample))]
    (OUT / "indicators" / "more_scorecards.yaml").write_text(yaml.safe_dump({"scorecards": extra}))
    return OUT


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scorecards", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    request = BuildRequest(project(args.scorecards), formats=("html",))
    started = time.perf_counter()
    first = build_changed(request)
    print(f"first build: {len(first.written)} files in {time.perf_counter() - started:.1f} s")
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        again = build_changed(request)
        times.append(time.perf_counter() - started)
        assert not again.written and len(again.up_to_date) == args.scorecards
    print(
        f"no-change rebuild of {args.scorecards} scorecards: best {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s"
    )


if __name__ == "__main__":
    main()

"""Benchmark: ``ctscore compute --by province`` from the file, against DuckDB SQL and polars
reading the same file and producing the same table.

    .venv/bin/python bench/end_to_end.py                              # 1M rows, 3 rounds
    .venv/bin/python bench/end_to_end.py --sizes 1000000,10000000 --repeat 5

For each size N (incidents; operations are N/2) and format (CSV, Parquet), the seeded files
of bench/e2e_data.py (made once, cached in bench/out/e2e/, git-ignored) and a copy of the
sample project reading them. Each round runs, each in its own process, in turn:

* ``ctscore``: the ``ctscore compute <project> --by province -o out.parquet`` command, as a
  user runs it (start-up, spec loading, reading and checking the data, the findings,
  computing the 27 indicators with their intervals, writing the table);
* ``duckdb`` and ``polars``: bench/e2e_peers.py, the same table from the same files, without
  and with (``+checks``) the row rules ctscore checks.

Per process: wall time, CPU time (user + system) and peak RSS, from ``os.wait4``. The rounds
interleave the engines so load on the shared machine hits all alike; min and median over the
rounds, and each peer's median ratio to ctscore. Every cell of every output is compared with
ctscore's (``bench/compute.py``'s cross-check); a difference fails the benchmark.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2e_data
from compute import cross_check

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENGINES = ("ctscore", "duckdb", "duckdb+checks", "polars", "polars+checks")


def command(engine: str, project: Path, paths: dict[str, Path], out: Path) -> list[str]:
    compute = ["compute", str(project), "--by", "province", "-o", str(out)]
    if engine == "ctscore":
        return [str(BIN / "ctscore"), *compute]
    if engine.startswith("ctscore@"):  # an earlier commit's code: see ``source_of``
        return [sys.executable, "-c", "from ctscore.cli import main; main()", *compute]
    name, _, checks = engine.partition("+")
    peer = [str(paths["incidents"]), str(paths["operations"]), "1" if checks else "0", str(out)]
    return [sys.executable, __file__, "_peer", name, *peer]


def source_of(engine: str) -> dict[str, str] | None:
    """For ``ctscore@REV``: the environment that runs commit REV's ``src`` (extracted once
    with ``git archive`` into bench/out/e2e/), ahead of the installed ctscore."""
    if not engine.startswith("ctscore@"):
        return None
    rev = engine.partition("@")[2]
    root = e2e_data.OUT / f"src_{rev}"
    if not root.exists():
        root.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", rev, "src"], cwd=REPO, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    return {**os.environ, "PYTHONPATH": str(root / "src")}


def measure(argv: list[str], log: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``argv``; its wall and CPU seconds and peak RSS (MiB), from the kernel."""
    start = time.perf_counter()
    with log.open("wb") as sink:
        child = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}:\n{log.read_text()}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "rss": usage.ru_maxrss / 1024}


def run_peer(name: str, incidents: str, operations: str, checks: str, out: str) -> None:
    import pyarrow.parquet as pq

    from e2e_peers import duckdb_table, polars_table

    make = {"duckdb": duckdb_table, "polars": polars_table}[name]
    pq.write_table(make(Path(incidents), Path(operations), checks == "1"), out)


def bench(rows: int, file_format: str, engines: list[str], repeat: int) -> dict:
    project = e2e_data.project(rows, file_format)
    paths = e2e_data.files(rows)[file_format]
    runs: dict[str, list[dict[str, float]]] = {e: [] for e in engines}
    outs = {e: e2e_data.OUT / f"out_{e}_{file_format}_{rows}.parquet" for e in engines}
    for round_ in range(repeat):
        order = engines[round_ % len(engines) :] + engines[: round_ % len(engines)]
        for engine in order:
            argv = command(engine, project, paths, outs[engine])
            log = outs[engine].with_suffix(".log")
            runs[engine].append(measure(argv, log, source_of(engine)))
    ours = pd.read_parquet(outs["ctscore"]) if "ctscore" in engines else None
    checked = {}
    for engine in engines:
        if engine.startswith("ctscore@") and ours is not None:  # the very same table
            pd.testing.assert_frame_equal(ours, pd.read_parquet(outs[engine]))
            checked[engine] = int(ours["value"].notna().sum())
        elif engine != "ctscore" and ours is not None:
            checked[engine] = cross_check(ours, pd.read_parquet(outs[engine]))
    return {"runs": runs, "checked": checked}


def summary(rows: int, file_format: str, result: dict) -> list[str]:
    runs = result["runs"]
    med = {
        e: {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss")}
        for e, rs in runs.items()
    }
    lines = []
    for engine, rs in runs.items():
        wall = [r["wall"] for r in rs]
        ratio = ""
        if engine != "ctscore" and "ctscore" in med:
            ratio = f"{med['ctscore']['wall'] / med[engine]['wall']:.2f}x"
        cells = result["checked"].get(engine, "")
        lines.append(
            f"| {rows:,} | {file_format} | {engine} | {min(wall):.2f} "
            f"| {statistics.median(wall):.2f} "
            f"| {max(wall):.2f} | {med[engine]['cpu']:.2f} | {med[engine]['rss']:,.0f} | {ratio} "
            f"| {cells if cells == '' else f'{cells:,}'} |"
        )
    return lines


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_peer":
        run_peer(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engines = args.engines.split(",")
    import duckdb
    import polars
    import pyarrow

    print(
        f"{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
        f"pandas {pd.__version__}, pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}, "
        f"polars {polars.__version__}; load average {os.getloadavg()[0]:.1f} at start"
    )
    print(
        "| rows | file | engine | wall min s | wall median s | wall max s | CPU median s "
        "| peak RSS median MiB | ctscore / engine (median wall) | cells checked |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for rows in (int(s) for s in args.sizes.split(",")):
        for file_format in args.formats.split(","):
            e2e_data.files(rows)
            for line in summary(rows, file_format, bench(rows, file_format, engines, args.repeat)):
                print(line, flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()

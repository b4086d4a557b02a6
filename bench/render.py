"""Benchmark: building scorecard PDFs, against WeasyPrint alone rendering the same HTML.

    .venv/bin/python bench/render.py                     # national_quarterly, 5 rounds
    .venv/bin/python bench/render.py --scorecard kp_quarterly --repeat 3
    .venv/bin/python bench/render.py --only render       # skip the whole-build and CLI parts

Times are CPU seconds (user + system, of this process and of the processes it waits for),
since the machine is shared: wall time says more about the neighbours than about the code.
Wall time is printed beside it where parallelism is the point.

1. **render** (in this process, after a warm-up build for imports and font caches), each
   round interleaving
   * build: ``ctscore.pipeline.build`` of one scorecard's PDF - loading the specs and the
     data, computing, evaluating, drawing the charts, rendering with WeasyPrint (through
     ctscore's URL fetcher) and writing the file atomically;
   * bare WeasyPrint: ``weasyprint.HTML(string=html).write_pdf()`` of the very HTML the
     build hands to WeasyPrint, with WeasyPrint's default URL fetcher.
   Medians, best times and the ratio build / bare (target: at most 1.2x).
   A third series builds with ``CTSCORE_CACHE_DIR=off``: every chart drawn by matplotlib,
   as in a first build, instead of read from the chart cache the warm-up filled.
2. **build** (real processes): ``ctscore build -q --force -o DIR`` of every scorecard of the
   sample, with its default parallel rendering, with ``--jobs 1``, and in parallel without
   the chart cache, alternately; CPU of the process and its workers, wall time, and a check
   that all wrote the same bytes.
3. **cli**: ``ctscore --help``, ``ctscore validate`` and ``ctscore list`` on the sample
   (target: under 0.5 s of CPU each).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CTSCORE = [sys.executable, "-m", "ctscore"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorecard", default="national_quarterly")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("render", "build", "cli"), action="append")
    args = parser.parse_args()
    parts = args.only or ["render", "build", "cli"]
    if "render" in parts:
        render_part(args.scorecard, args.repeat)
    if "build" in parts:
        build_part(max(2, args.repeat // 2))
    if "cli" in parts:
        cli_part(args.repeat)


def render_part(scorecard: str, repeat: int) -> None:
    import weasyprint

    from ctscore.pipeline import BuildRequest, build, final_html

    with tempfile.TemporaryDirectory() as out:
        request = BuildRequest(REPO, (scorecard,), None, ("pdf",), Path(out))
        html, folders = final_html(request, scorecard)
        base_url = folders[0].as_uri() + "/"

        def bare() -> None:
            weasyprint.HTML(string=html, base_url=base_url).write_pdf()

        def drawing() -> None:  # the charts drawn, none taken from the chart cache
            os.environ["CTSCORE_CACHE_DIR"] = "off"
            try:
                build(request)
            finally:
                os.environ.pop("CTSCORE_CACHE_DIR")

        build(request)  # warm-up: imports, matplotlib and font caches, the chart cache
        bare()
        times: dict[str, list[float]] = {"build (PDF)": [], "build, charts drawn": [], "bare": []}
        for _ in range(repeat):
            times["build (PDF)"].append(_cpu(lambda: build(request))[0])
            times["build, charts drawn"].append(_cpu(drawing)[0])
            times["bare"].append(_cpu(bare)[0])
    bare_median = statistics.median(times["bare"])
    print(f"render: scorecard {scorecard}, {repeat} rounds, {len(html):,} characters of HTML, CPU")
    for name, measured in times.items():
        ratio = statistics.median(measured) / bare_median
        print(f"  {name:<22} {_spread(measured)}  {ratio:.2f}x bare")
    print("  (target: build at most 1.2x bare WeasyPrint)")


def build_part(repeat: int) -> None:
    """The whole sample, as `make report` builds it: in parallel and serially, with the
    chart cache warm, and in parallel with no chart cache."""
    variants = {
        "parallel": ([], {}),
        "--jobs 1": (["--jobs", "1"], {}),
        "parallel, no chart cache": ([], {"CTSCORE_CACHE_DIR": "off"}),
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as out:
        folders = {name: Path(out) / str(index) for index, name in enumerate(variants)}
        for _ in range(repeat):
            for name, (extra, env) in variants.items():
                command = [*CTSCORE, "build", str(REPO), "-q", "--force", "-o", str(folders[name])]
                runs[name].append(_process([*command, *extra], {**os.environ, **env}))
        names = sorted(p.name for p in folders["parallel"].glob("*.pdf"))
        same = all(
            filecmp.cmp(folders["parallel"] / n, folder / n, shallow=False)
            for n in names
            for folder in folders.values()
        )
    print(f"build: ctscore build of the sample ({len(names)} PDFs), {repeat} runs each")
    for name, measured in runs.items():
        cpu, wall = zip(*measured, strict=True)
        print(f"  {name:<25} CPU {_spread(cpu)}; wall {_spread(wall)}")
    print(f"  the PDFs of every variant byte-identical: {same}")
    if not same:
        sys.exit(1)


def cli_part(repeat: int) -> None:
    print(f"cli: {repeat} runs each, CPU (target: under 0.5 s)")
    for command in (["--help"], ["validate", str(REPO)], ["list", str(REPO)]):
        cpu, wall = zip(*(_process([*CTSCORE, *command]) for _ in range(repeat)), strict=True)
        print(f"  ctscore {command[0]:<9} CPU {_spread(cpu)}; wall {_spread(wall)}")


def _cpu(action: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process and its finished children, and wall seconds."""
    before, wall = _used(), time.perf_counter()
    action()
    return _used() - before, time.perf_counter() - wall


def _used() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    def run() -> None:
        subprocess.run(
            command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    return _cpu(run)


def _spread(times) -> str:
    return f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})"


if __name__ == "__main__":
    main()

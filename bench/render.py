"""Benchmark: building a scorecard PDF against WeasyPrint alone rendering the same HTML.

    .venv/bin/python bench/render.py                     # national_quarterly, 5 rounds
    .venv/bin/python bench/render.py --scorecard kp_quarterly --repeat 3

In one process, after a warm-up build (imports, font cache), each round times

* build: ``ctscore.pipeline.build`` of the scorecard's PDF - loading the specs and the
  data, computing, evaluating, drawing the charts, rendering with WeasyPrint (through
  ctscore's URL fetcher) and writing the file atomically;
* bare WeasyPrint: ``weasyprint.HTML(string=html).write_pdf()`` of the very HTML the
  build hands to WeasyPrint, with WeasyPrint's default URL fetcher.

The two are interleaved so that drift in machine load hits both alike. The medians and
their ratio (the overhead of everything ctscore does around WeasyPrint; target: at most
1.3x) are printed, with the best times.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import weasyprint

from ctscore.pipeline import BuildRequest, build, final_html

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorecard", default="national_quarterly")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        request = BuildRequest(REPO, (args.scorecard,), None, ("pdf",), Path(out))
        html, folders = final_html(request, args.scorecard)
        base_url = folders[0].as_uri() + "/"
        build(request)  # warm-up: imports, matplotlib and font caches
        weasyprint.HTML(string=html, base_url=base_url).write_pdf()
        builds, bare = [], []
        for _ in range(args.repeat):
            builds.append(_timed(lambda: build(request)))
            bare.append(_timed(lambda: weasyprint.HTML(string=html, base_url=base_url).write_pdf()))
    ratio = statistics.median(builds) / statistics.median(bare)
    print(f"scorecard {args.scorecard}, {args.repeat} rounds, {len(html):,} characters of HTML")
    for name, times in (("ctscore build (PDF)", builds), ("bare WeasyPrint", bare)):
        print(f"  {name:<20} median {statistics.median(times):.2f} s, best {min(times):.2f} s")
    print(f"  ratio build / bare   {ratio:.2f}x (target: at most 1.3x)")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

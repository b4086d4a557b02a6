"""examples/ucdp-ged-pakistan on UCDP's whole-world GED file, as its README allows: every
indicator keeps Pakistan's rows only. A made-up file of four events, two outside Pakistan
(same dyad name and violence type, so only the country tells them apart)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ctscore.api import load_project

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ucdp-ged-pakistan"
TTP = "Government of Pakistan - TTP"
HEADER = (
    "id,year,type_of_violence,dyad_name,side_a,side_b,adm_1,country,date_prec,date_start,"
    "date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,low,high\n"
)
ROWS = [  # id, type, dyad, side_a, side_b, adm_1, country, deaths a/b/civilians, best
    (1, 1, TTP, "Government of Pakistan", "TTP", "Sindh province", "Pakistan", 2, 3, 1, 6),
    (2, 3, "TTP - Civilians", "TTP", "Civilians", "Punjab province", "Pakistan", 0, 0, 4, 4),
    (3, 1, TTP, "Government of Pakistan", "TTP", "Paktika province", "Afghanistan", 5, 7, 2, 14),
    (4, 3, "TTP - Civilians", "TTP", "Civilians", "Khost province", "Afghanistan", 0, 0, 9, 9),
]


def test_rows_outside_pakistan_are_not_counted(tmp_path):
    root = tmp_path / "ucdp-ged-pakistan"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("*.csv", "reports"))
    lines = [
        f"{i},2020,{t},{dyad},{a},{b},{adm},{country},1,2020-05-0{i},2020-05-0{i},"
        f"{da},{db},{dc},0,{best},{best},{best}\n"
        for i, t, dyad, a, b, adm, country, da, db, dc, best in ROWS
    ]
    (root / "data" / "ged_pakistan.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
    results = load_project(root).compute(None, "year")
    totals = results[results["dimension"] == "total"].set_index("indicator")["value"]
    # Pakistan's rows only: event 1 (the TTP dyad) and event 2 (one-sided violence).
    assert totals.to_dict() == {
        "ttp_events": 1,
        "ttp_deaths": 6,
        "ttp_state_deaths": 2,
        "ttp_militant_deaths": 3,
        "one_sided_events": 1,
        "one_sided_deaths": 4,
        "civilian_deaths": 1 + 4,
    }

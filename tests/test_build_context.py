"""What a report cites about its build (ctscore.build_context): input files named by the
project's path, even when a file is a link to a shared download elsewhere (as
examples/ucdp-ged-pakistan/README.md suggests); and the date-precision note, which says
where an event known only to its week, month or year is counted: on the first day of its
month or year for dates built from parts (the GTD), on the day the dataset gives for a
date column (ACLED's event_date: mid-month for a month; UCDP's date_start)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write_project
from ctscore.api import load_project
from ctscore.build_context import build_context
from ctscore.evaluate.model import BuildFacts

FIXTURES = Path(__file__).parent / "fixtures"


def context(root: Path) -> BuildFacts:
    project = load_project(root)
    results = project.compute(None, "year")
    issued = dt.datetime(2024, 12, 31)
    return build_context(project.spec, project.data, results, "ctscore build", "0", issued)


def inputs_of(root):
    return list(context(root).inputs)


def precision_notes(root: Path) -> list[str]:
    return list(context(root).precision)


def test_a_linked_input_is_shown_by_its_path_in_the_project(tmp_path):
    root = write_project(tmp_path / "project", {})
    shared = tmp_path / "shared" / "downloads" / "events_2024.csv"
    shared.parent.mkdir(parents=True)
    (root / "events.csv").rename(shared)
    (root / "events.csv").symlink_to(shared)
    [linked] = inputs_of(root)
    assert linked.path == "events.csv"  # not /tmp/.../shared/downloads/events_2024.csv
    assert linked.rows == 2


def test_a_file_in_the_project_is_shown_relative_to_it(tmp_path):
    root = write_project(tmp_path / "project", {})
    [plain] = inputs_of(root)
    assert plain.path == "events.csv"


def test_where_inexact_dates_are_counted(tmp_path):
    sources = """\
sources:
  - {id: acled, title: ACLED, kind: acled, file: data/acled.csv}
  - {id: gtd, title: GTD, kind: gtd, file: data/gtd.csv}
indicators:
  - {id: a, title: A, description: A., unit: u, direction: lower_is_better, source: acled,
     measure: {kind: count}}
  - {id: g, title: G, description: G., unit: u, direction: lower_is_better, source: gtd,
     measure: {kind: count}}
"""
    root = write_project(tmp_path, {"data/sources.yaml": sources})
    (root / "data" / "acled.csv").write_bytes((FIXTURES / "acled_pakistan_export.csv").read_bytes())
    (root / "data" / "gtd.csv").write_bytes((FIXTURES / "gtd_pakistan.csv").read_bytes())
    assert precision_notes(root) == [
        # ACLED row 2: time_precision 2 (a week); row 3: 3, dated 15 February by ACLED.
        "ACLED: of 6 rows, 1 only to the week and 1 only to the month are dated; each row is "
        "counted on the day event_date gives, even when that day is not known (a date written "
        "as a month or a year only falls on its first day); time_precision 1 ×4 (day), "
        "2 ×1 (week), 3 ×1 (month).",
        # GTD row 2: iday 0; row 3: imonth 0.
        "GTD: of 7 rows, 1 only to the month and 1 only to the year are dated; rows known "
        "only to their month or year are placed on its first day.",
    ]


def test_ucdp_codes_within_a_week_are_stated(tmp_path):
    sources = """\
sources:
  - {id: ged, title: GED, kind: ucdp_ged, file: data/ged.csv}
indicators:
  - {id: n, title: N, description: N., unit: u, direction: lower_is_better, source: ged,
     measure: {kind: count}}
"""
    ged = "id,date_prec,date_start,date_end\n" + "".join(
        f"{n},{prec},2020-0{n}-10,2020-0{n}-10\n"
        for n, prec in enumerate([1, 2, 3, 4, 5, 1], start=1)
    )
    root = write_project(tmp_path, {"data/sources.yaml": sources, "data/ged.csv": ged})
    # date_prec 2 (2-6 days) and 3 (a week) are weeks; 4 month, 5 year.
    assert precision_notes(root) == [
        "GED: of 6 rows, 2 only to the week, 1 only to the month and 1 only to the year are "
        "dated; each row is counted on the day date_start gives, even when that day is not "
        "known (a date written as a month or a year only falls on its first day); date_prec "
        "1 ×2 (day), 2 ×1 (week), 3 ×1 (week), 4 ×1 (month), 5 ×1 (year)."
    ]

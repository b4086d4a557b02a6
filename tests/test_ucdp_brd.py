"""The UCDP BRD adapter (``kind: ucdp_brd``), a pre-aggregated dyad-year table, on a fixture
written in the layout of UCDP's Battle-Related Deaths Dataset (dyadic version).

tests/fixtures/ucdp_brd_dyadic.csv is made up: nine dyad-years, six of them with
``location_inc`` Pakistan (TTP 2021-2023, BLA 2022-2023, IS 2023), one interstate dyad
whose ``location_inc`` is "India, Pakistan", and rows of Afghanistan and India. Expected
values are summed by hand from the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import spec_errors
from ctscore.adapters import adapter_of
from ctscore.adapters.ucdp_brd import brd_columns
from ctscore.api import load_project
from ctscore.cli import main
from ctscore.errors import UserError

FIXTURE = Path(__file__).parent / "fixtures" / "ucdp_brd_dyadic.csv"
SOURCES = """\
sources:
  - id: brd
    title: UCDP battle-related deaths
    kind: ucdp_brd
    file: data/brd.csv
{options}
indicators:
  - id: deaths
    title: Battle-related deaths in Pakistan
    description: UCDP's best estimate, dyads whose incompatibility is Pakistan's.
    unit: deaths
    direction: lower_is_better
    source: brd
    filter: {{location_inc: Pakistan}}
    measure: {{kind: sum, column: bd_best}}
    dimensions: [side_b]
  - id: deaths_involving_pakistan
    title: Battle-related deaths in conflicts involving Pakistan
    description: Also dyads whose location_inc lists Pakistan among others.
    unit: deaths
    direction: lower_is_better
    source: brd
    filter: {{location_inc: {{contains: Pakistan}}}}
    measure: {{kind: sum, column: bd_best}}
  - id: dyads
    title: Active dyads in Pakistan
    description: Dyad-years.
    unit: dyads
    direction: lower_is_better
    source: brd
    filter: {{location_inc: Pakistan}}
    measure: {{kind: count}}
"""


def brd_project(project, options: str = ""):
    root = project({"data/sources.yaml": SOURCES.format(options=options)})
    (root / "data" / "brd.csv").write_bytes(FIXTURE.read_bytes())
    return root


def by_year(project, indicator: str, options: str = "", column: str = "value") -> dict:
    results = load_project(brd_project(project, options)).compute([indicator], "year")
    totals = results[results["dimension"] == "total"]
    return dict(zip(totals["period"], totals[column].tolist(), strict=True))


def test_the_fixture_has_every_column_of_the_catalogue():
    with FIXTURE.open(encoding="utf-8") as file:
        header = next(csv.reader(file))
    assert header == list(brd_columns())


def test_yearly_sums_of_bd_best_by_side_b(project):
    results = load_project(brd_project(project)).compute(["deaths"], "year", ["side_b"])
    values = {(r.period, r.dimension, r.dimension_value): r.value for r in results.itertuples()}
    # hand sums of the Pakistan rows: 2021 310; 2022 540 + 95; 2023 1020 + 150 + 60
    assert {p: v for (p, d, _), v in values.items() if d == "total"} == {
        "2021": 310,
        "2022": 635,
        "2023": 1230,
    }
    by_side = {(p, g): v for (p, d, g), v in values.items() if d == "side_b" and v}
    assert by_side == {
        ("2021", "TTP"): 310,
        ("2022", "TTP"): 540,
        ("2022", "BLA"): 95,
        ("2023", "TTP"): 1020,
        ("2023", "BLA"): 150,
        ("2023", "IS"): 60,
    }


def test_location_inc_equality_leaves_out_dyads_of_several_countries(project):
    # the interstate India-Pakistan dyad (2023, 40 deaths) is in only with 'contains'
    assert by_year(project, "deaths_involving_pakistan") == {
        "2021": 310,
        "2022": 635,
        "2023": 1270,
    }


def test_small_counts_are_judged_on_deaths_by_default(project):
    # 1, 2 and 3 dyad-years stand for 310, 635 and 1,230 deaths: none is a small count
    assert by_year(project, "dyads") == {"2021": 1, "2022": 2, "2023": 3}
    assert by_year(project, "dyads", column="events") == {
        "2021": 310,
        "2022": 635,
        "2023": 1230,
    }
    assert not any(by_year(project, "dyads", column="small_count").values())
    # 'weight: null' judges on rows: fewer than 5 dyad-years a year are small counts
    rows = "    weight: null\n"
    assert by_year(project, "dyads", rows, column="events") == {"2021": 1, "2022": 2, "2023": 3}
    assert all(by_year(project, "dyads", rows, column="small_count").values())
    low = "    weight: bd_low\n"
    # hand sums of bd_low: 290; 500 + 90; 980 + 140 + 55
    low_sums = {"2021": 290, "2022": 590, "2023": 1175}
    assert by_year(project, "dyads", low, column="events") == low_sums


def test_a_quarterly_scorecard_is_refused_with_the_reason(project):
    loaded = load_project(brd_project(project))
    with pytest.raises(UserError) as info:
        loaded.compute(["deaths"], "quarter")
    (error,) = [str(d) for d in info.value.diagnostics]
    assert error.startswith("data/sources.yaml:")
    assert "indicators[deaths].source: source 'brd' gives only the year of each row " in error
    assert "(a ucdp_brd table is dated by its year alone)" in error
    assert "every row would fall in the first quarter of its year; compute it by year" in error
    assert "month column" not in error  # no date parts to add a month to: the adapter's


def test_codebook_codes_are_checked(project):
    # intrastate conflicts only (where:), so type_of_conflict is read and checked
    root = brd_project(project, "    where: {type_of_conflict: 3}\n")
    assert by_year(project, "deaths", "    where: {type_of_conflict: 3}\n")["2023"] == 1230
    text = FIXTURE.read_text(encoding="utf-8").replace(",4,Afghanistan,", ",5,Afghanistan,")
    (root / "data" / "brd.csv").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_project(root).compute(["deaths"], "year")
    (error,) = [str(d) for d in info.value.diagnostics]
    assert "brd.csv" in error and "type_of_conflict" in error and "5" in error


def test_the_weight_must_be_a_number_column_here_too(project):
    root = brd_project(project, "    weight: side_b\n")
    assert "the weight column 'side_b' must have type integer or number" in spec_errors(root)[0]


def test_adapter_metadata_and_description():
    brd = adapter_of("ucdp_brd")
    assert (brd.unit, brd.weight, brd.licence) == ("dyad-year", "bd_best", "CC BY 4.0")
    assert "Davies, Shawn, Therese Pettersson and Magnus Öberg" in brd.citation
    described = CliRunner().invoke(main, ["adapters", "--kind", "ucdp_brd"]).output
    assert "date: year (0 or blank: unknown)" in described
    assert "small counts: judged on the sum of bd_best" in described


def test_the_methodology_appendix_says_what_small_counts_count(project):
    from ctscore.evaluate.methodology import method_note

    spec = load_project(brd_project(project)).spec
    assert method_note(spec, spec.indicators["dyads"]).events == "events (sum of bd_best)"
    spec = load_project(brd_project(project, "    weight: null\n")).spec
    assert method_note(spec, spec.indicators["dyads"]).events == "events"

"""Sources side by side on fixtures: the GTD fixture against a small GED file, on one
scorecard. Expected values are counted by hand (see the comments)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pdf_pages, spec_errors, write_project
from ctscore.api import load_project
from ctscore.cli import main
from ctscore.pipeline import evaluate_card

GTD_FIXTURE = Path(__file__).parent / "fixtures" / "gtd_pakistan.csv"
# GED events of the TTP dyad: 4 in 2014, 2 in 2015, 2 in 2016.
GED_DAYS = ["2014-01-05", "2014-04-01", "2014-08-09", "2014-12-30"]
GED_DAYS += ["2015-03-03", "2015-09-09", "2016-05-05", "2016-11-11"]
GED = "id,year,date_prec,date_start,date_end,dyad_name,best\n" + "".join(
    f"{n},{day[:4]},1,{day},{day},Government of Pakistan - TTP,1\n"
    for n, day in enumerate(GED_DAYS)
)
SPECS = """\
sources:
  - id: ged
    title: UCDP GED
    kind: ucdp_ged
    file: data/ged.csv
    coverage_start: 2014-01-01
    coverage_end: 2016-12-31
  - id: gtd
    title: GTD
    kind: gtd
    file: data/gtd.csv
    coverage_start: 2014-01-01
    coverage_end: 2016-12-31
indicators:
  - id: ged_events
    title: Events (GED)
    description: Events of the state-TTP dyad.
    unit: events
    direction: lower_is_better
    source: ged
    filter: {dyad_name: Government of Pakistan - TTP}
    measure: {kind: count}
  - id: gtd_incidents
    title: Incidents (GTD)
    description: Terrorist incidents, GTI convention.
    unit: incidents
    direction: lower_is_better
    source: gtd
    filter: {not: {doubtterr: 1}}
    measure: {kind: count}
  - id: gtd_deaths
    title: Deaths (GTD)
    description: Killed.
    unit: deaths
    direction: lower_is_better
    source: gtd
    measure: {kind: sum, column: nkill}
  - id: both
    title: Both
    description: A sum of two indicators.
    unit: events
    direction: lower_is_better
    measure: {kind: derived, expression: ged_events + gtd_incidents}
scorecards:
  - id: compared
    title: Three datasets
    period_type: year
    period: "2016"
    trend_periods: 3
    sections:
      - title: Fighting
        indicators: [ged_events]
    side_by_side:
      - title: Attacks in two datasets
        indicators: [ged_events, gtd_incidents]
        note: GTD counts terrorist incidents, GED organised violence with a death.
"""
FINDING = (
    "GTD counted 0.75 times as many as UCDP GED over 2014-2016 (0.50 to 1.50 in a single "
    "period); they diverged most in 2015 (1.50), and moved in opposite directions in 1 of 2 "
    "periods."
)


def write(root: Path, specs: str = SPECS) -> Path:
    write_project(root, {"data/sources.yaml": specs, "data/ged.csv": GED})
    (root / "data" / "gtd.csv").write_bytes(GTD_FIXTURE.read_bytes())
    return root


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("side"))


@pytest.fixture(scope="module")
def comparison(root):
    project = load_project(root)
    report, _ = evaluate_card(project.spec, project.data, project.spec.scorecards["compared"])
    [comparison] = report.side_by_side
    return comparison


def test_values_and_ratios_per_period(comparison):
    assert comparison.periods == ("2014", "2015", "2016")
    ged, gtd = comparison.series
    # GTD incidents with doubtterr != 1: 2014 rows 1-2, 2015 rows 4-6 (row 3 in doubt), 2016 row 7.
    assert (ged.values, gtd.values) == ((4, 2, 2), (2, 3, 1))
    assert gtd.ratios == (0.5, 1.5, 0.5)
    assert gtd.overall_ratio == 6 / 8
    assert ged.ratios == (1, 1, 1)
    assert (ged.label, gtd.label) == ("UCDP GED", "GTD")


def test_findings_say_where_they_diverge(comparison):
    assert comparison.findings == (FINDING,)
    assert "ratio holds steady" in comparison.meaning
    assert comparison.note.startswith("GTD counts terrorist incidents")


@pytest.mark.slow
def test_scorecard_builds_with_chart_table_and_method(root, tmp_path_factory):
    out = tmp_path_factory.mktemp("side-out")
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--format", "pdf,html"])
    assert result.exit_code == 0, result.output
    html = (out / "compared-2016.html").read_text(encoding="utf-8")
    assert '<figure class="side-chart"><svg' in html
    assert "GTD ÷ UCDP GED" in html and '<td class="num">1.50</td>' in html
    text = " ".join(pdf_pages(out / "compared-2016.pdf"))
    text = " ".join(text.split())
    assert "Attacks in two datasets" in text and FINDING in text
    assert "Sources side by side" in text  # the methodology appendix explains the measures
    definition = "Incidents (GTD) (gtd_incidents): number of rows; rows counted: not (doubtterr"
    assert definition + " is 1)" in text
    assert "GTD: cells coded unknown (-9, -99) read as blank, not as numbers: doubtterr 1" in text


def test_a_period_a_source_covers_in_part_is_shown_not_compared(project):
    # Without declared coverage each source covers the span of its own dates: GED from
    # 5 Jan 2014 to 11 Nov 2016, the GTD from 1 Mar 2014 (row 2, day unknown) to 29 Feb
    # 2016. So 2014 and 2016 are covered in part by both, and
    # only 2015 is compared (GTD 3 against GED 2).
    root = write(
        project({}),
        SPECS.replace("    coverage_start: 2014-01-01\n", "").replace(
            "    coverage_end: 2016-12-31\n", ""
        ),
    )
    loaded = load_project(root)
    report, _ = evaluate_card(loaded.spec, loaded.data, loaded.spec.scorecards["compared"])
    [comparison] = report.side_by_side
    ged, gtd = comparison.series
    assert (ged.values, gtd.values) == ((4, 2, 2), (2, 3, 1))  # shown as counted
    assert ged.partial == gtd.partial == (True, False, True)
    assert gtd.ratios == (None, 1.5, None)
    assert gtd.overall_ratio == 1.5  # 3 / 2: the partial periods are not totalled
    assert comparison.findings == ("GTD counted 1.50 times as many as UCDP GED over 2015.",)
    assert comparison.has_partial


def test_partial_periods_are_marked_in_the_table(project, tmp_path):
    specs = SPECS.replace("    coverage_end: 2016-12-31\n", "", 1)  # GED's 2016: part
    root = write(project({}), specs)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = (out / "compared-2016.html").read_text(encoding="utf-8")
    assert '<td class="num">2<sup>‡</sup></td>' in html  # GED's 2 events of 2016
    assert "covers only part of this year" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("[ged_events, gtd_incidentz]", "unknown indicator 'gtd_incidentz' (did you mean"),
        ("[ged_events, both]", "indicator 'both' combines other indicators"),
        ("[gtd_incidents, gtd_deaths]", "'gtd_incidents' and 'gtd_deaths' both come from"),
        ("[ged_events, ged_events]", "each indicator may appear once; given twice: ged_events"),
        ("[ged_events]", "at least 2 items"),
    ],
)
def test_bad_comparisons_are_located_errors(project, change, message):
    root = project({})
    write(root, SPECS.replace("[ged_events, gtd_incidents]", change))
    [error] = spec_errors(root)
    assert error.startswith("data/sources.yaml:") and message in error, error


def test_not_on_a_one_region_scorecard(project):
    root = project({})
    region = "    region: {dimension: dyad_name, value: x}\n"
    write(root, SPECS.replace("    period_type: year\n", "    period_type: year\n" + region))
    expected = "side-by-side comparisons are for scorecards of the whole data"
    assert any(expected in error for error in spec_errors(root))


def test_a_reference_without_values_is_said_not_divided_by():
    from ctscore.evaluate.side_by_side import Series, _finding

    def series(label, values):
        ratios = tuple(None for _ in values)
        return Series(label, label, "", values, (), ratios, (), None)

    reference, other = series("GED", (0.0, 0.0)), series("GTD", (1.0, 2.0))
    assert _finding(reference, other, ["2014", "2015"]) == (
        "GED counted nothing over 2014-2015: no ratio to compare."
    )
    assert _finding(reference, other, []).startswith("GED has no value in the periods shown")

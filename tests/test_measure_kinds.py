"""Every measure kind goes through every stage: the reference graph, compute, the
methodology appendix, the spec reference and the JSON Schema. A new kind without an
example here, or missing from any stage, fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import ctscore
from conftest import indicator, write_project
from ctscore.evaluate.methodology import method_note
from ctscore.spec import graph
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import COMBINED_MEASURE_KINDS, ROW_MEASURE_KINDS
from test_compute_kinds import CONFIG, EVENTS, POPULATION, REPORTS, SOURCES, row

DOCS = Path(__file__).resolve().parent.parent / "docs"
KINDS = ROW_MEASURE_KINDS + COMBINED_MEASURE_KINDS
# One indicator of each kind, id 'k_<kind>', over 'attacks' and 'killed'.
EXAMPLES = {
    "count": {"kind": "count"},
    "sum": {"kind": "sum", "column": "killed"},
    "mean": {"kind": "mean", "column": "killed"},
    "max": {"kind": "max", "column": "killed"},
    "min": {"kind": "min", "column": "killed"},
    "distinct_count": {"kind": "distinct_count", "column": "group"},
    "ratio": {"kind": "ratio", "numerator": "killed", "denominator": "attacks"},
    "share": {"kind": "share", "numerator": "k_count", "denominator": "attacks"},
    "rate": {"kind": "rate", "indicator": "attacks", "population": "population"},
    "derived": {"kind": "derived", "expression": "killed / attacks"},
    "rolling": {"kind": "rolling", "indicator": "attacks", "window": 2},
    "change": {"kind": "change", "indicator": "attacks", "mode": "absolute"},
    "year_to_date": {"kind": "year_to_date", "indicator": "attacks"},
    "composite": {
        "kind": "composite",
        "components": [{"indicator": "attacks", "weight": 1}, {"indicator": "killed", "weight": 2}],
    },
}


def _example(kind: str) -> dict:
    measure = EXAMPLES[kind]
    return (
        row(f"k_{kind}", measure) if kind in ROW_MEASURE_KINDS else indicator(f"k_{kind}", measure)
    )


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds")
    base = [row("attacks", {"kind": "count"}), row("killed", {"kind": "sum", "column": "killed"})]
    indicators = base + [_example(kind) for kind in KINDS if kind in EXAMPLES]
    files = {
        "ctscore.yaml": CONFIG,
        "data/sources.yaml": SOURCES,
        "events.csv": EVENTS,
        "reports.csv": REPORTS,
        "population.csv": POPULATION,
        "indicators/i.yaml": yaml.safe_dump({"indicators": indicators}, sort_keys=False),
    }
    project = ctscore.load_project(write_project(root, files))
    return project, project.compute()


def test_every_kind_has_an_example():
    assert sorted(EXAMPLES) == sorted(KINDS)
    assert len(set(KINDS)) == len(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_goes_through_every_stage(walked, kind):
    project, results = walked
    spec = project.spec
    indicator = spec.indicators[f"k_{kind}"]
    assert indicator.measure.kind == kind
    assert isinstance(indicator, RowIndicator) == (kind in ROW_MEASURE_KINDS)
    # graph: a combined kind refers to the indicators it is computed from, a row kind to none
    refs = [ref for _, ref in graph.references(indicator)]
    if kind in ROW_MEASURE_KINDS:
        assert refs == []
    else:
        assert refs and set(refs) <= {"attacks", "killed", "k_count"}
        assert graph.evaluation_order(spec.indicators).index(f"k_{kind}") > 0
    # compute: it has values
    values = results[results["indicator"] == f"k_{kind}"]["value"]
    assert len(values) and values.notna().any()
    # methodology: a formula naming what it is computed from
    note = method_note(spec, indicator)
    assert note.formula and all(ref in note.formula for ref in refs)
    assert note.source == ("Events" if kind in ROW_MEASURE_KINDS else "other indicators")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_in_the_reference_docs_and_the_schema(kind):
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    schema = json.loads((DOCS / "schema" / "ctscore-spec.schema.json").read_text("utf-8"))
    measure = schema["$defs"]["Indicator"]["properties"]["measure"]
    target = measure["discriminator"]["mapping"][kind]
    model = target.rsplit("/", 1)[-1]
    assert f"## {model}" in reference
    assert f"`{kind}`" in reference

"""The reference graph between indicators, and locating a declaration for any stage."""

from __future__ import annotations

import time

from ctscore.spec import graph, measures
from ctscore.spec.indicators import CombinedIndicator, RowIndicator
from ctscore.spec.loader import load_project_spec
from ctscore.spec.project_spec import ProjectSpec
from test_spec_errors import INDICATOR


def derived(indicator_id: str, expression: str) -> CombinedIndicator:
    return CombinedIndicator(
        id=indicator_id,
        title=indicator_id,
        description="d",
        unit="u",
        direction="lower_is_better",
        measure={"kind": "derived", "expression": expression},
    )


def counted(indicator_id: str, dimensions: list[str]) -> RowIndicator:
    return RowIndicator(
        id=indicator_id,
        title=indicator_id,
        description="d",
        unit="u",
        direction="lower_is_better",
        source="events",
        measure={"kind": "count"},
        dimensions=dimensions,
    )


def test_cycles_are_found_in_one_pass():
    indicators = {
        "a": derived("a", "b + 1"),
        "b": derived("b", "a * 2"),
        "c": derived("c", "a + d"),
        "d": counted("d", ["province"]),
        "e": derived("e", "e"),
    }
    assert graph.on_cycles(indicators) == {"a", "b", "e"}
    assert graph.find_cycle(indicators, "a") == ["a", "b", "a"]
    assert graph.evaluation_order(indicators) == ["d"]
    assert graph.dimensions_of(indicators, "c") == set()
    assert graph.dimensions_of(indicators, "a") == set()


def test_dimensions_are_those_all_inputs_share():
    indicators = {
        "d": counted("d", ["province", "district"]),
        "k": counted("k", ["province"]),
        "r": derived("r", "d / k"),
        "s": derived("s", "r + d"),
    }
    assert graph.dimensions_of(indicators, "s") == {"province"}


def test_a_long_chain_of_derived_indicators_is_quick():
    indicators = {"i0": counted("i0", ["province"])}
    for n in range(1, 400):
        indicators[f"i{n}"] = derived(f"i{n}", f"i{n - 1} + i{max(n - 2, 0)}")
    started = time.perf_counter()
    assert graph.dimensions_of(indicators, "i399") == {"province"}
    assert len(graph.evaluation_order(indicators)) == 400
    assert time.perf_counter() - started < 1


def test_expressions_are_parsed_once():
    indicator = derived("x", "alpha / beta")
    graph.references(indicator)
    before = measures.expression_names.cache_info()
    for _ in range(5):
        assert graph.references(indicator) == [
            (("measure", "expression"), "alpha"),
            (("measure", "expression"), "beta"),
        ]
    after = measures.expression_names.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (5, 0)


def test_any_stage_locates_a_declaration_through_the_spec(project):
    text = INDICATOR.replace("    measure:", "    filter: {province: Punjab}\n    measure:")
    spec = load_project_spec(project({"indicators/a.yaml": text}))
    found = spec.diagnostic("indicators", "attacks", ("filter", "province"), "no such rows")
    assert str(found) == (
        "indicators/a.yaml:8:14: indicators[attacks].filter.province: no such rows"
    )
    source = spec.diagnostic("sources", "events", ("columns", "killed", "min"), "bad")
    assert str(source) == "data/sources.yaml:10:31: sources[events].columns.killed.min: bad"
    assert spec.declared("indicators", "attacks", ("filter",)) == {"province": "Punjab"}


def test_a_declaration_made_in_code_is_named_without_a_line(tmp_path):
    spec = ProjectSpec(tmp_path, None, None, indicators={"x": derived("x", "1")})
    found = spec.diagnostic("indicators", "x", ("measure", "expression"), "bad")
    assert str(found) == "ctscore: indicators[x].measure.expression: bad"

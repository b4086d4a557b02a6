"""How indicators refer to each other: references, evaluation order, shared dimensions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ctscore.expressions import ExpressionError, parse_expression
from ctscore.spec.indicators import Indicator
from ctscore.spec.yamlfile import PathKey


def references(indicator: Indicator) -> list[tuple[PathKey, str]]:
    """(path inside the indicator, referenced indicator id) for each reference it makes."""
    measure = indicator.measure
    kind = measure.kind
    if kind in ("ratio", "share"):
        return [
            (("measure", "numerator"), measure.numerator),
            (("measure", "denominator"), measure.denominator),
        ]
    if kind in ("rate", "rolling", "change", "year_to_date"):
        return [(("measure", "indicator"), measure.indicator)]
    if kind == "composite":
        return [
            (("measure", "components", index, "indicator"), component.indicator)
            for index, component in enumerate(measure.components)
        ]
    if kind == "derived":
        try:
            names = parse_expression(measure.expression).names
        except ExpressionError:
            return []  # reported by the expression check
        return [(("measure", "expression"), name) for name in sorted(names)]
    return []


def evaluation_order(indicators: Mapping[str, Indicator]) -> list[str]:
    """Ids ordered so every indicator comes after those it refers to (cycles are left out)."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(indicator_id: str) -> bool:
        if state.get(indicator_id) == "done":
            return True
        if state.get(indicator_id) == "visiting" or indicator_id not in indicators:
            return False
        state[indicator_id] = "visiting"
        ok = all(visit(ref) for _, ref in references(indicators[indicator_id]))
        state[indicator_id] = "done" if ok else "cycle"
        if ok:
            order.append(indicator_id)
        return ok

    for indicator_id in indicators:
        visit(indicator_id)
    return order


def find_cycle(indicators: Mapping[str, Indicator], start: str) -> list[str] | None:
    """A reference cycle through ``start`` as a list of ids, or None."""

    def walk(current: str, trail: list[str]) -> list[str] | None:
        for _, ref in references(indicators[current]) if current in indicators else []:
            if ref == start:
                return [*trail, ref]
            if ref not in trail:
                found = walk(ref, [*trail, ref])
                if found:
                    return found
        return None

    return walk(start, [start])


def dimensions_of(
    indicators: Mapping[str, Indicator],
    indicator_id: str,
    source_columns: Mapping[str, Iterable[str]] | None = None,
) -> set[str]:
    """Dimensions an indicator can be broken down by: its own, or those all its inputs share.

    With ``source_columns`` (source id -> its column names), a rate also needs the dimension
    in its population source, since that is where the per-region denominator comes from."""
    indicator = indicators.get(indicator_id)
    if indicator is None or find_cycle(indicators, indicator_id):
        return set()
    if indicator.is_row_measure:
        return set(indicator.dimensions)
    shared: set[str] | None = None
    for _, ref in references(indicator):
        dims = dimensions_of(indicators, ref, source_columns)
        shared = dims if shared is None else shared & dims
    if indicator.measure.kind == "rate" and source_columns is not None:
        shared = (shared or set()) & set(source_columns.get(indicator.measure.population, ()))
    return shared or set()

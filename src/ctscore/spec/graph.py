"""How indicators refer to each other: references, evaluation order, shared dimensions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ctscore.spec.base import Reference
from ctscore.spec.indicators import Indicator, RowIndicator
from ctscore.spec.measures import RateMeasure


def references(indicator: Indicator) -> list[Reference]:
    """(path inside the indicator, referenced indicator id) for each reference it makes."""
    return indicator.measure.references()


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


def on_cycles(indicators: Mapping[str, Indicator]) -> set[str]:
    """Ids of the indicators that lie on a reference cycle, found in one pass (Tarjan's
    strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cyclic: set[str] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        refs = [ref for _, ref in references(indicators[node]) if ref in indicators]
        for ref in refs:
            if ref not in index:
                visit(ref)
                low[node] = min(low[node], low[ref])
            elif ref in stack:
                low[node] = min(low[node], index[ref])
        if low[node] == index[node]:
            component = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(component) > 1 or node in refs:
                cyclic.update(component)

    for indicator_id in indicators:
        if indicator_id not in index:
            visit(indicator_id)
    return cyclic


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
    in its population source, since that is where the per-region denominator comes from.
    An indicator on a reference cycle has none."""
    cyclic = on_cycles(indicators)
    known: dict[str, set[str]] = {}

    def dims(current: str) -> set[str]:
        if current not in known:
            known[current] = _own_dimensions(indicators, current, cyclic, dims, source_columns)
        return known[current]

    return set(dims(indicator_id))


def _own_dimensions(
    indicators: Mapping[str, Indicator],
    current: str,
    cyclic: set[str],
    dims: Callable[[str], set[str]],
    source_columns: Mapping[str, Iterable[str]] | None,
) -> set[str]:
    indicator = indicators.get(current)
    if indicator is None or current in cyclic:
        return set()
    if isinstance(indicator, RowIndicator):
        return set(indicator.dimensions)
    shared: set[str] | None = None
    for _, ref in references(indicator):
        shared = dims(ref) if shared is None else shared & dims(ref)
    measure = indicator.measure
    if isinstance(measure, RateMeasure) and source_columns is not None:
        shared = (shared or set()) & set(source_columns.get(measure.population, ()))
    return shared or set()

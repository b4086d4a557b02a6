"""The methodology appendix, generated from the specs: formulas, filters, sources."""

from __future__ import annotations

from ctscore.evaluate.model import MethodNote
from ctscore.spec.filters import Condition, Filter
from ctscore.spec.graph import references
from ctscore.spec.indicators import Indicator, RowIndicator
from ctscore.spec.inline import is_inline
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import weight_column

TEXT_TESTS = {"contains": "contains", "starts_with": "starts with", "matches": "matches"}


def involved(spec: ProjectSpec, ids: list[str]) -> list[str]:
    """The shown indicators and everything they are computed from, in a stable order."""
    seen: list[str] = []
    stack = list(reversed(ids))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.append(current)
            stack += [ref for _, ref in reversed(references(spec.indicators[current]))]
    return seen


def codebooks(spec: ProjectSpec, sources: list[str]) -> tuple[str, ...]:
    used = {
        column.classify.codebook
        for s in sources
        for column in spec.sources[s].columns.values()
        if column.classify
    }
    return tuple(
        f"{spec.codebooks[c].title}: version {spec.codebooks[c].version}" for c in sorted(used)
    )


def method_note(spec: ProjectSpec, indicator: Indicator) -> MethodNote:
    source, rows = "other indicators", describe_filter(None)
    if isinstance(indicator, RowIndicator):
        source, rows = spec.sources[indicator.source].title, describe_filter(indicator.filter)
    inline = [spec.indicators[i] for _, i in references(indicator) if is_inline(i)]
    parts = [i for i in inline if isinstance(i, RowIndicator)]
    if parts:  # written in place: say what each part counts, and where
        source = ", ".join(dict.fromkeys(spec.sources[i.source].title for i in parts))
        rows = "; ".join(
            f"{i.id.split('.')[-1]}: {formula(i)} where {describe_filter(i.filter)}" for i in parts
        )
    return MethodNote(
        indicator.id,
        indicator.title,
        formula(indicator),
        source,
        rows,
        indicator.unit,
        indicator.small_count,
        _events(spec, indicator),
    )


def _events(spec: ProjectSpec, indicator: Indicator) -> str:
    """What small counts are judged on: rows, or the sum of the source's weight column
    (by default the adapter's, e.g. a BRD dyad-year's bd_best)."""
    if not isinstance(indicator, RowIndicator):
        return "events"
    source = spec.sources.get(indicator.source)
    weight = weight_column(source) if source is not None else None
    return f"events (sum of {weight})" if weight else "events"


def formula(indicator: Indicator) -> str:
    """The measure in words and symbols, e.g. 'sum of fatalities'."""
    return indicator.measure.formula()


def describe_filter(spec: Filter | None) -> str:
    """A filter in plain words, e.g. 'attack_type is suicide_bombing'."""
    if spec is None:
        return "all rows"
    parts = [_describe_test(column, test) for column, test in spec.column_tests.items()]
    if spec.all_:
        parts += [f"({describe_filter(f)})" for f in spec.all_]
    if spec.any_:
        parts.append("(" + " or ".join(describe_filter(f) for f in spec.any_) + ")")
    if spec.not_:
        parts.append(f"not ({describe_filter(spec.not_)})")
    return " and ".join(parts)


def _describe_test(column: str, test) -> str:
    if isinstance(test, list):
        return f"{column} is one of {', '.join(map(str, test))}"
    if not isinstance(test, Condition):
        return f"{column} is {test}"
    symbols = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}
    parts = []
    for name in sorted(test.model_fields_set):
        value = getattr(test, name)
        if name in symbols:
            parts.append(f"{column} {symbols[name]} {value}")
        elif name == "in_":
            parts.append(f"{column} is one of {', '.join(map(str, value))}")
        elif name == "not_in":
            parts.append(f"{column} is none of {', '.join(map(str, value))}")
        elif name == "between":
            parts.append(f"{column} between {value[0]} and {value[1]}")
        elif name in TEXT_TESTS:
            parts.append(f"{column} {TEXT_TESTS[name]} '{value}'")
        else:
            parts.append(f"{column} is {'missing' if value else 'present'}")
    return " and ".join(parts)

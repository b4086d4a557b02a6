"""The methodology appendix, generated from the specs: formulas, filters, sources."""

from __future__ import annotations

from ctscore.evaluate.model import MethodNote
from ctscore.spec.filters import Condition, Filter
from ctscore.spec.graph import references
from ctscore.spec.indicators import Indicator
from ctscore.spec.inline import PARTS, is_inline
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
    source = spec.sources[indicator.source].title if indicator.source else "other indicators"
    rows = describe_filter(indicator.filter)
    inline = [getattr(indicator.measure, p, "") for p in PARTS]
    inline = [spec.indicators[i] for i in inline if isinstance(i, str) and is_inline(i)]
    if inline:  # written in place: say what each part counts, and where
        source = ", ".join(dict.fromkeys(spec.sources[i.source].title for i in inline))
        rows = "; ".join(
            f"{i.id.split('.')[-1]}: {formula(i)} where {describe_filter(i.filter)}" for i in inline
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
    source = spec.sources.get(indicator.source or "")
    weight = weight_column(source) if source is not None else None
    return f"events (sum of {weight})" if weight else "events"


def formula(indicator: Indicator) -> str:
    """The measure in words and symbols, e.g. 'sum of fatalities'."""
    m = indicator.measure
    words = {
        "count": lambda: "number of rows",
        "sum": lambda: f"sum of {m.column}",
        "mean": lambda: f"mean of {m.column}",
        "max": lambda: f"largest {m.column}",
        "min": lambda: f"smallest {m.column}",
        "distinct_count": lambda: f"number of different {m.column} values",
        "ratio": lambda: f"{m.numerator} / {m.denominator} (no value when the denominator is 0)",
        "share": lambda: f"{m.numerator} / {m.denominator}, between 0 and 1",
        "rate": lambda: f"{m.indicator} per {m.per:,.0f} people ({m.population}, by year)",
        "derived": lambda: m.expression,
        "rolling": lambda: f"{m.function} of {m.indicator} over {m.window} periods",
        "change": lambda: (
            f"{m.mode} change of {m.indicator} against the " + m.against.replace("_", " ")
        ),
        "year_to_date": lambda: f"{m.indicator} cumulated since the start of the {m.year} year",
        "composite": lambda: _composite_formula(m),
    }
    return words[m.kind]()


def _composite_formula(m) -> str:
    parts = " + ".join(f"{c.weight:g} × {c.indicator}" for c in m.components)
    text = f"{parts}"
    if m.normalisation != "none":
        text += f" (each normalised: {m.normalisation})"
    if m.year_weights:
        text += "; weighted average of trailing years " + "/".join(f"{w:g}" for w in m.year_weights)
    if m.log_score:
        s = m.log_score
        text += f"; score = {s.max_score:g} × ln(total + 1) / ln({s.reference:g} + 1)"
        text += f", at most {s.cap:g}" if s.cap is not None else ""
    return text


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

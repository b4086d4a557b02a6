"""Inline measures: a ratio's or share's numerator or denominator written in place.

Each becomes an indicator of its own, ``<id>.numerator`` or ``<id>.denominator`` (a dot, which
no declared id may contain), computed like any other and located at the place it is written;
``ctscore list`` and the methodology appendix show it as part of the indicator it belongs to.
"""

from __future__ import annotations

from ctscore.spec.indicators import Indicator, RowIndicator
from ctscore.spec.measures import InlineMeasure, RatioMeasure
from ctscore.spec.project_spec import Origin, ProjectSpec

PARTS = ("numerator", "denominator")


def is_inline(indicator_id: str) -> bool:
    return "." in indicator_id


def expand_inline_measures(spec: ProjectSpec) -> None:
    """Give every inline numerator or denominator an indicator, and refer to it by id."""
    for ind_id, indicator in list(spec.indicators.items()):
        measure = indicator.measure
        if not isinstance(measure, RatioMeasure):
            continue
        changes = {}
        for part in PARTS:
            written = getattr(measure, part)
            if isinstance(written, InlineMeasure):
                new_id = f"{ind_id}.{part}"
                spec.indicators[new_id] = _part(indicator, new_id, part, written)
                origin = spec.origins.get(("indicators", ind_id))
                if origin is not None:
                    where = Origin(origin.doc, (*origin.path, "measure", part))
                    spec.origins[("indicators", new_id)] = where
                changes[part] = new_id
        if changes:
            new_measure = measure.model_copy(update=changes)
            spec.indicators[ind_id] = indicator.model_copy(update={"measure": new_measure})


def _part(parent: Indicator, new_id: str, part: str, inline: InlineMeasure) -> RowIndicator:
    return RowIndicator.model_construct(
        id=new_id,
        title=f"{parent.title} ({part})",
        description=f"The {part} of {parent.id}.",
        rationale="",
        unit=parent.unit,
        direction=parent.direction,
        source=inline.source,
        filter=inline.filter,
        measure=inline.measure,
        dimensions=list(inline.dimensions),
        small_count=parent.small_count,
        start=parent.start,
        decimals=parent.decimals,
        percent=False,
    )

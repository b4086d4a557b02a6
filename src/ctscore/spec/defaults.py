"""Defaults an indicator takes from its source or the project when it does not set them."""

from __future__ import annotations

from ctscore.spec.project_spec import ProjectSpec


def apply_small_count_defaults(spec: ProjectSpec) -> None:
    """An indicator without ``small_count`` takes its source's, else the project's."""
    for ind_id, indicator in list(spec.indicators.items()):
        if "small_count" in indicator.model_fields_set:
            continue
        row = spec.row_indicator(ind_id)
        source = spec.sources.get(row.source) if row is not None else None
        default = source.small_count if source is not None else None
        default = spec.config.small_count if default is None else default
        if default != indicator.small_count:
            spec.indicators[ind_id] = indicator.model_copy(update={"small_count": default})

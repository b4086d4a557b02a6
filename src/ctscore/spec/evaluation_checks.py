"""Rules on evaluations (interrupted time series): what they refer to, and what they model."""

from __future__ import annotations

from collections.abc import Iterator

from ctscore.errors import Diagnostic
from ctscore.spec.evaluations import COUNT_KINDS
from ctscore.spec.project_spec import ProjectSpec

Diagnostics = Iterator[Diagnostic]


def check_evaluation_references(spec: ProjectSpec) -> Diagnostics:
    for evaluation in spec.evaluations.values():
        references: list[tuple[str | tuple[str, int], str, str, str]] = [
            ("indicator", "indicators", evaluation.indicator, "indicator")
        ]
        if evaluation.event:
            references.append(("event", "policy_events", evaluation.event, "policy event"))
        for index, event in enumerate(evaluation.events):
            references.append((("events", index), "policy_events", event, "policy event"))
        if evaluation.exposure:
            references.append(("exposure", "indicators", evaluation.exposure, "indicator"))
        for field, kind, name, noun in references:
            if message := spec.unknown_reference(kind, name, noun):
                path = field if isinstance(field, tuple) else (field,)
                yield spec.diagnostic("evaluations", evaluation.id, path, message)


def check_evaluation_counts(spec: ProjectSpec) -> Diagnostics:
    for evaluation in spec.evaluations.values():
        indicator = spec.indicators.get(evaluation.indicator)
        if indicator is None or indicator.measure.kind in COUNT_KINDS:
            continue
        yield spec.diagnostic(
            "evaluations",
            evaluation.id,
            ("indicator",),
            f"indicator '{indicator.id}' is a {indicator.measure.kind}; a {evaluation.model} "
            f"model describes counts: choose a count or sum indicator (e.g. its numerator) and "
            "give the denominator as 'exposure'",
        )


def check_scorecard_evaluations(spec: ProjectSpec) -> Diagnostics:
    for card in spec.scorecards.values():
        for index, name in enumerate(card.evaluations):
            if message := spec.unknown_reference("evaluations", name, "evaluation"):
                yield spec.diagnostic("scorecards", card.id, ("evaluations", index), message)


CHECKS = [check_evaluation_references, check_evaluation_counts, check_scorecard_evaluations]

"""Rules for indicator tests: what they name must exist."""

from __future__ import annotations

from collections.abc import Iterator

from ctscore.errors import Diagnostic, did_you_mean
from ctscore.spec.graph import dimensions_of
from ctscore.spec.project_spec import ProjectSpec

Diagnostics = Iterator[Diagnostic]


def _unknown(name: str, known) -> str:
    return f"'{name}'{did_you_mean(name, known)}"


def check_test_indicators(spec: ProjectSpec) -> Diagnostics:
    for test in spec.tests.values():
        for index, expected in enumerate(test.expect):
            name = expected.indicator
            if name not in spec.indicators and ("indicators", name) not in spec.broken:
                yield spec.diagnostic(
                    "tests",
                    test.id,
                    ("expect", index, "indicator"),
                    f"unknown indicator {_unknown(name, spec.indicators)}",
                )


def check_test_sources(spec: ProjectSpec) -> Diagnostics:
    for test in spec.tests.values():
        for source_id in test.given:
            if source_id not in spec.sources and ("sources", source_id) not in spec.broken:
                yield spec.diagnostic(
                    "tests",
                    test.id,
                    ("given", source_id),
                    f"unknown source {_unknown(source_id, spec.sources)}",
                )


def check_test_breakdown(spec: ProjectSpec) -> Diagnostics:
    for test in spec.tests.values():
        if test.by is None:
            for index, expected in enumerate(test.expect):
                if expected.breakdown is not None:
                    yield spec.diagnostic(
                        "tests",
                        test.id,
                        ("expect", index, "breakdown"),
                        "a breakdown value needs `by:` on the test (e.g. by: province)",
                    )
            continue
        for name in test.indicators:
            if name in spec.indicators and test.by not in dimensions_of(spec.indicators, name):
                yield spec.diagnostic(
                    "tests",
                    test.id,
                    ("by",),
                    f"indicator '{name}' cannot be broken down by '{test.by}'",
                )


CHECKS = [check_test_indicators, check_test_sources, check_test_breakdown]

"""Rules for indicator tests: what they name must exist."""

from __future__ import annotations

from collections.abc import Iterator

from ctscore.errors import Diagnostic
from ctscore.spec.graph import dimensions_of
from ctscore.spec.project_spec import ProjectSpec

Diagnostics = Iterator[Diagnostic]


def check_test_indicators(spec: ProjectSpec) -> Diagnostics:
    for test in spec.tests.values():
        for index, expected in enumerate(test.expect):
            message = spec.unknown_reference("indicators", expected.indicator, "indicator")
            if message:
                yield spec.diagnostic("tests", test.id, ("expect", index, "indicator"), message)


def check_test_sources(spec: ProjectSpec) -> Diagnostics:
    for test in spec.tests.values():
        for source_id in test.given:
            if message := spec.unknown_reference("sources", source_id, "source"):
                yield spec.diagnostic("tests", test.id, ("given", source_id), message)


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

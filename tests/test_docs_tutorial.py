"""The tutorial works: its blocks, run in order in an empty folder, end in a PDF that
reads as the tutorial says."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pdf_pages
from docs_snippets import REPO, Page, blocks

TUTORIAL = REPO / "docs" / "tutorial.md"


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory) -> Path:
    """The project a reader has at the end of the tutorial (one PDF build per session)."""
    page = Page(tmp_path_factory.mktemp("tutorial"))
    for block in blocks(TUTORIAL):
        page.run(block)
    return page.cwd


@pytest.mark.slow
def test_the_tutorial_ends_in_a_quarterly_pdf(tutorial):
    assert tutorial.name == "my-scorecard"
    assert sorted(p.name for p in (tutorial / "reports").glob("*.pdf")) == ["quarterly-2024-Q4.pdf"]


@pytest.mark.slow
def test_the_pdf_reads_as_the_tutorial_says(tutorial):
    text = " ".join(pdf_pages(tutorial / "reports/quarterly-2024-Q4.pdf"))
    text = " ".join(text.split())
    for shown in (
        "Counterterrorism scorecard",
        "Attacks per million people",
        "Share of attacks on the police",
        "Rapid response units",
        "within normal variation",
        "Of 2 indicators with a target: 1 close, 1 off track.",
        "amber: 6.0 misses target 5.9 (10% below baseline 6) by at most 10% (≤ 6.4)",
        # explanations/statuses.md quotes this rule whole
        "red: 67% misses target 50% by more than 10% (> 55%); the gap is within normal "
        "variation: the Wilson score 95% interval 30.0% to 90.3% includes the target",
    ):
        assert shown in text
    for appendix in ("Methodology", "Data quality", "Provenance"):
        assert appendix in text


def test_the_tutorial_declares_a_count_a_share_a_rate_a_target_and_an_event():
    text = TUTORIAL.read_text(encoding="utf-8")
    for needed in ("kind: count", "kind: share", "kind: rate", "target:", "policy_events:"):
        assert needed in text

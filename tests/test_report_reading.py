"""Reading the report (issue #9): the date labelled as what it is, the data's citation and
licence on the cover, month-only policy events placed on the 1st and labelled."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from conftest import EVENT_COLUMNS, source, sources
from ctscore.cli import main
from ctscore.spec.loader import load_project_spec
from test_time_semantics import EVENTS_COUNT

CITED = {"citation": "Sundberg and Melander (2013)", "licence": "CC BY 4.0"}
SOURCES = (
    sources(source(columns=EVENT_COLUMNS, **CITED))
    + EVENTS_COUNT
    + """\
scorecards:
  - id: q
    title: Q
    period_type: month
    period: 2024-02
    sections: [{title: S, indicators: [events]}]
policy_events:
  - {id: offensive, date: 2024-01, title: Offensive}
"""
)


@pytest.fixture
def html(project, monkeypatch):
    def build(epoch: str | None = None) -> str:
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        root = project({"data/sources.yaml": SOURCES})
        result = CliRunner().invoke(main, ["build", "--format", "html", "--quiet", str(root)])
        assert result.exit_code == 0, result.output
        return (root / "reports/q-2024-02.html").read_text()

    return build


def test_month_only_event_is_placed_on_the_first_and_labelled(project):
    spec = load_project_spec(project({"data/sources.yaml": SOURCES}))
    event = spec.policy_events["offensive"]
    assert (event.date, event.date_precision) == (dt.date(2024, 1, 1), "month")


def test_cover_labels_the_date_and_cites_the_data(html):
    page = html()
    cover = page[page.index('class="cover"') : page.index("</header>")]
    assert "(the last day of the period reported)" in cover
    assert "Events: Sundberg and Melander (2013). Licence: CC BY 4.0." in cover
    assert "<strong>2024-01 (month)</strong> – Offensive" in page
    assert "(the build date given by SOURCE_DATE_EPOCH)" in html("0")


def test_a_dimension_shows_its_label(project):
    sources = SOURCES.replace(
        "      province: {type: category}", "      province: {type: category, label: region}"
    ).replace("    sections: [{title: S", "    breakdown: province\n    sections: [{title: S")
    sources = sources.replace(
        "    measure: {kind: count}\n", "    measure: {kind: count}\n    dimensions: [province]\n"
    )
    root = project({"data/sources.yaml": sources})
    result = CliRunner().invoke(main, ["build", "--format", "html", "--quiet", str(root)])
    assert result.exit_code == 0, result.output
    page = (root / "reports/q-2024-02.html").read_text()
    assert "<caption>By region, 2024-02</caption>" in page

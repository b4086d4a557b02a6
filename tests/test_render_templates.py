"""Templates: MkDocs-style overrides (replace a file, or extend the built-in one by blocks),
extra.css, autoescaping, and the charts that go into them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import make_report, pdf_pages
from ctscore.render import charts
from ctscore.render.html import render_html, stylesheets
from ctscore.render.labels import Placement, place_labels
from ctscore.render.pdf import render_pdf
from ctscore.render.theme import THEME, template_folders

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def small(tmp_path):
    """A project folder for template overrides, and a Report built directly."""
    return tmp_path, make_report("attacks", "killed", "lethality")


def html_with(root: Path, report, files: dict[str, str], standalone=False) -> str:
    templates = root / "templates"
    if templates.exists():
        for old in templates.iterdir():
            old.unlink()
    templates.mkdir(exist_ok=True)
    for name, text in files.items():
        (templates / name).write_text(text, encoding="utf-8")
    return render_html(report, template_folders(templates), standalone=standalone)


def test_without_overrides_the_theme_renders_everything(small):
    root, report = small
    html = html_with(root, report, {})
    assert 'class="cover"' in html and 'class="cover-facts"' in html
    assert f'href="{(THEME / "scorecard.css").as_uri()}"' in html
    for ind in report.indicators():
        assert f'<article class="indicator" id="{ind.id}">' in html


def test_a_file_with_the_same_name_replaces_the_built_in_one(small):
    root, report = small
    html = html_with(root, report, {"cover.html": "<h1>OUR OWN COVER {{ report.period }}</h1>"})
    assert "<h1>OUR OWN COVER 2024-Q4</h1>" in html
    assert "cover-facts" not in html
    assert 'id="summary"' in html  # the rest is still the theme's


def test_an_override_can_extend_the_built_in_template_by_blocks(small):
    root, report = small
    cover = '{% extends "theme/cover.html" %}{% block notice %}<p>OUR NOTICE</p>{% endblock %}'
    html = html_with(root, report, {"cover.html": cover})
    assert "<p>OUR NOTICE</p>" in html
    assert 'class="cover-facts"' in html  # the built-in parts stay


def test_any_part_can_be_overridden(small):
    root, report = small
    html = html_with(root, report, {"indicator.html": "<p>IND {{ ind.id }}</p>"})
    assert [f"<p>IND {i.id}</p>" in html for i in report.indicators()] == [True] * 3
    assert "key-figures" not in html


def test_extra_css_comes_after_the_theme_and_a_css_override_replaces_it(small):
    root, report = small
    html = html_with(root, report, {"extra.css": ".x { color: red }"})
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert links == [(THEME / "scorecard.css").as_uri(), (root / "templates/extra.css").as_uri()]
    standalone = html_with(root, report, {"extra.css": ".x { color: red }"}, standalone=True)
    assert "<link" not in standalone
    assert standalone.index("@page") < standalone.index(".x { color: red }")
    html = html_with(root, report, {"scorecard.css": "body { margin: 0 }"})
    folders = template_folders(root / "templates")
    assert stylesheets(folders) == [root / "templates" / "scorecard.css"]
    assert (THEME / "scorecard.css").as_uri() not in html


def test_text_is_escaped_in_every_template(small):
    root, report = small
    hostile = report.__class__(
        **{**report.__dict__, "title": "<b>Bold</b>", "reading": "a < b & c"}
    )
    html = html_with(root, hostile, {})
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "a &lt; b &amp; c" in html


def test_the_sample_projects_cover_override_is_real():
    override = (REPO / "templates" / "cover.html").read_text(encoding="utf-8")
    assert '{% extends "theme/cover.html" %}' in override
    assert template_folders(REPO / "templates")[0] == REPO / "templates"
    readme = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+\.(?:html|css))` \|", readme, flags=re.M))
    assert listed - {"extra.css"} == {p.name for p in THEME.iterdir()}


@pytest.mark.slow
def test_an_override_reaches_the_pdf(tmp_path):
    """Rendered straight from a Report; the pipeline passing the project's templates to the
    PDF step is checked by the builds in test_build_cli and test_render_security."""
    cover = '{% extends "theme/cover.html" %}{% block notice %}<p>PDF NOTICE</p>{% endblock %}'
    (tmp_path / "cover.html").write_text(cover, encoding="utf-8")
    folders = template_folders(tmp_path)
    html = render_html(make_report("attacks"), folders)
    pdf = render_pdf(html, folders, dt.datetime(2024, 12, 31, tzinfo=dt.timezone.utc))
    assert "PDF NOTICE" in pdf_pages(pdf.content)[0]


def test_trend_charts_are_clean_reproducible_svg(small):
    _, report = small
    shown = report.indicators()
    first = [
        charts.trend_chart(i, report.events, "quarter", report.baseline_periods) for i in shown
    ]
    again = charts.trend_chart(report.indicators()[0], report.events, "quarter", ("2023-Q1",))
    assert first[0].startswith("<svg") and "style=" not in first[0]
    assert "<metadata>" not in first[0] and "<style" not in first[0]
    assert first[0] != again  # the baseline band moved
    assert first[0] == charts.trend_chart(
        report.indicators()[0], report.events, "quarter", report.baseline_periods
    )
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in first]
    for chart_ids, ind in zip(ids, shown, strict=True):
        assert all(i.startswith(f"chart-{ind.id}-") for i in chart_ids)
    for svg in first:  # lean: no marker <use>, no bare groups, no clip paths
        assert "<use" not in svg and "<g>" not in svg and "clip-path" not in svg
        assert len(re.findall(r"<[a-zA-Z]", svg)) < 70
    for svg in first:  # every reference points at an id of the same chart
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= set(re.findall(r' id="([^"]+)"', svg))
    assert "Ceasefire" in first[0]  # the policy event's label
    assert "Quarter" in first[0]  # the axis label


def test_sparklines_are_tiny_hand_made_svg(small):
    _, report = small
    spark = charts.sparkline(report.indicators()[0])
    assert spark.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 16"')
    assert spark.count("<polyline") == 1 and "<circle" in spark
    empty = report.indicators()[0].__class__(
        **{**report.indicators()[0].__dict__, "trend": report.indicators()[0].trend[-1:]}
    )
    assert charts.sparkline(empty) == ""


def overlaps(anchors, widths, placements) -> bool:
    spans = [(p.row, *p.span(a, w)) for a, w, p in zip(anchors, widths, placements, strict=True)]
    return any(
        r1 == r2 and a < d and c < b
        for i, (r1, a, b) in enumerate(spans)
        for r2, c, d in spans[i + 1 :]
    )


def crossings(anchors, widths, placements) -> int:
    """Connectors (from a label down to its anchor) that run through a lower label."""
    count = 0
    for upper, anchor in zip(placements, anchors, strict=True):
        for lower, a, w in zip(placements, anchors, widths, strict=True):
            x0, x1 = lower.span(a, w)
            count += lower.row < upper.row and x0 - 1 <= anchor <= x1 + 1
    return count


@pytest.mark.parametrize(
    ("anchors", "widths", "high", "rows"),
    [
        # Two close events: the later label goes below, so the earlier one's connector
        # runs beside it, not through it.
        ([10.0, 20.0], [50.0, 50.0], 300, 2),
        # Two close pairs, the last near the right edge (hung to the left of its line).
        ([95.0, 110.0, 165.0, 240.0], [70.0, 55.0, 75.0, 105.0], 275, 4),
        # Four labels that all overlap one another: four rows, still no crossing.
        ([60.0, 75.0, 140.0, 190.0], [70.0, 55.0, 65.0, 95.0], 200, 4),
    ],
)
def test_event_labels_never_overlap_and_connectors_avoid_lower_labels(anchors, widths, high, rows):
    placements = place_labels(anchors, widths, low=0, high=high)
    assert not overlaps(anchors, widths, placements)
    assert crossings(anchors, widths, placements) == 0
    assert 1 + max(p.row for p in placements) == rows
    for p, a, w in zip(placements, anchors, widths, strict=True):
        assert p.span(a, w)[0] >= 0 and p.span(a, w)[1] <= high


def test_event_labels_that_fit_stay_in_one_row():
    assert place_labels([10.0, 100.0], [50.0, 50.0], 0, 300) == [
        Placement(0, "left"),
        Placement(0, "left"),
    ]
    assert place_labels([], [], 0, 100) == []


def test_a_kept_trend_chart_is_the_chart_drawn(small, tmp_path, monkeypatch):
    from ctscore.render.chart_cache import cached_chart

    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    _, report = small
    args = (report.indicators()[0], report.events, "quarter", report.baseline_periods)
    drawn = charts.trend_chart(*args)
    assert cached_chart(charts.trend_chart, *args) == drawn  # drawn and kept
    assert len(list(tmp_path.glob("*.svg"))) == 1
    assert cached_chart(charts.trend_chart, *args) == drawn  # read back

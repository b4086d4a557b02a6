"""Template overrides format data and nothing else: the exploits of issue #10 are located
errors, links and paths out of the templates folder are refused, and a template's own
mistakes (syntax, unknown attributes) name the file and line with a hint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_report
from ctscore.errors import UserError
from ctscore.render.html import render_html
from ctscore.render.sandbox import check_templates
from ctscore.render.theme import THEME, template_folders
from test_build_project import make_project

UNSAFE = "a report template may format the report's data, not call Python; remove the expression"


@pytest.fixture(scope="module")
def report():
    return make_report()


@pytest.fixture
def templates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


def no_figures(report) -> dict[str, dict[str, str]]:
    return {ind.id: {"trend": "", "spark": ""} for ind in report.indicators()}


def errors(report, templates: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (templates / name).write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        render_html(report, template_folders(templates), figures=no_figures(report))
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
            "access to attribute '__init__' of 'type' object is unsafe",
        ),
        (
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "access to attribute '__class__' of 'str' object is unsafe",
        ),
        (
            "{{ report.indicators.__globals__ }}",
            "access to attribute '__globals__' of 'method' object is unsafe",
        ),
        ("{{ {}.update(a=1) }}", "access to attribute 'update' of 'dict' object is unsafe"),
    ],
)
def test_template_code_cannot_reach_python(report, templates, payload, message):
    (line,) = errors(report, templates, {"cover.html": f"<p>\n{payload}</p>"})
    assert line == f"templates/cover.html:2: {message}; {UNSAFE}"


RECURSION = (
    "the templates include or extend each other without end; to change a built-in template "
    "by blocks, extend it as 'theme/<name>'"
)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            "{{ 'x' * 1000000000 }}",
            f"repeating a value 1000000000 times makes it too long for a report; {UNSAFE}",
        ),
        (
            "{{ [1, 2] * 10000000 }}",
            f"repeating a value 10000000 times makes it too long for a report; {UNSAFE}",
        ),
        ("{{ 10 ** 100000000 }}", f"the exponent 100000000 is too large for a report; {UNSAFE}"),
        (
            "{% for i in range(10**8) %}{% endfor %}",
            f"Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000); {UNSAFE}",
        ),
        ('{% extends "cover.html" %}', RECURSION),
        ('{% include "scorecard.html" %}', RECURSION),
    ],
)
def test_templates_cannot_exhaust_the_machine(report, templates, payload, message):
    assert errors(report, templates, {"cover.html": f"<p>\n{payload}"}) == [
        f"templates/cover.html:2: {message}"
    ]


def test_small_arithmetic_still_works(report, templates):
    (templates / "cover.html").write_text("<p>{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }}</p>")
    html = render_html(report, template_folders(templates), figures=no_figures(report))
    assert "<p>ababab 1024 12</p>" in html


def test_a_link_to_a_file_outside_is_refused(report, templates):
    (templates / "passwd.html").symlink_to("/etc/passwd")
    assert errors(report, templates, {"cover.html": "{% include 'passwd.html' %}"}) == [
        "templates/passwd.html: is a symbolic link; a template must be a regular file inside "
        "the templates folder (copy the file there instead)"
    ]


def test_a_link_inside_the_folder_is_refused_too(report, templates):
    (templates / "real.html").write_text("<p>x</p>")
    (templates / "cover.html").symlink_to(templates / "real.html")
    assert errors(report, templates, {}) == [
        "templates/cover.html: is a symbolic link; a template must be a regular file inside "
        "the templates folder (copy the file there instead)"
    ]


def test_a_linked_folder_inside_the_templates_is_refused(report, templates, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("SECRET")
    (templates / "sub").symlink_to(outside)
    assert errors(report, templates, {"cover.html": "{% include 'sub/secret.html' %}"}) == [
        "templates/sub/secret.html: is a symbolic link; a template must be a regular file "
        "inside the templates folder (copy the file there instead)"
    ]


@pytest.mark.parametrize("name", ["../secret.html", "/etc/passwd", "theme/../../secret.html"])
def test_names_leading_out_of_the_folder_are_not_found(report, templates, tmp_path, name):
    (tmp_path / "secret.html").write_text("SECRET")
    assert errors(report, templates, {"cover.html": f"<p>\n{{% include '{name}' %}}"}) == [
        f"templates/cover.html:2: template '{name}' not found"
    ]


def test_a_linked_templates_folder_is_fine(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "cover.html").write_text("<h1>SHARED COVER</h1>")
    (tmp_path / "templates").symlink_to(shared)
    html = render_html(report, template_folders(tmp_path / "templates"), figures=no_figures(report))
    assert "<h1>SHARED COVER</h1>" in html


def test_a_syntax_error_is_located(report, templates):
    assert errors(report, templates, {"cover.html": "<p>\n\n{% if %}{% endif %}"}) == [
        "templates/cover.html:3: Expected an expression, got 'end of statement block'; see "
        "https://jinja.palletsprojects.com/en/stable/templates/ for the template language"
    ]


def test_an_unknown_attribute_is_located_with_a_suggestion(report, templates):
    cover = '{% extends "theme/cover.html" %}\n{% block notice %}\n{{ report.scorecard_idd }}'
    cover += "\n{% endblock %}"
    assert errors(report, templates, {"cover.html": cover}) == [
        "templates/cover.html:3: 'ctscore.evaluate.model.Report object' has no attribute "
        "'scorecard_idd' (did you mean 'scorecard_id'?); the built-in templates "
        "(ctscore/theme/) show the names a template can use"
    ]


def test_check_templates_finds_every_override_problem_without_data(templates):
    (templates / "cover.html").write_text("{% if %}")
    (templates / "summary.html").write_text("ok\n{{ x }")
    (templates / "toc.html").write_text("{{ report.anything }}")  # needs data: not checked
    (templates / "link.html").symlink_to("/etc/passwd")
    (templates / "notes.txt").write_text("{% if %}")  # not a template
    assert [str(d) for d in check_templates(templates, THEME)] == [
        "templates/cover.html:1: Expected an expression, got 'end of statement block'; see "
        "https://jinja.palletsprojects.com/en/stable/templates/ for the template language",
        "templates/link.html: is a symbolic link; a template must be a regular file inside "
        "the templates folder (copy the file there instead)",
        "templates/summary.html:2: unexpected '}'; see "
        "https://jinja.palletsprojects.com/en/stable/templates/ for the template language",
    ]


def test_the_theme_passes_its_own_checks():
    assert check_templates(THEME, THEME) == []
    assert os.path.isdir(THEME)


def validate(*args: str):
    from click.testing import CliRunner

    from ctscore.cli import main

    return CliRunner().invoke(main, ["validate", *args])


def test_validate_checks_the_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, files={"templates/cover.html": "<p>\n{% if %}"})
    result = validate()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "templates/cover.html:2: Expected an expression, got 'end of statement block'; see "
        "https://jinja.palletsprojects.com/en/stable/templates/ for the template language",
        "1 problem found.",
    ]


def test_validate_with_data_renders_the_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cover = '{% extends "theme/cover.html" %}\n{% block notice %}\n{{ report.scorecard_idd }}'
    make_project(tmp_path, files={"templates/cover.html": cover + "\n{% endblock %}"})
    assert validate().exit_code == 0  # the attribute is looked up only when rendering
    result = validate("--data")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "templates/cover.html:3: 'ctscore.evaluate.model.Report object' has no attribute "
        "'scorecard_idd' (did you mean 'scorecard_id'?); the built-in templates "
        "(ctscore/theme/) show the names a template can use"
    )


@pytest.mark.parametrize("title", [r"Cost $\frac{1}{$ talks", "Rs $5 to $10 aid", "$x^2$"])
def test_chart_labels_are_plain_text(report, title):
    import dataclasses
    import html

    from ctscore.render import charts

    events = tuple(dataclasses.replace(e, title=title) for e in report.events)
    svg = charts.trend_chart(report.indicators()[0], events, "quarter", ())
    assert html.escape(title, quote=False) in svg  # as written, not typeset as TeX

"""Shared fixtures and builders: tiny projects written from inline YAML, sources and
indicators for them, rows picked from result tables, and Reports built directly for the
render tests (no data, no pipeline)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
import yaml
from filelock import FileLock

from ctscore.api import Project, load_project
from ctscore.data import LoadedData, load_data
from ctscore.errors import UserError
from ctscore.evaluate.model import (
    Comparison,
    Event,
    IndicatorReport,
    InputFile,
    MethodNote,
    Point,
    Report,
    Section,
    Share,
    Status,
)
from ctscore.spec.loader import load_project_spec

CONFIG = "name: Test project\n"
# The hint a rule's error ends with, written out here (not imported) so a change shows.
DROP = (
    "; or set 'on_error: drop' on the source to leave such rows out (they are then counted "
    "nowhere, and each build warns how many were dropped)"
)
EVENTS_CSV = "id,date,province,killed\n1,2024-01-05,Punjab,2\n2,2024-02-10,Sindh,0\n"


# --- Builders: a source, indicators, rows of a result table, a Report ------------------


def source(
    id: str = "events",
    *,
    columns: dict[str, str],
    title: str | None = None,
    file: str | None = None,
    date: str | None = "date",
    coverage: tuple[str, str] | None = None,
    **fields: str,
) -> str:
    """One entry of a ``sources:`` list, as the YAML a user writes. ``columns`` maps a
    column to its declaration inside the braces: ``{"id": "integer, unique: true"}`` gives
    ``id: {type: integer, unique: true}``. ``fields`` are further keys, written as given."""
    lines = [f"  - id: {id}", f"    title: {title or id.replace('_', ' ').capitalize()}"]
    lines.append(f"    file: {file or id + '.csv'}")
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    if coverage:
        lines += [f"    coverage_start: {coverage[0]}", f"    coverage_end: {coverage[1]}"]
    if date:
        lines.append(f"    date: {{column: {date}}}")
    lines.append("    columns:")
    lines += [f"      {name}: {{type: {declared}}}" for name, declared in columns.items()]
    return "\n".join(lines) + "\n"


def sources(*entries: str) -> str:
    """A ``sources:`` list of ``source()`` entries."""
    return "sources:\n" + "".join(entries)


def indicator(id: str, measure: dict, **fields) -> dict:
    """An indicator with placeholder texts: what a computation test does not look at."""
    return {
        "id": id,
        "title": id,
        "description": f"{id}.",
        "unit": "units",
        "direction": "lower_is_better",
        "measure": measure,
        **fields,
    }


def indicators(*declared: dict) -> str:
    """An ``indicators:`` file of ``indicator()`` entries, as YAML text."""
    return yaml.safe_dump({"indicators": list(declared)}, sort_keys=False)


def pick(results, indicator: str, column="value", dimension="total", value="All") -> list:
    """One indicator's ``column`` over the periods, for one breakdown value (the total by
    default), from a table ``Project.compute`` returned."""
    chosen = results[
        (results["indicator"] == indicator)
        & (results["dimension"] == dimension)
        & (results["dimension_value"] == value)
    ]
    return chosen[column].tolist()


def by_value(results, indicator: str, dimension: str, column="value") -> dict:
    """One indicator's ``column`` by breakdown value (one period in ``results``)."""
    chosen = results[(results["indicator"] == indicator) & (results["dimension"] == dimension)]
    return dict(zip(chosen["dimension_value"], chosen[column], strict=True))


def check(results, indicator, expected, column="value", dimension="total", value="All", atol=1e-12):
    """``pick`` equals ``expected`` to 1e-12 relative (and ``atol``), missing where missing."""
    actual = pick(results, indicator, column, dimension, value)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=atol, equal_nan=True)


# The one events source of the tiny projects (``write_project``), over EVENTS_CSV.
EVENT_COLUMNS = {
    "id": "integer, unique: true",
    "date": "date",
    "province": "category",
    "killed": "integer, min: 0",
}
SOURCES = sources(source(columns=EVENT_COLUMNS))


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write a project: ctscore.yaml, one source with a CSV, plus the given files."""
    contents = {
        "ctscore.yaml": CONFIG,
        "data/sources.yaml": SOURCES,
        "events.csv": EVENTS_CSV,
        **files,
    }
    for name, text in contents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "indicators").mkdir(exist_ok=True)
    return root


def loaded_project(tmp_path_factory, name: str, files: dict[str, str]) -> Project:
    """A tiny project (``write_project``) in a new temporary folder, loaded: for the
    module-scoped fixtures that compute on one."""
    return load_project(write_project(tmp_path_factory.mktemp(name), files))


def pdf_pages(pdf: Path | bytes) -> list[str]:
    """The text of each page of a PDF, lines ending in \\n. Read with PDFium (pypdfium2),
    which is about 25 times faster than pypdf's text extraction. PDFium writes a hyphen it
    takes for a line-break one as U+FFFE; it is a hyphen of the text (Mann-Kendall)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-")
            for page in document
        ]
    finally:
        document.close()


@pytest.fixture(scope="session", autouse=True)
def _chart_cache_of_this_run(tmp_path_factory):
    """Charts are cached by content under the user's cache folder; the tests keep theirs in
    a folder of their own, so a cache left by earlier runs (or by the user's builds) can
    neither hide a rendering bug nor be written to."""
    os.environ["CTSCORE_CACHE_DIR"] = str(tmp_path_factory.mktemp("chart-cache"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Write a project and run from its folder, so messages show relative paths."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str] | None = None) -> Path:
        return write_project(tmp_path, files or {})

    return make


def built_once(tmp_path_factory, name: str, produce: Callable[[Path], object]):
    """``produce(folder)`` run once per test run, by whichever xdist worker asks first; the
    other workers wait for it and read the same folder. For slow outputs that tests only
    read (a PDF build); ``produce`` returns what the tests need besides the files, as JSON.
    Returns ``(folder, that result)``."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    folder, done = shared / f"once-{name}", shared / f"once-{name}.json"
    with FileLock(shared / f"once-{name}.lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            done.write_text(json.dumps(produce(folder)), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


def spec_errors(root: Path) -> list[str]:
    """The diagnostics loading the project gives, as printed."""
    try:
        load_project_spec(root)
    except UserError as error:
        return [str(d) for d in error.diagnostics]
    return []


def load_project_data(root: Path) -> LoadedData:
    """Load a project's specs, then its data."""
    return load_data(load_project_spec(root))


def data_errors(root: Path) -> list[str]:
    """The diagnostics loading the project's data gives, as printed (it must fail)."""
    with pytest.raises(UserError) as info:
        load_project_data(root)
    return [str(d) for d in info.value.diagnostics]


QUARTERS = tuple(f"{year}-Q{q}" for year in (2023, 2024) for q in (1, 2, 3, 4))


def quarter_point(period: str, value: float | None) -> Point:
    """A trend point of a quarter label such as ``2024-Q4``, with a rough interval."""
    year, q = int(period[:4]), int(period[-1])
    last = calendar.monthrange(year, 3 * q)[1]
    start, end = dt.date(year, 3 * q - 2, 1), dt.date(year, 3 * q, last)
    low, high = (None, None) if value is None else (value * 0.6, value * 1.5)
    return Point(period, start.isoformat(), end.isoformat(), value, low, high)


def make_indicator(id: str = "attacks", **fields) -> IndicatorReport:
    """A judged quarterly count with eight quarters of trend, three comparisons and a
    province breakdown, built directly (no data, no pipeline); ``fields`` replace any part."""
    values = (20.0, 18.0, 19.0, 19.0, 17.0, 21.0, 18.0, 16.0)
    title = id.replace("_", " ").capitalize()
    comparisons = tuple(
        Comparison(f"{label} ({period})", label, text, change, True, False, test)
        for label, period, text, change, test in (
            ("previous quarter", "2024-Q3", "18", "-11.1%", "95% CI -58% to +85%, p = 0.86"),
            ("a year earlier", "2023-Q4", "19", "-15.8%", "95% CI -59% to +73%, p = 0.74"),
            ("baseline", "2023-Q1 to 2023-Q2", "19", "-15.8%", "95% CI -56% to +55%, p = 0.67"),
        )
    )
    breakdown = (
        Share("Alpha", 9.0, "9", 9, False, 1.0),
        Share("Beta", 7.0, "7", 7, False, 7 / 9),
        Share("Gamma", 0.0, "0", 0, True, 0.0),
    )
    defaults = dict(
        id=id,
        title=title,
        description=f"Number of {title.lower()}.",
        rationale="Fewer attacks, fewer victims.",
        unit="attacks",
        direction="lower is better",
        value=values[-1],
        value_text="16",
        rows=16,
        comparisons=comparisons,
        target_text="17 (10% below baseline 19)",
        target_value=17.1,
        baseline_value=19.0,
        status=Status("green", "on track", "green: 16 ≤ target 17 (10% below baseline 19)"),
        trend_arrow="→",
        trend_phrase="no clear trend (Mann-Kendall p = 0.45, 8 quarters)",
        trend=tuple(quarter_point(p, v) for p, v in zip(QUARTERS, values, strict=True)),
        breakdown_label="province",
        breakdown=breakdown,
        breakdown_counts=True,
        small_count=5,
        flags=(),
        note="",
        percent=False,
    )
    return IndicatorReport(**{**defaults, **fields})


def make_report(*indicator_ids: str, **fields) -> Report:
    """A frozen quarterly Report for render tests, built with the model's constructors:
    one section per two indicators (``attacks`` and ``killed`` when none are named), a
    policy event, a baseline; ``fields`` replace any part of the Report."""
    ids = indicator_ids or ("attacks", "killed")
    shown = [make_indicator(i) for i in ids]
    sections = tuple(
        Section(f"Section {n + 1}", "What the section covers.", tuple(shown[n * 2 : n * 2 + 2]))
        for n in range((len(shown) + 1) // 2)
    )
    defaults = dict(
        project="Test project",
        organisation="Test organisation",
        scorecard_id="quarterly",
        title="Test scorecard",
        subtitle="Quarterly test",
        audience="The test suite",
        scope="",
        period="2024-Q4",
        period_range="1 October 2024 to 31 December 2024",
        period_noun="quarter",
        issued="2024-12-31T00:00:00+00:00",
        reading="2024-Q4: Attacks stood at 16, within normal variation of the previous quarter.",
        synthetic=False,
        sections=sections,
        events=(Event("2023-07-20", "Ceasefire", "The parties agree a ceasefire."),),
        methodology=tuple(
            MethodNote(i.id, i.title, "number of rows", "Events", "all rows", i.unit, 5)
            for i in shown
        ),
        codebooks=(),
        quality=(),
        partial_periods=(),
        precision=(),
        inputs=(InputFile("events.csv", "0" * 64, 214, ""),),
        version="0.1.0",
        command="ctscore build --scorecard quarterly --period 2024-Q4",
        baseline_text="average of 2023-Q1 to 2023-Q2, the 2 quarters before “Ceasefire”",
        baseline_periods=("2023-Q1", "2023-Q2"),
        comparison_labels=("previous quarter", "a year earlier", "baseline"),
        issued_basis="the last day of the period reported",
    )
    return Report(**{**defaults, **fields})

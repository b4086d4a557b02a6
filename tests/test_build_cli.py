"""`ctscore build` on the small test project: choosing scorecards and periods, exit codes
and messages, atomic writes, SOURCE_DATE_EPOCH, a missing Pango, warnings, progress."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from conftest import pdf_pages
from ctscore.cli import main
from ctscore.cli_tables import progress_reporter
from ctscore.pipeline import BuildRequest, build
from ctscore.render import parallel
from ctscore.write import write_atomic
from test_build_project import make_project


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return make_project(tmp_path)


def run(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def test_html_builds_print_the_paths_only(root):
    result = run("--quiet", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(root / "reports" / name)
        for name in ("quarterly-2024-Q4.html", "alpha_quarterly-2024-Q4.html", "annual-2024.html")
    ]
    assert result.stderr == ""  # not a terminal: no progress bar


def test_a_period_alone_builds_the_scorecards_of_its_kind(root):
    result = run("--period", "2024-Q2", "--format", "html", "-o", "out")
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in result.stdout.split()] == [
        "quarterly-2024-Q2.html",
        "alpha_quarterly-2024-Q2.html",
    ]
    result = run("--period", "2023", "--format", "html", "-o", "out")
    assert [Path(p).name for p in result.stdout.split()] == ["annual-2023.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scorecard", "quarterly", "--period", "2030-Q1"],
            "ctscore build --period: scorecard 'quarterly': period 2030-Q1 is outside the "
            "data, which covers 2022-Q1 to 2024-Q4",
        ),
        (
            ["--scorecard", "annual", "--period", "2024-Q1"],
            "ctscore build --period: scorecard 'annual': '2024-Q1' is not a year label; "
            "write it like '2024'",
        ),
        (
            ["--period", "Q1-2024"],
            "ctscore build --period: 'Q1-2024' names no period of this project's scorecards "
            "(quarter, year); write it like 2024-Q1, 2024-03, 2024 or FY2024",
        ),
        (
            ["--scorecard", "quartely"],
            "ctscore build: unknown scorecard 'quartely' (did you mean 'quarterly'?); the "
            "project has: quarterly, alpha_quarterly, annual",
        ),
    ],
)
def test_user_errors_exit_2_with_one_clear_line(root, args, message):
    result = run(*args, "--format", "html")
    assert result.exit_code == 2
    assert result.stderr == f"{message}\n1 problem found.\n"
    assert not (root / "reports").exists()


def test_an_unknown_format_is_refused(root):
    result = run("--format", "pdf,docx")
    assert result.exit_code == 2
    assert result.stderr == (
        "ctscore build --format: unknown format 'docx'; use pdf, html or both\n1 problem found.\n"
    )


def test_a_missing_pango_is_a_user_error_naming_the_packages(root, monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = run("--quiet")
    assert result.exit_code == 2
    assert result.stderr.startswith("weasyprint: cannot load the system libraries PDF output")
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.stderr
    assert not (root / "reports").exists()
    # HTML needs no WeasyPrint.
    assert run("--quiet", "--format", "html").exit_code == 0


def test_a_failed_build_leaves_the_previous_reports_untouched(root, monkeypatch):
    assert run("--quiet", "--format", "html").exit_code == 0
    reports = root / "reports"
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    real = parallel.render_html
    calls = []

    def fail_on_the_second_scorecard(report, *args, **kwargs):
        calls.append(report.scorecard_id)
        if report.scorecard_id == "alpha_quarterly":
            raise RuntimeError("disk on fire")
        return real(report, *args, **kwargs)

    monkeypatch.setattr(parallel, "render_html", fail_on_the_second_scorecard)
    (root / "events.csv").write_text(
        (root / "events.csv").read_text().replace(",armed,0", ",armed,3"), encoding="utf-8"
    )
    for jobs in ("1", "3"):  # rendered one after the other, and in worker processes
        result = run("--quiet", "--format", "html", "--jobs", jobs)
        assert result.exit_code == 3  # an internal error
        assert "internal error: RuntimeError('disk on fire')" in result.stderr
        # The first scorecard rendered fine, but nothing is written unless everything is.
        assert {p.name: p.read_bytes() for p in reports.iterdir()} == before
    assert calls == ["quarterly", "alpha_quarterly"]  # the serial build (workers' are theirs)


def test_write_atomic_replaces_whole_files_or_nothing(tmp_path, monkeypatch):
    target = tmp_path / "out" / "report.pdf"
    assert write_atomic(target, b"first") == target
    assert target.read_bytes() == b"first"
    assert oct(target.stat().st_mode & 0o777) == "0o644"

    def broken_rename(source, destination):
        raise OSError("rename failed")

    monkeypatch.setattr(os, "replace", broken_rename)
    with pytest.raises(OSError, match="rename failed"):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]  # no temporary left


def pdf_date(path: Path) -> str:
    return pypdf.PdfReader(path).metadata["/CreationDate"]


# One PDF of the small project, built once for the module: the plain side of the
# SOURCE_DATE_EPOCH test and one checkout of the two-folder test. The extra CSS makes the
# template folder matter, so a path that leaked into the PDF would show.
OVERRIDE = {"templates/extra.css": "h1 { letter-spacing: 0.2pt; }\n"}


@pytest.fixture(scope="module")
def checkout_a(tmp_path_factory) -> tuple[Path, bytes]:
    """The project in one folder and its alpha_quarterly PDF (the smallest), built without
    SOURCE_DATE_EPOCH."""
    root = make_project(tmp_path_factory.mktemp("checkout-a"), files=OVERRIDE)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        [pdf] = build(BuildRequest(root, ("alpha_quarterly",), formats=("pdf",)))
    return root, pdf.read_bytes()


@pytest.mark.slow
def test_source_date_epoch_sets_the_document_date_reproducibly(checkout_a, monkeypatch):
    root, plain_bytes = checkout_a
    plain = root / "reports" / "alpha_quarterly-2024-Q4.pdf"
    assert plain.read_bytes() == plain_bytes
    assert pdf_date(plain) == "D:20241231000000+00'00"
    request = BuildRequest(root, ("alpha_quarterly",), None, ("pdf",), root / "dated")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (dated,) = build(request)
    assert pdf_date(dated) == "D:20231114221320+00'00"
    dated_bytes = dated.read_bytes()
    assert dated_bytes != plain_bytes
    (again,) = build(request)
    assert again.read_bytes() == dated_bytes
    text = pdf_pages(again)[0]
    assert "14 November 2023" in text


def test_a_bad_source_date_epoch_is_a_user_error(root, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("--scorecard", "quarterly", "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970-01-01, not 'yesterday'"
    )


def test_refused_urls_are_warned_about_and_the_build_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(
        tmp_path, files={"templates/extra.css": '@import url("http://127.0.0.1:9/x.css");\n'}
    )
    result = run("--scorecard", "alpha_quarterly", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: alpha_quarterly-2024-Q4.pdf: refused to load http://127.0.0.1:9/x.css "
        "(a report may only read files from the templates folders)\n"
    )
    assert result.stdout.strip().endswith("alpha_quarterly-2024-Q4.pdf")


def test_the_pipeline_reports_progress_per_scorecard(root):
    steps = []
    build(
        BuildRequest(root, (), None, ("html",), root / "out"),
        progress=lambda *step: steps.append(step),
    )
    assert steps == [  # each scorecard evaluated, then each rendered, then the writing
        ("quarterly", 0, 3),
        ("alpha_quarterly", 0, 3),
        ("annual", 0, 3),
        ("quarterly done", 1, 3),
        ("alpha_quarterly done", 2, 3),
        ("writing", 3, 3),
    ]


def test_the_progress_bar_only_on_a_terminal_and_not_when_quiet(monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with progress_reporter(quiet=False) as progress:
        progress("quarterly", 0, 1)
    with progress_reporter(quiet=True) as progress:
        progress("quarterly", 0, 1)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with progress_reporter(quiet=False) as progress:
        progress("quarterly", 0, 2)
        progress("annual", 1, 2)
        progress("writing", 2, 2)
    with progress_reporter(quiet=True) as progress:
        progress("quarterly", 0, 1)


@pytest.mark.slow
def test_the_same_project_in_two_folders_builds_the_same_bytes(checkout_a, tmp_path, monkeypatch):
    """Where a project is checked out must not change its PDF (CI compares builds)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_project(tmp_path / "somewhere/else/checkout-b", files=OVERRIDE)
    [pdf] = build(BuildRequest(root, ("alpha_quarterly",), formats=("pdf",)))
    assert pdf.read_bytes() == checkout_a[1]


def test_the_bar_counts_the_pdfs_as_they_are_rendered(root, monkeypatch):
    """Rendering the PDFs is the slow step: the bar moves as each scorecard is rendered, in
    the scorecards' order, whether in worker processes or not (WeasyPrint itself stubbed)."""
    from ctscore.render import pdf
    from ctscore.render.pdf import RenderedPdf

    monkeypatch.setattr(pdf, "render_pdf", lambda *args: RenderedPdf(b"%PDF-", ()))
    for jobs in (1, 2):
        steps = []
        written = build(
            BuildRequest(root, ("quarterly", "annual"), None, ("pdf",), root / "out", jobs=jobs),
            progress=lambda *step, steps=steps: steps.append(step),
        )
        assert [p.read_bytes() for p in written] == [b"%PDF-", b"%PDF-"]
        assert steps == [
            ("quarterly", 0, 2),
            ("annual", 0, 2),
            ("quarterly done", 1, 2),
            ("writing", 2, 2),
        ]

"""The bundled sample project, built once as ``make report`` does: the PDFs' text holds the
values the engine computes, the statuses and their rules, the provenance hashes; the page
layout holds together (contents, running header, no empty page); a rebuild is
byte-identical."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from conftest import built_once, pdf_pages
from ctscore.api import load_project
from ctscore.cli import main
from ctscore.evaluate.formatting import value_text
from ctscore.evaluate.status import INSUFFICIENT, JUDGED
from ctscore.pipeline import BuildRequest, build, evaluate_card

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # builds every sample scorecard (a PDF each)
# Every status label a row can show, longest first so "no target" is not read as part of another.
LABELS = "|".join(
    re.escape(label)
    for label in sorted([*JUDGED.values(), "no target", INSUFFICIENT], key=len, reverse=True)
)
CARDS = {"national_quarterly": "quarter", "kp_quarterly": "quarter", "national_annual": "year"}


# The text of each page of each PDF, extracted once for the run with the build (pypdf is
# not fast): filled by ``built``.
PAGES: dict[Path, tuple[str, ...]] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every scorecard of the sample project, PDF and HTML, built by the CLI once for the
    whole run (the xdist workers share it)."""

    def build_sample(out: Path) -> dict:
        result = CliRunner().invoke(
            main, ["build", str(REPO), "--quiet", "--format", "pdf,html", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert result.stderr == ""  # no warning: nothing refused, no CSS problem
        paths = result.stdout.splitlines()
        pdfs = [p for p in paths if p.endswith(".pdf")]
        texts = {p: pdf_pages(Path(p)) for p in pdfs}
        return {"paths": paths, "pages": texts}

    _, sample = built_once(tmp_path_factory, "sample-reports", build_sample)
    PAGES.update({Path(p): tuple(texts) for p, texts in sample["pages"].items()})
    return {p.name.split("-")[0] + p.suffix: p for p in map(Path, sample["paths"])}


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


def pages(path: Path) -> tuple[str, ...]:
    """The text of each page of a PDF ``built`` made."""
    return PAGES[path]


def loose(text: str) -> str:
    """A regex matching ``text`` however the PDF wraps its words (also at hyphens, as in
    Mann-Kendall)."""
    return r"\s+".join(re.escape(word).replace(r"\-", r"\-\s*") for word in text.split())


def test_make_report_builds_every_scorecard(built):
    assert sorted(built) == sorted(
        f"{card}{suffix}" for card in CARDS for suffix in (".pdf", ".html")
    )
    assert all(p.stat().st_size > 20_000 for p in built.values())


def expected_values(project, card_id: str) -> tuple[str, dict[str, str]]:
    """The reported period and every indicator's value, straight from the engine."""
    card = project.spec.scorecards[card_id]
    ids = [e.indicator for e in card.entries()]
    results = project.compute(ids, CARDS[card_id], ["province"] if card.region else None)
    if card.region:
        rows = results[
            (results["dimension"] == card.region.dimension)
            & (results["dimension_value"] == card.region.value)
        ]
    else:
        rows = results[results["dimension"] == "total"]
    complete = rows.groupby("period", sort=False)["partial"].any()
    period = complete[~complete].index[-1]
    values = rows[rows["period"] == period].set_index("indicator")["value"]
    return period, {i: value_text(project.spec.indicators[i], values[i]) for i in ids}


@pytest.mark.parametrize("card_id", list(CARDS))
def test_the_summary_shows_the_values_the_engine_computed(built, project, card_id):
    period, values = expected_values(project, card_id)
    assert built[f"{card_id}.pdf"].name == f"{card_id}-{period}.pdf"
    first = pages(built[f"{card_id}.pdf"])[0]
    for indicator_id, value in values.items():
        title = project.spec.indicators[indicator_id].title
        assert re.search(loose(title) + r"\s+" + re.escape(value) + r"\s", first), (title, value)


@pytest.fixture(scope="module")
def national(project):
    spec = project.spec
    return evaluate_card(spec, project.data, spec.scorecards["national_quarterly"])[0]


def test_statuses_and_their_rules_are_printed(built, national):
    first = pages(built["national_quarterly.pdf"])[0]
    judged = [i for i in national.indicators() if i.status.code != "none"]
    assert judged, "the sample scorecard sets targets"
    for ind in national.indicators():
        # the row's status is the first label after its value (PDFium may wrap the row)
        row = re.search(
            loose(ind.title) + r"\s+" + re.escape(ind.value_text) + rf"(?s:.*?)({LABELS})", first
        )
        assert row and row.group(1) == ind.status.label, ind.title
    for ind in judged:
        assert re.search(loose(ind.status.rule), first), ind.status.rule
    text = "\n".join(pages(built["national_quarterly.pdf"]))
    for ind in national.indicators():
        assert re.search(r"Status:\s+" + loose(ind.status.rule), text), ind.title
        assert re.search(loose(ind.trend_phrase), text)


def test_the_reading_of_the_quarter_is_on_page_one(built, national):
    first = pages(built["national_quarterly.pdf"])[0]
    assert re.search(loose(national.reading), first)
    assert national.reading.startswith(f"{national.period}: Terrorist attacks ")


def test_provenance_lists_every_input_with_its_hash(built, project):
    text = "\n".join(pages(built["national_quarterly.pdf"])[-2:])
    flat = re.sub(r"\s+", "", text)
    for table in project.data.tables.values():
        digest = hashlib.sha256(table.path.read_bytes()).hexdigest()
        assert digest in flat, table.path.name
        assert table.path.relative_to(REPO).as_posix() in text
    assert re.search(loose("ctscore build --scorecard national_quarterly --period 2024-Q4"), text)
    assert "ctscore 0.1.0" in text or re.search(r"ctscore \d+\.\d+", text)


def test_the_cover_override_of_the_project_is_used(built):
    for card in CARDS:
        first = pages(built[f"{card}.pdf"])[0]
        assert re.search(loose("Handling: UNCLASSIFIED – sample report"), first)
        assert re.search(loose(f"Scorecard {card}"), first)


def test_contents_point_at_the_right_pages(built, national):
    text = pages(built["national_quarterly.pdf"])
    contents = next(page for page in text if re.search(r"^Contents$", page, flags=re.M))
    entries = re.findall(r"^(.+?) ?\.{3,} ?(\d+)$", contents, flags=re.M)
    titles = [i.title for i in national.indicators()]
    wanted = {*titles, "Appendix A – Methodology", "Appendix C – Provenance"}
    found = {title.strip(): int(page) for title, page in entries}
    assert wanted <= set(found), wanted - set(found)
    for title in wanted:
        assert re.search(loose(title), text[found[title] - 1]), (title, found[title])


def test_no_page_is_empty_and_every_page_has_header_and_number(built):
    for card in CARDS:
        text = pages(built[f"{card}.pdf"])
        title = pypdf.PdfReader(built[f"{card}.pdf"]).metadata.title.split(" – ")[0]
        for number, page in enumerate(text, start=1):
            assert f"Page {number} of {len(text)}" in page
            body = page.replace(f"Page {number} of {len(text)}", "").replace(title, "")
            assert len(body.split()) > 60, f"{card} page {number} is (nearly) empty"
            if number > 1:
                assert re.search(loose(title), page)  # the running header


def test_two_indicators_share_a_page_when_they_fit(built, national):
    text = pages(built["national_quarterly.pdf"])
    per_page = [len(re.findall(r"^Status:", page, flags=re.M)) for page in text]
    count = len(national.indicators())
    assert sum(per_page) == count
    assert max(per_page) == 2
    assert sum(n > 0 for n in per_page) <= (count + 1) // 2 + 1, per_page


def test_document_dates_come_from_the_reported_period(built):
    meta = pypdf.PdfReader(built["national_quarterly.pdf"]).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20241231000000+00'00"
    assert meta.title == "Counterterrorism scorecard - Pakistan – 2024-Q4"
    annual = pypdf.PdfReader(built["national_annual.pdf"]).metadata
    assert annual["/CreationDate"].startswith("D:20241231")


def test_the_region_scorecard_covers_its_province_only(built):
    first = pages(built["kp_quarterly.pdf"])[0]
    assert re.search(loose("COVERS Khyber Pakhtunkhwa (province)"), first)
    text = "\n".join(pages(built["kp_quarterly.pdf"]))
    assert "By district" in text and "By province" not in text


def test_the_html_is_the_same_report(built, national):
    html = built["national_quarterly.html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "<link" not in html  # the CSS is inlined
    for ind in national.indicators():
        assert f'id="{ind.id}"' in html
        assert ind.status.rule in html.replace("&gt;", ">").replace("&lt;", "<")
    assert html.count("<svg") >= 2 * len(national.indicators())
    # Self-contained: every link or source is an anchor inside the page, so the file opens
    # anywhere, offline, and fetches nothing.
    targets = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert targets and all(target.startswith("#") for target in targets), targets


def test_a_rebuild_is_byte_identical(built, tmp_path):
    """Into another folder, without --quiet, one scorecard alone: the same bytes. The report
    records its inputs, not the command line that happened to build it."""
    request = BuildRequest(REPO, ("national_quarterly",), None, ("pdf", "html"), tmp_path)
    again = {p.suffix: p.read_bytes() for p in build(request)}
    assert again[".pdf"] == built["national_quarterly.pdf"].read_bytes()
    assert again[".html"] == built["national_quarterly.html"].read_bytes()


def test_contents_share_their_page_with_the_first_section(built, national):
    """The contents never stand alone on a mostly blank page."""
    text = pages(built["national_quarterly.pdf"])
    contents_page = next(i for i, page in enumerate(text) if re.search(r"^Contents$", page, re.M))
    first = national.sections[0]
    assert contents_page == 1  # page 2: page 1 is the masthead and the summary
    assert re.search(loose(first.indicators[0].title), text[contents_page].split("Appendix C")[-1])


def test_the_pdf_declares_pdf_a_3b_with_an_output_intent(built):
    """What is checked: the XMP identification (part 3, conformance B), the sRGB output
    intent, the metadata dates. Not checked (veraPDF is not available here): full ISO 19005-3
    conformance of fonts, colour spaces and every object."""
    reader = pypdf.PdfReader(built["national_quarterly.pdf"])
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "<xmp:CreateDate>2024-12-31T00:00:00+00:00</xmp:CreateDate>" in xmp
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert intent.get_object()["/DestOutputProfile"].get_object()["/N"] == 3  # RGB


def test_the_pdf_carries_its_results_and_spec_files(built, national):
    reader = pypdf.PdfReader(built["national_quarterly.pdf"])
    attached = {name: contents[0] for name, contents in reader.attachments.items()}
    specs = [p for folder in ("indicators", "data") for p in (REPO / folder).glob("*.yaml")]
    for path in [REPO / "ctscore.yaml", *specs]:
        assert attached[path.relative_to(REPO).as_posix()] == path.read_bytes()
    rows = list(
        csv.DictReader(io.StringIO(attached["national_quarterly-2024-Q4-results.csv"].decode()))
    )
    attacks = next(i for i in national.indicators() if i.id == "attacks")
    assert rows[0] == {
        "indicator": "attacks",
        "period": attacks.trend[0].period,
        "breakdown": "",
        "value": repr(attacks.trend[0].value),
        "unit": "attacks",
    }
    shown = {
        (r["period"], r["breakdown"]): float(r["value"])
        for r in rows
        if r["indicator"] == "attacks"
    }
    assert shown[("2024-Q4", "")] == attacks.value
    for share in attacks.breakdown:
        assert shown[("2024-Q4", share.name)] == share.value
    # Each embedded file is associated with the document (/AF), as PDF/A-3 requires.
    catalog = reader.trailer["/Root"]
    filespecs = [ref.get_object() for ref in catalog["/AF"]]
    relationships = {f["/F"]: f["/AFRelationship"] for f in filespecs if "/F" in f}
    assert relationships["national_quarterly-2024-Q4-results.csv"] == "/Data"
    assert relationships["ctscore.yaml"] == "/Source"


def test_policy_effects_show_each_estimate_as_a_rate_ratio_with_its_interval(built, national):
    """The national scorecard's Policy effects section: each evaluation's sentence, and each
    estimate as '×ratio (+change%; 95% CI low to high)' from the fitted model, never the
    estimate object itself."""
    assert [e.id for e in national.effects] == ["ceasefire_effect", "ceasefire_end_effect"]
    text = "\n".join(pages(built["national_quarterly.pdf"]))
    assert re.search(loose("Policy effects"), text)
    assert "Estimate(" not in text
    for effect in national.effects:
        assert re.search(loose(effect.sentence), text), effect.sentence
        for what, ratio, p_value in effect.estimates:
            assert re.fullmatch(
                r"×\d+\.\d{3} \([+-]\d+\.\d%; 95% CI [+-]\d+\.\d% to [+-]\d+\.\d%\)", ratio
            )
            assert re.search(loose(f"{what} {ratio} {p_value}"), text), what

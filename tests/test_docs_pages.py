"""Every page of docs/ does what it shows: its YAML is valid, its commands and Python run and
print what the page says, and the site builds with --strict (no broken link, no page left
out of the nav). The tutorial has its own test (test_docs_tutorial.py): it builds a PDF."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from docs_snippets import REPO, Page, blocks, sample_workspace, validate_yaml

DOCS = REPO / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if p.name != "tutorial.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_runs_as_shown(page: Path, tmp_path):
    reader = Page(sample_workspace(tmp_path))
    for block in blocks(page):
        reader.run(block)


def test_every_yaml_block_of_the_readme_is_valid():
    found = [b for b in blocks(REPO / "README.md") if b.language == "yaml"]
    assert len(found) >= 10
    for block in found:
        validate_yaml(block)


def test_a_broken_snippet_fails(tmp_path):
    """The checks can fail: an unknown field, a wrong output and a failing command."""
    page = tmp_path / "broken.md"
    page.write_text(
        "```yaml\nindicators:\n  - id: a\n    titel: A\n```\n\n"
        "<!-- model: Target -->\n```yaml\nvalue: 1\nchange_from_baseline: 2\n```\n\n"
        "```console\n$ ctscore list sources\nnot what it prints\n```\n\n"
        "```python\n>>> 1 + 1\n3\n```\n",
        encoding="utf-8",
    )
    reader = Page(sample_workspace(tmp_path / "project"))
    failures = 0
    for block in blocks(page):
        try:
            reader.run(block)
        except AssertionError:
            failures += 1
    assert failures == 4


@pytest.mark.slow
def test_the_site_builds_with_strict(tmp_path):
    """`mkdocs build --strict` (offline: no fonts, no plugins that fetch)."""
    # Not --quiet: it hides the warnings --strict counts, and the build then passes.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tutorial" / "index.html").exists()
    assert (tmp_path / "how-to" / "ucdp-ged" / "index.html").exists()


def test_the_ci_page_shows_the_workflow_init_writes():
    [shown] = [b for b in blocks(DOCS / "how-to" / "ci.md") if b.language == "yaml"]
    assert shown.text == (DOCS / "github-actions.yml").read_text(encoding="utf-8")


def test_the_data_quality_page_explains_every_rule_code():
    import ctscore.findings

    codes = re.findall(r"^``(\w+)``\s+(warning|note)", ctscore.findings.__doc__ or "", re.M)
    page = (DOCS / "explanations" / "data-quality.md").read_text(encoding="utf-8")
    assert len(codes) >= 10
    for code, severity in codes:
        assert f"| `{code}` | {severity} |" in page


@pytest.mark.parametrize("name", ["ucdp-ged.md", "gtd-acled.md"])
def test_the_dataset_pages_specs_fit_the_adapters_columns(name, tmp_path):
    """Without the licensed downloads: each source's file is an empty stand-in, enough for
    `ctscore validate` to check every filter, measure and dimension against the columns the
    adapter knows (a misspelt column is an error)."""
    project = sample_workspace(tmp_path)
    written = [b for b in blocks(DOCS / "how-to" / name) if b.title and b.language == "yaml"]
    assert written
    for block in written:
        (project / block.title).write_text(block.text, encoding="utf-8")
        for source in yaml.safe_load(block.text).get("sources", []):
            (project / source["file"]).touch()
    reader = Page(project)
    code, output = reader.command(written[0], "ctscore validate")
    assert code == 0, output

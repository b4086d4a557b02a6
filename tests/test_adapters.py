"""The adapter registry: a source's kind names an adapter; plug-ins come from entry points."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

import ctscore.adapters as registry
from conftest import spec_errors
from ctscore.api import load_project
from ctscore.build_context import _citation
from ctscore.cli import main
from ctscore.spec.sources import Source

COUNTRY_YEAR = """\
sources:
  - id: deaths_table
    title: Deaths by country and year
    kind: country_year
    file: data/deaths.csv
indicators:
  - id: deaths
    title: Deaths
    description: Deaths per year, as the table gives them.
    unit: deaths
    direction: lower_is_better
    source: deaths_table
    measure: {kind: sum, column: deaths}
"""


@pytest.fixture
def plugin(monkeypatch):
    """Install tests/adapter_plugin.py's adapter as an entry point would."""

    def install(value: str = "adapter_plugin:COUNTRY_YEAR", name: str = "country_year"):
        point = EntryPoint(name, value, registry.ENTRY_POINT_GROUP)
        monkeypatch.setattr(registry, "entry_points", lambda group: [point])
        registry.installed.cache_clear()

    yield install
    registry.installed.cache_clear()


def test_built_in_adapters_are_installed():
    assert list(registry.adapters()) == ["table", "ucdp_ged", "gtd", "acled", "ucdp_brd"]
    assert not registry.adapter_of("table").has_catalogue
    assert all(registry.adapter_of(k).citation for k in ("ucdp_ged", "gtd", "acled", "ucdp_brd"))


def test_unknown_kind_is_a_located_error_with_a_suggestion(project):
    sources = "sources:\n  - id: g\n    title: G\n    kind: gdt\n    file: events.csv\n"
    assert spec_errors(project({"data/sources.yaml": sources})) == [
        "data/sources.yaml:4:5: sources[g].kind: unknown value 'gdt' (did you mean 'gtd'?); "
        "allowed: 'table', 'ucdp_ged', 'gtd', 'acled' or 'ucdp_brd' (the adapters installed: "
        "`ctscore adapters` lists them)"
    ]


def test_plugin_adapter_for_a_pre_aggregated_table(project, plugin):
    plugin()
    root = project(
        {
            "data/sources.yaml": COUNTRY_YEAR,
            "data/deaths.csv": "country,year,deaths\nPakistan,2020,5\nPakistan,2021,-1\n"
            "Pakistan,2022,7\n",
        }
    )
    results = load_project(root).compute(["deaths"], "year")
    totals = results[results["dimension"] == "total"].set_index("period")
    assert totals.loc[["2020", "2022"], "value"].tolist() == [5, 7]
    assert not totals.loc["2021", "value"] < 0  # -1 means unknown: never summed as a number
    assert totals["rows"].to_dict() == {"2020": 1, "2021": 1, "2022": 1}
    source = Source(id="d", title="D", kind="country_year", file="d.csv")
    assert _citation(source) == "Example Project (2026), Deaths by country and year."
    assert "country_year" in CliRunner().invoke(main, ["adapters"]).output


def test_plugin_must_name_an_adapter_of_its_kind(plugin):
    plugin("adapter_plugin:NOT_AN_ADAPTER")
    assert "must name a ctscore.adapters.Adapter" in registry.broken_adapters()["country_year"]
    assert "country_year" not in registry.adapters()
    plugin(name="other_name")
    assert "whose kind is 'other_name'" in registry.broken_adapters()["other_name"]


def test_a_plugin_that_cannot_be_imported_stops_only_its_own_kind(project, plugin):
    plugin("no_such_package.adapters:COUNTRY_YEAR")
    # A project of built-in kinds still loads: another package's breakage is not its own.
    assert spec_errors(project({})) == []
    [error] = spec_errors(project({"data/sources.yaml": COUNTRY_YEAR}))
    assert error.startswith("data/sources.yaml:4:5: sources[deaths_table].kind: entry point ")
    assert "cannot be loaded: ModuleNotFoundError: No module named 'no_such_package'" in error
    listed = CliRunner().invoke(main, ["adapters"])
    assert listed.exit_code == 0 and "country_year: not usable: entry point" in listed.output


def test_a_broken_plugin_is_a_located_error(project, plugin):
    plugin("adapter_plugin:NOT_AN_ADAPTER")
    [error] = spec_errors(project({"data/sources.yaml": COUNTRY_YEAR}))
    assert error.startswith("data/sources.yaml:4:5: sources[deaths_table].kind: entry point ")
    assert "must name a ctscore.adapters.Adapter whose kind is 'country_year'" in error


def test_plugin_never_replaces_a_built_in_adapter(plugin):
    plugin(name="gtd")
    assert registry.adapter_of("gtd").title == "Global Terrorism Database (START)"


def test_adapters_command_lists_and_describes():
    runner = CliRunner()
    listed = runner.invoke(main, ["adapters"]).output
    assert all(kind in listed for kind in ("table", "ucdp_ged", "gtd", "acled"))
    described = runner.invoke(main, ["adapters", "--kind", "gtd"]).output
    assert "iyear/imonth/iday" in described and "-99, -9" in described
    wrong = runner.invoke(main, ["adapters", "--kind", "gdt"])
    assert wrong.exit_code == 2 and "did you mean 'gtd'?" in wrong.output


def test_a_source_cites_its_adapter_unless_it_gives_a_citation():
    gtd = Source(id="g", title="G", kind="gtd", file="g.csv")
    assert _citation(gtd).startswith("National Consortium for the Study of Terrorism")
    assert _citation(gtd.model_copy(update={"citation": "Mine"})) == "Mine"
    assert _citation(Source(id="t", title="T", file="t.csv")) == ""


def test_the_readme_plugin_example_is_a_working_adapter(project, plugin, monkeypatch):
    """The README's ``mypackage/adapters.py`` as written, installed as its entry point."""
    import re
    import sys
    import types
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"```python\n# mypackage/adapters.py\n(.*?)```", readme, re.S)
    module = types.ModuleType("mypackage_adapters")
    exec(compile(code, "README.md", "exec"), module.__dict__)  # the README's own code
    monkeypatch.setitem(sys.modules, "mypackage_adapters", module)
    plugin("mypackage_adapters:COUNTRY_YEAR")
    root = project(
        {
            "data/sources.yaml": COUNTRY_YEAR,
            "data/deaths.csv": "country,year,deaths\nPakistan,2020,5\nPakistan,2021,-1\n",
        }
    )
    totals = load_project(root).compute(["deaths"], "year")
    assert totals[totals["dimension"] == "total"]["value"].tolist()[0] == 5
    assert registry.adapter_of("country_year").unit == "country-year"

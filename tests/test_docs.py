"""Documentation stays complete and in step with the models."""

from __future__ import annotations

import json
from pathlib import Path

import click
import yaml

from ctscore.cli import main
from ctscore.cli_reference import CHECK_FAILED, cli_markdown
from ctscore.spec.reference import SCHEMA_FILES, all_models, model_examples, reference_markdown
from ctscore.spec.schema import json_schema

REPO = Path(__file__).resolve().parents[1]


def test_every_field_of_every_model_has_a_description():
    missing = [
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert missing == []


def test_every_model_has_a_docstring():
    assert [m.__name__ for m in all_models() if not (m.__doc__ or "").strip()] == []


def test_reference_page_is_up_to_date():
    committed = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "run `make docs` and commit docs/"


def test_json_schemas_are_up_to_date():
    for kind, name in SCHEMA_FILES.items():
        committed = json.loads((REPO / "docs" / "schema" / name).read_text(encoding="utf-8"))
        assert committed == json_schema(kind), "run `make docs` and commit docs/"


def test_reference_documents_every_field():
    page = reference_markdown()
    for model in all_models():
        assert f"## {model.__name__}" in page
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in page


def test_readme_shows_the_editor_schema_line():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in readme


def test_every_model_has_an_example_and_each_validates():
    """The reference shows each model's examples and editors show them on hover: a model
    without one, or an example the model refuses, is a documentation bug."""
    without = [m.__name__ for m in all_models() if not model_examples(m)]
    assert without == []
    for model in all_models():
        for example in model_examples(model):
            model.model_validate(example)  # raises, naming the model and field, when stale


def test_the_json_schema_carries_every_models_examples():
    definitions = {**json_schema("spec")["$defs"], **json_schema("project")["$defs"]}
    definitions |= {"SpecFile": json_schema("spec"), "ProjectConfig": json_schema("project")}
    merged = definitions["Indicator"]["examples"]  # both families, as one mapping for editors
    for model in all_models():
        if model.__name__ in ("RowIndicator", "CombinedIndicator"):
            assert all(example in merged for example in model_examples(model)), model.__name__
        else:
            assert definitions[model.__name__]["examples"] == model_examples(model), model.__name__


def test_the_reference_renders_each_example_as_yaml():
    page = reference_markdown()
    for model in all_models():
        for example in model_examples(model):
            block = yaml.safe_dump(example, sort_keys=False, allow_unicode=True, width=88)
            assert f"<!-- model: {model.__name__} -->\n```yaml\n{block}```" in page


def test_cli_reference_is_up_to_date():
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_markdown(), "run `make docs` and commit docs/"


def test_cli_reference_documents_every_command_and_option():
    page = cli_markdown()
    for name, command in main.commands.items():
        assert f"## ctscore {name}\n" in page
        for option in command.params:
            if isinstance(option, click.Option):
                assert option.help, f"ctscore {name} {option.opts[0]} has no help text"
                assert f"| `{option.opts[0]}`" in page


def test_the_exit_codes_documented_are_the_ones_commands_give():
    """Every command runs inside `friendly` (exit 2 for user errors, 3 for internal ones);
    those that exit 1 are the ones listed as such."""
    for name, command in main.commands.items():
        assert getattr(command.callback, "__wrapped__", None), f"{name} is not friendly"
    exiting = {
        path.stem
        for path in (REPO / "src" / "ctscore").glob("cli*.py")
        if "sys.exit(1)" in path.read_text(encoding="utf-8")
    }
    assert exiting == {"cli_tables", "cli_test"}, "document a new exit 1 in CHECK_FAILED"
    assert set(CHECK_FAILED) == {"build", "test"}

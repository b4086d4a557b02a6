"""Documentation stays complete and in step with the models."""

from __future__ import annotations

import json
from pathlib import Path

from ctscore.spec.reference import SCHEMA_FILES, all_models, reference_markdown
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

"""JSON Schema generated from the models (never written by hand), for editor autocompletion."""

from __future__ import annotations

from ctscore.spec.document import SpecFile
from ctscore.spec.project import ProjectConfig


def json_schema(kind: str = "spec") -> dict:
    model = SpecFile if kind == "spec" else ProjectConfig
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ctscore spec file" if kind == "spec" else "ctscore.yaml"
    return schema

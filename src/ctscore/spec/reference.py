"""Generate the spec reference (docs/reference.md) and JSON Schemas from the models.

Run ``python -m ctscore.spec.reference docs`` (or ``make docs``) after changing a model;
a test fails when the committed files differ from what this generates.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from ctscore.spec.document import SpecFile
from ctscore.spec.project import ProjectConfig
from ctscore.spec.schema import json_schema

ROOTS: tuple[type[BaseModel], ...] = (ProjectConfig, SpecFile)
SCHEMA_FILES = {"spec": "ctscore-spec.schema.json", "project": "ctscore-project.schema.json"}


def all_models() -> list[type[BaseModel]]:
    """Every model reachable from the roots, in first-seen order."""
    seen: list[type[BaseModel]] = []

    def visit(tp) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.append(tp)
            for field in tp.model_fields.values():
                visit(field.annotation)
            extra = typing.get_type_hints(tp, include_extras=True).get("__pydantic_extra__")
            if extra is not None:
                visit(extra)
            return
        for arg in typing.get_args(tp):
            visit(arg)

    for root in ROOTS:
        visit(root)
    return seen


def type_name(tp) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin in (list, tuple):
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"mapping of {type_name(args[0])} to {type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def _default(field) -> str:
    if field.is_required():
        return "**required**"
    value = field.get_default(call_default_factory=True)
    if value is None or value == {} or value == []:
        return "–"
    if isinstance(value, BaseModel):
        return "(defaults)"
    return f"`{json.dumps(value, default=str)}`"


def reference_markdown() -> str:
    lines = [
        "# Spec reference",
        "",
        "Generated from the pydantic models by `make docs`; do not edit by hand.",
        "A project is a folder with `ctscore.yaml` ([ProjectConfig](#projectconfig)) and YAML",
        "spec files ([SpecFile](#specfile)) in the folders listed under `paths.specs`.",
        "Each model's examples are in the JSON Schemas too (`ctscore schema`), so editors",
        "using yaml-language-server show them on hover.",
        "",
    ]
    for model in all_models():
        lines += [f"## {model.__name__}", "", _doc(model), ""]
        lines += ["| field | type | default | description |", "| --- | --- | --- | --- |"]
        for name, field in model.model_fields.items():
            description = (field.description or "").replace("|", "\\|").replace("\n", " ")
            row = [f"`{field.alias or name}`", type_name(field.annotation), _default(field)]
            lines.append("| " + " | ".join([*row, description]) + " |")
        if "__pydantic_extra__" in getattr(model, "__annotations__", {}):
            hint = typing.get_type_hints(model, include_extras=True)["__pydantic_extra__"]
            kinds = type_name(typing.get_args(hint)[1])
            lines.append(f"| *any column name* | {kinds} | – | A test on that column. |")
        lines.append("")
        lines += example_blocks(model)
    return "\n".join(lines)


def model_examples(model: type[BaseModel]) -> list:
    """The YAML examples a model carries (``json_schema_extra`` in its config), which its
    JSON Schema gives editors too."""
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    return list(examples) if isinstance(examples, list) else []


def example_blocks(model: type[BaseModel]) -> list[str]:
    """The model's examples as YAML blocks, each marked with the model a docs test validates
    it against."""
    examples = model_examples(model)
    lines = ["Example:" if len(examples) == 1 else "Examples:", ""] if examples else []
    for example in examples:
        text = yaml.safe_dump(example, sort_keys=False, allow_unicode=True, width=88)
        lines += [f"<!-- model: {model.__name__} -->", "```yaml", text.rstrip("\n"), "```", ""]
    return lines


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def write_docs(folder: Path) -> list[Path]:
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    written = [folder / "reference.md"]
    written[0].write_text(reference_markdown(), encoding="utf-8")
    for kind, name in SCHEMA_FILES.items():
        path = folder / "schema" / name
        path.write_text(json.dumps(json_schema(kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)

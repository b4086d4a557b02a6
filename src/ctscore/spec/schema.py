"""JSON Schema generated from the models (never written by hand), for editor autocompletion."""

from __future__ import annotations

from typing import Any

from ctscore.spec.document import SpecFile
from ctscore.spec.indicators import IndicatorBase
from ctscore.spec.project import ProjectConfig

# The indicator families, shown to editors as the one mapping a spec file writes.
_INDICATOR_FAMILIES = ("RowIndicator", "CombinedIndicator")


def json_schema(kind: str = "spec") -> dict:
    model = SpecFile if kind == "spec" else ProjectConfig
    schema = model.model_json_schema(by_alias=True, mode="validation")
    if kind == "spec":
        _one_indicator_mapping(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ctscore spec file" if kind == "spec" else "ctscore.yaml"
    return schema


def _one_indicator_mapping(schema: dict[str, Any]) -> None:
    """Merge the row and combined indicator schemas into one ``Indicator`` mapping: every
    key an indicator may have, a measure of any kind. An editor then completes one mapping
    (as the user writes it) rather than guessing which of two the user means; the loader
    tells the families apart by the measure's kind."""
    defs = schema["$defs"]
    row, combined = (defs.pop(name) for name in _INDICATOR_FAMILIES)
    order = [*list(IndicatorBase.model_fields)[:6], "source", "filter", "measure", "dimensions"]
    order += [name for name in IndicatorBase.model_fields if name not in order]
    properties = {**combined["properties"], **row["properties"]}
    measures = [row["properties"]["measure"], combined["properties"]["measure"]]
    mapping = {k: v for m in measures for k, v in m["discriminator"]["mapping"].items()}
    properties["measure"] = {
        **measures[0],
        "discriminator": {"mapping": dict(sorted(mapping.items())), "propertyName": "kind"},
        "oneOf": [member for m in measures for member in m["oneOf"]],
    }
    defs["Indicator"] = {
        "additionalProperties": False,
        "description": IndicatorBase.__doc__,
        "examples": row.get("examples", []) + combined.get("examples", []),
        "properties": {name: properties[name] for name in order},
        "required": combined["required"],
        "title": "Indicator",
        "type": "object",
    }
    schema["$defs"] = dict(sorted(defs.items()))
    schema["properties"]["indicators"]["items"] = {"$ref": "#/$defs/Indicator"}

"""Turn pydantic validation errors into located, plain-language diagnostics."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ctscore.errors import Diagnostic, did_you_mean, one_of
from ctscore.spec.filters import Filter
from ctscore.spec.measures import MEASURE_KINDS
from ctscore.spec.yamlfile import PathKey, YamlFile

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "tuple_type": "a list",
}
# How pydantic names the members of base.Scalar in an error's loc.
_SCALAR_TAGS = {"bool", "int", "float", "date", "str"}
# Names from elsewhere in ctscore for a field of another name here: a source's rows are
# filtered by 'where', not 'filter' (which the spelling alone would take for 'file').
_SYNONYMS = {"filter": "where"}
# Where an indicator's measure is in an error's loc: the union member (row or combined
# indicator, picked by the measure's kind) and the field.
_INDICATOR_MEASURES = {("row", "measure"), ("combined", "measure")}


def validation_diagnostics(
    error: ValidationError, model: type[BaseModel], doc: YamlFile, prefix: PathKey
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located through ``doc``'s line map."""
    base = _value_at(doc.data, prefix)
    errors = _without_echoes(_merge_scalar_unions(error.errors()), model)
    errors = _without_text_alternative(errors)
    return [_one(err, model, doc, prefix, base) for err in errors]


def _without_echoes(errors: list[dict], model: type) -> list[dict]:
    """Drop "required field 'x' is missing" when an unknown key beside it is a typo of 'x':
    one mistake, one message."""
    typos = {(*loc[:-1], name) for loc, name in typo_fixes(errors, model).items()}
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in typos)]


def _without_text_alternative(errors: list[dict]) -> list[dict]:
    """Drop "expected text, got a mapping" for a value that may be text or a mapping when the
    mapping has its own error (a scorecard entry with a bad target): that error is the one."""
    deeper = [tuple(e["loc"]) for e in errors]

    def echo(err: dict) -> bool:
        loc = tuple(err["loc"])
        if err["type"] != "string_type" or not isinstance(err.get("input"), dict):
            return False
        return any(len(d) > len(loc) and d[: len(loc) - 1] == loc[:-1] for d in deeper)

    return [e for e in errors if not echo(e)]


def _merge_scalar_unions(errors: Sequence[Mapping[str, Any]]) -> list[dict]:
    """One error for a value that is none of text, number, date or true/false: pydantic gives
    one per member of the union, which reads like five mistakes."""
    members: dict[tuple, int] = {}
    for err in errors:
        if err["loc"] and err["loc"][-1] in _SCALAR_TAGS:
            members[tuple(err["loc"][:-1])] = members.get(tuple(err["loc"][:-1]), 0) + 1
    merged: list[dict] = []
    done: set[tuple] = set()
    for err in errors:
        prefix = tuple(err["loc"][:-1])
        if members.get(prefix, 0) < 2 or err["loc"][-1] not in _SCALAR_TAGS:
            merged.append(dict(err))
        elif prefix not in done:  # the first of its group stands for all of them
            done.add(prefix)
            merged.append({"type": "scalar_union", "loc": prefix, "input": err.get("input")})
    return merged


def typo_fixes(errors: Sequence[Mapping[str, Any]], model: Any) -> dict[tuple, str]:
    """For each unknown key that is a typo of a missing field: its loc -> the intended name."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    fixes = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            allowed = _field_names(_resolve(model, loc[:-1]))
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if close and (*loc[:-1], close[0]) in missing:
                fixes[loc] = close[0]
    return fixes


def _one(err: dict, model: type, doc: YamlFile, prefix: PathKey, base: Any) -> Diagnostic:
    loc = tuple(err["loc"])
    data_path = _data_path(base, loc, err["type"] in ("missing", "extra_forbidden"))
    path = (*prefix, *data_path)
    message = _message(err, model, loc)
    anchor = path[:-1] if err["type"] == "missing" else path
    return doc.diagnostic(anchor, message, shown_path(doc.data, path))


def _message(err: dict, model: type, loc: tuple) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return f"required field '{loc[-1]}' is missing"
    if kind == "extra_forbidden":
        allowed = _field_names(_resolve(model, loc[:-1]))
        meant = _SYNONYMS.get(str(loc[-1]))
        hint = f" (did you mean '{meant}'?)" if meant in allowed else ""
        hint = hint or did_you_mean(str(loc[-1]), allowed)
        hint = hint or f"; allowed fields: {', '.join(allowed)}"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind in ("literal_error", "enum"):
        choices = [str(c) for c in typing.get_args(_resolve(model, loc))] or [
            err.get("ctx", {}).get("expected", "")
        ]
        hint = did_you_mean(str(value), choices)
        return f"unknown value '{value}'{hint}; allowed: {one_of(choices)}"
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter"
        )
    if kind == "union_tag_invalid":
        tag, tags = err["ctx"].get("tag"), err["ctx"].get("expected_tags", "")
        if tuple(loc[-2:]) in _INDICATOR_MEASURES:  # read by its family's union: name all
            tags = ", ".join(f"'{k}'" for k in MEASURE_KINDS)
        hint = did_you_mean(str(tag), [t.strip(" '") for t in tags.split(",")])
        return f"unknown kind '{tag}'{hint}; allowed: {tags}"
    if kind == "scalar_union":
        return _no_scalar(model, loc, value)
    if kind == "finite_number":
        return f"expected a finite number, got {value}; write a number such as 10"
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {_show(value)}"
    message = err["msg"]
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return message[:1].lower() + message[1:]


def _no_scalar(model: type, loc: tuple, value: Any) -> str:
    if value is not None:
        return f"expected text, a number, a date or true/false, got {_show(value)}"
    if len(loc) >= 2 and loc[-1] == "value" and _resolve(model, loc[:-2]) is Filter:
        return f"no value given; to keep rows where {loc[-2]} is missing write {{is_null: true}}"
    return "no value given; write a value or remove the entry"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else f"'{value}'"


def shown_path(data: Any, path: PathKey) -> str:
    """``indicators[attacks].filter.province``: list items by their id when they have one."""
    text, node = "", data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            text += f"[{label if isinstance(label, str) else part}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _value_at(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple, names_a_key: bool = True) -> PathKey:
    """Drop the parts of a pydantic ``loc`` that name union members, not keys in the data.
    ``names_a_key``: the last part is a key (missing or unknown), kept though not in the data."""
    path: list[Any] = []
    node = data
    for position, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
        elif not isinstance(node, dict | list):
            break  # what follows a plain value names union members, not places in the data
        elif position == len(loc) - 1:
            path += [part] if names_a_key or isinstance(node, list) else []
            break
        else:
            continue  # a union tag such as 'condition' or 'sum'
        path.append(part)
    return tuple(path)


def _resolve(tp: Any, loc: tuple) -> Any:
    """The type found at ``loc`` inside model ``tp`` (best effort; None when lost)."""
    parts = list(loc)
    while tp is not None:
        if typing.get_origin(tp) is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            members = [m for m in typing.get_args(tp) if m is not type(None)]
            tagged = next((m for m in members if parts and parts[0] in _tags_of(m)), None)
            if tagged is not None:
                parts.pop(0)  # the part named a union member, not a key
                tp = tagged
            else:
                tp = next((m for m in members if _is_container(m)), members[0])
            continue
        if not parts:
            return tp
        tp = _child(tp, parts.pop(0))
    return None


def _child(tp: Any, part: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return None
    for name, field in tp.model_fields.items():
        if part in (name, field.alias):
            return field.annotation
    if "__pydantic_extra__" in getattr(tp, "__annotations__", {}):
        hints = typing.get_type_hints(tp, include_extras=True)
        return typing.get_args(hints["__pydantic_extra__"])[1]
    return None


def _base(member: Any) -> Any:
    return typing.get_args(member)[0] if typing.get_origin(member) is typing.Annotated else member


def _tags_of(member: Any) -> set[Any]:
    """Names pydantic puts in an error's loc for this union member."""
    tags = {meta.tag for meta in getattr(member, "__metadata__", ()) if hasattr(meta, "tag")}
    base = _base(member)
    if isinstance(base, type) and issubclass(base, BaseModel) and "kind" in base.model_fields:
        tags |= set(typing.get_args(base.model_fields["kind"].annotation))
    return tags


def _is_container(member: Any) -> bool:
    base = _base(member)
    is_model = isinstance(base, type) and issubclass(base, BaseModel)
    return is_model or typing.get_origin(base) in (list, dict)


def _field_names(model: Any) -> list[str]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    return [_name(name, field) for name, field in model.model_fields.items()]


def _name(name: str, field: FieldInfo) -> str:
    return field.alias or name

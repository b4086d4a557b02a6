"""Turn pydantic validation errors into located, plain-language diagnostics."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ctscore.errors import Diagnostic, did_you_mean, one_of
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


def validation_diagnostics(
    error: ValidationError, model: type[BaseModel], doc: YamlFile, prefix: PathKey
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located through ``doc``'s line map."""
    base = _value_at(doc.data, prefix)
    errors = _without_echoes(error.errors(), model)
    return [_one(err, model, doc, prefix, base) for err in errors]


def _without_echoes(errors: list[dict], model: type) -> list[dict]:
    """Drop "required field 'x' is missing" when an unknown key beside it is a typo of 'x':
    one mistake, one message."""
    typos = {(*loc[:-1], name) for loc, name in typo_fixes(errors, model).items()}
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in typos)]


def typo_fixes(errors: list[dict], model: type) -> dict[tuple, str]:
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
    data_path = _data_path(base, loc)
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
        hint = did_you_mean(str(loc[-1]), allowed) or f"; allowed fields: {', '.join(allowed)}"
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
        tags = err.get("ctx", {}).get("expected_tags", "")
        return f"unknown kind '{err['ctx'].get('tag')}'; allowed: {tags}"
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {_show(value)}"
    message = err["msg"]
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return message[:1].lower() + message[1:]


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


def _data_path(data: Any, loc: tuple) -> PathKey:
    """Drop the parts of a pydantic ``loc`` that name union members, not keys in the data."""
    path: list[Any] = []
    node = data
    for position, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
        elif position == len(loc) - 1 or not isinstance(node, dict | list):
            path.append(part)  # a missing or unknown key: keep it as the last step
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

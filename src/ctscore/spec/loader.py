"""load spec: find the YAML files of a project, validate them, check them against each other."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ctscore.errors import Diagnostic, UserError, did_you_mean, display_path
from ctscore.spec.checks import ALL_CHECKS
from ctscore.spec.defaults import apply_small_count_defaults
from ctscore.spec.diagnostics import typo_fixes, validation_diagnostics
from ctscore.spec.document import ITEM_VALIDATORS, KINDS
from ctscore.spec.inline import expand_inline_measures
from ctscore.spec.project import ProjectConfig
from ctscore.spec.project_spec import Origin, ProjectSpec
from ctscore.spec.unreadable import declared_ids, ids_in
from ctscore.spec.yamlfile import YamlFile, load_yaml

CONFIG_FILE = "ctscore.yaml"


def load_project_spec(root: str | Path = ".") -> ProjectSpec:
    """Load and check every spec file of the project at ``root``; raise UserError listing all
    problems found."""
    root = Path(root).resolve()
    config_doc, config = _load_config(root)
    errors: list[Diagnostic] = []
    collections: dict[str, dict] = {kind: {} for kind in KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    broken: set[tuple[str, str]] = set()
    for doc in _spec_files(root, config, config_doc, errors, broken):
        for kind, index, item in _sound_items(doc, errors, broken):
            try:
                declared = ITEM_VALIDATORS[kind].validate_python(item)
            except ValidationError as error:
                errors += validation_diagnostics(error, KINDS[kind], doc, (kind, index))
                declared = _without_unknown_keys(kind, item, error)
                if declared is None:
                    if isinstance(item.get("id"), str):
                        broken.add((kind, item["id"]))
                    continue
            key = (kind, declared.id)
            if key in origins:
                errors.append(_duplicate(doc, (kind, index), declared.id, origins[key]))
                continue
            collections[kind][declared.id] = declared
            origins[key] = Origin(doc, (kind, index))
    spec = ProjectSpec(
        root, config, config_doc, **collections, origins=origins, broken=frozenset(broken)
    )
    expand_inline_measures(spec)
    apply_small_count_defaults(spec)
    for check in ALL_CHECKS:
        errors.extend(check(spec))
    if errors:
        raise UserError(errors)
    return spec


def _load_config(root: Path) -> tuple[YamlFile, ProjectConfig]:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise UserError(
            [
                Diagnostic(
                    display_path(path),
                    message=(
                        f"no {CONFIG_FILE} here; run ctscore inside a project folder or give its "
                        "path, "
                        "e.g. `ctscore validate path/to/project`"
                    ),
                )
            ]
        )
    doc = load_yaml(path, display_path(path))
    try:
        return doc, ProjectConfig.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as error:
        raise UserError(validation_diagnostics(error, ProjectConfig, doc, ())) from None


def _spec_files(root: Path, config: ProjectConfig, config_doc: YamlFile, errors: list, broken: set):
    """Each spec file once, even when overlapping 'paths.specs' folders both reach it; the
    ids of a file that cannot be read go into ``broken``."""
    seen: set[Path] = set()
    for index, folder in enumerate(config.paths.specs):
        directory = root / folder
        if not directory.is_dir():
            problem = "is a file, not a folder" if directory.exists() else "does not exist"
            where = ("paths", "specs", index)
            errors.append(
                config_doc.diagnostic(where, f"folder '{folder}' {problem}", "paths.specs")
            )
            continue
        for path in _yaml_files(directory):
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            try:
                yield load_yaml(path, display_path(path), lenient=True)
            except UserError as error:
                errors.extend(error.diagnostics)
                broken.update((kind, name) for kind in KINDS for name in declared_ids(path))


def _yaml_files(directory: Path) -> list[Path]:
    """The .yaml/.yml files under ``directory``, leaving out hidden files and folders (such
    as .git or .ipynb_checkpoints) and project files (ctscore.yaml), which hold no specs."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [
            Path(folder, name)
            for name in files
            if name.endswith((".yaml", ".yml")) and not name.startswith(".") and name != CONFIG_FILE
        ]
    return sorted(found)


def _sound_items(doc: YamlFile, errors: list, broken: set) -> Any:
    """The items of ``_items`` without those holding a problem of a single value (a duplicate
    key, an impossible date): those are reported once, and count as broken, so the rest of
    the file is still checked and nothing refers to them with a knock-on message."""
    errors += [diagnostic for _, diagnostic in doc.problems]
    spoiled = {tuple(path[:2]) for path, _ in doc.problems}
    if any(len(path) < 2 for path in spoiled):  # a whole list: the file's ids are broken
        broken.update((kind, name) for kind in KINDS for name in ids_in(doc.data))
        return
    for kind, index, item in _items(doc, errors):
        if (kind, index) not in spoiled:
            yield kind, index, item
        elif isinstance(item.get("id"), str):
            broken.add((kind, item["id"]))


def _items(doc: YamlFile, errors: list) -> Any:
    """Yield (kind, index, item) for every declaration in a spec file."""
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        errors.append(
            doc.diagnostic(
                (), "a spec file must be a mapping with keys such as 'indicators:' or 'sources:'"
            )
        )
        return
    for kind, items in doc.data.items():
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or f"; allowed: {', '.join(KINDS)}"
            errors.append(doc.diagnostic((kind,), f"unknown section '{kind}'{hint}", str(kind)))
            continue
        if not isinstance(items, list):
            errors.append(
                doc.diagnostic(
                    (kind,), f"'{kind}' must be a list of items (each starting with '- ')", kind
                )
            )
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                errors.append(
                    doc.diagnostic(
                        (kind, index), "expected a mapping of keys to values", f"{kind}[{index}]"
                    )
                )
                continue
            yield kind, index, item


def _without_unknown_keys(kind: str, item: dict, error: ValidationError):
    """When unknown keys were the only problem, the item without them (typos of missing
    fields renamed): reported once, it can still be checked against the rest of the project."""
    errors = error.errors()
    fixes = typo_fixes(errors, KINDS[kind])
    echoes = {(*loc[:-1], name) for loc, name in fixes.items()}
    if any(e["type"] != "extra_forbidden" and tuple(e["loc"]) not in echoes for e in errors):
        return None
    cleaned = copy.deepcopy(item)
    for err in (e for e in errors if e["type"] == "extra_forbidden"):
        node = cleaned
        for part in err["loc"][:-1]:
            if isinstance(node, dict | list) and _has(node, part):
                node = node[part]  # else the part is a union tag such as 'row'; skip it
        if isinstance(node, dict) and err["loc"][-1] in node:
            value = node.pop(err["loc"][-1])
            if tuple(err["loc"]) in fixes:
                node[fixes[tuple(err["loc"])]] = value
    try:
        return ITEM_VALIDATORS[kind].validate_python(cleaned)
    except ValidationError:
        return None


def _has(node, part) -> bool:
    return part in node if isinstance(node, dict) else isinstance(part, int) and part < len(node)


def _duplicate(doc: YamlFile, path, item_id: str, first: Origin) -> Diagnostic:
    first_line = first.doc.locate(first.path)
    where = f"{first.doc.display}:{first_line.line}" if first_line else first.doc.display
    return doc.diagnostic(
        (*path, "id"),
        f"duplicate id '{item_id}' (first declared at {where})",
        f"{path[0]}[{item_id}].id",
    )


__all__ = ["CONFIG_FILE", "load_project_spec"]

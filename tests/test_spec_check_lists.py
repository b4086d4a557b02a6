"""The spec checks run from explicit lists: every rule function is in exactly one."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import ctscore.spec
from ctscore.spec.checks import ALL_CHECKS


def test_every_check_function_is_listed_once():
    defined = set()
    for module_info in pkgutil.iter_modules(ctscore.spec.__path__):
        module = importlib.import_module(f"ctscore.spec.{module_info.name}")
        defined |= {
            function
            for name, function in vars(module).items()
            if name.startswith("check_")
            and inspect.isfunction(function)
            and function.__module__ == module.__name__
            and list(inspect.signature(function).parameters) == ["spec"]  # a rule on a spec
        }
    assert len(ALL_CHECKS) == len(set(ALL_CHECKS))
    assert set(ALL_CHECKS) == defined

"""Safe arithmetic expressions for derived columns and indicators (parsed with ast, never eval).

Allowed: numbers, names, ``+ - * /``, unary ``-``/``+``, parentheses, ``min``/``max`` (element-wise,
2+ arguments), ``log(x)``, ``log(x, base)`` and ``abs(x)``. The syntax tree is checked and compiled
once into closures. Evaluation is in float64: missing values are NaN, division by zero and the log
of a non-positive number give NaN, min/max propagate NaN, and Series keep their index.

:func:`divide` is ctscore's one division with "no value when dividing by 0": expressions use it,
and so do ratios, shares, rates, changes and means in ``ctscore.compute``.
"""

from __future__ import annotations

import ast
import math
import operator
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, SupportsFloat, cast

from ctscore.errors import did_you_mean

_HINT = "use only + - * / and min, max, log, abs"
_FUNCTIONS = "allowed functions: abs, log, max, min"
_MAX_DEPTH = 100
_Node = Callable[[Mapping[str, Any]], Any]
_ZEROS = "_zero_divisions"  # where evaluate() collects them; no name in an expression starts with _


class ExpressionError(ValueError):
    """A mistake in an expression; ``column`` is a 1-based offset in its text, or None."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Expression:
    """A parsed expression; create it with :func:`parse_expression`."""

    text: str
    names: frozenset[str]
    _run: _Node = field(repr=False, compare=False)
    _columns: Mapping[str, int] = field(repr=False, compare=False)

    def evaluate(self, values: Mapping[str, object], zero_divisions: list | None = None) -> object:
        """Compute the expression element-wise over Series, numpy arrays or scalars.

        Returns a float64 Series (index kept, aligned), array or numpy float. Raises
        :class:`ExpressionError` for a name missing from ``values`` or a non-numeric value.
        With ``zero_divisions``, each ``/`` evaluated appends to it where its denominator was 0
        (a boolean array, Series or scalar); the log of 0 or of a negative number does not.
        """
        missing = sorted((n for n in self.names if n not in values), key=self._columns.__getitem__)
        if missing:
            listed = ", ".join(f"'{n}'" for n in missing)
            hint = did_you_mean(missing[0], values) if len(missing) == 1 else ""
            plural = "s" if len(missing) > 1 else ""
            raise ExpressionError(f"unknown name{plural} {listed}{hint}", self._columns[missing[0]])
        floats: dict[str, Any] = {name: _as_float(name, values[name]) for name in self.names}
        if zero_divisions is not None:
            floats[_ZEROS] = zero_divisions
        np = _numpy()
        try:
            with np.errstate(all="ignore"):
                return self._run(floats)
        except (ValueError, TypeError) as exc:
            raise ExpressionError(f"cannot compute '{self.text}': {exc}") from exc


def parse_expression(text: str) -> Expression:
    """Parse and check ``text``; raise :class:`ExpressionError` if anything is not allowed."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}")
    source = text.replace("\r", " ").replace("\n", " ")  # same offsets, one line
    body = source.lstrip()
    shift = len(source) - len(body)
    if not body.strip():
        raise ExpressionError("empty expression")
    if "#" in body:
        column = shift + body.index("#") + 1
        raise ExpressionError(f"'#' is not allowed; {_HINT}", column)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(body, mode="eval")
    except SyntaxError as exc:
        msg = (exc.msg or "invalid syntax").replace(
            ". Perhaps you forgot a comma?", "; is a comma or an operator (+ - * /) missing?"
        )
        if exc.offset is None:
            raise ExpressionError(f"syntax error: {msg}") from None
        if exc.offset == 0:  # Python's way of saying "at the end of the text"
            msg = "the expression ends too early; is something missing at the end?"
        column = shift + (exc.offset or len(body) + 1)
        raise ExpressionError(f"syntax error at column {column}: {msg}", column) from None
    except ValueError as exc:  # null bytes, on some Python versions
        raise ExpressionError(f"syntax error: {exc}") from None
    except (RecursionError, MemoryError):
        raise ExpressionError("expression is too long or nested too deeply") from None
    compiler = _Compiler(body, shift)
    run = compiler.compile(tree.body, 0)
    return Expression(text, frozenset(compiler.names), run, compiler.names)


def _numpy() -> Any:
    """numpy, imported when an expression is first evaluated: parsing and checking specs
    (``ctscore validate``, ``list``) do without it."""
    import numpy

    return numpy


def _pandas() -> Any:
    """pandas if something imported it (only then can a value be a Series): checking and
    listing specs parse expressions without paying for the import."""
    return sys.modules.get("pandas")


def _is_series(value: object) -> bool:
    pandas = _pandas()
    return pandas is not None and isinstance(value, pandas.Series)


def _as_float(name: str, value: object) -> Any:
    np, pandas = _numpy(), _pandas()
    try:
        if _is_series(value):
            return value.astype("float64")  # type: ignore[attr-defined]  # a Series, checked
        if isinstance(value, (np.ndarray, list, tuple)) or (
            pandas is not None and isinstance(value, pandas.Index)
        ):
            return np.asarray(value, dtype="float64")
        if value is None or (pandas is not None and value is pandas.NA):
            return np.float64(np.nan)
        if isinstance(value, (str, bytes)):
            raise TypeError(f"got text {value!r}")
        return np.float64(cast(SupportsFloat, value))  # else TypeError, caught below
    except (TypeError, ValueError) as exc:
        raise ExpressionError(f"'{name}' is not numeric ({exc})") from None


def _nan_where(x: Any, cond: Any) -> Any:
    np = _numpy()
    if _is_series(x):
        return x.mask(cond)
    if isinstance(x, np.ndarray):
        return np.where(cond, np.nan, x)
    return np.float64(np.nan) if cond else x


def divide(a: Any, b: Any) -> Any:
    """``a / b`` element-wise over Series, arrays or scalars: NaN where ``b`` is 0, and where
    either is missing."""
    with _numpy().errstate(all="ignore"):
        return a / _nan_where(b, b == 0)


def _log(x: Any, base: Any = None) -> Any:
    result = _numpy().log(_nan_where(x, x <= 0))
    return result if base is None else divide(result, _log(base))


def _divide_step(a: Any, b: Any, values: Mapping[str, Any]) -> Any:
    """``/`` in an expression: :func:`divide`, noting where ``b`` is 0 when asked to."""
    found = values.get(_ZEROS)
    if found is not None:
        found.append(b == 0)
    return divide(a, b)


def _plain(apply: Callable[[Any, Any], Any]) -> Callable[[Any, Any, Mapping[str, Any]], Any]:
    return lambda a, b, _values: apply(a, b)


_BINARY = {
    ast.Add: _plain(operator.add),
    ast.Sub: _plain(operator.sub),
    ast.Mult: _plain(operator.mul),
    ast.Div: _divide_step,
}
_PAIRWISE = (
    "{0}() compares values element by element and needs at least 2 arguments, e.g. {0}(a, 1)"
)
_FUNCS: dict[str, tuple[Callable[..., Any], int, float, str]] = {
    "abs": (lambda x: _numpy().abs(x), 1, 1, "abs() takes exactly 1 argument"),
    "log": (_log, 1, 2, "log() takes 1 or 2 arguments: log(x) or log(x, base)"),
    "max": (lambda *args: reduce(_numpy().maximum, args), 2, math.inf, _PAIRWISE.format("max")),
    "min": (lambda *args: reduce(_numpy().minimum, args), 2, math.inf, _PAIRWISE.format("min")),
}
_QUOTED = "quoted text {} is not allowed; write column and indicator names without quotes"


def _end(node: ast.expr) -> int:
    """Where a parsed node ends (ast gives every node of a parsed expression an end)."""
    return node.end_col_offset or 0


class _Compiler:
    """Checks an ``ast`` tree against the whitelist and turns it into closures."""

    def __init__(self, source: str, shift: int):
        self.source, self.raw, self.shift = source, source.encode(), shift
        self.names: dict[str, int] = {}  # name -> column of its first use

    def column(self, byte_offset: int) -> int:
        return len(self.raw[:byte_offset].decode(errors="ignore")) + self.shift + 1

    def error(self, message: str, node: Any) -> ExpressionError:
        return ExpressionError(message, self.column(node.col_offset))

    def forbidden(self, start: int, end: int) -> ExpressionError:
        """The operator written between byte offsets ``start`` and ``end`` is not allowed."""
        between = self.raw[start:end].decode(errors="ignore")
        symbol = between.strip("() \t\f")
        column = self.column(start + len(between[: between.find(symbol)].encode()))
        return ExpressionError(f"'{symbol}' is not allowed; {_HINT}", column)

    def compile(self, node: ast.AST, depth: int) -> _Node:
        if depth > _MAX_DEPTH:
            raise self.error(f"expression is nested too deeply (over {_MAX_DEPTH} levels)", node)
        segment = ast.get_source_segment(self.source, node)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise self.forbidden(node.col_offset, node.operand.col_offset)
            operand = self.compile(node.operand, depth + 1)
            return operand if isinstance(node.op, ast.UAdd) else lambda v: -operand(v)
        if isinstance(node, ast.Name):
            name = node.id
            if name.startswith("_"):
                raise self.error(
                    f"name '{name}' is not allowed; names must not start with '_'", node
                )
            self.names.setdefault(name, self.column(node.col_offset))
            return lambda v: v[name]
        if isinstance(node, ast.Constant):
            return self.constant(node, segment)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Compare):
            raise self.forbidden(_end(node.left), node.comparators[0].col_offset)
        if isinstance(node, ast.BoolOp):
            raise self.forbidden(_end(node.values[0]), node.values[1].col_offset)
        if isinstance(node, ast.Attribute):
            rule = "names may contain only letters, digits and '_'"
            raise self.error(f"'{segment}': '.' is not allowed; {rule}", node)
        if isinstance(node, ast.Subscript):
            raise self.error(f"'[...]' (indexing) is not allowed; {_HINT}", node)
        if isinstance(node, ast.JoinedStr):
            raise self.error(_QUOTED.format(segment), node)
        what = "',' outside a function call" if isinstance(node, ast.Tuple) else f"'{segment}'"
        raise self.error(f"{what} is not allowed; {_HINT}", node)

    def binary(self, node: ast.BinOp, depth: int) -> _Node:
        chain: list[ast.BinOp] = []  # flatten the left spine: a + b + c + ... is not deep
        left: ast.AST = node
        while isinstance(left, ast.BinOp):
            chain.append(left)
            left = left.left
        first = self.compile(left, depth + 1)
        steps = []
        for step in reversed(chain):
            if type(step.op) not in _BINARY:
                raise self.forbidden(_end(step.left), step.right.col_offset)
            steps.append((_BINARY[type(step.op)], self.compile(step.right, depth + 1)))

        def run(values: Mapping[str, Any]) -> Any:
            result = first(values)
            for apply, right in steps:
                result = apply(result, right(values), values)
            return result

        return run

    def constant(self, node: ast.Constant, segment: str | None) -> _Node:
        value = node.value
        if isinstance(value, bool):
            raise self.error(f"'{value}' is not a number; use 1 for true and 0 for false", node)
        if isinstance(value, (str, bytes)):
            raise self.error(_QUOTED.format(segment), node)
        if not isinstance(value, (int, float)):
            raise self.error(f"'{segment}' is not allowed; {_HINT}", node)
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise self.error(f"number '{segment}' is too large", node)
        return lambda v: _numpy().float64(number)  # numpy's float: / 0 is inf, not an error

    def call(self, node: ast.Call, depth: int) -> _Node:
        if not isinstance(node.func, ast.Name):
            self.compile(node.func, depth + 1)  # raises for a.b(...), lambda, ...
            raise self.error(f"only functions can be called; {_FUNCTIONS}", node)
        name = node.func.id
        if name not in _FUNCS:
            hint = did_you_mean(name, _FUNCS)
            raise self.error(f"unknown function '{name}'; {_FUNCTIONS}{hint}", node)
        if node.keywords:
            keyword = node.keywords[0]
            written = f"'{keyword.arg}='" if keyword.arg else "'**'"
            raise self.error(
                f"keyword argument {written} is not allowed; write {name}(a, b)", keyword
            )
        function, least, most, usage = _FUNCS[name]
        if not least <= len(node.args) <= most:
            raise self.error(f"{usage}; got {len(node.args)}", node)
        args = [self.compile(arg, depth + 1) for arg in node.args]
        return lambda v: function(*(arg(v) for arg in args))

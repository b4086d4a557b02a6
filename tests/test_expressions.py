"""Tests for the safe expression language in ctscore.expressions."""

from __future__ import annotations

import math
import string
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctscore.expressions import Expression, ExpressionError, divide, parse_expression

HINT = "use only + - * / and min, max, log, abs"
FUNCS = "allowed functions: abs, log, max, min"
NAN = math.nan


def run(text: str, **values: object) -> object:
    return parse_expression(text).evaluate(values)


def series(values: list[float], index: list[object] | None = None) -> pd.Series:
    return pd.Series(values, index=index, dtype="float64")


# --- hand-computed results ----------------------------------------------------------------


def test_series_arithmetic_with_precedence():
    result = run("a + b * 2", a=pd.Series([1, 2, 3]), b=pd.Series([4, 5, 6]))
    pd.testing.assert_series_equal(result, series([9, 12, 15]))


def test_parentheses_override_precedence():
    result = run("(a + b) * 2", a=pd.Series([1, 2, 3]), b=pd.Series([4, 5, 6]))
    pd.testing.assert_series_equal(result, series([10, 14, 18]))


def test_subtraction_and_division_are_left_associative():
    a, b, c = np.array([10.0, 20.0]), np.array([1.0, 2.0]), np.array([3.0, 4.0])
    np.testing.assert_array_equal(run("a - b - c", a=a, b=b, c=c), [6.0, 14.0])
    np.testing.assert_array_equal(run("a / b / 2", a=a, b=b, c=c), [5.0, 5.0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 + 3 * 4", 14.0),
        ("(2 + 3) * 4", 20.0),
        ("2 * 3 - 4 / 2", 4.0),
        ("10 - 2 - 3", 5.0),
        ("12 / 3 / 2", 2.0),
        ("-2 * 3", -6.0),
        ("-(2 - 5)", 3.0),
        ("- -4", 4.0),
        ("+4 - +1", 3.0),
        ("max(1, 2) + min(3, 4)", 5.0),
        ("max(1, 7, 3)", 7.0),
        ("min(4, -1, 3)", -1.0),
        ("abs(-2.5)", 2.5),
        ("log(8, 2)", 3.0),
        ("log(1)", 0.0),
        ("1_000 + 0.5", 1000.5),
        ("1e3 / 4", 250.0),
    ],
)
def test_scalar_only_expressions(text, expected):
    result = run(text)
    assert result == pytest.approx(expected)
    assert isinstance(result, float)


def test_scalar_names():
    assert run("deaths / population * 100000", deaths=5, population=250_000) == 2.0


def test_division_by_zero_gives_nan_not_inf():
    result = run("a / b", a=np.array([1.0, 0.0, -1.0, 6.0]), b=np.array([0.0, 0.0, 0.0, 3.0]))
    np.testing.assert_array_equal(result, [NAN, NAN, NAN, 2.0])
    assert math.isnan(run("1 / 0"))
    assert math.isnan(run("a / (b - b)", a=3, b=2))


def test_division_by_zero_in_series_keeps_index():
    result = run(
        "a / b", a=pd.Series([1, 4], index=["x", "y"]), b=pd.Series([0, 2], index=["x", "y"])
    )
    pd.testing.assert_series_equal(result, series([NAN, 2.0], index=["x", "y"]))


def test_divide_is_the_one_division_for_arrays_series_and_scalars():
    np.testing.assert_array_equal(divide(np.array([6, 1, 0]), np.array([3, 0, 0])), [2, NAN, NAN])
    np.testing.assert_array_equal(divide(np.array([NAN, 4.0]), np.array([2.0, NAN])), [NAN, NAN])
    pd.testing.assert_series_equal(
        divide(series([1, 9], ["x", "y"]), series([0, 3], ["x", "y"])),
        series([NAN, 3.0], ["x", "y"]),
    )
    assert math.isnan(divide(1.0, 0)) and divide(3, 2) == 1.5


def test_divisions_by_zero_are_reported_and_logs_are_not():
    found: list = []
    values = {"a": [1, 0, 1], "b": [2, 2, 2], "c": [1, 1, 0], "d": [2, 0, 1]}
    result = run_with(found, "log(a) + b / c / d", **values)
    np.testing.assert_array_equal(result, [1, NAN, NAN])
    # one mask per '/': c == 0, then d == 0; log(0) is not a division
    assert [m.tolist() for m in found] == [[False, False, True], [False, True, False]]
    logs_only: list = []
    run_with(logs_only, "log(a) - 1", a=[0, -1])
    assert logs_only == []
    constant: list = []
    assert math.isnan(run_with(constant, "1 / 0"))
    assert constant == [True]


def run_with(found: list, text: str, **values: list) -> object:
    arrays = {name: np.array(v, dtype="float64") for name, v in values.items()}
    return parse_expression(text).evaluate(arrays, found)


def test_min_max_are_element_wise():
    a, b = pd.Series([1, 5, 3]), pd.Series([4, 2, 6])
    pd.testing.assert_series_equal(run("min(a, b)", a=a, b=b), series([1, 2, 3]))
    pd.testing.assert_series_equal(run("max(a, b)", a=a, b=b), series([4, 5, 6]))
    pd.testing.assert_series_equal(run("min(a, b, 2)", a=a, b=b), series([1, 2, 2]))
    pd.testing.assert_series_equal(run("max(a, 1)", a=pd.Series([0, 3])), series([1, 3]))


def test_min_max_propagate_missing_values():
    result = run("max(a, 1)", a=np.array([NAN, 0.0, 5.0]))
    np.testing.assert_array_equal(result, [NAN, 1.0, 5.0])


def test_log_natural_and_with_base():
    x = np.array([1.0, math.e, 0.0, -5.0])
    np.testing.assert_allclose(run("log(x)", x=x), [0.0, 1.0, NAN, NAN])
    result = run("log(x, 10)", x=pd.Series([100, 1000, 0, -5]))
    pd.testing.assert_series_equal(result, series([2.0, 3.0, NAN, NAN]))
    assert math.isnan(run("log(5, 1)"))
    assert math.isnan(run("log(5, 0)"))
    np.testing.assert_allclose(
        run("log(attacks + 1)", attacks=np.array([0.0, 9.0])), [0, math.log(10)]
    )


def test_abs_and_unary_minus():
    a = np.array([-2.0, 3.0])
    np.testing.assert_array_equal(run("abs(a)", a=a), [2.0, 3.0])
    np.testing.assert_array_equal(run("-a + 3", a=a), [5.0, 0.0])
    np.testing.assert_array_equal(run("-(a - 1)", a=a), [3.0, -2.0])
    np.testing.assert_array_equal(run("--a", a=a), [-2.0, 3.0])


def test_series_are_aligned_on_their_index():
    a = series([1, 2], index=["x", "y"])
    b = series([10, 20], index=["y", "z"])
    pd.testing.assert_series_equal(run("a + b", a=a, b=b), series([NAN, 12, NAN], ["x", "y", "z"]))
    pd.testing.assert_series_equal(
        run("max(a, b)", a=a, b=b), series([NAN, 10, NAN], ["x", "y", "z"])
    )


def test_series_with_array_and_scalar_keeps_series_index():
    a = pd.Series([1, 2, 3], index=[10, 20, 30])
    result = run("a * b + c", a=a, b=np.array([2, 2, 2]), c=1)
    pd.testing.assert_series_equal(result, series([3, 5, 7], index=[10, 20, 30]))


def test_nullable_and_boolean_inputs_become_float_with_nan():
    a = pd.Series([1, None, 3], dtype="Int64")
    b = pd.Series([True, False, True])
    pd.testing.assert_series_equal(run("a + b", a=a, b=b), series([2, NAN, 4]))
    assert a.dtype == "Int64"  # inputs are not modified


def test_long_sums_are_not_nested_deeply():
    text = " + ".join(f"c{i}" for i in range(1000))
    assert run(text, **{f"c{i}": 1 for i in range(1000)}) == 1000.0


def test_multiline_and_indented_text_is_accepted():
    expression = parse_expression("  killed_civilians\n  + killed_security\r\n  + 1")
    assert expression.evaluate({"killed_civilians": 2, "killed_security": 3}) == 6.0


def test_no_warnings_leak(recwarn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x = np.array([0.0, -1.0, 1e308, NAN, math.inf])
        run("x / 0 + log(x) + x * 10 + 0 / x + log(x, x) - x", x=x)
        run("1 / 0 + log(-1) + 1e308 * 10")
        run("a / b", a=pd.Series([0, 1]), b=pd.Series([0, 0]))
    assert len(recwarn) == 0


def test_expression_is_compiled_once_and_reusable():
    expression = parse_expression("a * 2")
    assert expression.evaluate({"a": 1}) == 2.0
    assert expression.evaluate({"a": np.array([3.0])})[0] == 6.0
    assert expression == parse_expression("a * 2")
    with pytest.raises(AttributeError):
        expression.text = "b"  # type: ignore[misc]


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "killed_civilians + killed_security + killed_militants",
            {"killed_civilians", "killed_security", "killed_militants"},
        ),
        (
            "militants_killed / security_forces_killed",
            {"militants_killed", "security_forces_killed"},
        ),
        ("max(attacks, 1)", {"attacks"}),
        ("log(x, 10) + x * abs(y)", {"x", "y"}),
        ("1 + 2", set()),
        ("min + 1", {"min"}),  # a column may be called min when it is not called
    ],
)
def test_names(text, names):
    expression = parse_expression(text)
    assert isinstance(expression, Expression)
    assert expression.names == frozenset(names)
    assert expression.text == text


def test_missing_name_is_reported_with_suggestion_and_column():
    expression = parse_expression("attacks / population")
    with pytest.raises(ExpressionError) as info:
        expression.evaluate({"attacks": 1, "populaton": 2})
    assert info.value.message == "unknown name 'population' (did you mean 'populaton'?)"
    assert info.value.column == 11
    with pytest.raises(ExpressionError) as info:
        expression.evaluate({})
    assert info.value.message == "unknown names 'attacks', 'population'"
    assert info.value.column == 1


def test_non_numeric_values_are_reported():
    expression = parse_expression("a + 1")
    with pytest.raises(ExpressionError, match=r"^'a' is not numeric \("):
        expression.evaluate({"a": pd.Series(["x", "y"])})
    with pytest.raises(ExpressionError, match=r"^'a' is not numeric \("):
        expression.evaluate({"a": "12"})


def test_mismatched_lengths_are_reported():
    with pytest.raises(ExpressionError, match=r"^cannot compute 'a \+ b': "):
        run("a + b", a=np.array([1.0, 2.0]), b=np.array([1.0, 2.0, 3.0]))


# --- rejected syntax --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("__import__('os')", f"unknown function '__import__'; {FUNCS}", 1),
        ("a.b", "'a.b': '.' is not allowed; names may contain only letters, digits and '_'", 1),
        (
            "a.sum()",
            "'a.sum': '.' is not allowed; names may contain only letters, digits and '_'",
            1,
        ),
        ("a[0]", f"'[...]' (indexing) is not allowed; {HINT}", 1),
        ("a ** 2", f"'**' is not allowed; {HINT}", 3),
        ("(a)**(2)", f"'**' is not allowed; {HINT}", 4),
        ("a // 2", f"'//' is not allowed; {HINT}", 3),
        ("a % 2", f"'%' is not allowed; {HINT}", 3),
        ("a @ b", f"'@' is not allowed; {HINT}", 3),
        ("a > 1", f"'>' is not allowed; {HINT}", 3),
        ("a == 1", f"'==' is not allowed; {HINT}", 3),
        ("a is not b", f"'is not' is not allowed; {HINT}", 3),
        ("a and b", f"'and' is not allowed; {HINT}", 3),
        ("a or b", f"'or' is not allowed; {HINT}", 3),
        ("not a", f"'not' is not allowed; {HINT}", 1),
        ("~a", f"'~' is not allowed; {HINT}", 1),
        (
            "'text'",
            "quoted text 'text' is not allowed; write column and indicator names without quotes",
            1,
        ),
        (
            "f'{a}'",
            "quoted text f'{a}' is not allowed; write column and indicator names without quotes",
            1,
        ),
        ("f(a)", f"unknown function 'f'; {FUNCS}", 1),
        ("sqrt(a)", f"unknown function 'sqrt'; {FUNCS}", 1),
        ("mx(a, 1)", f"unknown function 'mx'; {FUNCS} (did you mean 'max'?)", 1),
        ("(a + b)(c)", f"only functions can be called; {FUNCS}", 1),
        ("lambda: 1", f"'lambda: 1' is not allowed; {HINT}", 1),
        ("a if b else c", f"'a if b else c' is not allowed; {HINT}", 1),
        ("[a, b]", f"'[a, b]' is not allowed; {HINT}", 1),
        ("a, b", f"',' outside a function call is not allowed; {HINT}", 1),
        ("min(*a, b)", f"'*a' is not allowed; {HINT}", 5),
        (
            "max(a)",
            "max() compares values element by element and needs at least 2 arguments, "
            "e.g. max(a, 1); got 1",
            1,
        ),
        ("log()", "log() takes 1 or 2 arguments: log(x) or log(x, base); got 0", 1),
        ("log(a, 2, 3)", "log() takes 1 or 2 arguments: log(x) or log(x, base); got 3", 1),
        ("abs(a, b)", "abs() takes exactly 1 argument; got 2", 1),
        ("min(a, key=b)", "keyword argument 'key=' is not allowed; write min(a, b)", 8),
        ("_secret", "name '_secret' is not allowed; names must not start with '_'", 1),
        ("a + __class__", "name '__class__' is not allowed; names must not start with '_'", 5),
        ("True", "'True' is not a number; use 1 for true and 0 for false", 1),
        ("None", f"'None' is not allowed; {HINT}", 1),
        ("2j", f"'2j' is not allowed; {HINT}", 1),
        ("1e999", "number '1e999' is too large", 1),
        ("a + 1 # note", f"'#' is not allowed; {HINT}", 7),
        ("", "empty expression", None),
        ("  \n ", "empty expression", None),
        ("(a + b", "syntax error at column 1: '(' was never closed", 1),
        ("a + b)", "syntax error at column 6: unmatched ')'", 6),
        ("max(a, (b)", "syntax error at column 4: '(' was never closed", 4),
        (
            "a +",
            "syntax error at column 4: "
            "the expression ends too early; is something missing at the end?",
            4,
        ),
        (
            "max(a b)",
            "syntax error at column 5: "
            "invalid syntax; is a comma or an operator (+ - * /) missing?",
            5,
        ),
        ("2a", "syntax error at column 1: invalid decimal literal", 1),
        ("  a ** 2", f"'**' is not allowed; {HINT}", 5),
        ("é + b ** 2", f"'**' is not allowed; {HINT}", 7),
        ("a +\n b ** 2", f"'**' is not allowed; {HINT}", 8),
        (
            "-(" * 150 + "a" + ")" * 150,
            "expression is nested too deeply (over 100 levels)",
            203,
        ),
    ],
)
def test_rejected_syntax(text, message, column):
    with pytest.raises(ExpressionError) as info:
        parse_expression(text)
    assert info.value.message == message
    assert str(info.value) == message
    assert info.value.column == column
    assert isinstance(info.value, ValueError)


def test_non_string_is_rejected():
    with pytest.raises(ExpressionError, match="an expression must be text, not int"):
        parse_expression(3)  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
BINARY = {
    "a + b": np.add,
    "a - b": np.subtract,
    "a * b": np.multiply,
    "a / b": np.divide,
    "min(a, b)": np.minimum,
    "max(a, b)": np.maximum,
    "abs(a) - b": lambda a, b: np.abs(a) - b,
    "-a * b": lambda a, b: np.negative(a) * b,
    "log(abs(a) + 1, abs(b) + 2)": lambda a, b: np.log(np.abs(a) + 1) / np.log(np.abs(b) + 2),
}


@given(a=finite, b=finite.filter(lambda b: b != 0), text=st.sampled_from(sorted(BINARY)))
def test_scalars_match_numpy(a, b, text):
    with np.errstate(all="ignore"):
        expected = BINARY[text](np.float64(a), np.float64(b))
    np.testing.assert_array_equal(run(text, a=a, b=b), expected)


@given(
    pairs=st.lists(st.tuples(finite, finite.filter(lambda b: b != 0)), min_size=1, max_size=8),
    text=st.sampled_from(sorted(BINARY)),
)
def test_series_match_numpy(pairs, text):
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    with np.errstate(all="ignore"):
        expected = BINARY[text](a, b)
    result = run(text, a=pd.Series(a), b=pd.Series(b))
    np.testing.assert_array_equal(result.to_numpy(), expected)


EXPRESSION_CHARS = string.ascii_letters[:8] + "_019.e +-*/%()[],:'\"#=<>!&|~@\n\\" + "minaxlogbs"


@settings(deadline=None, max_examples=300)
@given(text=st.text() | st.text(alphabet=string.printable) | st.text(alphabet=EXPRESSION_CHARS))
def test_arbitrary_text_only_raises_expression_error(text):
    try:
        expression = parse_expression(text)
    except ExpressionError as exc:
        assert exc.message
        assert exc.column is None or exc.column >= 1
        return
    values = {name: np.array([0.0, -1.0, 2.5, NAN, math.inf]) for name in expression.names}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = expression.evaluate(values)
    assert np.asarray(result).dtype == np.float64

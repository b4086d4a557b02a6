"""Row filters: every operator on category, integer, number, date, text and boolean columns.

Each expected list names, by hand, the rows of ``FRAME`` that pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

import ctscore
from ctscore.api import Project
from ctscore.compute.filters import FilterError, filter_mask
from ctscore.errors import UserError
from ctscore.spec.filters import Filter

# Row:          0          1          2         3        4
FRAME = pd.DataFrame(
    {
        "province": pd.Series(["Punjab", "Sindh", None, "Balochistan", "Punjab"], dtype="category"),
        "killed": pd.Series([0, 3, None, 10, 1], dtype="Int64"),
        "score": pd.Series([0.5, np.nan, 2.0, -1.0, 2.0], dtype="float64"),
        "day": pd.to_datetime(["2024-01-01", "2024-02-15", "2024-03-31", None, "2023-12-31"]),
        "note": pd.Series(["alpha", "beta", "gamma", None, "alpha"], dtype="str"),
        "claimed": pd.Series([True, False, None, True, False], dtype="boolean"),
    }
)


def rows(spec: dict) -> list[int]:
    return np.flatnonzero(filter_mask(FRAME, Filter.model_validate(spec))).tolist()


def test_no_filter_keeps_every_row():
    assert filter_mask(FRAME, None).tolist() == [True] * 5


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"province": "Punjab"}, [0, 4]),
        ({"province": ["Sindh", "Balochistan"]}, [1, 3]),
        ({"province": {"eq": "Sindh"}}, [1]),
        ({"province": {"ne": "Punjab"}}, [1, 3]),  # the missing province does not pass
        ({"province": {"in": ["Punjab", "Nowhere"]}}, [0, 4]),
        ({"province": {"not_in": ["Punjab"]}}, [1, 3]),
        ({"province": {"is_null": True}}, [2]),
        ({"province": {"is_null": False}}, [0, 1, 3, 4]),
        ({"province": {"lt": "Punjab"}}, [3]),  # text order: Balochistan < Punjab
        ({"province": {"gte": "Punjab"}}, [0, 1, 4]),
        ({"province": {"between": ["C", "R"]}}, [0, 4]),
        ({"province": {"is_null": False, "ne": "Sindh"}}, [0, 3, 4]),
    ],
)
def test_category_column(spec, expected):
    assert rows(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"killed": 3}, [1]),
        ({"killed": [0, 1]}, [0, 4]),
        ({"killed": {"ne": 0}}, [1, 3, 4]),
        ({"killed": {"lt": 3}}, [0, 4]),
        ({"killed": {"lte": 3}}, [0, 1, 4]),
        ({"killed": {"gt": 3}}, [3]),
        ({"killed": {"gte": 1}}, [1, 3, 4]),
        ({"killed": {"between": [1, 3]}}, [1, 4]),
        ({"killed": {"gt": 0, "lt": 10}}, [1, 4]),
        ({"killed": {"not_in": [0, 10]}}, [1, 4]),
        ({"killed": {"is_null": True}}, [2]),
        ({"score": {"gt": 0}}, [0, 2, 4]),
        ({"score": {"lt": 0.5}}, [3]),
        ({"score": {"ne": 2.0}}, [0, 3]),
        ({"score": {"is_null": True}}, [1]),
    ],
)
def test_numeric_columns_and_missing_values_never_compare(spec, expected):
    assert rows(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"day": {"gte": dt.date(2024, 1, 1)}}, [0, 1, 2]),
        ({"day": {"lt": dt.date(2024, 1, 1)}}, [4]),
        ({"day": {"between": [dt.date(2024, 1, 1), dt.date(2024, 2, 15)]}}, [0, 1]),
        ({"day": dt.date(2024, 3, 31)}, [2]),
        ({"day": {"in": [dt.date(2024, 3, 31), dt.date(2023, 12, 31)]}}, [2, 4]),
        ({"day": {"gt": "2024-02-01"}}, [1, 2]),  # a quoted date works too
        ({"day": {"is_null": True}}, [3]),
    ],
)
def test_date_column(spec, expected):
    assert rows(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"note": "alpha"}, [0, 4]),
        ({"note": {"ne": "alpha"}}, [1, 2]),
        ({"note": {"gt": "alpha"}}, [1, 2]),
        ({"note": {"not_in": ["beta"]}}, [0, 2, 4]),
        ({"note": {"is_null": True}}, [3]),
        ({"claimed": True}, [0, 3]),
        ({"claimed": {"ne": True}}, [1, 4]),
        ({"claimed": {"is_null": True}}, [2]),
    ],
)
def test_text_and_boolean_columns(spec, expected):
    assert rows(spec) == expected


def test_keys_of_one_mapping_must_all_hold():
    assert rows({"province": "Punjab", "killed": {"gte": 1}}) == [4]


def test_any_all_and_not_nest():
    assert rows({"any": [{"province": "Sindh"}, {"killed": {"gte": 10}}]}) == [1, 3]
    assert rows({"all": [{"killed": {"gte": 0}}, {"note": "alpha"}]}) == [0, 4]
    # not: the plain opposite, so the row with a missing province passes
    assert rows({"not": {"province": "Punjab"}}) == [1, 2, 3]
    nested = {
        "any": [
            {"all": [{"province": "Punjab"}, {"not": {"killed": 0}}]},
            {"not": {"any": [{"killed": {"is_null": False}}, {"note": "gamma"}]}},
        ]
    }
    assert rows(nested) == [4]
    assert rows({"province": {"is_null": False}, "not": {"note": "alpha"}}) == [1, 3]


def test_comparing_text_with_a_number_is_a_clear_error():
    with pytest.raises(FilterError, match=r"cannot compare the column 'note' \(text\) with 5"):
        rows({"note": {"gt": 5}})


def test_null_operator_values_are_refused():
    with pytest.raises(ValidationError, match="is_null"):
        Filter.model_validate({"province": {"eq": None}})


@pytest.mark.parametrize(
    ("spec", "message", "path"),
    [
        ({"day": "last year"}, "'last year' is not a date", ("day",)),
        ({"day": {"gte": "soon"}}, "'soon' is not a date", ("day",)),
        ({"day": {"lt": 2024}}, "2024 is not a date", ("day",)),
        ({"day": ["2024-01-01", "later"]}, "'later' is not a date", ("day",)),
        (
            {"any": [{"province": "Punjab"}, {"not": {"day": {"in": ["2024-01-01", "x"]}}}]},
            "'x' is not a date",
            ("any", 1, "not", "day"),
        ),
        ({"all": [{"note": {"gt": 5}}]}, r"column 'note' \(text\) with 5", ("all", 0, "note")),
        ({"colour": "red"}, "the source has no column 'colour'", ("colour",)),
    ],
)
def test_a_test_that_cannot_apply_says_where_it_is(spec, message, path):
    with pytest.raises(FilterError, match=message) as caught:
        rows(spec)
    assert caught.value.path == path


def test_dates_written_as_text_or_as_dates_agree():
    assert rows({"day": "2024-03-31"}) == rows({"day": dt.date(2024, 3, 31)}) == [2]
    assert rows({"day": {"lte": " 2024-01-01 "}}) == [0, 4]


def test_a_filter_that_cannot_apply_is_reported_at_the_indicator(project):
    root = project(
        {
            "indicators/i.yaml": """\
                indicators:
                  - id: odd
                    title: Odd
                    description: Compares text with a number.
                    unit: events
                    direction: lower_is_better
                    source: events
                    filter: {province: {gt: Punjab}}
                    measure: {kind: count}
                """
        }
    )
    loaded = ctscore.load_project(root)
    # The spec check refuses {gt: 5} on a text column; the engine must too, on its own.
    spec = loaded.spec
    odd = spec.indicators["odd"].model_copy(
        update={"filter": Filter.model_validate({"province": {"gt": 5}})}
    )
    alone = Project(dataclasses.replace(spec, indicators={"odd": odd}))
    with pytest.raises(UserError) as caught:
        alone.compute()
    assert [str(d) for d in caught.value.diagnostics] == [
        "indicators/i.yaml:8:14: indicators[odd].filter.province: cannot compare the column "
        "'province' (text) with 5"
    ]

"""Population for rates: headcounts by year and breakdown value, read once per compute call.

A rate divides by the population of the year each period starts in. What counts as missing:

* for a breakdown value (e.g. one province) the population is the sum of the population
  rows of that year and value; it is missing when there is no such row, or when any of
  them has no number;
* for the total it is the sum of every population row of that year; it is missing when any
  of them has no number, **or** when the data behind the indicator has rows in a period
  starting that year for a region with no population row for that year. A region is a value
  of a column the population shares with the indicator's dimensions (e.g. ``province``),
  whatever the indicator's filter; rows whose region is empty are not a region.

A rate with a missing population has no value and no flag (a population of 0: no value and
the zero-denominator flag). The total is never a sum over the regions that happen to have a
number: 120 attacks over a population counting only some of the regions that had them would
overstate the national rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.compute.result import ALL
from ctscore.compute.rows import MISSING, labels


class Population:
    """One population source (with its year and headcount columns) over a period grid."""

    def __init__(self, frame: pd.DataFrame, year: str, people: str, start_years: np.ndarray):
        self._frame = frame
        self._year = pd.to_numeric(frame[year], errors="coerce").astype("float64")
        self._people = pd.to_numeric(frame[people], errors="coerce").astype("float64")
        self._start_years = start_years.astype("float64")
        _, self._year_of_period = np.unique(start_years, return_inverse=True)
        self._cells: dict[str | None, tuple[pd.DataFrame, pd.DataFrame]] = {}

    def by(self, dimension: str, groups: list[str]) -> np.ndarray:
        """Population of each period (rows) and breakdown value (columns)."""
        people, _ = self._table(dimension)
        return self._on_grid(people, groups).to_numpy(dtype="float64", na_value=np.nan)

    def total(self, regions: list[tuple[str, list[str], np.ndarray]]) -> np.ndarray:
        """Population of each period, shape (periods, 1). ``regions``: for each column the
        population shares with the indicator, the column's values and whether the data
        behind the indicator has rows of each value in each period (periods x values)."""
        people, _ = self._table(None)
        total = self._on_grid(people, [ALL]).to_numpy("float64", copy=True, na_value=np.nan)
        for column, values, present in regions:
            _, table = self._table(column)
            listed = self._on_grid(table, values, fill=0).to_numpy(dtype="int64") > 0
            lacking = self._in_year(present) & ~listed
            lacking[:, [v == MISSING for v in values]] = False
            total[lacking.any(axis=1)] = np.nan
        return total

    def _table(self, dimension: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(population, number of rows) by year (rows) and value of ``dimension`` (columns);
        the population is missing where any row of the cell has no number."""
        if dimension not in self._cells:
            group = ALL if dimension is None else labels(self._frame[dimension])
            rows = pd.DataFrame({"year": self._year, "group": group, "people": self._people})
            cells = rows.dropna(subset=["year", "group"]).groupby(["year", "group"])["people"]
            complete = cells.count() == cells.size()
            people = cells.sum().where(complete).unstack()
            self._cells[dimension] = people, cells.size().unstack(fill_value=0)
        return self._cells[dimension]

    def _on_grid(self, table: pd.DataFrame, groups: list[str], fill=np.nan) -> pd.DataFrame:
        return table.reindex(index=self._start_years, columns=groups, fill_value=fill)

    def _in_year(self, present: np.ndarray) -> np.ndarray:
        """Per period: whether any period starting in the same year is flagged."""
        years = np.zeros((self._year_of_period.max() + 1, present.shape[1]), dtype=bool)
        np.logical_or.at(years, self._year_of_period, present)
        return years[self._year_of_period]

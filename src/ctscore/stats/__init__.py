"""Statistics of policy effect: pure functions over numbers and arrays.

One module per family, each built on scipy and statsmodels:

* ``intervals``: confidence intervals of one value (exact Poisson, Wilson, Clopper-Pearson,
  seeded bootstrap over events);
* ``comparisons``: the change between two values, with its interval and p-value;
* ``trends``: Mann-Kendall, seasonal Mann-Kendall and Sen's slope;
* ``its``: interrupted time series (segmented GLM regression around an event).

Nothing here knows about specs or result tables: callers pass numbers and get frozen
results back.
"""

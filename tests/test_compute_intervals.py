"""ci_low, ci_high and ci_method in the compute output, checked by hand on a tiny project.

events.csv (conftest): 2024-01-05 Punjab killed 2, 2024-02-10 Sindh killed 0
monthly counts: January 1 event, February 1 event (both in the total)
"""

from __future__ import annotations

import pytest
from scipy.stats import chi2

import ctscore

INDICATORS = """\
indicators:
  - {id: events_count, title: Events, description: d, unit: events, direction: lower_is_better,
     source: events, measure: {kind: count}}
  - {id: punjab, title: Punjab events, description: d, unit: events, direction: lower_is_better,
     source: events, filter: {province: Punjab}, measure: {kind: count}}
  - {id: punjab_share, title: Share in Punjab, description: d, unit: share,
     direction: lower_is_better,
     measure: {kind: share, numerator: punjab, denominator: events_count}}
  - {id: killed, title: Killed, description: d, unit: deaths, direction: lower_is_better,
     source: events, measure: {kind: sum, column: killed}, dimensions: [province]}
"""


def computed(project, config: str = "") -> dict:
    root = project({"indicators/i.yaml": INDICATORS, "ctscore.yaml": "name: T\n" + config})
    table = ctscore.load_project(root).compute(period_type="month")
    return {(r.indicator, r.period): r for r in table.itertuples()}


def test_count_share_and_sum_intervals(project):
    rows = computed(project)
    january = rows["events_count", "2024-01"]
    # Garwood by hand: one event, 95%: chi2(0.025, 2) / 2 and chi2(0.975, 4) / 2.
    assert january.ci_low == pytest.approx(chi2.ppf(0.025, 2) / 2)
    assert january.ci_high == pytest.approx(chi2.ppf(0.975, 4) / 2)
    assert january.ci_method == "exact Poisson (Garwood)"
    # Wilson for 1 of 1 at 95%: z = 1.96, low = 1 / (1 + z^2), high = 1.
    share = rows["punjab_share", "2024-01"]
    z = 1.959963984540054
    assert share.ci_low == pytest.approx(1 / (1 + z**2)) and share.ci_high == pytest.approx(1)
    assert share.ci_method == "Wilson score"
    # One event (2 killed) in January: every bootstrap resample is that event.
    killed = rows["killed", "2024-01"]
    assert (killed.ci_low, killed.ci_high) == (2, 2)
    assert killed.ci_method == "bootstrap over events"


def test_confidence_and_share_method_come_from_ctscore_yaml(project):
    rows = computed(project, "confidence: 0.9\nshare_interval: clopper_pearson\n")
    assert rows["events_count", "2024-01"].ci_high == pytest.approx(chi2.ppf(0.95, 4) / 2)
    share = rows["punjab_share", "2024-02"]  # 0 of 1: Clopper-Pearson upper = 1 - 0.05
    assert share.ci_method == "Clopper-Pearson exact" and share.ci_high == pytest.approx(0.95)


def test_a_sums_bootstrap_resamples_the_events_of_the_period(project):
    # March: two events killing 0 and 10. Resampled sums are 0, 10 or 20 with chances
    # 1/4, 1/2, 1/4: the 95% percentile interval is 0 to 20.
    events = "id,date,province,killed\n1,2024-03-02,Punjab,0\n2,2024-03-20,Sindh,10\n"
    root = project({"indicators/i.yaml": INDICATORS, "events.csv": events})
    table = ctscore.load_project(root).compute("killed", "month", "province")
    by = {(r.dimension_value, r.period): r for r in table.itertuples()}
    total = by["All", "2024-03"]
    assert (total.value, total.ci_low, total.ci_high) == (10, 0, 20)
    assert (by["Sindh", "2024-03"].ci_low, by["Sindh", "2024-03"].ci_high) == (10, 10)
    again = ctscore.load_project(root).compute("killed", "month", "province")
    assert again["ci_low"].equals(table["ci_low"]) and again["ci_high"].equals(table["ci_high"])

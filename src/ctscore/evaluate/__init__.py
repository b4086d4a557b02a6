"""evaluate: turn computed indicator values into a scorecard's statuses, trends and notes."""

from ctscore.evaluate.scorecard import baseline_periods, choose_period, evaluate_scorecard

__all__ = ["baseline_periods", "choose_period", "evaluate_scorecard"]

"""evaluate: turn computed indicator values into a scorecard's statuses, trends and notes."""

from ctscore.evaluate.scorecard import choose_period, evaluate_scorecard

__all__ = ["choose_period", "evaluate_scorecard"]

"""The data-quality record: each broken rule as a row count, the first rows with their line
in the file and the value written there, and what was done (the build failed, or the rows
were dropped)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ctscore.data.columns import Failure
from ctscore.errors import Diagnostic

EXAMPLES = 5  # rows shown per broken rule
VALUES = 10  # distinct offending values listed, for rules about allowed values
# Offered only with its consequence: dropped rows are not counted anywhere.
DROP_HINT = (
    "; or set 'on_error: drop' on the source to leave such rows out (they are then counted "
    "nowhere, and each build warns how many were dropped)"
)


@dataclass(frozen=True)
class QualityIssue:
    """One data rule broken by some rows of a source, for the report's data-quality appendix."""

    source: str
    file: str
    column: str
    problem: str  # e.g. "not a whole number"
    rows: int
    examples: tuple[tuple[int, str], ...]  # (line in the file, offending value)
    action: str  # "dropped" or "failed"
    hint: str = ""  # how to fix it
    unit: str = "line"  # what ``examples`` count: line (CSV) or row (Excel, Parquet)
    values: tuple[tuple[str, int], ...] = ()  # distinct offending values and their rows
    rule: str = ""  # the broken rule: required, missing, type, allowed, min, max, unique...

    @property
    def first_rows(self) -> str:
        """``line 3 'two', line 7 'x' and 4 more``."""
        shown = ", ".join(f"{self.unit} {line} '{value}'" for line, value in self.examples)
        more = self.rows - len(self.examples)
        return shown + (f" and {more:,} more" if more > 0 else "")

    @property
    def advice(self) -> str:
        """The distinct offending values (when listed) and the hint."""
        listed = ", ".join(f"'{value}' ×{count:,}" for value, count in self.values)
        listed = f"values {listed}" if listed else ""
        return "; ".join(part for part in (listed, self.hint) if part)

    @property
    def detail(self) -> str:
        """``not a whole number in 2 rows: line 3 'two', line 7 'x'``, then the advice."""
        plural = "s" if self.rows != 1 else ""
        advice = f" ({self.advice})" if self.advice else ""
        return f"{self.problem} in {self.rows:,} row{plural}: {self.first_rows}{advice}"

    def __str__(self) -> str:
        return f"{self.column}: {self.detail}"


def quality_issue(
    source_id: str, shown: str, failure: Failure, lines: pd.Series, action: str, unit: str
) -> QualityIssue:
    """The record of one failure; ``lines`` holds each row's line in the file."""
    mask = failure.mask.to_numpy(dtype=bool)
    first = lines.to_numpy()[mask][:EXAMPLES]
    shown_values = failure.values[mask].head(EXAMPLES)
    examples = tuple(
        (int(line), _show(value)) for line, value in zip(first, shown_values, strict=True)
    )
    values: tuple[tuple[str, int], ...] = ()
    if failure.list_values and mask.sum() > len(examples):  # not every row is shown
        counts = failure.values[mask].astype("string").value_counts(dropna=False).head(VALUES)
        values = tuple((_show(value), int(count)) for value, count in counts.items())
    return QualityIssue(
        source_id,
        shown,
        failure.column,
        failure.problem,
        int(mask.sum()),
        examples,
        action,
        failure.hint,
        unit,
        values,
        failure.rule,
    )


def diagnostics(issues: list[QualityIssue]) -> list[Diagnostic]:
    """``file:line: column: message`` for each issue, at the first row that breaks it."""
    return [
        Diagnostic(
            issue.file,
            issue.examples[0][0] if issue.examples else None,
            None,
            issue.column,
            issue.detail + DROP_HINT,
            code=rule_code(issue.rule),
        )
        for issue in issues
    ]


def _show(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():  # a computed -3.0 is shown as -3
        return str(int(value))
    return str(value)


def rule_code(rule: str) -> str:
    """The stable code of a broken data rule (see ctscore.findings)."""
    return {
        "required": "empty_value",
        "missing": "empty_value",
        "type": "wrong_type",
        "allowed": "not_allowed_value",
        "min": "below_minimum",
        "max": "above_maximum",
        "unique": "repeated_value",
        "precision": "not_a_date_precision",
        "date": "not_a_date",
        "coverage": "outside_coverage",
    }.get(rule, rule or "data_rule")

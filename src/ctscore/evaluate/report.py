"""Assemble the frozen Report: evaluated sections, the one-line reading, the appendices."""

from __future__ import annotations

from ctscore.evaluate.formatting import change_size_text
from ctscore.evaluate.indicator import Setting
from ctscore.evaluate.methodology import codebooks, involved, method_note
from ctscore.evaluate.model import BuildFacts, Event, IndicatorReport, Report, Section
from ctscore.evaluate.status import JUDGED
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import column_label


def report(
    spec: ProjectSpec, setting: Setting, sections: tuple[Section, ...], facts: BuildFacts
) -> Report:
    card, calendar, period = setting.card, setting.calendar, setting.period
    shown = [ind for section in sections for ind in section.indicators]
    ids = involved(spec, [i.id for i in shown])
    sources = sorted({row.source for i in ids if (row := spec.row_indicator(i)) is not None})
    return Report(
        project=spec.config.name,
        organisation=spec.config.organisation,
        scorecard_id=card.id,
        title=card.title,
        subtitle=card.subtitle,
        audience=card.audience,
        scope=(
            f"{card.region.value} ({column_label(spec.sources.values(), card.region.dimension)})"
            if card.region
            else ""
        ),
        period=calendar.label(period),
        period_range=f"{period.start_time:%-d %B %Y} to {period.end_time:%-d %B %Y}",
        period_noun=setting.noun,
        issued=facts.issued,
        reading=reading(shown, setting.noun, calendar.label(period)),
        synthetic=any(spec.sources[s].synthetic for s in sources),
        sections=sections,
        events=tuple(
            Event(e.date.isoformat(), e.title, e.description, _event_label(e))
            for e in sorted(spec.policy_events.values(), key=lambda e: (e.date, e.id))
        ),
        methodology=tuple(method_note(spec, spec.indicators[i]) for i in ids if "." not in i),
        codebooks=codebooks(spec, sources),
        quality=facts.quality,
        partial_periods=facts.partial_periods,
        precision=facts.precision,
        unknown_codes=facts.unknown_codes,
        inputs=facts.inputs,
        version=facts.version,
        command=facts.command,
        baseline_text=_baseline_text(spec, setting),
        baseline_periods=tuple(calendar.label(p) for p in setting.baseline_periods),
        findings=facts.findings,
        issued_basis=facts.issued_basis,
        citations=tuple(_citation(spec.sources[s]) for s in sources if _citation(spec.sources[s])),
        blanks=facts.blanks,
        comparison_labels=tuple(
            setting.comparison_label(lag, with_period=False) for _, lag in setting.lags()
        ),
        confidence_text=f"{spec.config.confidence:.0%}",
    )


def _citation(source) -> str:
    """'UCDP GED, Pakistan: Sundberg and Melander (2013) ... Licence: CC BY 4.0.'"""
    parts = [source.citation.strip().rstrip(".")] if source.citation.strip() else []
    parts += [f"Licence: {source.licence.strip()}"] if source.licence.strip() else []
    return f"{source.title}: {'. '.join(parts)}." if parts else ""


def _event_label(event) -> str:
    """A month-precise event shows its month, labelled: '2007-12 (month)'."""
    return f"{event.date:%Y-%m} (month)" if event.date_precision == "month" else ""


def reading(shown: list[IndicatorReport], noun: str, period: str) -> str:
    """One line on the period: the headline indicator's move, then the targets' verdicts."""
    if not shown:
        return ""
    first = shown[0]
    text = f"{period}: {_move(first, noun)}"
    judged = [i for i in shown if i.status.code in JUDGED]
    targets = [i for i in shown if i.status.code != "none"]
    if not targets:
        return text
    counts = [
        f"{n} {word}"
        for code, word in JUDGED.items()
        if (n := sum(i.status.code == code for i in judged))
    ]
    unjudged = len(targets) - len(judged)
    if unjudged:
        counts.append(f"{unjudged} with insufficient data")
    noun_targets = "indicator" if len(targets) == 1 else "indicators"
    return f"{text} Of {len(targets)} {noun_targets} with a target: {', '.join(counts)}."


def _move(indicator: IndicatorReport, noun: str) -> str:
    """'Terrorist attacks rose 16.5% on the previous quarter to 148 (95% CI +2% to +33%).'

    A rise or a fall is called only when the change's interval excludes no change; otherwise
    the change is within normal variation, and a change without a test is only stated."""
    title = _lower_first(indicator.title)
    previous = next((c for c in indicator.comparisons if c.short_label == f"previous {noun}"), None)
    if previous is None or previous.change is None:
        text = f"{title} stood at {indicator.value_text}"
        return _with_trend(text, indicator)
    change = previous.change_text
    interval = previous.test_text.split(",")[0] if previous.test_text else ""
    if previous.beyond_chance:
        verb = "rose" if previous.change > 0 else "fell"
        size = change_size_text(previous.change, previous.in_points)
        text = f"{title} {verb} {size} on the previous {noun} to {indicator.value_text}"
        text += f", beyond chance ({interval})"
    elif previous.beyond_chance is False:
        text = (
            f"{title} stood at {indicator.value_text}, within normal variation of the "
            f"previous {noun} ({change}, {interval})"
        )
    else:
        text = (
            f"{title} stood at {indicator.value_text} ({change} on the previous {noun}, untested)"
        )
    return _with_trend(text, indicator)


def _with_trend(text: str, indicator: IndicatorReport) -> str:
    if indicator.trend_arrow in ("↑", "↓"):
        text += f"; over the trend window, {indicator.trend_phrase}"
    return text[0].upper() + text[1:] + "."


def _lower_first(text: str) -> str:
    """'Terrorist attacks' -> 'terrorist attacks'; acronyms such as 'GTI score' stay."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _baseline_text(spec: ProjectSpec, setting: Setting) -> str:
    labels = [setting.calendar.label(p) for p in setting.baseline_periods]
    if not labels:
        return ""
    text = labels[0] if len(labels) == 1 else f"average of {labels[0]} to {labels[-1]}"
    window = setting.card.baseline.before_event if setting.card.baseline else None
    if window:
        event = spec.policy_events[window.event]
        when = _event_label(event) or event.date
        text += f", the {len(labels)} {setting.noun}s before “{event.title}” ({when})"
    return text

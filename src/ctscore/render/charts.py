"""Trend and breakdown charts as inline SVG (matplotlib), reproducible byte for byte."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from ctscore.evaluate.model import Event, IndicatorReport

INK, ACCENT, MUTED, TARGET = "#1f2933", "#1d4e89", "#9aa5b1", "#b7410e"
plt.rcParams.update(
    {
        "svg.hashsalt": "ctscore",  # fixed ids inside the SVG: same inputs, same bytes
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
    }
)


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _scale(indicator: IndicatorReport, value: float | None) -> float | None:
    if value is None:
        return None
    return value * 100 if indicator.percent else value


def trend_chart(indicator: IndicatorReport, events: tuple[Event, ...], period_noun: str) -> str:
    points = indicator.trend
    xs = list(range(len(points)))
    ys = [_scale(indicator, p.value) for p in points]
    figure, axes = plt.subplots(figsize=(6.4, 2.3))
    axes.plot(
        xs,
        [y if y is not None else float("nan") for y in ys],
        color=ACCENT,
        marker="o",
        markersize=3,
        linewidth=1.6,
    )
    if indicator.target_value is not None:
        target = _scale(indicator, indicator.target_value)
        axes.axhline(target, color=TARGET, linestyle="--", linewidth=1)
        axes.annotate(
            "target",
            (xs[-1], target),
            color=TARGET,
            fontsize=7,
            xytext=(2, 3),
            textcoords="offset points",
        )
    starts = [p.start for p in points]
    for event in events:
        if starts[0] <= event.date and (
            event.date < starts[-1] or event.date[:7] <= starts[-1][:7]
        ):
            position = sum(s <= event.date for s in starts) - 1
            axes.axvline(position, color=MUTED, linewidth=0.8)
            axes.annotate(
                event.title,
                (position, 1.0),
                xycoords=("data", "axes fraction"),
                rotation=90,
                va="top",
                ha="right",
                fontsize=6.5,
                color=INK,
                xytext=(-2, -2),
                textcoords="offset points",
            )
    step = max(1, len(points) // 8)
    axes.set_xticks(xs[::step], [p.period for p in points][::step], fontsize=7)
    axes.set_xlabel(period_noun.capitalize())
    axes.set_ylabel(("%" if indicator.percent else indicator.unit)[:28])
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    axes.set_ylim(bottom=min(0, *(y for y in ys if y is not None)) if any(ys) else 0)
    return _svg(figure)


def sparkline(indicator: IndicatorReport) -> str:
    ys = [_scale(indicator, p.value) for p in indicator.trend][-8:]
    figure, axes = plt.subplots(figsize=(0.9, 0.25))
    axes.plot(
        range(len(ys)),
        [y if y is not None else float("nan") for y in ys],
        color=ACCENT,
        linewidth=1,
    )
    axes.axis("off")
    figure.subplots_adjust(0, 0, 1, 1)
    return _svg(figure)


def breakdown_chart(indicator: IndicatorReport) -> str:
    shares = [s for s in indicator.breakdown if s.value is not None][:10]
    figure, axes = plt.subplots(figsize=(6.4, 0.28 * max(len(shares), 2) + 0.5))
    names = [s.name for s in shares][::-1]
    values = [_scale(indicator, s.value) for s in shares][::-1]
    axes.barh(names, values, color=ACCENT, height=0.6)
    for y, (value, share) in enumerate(zip(values, shares[::-1], strict=True)):
        axes.annotate(
            share.value_text,
            (value, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    axes.set_xlabel(("%" if indicator.percent else indicator.unit)[:40])
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=7)
    return _svg(figure)

"""Trend charts (matplotlib) and sparklines as inline SVG, reproducible byte for byte.

Charts are drawn at the size they are printed, so 7 pt in the chart is 7 pt on paper.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import matplotlib
from cycler import cycler

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FixedLocator

from ctscore.evaluate.model import Event, IndicatorReport, Point
from ctscore.render.labels import place_labels
from ctscore.render.svg import inline_svg

INK, ACCENT, MUTED, TARGET, BAND = "#1f2933", "#1d4e89", "#7b8794", "#b7410e", "#e4e7eb"
WIDTH, HEIGHT = 3.8, 1.95  # inches: the chart column of an indicator block
MARGINS = {"left": 0.6, "right": 0.1, "bottom": 0.4}  # inches
LABEL_ROW = 0.125  # inches per row of event labels above the plot
EVENT_FONT = 6.3
plt.rcParams.update(
    {
        "svg.hashsalt": "ctscore",  # ids inside the SVG from a fixed salt: same inputs, same bytes
        "svg.fonttype": "none",  # text stays text, set by WeasyPrint in the report's font
        "font.family": "DejaVu Sans",
        "font.size": 7,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.labelsize": 7,
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.labelsize": 6.5,
        "ytick.labelsize": 6.5,
        "text.parse_math": False,  # labels are plain text: '$x$' in a title is not TeX
        # Every line names its colour; a one-colour cycle spares each new axes copying ten.
        "axes.prop_cycle": cycler(color=[ACCENT]),
    }
)


def trend_chart(indicator: IndicatorReport, events: tuple[Event, ...], noun: str, baseline=()):
    """The indicator over the last periods: target line, baseline band, policy events."""
    points = indicator.trend
    figure, axes = plt.subplots(figsize=(WIDTH, HEIGHT))
    ys = [_scale(indicator, p.value) for p in points]
    xs = list(range(len(points)))
    line = [float("nan") if y is None else y for y in ys]
    lows = [_scale(indicator, p.low) for p in points]
    highs = [_scale(indicator, p.high) for p in points]
    if any(v is not None for v in lows):
        nan = float("nan")
        axes.fill_between(
            xs,
            [nan if v is None else v for v in lows],
            [nan if v is None else v for v in highs],
            color=ACCENT,
            alpha=0.15,
            linewidth=0,
        )
        ys_for_limits = ys + [v for v in lows + highs if v is not None]
    else:
        ys_for_limits = ys
    axes.plot(xs, line, color=ACCENT, linewidth=1.4, marker="o", markersize=2.2)
    if ys and ys[-1] is not None:
        axes.plot([xs[-1]], [ys[-1]], "o", color=ACCENT, ms=4.5, mec="white", mew=0.8)
    _baseline_band(axes, points, baseline)
    target = _scale(indicator, indicator.target_value)
    if target is not None:
        axes.axhline(target, color=TARGET, linestyle="--", linewidth=0.9)
    _axes_style(axes, indicator, points, noun, ys_for_limits)
    figure.subplots_adjust(
        left=MARGINS["left"] / WIDTH,
        right=1 - MARGINS["right"] / WIDTH,
        bottom=MARGINS["bottom"] / HEIGHT,
        top=1 - 0.1 / HEIGHT,
    )
    rows = _event_labels(figure, axes, points, events)  # horizontal layout is final here
    figure.subplots_adjust(top=1 - (0.1 + rows * LABEL_ROW) / HEIGHT)
    # Every mark lies inside the axes limits (they hold the band and the target): no clipping.
    return _svg(figure, f"chart-{indicator.id}", clip=False)


def _axes_style(axes, indicator: IndicatorReport, points, noun: str, ys) -> None:
    step = max(1, -(-len(points) // 5))
    ticks = list(range(len(points) - 1, -1, -step))[::-1]  # always label the reported period
    axes.set_xticks(ticks, [points[i].period for i in ticks])
    axes.xaxis.set_minor_locator(FixedLocator(range(len(points))))
    axes.set_xlim(-0.6, len(points) - 0.4)
    axes.set_xlabel(noun.capitalize())
    unit = "percent" if indicator.percent else indicator.unit
    axes.set_ylabel("\n".join(textwrap.wrap(unit, 24)[:2]))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color=BAND, linewidth=0.6)
    axes.set_axisbelow(True)
    known = [y for y in ys if y is not None]
    if indicator.target_value is not None:
        known.append(_scale(indicator, indicator.target_value))
    low = min(known, default=0)
    high = max(known, default=1)
    axes.set_ylim(min(0, low * 1.1), (high * 1.12) if high > 0 else 1)


def _baseline_band(axes, points: tuple[Point, ...], baseline: tuple[str, ...]) -> None:
    inside = [i for i, p in enumerate(points) if p.period in baseline]
    if inside:
        axes.axvspan(min(inside) - 0.5, max(inside) + 0.5, color=BAND, alpha=0.7, lw=0)


def _event_labels(figure, axes, points, events) -> int:
    """Mark each event inside the charted range with a dotted line and a label above the
    plot, laid out so that labels never overlap (see ``labels``). Returns the rows used."""
    marks = sorted((x, e.title) for e in events if (x := _event_x(points, e.date)) is not None)
    if not marks:
        return 0
    renderer = figure.canvas.get_renderer()
    to_pixels = axes.transData.transform
    anchors = [float(to_pixels((x, 0))[0]) for x, _ in marks]
    widths = []
    for _, title in marks:
        probe = axes.text(0, 0, title, fontsize=EVENT_FONT)
        widths.append(probe.get_window_extent(renderer).width)
        probe.remove()
    placements = place_labels(anchors, widths, figure.bbox.x0 + 2, figure.bbox.x1 - 2)
    for (x, title), placement in zip(marks, placements, strict=True):
        axes.axvline(x, color=MUTED, linewidth=0.7, linestyle=(0, (2, 1.5)))
        _event_label(axes, x, title, placement.align, 3 + placement.row * LABEL_ROW * 72)
    return 1 + max(p.row for p in placements)


def _event_label(axes, x: float, title: str, ha: str, rise: float):
    return axes.annotate(
        title,
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(0, rise),
        textcoords="offset points",
        ha=ha,
        va="bottom",
        fontsize=EVENT_FONT,
        color=INK,
        annotation_clip=False,
        arrowprops={
            "arrowstyle": "-",
            "color": MUTED,
            "lw": 0.6,
            "shrinkA": 0,
            "shrinkB": 0,
            "relpos": (0, 0) if ha == "left" else (1, 0),
        },
    )


def _event_x(points: tuple[Point, ...], date: str) -> float | None:
    """Where a date falls on the chart's x axis (period i spans i - 0.5 to i + 0.5)."""
    for i, point in enumerate(points):
        if point.start <= date <= point.end:
            start, end = dt.date.fromisoformat(point.start), dt.date.fromisoformat(point.end)
            days = (end - start).days + 1
            return i - 0.5 + ((dt.date.fromisoformat(date) - start).days + 0.5) / days
    return None


def sparkline(indicator: IndicatorReport, count: int = 8) -> str:
    """A small line of the last ``count`` values, as a hand-written SVG (no matplotlib)."""
    values = [p.value for p in indicator.trend][-count:]
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    width, height, pad = 60.0, 16.0, 2.0
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - (v - low) / span * (height - 2 * pad)

    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for i, v in enumerate(values):
        if v is None:
            runs, current = ([*runs, current] if current else runs), []
        else:
            current.append(point(i, v))
    runs = [*runs, current] if current else runs
    lines = "".join(
        f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}"/>' for run in runs
    )
    x, y = point(len(values) - 1, values[-1]) if values[-1] is not None else (None, None)
    dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.8" fill="{ACCENT}"/>' if x is not None else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}"><g fill="none" stroke="{ACCENT}" '
        f'stroke-width="1.2" stroke-linejoin="round">{lines}</g>{dot}</svg>'
    )


def _scale(indicator: IndicatorReport, value: float | None) -> float | None:
    if value is None:
        return None
    return value * 100 if indicator.percent else value


def _svg(figure, prefix: str, clip: bool = True) -> str:
    figure.patch.set_visible(False)  # white on the white page: nothing to draw
    for axes in figure.axes:
        axes.patch.set_visible(False)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return inline_svg(text[text.index("<svg") :], prefix, clip)

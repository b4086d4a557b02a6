"""The chart of a side-by-side comparison: each source's values, and below them each
source's ratio to the reference (a line at 1 is agreement on the level)."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt

from ctscore.evaluate.side_by_side import SideBySideReport
from ctscore.render.charts import ACCENT, INK, MUTED, TARGET, inline_svg

COLOURS = (ACCENT, TARGET, "#3e7c17", "#7a4fa0", INK)
WIDTH, HEIGHT = 6.9, 2.9  # inches: the full text width


def side_by_side_chart(comparison: SideBySideReport, key: str) -> str:
    figure, (values, ratios) = plt.subplots(
        2, 1, figsize=(WIDTH, HEIGHT), sharex=True, height_ratios=(2, 1)
    )
    xs = list(range(len(comparison.periods)))
    for colour, series in zip(COLOURS * 3, comparison.series, strict=False):
        line = [float("nan") if v is None else v for v in series.values]
        values.plot(xs, line, color=colour, linewidth=1.3, marker="o", ms=2, label=series.label)
        if series is not comparison.series[0]:
            ratio = [float("nan") if r is None else r for r in series.ratios]
            ratios.plot(xs, ratio, color=colour, linewidth=1.1, marker="o", ms=1.8)
    ratios.axhline(1, color=MUTED, linewidth=0.8, linestyle=":")
    values.legend(
        frameon=False,
        fontsize=6.5,
        loc="lower left",
        bbox_to_anchor=(0, 1),
        ncols=len(comparison.series),
        borderaxespad=0.2,
    )
    values.set_ylabel(comparison.series[0].definition.split(" (")[0][:28], fontsize=6.5)
    ratios.set_ylabel(f"ratio to\n{comparison.series[0].label[:24]}", fontsize=6.5)
    step = max(1, len(xs) // 10)
    ratios.set_xticks(xs[::step], [comparison.periods[i] for i in xs[::step]])
    for axes in (values, ratios):
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
        axes.set_ylim(bottom=0)
    figure.subplots_adjust(left=0.09, right=0.99, bottom=0.1, top=0.92, hspace=0.12)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return inline_svg(text[text.index("<svg") :], f"side-{key}")

"""The chart of a policy effect: observed values, the fitted model, and the counterfactual
(the pre-event course continued) with its confidence band."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ctscore.evaluate.model import EffectReport
from ctscore.render.charts import ACCENT, BAND, INK, MUTED, TARGET, _svg

WIDTH, HEIGHT = 6.6, 2.3  # inches: the full text width


def effect_chart(effect: EffectReport) -> str:
    figure, axes = plt.subplots(figsize=(WIDTH, HEIGHT))
    xs = list(range(len(effect.periods)))
    after = xs[effect.event_index :]
    cut = effect.event_index
    axes.plot(xs, effect.observed, color=MUTED, linewidth=0.8, marker="o", markersize=1.6,
              label="observed")  # fmt: skip
    axes.plot(xs, effect.fitted, color=ACCENT, linewidth=1.5, label="model")
    axes.fill_between(
        after,
        effect.counterfactual_low[cut:],
        effect.counterfactual_high[cut:],
        color=TARGET,
        alpha=0.15,
        linewidth=0,
    )
    axes.plot(after, effect.counterfactual[cut:], color=TARGET, linewidth=1.3, linestyle="--",
              label="had the earlier trend continued")  # fmt: skip
    for index, title in ((cut, effect.event_title), *effect.later_marks):
        axes.axvline(index - 0.5, color=INK, linewidth=0.8, linestyle=(0, (2, 1.5)))
        axes.annotate(
            title, xy=(index - 0.5, 1.0), xycoords=("data", "axes fraction"),
            xytext=(3, -9), textcoords="offset points", fontsize=6.5, color=INK,
        )  # fmt: skip
    step = max(1, len(xs) // 8)
    ticks = list(range(0, len(xs), step))
    axes.set_xticks(ticks, [effect.periods[i] for i in ticks])
    axes.set_xlim(-0.5, len(xs) - 0.5)
    axes.set_ylim(0, max([*effect.observed, *effect.counterfactual_high[cut:]]) * 1.1 or 1)
    axes.set_ylabel(effect.unit)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color=BAND, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left", fontsize=6.5, frameon=False, ncol=3)
    figure.subplots_adjust(left=0.07, right=0.99, bottom=0.14, top=0.97)
    return _svg(figure, f"effect-{effect.id}")

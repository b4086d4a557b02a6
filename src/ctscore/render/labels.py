"""Where to put the policy-event labels above a chart so that none overlaps another.

Each label hangs from its event's x position (its anchor), to the right or to the left,
in one of several rows above the plot; a thin connector runs from the label down to the
plot. The best layout has no connector crossing a lower label, then the fewest rows,
then the fewest labels hung to the left. A small exhaustive search finds it: charts show
a handful of events at most.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 3.0  # pixels kept free between two labels in a row
BUDGET = 20_000  # layouts tried at most; the best found so far is kept


@dataclass(frozen=True)
class Placement:
    row: int
    align: str  # "left": the label starts at the anchor; "right": it ends there

    def span(self, anchor: float, width: float) -> tuple[float, float]:
        return (anchor, anchor + width) if self.align == "left" else (anchor - width, anchor)


def place_labels(
    anchors: list[float], widths: list[float], low: float, high: float, max_rows: int = 4
) -> list[Placement]:
    """A placement per label; labels stay within ``low``..``high`` when they can."""
    count = len(anchors)
    best: tuple[tuple, list[Placement]] = ((count + 1, max_rows + 1, count + 1), [])
    chosen: list[Placement] = []
    tried = 0

    def options(i: int) -> list[Placement]:
        aligns = [
            a
            for a in ("left", "right")
            if low <= Placement(0, a).span(anchors[i], widths[i])[0]
            and Placement(0, a).span(anchors[i], widths[i])[1] <= high
        ] or ["left" if high - anchors[i] >= anchors[i] - low else "right"]
        return [Placement(r, a) for r in range(min(max_rows, count)) for a in aligns]

    def search(i: int) -> None:
        nonlocal best, tried
        tried += 1
        cost = _cost(anchors, widths, chosen)
        if cost >= best[0] or tried > BUDGET:
            return
        if i == count:
            best = (cost, list(chosen))
            return
        for option in options(i):
            if not _overlaps(anchors, widths, chosen, i, option):
                chosen.append(option)
                search(i + 1)
                chosen.pop()

    search(0)
    # Nothing fits in max_rows rows (a crowded chart): stack them in turn, overlaps and all.
    return best[1] or [Placement(i % max_rows, "left") for i in range(count)]


def _overlaps(anchors, widths, chosen: list[Placement], i: int, option: Placement) -> bool:
    x0, x1 = option.span(anchors[i], widths[i])
    for j, other in enumerate(chosen):
        if other.row == option.row:
            a, b = other.span(anchors[j], widths[j])
            if a < x1 + GAP and x0 < b + GAP:
                return True
    return False


def _cost(anchors, widths, chosen: list[Placement]) -> tuple[int, int, int]:
    """(connectors crossing a lower label, rows used, labels hung to the left)."""
    crossings = 0
    for i, upper in enumerate(chosen):
        for j, lower in enumerate(chosen):
            if lower.row < upper.row:
                a, b = lower.span(anchors[j], widths[j])
                crossings += a - 1 <= anchors[i] <= b + 1
    rows = 1 + max((p.row for p in chosen), default=-1)
    return crossings, rows, sum(p.align == "right" for p in chosen)

"""matplotlib's SVG made lean for WeasyPrint (``ctscore.render.svg``): the same drawing in
fewer elements."""

from __future__ import annotations

import re

from ctscore.render.svg import inline_svg

MATPLOTLIB_LIKE = """<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="100pt" height="50pt"
 viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata>made by</metadata>
 <defs><style type="text/css">*{stroke-linejoin: round}</style></defs>
 <g id="figure_1">
  <g id="xtick_1">
   <g id="line2d_1">
    <defs><path id="m1" d="M 0 0\nL 0 3.5\n" style="stroke: #000; stroke-width: 0.8"/></defs>
    <g><use xlink:href="#m1" x="10" y="40" style="stroke: #000"/></g>
   </g>
   <g id="text_1"><text x="10" y="48" transform="rotate(-0 10 48)">2024-Q1</text></g>
  </g>
  <g id="xtick_2">
   <g><use xlink:href="#m1" x="20.5" y="40" style="stroke: #000"/></g>
  </g>
  <g id="grid_1"><path d="M 0 10 L 100 10" clip-path="url(#p1)" style="stroke: #eee"/></g>
  <g id="grid_2"><path d="M 0 20 L 100 20" clip-path="url(#p1)" style="stroke: #eee"/></g>
  <g id="band"><path d="M 0 0 L 5 5 z" style="fill: #00f; fill-opacity: 0.15"/>
  <path d="M 5 5 L 9 9 z" style="fill: #00f; fill-opacity: 0.15"/></g>
 </g>
 <defs><clipPath id="p1"><rect x="0" y="0" width="100" height="40"/></clipPath></defs>
</svg>"""


def test_uses_become_one_moved_path_and_groups_go():
    svg = inline_svg(MATPLOTLIB_LIKE, "chart-x")
    assert "<use" not in svg and "<g" not in svg and "<metadata" not in svg
    assert "<style" not in svg and "style=" not in svg and "rotate(" not in svg
    # the two tick marks: the marker's path moved to (10, 40) and (20.5, 40), as one path
    assert '<path d="M10 40L10 43.5M20.5 40L20.5 43.5" stroke="#000" stroke-width="0.8" />' in svg
    # the grid lines share a look: one path; the marker definition is gone
    assert '<path d="M0 10L100 10M0 20L100 20" clip-path="url(#chart-x-p1)"' in svg
    assert 'id="chart-x-p1"' in svg and 'id="m1"' not in svg and "chart-x-m1" not in svg
    # translucent fills stay apart: one path over another would not paint the overlap twice
    assert svg.count('fill-opacity="0.15"') == 2
    assert svg.startswith('<svg stroke-linejoin="round" ') and "2024-Q1</text>" in svg


def test_without_clipping_the_clip_paths_go():
    svg = inline_svg(MATPLOTLIB_LIKE, "chart-x", clip=False)
    assert "clip" not in svg and "<defs" not in svg and " id=" not in svg


def test_same_input_same_text():
    assert inline_svg(MATPLOTLIB_LIKE, "a") == inline_svg(MATPLOTLIB_LIKE, "a")
    assert re.findall(r' id="([^"]+)"', inline_svg(MATPLOTLIB_LIKE, "b")) == ["b-p1"]

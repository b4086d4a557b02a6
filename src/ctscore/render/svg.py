"""matplotlib's SVG made lean enough to sit inline in an HTML page that WeasyPrint lays out.

WeasyPrint cascades the page's CSS over every element of an inline SVG and then draws each
one, so a chart costs time in proportion to its elements. matplotlib writes about 200 per
chart: a bare ``<g>`` around every artist, each tick mark and point marker as a ``<use>`` of
a ``<defs>`` path, ``rotate(-0 ...)`` on every text. The same drawing needs about 40: the
groups go, each marker ``<use>`` becomes the path it names (moved to its place) and the
marks that share a look become one path, as do neighbouring paths that share a look.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMAND = re.compile(r"[A-Za-z]")
_ABSOLUTE_PAIRS = set("MLCQST")  # the commands matplotlib writes: absolute x y pairs
_NO_ROTATION = re.compile(r"^rotate\(-?0(?:\.0*)? [^)]*\)$")
_TRANSLUCENT = ("opacity", "fill-opacity", "stroke-opacity")


def inline_svg(svg: str, prefix: str, clip: bool = True) -> str:
    """``svg`` (matplotlib's output from ``<svg`` on) lean and fit for an HTML page;
    ``clip=False`` drops the clip paths, for a chart whose axes limits hold everything.

    Style attributes become SVG presentation attributes (the page's CSS would otherwise
    read them as HTML styles), ``<style>`` and ``<metadata>`` go, and ids are kept only
    where referenced, prefixed so that two charts never share one. Same input, same text."""
    root = ET.fromstring(svg)
    for element in root.iter():
        _plain_names(element)
        style = element.attrib.pop("style", None)
        if style:
            for name, value in _declarations(style):
                element.set(name, value)
        if _NO_ROTATION.match(element.get("transform", "")):
            del element.attrib["transform"]
        if not clip:
            element.attrib.pop("clip-path", None)
        if element.text is not None and not element.text.strip():
            element.text = None
        element.tail = None  # the indentation between elements
    _drop(root, {"metadata", "style"})
    _inline_uses(root)
    _drop_unreferenced(root, prefix)
    _flatten_groups(root)
    _merge_neighbours(root)
    root.set("xmlns", SVG_NS)
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return text.replace("<svg ", '<svg stroke-linejoin="round" ', 1)


def _plain_names(element: ET.Element) -> None:
    """Namespaces off tags and attributes (``xlink:href`` -> ``href``): the HTML parser
    reads them by local name anyway."""
    element.tag = element.tag.rsplit("}", 1)[-1]
    for name in [n for n in element.attrib if n.startswith("{")]:
        element.set(name.rsplit("}", 1)[-1], element.attrib.pop(name))


def _declarations(style: str) -> list[tuple[str, str]]:
    pairs = [part.split(":", 1) for part in style.split(";") if ":" in part]
    return [(name.strip(), value.strip()) for name, value in pairs]


def _drop(root: ET.Element, tags: set[str]) -> None:
    for parent in list(root.iter()):
        for child in [c for c in parent if c.tag in tags]:
            parent.remove(child)


def _inline_uses(root: ET.Element) -> None:
    """Each ``<use>`` of a path becomes that path, moved to the use's x and y; uses of one
    path with one look (matplotlib's tick marks and point markers) become one path, in
    the place of the first. Other paths' data is written compactly."""
    paths = {e.get("id"): e for e in root.iter("path") if e.get("id")}
    for path in root.iter("path"):
        compact = _translated(path.get("d", ""), "0", "0")
        if compact is not None:
            path.set("d", compact)
    uses = [(parent, use) for parent in root.iter() for use in parent if use.tag == "use"]
    merged: dict[tuple, ET.Element] = {}
    for parent, use in uses:
        source = paths.get((use.get("href") or "").lstrip("#"))
        if source is None:
            continue
        moved = _translated(source.get("d", ""), use.get("x", "0"), use.get("y", "0"))
        if moved is None:  # a path form this does not move: leave the use as it is
            continue
        look = {k: v for k, v in source.attrib.items() if k not in ("id", "d")}
        look.update({k: v for k, v in use.attrib.items() if k not in ("href", "x", "y")})
        key = (source.get("id"), *sorted(look.items()))
        first = merged.get(key)
        if first is not None and not any(k in look for k in _TRANSLUCENT):
            first.set("d", first.get("d", "") + moved)
            parent.remove(use)
            continue
        path = ET.Element("path", {"d": moved, **look})
        merged[key] = path
        parent.insert(list(parent).index(use), path)
        parent.remove(use)


def _translated(d: str, x: str, y: str) -> str | None:
    """Path data ``d`` moved by (x, y), written compactly; None for relative commands or
    arcs, which matplotlib does not write."""
    dx, dy = float(x), float(y)
    parts: list[str] = []
    for command, numbers in re.findall(r"([A-Za-z])([^A-Za-z]*)", d):
        if command in "Zz":
            parts.append("z")
            continue
        if command not in _ABSOLUTE_PAIRS:
            return None
        values = [float(n) for n in _NUMBER.findall(numbers)]
        if len(values) % 2:
            return None
        moved = [v + (dx if i % 2 == 0 else dy) for i, v in enumerate(values)]
        parts.append(command + " ".join(_short(v) for v in moved))
    return "".join(parts)


def _short(value: float) -> str:
    """A coordinate to 1/1000 pt, without trailing zeros (same value, same text)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _flatten_groups(element: ET.Element) -> None:
    """Groups without attributes (matplotlib's one per artist) give their children to
    their parent: same drawing, fewer elements to style and draw."""
    children: list[ET.Element] = []
    for child in element:
        _flatten_groups(child)
        if child.tag == "g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    for child in list(element):
        element.remove(child)
    element.extend(children)


def _merge_neighbours(element: ET.Element) -> None:
    """Neighbouring paths with one look (grid lines, event lines) become one path."""
    kept: list[ET.Element] = []
    for child in element:
        _merge_neighbours(child)
        last = kept[-1] if kept else None
        if (
            last is not None
            and child.tag == last.tag == "path"
            and not child.text
            and not last.get("id")
            and not child.get("id")
            and not any(k in child.attrib for k in _TRANSLUCENT)
            and _look(child) == _look(last)
        ):
            last.set("d", last.get("d", "") + child.get("d", ""))
            continue
        kept.append(child)
    for child in list(element):
        element.remove(child)
    element.extend(kept)


def _look(path: ET.Element) -> dict[str, str]:
    return {k: v for k, v in path.attrib.items() if k != "d"}


def _drop_unreferenced(root: ET.Element, prefix: str) -> None:
    """Ids no one references go, with the ``<defs>`` entries they named and the emptied
    ``<defs>``; the rest are prefixed with ``prefix``."""
    text = ET.tostring(root, encoding="unicode")
    used = set(re.findall(r"url\(#([^)]+)\)", text)) | set(re.findall(r'href="#([^"]+)"', text))
    for defs in list(root.iter("defs")):
        for child in [c for c in defs if c.get("id") not in used]:
            defs.remove(child)
    for parent in list(root.iter()):
        for child in [c for c in parent if c.tag == "defs" and not len(c)]:
            parent.remove(child)
    for element in root.iter():
        if element.get("id") is not None:
            if element.get("id") in used:
                element.set("id", f"{prefix}-{element.get('id')}")
            else:
                del element.attrib["id"]
        for name, value in element.attrib.items():
            for ref in used:
                value = value.replace(f"url(#{ref})", f"url(#{prefix}-{ref})")
                if value == f"#{ref}":
                    value = f"#{prefix}-{ref}"
            element.set(name, value)

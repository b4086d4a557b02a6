"""Charts kept by content (``ctscore.render.chart_cache``): a kept chart is the text a fresh
drawing gives, other inputs draw again, and a cache that cannot be written costs nothing
but the drawing."""

from __future__ import annotations

from ctscore.render import chart_cache
from ctscore.render.chart_cache import cached_chart


def counting():
    calls = []

    def draw(*args):
        calls.append(args)
        return f"<svg>{args!r}</svg>"

    return draw, calls


def test_a_chart_is_drawn_once_for_equal_inputs(tmp_path, monkeypatch):
    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    draw, calls = counting()
    point = ("2024-Q1", 3.0)
    first = cached_chart(draw, point, "quarter")
    assert cached_chart(draw, point, "quarter") == first == draw(point, "quarter")
    assert len(calls) == 2  # the first call and the direct one: the second was kept
    assert cached_chart(draw, ("2024-Q1", 4.0), "quarter") != first  # other data, drawn
    assert len(calls) == 3 and len(list(tmp_path.glob("*.svg"))) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_other_drawing_code_is_another_key(tmp_path, monkeypatch):
    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    draw, calls = counting()
    cached_chart(draw, 1)
    monkeypatch.setattr(chart_cache, "_salt", lambda: "changed code")
    cached_chart(draw, 1)
    assert len(calls) == 2


def test_off_or_unwritable_means_drawing_every_time(tmp_path, monkeypatch):
    draw, calls = counting()
    monkeypatch.setenv("CTSCORE_CACHE_DIR", "off")
    assert cached_chart(draw, 1) == cached_chart(draw, 1) and len(calls) == 2
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(blocked / "charts"))
    assert cached_chart(draw, 1) == "<svg>(1,)</svg>" and len(calls) == 3


def test_the_cache_is_bounded_and_keeps_the_charts_used_last(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(chart_cache, "MAX_CHARTS", 5)
    draw, calls = counting()
    for i in range(5):
        cached_chart(draw, i)
    for i, path in enumerate(sorted(tmp_path.glob("*.svg"), key=lambda p: p.read_text())):
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # drawn in the order 0, 1, 2, 3, 4
    cached_chart(draw, 0)  # used again: now the most recent
    cached_chart(draw, 5)  # a sixth chart: over the limit, pruned to 4
    kept = sorted(p.read_text() for p in tmp_path.glob("*.svg"))
    assert kept == ["<svg>(0,)</svg>", "<svg>(3,)</svg>", "<svg>(4,)</svg>", "<svg>(5,)</svg>"]
    assert len(calls) == 6  # chart 0 came from the cache


def test_pruning_touches_only_the_caches_own_files(tmp_path, monkeypatch):
    """A cache folder the user pointed at a folder with other things in it: those stay, and a
    subfolder does not stop the pruning. A temporary file an interrupted build left an hour
    ago goes; one being written now stays."""
    import os

    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(chart_cache, "MAX_CHARTS", 5)
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "a-folder").mkdir()
    stale, fresh = (tmp_path / f".{'a' * 64}.svg.0000000{i}.tmp" for i in (1, 2))
    stale.write_text("half")
    fresh.write_text("half")
    for path in (tmp_path / "notes.txt", tmp_path / "a-folder", stale):
        os.utime(path, (1_000_000, 1_000_000))  # older than any chart
    draw, _ = counting()
    for i in range(6):
        cached_chart(draw, i)
    assert len(list(tmp_path.glob("*.svg"))) == 4  # pruned to 80% of 5
    assert (tmp_path / "notes.txt").exists() and (tmp_path / "a-folder").is_dir()
    assert not stale.exists() and fresh.exists()


def test_a_read_only_cache_still_serves_its_charts(tmp_path, monkeypatch):
    monkeypatch.setenv("CTSCORE_CACHE_DIR", str(tmp_path))
    draw, calls = counting()
    cached_chart(draw, 1)

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(chart_cache.os, "utime", refuse)
    assert cached_chart(draw, 1) == "<svg>(1,)</svg>" and len(calls) == 1

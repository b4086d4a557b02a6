"""Render several scorecards at once, one process each, with the bytes a serial build gives.

A scorecard's charts, HTML and PDF depend on its frozen Report, its template folders, its
document date and its attachments only, so they can be drawn in any process: the build
evaluates every scorecard first (pandas, in the main process), then hands the reports to
worker processes forked from it, which inherit matplotlib and WeasyPrint already imported.
Where ``fork`` is not available (Windows, and macOS where forking after system frameworks
are loaded is unsafe), the reports are rendered one after the other.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ctscore.evaluate.model import Report
from ctscore.render.html import figures_for, render_html


@dataclass(frozen=True)
class RenderJob:
    """Everything one scorecard's files are made from."""

    report: Report
    stem: Path  # the files' path without the suffix: reports/<id>-<period>
    folders: tuple[Path, ...]
    formats: tuple[str, ...]
    issued: dt.datetime
    attachments: tuple = ()  # ReportAttachment, embedded in the PDF


@dataclass(frozen=True)
class RenderedCard:
    files: tuple[tuple[Path, bytes], ...]
    warnings: tuple[str, ...] = field(default=())  # ready to print, one line each


def render_job(job: RenderJob) -> RenderedCard:
    """One scorecard's HTML and/or PDF, with the build's warnings about it."""
    folders = list(job.folders)
    figures = figures_for(job.report)
    files: list[tuple[Path, bytes]] = []
    warnings: list[str] = []
    if "html" in job.formats:
        html = render_html(job.report, folders, standalone=True, figures=figures)
        files.append((job.stem.with_suffix(".html"), html.encode("utf-8")))
    if "pdf" in job.formats:
        from ctscore.render.pdf import render_pdf

        html = render_html(job.report, folders, figures=figures)
        pdf = render_pdf(html, folders, job.issued, job.attachments)
        name = f"{job.stem.name}.pdf"
        warnings += [
            f"warning: {name}: refused to load {url} (a report may only read files from the "
            "templates folders)"
            for url in pdf.refused
        ]
        warnings += [f"warning: {name}: WeasyPrint: {message}" for message in pdf.warnings]
        files.append((job.stem.with_suffix(".pdf"), pdf.content))
    return RenderedCard(tuple(files), tuple(warnings))


def worker_count(jobs: int, wanted: int | None = None) -> int:
    """Processes for ``jobs`` scorecards: ``wanted`` (``--jobs``) or one per usable core,
    never more than there are scorecards; 1 where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs, wanted or cores or 1))


def render_all(
    jobs: list[RenderJob], workers: int, done: Callable[[RenderJob], None] = lambda _: None
) -> Iterator[RenderedCard]:
    """Each job's files, in the jobs' order, ``workers`` at a time; ``done(job)`` as each
    is handed back."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            rendered = render_job(job)
            done(job)
            yield rendered
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(render_job, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            rendered = future.result()
            done(job)
            yield rendered

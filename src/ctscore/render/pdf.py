"""HTML to PDF with WeasyPrint, reading nothing but template files, reproducibly."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from ctscore.errors import Diagnostic, UserError

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    refused: tuple[str, ...]  # URLs the fetcher would not load
    warnings: tuple[str, ...] = field(default=())  # WeasyPrint's own warnings (bad CSS...)


def load_weasyprint() -> ModuleType:
    """WeasyPrint, or a UserError naming the system packages it needs."""
    try:
        import weasyprint
    except OSError as error:  # cffi could not open Pango, HarfBuzz or fontconfig
        raise UserError(
            [
                Diagnostic(
                    "weasyprint",
                    message=f"cannot load the system libraries PDF output needs ({error}). "
                    f"On Debian or Ubuntu install them with: "
                    f"sudo apt-get install {PANGO_PACKAGES} "
                    "(or build HTML only: ctscore build --format html)",
                )
            ]
        ) from None
    return weasyprint


def render_pdf(
    html: str, folders: list[Path], issued: dt.datetime, attachments: tuple = ()
) -> RenderedPdf:
    """The PDF/A-3b of ``html``, with ``attachments`` (``ReportAttachment``) embedded; files
    are read only from ``folders``.

    Same HTML and date, same bytes: the document dates come from the ``<meta>`` tags,
    the file identifier from the HTML, and the embedded fonts' timestamps from ``issued``.
    """
    weasyprint = load_weasyprint()
    from ctscore.render.fetcher import TemplatesOnlyFetcher  # imports WeasyPrint too

    fetcher = TemplatesOnlyFetcher(folders)
    # Relative URLs in templates (images, fonts) resolve in the project's templates folder.
    document = weasyprint.HTML(string=html, base_url=folders[0].as_uri() + "/", url_fetcher=fetcher)
    identifier = _identifier(html, folders)
    embedded = [
        weasyprint.Attachment(
            url=item.data_url,
            url_fetcher=weasyprint.URLFetcher(),  # data: URLs only, never a file or the network
            name=item.name,
            description=item.description,
            created=issued,
            modified=issued,
            relationship="Data" if item.mime_type == "text/csv" else "Source",
        )
        for item in attachments
    ]
    with _captured_warnings() as warnings, _source_date_epoch(issued):
        pdf = document.write_pdf(
            pdf_identifier=identifier, pdf_variant="pdf/a-3b", attachments=embedded
        )
    return RenderedPdf(pdf, tuple(dict.fromkeys(fetcher.refused)), tuple(warnings))


def _identifier(html: str, folders: list[Path]) -> bytes:
    """The PDF's file identifier: a hash of the HTML without the absolute paths of the
    template folders, so the same project builds the same bytes wherever it is checked out."""
    portable = html
    for index, folder in enumerate(folders):
        portable = portable.replace(folder.as_uri(), f"templates-folder-{index}")
    return hashlib.sha256(portable.encode("utf-8")).hexdigest()[:32].encode()


@contextlib.contextmanager
def _source_date_epoch(issued: dt.datetime):
    """fontTools stamps subsetted fonts with the current time unless SOURCE_DATE_EPOCH is
    set: set it to the document date while rendering."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(issued.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "ctscore refuses" not in message and "fontTools instead" not in message:
            self.messages.append(message)


@contextlib.contextmanager
def _captured_warnings():
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)

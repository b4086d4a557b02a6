"""HTML to PDF with WeasyPrint, reading nothing but template files, reproducibly."""

from __future__ import annotations

import logging
from pathlib import Path

from ctscore.render.fetcher import TemplatesOnlyFetcher


def render_pdf(html: str, folders: list[Path]) -> tuple[bytes, list[str]]:
    """The PDF bytes, and the URLs that were refused (for the build log)."""
    import weasyprint  # imported here: only builds that write a PDF pay for it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = TemplatesOnlyFetcher(folders)
    document = weasyprint.HTML(
        string=html, base_url=folders[-1].as_uri() + "/", url_fetcher=fetcher
    )
    # A fixed identifier and the dates in the HTML <meta> make the bytes reproducible.
    pdf = document.write_pdf(pdf_identifier=b"ctscore", uncompressed_pdf=False)
    return pdf, fetcher.refused

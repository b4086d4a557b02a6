"""The only way WeasyPrint may read a file: from the report templates' own folders.

Everything else (http, https, ftp, data: URLs, file:// anywhere else, symbolic links
leading out of the folders) is refused and recorded, so text in a spec such as
``<img src="file:///etc/passwd">`` or a template's ``<link href="http://...">`` can never
pull content into a report. The build warns about each refused URL.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".woff2": "font/woff2"}


class TemplatesOnlyFetcher(URLFetcher):
    def __init__(self, allowed_folders: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = [folder.resolve() for folder in allowed_folders]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = self.allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"ctscore refuses to load {url!r}: only template files may be read")
        kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(
            path.as_uri(),
            body=path.read_bytes(),
            headers={"Content-Type": kind or "application/octet-stream"},
        )

    def allowed_path(self, url: str) -> Path | None:
        """The file ``url`` names, if it is a file:// URL inside an allowed folder."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()  # follows links, removes '..'
        if not path.is_file() or not any(path.is_relative_to(f) for f in self.allowed):
            return None
        return path

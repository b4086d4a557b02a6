"""The only way WeasyPrint may read a file: from the report templates' own folders.

Everything else (http, https, ftp, data: URLs, file:// anywhere else) is refused, so
text in a spec such as ``<img src="file:///etc/passwd">`` can never pull content in.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class TemplatesOnlyFetcher(URLFetcher):
    def __init__(self, allowed_folders: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = [folder.resolve() for folder in allowed_folders]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or parts.netloc not in ("", "localhost") or not self._allowed(path):
            self.refused.append(url)
            raise ValueError(f"ctscore refuses to load {url!r}: only template files may be read")
        return super().fetch(url, headers)

    def _allowed(self, path: Path) -> bool:
        return path.is_file() and any(path.is_relative_to(folder) for folder in self.allowed)

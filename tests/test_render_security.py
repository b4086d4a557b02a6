"""Reports read nothing but template files, and text from specs is never markup.

The fetcher is tested on its own for each kind of URL, then a whole build of a project
whose indicator description embeds ``<img src="file:///etc/passwd">`` and whose cover
override links a stylesheet at ``http://127.0.0.1:9/`` and at a live local HTTP server
(which must see no request)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest

from conftest import pdf_pages
from ctscore.pipeline import BuildRequest, build
from ctscore.render.fetcher import TemplatesOnlyFetcher
from ctscore.render.html import THEME
from test_build_project import make_project

PASSWD = '<img src="file:///etc/passwd">'


@pytest.fixture
def folders(tmp_path):
    templates = tmp_path / "project" / "templates"
    templates.mkdir(parents=True)
    (templates / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (templates / "extra.css").write_text("p { color: black }")
    (tmp_path / "secret.txt").write_text("top secret")
    (templates / "link.txt").symlink_to(tmp_path / "secret.txt")
    return [templates, THEME]


def test_the_fetcher_serves_template_files(folders):
    fetcher = TemplatesOnlyFetcher(folders)
    css = fetcher.fetch((folders[0] / "extra.css").as_uri())
    assert css.read() == b"p { color: black }"
    assert css.content_type == "text/css"
    assert fetcher.fetch((folders[0] / "logo.svg").as_uri()).content_type == "image/svg+xml"
    assert fetcher.fetch((THEME / "scorecard.css").as_uri()).read().startswith(b"/*")
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/style.css",
        "ftp://example.org/file",
        "data:text/css,p%20%7Bcolor%3Ared%7D",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "file://example.org/etc/passwd",
        "{templates}/../../secret.txt",
        "{templates}/link.txt",  # a symbolic link leading out of the folder
        "{templates}/missing.css",
        "{templates}",  # a folder, not a file
        "javascript:alert(1)",
        "/etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_else(folders, url):
    url = url.format(templates=folders[0].as_uri())
    fetcher = TemplatesOnlyFetcher(folders)
    with pytest.raises(ValueError, match="ctscore refuses to load"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


HOSTILE_COVER = """\
{% extends "theme/cover.html" %}
{% block notice %}
<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">
<link rel="stylesheet" href="LIVE/evil.css">
<img src="LIVE/pixel.png" alt="">
<img src="file:///etc/hostname" alt="">
<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="">
<img src="hostile.svg" alt="">
<p class="notice">HOSTILE OVERRIDE IN USE</p>
{% endblock %}
"""

# Stylesheets and SVG images may point elsewhere too: imports, backgrounds, fonts, images.
HOSTILE_CSS = """\
@import url("LIVE/imported.css");
body { background: url("LIVE/background.png"); }
@font-face { font-family: x; src: url("file:///etc/passwd"); }
"""
HOSTILE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="10" height="10">
  <image href="LIVE/in-svg.png" width="5" height="5"/>
  <image xlink:href="file:///etc/hostname" width="5" height="5"/>
</svg>
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, server):
    """A whole build of a project with hostile text in a spec and in a template."""
    root = make_project(
        tmp_path_factory.mktemp("hostile"),
        description=f"Attacks {PASSWD} <script>alert(1)</script> & more.",
        files={
            "templates/cover.html": HOSTILE_COVER.replace("LIVE", server),
            "templates/extra.css": HOSTILE_CSS.replace("LIVE", server),
            "templates/hostile.svg": HOSTILE_SVG.replace("LIVE", server),
        },
    )
    warnings: list[str] = []
    written = build(
        # alpha_quarterly: the smallest scorecard that shows the hostile description
        BuildRequest(root, ("alpha_quarterly",), None, ("pdf", "html"), root / "out"),
        warn=warnings.append,
    )
    pdf = next(p for p in written if p.suffix == ".pdf")
    html = next(p for p in written if p.suffix == ".html")
    return pdf, html.read_text(encoding="utf-8"), warnings


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


@pytest.mark.slow  # reads the PDF and HTML of a whole build
def test_the_build_succeeds_and_uses_the_override(hostile):
    pdf, _, _ = hostile
    assert "HOSTILE OVERRIDE IN USE" in pdf_text(pdf)


@pytest.mark.slow  # reads the PDF and HTML of a whole build
def test_every_outside_url_is_refused_and_reported(hostile, server):
    _, _, warnings = hostile
    refused = {w.split("refused to load ")[1].split(" (")[0] for w in warnings if "refused" in w}
    assert refused == {
        "http://127.0.0.1:9/evil.css",
        f"{server}/evil.css",
        f"{server}/pixel.png",
        "file:///etc/hostname",
        "data:image/svg+xml;base64,PHN2Zy8+",
        f"{server}/imported.css",
        f"{server}/background.png",
        "file:///etc/passwd",
        f"{server}/in-svg.png",
    }
    others = [w for w in warnings if "refused to load" not in w]
    assert others == [
        "warning: alpha_quarterly-2024-Q4.pdf: WeasyPrint: Font-face 'x' cannot be loaded"
    ]
    assert all(w.startswith("warning: alpha_quarterly-2024-Q4.pdf: ") for w in warnings)
    assert _Recorder.requests == []  # not even a connection to the live server


@pytest.mark.slow  # reads the PDF and HTML of a whole build
def test_spec_text_is_text_in_the_pdf(hostile):
    pdf, _, _ = hostile
    text = pdf_text(pdf)
    assert PASSWD in text  # shown as the characters it is made of
    assert "<script>alert(1)</script> & more." in text
    assert "root:" not in text
    reader = pypdf.PdfReader(pdf)
    assert [image for page in reader.pages for image in page.images] == []


@pytest.mark.slow  # reads the PDF and HTML of a whole build
def test_spec_text_is_escaped_in_the_html(hostile):
    _, html, _ = hostile
    assert PASSWD not in html and "<script>" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html


@pytest.mark.slow  # reads the PDF and HTML of a whole build
def test_the_standalone_html_links_nothing_local(hostile):
    _, html, _ = hostile
    assert "<style>" in html
    assert 'rel="stylesheet" href="file:' not in html
    assert str(THEME) not in html

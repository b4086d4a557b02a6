"""render: a frozen Report to HTML (Jinja2) and PDF (WeasyPrint)."""

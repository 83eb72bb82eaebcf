"""Rendering: the policy's Markdown and HTML (markdown.py, html.py) and their PDF (pdf.py)."""

from importlib.resources import files


def templates_path() -> str:
    """The folder of the page templates and styles, where the program is installed. Here, not in
    markdown.py: the PDF stage reads it without importing the Markdown stage (Jinja, the library)."""
    return str(files("telepolicy.templates"))

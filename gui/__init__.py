"""Telepolicy's desktop wizard, editor and live preview (PySide6).

A client of `generator`'s public API only: the project is the single source of
truth, every change goes through an undo command, and the preview shows exactly
what the export writes.
"""

# The core is imported before Qt on purpose: PySide6 hooks every import made after it
# (for its `__feature__` switches), and the core's few dozen modules then load slower.
# The package imports its modules on first use (PEP 562), so the names the window uses are
# asked for here; the renderer's (Jinja, Python-Markdown, the checks) load in the worker with
# the first render, after the window has painted.
import telepolicy.generator as generator

for _name in ("FIELDS", "FACTS", "Project", "describe", "is_asked", "load_project", "project_to_toml", "read_page"):
    getattr(generator, _name)

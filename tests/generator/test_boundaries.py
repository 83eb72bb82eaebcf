"""Architecture rules a user feels: quick start (no WeasyPrint unless a PDF), no Qt in the core, docs current."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tools.schema_doc import DOC_PATH, render_reference

PROBE = """
import sys
from telepolicy.generator import load_preset, render
render(load_preset("us-carrier-eea"), ["md", "html"])
print("weasyprint" in sys.modules, any(m.startswith("PySide6") for m in sys.modules))
"""


def test_markdown_and_html_never_import_weasyprint_or_qt():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"generator": "telepolicy.generator", "gui": "telepolicy.gui"}


def _module_name(path: Path) -> str:
    folder, *rest = path.relative_to(ROOT).with_suffix("").parts
    parts = [PACKAGES[folder], *rest]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, module_level_only: bool) -> set[str]:
    """Modules a file imports; with `module_level_only`, not those imported inside functions or for typing."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = []
    if module_level_only:
        for node in tree.body:
            typing_only = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            if not typing_only:
                nodes.extend(ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else [])
    else:
        nodes = list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from package import submodule` depends on the submodule, not on the package's own names.
            submodules = {f"{node.module}.{alias.name}" for alias in node.names}
            found.update(submodules & KNOWN_MODULES or {node.module})
    return found


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


KNOWN_MODULES = {_module_name(path) for folder in PACKAGES for path in _sources(folder)}


def test_the_core_never_imports_qt_or_the_gui():
    """Any import anywhere in generator/, at module level or inside a function (ruff's TID251 says the same)."""
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(bad)
        for path in _sources("generator")
        if (bad := {m for m in _imports(path, module_level_only=False) if m.startswith(("PySide6", "telepolicy.gui"))})
    }
    assert offenders == {}


def test_no_import_circle_between_modules():
    modules = {_module_name(path): path for folder in PACKAGES for path in _sources(folder)}
    graph = {
        name: {m for m in _imports(path, module_level_only=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    circles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        for target in graph[name]:
            if target in trail:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert circles == []


def test_project_file_reference_matches_the_schema():
    assert DOC_PATH.read_text(encoding="utf-8") == render_reference(), "run: python -m tools.schema_doc"


def test_the_architecture_diagram_is_the_code_s_own_imports():
    from tools.architecture import DOC_PATH, edges

    drawn = re.findall(r"^    (\w+) --> (\w+)$", DOC_PATH.read_text(encoding="utf-8"), flags=re.M)
    assert sorted(drawn) == edges(), "run: python -m tools.architecture"


def test_every_package_folder_is_installed():
    """pyproject.toml lists the packages by hand (package-dir maps them under `telepolicy`): a new
    subpackage left out installs a wheel that cannot import itself."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {_module_name(init) for folder in PACKAGES for init in (ROOT / folder).rglob("__init__.py")}
    assert folders - listed == set()

"""The stored page of a project file (generator/page_cache.py): a change to anything it is made from is another key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from telepolicy.generator import builtin_library_path, cache, page_key, read_page, write_page
from telepolicy.generator import page_cache as module
from telepolicy.generator.rendering import templates_path

pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The built-in library and the templates as copies the test may change."""
    folders = {
        "telepolicy.clause_library": tmp_path / "library",
        "telepolicy.templates": tmp_path / "templates",
    }
    shutil.copytree(builtin_library_path(), folders["telepolicy.clause_library"])
    shutil.copytree(templates_path(), folders["telepolicy.templates"])
    monkeypatch.setattr(module, "files", lambda package: folders[package])
    return folders


def test_the_key_reads_the_folders_the_loader_and_the_renderer_read():
    assert Path(str(module.files("telepolicy.clause_library"))) == builtin_library_path()
    assert Path(str(module.files("telepolicy.templates"))) == Path(templates_path())


def test_a_stored_page_comes_back_and_the_switch_turns_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    key = page_key(tmp_path / "p.toml", b"answers", [])
    assert read_page(key) is None
    write_page(key, "<p>Privacy · policy</p>")
    assert read_page(key) == "<p>Privacy · policy</p>"
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert read_page(key) is None


def test_any_change_to_what_the_page_is_made_from_is_another_key(
    tmp_path: Path, copies: dict[str, Path], monkeypatch: pytest.MonkeyPatch
):
    project = tmp_path / "p.toml"
    org = tmp_path / "org"
    org.mkdir()
    (org / "extra.md").write_text("one", encoding="utf-8")
    keys = [page_key(project, b"answers", [org])]
    assert page_key(project, b"answers", [org]) == keys[0], "the same inputs, the same key"

    keys.append(page_key(project, b"other answers", [org]))
    keys.append(page_key(tmp_path / "moved.toml", b"answers", [org]))  # folders resolve from the file's own
    keys.append(page_key(project, b"answers", []))
    (org / "extra.md").write_text("two", encoding="utf-8")
    keys.append(page_key(project, b"answers", [org]))
    library = copies["telepolicy.clause_library"]
    clause = next(library.rglob("*.md"))
    clause.write_text(clause.read_text(encoding="utf-8") + "\nMore.", encoding="utf-8")
    keys.append(page_key(project, b"answers", [org]))
    css = copies["telepolicy.templates"] / "policy.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: red; }", encoding="utf-8")
    keys.append(page_key(project, b"answers", [org]))
    monkeypatch.setattr(cache, "program_key", lambda: "another version of the program")
    keys.append(page_key(project, b"answers", [org]))
    assert len(set(keys)) == len(keys)

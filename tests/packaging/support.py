"""What the wheel and bundle tests share: a user's clean environment, the first render, a GUI start."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[2]
PRESET = "us-carrier-eea"
COMPANY = "Northwind Voice Communications, Inc."
GUI_SECONDS = 4.0
# Qt's offscreen platform prints this for windows it cannot resize; it is not a fault of the app.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"
TROUBLE = re.compile(r"traceback|error|exception|could not|cannot|failed|abort", re.IGNORECASE)


def data_files(package: str) -> set[str]:
    """Every data file of a package in the checkout, as installed: 'telepolicy/package/relative/path'."""
    base = ROOT / package
    return {
        f"telepolicy/{package}/{path.relative_to(base).as_posix()}"
        for path in base.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }


def user_env(home: Path) -> dict[str, str]:
    """A user's environment: the checkout nowhere on the path, settings and app data in `home`."""
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("CONFIG", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return env


def run(command: Sequence[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    """Run to completion and return stdout; a failure shows the command's own words."""
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def render_preset(telepolicy: Path, cwd: Path, env: dict[str, str]) -> tuple[Path, float]:
    """What a new user does first: a project from a preset, rendered to PDF. Returns the PDF and the render time."""
    run([telepolicy, "new", "--preset", PRESET, "policy.toml"], cwd, env)
    start = time.perf_counter()
    run([telepolicy, "render", "policy.toml", "--format", "pdf", "--out", "out"], cwd, env)
    return cwd / "out" / "policy.pdf", time.perf_counter() - start


def bookmark_titles(outline: list) -> list[str]:
    """Every title of a PDF outline; pypdf nests a heading's children in a list after it."""
    return [title for item in outline for title in (bookmark_titles(item) if isinstance(item, list) else [item.title])]


def check_policy_pdf(path: Path) -> None:
    """The preset's policy: several pages, the company's name, bookmarks for its sections."""
    reader = pypdf.PdfReader(path)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) >= 3
    assert COMPANY in text
    titles = bookmark_titles(reader.outline)
    assert len(titles) >= 10
    assert any("CPNI" in title for title in titles)


def assert_gui_starts(commands: Sequence[Sequence[str | Path]], cwd: Path, env: dict[str, str]) -> None:
    """Each command opens the GUI (offscreen) and is still running, with nothing alarming said, seconds later."""
    started = []
    for index, command in enumerate(commands):
        stderr = cwd / f"gui-{index}.stderr"
        with stderr.open("w") as sink:
            process = subprocess.Popen(
                [str(part) for part in command], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=sink
            )
        started.append((command, process, stderr))
    time.sleep(GUI_SECONDS)
    for command, process, stderr in started:
        alive = process.poll() is None
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        said = stderr.read_text(errors="replace")
        trouble = [line for line in said.splitlines() if line.strip() != OFFSCREEN_NOISE and TROUBLE.search(line)]
        assert alive, f"{command} stopped at start-up with exit code {process.returncode}:\n{said}"
        assert not trouble, f"{command} reported trouble at start-up:\n" + "\n".join(trouble)

"""The validators the publishing tests run, all offline: the Nu HTML Checker (vnu.jar with Debian's
Java), axe-core in Debian's headless Chromium through Debian's chromedriver, and a reader of the
PDF structure tree (pypdf). scripts/setup.sh installs all of them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SETUP_HINT = "run scripts/setup.sh (it installs Java, Chromium, chromium-driver, vnu-jar and axe-core)"


def missing_tools() -> list[str]:
    missing = [str(p) for p in (VNU_JAR, AXE_JS, CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not shutil.which("java"):
        missing.append("java")
    return missing


def vnu_errors(paths: list[Path]) -> dict[Path, list[dict[str, Any]]]:
    """Validate every file in one Java run; errors by file (an empty list: valid)."""
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if run.returncode not in (0, 1):
        raise RuntimeError(f"vnu.jar failed ({run.returncode}): {run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    by_uri = {p.resolve().as_uri(): p for p in paths}
    errors: dict[Path, list[dict[str, Any]]] = {p: [] for p in paths}
    for message in report["messages"]:
        path = by_uri.get(message.get("url", "").replace("file:/", "file:///", 1).replace("file:////", "file:///"))
        errors[path or paths[0]].append(message)  # unattributed messages are not lost
    return errors


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session; an explicit driver path keeps Selenium Manager offline."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="telepolicy-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--window-size=1280,1024",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        driver.set_script_timeout(120)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def axe_violations(driver: Any, path: Path, tags: list[str] = WCAG21_AA) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.1 A and AA rules for one local page."""
    driver.get(path.resolve().as_uri())
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(r => done({ok: true, violations: r.violations}))
           .catch(e => done({ok: false, error: String(e)}));
        """,
        tags,
    )
    if not result["ok"]:
        raise RuntimeError(f"axe-core failed on {path}: {result['error']}")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def structure(reader: PdfReader) -> list[tuple[int, str]]:
    """The structure tree, depth first: [(depth, tag)]."""
    out: list[tuple[int, str]] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if isinstance(node, DictionaryObject) and "/S" in node:
            out.append((depth, str(node["/S"])[1:]))
            depth += 1
        kids = node.get("/K") if isinstance(node, DictionaryObject) else None
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            kid = kid.get_object()
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                walk(kid, depth)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], 0)
    return out


# Marked-content operators and text-showing operators in a content stream. WeasyPrint writes glyphs as hex
# strings (<0031>), so no literal text can contain these words; a regular expression reads a page in milliseconds.
_OPERATORS = re.compile(
    rb"/(\w+)\s*<<[^>]*?/MCID\s+(\d+)[^>]*>>\s*BDC|/(\w+)\s*/\w+\s*BDC|/(\w+)\s*BMC|(?<![\w/])(EMC|Tj|TJ)(?![\w])"
)


def untagged_text(reader: PdfReader) -> list[str]:
    """Every page's text must sit in marked content: a tagged sequence (MCID in the parent tree) or an artifact.

    Returns one line per problem; an empty list means every page's content is tagged.
    """
    problems: list[str] = []
    root = reader.trailer["/Root"]
    nums = root["/StructTreeRoot"]["/ParentTree"].get_object().get("/Nums")
    parents: dict[int, Any] = {}
    if nums is not None:
        for i in range(0, len(nums), 2):
            parents[int(nums[i])] = nums[i + 1].get_object()
    for number, page in enumerate(reader.pages, start=1):
        if "/StructParents" not in page:
            problems.append(f"page {number}: no /StructParents")
            continue
        tagged_ids = parents.get(int(page["/StructParents"]))
        stack: list[tuple[str, int | None]] = []
        text_runs = 0
        for match in _OPERATORS.finditer(page.get_contents().get_data()):
            tag_mcid, mcid, tag_props, tag_plain, operator = match.groups()
            if tag_mcid:
                stack.append((tag_mcid.decode(), int(mcid)))
            elif tag_props or tag_plain:
                stack.append(((tag_props or tag_plain).decode(), None))
            elif operator == b"EMC":
                if stack:
                    stack.pop()
            else:
                text_runs += 1
                ids = [m for _, m in stack if m is not None]
                if not ids and not any(tag == "Artifact" for tag, _ in stack):
                    problems.append(f"page {number}: text outside marked content")
                    break
                if any(tagged_ids is None or m >= len(tagged_ids) or tagged_ids[m] is None for m in ids):
                    problems.append(f"page {number}: marked content with no structure element")
                    break
        if text_runs == 0:
            problems.append(f"page {number}: no text at all")
    return problems


def xmp_text(reader: PdfReader) -> str:
    metadata = reader.trailer["/Root"].get("/Metadata")
    return metadata.get_object().get_data().decode("utf-8", "replace") if metadata is not None else ""


def env_skip_validators() -> bool:
    return os.environ.get("TELEPOLICY_SKIP_VALIDATORS") == "1"

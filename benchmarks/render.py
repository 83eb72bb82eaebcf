"""Render benchmark for the example policy: prints medians, page count and peak memory.

Targets on a 2-core machine: Markdown + HTML under 30 ms warm, PDF under 1.5 s warm,
and WeasyPrint never imported unless a PDF is asked for. The ratios compare each
figure with a reference measured in the same run (loading the project file).
"""

from __future__ import annotations

import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import pypdf

from telepolicy.generator import library_for, load_project, render
from telepolicy.generator.project.presets import presets_path
from telepolicy.generator.rendering.html import clause_html

EXAMPLE = presets_path() / "us-carrier-eea.toml"


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm caches (library, compiled templates, fonts)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    probe = "import sys, telepolicy.generator as g; g.render(g.load_preset('us-carrier-eea'), ['md','html']);"
    probe += "print('weasyprint' in sys.modules)"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()

    project = load_project(EXAMPLE)
    library = library_for(project)
    reference = median_ms(lambda: load_project(EXAMPLE), 50)
    markdown_ms = median_ms(lambda: render(project, ["md"], library), 50)
    html_ms = median_ms(lambda: render(project, ["html"], library), 50)

    def html_cold() -> None:
        clause_html.cache_clear()
        render(project, ["html"], library)

    html_cold_ms = median_ms(html_cold, 20)
    both_ms = median_ms(lambda: render(project, ["md", "html"], library), 50)
    pdf_ms = median_ms(lambda: render(project, ["pdf"], library), 7)
    pages = len(pypdf.PdfReader(io.BytesIO(render(project, ["pdf"], library).outputs["pdf"])).pages)

    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable,
            "-m",
            "telepolicy.generator",
            "render",
            str(EXAMPLE),
            "--format",
            "pdf",
            "--out",
            out,
        ]
        process_ms = median_ms(lambda: subprocess.run(command, check=True, capture_output=True), 5)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"example policy: {EXAMPLE.name}, {pages} PDF pages")
    print(f"reference (load project file):   {reference:8.2f} ms")
    for label, value, target in (
        ("markdown render (warm)", markdown_ms, None),
        ("html render (warm)", html_ms, None),
        ("html render (no clause cache)", html_cold_ms, None),
        ("markdown + html (warm)", both_ms, 30.0),
        ("pdf render (warm)", pdf_ms, 1500.0),
        ("telepolicy render --format pdf", process_ms, None),
    ):
        verdict = "" if target is None else f"  target < {target:.0f} ms: {'met' if value < target else 'MISSED'}"
        print(f"{label + ':':32} {value:8.2f} ms  ({value / reference:7.1f} x reference){verdict}")
    print(f"pdf render per page (warm):      {pdf_ms / pages:8.2f} ms  (x 14 pages = {pdf_ms / pages * 14:.0f} ms)")
    print(f"peak memory (this process):      {peak_mb:8.1f} MB")
    print(f"weasyprint imported by md/html:  {imported}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Render benchmark: whole `telepolicy` processes against reference tools measured in the same run.

    .venv/bin/python benchmarks/render.py [--quick]

Each figure is the median wall time of a whole process (start to exit), runs interleaved
with its reference so both see the same machine load:
  - `telepolicy render --format md,html` with the cache warm, against `pandoc -s --toc`
    converting the same Markdown to a standalone HTML page (target: ≤ 0.5x pandoc) for the
    unchanged project (its result is replayed from the cache: generator/replay.py); for
    reference, the same for a project edited before each run (its policy version: the pipeline
    runs, and the clauses printing the version render again, the others come from the cache);
  - `telepolicy check` with the cache warm (target: ≤ 0.3 s) of the unchanged project, and for
    reference of a project edited before each run, beside `python -c pass`;
  - `telepolicy render --format pdf` of a project changed before each run (its policy
    version), so the PDF is never in the cache and WeasyPrint lays out every page while the
    library comes from the cache, as when a user renders after an edit; against headless
    Chromium printing the same HTML cold, a new browser profile each run (target: ≤ 2x
    Chromium); then the same with the whole cache off (TELEPOLICY_NO_CACHE=1), and the
    render of an unchanged project (the PDF from the cache: no WeasyPrint work);
  - `render --jobs 2` against `--jobs 1` for 8 projects, each edited before the run so each is
    built and printed, PDF, the library from the cache (target: ≥ 1.8x); for reference, the same
    with the whole cache off, where each process also parses and checks the library (~2.7 s);
  - peak resident memory of the CLI rendering the PDF, its processes together (target: ≤ 120 MB).
Every process loads modules from compiled bytecode, as an installed app does.
The cache lives in a temporary folder (TELEPOLICY_CACHE_DIR), so the user's is untouched.
A reference tool that is not installed is skipped with a message.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Run as a script, this file's folder comes first on the path: keep it from hiding packages.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from telepolicy.generator.project.presets import presets_path  # noqa: E402

EXAMPLE = "us-carrier-eea"
QUICK = "--quick" in sys.argv


CPU: dict[str, list[float]] = {"ours": [], "theirs": []}  # CPU seconds (user + system) of the last interleaved runs


def _tree_kilobytes(pid: int) -> int:
    """The resident memory (kB) of a process and all its descendants now, from /proc (Linux)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            total = next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                total += sum(_tree_kilobytes(int(child)) for child in children.read().split())
    except (OSError, ValueError):  # the process ended meanwhile: what it held is gone
        return total
    return total


def run_seconds(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one whole process, which must succeed;
    its CPU seconds go to CPU["last"]. The memory is the largest sum over the process and the
    processes it starts (sampled every 10 ms where /proc exists), else its largest process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    peak = [0]

    def sample() -> None:
        while child.returncode is None and os.path.isdir(f"/proc/{child.pid}"):
            peak[0] = max(peak[0], _tree_kilobytes(child.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if child.returncode not in (0, 1):  # `check` exits 1 when the policy has errors
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}\n{errors.decode(errors='replace')}")
    CPU["last"] = [usage.ru_utime + usage.ru_stime]
    return seconds, max(peak[0], usage.ru_maxrss) / 1024


def interleaved(
    runs: int, ours: Callable[[], tuple[float, float]], reference: Callable[[], tuple[float, float]] | None
) -> tuple[list[float], list[float], float]:
    """Alternate our command and the reference; (our seconds, reference seconds, our peak MB)."""
    mine: list[float] = []
    theirs: list[float] = []
    CPU["ours"], CPU["theirs"] = [], []
    peak = 0.0
    for _ in range(runs):
        seconds, megabytes = ours()
        mine.append(seconds)
        CPU["ours"] += CPU["last"]
        peak = max(peak, megabytes)
        if reference is not None:
            theirs.append(reference()[0])
            CPU["theirs"] += CPU["last"]
    return mine, theirs, peak


def line(label: str, mine: list[float], theirs: list[float], reference: str, target: str, ok: bool | None) -> None:
    ours = statistics.median(mine)
    text = f"{label:52} {ours * 1000:7.0f} ms"
    if theirs:
        ref = statistics.median(theirs)
        text += f"   {reference}: {ref * 1000:7.0f} ms   ratio {ours / ref:5.2f}"
    if target:
        text += f"   target {target}: {'met' if ok else 'MISSED'}"
    print(text, flush=True)
    if CPU["ours"]:  # CPU time: steadier than wall time when the machine is shared
        cpu = statistics.median(CPU["ours"])
        text = f"{'  CPU time (user + system)':52} {cpu * 1000:7.0f} ms"
        if CPU["theirs"]:
            ref_cpu = statistics.median(CPU["theirs"])
            text += f"   {reference}: {ref_cpu * 1000:7.0f} ms   ratio {cpu / ref_cpu:5.2f}"
        print(text, flush=True)


def main() -> int:
    telepolicy = [sys.executable, "-m", "telepolicy.generator"]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        project = folder / f"{EXAMPLE}.toml"
        shutil.copy(presets_path() / f"{EXAMPLE}.toml", project)
        env = {**os.environ, "TELEPOLICY_CACHE_DIR": str(folder / "cache")}
        env.pop("TELEPOLICY_NO_CACHE", None)
        # Modules load from compiled bytecode, as in an installed app (pip compiles at install),
        # even where PYTHONDONTWRITEBYTECODE is set; the bytecode goes to a private folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        cold = {**env, "TELEPOLICY_NO_CACHE": "1"}
        out = folder / "out"

        def render(formats: str, environment: dict[str, str], jobs: int = 1, files: Sequence[Path] = (project,)):
            command = [*telepolicy, "render", *map(str, files), "--format", formats, "--out", str(out)]
            return lambda: run_seconds([*command, "--jobs", str(jobs)], environment)

        render("md,html", env)()  # fills the cache, as the first run after installing does
        markdown, page = out / f"{EXAMPLE}.md", out / f"{EXAMPLE}.html"
        runs = 5 if QUICK else 11
        print(f"example: {EXAMPLE}; medians of {runs} interleaved runs; cache in a temporary folder", flush=True)
        # Our figures depend on the interpreter's build (an unoptimised one is ~25 % slower at printing).
        print(f"python: {os.path.realpath(sys.executable)} {sys.version.split()[0]}", flush=True)

        pandoc = shutil.which("pandoc")
        to_html = [pandoc or "pandoc", "-s", "--toc", "--metadata", "title=policy", str(markdown)]
        reference = (lambda: run_seconds([*to_html, "-o", str(folder / "pandoc.html")], env)) if pandoc else None
        mine, theirs, _ = interleaved(runs, render("md,html", env), reference)
        ratio = statistics.median(mine) / statistics.median(theirs) if theirs else None
        label = "render --format md,html (unchanged: replayed)"
        line(label, mine, theirs, "pandoc -s --toc", "≤ 0.5x", ratio and ratio <= 0.5)
        if not pandoc:
            print("  pandoc is not installed: no reference (Debian: apt-get install pandoc)")
        original = project.read_text(encoding="utf-8")
        edits = iter(range(1_000_000))

        def edit_project(path: Path = project) -> None:
            """A new policy version, as after an edit: the clauses that print it render again."""
            path.write_text(original.replace('version = "3.2"', f'version = "3.2.{next(edits)}"'), "utf-8")

        def render_edited_text() -> tuple[float, float]:
            edit_project()
            return render("md,html", env)()

        mine, theirs, _ = interleaved(runs, render_edited_text, reference)
        project.write_text(original, encoding="utf-8")
        ratio = statistics.median(mine) / statistics.median(theirs) if theirs else None
        line("render --format md,html (edited project)", mine, theirs, "pandoc -s --toc", "", None)

        check = [*telepolicy, "check", str(project)]
        empty = [sys.executable, "-c", "pass"]
        run_seconds(check, env)  # keeps the result, as the first check after an edit does
        mine, theirs, _ = interleaved(runs, lambda: run_seconds(check, env), lambda: run_seconds(empty, env))
        line("check (unchanged: replayed)", mine, theirs, "python -c pass", "≤ 300 ms", statistics.median(mine) <= 0.3)

        def check_edited() -> tuple[float, float]:
            edit_project()
            return run_seconds(check, env)

        mine, theirs, _ = interleaved(runs, check_edited, lambda: run_seconds(empty, env))
        project.write_text(original, encoding="utf-8")
        line("check (edited project)", mine, theirs, "python -c pass", "", None)

        pdf_runs = 3 if QUICK else 5
        chromium = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)

        def print_with_chromium() -> tuple[float, float]:
            profile = tempfile.mkdtemp(dir=folder)
            command = [chromium or "chromium", "--headless", "--no-sandbox", "--disable-gpu"]
            command += [f"--user-data-dir={profile}", f"--print-to-pdf={folder / 'chromium.pdf'}", page.as_uri()]
            return run_seconds(command, env)

        def render_edited() -> tuple[float, float]:
            """The PDF of a project just edited: a new policy version, so the page differs."""
            edit_project()
            return render("pdf", env)()

        render("pdf", env)()  # the first PDF after installing: keeps the library lookup (rendering/libraries.py)
        mine, theirs, peak = interleaved(pdf_runs, render_edited, print_with_chromium if chromium else None)
        project.write_text(original, encoding="utf-8")
        ratio = statistics.median(mine) / statistics.median(theirs) if theirs else None
        label = "render --format pdf (edited: WeasyPrint prints)"
        line(label, mine, theirs, "chromium cold", "≤ 2x", ratio and ratio <= 2)
        if not chromium:
            print("  chromium is not installed: no reference (Debian: apt-get install chromium)")
        verdict = "met" if peak <= 120 else "MISSED"
        print(f"{'  peak memory of its processes together':52} {peak:7.0f} MB   target ≤ 120 MB: {verdict}")
        mine, theirs, _ = interleaved(pdf_runs, render("pdf", cold), print_with_chromium if chromium else None)
        line("render --format pdf (whole cache off)", mine, theirs, "chromium cold", "", None)

        render("pdf", env)()  # prints once into the cache
        mine, _, peak = interleaved(pdf_runs, render("pdf", env), None)
        line("render --format pdf (cache warm: unchanged project)", mine, [], "", "", None)
        print(f"{'  peak memory of its processes together':52} {peak:7.0f} MB")

        projects = [folder / f"project-{number}.toml" for number in range(8)]

        def render_batch(jobs: int, environment: dict[str, str]) -> float:
            """8 projects, each just edited (a new policy version): each is built and printed."""
            for copy in projects:
                edit_project(copy)
            return render("pdf", environment, jobs, projects)()[0]

        batches = (("cache warm", env), ("cache off", cold))
        for label, environment in batches[:1] if QUICK else batches:
            one, two = [], []
            for _ in range(1 if QUICK else 3):
                one.append(render_batch(1, environment))
                two.append(render_batch(2, environment))
            speedup = statistics.median(one) / statistics.median(two)
            print(f"{f'render 8 edited projects, pdf, {label}: --jobs 1':52} {statistics.median(one) * 1000:7.0f} ms")
            text = f"{f'render 8 edited projects, pdf, {label}: --jobs 2':52} {statistics.median(two) * 1000:7.0f} ms"
            text += f"   speed-up {speedup:4.2f}x"
            if environment is env:  # the target: the library from the cache, as in use
                text += f"   target ≥ 1.8x on {os.cpu_count()} cores: {'met' if speedup >= 1.8 else 'MISSED'}"
            print(text, flush=True)
        probe = "import sys, telepolicy.generator as g; print(*(m in sys.modules for m in HEAVY))"
        heavy = ("jinja2", "markdown", "weasyprint")
        imported = subprocess.run(
            [sys.executable, "-c", f"HEAVY = {heavy!r}; {probe}"], capture_output=True, text=True, check=True, env=env
        ).stdout.split()
        pairs = zip(heavy, imported, strict=True)
        found = ", ".join(f"{name} {'yes' if seen == 'True' else 'no'}" for name, seen in pairs)
        print(f"imported by `import telepolicy.generator`: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

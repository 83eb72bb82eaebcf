"""The `publish` and `diff` subcommands of the `telepolicy` command (registered by generator/cli.py).

The pipeline and the publishing service (redlines, Python-Markdown) are imported by the commands
that use them, so registering them costs the other commands nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from telepolicy.generator.outputs import write_outputs
from telepolicy.generator.publishing import CURRENT, REDLINE_FORMATS

EXIT_OK, EXIT_FAILURE = 0, 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def _cmd_publish(args: argparse.Namespace) -> int:
    from telepolicy.generator.pipeline import build
    from telepolicy.generator.project.file import load_project

    path = Path(args.file)
    project = load_project(path)
    errors = [f for f in build(project, (), check=True).findings if f.severity == "error"]
    if errors and not args.force:
        for finding in errors:
            print(f"error: {path}: {finding.code} {finding.message}", file=sys.stderr)
        print(
            f"error: {path}: not published: the compliance check found {len(errors)} error(s); "
            "fix them, or publish anyway with --force",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    from telepolicy.generator.publishing.service import publish

    result = publish(path, today=args.date, next_number=args.next)
    print(f"published version {result.entry.version} (effective {result.entry.effective_date}) as {result.path}")
    for line in result.entry.summary:
        print(f"  {line}")
    print(f"{path}: policy.version is now {result.next_version} (the next draft)")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    path = Path(args.file)
    from telepolicy.generator.publishing.service import compare, render_redline

    comparison = compare(path, args.old, args.new)
    outputs = render_redline(comparison, args.format.split(","))
    for line in comparison.redline.summary() or ["no change in the policy text"]:
        print(line)
    stem = f"{path.stem}.{comparison.stem_suffix}"
    for name in write_outputs(outputs, Path(args.out), stem):
        print(f"wrote {name}")
    return EXIT_OK


def add_publishing_commands(commands: Any) -> None:
    publish_cmd = commands.add_parser(
        "publish",
        help="record the project's current version in <stem>.history/ beside it, then move it to the next version",
    )
    publish_cmd.add_argument("file", metavar="FILE", help="the project file (.toml)")
    publish_cmd.add_argument("--next", metavar="VERSION", help="the next draft's version (default: last number + 1)")
    publish_cmd.add_argument("--date", type=_date, help="the publication date to record (default: today)")
    publish_cmd.add_argument("--force", action="store_true", help="publish even when the compliance check finds errors")
    publish_cmd.set_defaults(run=_cmd_publish)

    diff = commands.add_parser(
        "diff", help="redline two versions: insertions and deletions per section, with a summary of what changed"
    )
    diff.add_argument("file", metavar="FILE", help="the project file (.toml) whose history to compare")
    diff.add_argument("--from", dest="old", metavar="V", help="a published version (default: the latest published one)")
    diff.add_argument(
        "--to",
        dest="new",
        metavar="V",
        help=f"a published version, or {CURRENT} for the project file as it is now (default: {CURRENT})",
    )
    diff.add_argument(
        "--format", default=",".join(REDLINE_FORMATS), help="comma-separated: html,pdf,docx (default: all three)"
    )
    diff.add_argument("--out", default="out", help="output folder; writes OUT/<stem>.redline-<from>-to-<to>.<format>")
    diff.set_defaults(run=_cmd_diff)

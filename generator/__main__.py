"""`python -m telepolicy.generator` is the `telepolicy` command."""

from telepolicy.generator.cli import run

run()

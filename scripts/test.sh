#!/usr/bin/env bash
# Set up, then lint and run the whole test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
bash scripts/typecheck.sh
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"

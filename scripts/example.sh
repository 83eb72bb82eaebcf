#!/usr/bin/env bash
# Set up, then render the built-in example policy to out/ as Markdown, HTML and PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/telepolicy render clause_library/presets/us-carrier-eea.toml --format md,html,pdf --out out

#!/usr/bin/env bash
# Type-check generator/ and gui/ as the installed `telepolicy` namespace sees them: mypy
# follows folders, not the editable install's import hook, so a tree of links stands in.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/namespace/telepolicy
for package in generator gui templates clause_library; do
  ln -sfn "../../../$package" "build/namespace/telepolicy/$package"
done
.venv/bin/mypy -p telepolicy.generator -p telepolicy.gui "$@"

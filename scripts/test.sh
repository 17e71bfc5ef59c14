#!/usr/bin/env bash
# Second README command (and CI's): install everything, then run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check assist knowledge scripts_lib tests
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"

#!/usr/bin/env bash
# Second README command (and CI's): install everything, then run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# The team tests need a real PostgreSQL (ASSIST_TEST_PG_URL, or one they start from the installed
# binaries): here a missing server fails them instead of skipping them.
export ASSIST_REQUIRE_PG=${ASSIST_REQUIRE_PG:-1}
.venv/bin/ruff check assist knowledge scripts_lib tests
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"

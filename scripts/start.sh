#!/usr/bin/env bash
# First README command: install everything, then open the sidebar on the embedded store with demo content.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/assist "$@"

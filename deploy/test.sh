#!/usr/bin/env bash
# Runs every check: ruff, the import contracts (lint-imports), then the whole test suite on SQLite and on a throwaway
# PostgreSQL server, the browser tests in Chromium (system packages installed with apt
# when missing). Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/deploy/setup.sh"
bash "$ROOT/deploy/scripts/install-test-tools.sh"
cd "$ROOT"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
# Four workers: the tests mostly wait (Telegram's pace, real processes); `-n 0` runs one.
exec .venv/bin/python -m pytest -n 4 "$@"

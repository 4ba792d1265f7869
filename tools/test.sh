#!/usr/bin/env bash
# Install everything the tests need into .venv (and Chromium, axe-core), then run the whole suite:
# on SQLite, then on PostgreSQL too when NEXA_TEST_DB_URL is set (Redis tests use NEXA_TEST_REDIS_URL).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q && apt-get install -y -q --no-install-recommends chromium
    else
        echo "Chromium is missing: sudo apt-get install chromium" >&2
        exit 1
    fi
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[test,production]"
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --silent
fi
export NEXA_TEST_ARTIFACTS="${NEXA_TEST_ARTIFACTS:-$PWD/test-artifacts}"
.venv/bin/ruff check nexa addons tests tools
pg_url="${NEXA_TEST_DB_URL:-}"
echo "== test suite on SQLite"
NEXA_TEST_DB_URL= .venv/bin/python -m pytest -q "$@"
if [ -n "$pg_url" ]; then
    echo "== test suite on PostgreSQL ($pg_url)"
    NEXA_TEST_DB_URL="$pg_url" .venv/bin/python -m pytest -q "$@"
fi
echo "== benchmark smoke run (correctness only)"
.venv/bin/python -m tools.bench --smoke --systems raw,nexa --backends sqlite${pg_url:+,pg}

#!/usr/bin/env bash
# Install Nexa in .venv, create the SQLite database "demo" with demo data (once), and serve it on
# http://127.0.0.1:8069 (log in as admin / admin).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[production]"
if ! .venv/bin/nexa-bin db exists demo; then
    .venv/bin/nexa-bin db create demo --demo --with web
fi
exec .venv/bin/nexa-bin -d demo server "$@"

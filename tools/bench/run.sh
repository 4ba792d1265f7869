#!/usr/bin/env bash
# One command for the whole benchmark (15-25 minutes at full size with 3 runs):
#   tools/bench/run.sh                      # every system, sqlite and pg, 3 runs
#   tools/bench/run.sh --smoke --systems raw --backends sqlite
# Arguments go to `python -m tools.bench`; BENCH_TIMEOUT (seconds, default 3600) bounds the whole run.
set -euo pipefail
cd "$(dirname "$0")/../.."
python -c "import psutil" 2>/dev/null || python -m pip install -q psutil
exec timeout "${BENCH_TIMEOUT:-3600}" python -m tools.bench "$@"

#!/usr/bin/env bash
# Benchmark: image deploy through the platform vs. the same spec straight through Docker.
# Builds paas, starts dockerd + Swarm if needed, bootstraps this host as location "local",
# runs `paas serve` on a throwaway SQLite database, and stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
dockerd_up
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; dockerd_stop_started; rm -rf "${DATA_DIR:-/nonexistent}"' EXIT
swift build --product paas >/dev/null
DATA_DIR="$(mktemp -d)"
PORT="${BENCH_PORT:-18777}"
export PAAS_DATA_DIR="$DATA_DIR" PORT HOST=127.0.0.1 PAAS_ADMIN_EMAIL=bench-admin@example.test PAAS_ADMIN_PASSWORD=bench-admin-pass-1 PAAS_BCRYPT_COST=4
.build/debug/paas migrate >/dev/null
.build/debug/paas bootstrap --location local --country DE
.build/debug/paas serve >"$DATA_DIR/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
PAAS_URL="http://127.0.0.1:$PORT" python3 scripts/bench/deploy_bench.py

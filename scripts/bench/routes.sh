#!/usr/bin/env bash
# Benchmark: route propagation. A task starts running → the first 200 through Traefik (the ingress
# `paas bootstrap` starts, fed by the control plane's HTTP provider), median and p95 over
# BENCH_TRIALS (20), against the app answering inside its own container in the same trials.
# Starts dockerd + Swarm if needed, runs `paas serve` on a throwaway SQLite database and the ingress
# on free ports of 127.0.0.1, leaves the host firewall alone, and stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
dockerd_up
run_dir_init
install_exit_trap
# Hooks run last-in first-out: dockerd stops after everything that needs it is cleaned up.
on_exit 'dockerd_stop_started'
on_exit 'docker rm -f paas-ingress-local >/dev/null 2>&1 || true'
swift build --product paas >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; die "build failed"; }
PORT="$(free_port)" HTTP="$(free_port)" HTTPS="$(free_port)"
export PAAS_DATA_DIR="$RUN_DIR/data" PORT HOST=0.0.0.0 PAAS_ADMIN_EMAIL=bench-admin@example.test PAAS_ADMIN_PASSWORD=bench-admin-pass-1 \
    PAAS_BCRYPT_COST=4 PAAS_TRAEFIK_IMAGE="$PAAS_TRAEFIK_TEST_IMAGE" PAAS_INGRESS_BIND=127.0.0.1 PAAS_INGRESS_HTTP_PORT="$HTTP" \
    PAAS_INGRESS_HTTPS_PORT="$HTTPS" PAAS_ACME_CA_URL=https://127.0.0.1:9/dir
mkdir -p "$PAAS_DATA_DIR"
.build/debug/paas migrate >/dev/null
.build/debug/paas bootstrap --location local --country DE --no-firewall
start_bg "paas serve" "$RUN_DIR/logs/serve.log" .build/debug/paas serve
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
PAAS_URL="http://127.0.0.1:$PORT" PAAS_INGRESS_URL="http://127.0.0.1:$HTTP" python3 scripts/bench/routes_bench.py
_SUMMARY_PRINTED=1

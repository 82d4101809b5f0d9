#!/usr/bin/env bash
# Benchmark: `git push` of the Dockerfile fixture -> first 200 of the new version through the
# ingress (cached rebuild), against the floor measured in the same run on the same fixture (plain
# `docker build` + `docker service update` + first 200 on a published loopback port); then the
# requests that fail during three consecutive redeploys under constant load (target: 0).
# Starts dockerd + Swarm if needed, the registry on 127.0.0.1, `paas serve` on a throwaway SQLite
# database and the ingress on free loopback ports; stops only what it started.
#   BENCH_TRIALS (3)  pushes and floor rounds measured
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
# shellcheck source=../lib/registry.sh
source scripts/lib/registry.sh
dockerd_up
run_dir_init
install_exit_trap
# Hooks run last-in first-out: dockerd stops after everything that needs it is cleaned up.
on_exit 'dockerd_stop_started'
on_exit 'docker rm -f paas-ingress-local >/dev/null 2>&1 || true'
on_exit 'docker service rm paas-bench-floor >/dev/null 2>&1 || true'
registry_up 127.0.0.1
swift build --product paas >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; die "build failed"; }
PORT="$(free_port)" HTTP="$(free_port)" HTTPS="$(free_port)"
export PAAS_DATA_DIR="$RUN_DIR/data" PORT HOST=0.0.0.0 PAAS_ADMIN_EMAIL=bench-admin@example.test PAAS_ADMIN_PASSWORD=bench-admin-pass-1 \
    PAAS_BCRYPT_COST=4 PAAS_TRAEFIK_IMAGE="$PAAS_TRAEFIK_TEST_IMAGE" PAAS_INGRESS_BIND=127.0.0.1 PAAS_INGRESS_HTTP_PORT="$HTTP" \
    PAAS_INGRESS_HTTPS_PORT="$HTTPS" PAAS_ACME_CA_URL=https://127.0.0.1:9/dir PAAS_REGISTRY="$PAAS_REGISTRY" \
    PAAS_BUILD_STACK_IMAGE="$PAAS_BUSYBOX_IMAGE"
mkdir -p "$PAAS_DATA_DIR"
.build/debug/paas migrate >/dev/null
.build/debug/paas bootstrap --location local --country DE --no-firewall
start_bg "paas serve" "$RUN_DIR/logs/serve.log" .build/debug/paas serve
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
PAAS_URL="http://127.0.0.1:$PORT" PAAS_INGRESS_URL="http://127.0.0.1:$HTTP" BENCH_BASE_IMAGE="$PAAS_BUSYBOX_IMAGE" \
    BENCH_FLOOR_PORT="$(free_port)" BENCH_WORK="$RUN_DIR/work" python3 scripts/bench/git_push_bench.py ||
    { tail -n 40 "$RUN_DIR/logs/serve.log" | grep -v 'GET /internal/traefik' >&2; die "the benchmark failed"; }
_SUMMARY_PRINTED=1

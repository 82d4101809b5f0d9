#!/usr/bin/env bash
# Benchmark: `git push` of the Dockerfile fixture -> first 200 of the new version through the
# ingress (cached rebuild), against the floor measured in the same run on the same fixture (plain
# `docker build` + `docker service update` + first 200 on a published loopback port); then the
# requests that fail during three consecutive redeploys under constant load (target: 0).
# Starts dockerd + Swarm if needed, the registry on 127.0.0.1 and the platform as
# scripts/lib/bench.sh runs it; stops only what it started.
#   BENCH_TRIALS (3)  pushes and floor rounds measured
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
# shellcheck source=../lib/registry.sh
source scripts/lib/registry.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh
bench_prepare
on_exit 'docker service rm paas-bench-floor >/dev/null 2>&1 || true'
registry_up 127.0.0.1
bench_platform_up PAAS_REGISTRY="$PAAS_REGISTRY" PAAS_BUILD_STACK_IMAGE="$PAAS_BUSYBOX_IMAGE"
BENCH_BASE_IMAGE="$PAAS_BUSYBOX_IMAGE" BENCH_FLOOR_PORT="$(free_port)" BENCH_WORK="$RUN_DIR/work" \
    python3 scripts/bench/git_push_bench.py || bench_failed
_SUMMARY_PRINTED=1

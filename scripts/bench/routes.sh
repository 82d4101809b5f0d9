#!/usr/bin/env bash
# Benchmark: route propagation. A task starts running → the first 200 through Traefik (the ingress
# `paas bootstrap` starts, fed by the control plane's HTTP provider), median and p95 over
# BENCH_TRIALS (20), against the app answering inside its own container in the same trials.
# Starts dockerd + Swarm if needed and the platform as scripts/lib/bench.sh runs it (the ingress on
# free ports of 127.0.0.1, the host firewall left alone); stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/common.sh
source scripts/lib/common.sh
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
# shellcheck source=../lib/bench.sh
source scripts/lib/bench.sh
bench_prepare
bench_platform_up
python3 scripts/bench/routes_bench.py || bench_failed
_SUMMARY_PRINTED=1

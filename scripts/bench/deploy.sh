#!/usr/bin/env bash
# Benchmark: image deploy through the platform vs. the same spec straight through Docker.
# Starts dockerd + Swarm if needed and the platform as scripts/lib/bench.sh runs it; stops only what
# it started. A platform deploy answers once its release is healthy.
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
python3 scripts/bench/deploy_bench.py || bench_failed
_SUMMARY_PRINTED=1
